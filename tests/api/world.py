"""A small world for the API's permission tests: zone A with a published and a draft plan, each holding
public and restricted rows of every model the API serves, and a user in every role.

Every row is tagged by hand with its zone, the status of its plan ("zone" for zone-level data), whether a
citizen may see it, and whether it is frozen for another reason (an approved value). From the tags and
the documented rule the expected answers follow (see test_permissions.py).
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from core.access import Role
from core.base import Protection
from tests import factories as f

PUB, RESTR = Protection.PUBLIC, Protection.RESTRICTED

# name: (zones whose private rows the user sees, zones whose rows the user may change, superuser)
USERS = {
    "anonymous": (set(), set(), False),
    "outsider": (set(), set(), False),
    "advisor_a": ({"A"}, {"A"}, False),
    "council_a": ({"A"}, set(), False),
    "chief_a": ({"A"}, {"A"}, False),
    "advisor_b": ({"B"}, {"B"}, False),
    "superuser": ({"A", "B"}, {"A", "B"}, True),
}


@dataclass
class Row:
    obj: object
    zone: str
    status: str  # "published", "draft", or "zone" for data of the zone itself
    public: bool  # what a citizen sees
    frozen: bool = False  # frozen whatever the plan's status (an approved value)


@dataclass
class World:
    users: dict = field(default_factory=dict)
    zones: dict = field(default_factory=dict)
    plans: dict = field(default_factory=dict)
    rows: dict = field(default_factory=dict)  # resource -> {tag: Row}

    def add(self, resource, tag, obj, status, public, zone="A", frozen=False):
        rows = self.rows.setdefault(resource, {})
        assert tag not in rows, (resource, tag)
        rows[tag] = Row(obj, zone, status, public, frozen)
        return obj

    def row(self, resource, tag) -> Row:
        return self.rows[resource][tag]


def build_world() -> World:
    w = World()
    w.zones = {"A": f.PoliceZoneFactory(name="PZ Alfa", slug="alfa"), "B": f.PoliceZoneFactory(name="PZ Bravo")}
    w.add("zones", "A", w.zones["A"], "zone", True)
    w.add("zones", "B", w.zones["B"], "zone", True, zone="B")

    w.users["anonymous"] = AnonymousUser()
    w.users["outsider"] = f.UserFactory(username="api_outsider")
    w.users["superuser"] = f.UserFactory(username="api_admin", superuser=True)
    for name, zone, role in [
        ("advisor_a", "A", Role.ADVISOR),
        ("council_a", "A", Role.COUNCIL),
        ("chief_a", "A", Role.CHIEF),
        ("advisor_b", "B", Role.ADVISOR),
    ]:
        w.users[name] = f.UserFactory(username=f"api_{name}")
        f.ZoneMembershipFactory(user=w.users[name], zone=w.zones[zone], role=role)

    zone = w.zones["A"]
    municipality = w.add("municipalities", "zone", f.MunicipalityFactory(zone=zone, name="Aalst"), "zone", True)
    w.add("sub-municipalities", "zone", f.SubMunicipalityFactory(municipality=municipality), "zone", True)
    for prot in (PUB, RESTR):
        series = w.add("series", f"zone/{prot}", f.StatSeriesFactory(zone=zone, protection=prot), "zone", prot == PUB)
        w.add("series-points", f"zone/{prot}", f.StatPointFactory(series=series), "zone", prot == PUB)
        response = f.SurveyResponseFactory(zone=zone, protection=prot)
        w.add("survey-responses", f"zone/{prot}", response, "zone", prot == PUB)
    # A national framework is reference data (the site administrators'); a zone's own framework is its
    # members', and public once a public priority of a published plan answers it.
    w.add("frameworks", "all", f.FrameworkFactory(), "zone", True, zone="national")
    # The federal police's categories: everyone sees them, only a site administrator changes them. A zone's own
    # category: only the zone's members see it, its advisors and korpschef change it.
    w.add("crime-categories", "national", f.CrimeCategoryFactory(), "zone", True, zone="national")
    w.add("crime-categories", "A-local", f.CrimeCategoryFactory(zone=zone), "zone", False)
    w.add("crime-categories", "B-local", f.CrimeCategoryFactory(zone=w.zones["B"]), "zone", False, zone="B")

    for status in ("published", "draft"):
        plan = f.PlanFactory(zone=zone, title=f"Plan {status}", published=status == "published")
        w.plans[status] = plan
        shown = status == "published"

        def add(resource, tag, obj, *protections, frozen=False, approved=True, status=status, shown=shown):
            public = shown and all(p == PUB for p in protections) and approved
            return w.add(resource, f"{status}/{tag}", obj, status, public, frozen=frozen)

        add("plans", "plan", plan)
        add("plan-values", "plain", f.PlanValueFactory(plan=plan))
        add("domains", "plain", f.DomainFactory(plan=plan))
        add("themes", "plain", f.ThemeFactory(plan=plan))
        priorities = {}
        for prot in (PUB, RESTR):
            add("chapters", prot, f.ChapterFactory(plan=plan, protection=prot), prot)
            add("stakeholder-expectations", prot, f.StakeholderExpectationFactory(plan=plan, protection=prot), prot)
            add("signatories", prot, f.SignatoryFactory(plan=plan, protection=prot), prot)
            priorities[prot] = add("priorities", prot, f.PriorityFactory(plan=plan, protection=prot), prot)

        start = plan.period_start
        ap_public = add("action-plans", PUB, f.ActionPlanFactory(priority=priorities[PUB], year=start), PUB)
        ap_restr = add(
            "action-plans",
            RESTR,
            f.ActionPlanFactory(priority=priorities[PUB], year=start + 1, protection=RESTR),
            RESTR,
        )
        add("action-plans", "under-restricted", f.ActionPlanFactory(priority=priorities[RESTR], year=start), RESTR)
        objective = add("objectives", PUB, f.ObjectiveFactory(action_plan=ap_public), PUB)
        add("objectives", RESTR, f.ObjectiveFactory(action_plan=ap_restr), RESTR)
        for prot in (PUB, RESTR):
            add("actions", prot, f.ActionFactory(objective=objective, protection=prot), prot)
        add("milestones", PUB, f.MilestoneFactory(action_plan=ap_public), PUB)
        add("milestones", RESTR, f.MilestoneFactory(action_plan=ap_restr), RESTR)

        ind_public = add("indicators", PUB, f.IndicatorFactory(plan=plan, priority=priorities[PUB]), PUB)
        ind_restr = add("indicators", RESTR, f.IndicatorFactory(plan=plan, protection=RESTR), RESTR)
        add("indicators", "under-restricted", f.IndicatorFactory(plan=plan, priority=priorities[RESTR]), RESTR)
        add("indicator-targets", PUB, f.IndicatorTargetFactory(indicator=ind_public, value=Decimal("100")), PUB)
        add("indicator-targets", RESTR, f.IndicatorTargetFactory(indicator=ind_restr), RESTR)
        approved_at = timezone.now()
        add(
            "indicator-values",
            "approved",
            f.IndicatorValueFactory(indicator=ind_public, year=start, approved_at=approved_at),
            PUB,
            frozen=True,
        )
        add(
            "indicator-values",
            "unapproved",
            f.IndicatorValueFactory(indicator=ind_public, year=start + 1),
            PUB,
            approved=False,
        )
        add(
            "indicator-values",
            RESTR,
            f.IndicatorValueFactory(indicator=ind_restr, year=start, approved_at=approved_at),
            RESTR,
            frozen=True,
        )
        for prot in (PUB, RESTR):
            table = add("staff-tables", prot, f.StaffTableFactory(plan=plan, protection=prot), prot)
            add("staff-lines", prot, f.StaffLineFactory(table=table), prot)
            add("financial-lines", prot, f.FinancialLineFactory(plan=plan, protection=prot), prot)
            add("key-figures", prot, f.KeyFigureFactory(plan=plan, protection=prot), prot)
        for prot in (PUB, RESTR):
            add("documents", prot, f.DocumentFactory(plan=plan, protection=prot), prot)
        add("documents", "queued", f.DocumentFactory(plan=plan, status="queued", file=None, progress=0), "restricted")
        add("annual-reports", "plain", f.AnnualReportFactory(plan=plan))
        # Comments are for the zone's members only, whatever the plan's status.
        add("comments", "on-priority", f.CommentFactory(priority=priorities[PUB], author=w.users["council_a"]), RESTR)
        add(
            "comments",
            "on-indicator",
            f.CommentFactory(priority=None, indicator=ind_public, plan=plan, author=w.users["council_a"]),
            RESTR,
        )
    priority_rows = w.rows["priorities"]
    for tag, linked_from, public in (
        ("A/unlinked", None, False),
        ("A/public-priority", "published/public", True),
        ("A/restricted-priority", "published/restricted", False),
        ("A/draft-priority", "draft/public", False),
    ):
        framework = w.add("frameworks", tag, f.FrameworkFactory(zone=zone), "zone", public)
        if linked_from:
            priority_rows[linked_from].obj.frameworks.add(framework)
    return w


# Which plan statuses let rows of a resource change ("zone": zone-level data, always).
CONTENT = frozenset({"draft"})
FOLLOW_UP = frozenset({"draft", "published"})
ZONE = frozenset({"zone"})


@dataclass
class Resource:
    """An endpoint of the matrix: where its rows change, what a create sends, what an update changes."""

    name: str
    editable: frozenset
    patch: dict
    # (parent resource, parent tag) -> the body of a new row under that parent
    create: dict
    deletable: bool = True
    writable: bool = True
    updatable: bool = True


def _under(resource, tags, build):
    return {(resource, tag): (lambda w, tag=tag: build(w.row(resource, tag).obj)) for tag in tags}


PLAN_TAGS = ("published/plan", "draft/plan")
DATE = datetime.date(2021, 3, 1).isoformat()

RESOURCES = [
    Resource(
        "zones",
        ZONE,
        {"description": "Gewijzigd"},
        {(None, None): lambda w: {"name": "PZ Nieuw", "slug": "nieuw", "number": 5999}},
        deletable=False,
    ),
    Resource(
        "municipalities",
        ZONE,
        {"mayor": "Nieuwe burgemeester"},
        _under("zones", ["A"], lambda z: {"zone": z.pk, "name": "Nieuwgem", "nis_code": "99999"}),
    ),
    Resource(
        "sub-municipalities",
        ZONE,
        {"postal_code": "9999"},
        _under(
            "municipalities", ["zone"], lambda m: {"municipality": m.pk, "name": "Nieuwdeel", "postal_code": "9000"}
        ),
    ),
    Resource(
        "plans",
        CONTENT,
        {"title": "Gewijzigd"},
        _under(
            "zones", ["A"], lambda z: {"zone": z.pk, "title": "Nieuw plan", "period_start": 2026, "period_end": 2031}
        ),
    ),
    Resource(
        "chapters",
        CONTENT,
        {"title": "Gewijzigd"},
        _under("plans", PLAN_TAGS, lambda p: {"plan": p.pk, "title": "Nieuw", "kind": "other", "body": "<p>x</p>"}),
    ),
    Resource(
        "plan-values",
        CONTENT,
        {"name": "gewijzigd"},
        _under("plans", PLAN_TAGS, lambda p: {"plan": p.pk, "name": "nieuw"}),
    ),
    Resource(
        "stakeholder-expectations",
        CONTENT,
        {"expectations": "Gewijzigd"},
        _under("plans", PLAN_TAGS, lambda p: {"plan": p.pk, "role": "mayor", "expectations": "Meer blauw"}),
    ),
    Resource(
        "signatories",
        CONTENT,
        {"name": "Gewijzigd"},
        _under("plans", PLAN_TAGS, lambda p: {"plan": p.pk, "name": "B. Burgemeester", "role": "Burgemeester"}),
    ),
    Resource(
        "domains",
        CONTENT,
        {"name": "Gewijzigd"},
        _under("plans", PLAN_TAGS, lambda p: {"plan": p.pk, "code": "NEW", "name": "Nieuw domein"}),
    ),
    Resource(
        "themes",
        CONTENT,
        {"name": "Gewijzigd"},
        _under("plans", PLAN_TAGS, lambda p: {"plan": p.pk, "name": "Nieuw thema"}),
    ),
    Resource(
        "priorities",
        CONTENT,
        {"short_title": "Gewijzigd"},
        _under("plans", PLAN_TAGS, lambda p: {"plan": p.pk, "number": 999, "short_title": "Nieuw"}),
    ),
    Resource(
        "action-plans",
        FOLLOW_UP,
        {"title": "Gewijzigd"},
        _under(
            "priorities",
            ["published/public", "published/restricted", "draft/public"],
            lambda p: {"priority": p.pk, "year": 2023, "title": "Nieuw"},
        ),
    ),
    Resource(
        "objectives",
        FOLLOW_UP,
        {"title": "Gewijzigd"},
        _under(
            "action-plans",
            ["published/public", "published/restricted", "draft/public"],
            lambda a: {"action_plan": a.pk, "title": "Nieuw"},
        ),
    ),
    Resource(
        "actions",
        FOLLOW_UP,
        {"title": "Gewijzigd"},
        _under(
            "objectives",
            ["published/public", "published/restricted", "draft/public"],
            lambda o: {"objective": o.pk, "title": "Nieuw"},
        ),
    ),
    Resource(
        "milestones",
        FOLLOW_UP,
        {"title": "Gewijzigd"},
        _under(
            "action-plans",
            ["published/public", "published/restricted", "draft/public"],
            lambda a: {"action_plan": a.pk, "title": "Nieuw", "due_date": DATE},
        ),
    ),
    Resource(
        "indicators",
        CONTENT,
        {"name": "Gewijzigd"},
        _under("plans", PLAN_TAGS, lambda p: {"plan": p.pk, "name": "Nieuw", "unit": "feiten"}),
    ),
    Resource(
        "indicator-targets",
        CONTENT,
        {"note": "Gewijzigd"},
        _under(
            "indicators",
            ["published/public", "published/restricted", "draft/public"],
            lambda i: {"indicator": i.pk, "year": 2023, "value": "10.00"},
        ),
    ),
    Resource(
        "indicator-values",
        FOLLOW_UP,
        {"note": "Gewijzigd"},
        _under(
            "indicators",
            ["published/public", "published/restricted", "draft/public"],
            lambda i: {"indicator": i.pk, "year": 2024, "value": "10.00"},
        ),
    ),
    Resource(
        "series",
        ZONE,
        {"name": "Gewijzigd"},
        _under("zones", ["A"], lambda z: {"zone": z.pk, "kind": "other", "name": "Nieuwe reeks"}),
    ),
    Resource(
        "series-points",
        ZONE,
        {"note": "Gewijzigd"},
        _under("series", ["zone/public", "zone/restricted"], lambda s: {"series": s.pk, "year": 2023, "value": "5"}),
    ),
    Resource(
        "staff-tables",
        CONTENT,
        {"title": "Gewijzigd"},
        _under("plans", PLAN_TAGS, lambda p: {"plan": p.pk, "title": "Nieuwe tabel", "printed_total": 10}),
    ),
    Resource(
        "staff-lines",
        CONTENT,
        {"label": "Gewijzigd"},
        _under(
            "staff-tables",
            ["published/public", "published/restricted", "draft/public"],
            lambda t: {"table": t.pk, "category": "calog", "label": "Niveau A", "actual": 3},
        ),
    ),
    Resource(
        "financial-lines",
        CONTENT,
        {"label": "Gewijzigd"},
        _under(
            "plans",
            PLAN_TAGS,
            lambda p: {"plan": p.pk, "year": 2023, "category": "income", "label": "Nieuw", "amount": "10.00"},
        ),
    ),
    Resource(
        "key-figures",
        CONTENT,
        {"label": "Gewijzigd"},
        _under("plans", PLAN_TAGS, lambda p: {"plan": p.pk, "label": "Voertuigen", "value_text": "12"}),
    ),
    Resource(
        "documents",
        FOLLOW_UP,
        {"kind": "annual_report"},
        _under("plans", PLAN_TAGS, lambda p: {"plan": p.pk, "kind": "plan", "protection": "restricted"}),
        deletable=False,
        updatable=False,
    ),
    Resource(
        "annual-reports",
        FOLLOW_UP,
        {"introduction": "<p>Gewijzigd</p>"},
        _under("plans", PLAN_TAGS, lambda p: {"plan": p.pk, "year": p.period_start + 1, "introduction": "<p>x</p>"}),
    ),
    Resource("comments", frozenset(), {"body": "x"}, {}, writable=False),
    Resource(
        "frameworks",
        ZONE,
        {"title": "Gewijzigd"},
        _under("zones", ["A"], lambda z: {"zone": z.pk, "code": "COL 9/2099", "title": "Nieuwe omzendbrief"}),
    ),
    Resource(
        "crime-categories",
        ZONE,
        {"name": "Gewijzigd"},
        _under("zones", ["A"], lambda z: {"zone": z.pk, "code": "eigen", "name": "Eigen categorie"}),
    ),
    Resource(
        "survey-responses",
        ZONE,
        {"note": "Gewijzigd"},
        _under("zones", ["A"], lambda z: {"zone": z.pk, "survey": "Stadsmonitor", "year": 2021, "sent": 10}),
    ),
]
