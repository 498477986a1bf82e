"""Who may open and submit what in the plan editor: a permission matrix over every URL of plans/urls.py.

Users: anonymous, an outsider (signed in, no role), the advisor, council member
and korpschef of zone A, an advisor of zone B and a site administrator.

The world (built once for the module, rolled back at its end): zone A has a
draft plan and a published plan, each with one row of every editor section
(plans/sections.py), public and restricted where the model has a protection
level; the yearly follow-up (action plans, objectives, actions, milestones)
hangs under a public priority, and a restricted variant sits under a
restricted action plan. Zone A also has public and restricted statistical
series; zone B a draft plan; the published plan a draft revision. Every row
carries a unique marker (``@<key>@``) in its title or name, so a page that
shows a row the user may not see is caught whatever the view.

The expected outcome of every (URL, user) comes from the small rule below,
written from the brief, not from the code:

* may view: signed-in users see the public rows of published plans (and
  zones, which are public facts); a zone's members see everything of their
  zone; the site administrator sees everything;
* may change: the advisors and korpschef of the zone change draft plan
  content; the yearly follow-up also on the published plan; statistical
  series always; the site administrator like an editor of every zone, but a
  frozen plan is frozen for him too; council members never;
* a page of a row the user may not see answers 404, never 403 (existence is
  not revealed); a row they may see but not change opens read-only (no Save
  button) and refuses a POST with 403; an allowed POST redirects (302) and
  the row changed; anonymous users are sent to the login page.
"""

import datetime
import re
from dataclasses import dataclass, field
from decimal import Decimal

import pytest
from django.conf import settings
from django.core import mail
from django.db import transaction
from django.test import Client, override_settings
from django.urls import reverse

from comments.models import Comment
from core.access import ABILITIES, Role
from core.base import Protection
from editor.sections import SECTIONS
from plans.forms import PlanForm
from plans.models import Plan
from plans.services import TRANSITIONS
from priorities.models import Priority
from stats.models import IndicatorValue
from tests import factories as f
from tests.editor import form_data, has_save_button, message_levels, nl, section_form_data
from zones.forms import MunicipalityFormSet, ZoneForm
from zones.models import PoliceZone

pytestmark = pytest.mark.django_db

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


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """Built once for the module inside a transaction that is rolled back at the end."""
    fast_hashing = override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])
    with django_db_blocker.unblock(), transaction.atomic(), fast_hashing:
        yield build_world()
        transaction.set_rollback(True)


# --- The cases --------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    id: str
    url: object  # World -> str
    expect: object  # user name -> outcome
    lists: tuple[str, ...] = ()  # rows a list page shows to those who may see them
    data: object = None  # World -> POST data
    done: object = None  # World -> did the write happen?
    extra: dict = field(default_factory=dict)


def _plan_url(name, plan_key, *args):
    return lambda w: reverse(f"editor:{name}", args=[w.plans[plan_key].pk, *args])


def _row(w, key):
    return w.rows[key]


def _row_url(name, key):
    slug = key.split(",")[0]
    return lambda w: reverse(f"editor:{name}", args=[slug, _row(w, key).pk])


def _parent(w, spec: Spec):
    if spec.key.startswith("zone:"):
        return w.zones[spec.zone]
    if spec.key.startswith("plan:"):
        return w.plans[spec.plan]
    return w.rows[spec.key]


def _list_url(name, slug, parent_spec):
    return lambda w: reverse(f"editor:{name}", args=[slug, _parent(w, parent_spec).pk])


def _rows_under(slug) -> tuple[str, ...]:
    """The rows of *slug*; a list shows those under its parent to the users who may see them."""
    return tuple(key for key in ROW_SPECS if key.startswith(f"{slug},"))


def _section_edit_data(key):
    slug = key.split(",")[0]
    section = SECTIONS[slug]

    def data(w):
        obj = _row(w, key)
        return section_form_data(section, obj, getattr(obj, section.parent_field), **{MARKER_FIELD[slug]: NEW})

    return data


def _section_edit_done(key):
    slug = key.split(",")[0]

    def done(w):
        obj = SECTIONS[slug].model.objects.get(pk=_row(w, key).pk)
        return getattr(obj, MARKER_FIELD[slug]) == NEW

    return done


def _section_add_data(slug, parent_spec):
    section = SECTIONS[slug]

    def data(w):
        parent = _parent(w, parent_spec)
        new = section.model(**{section.parent_field: parent})
        return section_form_data(section, new, parent, **{MARKER_FIELD[slug]: NEW}, **ADD_VALUES.get(slug, {}))

    return data


def _section_add_done(slug, parent_spec):
    section = SECTIONS[slug]
    return lambda w: section.model.objects.filter(
        **{section.parent_field: _parent(w, parent_spec), MARKER_FIELD[slug]: NEW}
    ).exists()


def _section_delete_done(key):
    slug = key.split(",")[0]
    return lambda w: not SECTIONS[slug].model.objects.filter(pk=_row(w, key).pk).exists()


def _plan_edit_data(plan_key):
    return lambda w: form_data(PlanForm(instance=w.plans[plan_key]), title=NEW)


def _zone_data(zone):
    def data(w):
        instance = w.zones[zone]
        return form_data(ZoneForm(instance=instance), MunicipalityFormSet(instance=instance, prefix="lines"),
                         long_name=NEW)  # fmt: skip

    return data


def _list_id(name, slug, plan, variant):
    return f"{name}[{_key(slug, plan, variant)}]"


def get_cases() -> list[Case]:
    cases = [Case("workspace", lambda w: reverse("editor:workspace"),
                  lambda u: LOGIN if u == "anonymous" else OK)]  # fmt: skip
    for zone, spec in ZONE_SPECS.items():
        cases.append(Case(f"zone[{zone}]", lambda w, z=zone: reverse("editor:zone", args=[w.zones[z].pk]),
                          lambda u, s=spec: form_outcome(u, s)))  # fmt: skip
        cases.append(Case(f"zone-history[{zone}]",
                          lambda w, z=zone: reverse("editor:zone-history", args=[w.zones[z].pk]),
                          lambda u, s=spec: view_outcome(u, s)))  # fmt: skip
    for plan_key, spec in PLAN_SPECS.items():
        cases.append(Case(f"plan[{plan_key}]", _plan_url("plan", plan_key), lambda u, s=spec: view_outcome(u, s)))
        if plan_key == "revision":
            continue
        cases.append(Case(f"plan-edit[{plan_key}]", _plan_url("plan-edit", plan_key),
                          lambda u, s=spec: form_outcome(u, s)))  # fmt: skip
        cases.append(Case(f"plan-history[{plan_key}]", _plan_url("plan-history", plan_key),
                          lambda u, s=spec: view_outcome(u, s)))  # fmt: skip
    cases.append(Case("plan-compare[revision]", _plan_url("plan-compare", "revision"),
                      lambda u: view_outcome(u, PLAN_SPECS["revision"])))  # fmt: skip
    # A plan that extends nothing has nothing to compare with.
    cases.append(Case("plan-compare[published]", _plan_url("plan-compare", "published"),
                      lambda u: LOGIN if u == "anonymous" else NOT_FOUND))  # fmt: skip
    for plan_key in ("draft", "published"):
        spec = PLAN_SPECS[plan_key]
        cases.append(Case(f"values[{plan_key},2021]", _plan_url("values", plan_key, 2021),
                          lambda u, s=spec: _values_outcome(u, s, post=False)))  # fmt: skip
        for variant in ("public", "restricted"):
            for name, slug in (("priority", "prioriteiten"), ("actionplan", "actieplannen")):
                key = _key(slug, plan_key, variant)
                cases.append(Case(f"{name}[{plan_key},{variant}]",
                                  lambda w, n=name, k=key: reverse(f"editor:{n}", args=[_row(w, k).pk]),
                                  lambda u, s=ROW_SPECS[key]: view_outcome(u, s)))  # fmt: skip
    for (slug, plan, variant), parent in LIST_PARENTS.items():
        cases.append(Case(_list_id("section-list", slug, plan, variant), _list_url("section-list", slug, parent),
                          lambda u, p=parent: view_outcome(u, p), lists=_rows_under(slug),
                          extra={"slug": slug, "parent": parent}))  # fmt: skip
        cases.append(Case(_list_id("section-add", slug, plan, variant), _list_url("section-add", slug, parent),
                          lambda u, sl=slug, p=parent: add_outcome(u, sl, p, post=False)))  # fmt: skip
    for key, spec in ROW_SPECS.items():
        cases.append(Case(f"section-edit[{key}]", _row_url("section-edit", key), lambda u, s=spec: form_outcome(u, s)))
        cases.append(Case(f"section-delete[{key}]", _row_url("section-delete", key),
                          lambda u, s=spec: confirm_outcome(u, s)))  # fmt: skip
        cases.append(Case(f"section-history[{key}]", _row_url("section-history", key),
                          lambda u, s=spec: view_outcome(u, s)))  # fmt: skip
    return cases


def _values_outcome(user, spec, post):
    """The yearly values grid: advisors and the korpschef enter values while the plan is in force."""
    can_enter = has_role(user, spec.zone, *EDITORS) and spec.status in Plan.FOLLOW_UP_STATUSES
    if not post:
        outcome = view_outcome(user, spec)
        return outcome if outcome != OK else (OK_EDIT if can_enter else OK_READ)
    return action_outcome(user, spec, can_enter)


def _transition_case(plan_key, to_status):
    spec = PLAN_SPECS[plan_key]
    step = (spec.status, to_status)
    return Case(
        f"plan-transition[{plan_key}->{to_status}]",
        _plan_url("plan-transition", plan_key),
        lambda u: action_outcome(u, spec, has_role(u, spec.zone, *ABILITIES[TRANSITIONS[step]]), refusal=REFUSED),
        data=lambda w: {"to_status": to_status, "note": "Test"},
        done=lambda w: Plan.objects.get(pk=w.plans[plan_key].pk).status == to_status,
    )


def _new_version_case(plan_key, kind):
    spec = PLAN_SPECS[plan_key]
    existing = 1 if plan_key == "published" else 0  # the published plan already has a draft revision

    def done(w):
        return Plan.objects.filter(extends=w.plans[plan_key]).count() > existing

    def expect(user):
        allowed = spec.status in (S.APPROVED, S.PUBLISHED) and has_role(user, spec.zone, *EDITORS)
        return action_outcome(user, spec, allowed, refusal=REFUSED)

    return Case(f"plan-new-version[{plan_key},{kind}]", _plan_url("plan-new-version", plan_key, kind), expect,
                data=lambda w: {"period_end": "2027"}, done=done)  # fmt: skip


def _ministerial_case(plan_key):
    spec = PLAN_SPECS[plan_key]
    approved_on = datetime.date(2030, 1, 2)

    def expect(user):
        allowed = spec.status in (S.APPROVED, S.PUBLISHED) and has_role(user, spec.zone, Role.CHIEF, Role.COUNCIL)
        return action_outcome(user, spec, allowed, refusal=REFUSED)

    def done(w):
        return Plan.objects.get(pk=w.plans[plan_key].pk).minister_approved_on == approved_on

    return Case(f"plan-ministerial-approval[{plan_key}]", _plan_url("plan-ministerial-approval", plan_key), expect,
                data=lambda w: {"on": approved_on.isoformat()}, done=done)  # fmt: skip


def post_cases() -> list[Case]:
    cases = []
    for zone, spec in ZONE_SPECS.items():
        cases.append(Case(f"zone[{zone}]", lambda w, z=zone: reverse("editor:zone", args=[w.zones[z].pk]),
                          lambda u, s=spec: write_outcome(u, s), data=_zone_data(zone),
                          done=lambda w, z=zone: PoliceZone.objects.get(pk=w.zones[z].pk).long_name == NEW),
        )  # fmt: skip
    for plan_key in ("draft", "published", "b_draft"):
        spec = PLAN_SPECS[plan_key]
        cases.append(Case(f"plan-edit[{plan_key}]", _plan_url("plan-edit", plan_key),
                          lambda u, s=spec: write_outcome(u, s), data=_plan_edit_data(plan_key),
                          done=lambda w, p=plan_key: Plan.objects.get(pk=w.plans[p].pk).title == NEW))  # fmt: skip
    cases += [_transition_case("draft", S.IN_REVIEW), _transition_case("published", S.ARCHIVED),
              _transition_case("b_draft", S.IN_REVIEW)]  # fmt: skip
    cases += [_new_version_case("published", "revisie"), _new_version_case("published", "addendum"),
              _new_version_case("draft", "revisie")]  # fmt: skip
    cases += [_ministerial_case("published"), _ministerial_case("draft")]
    for plan_key in ("draft", "published"):
        spec = PLAN_SPECS[plan_key]
        cases.append(Case(
            f"values[{plan_key},2021]", _plan_url("values", plan_key, 2021),
            lambda u, s=spec: _values_outcome(u, s, post=True),
            data=lambda w, p=plan_key: {f"value_{w.indicators[p]['public'].pk}": "42"},
            done=lambda w, p=plan_key: IndicatorValue.objects.filter(
                indicator=w.indicators[p]["public"], year=2021, value=42).exists(),
        ))  # fmt: skip
        cases.append(Case(
            f"priority-move[{plan_key},omhoog]", _plan_url("priority-move", plan_key, "omhoog"),
            lambda u, s=spec: write_outcome(u, s),
            data=lambda w, p=plan_key: {"priority": w.priorities[p]["restricted"].pk},
            done=lambda w, p=plan_key: Priority.objects.get(pk=w.priorities[p]["restricted"].pk).number == 1,
        ))  # fmt: skip
        comment = EXTRA_SPECS[f"comment:{plan_key}"]
        cases.append(Case(
            f"comment-resolve[{plan_key}]",
            lambda w, p=plan_key: reverse("editor:comment-resolve", args=[w.rows[f"comment:{p}"].pk]),
            lambda u, s=comment: action_outcome(u, s, has_role(u, s.zone, Role.ADVISOR, Role.CHIEF)),
            data=lambda w: {},
            done=lambda w, p=plan_key: Comment.objects.get(pk=w.rows[f"comment:{p}"].pk).resolved_at is not None,
        ))  # fmt: skip
        for variant in ("public", "restricted"):
            for kind, slug in (("prioriteit", "prioriteiten"), ("indicator", "indicatoren")):
                key = _key(slug, plan_key, variant)
                target = ROW_SPECS[key]
                cases.append(Case(
                    f"comment-add[{kind},{plan_key},{variant}]",
                    lambda w, k=kind, key=key: reverse("editor:comment-add", args=[k, _row(w, key).pk]),
                    lambda u, s=target: action_outcome(u, s, has_role(u, s.zone, Role.COUNCIL, Role.CHIEF)),
                    data=lambda w: {"body": NEW},
                    done=lambda w: Comment.objects.filter(body=NEW).exists(),
                ))  # fmt: skip
    for (slug, plan, variant), parent in LIST_PARENTS.items():
        cases.append(Case(_list_id("section-add", slug, plan, variant), _list_url("section-add", slug, parent),
                          lambda u, sl=slug, p=parent: add_outcome(u, sl, p, post=True),
                          data=_section_add_data(slug, parent), done=_section_add_done(slug, parent)))  # fmt: skip
    for key, spec in ROW_SPECS.items():
        cases.append(Case(f"section-edit[{key}]", _row_url("section-edit", key), lambda u, s=spec: write_outcome(u, s),
                          data=_section_edit_data(key), done=_section_edit_done(key)))  # fmt: skip
        cases.append(Case(f"section-delete[{key}]", _row_url("section-delete", key),
                          lambda u, s=spec: write_outcome(u, s), data=lambda w: {},
                          done=_section_delete_done(key)))  # fmt: skip
    return cases


GET_CASES = get_cases()
POST_CASES = post_cases()
GET_MATRIX = [(case, user) for case in GET_CASES for user in USERS]
POST_MATRIX = [(case, user) for case in POST_CASES for user in USERS]


def _ids(matrix):
    return [f"{case.id}-{user}" for case, user in matrix]


# --- Checking a response ----------------------------------------------------------------------------------------------


def _leaks(w: World, user, html: str) -> list[str]:
    """Markers of rows the user may not see that the page shows anyway."""
    return sorted(
        f"{key} ({marker})"
        for key, spec in ALL_SPECS.items()
        if not may_view(user, spec)
        for marker in spec.markers
        if marker in html
    )


def _assert_status(response, expected, case, user):
    label = f"{case.id} as {user}: expected {expected}"
    if expected == LOGIN:
        assert response.status_code == 302, f"{label}, got {response.status_code}"
        assert response["Location"].startswith(LOGIN_URL), f"{label}, redirected to {response['Location']}"
    elif expected in (NOT_FOUND, FORBIDDEN):
        assert response.status_code == int(expected), f"{label}, got {response.status_code}"
    elif expected in (DONE, REFUSED):
        assert response.status_code == 302, f"{label}, got {response.status_code}: {_errors_of(response)}"
        assert not response["Location"].startswith(LOGIN_URL), label
    else:
        assert response.status_code == 200, f"{label}, got {response.status_code}"


def _errors_of(response) -> str:
    html = response.content.decode(errors="replace")
    return " | ".join(re.sub(r"\s+", " ", m) for m in re.findall(r'class="errorlist[^"]*"[^>]*>(.*?)</ul>', html, re.S))


# --- The matrix -------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("case", "user"), GET_MATRIX, ids=_ids(GET_MATRIX))
def test_get(world, case, user):
    expected = case.expect(user)
    response = world.client(user).get(case.url(world))
    _assert_status(response, expected, case, user)
    if response.status_code != 200:
        return
    html = response.content.decode()
    leaks = _leaks(world, user, html)
    assert not leaks, f"{case.id} shows {user} rows they may not see: {leaks}"
    if expected == OK_EDIT:
        assert has_save_button(html), f"{case.id}: {user} may edit but gets no Save button"
    elif expected == OK_READ:
        assert not has_save_button(html), f"{case.id}: {user} may only read but gets a Save button"
        assert " disabled" in html, f"{case.id}: the read-only form's fields are not disabled"
    for key in case.lists:
        row = world.rows[key]
        parent = case.extra["parent"]
        section = SECTIONS[case.extra["slug"]]
        if getattr(row, section.parent_field) != _parent(world, parent):
            continue
        edit_url = reverse("editor:section-edit", args=[case.extra["slug"], row.pk])
        shown = f'href="{edit_url}"' in html
        assert shown == may_view(user, ROW_SPECS[key]), f"{case.id}: row {key} shown={shown} to {user}"


@pytest.mark.parametrize(("case", "user"), POST_MATRIX, ids=_ids(POST_MATRIX))
def test_post(world, case, user):
    expected = case.expect(user)
    data = case.data(world)
    response = world.client(user).post(case.url(world), data)
    _assert_status(response, expected, case, user)
    assert case.done(world) == (expected == DONE), f"{case.id} as {user}: expected {expected}, write happened?"
    if expected == REFUSED:
        assert "error" in message_levels(response), f"{case.id}: the refusal is not explained to {user}"


# --- The world is what the rule is about ------------------------------------------------------------------------------


def test_world_has_a_row_for_every_spec(world):
    assert set(ALL_SPECS) == set(world.rows)


@pytest.mark.parametrize("slug", SECTIONS)
def test_world_covers_every_section_with_public_and_private_rows(world, slug):
    section = SECTIONS[slug]
    keys = [key for key in ROW_SPECS if key.startswith(f"{slug},")]
    assert section.model.objects.count() == len(keys), "a factory made rows the matrix does not know"
    assert any(ROW_SPECS[k].public for k in keys) or slug in MEMBERS_ONLY_SLUGS  # a zone's own: never public
    assert any(not ROW_SPECS[k].public for k in keys)


def test_matrix_has_every_named_url_of_the_editor():
    from editor.urls import urlpatterns

    names = {pattern.name for pattern in urlpatterns}
    covered = {case.id.split("[")[0] for case in GET_CASES + POST_CASES}
    assert names == covered
    slugs = {case.id.split("[")[1].split(",")[0].rstrip("]") for case in GET_CASES if case.id.startswith("section-")}
    assert slugs == set(SECTIONS)


def test_the_rule_gives_every_outcome():
    """The matrix is not trivially one-sided: each outcome occurs for some case."""
    outcomes = {case.expect(user) for case, user in GET_MATRIX + POST_MATRIX}
    assert outcomes == {LOGIN, NOT_FOUND, FORBIDDEN, OK, OK_EDIT, OK_READ, DONE, REFUSED}


# --- Signing in -------------------------------------------------------------------------------------------------------


@pytest.fixture
def login_user(db, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return f.UserFactory(username="inlogger", email="inlogger@example.org")


def test_login_page_signs_in_and_opens_the_workspace(client, login_user):
    assert client.get(LOGIN_URL).status_code == 200
    response = client.post(LOGIN_URL, {"username": "inlogger", "password": f.PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/beheer/"
    assert client.get("/beheer/").status_code == 200


def test_wrong_password_is_refused_on_the_login_page(client, login_user):
    response = client.post(LOGIN_URL, {"username": "inlogger", "password": "fout"})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_five_wrong_passwords_lock_the_account(client, login_user):
    for _attempt in range(5):
        response = client.post(LOGIN_URL, {"username": "inlogger", "password": "fout"})
        assert "_auth_user_id" not in client.session
    # django-axes answers a locked-out login with its template and 429 (AXES_HTTP_RESPONSE_CODE).
    response = client.post(LOGIN_URL, {"username": "inlogger", "password": f.PASSWORD})
    assert response.status_code == 429
    assert nl("Too many failed attempts") in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert client.get("/beheer/")["Location"].startswith(LOGIN_URL)


def test_lockout_is_per_account(client, login_user):
    f.UserFactory(username="collega")
    for _attempt in range(5):
        client.post(LOGIN_URL, {"username": "inlogger", "password": "fout"})
    response = client.post(LOGIN_URL, {"username": "collega", "password": f.PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/beheer/"


def test_password_reset_sends_an_email(client, login_user):
    response = client.post("/accounts/password_reset/", {"email": "inlogger@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["inlogger@example.org"]
    assert "/accounts/reset/" in message.body


def test_password_reset_for_an_unknown_address_sends_nothing_but_says_the_same(client, login_user):
    response = client.post("/accounts/password_reset/", {"email": "niemand@example.org"})
    assert response.status_code == 302
    assert mail.outbox == []


def test_anonymous_user_is_sent_to_login_with_the_page_to_come_back_to(world, client):
    url = reverse("editor:plan", args=[world.plans["published"].pk])
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"{LOGIN_URL}?next={url}"
