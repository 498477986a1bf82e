"""The editor's permission matrix, first half: the rule it checks (who may view, change, add, take a step) and
the world of rows it checks it on (every section in every variant, per plan status and protection level).

The cases and the test functions are in test_permissions.py.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.test import Client

from core.access import Role
from core.base import Protection
from editor.sections import SECTIONS
from plans.models import Plan
from tests import factories as f

S = Plan.Status
PUB, RESTR = Protection.PUBLIC, Protection.RESTRICTED
NEW = "Gewijzigd in de test"
LOGIN_URL = "/accounts/login/"

# --- The rule ---------------------------------------------------------------------------------------------------------

USERS = ("anonymous", "outsider", "advisor_a", "council_a", "chief_a", "advisor_b", "superuser")
MEMBERSHIPS = {
    "advisor_a": ("A", Role.ADVISOR),
    "council_a": ("A", Role.COUNCIL),
    "chief_a": ("A", Role.CHIEF),
    "advisor_b": ("B", Role.ADVISOR),
}
EDITORS = (Role.ADVISOR, Role.CHIEF)

# plan key: (zone, status)
PLANS = {
    "draft": ("A", S.DRAFT),
    "published": ("A", S.PUBLISHED),
    "b_draft": ("B", S.DRAFT),
    "revision": ("A", S.DRAFT),  # a draft revision of the published plan
}
FOLLOW_UP_SLUGS = ("actieplannen", "doelstellingen", "acties", "mijlpalen")
# Sections of a zone's own data: its statistical series and its own policy frameworks. A zone's framework is
# "public" when a public priority of the published plan answers it, "restricted" (its members') otherwise.
ZONE_SLUGS = ("reeksen", "kaders", "misdrijfcategorieen")
PARENT_SLUG = {"actieplannen": "prioriteiten", "doelstellingen": "actieplannen", "mijlpalen": "actieplannen",
               "acties": "doelstellingen"}  # fmt: skip


@dataclass(frozen=True)
class Spec:
    """What the test knows about a row without reading the code: where it lives and who may see it."""

    key: str
    zone: str
    plan: str | None = None  # None: zone-level data (statistics, the zone itself)
    public: bool = False  # what a citizen sees
    follow_up: bool = False  # yearly follow-up: editable until the plan is archived
    markers: tuple[str, ...] = ()

    @property
    def status(self):
        return PLANS[self.plan][1] if self.plan else None

    @property
    def open_for_change(self) -> bool:
        if self.plan is None:
            return True
        return self.status == S.DRAFT or (self.follow_up and self.status in Plan.FOLLOW_UP_STATUSES)


def has_role(user, zone, *roles) -> bool:
    if user == "superuser":
        return True
    membership = MEMBERSHIPS.get(user)
    return membership is not None and membership[0] == zone and membership[1] in roles


def may_view(user, spec: Spec) -> bool:
    if user == "anonymous":
        return False
    return user == "superuser" or spec.public or MEMBERSHIPS.get(user, (None,))[0] == spec.zone


def may_change(user, spec: Spec) -> bool:
    return has_role(user, spec.zone, *EDITORS) and spec.open_for_change


# The outcomes a request can have.
LOGIN, NOT_FOUND, FORBIDDEN = "login", "404", "403"
OK, OK_EDIT, OK_READ = "200", "200-editable", "200-read-only"
DONE, REFUSED = "302-done", "302-refused"


def view_outcome(user, spec):
    if user == "anonymous":
        return LOGIN
    return OK if may_view(user, spec) else NOT_FOUND


def form_outcome(user, spec):
    if user == "anonymous":
        return LOGIN
    if not may_view(user, spec):
        return NOT_FOUND
    return OK_EDIT if may_change(user, spec) else OK_READ


def write_outcome(user, spec):
    if user == "anonymous":
        return LOGIN
    if not may_view(user, spec):
        return NOT_FOUND
    return DONE if may_change(user, spec) else FORBIDDEN


def confirm_outcome(user, spec):
    outcome = write_outcome(user, spec)
    return OK if outcome == DONE else outcome


def add_outcome(user, slug, parent: Spec, post: bool):
    if user == "anonymous":
        return LOGIN
    if not may_view(user, parent):
        return NOT_FOUND
    child = Spec(key="new", zone=parent.zone, plan=parent.plan, follow_up=slug in FOLLOW_UP_SLUGS)
    if not may_change(user, child):
        return FORBIDDEN
    return DONE if post else OK_EDIT


def action_outcome(user, spec, allowed: bool, refusal=FORBIDDEN):
    """A POST that is not an edit of the row itself (comment, workflow step, values)."""
    if user == "anonymous":
        return LOGIN
    if not may_view(user, spec):
        return NOT_FOUND
    return DONE if allowed else refusal


# --- The rows ---------------------------------------------------------------------------------------------------------


def _key(*parts) -> str:
    return ",".join(p for p in parts if p)


# Of the zone-level sections (ZONE_SLUGS), those that only the zone's members see (its own crime categories:
# a citizen never sees another zone's local category).
MEMBERS_ONLY_SLUGS = ("misdrijfcategorieen",)


def _has_protection(model) -> bool:
    return any(f.name == "protection" for f in model._meta.get_fields())


def _row_variants(slug) -> tuple[str, ...]:
    """Public and restricted rows where the protection can differ (own field or the action plan above)."""
    section = SECTIONS[slug]
    if slug in MEMBERS_ONLY_SLUGS:
        return ("local",)
    varies = _has_protection(section.model) or slug in FOLLOW_UP_SLUGS or slug == "kaders"
    return ("public", "restricted") if varies else ("",)


def _row_spec(slug, plan, variant) -> Spec:
    key = _key(slug, plan, variant)
    zone, status = ("A", None) if plan is None else PLANS[plan]
    public = variant != "restricted" and (plan is None or status == S.PUBLISHED) and slug not in MEMBERS_ONLY_SLUGS
    return Spec(key, zone, plan, public, slug in FOLLOW_UP_SLUGS, (f"@{key}@",))


PLAN_SPECS = {key: Spec(f"plan:{key}", zone, key, status == S.PUBLISHED, markers=(f"@plan:{key}@",))
              for key, (zone, status) in PLANS.items()}  # fmt: skip
ZONE_SPECS = {zone: Spec(f"zone:{zone}", zone, None, True) for zone in ("A", "B")}

ROW_SPECS: dict[str, Spec] = {}
for _slug in SECTIONS:
    for _plan in (None,) if _slug in ZONE_SLUGS else ("draft", "published"):
        for _variant in _row_variants(_slug):
            _spec = _row_spec(_slug, _plan, _variant)
            ROW_SPECS[_spec.key] = _spec

# Where section lists and add forms are opened: (slug, plan, variant) -> the parent's spec.
LIST_PARENTS: dict[tuple, Spec] = {}
for _slug, _section in SECTIONS.items():
    if _slug in ZONE_SLUGS:
        LIST_PARENTS[(_slug, None, "")] = ZONE_SPECS["A"]
    elif _slug in PARENT_SLUG:
        for _plan in ("draft", "published"):
            for _variant in ("public", "restricted"):
                LIST_PARENTS[(_slug, _plan, _variant)] = ROW_SPECS[_key(PARENT_SLUG[_slug], _plan, _variant)]
    else:
        for _plan in ("draft", "published"):
            LIST_PARENTS[(_slug, _plan, "")] = PLAN_SPECS[_plan]

# Internal rows that are not sections: council comments, the workflow timeline, a value awaiting approval.
EXTRA_SPECS = {
    "comment:draft": Spec("comment:draft", "A", "draft", markers=("@comment:draft@",)),
    "comment:published": Spec("comment:published", "A", "published", markers=("@comment:published@",)),
    "timeline:published": Spec("timeline:published", "A", "published", markers=("@timeline:published@",)),
    "value:published:unapproved": Spec("value:published:unapproved", "A", "published",
                                       markers=("9876.54", "9876,54")),
}  # fmt: skip

ALL_SPECS = {**{s.key: s for s in PLAN_SPECS.values()}, **ROW_SPECS, **EXTRA_SPECS}

# The field of each section's model that carries the marker (and that a POST changes).
MARKER_FIELD = {
    "hoofdstukken": "title", "waarden": "name", "verwachtingen": "name", "ondertekenaars": "name",
    "domeinen": "name", "themas": "name", "prioriteiten": "short_title", "indicatoren": "name",
    "kerncijfers": "label", "financien": "label", "personeel": "title", "actieplannen": "title",
    "doelstellingen": "title", "acties": "title", "mijlpalen": "title", "reeksen": "name", "kaders": "title",
    "misdrijfcategorieen": "name",
}  # fmt: skip

# What a new row needs besides the marker field (the form's defaults fill the rest).
ADD_VALUES = {
    "verwachtingen": {"role": "mayor", "expectations": "Meer blauw op straat"},
    "ondertekenaars": {"role": "Burgemeester"},
    "domeinen": {"code": "NIEUW"},
    "prioriteiten": {"number": "99"},
    "indicatoren": {"unit": "feiten"},
    "kerncijfers": {"value_text": "12"},
    "financien": {"year": "2021", "category": "personnel", "amount": "1000"},
    "actieplannen": {"year": "2024"},
    "mijlpalen": {"due_date": "2024-06-30"},
    "reeksen": {"kind": "other"},
    "kaders": {"code": "NIEUW"},
    "misdrijfcategorieen": {"code": "eigen"},
}


class World:
    """The rows of the matrix by key, the users by name, and a signed-in session per user."""

    def __init__(self):
        self.rows = {}
        self.plans = {}
        self.zones = {}
        self.users = {}
        self.sessions = {}
        self.priorities = {}  # plan key -> {"public": Priority, "restricted": Priority}
        self.indicators = {}  # plan key -> {"public": Indicator, "restricted": Indicator}

    def put(self, key, obj):
        assert key in ALL_SPECS, key
        assert key not in self.rows, key
        self.rows[key] = obj
        return obj

    def client(self, user_name) -> Client:
        client = Client(HTTP_ACCEPT_LANGUAGE="nl")
        if user_name != "anonymous":
            client.cookies[settings.SESSION_COOKIE_NAME] = self.sessions[user_name]
        return client


def _mark(key):
    return ALL_SPECS[key].markers[0]


def _build_plan_rows(w: World, plan_key: str, plan: Plan):
    def put(slug, variant, factory, **kwargs):
        key = _key(slug, plan_key, variant)
        return w.put(key, factory(**{MARKER_FIELD[slug]: _mark(key)}, **kwargs))

    priorities, expectations = {}, []
    for number, (variant, prot) in enumerate((("public", PUB), ("restricted", RESTR)), start=1):
        put("hoofdstukken", variant, f.ChapterFactory, plan=plan, protection=prot)
        expectations.append(put("verwachtingen", variant, f.StakeholderExpectationFactory, plan=plan, protection=prot))
        put("ondertekenaars", variant, f.SignatoryFactory, plan=plan, protection=prot)
        put("kerncijfers", variant, f.KeyFigureFactory, plan=plan, protection=prot)
        put("financien", variant, f.FinancialLineFactory, plan=plan, protection=prot)
        table = put("personeel", variant, f.StaffTableFactory, plan=plan, protection=prot)
        f.StaffLineFactory(table=table, label="Inspecteur")
        priorities[variant] = put("prioriteiten", variant, f.PriorityFactory, plan=plan, protection=prot,
                                  number=number)  # fmt: skip
    # The public priority answers both expectations: a reader must not learn the restricted one's name.
    priorities["public"].stakeholder_expectations.set(expectations)
    put("waarden", "", f.PlanValueFactory, plan=plan)
    put("domeinen", "", f.DomainFactory, plan=plan)
    put("themas", "", f.ThemeFactory, plan=plan)
    indicators = {}
    for variant, prot in (("public", PUB), ("restricted", RESTR)):
        indicators[variant] = put("indicatoren", variant, f.IndicatorFactory, plan=plan, protection=prot,
                                  priority=priorities["public"])  # fmt: skip
        f.IndicatorTargetFactory(indicator=indicators[variant], year=2021, value=Decimal("50"))

    # The yearly follow-up: the public chain under the public priority; the restricted variants under a
    # restricted action plan (objective, milestone) or restricted themselves (action plan, action).
    ap = {
        "public": put("actieplannen", "public", f.ActionPlanFactory, priority=priorities["public"], year=2020,
                      protection=PUB),
        "restricted": put("actieplannen", "restricted", f.ActionPlanFactory, priority=priorities["public"],
                          year=2021, protection=RESTR),
    }  # fmt: skip
    objectives = {
        variant: put("doelstellingen", variant, f.ObjectiveFactory, action_plan=ap[variant]) for variant in ap
    }
    for variant in ap:
        put("mijlpalen", variant, f.MilestoneFactory, action_plan=ap[variant])
    put("acties", "public", f.ActionFactory, objective=objectives["public"], protection=PUB)
    put("acties", "restricted", f.ActionFactory, objective=objectives["public"], protection=RESTR)

    comment = f.CommentFactory(priority=priorities["public"], author=w.users["council_a"],
                               body=_mark(f"comment:{plan_key}"))  # fmt: skip
    w.put(f"comment:{plan_key}", comment)
    return priorities, indicators


def build_world() -> World:
    w = World()
    w.zones = {
        "A": f.PoliceZoneFactory(name="PZ Alfa", slug="alfa"),
        "B": f.PoliceZoneFactory(name="PZ Bravo", slug="bravo"),
    }
    f.MunicipalityFactory(zone=w.zones["A"], name="Aalst", nis_code="41002")
    f.MunicipalityFactory(zone=w.zones["B"], name="Brugge", nis_code="31005")

    w.users["outsider"] = f.UserFactory(username="outsider")
    w.users["superuser"] = f.UserFactory(username="admin", superuser=True)
    for name, (zone, role) in MEMBERSHIPS.items():
        w.users[name] = f.UserFactory(username=name)
        f.ZoneMembershipFactory(user=w.users[name], zone=w.zones[zone], role=role)

    w.plans["draft"] = f.PlanFactory(zone=w.zones["A"], title=_mark("plan:draft"))
    w.plans["published"] = f.PlanFactory(zone=w.zones["A"], title=_mark("plan:published"), published=True)
    w.plans["b_draft"] = f.PlanFactory(zone=w.zones["B"], title=_mark("plan:b_draft"))
    w.plans["revision"] = f.PlanFactory(zone=w.zones["A"], title=_mark("plan:revision"), kind=Plan.Kind.REVISION,
                                        extends=w.plans["published"])  # fmt: skip
    for key, plan in w.plans.items():
        w.put(f"plan:{key}", plan)

    for key in ("draft", "published"):
        w.priorities[key], w.indicators[key] = _build_plan_rows(w, key, w.plans[key])

    for variant, prot in (("public", PUB), ("restricted", RESTR)):
        key = _key("reeksen", None, variant)
        series = w.put(key, f.StatSeriesFactory(zone=w.zones["A"], protection=prot, name=_mark(key)))
        f.StatPointFactory(series=series, year=2021, value=Decimal("210"))
        key = _key("kaders", None, variant)
        framework = w.put(key, f.FrameworkFactory(zone=w.zones["A"], title=_mark(key)))
        if variant == "public":
            w.priorities["published"]["public"].frameworks.add(framework)
    key = _key("misdrijfcategorieen", None, "local")
    w.put(key, f.CrimeCategoryFactory(zone=w.zones["A"], code="lokaal", name=_mark(key)))

    published = w.plans["published"]
    w.put("timeline:published", f.PlanStatusChangeFactory(
        plan=published, from_status=S.APPROVED, to_status=S.PUBLISHED, changed_by=w.users["chief_a"],
        note=_mark("timeline:published"),
    ))  # fmt: skip
    public_indicator = w.indicators["published"]["public"]
    f.IndicatorValueFactory(indicator=public_indicator, year=2020, value=Decimal("1234.56"), approved=True,
                            approved_by=w.users["council_a"])  # fmt: skip
    w.put("value:published:unapproved", f.IndicatorValueFactory(
        indicator=public_indicator, year=2022, value=Decimal("9876.54"), entered_by=w.users["advisor_a"],
    ))  # fmt: skip

    for name, user in w.users.items():
        client = Client()
        client.force_login(user)
        w.sessions[name] = client.cookies[settings.SESSION_COOKIE_NAME].value
    w.users["anonymous"] = None
    return w
