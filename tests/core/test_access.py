"""Who sees and changes what (core/access.py): a permission matrix over every restricted model.

The world below holds, for zones A and B, plans in every status and, under
each, public and restricted parts down to actions, milestones and indicator
values. Every row is tagged by hand with its zone, whether a citizen may see
it and whether it belongs to a draft (or, for statistics, to the zone alone).
From those tags and the documented rule the expected rows follow:

* view: the superuser sees all; everyone sees the public rows; a member of a
  zone (any role) also sees all of that zone's rows;
* change: advisors and the korpschef change their zone's rows while the plan
  is a draft (statistics: always; the yearly follow-up, action plans and
  measured values, until the plan is archived; an approved value: never);
  the superuser changes what is not frozen in any zone; council members change
  nothing.

Each (model, user, action) is one test case, so a new leak fails a case named
after the model and the user, and the assertion lists the leaked rows.
"""

from collections import namedtuple

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import transaction

from actionplans.models import Action, ActionPlan, Milestone, Objective
from core.access import CHANGE, VIEW, Role, can_change, can_view, has_zone_role, zone_ids
from core.base import Protection
from plans.models import Chapter, Plan, PlanValue, Signatory, StakeholderExpectation
from priorities.models import Domain, Priority, Theme
from stats.models import (
    FinancialLine,
    Indicator,
    IndicatorTarget,
    IndicatorValue,
    KeyFigure,
    StaffTable,
    StatPoint,
    StatSeries,
)
from tests import factories as f
from zones.models import PoliceZone

pytestmark = pytest.mark.django_db

PUB, RESTR = Protection.PUBLIC, Protection.RESTRICTED
S = Plan.Status

# key: (zone, status, public, editable). Archived plans were published: still public.
PLANS = {
    "published": ("A", S.PUBLISHED, True, False),
    "archived": ("A", S.ARCHIVED, True, False),
    "approved": ("A", S.APPROVED, False, False),
    "in_review": ("A", S.IN_REVIEW, False, False),
    "draft": ("A", S.DRAFT, False, True),
    "b_published": ("B", S.PUBLISHED, True, False),
    "b_draft": ("B", S.DRAFT, False, True),
}

# name: (zones whose private rows the user sees, zones whose draft rows the user changes, superuser)
USERS = {
    "anonymous": (set(), set(), False),
    "outsider": (set(), set(), False),
    "advisor_a": ({"A"}, {"A"}, False),
    "council_a": ({"A"}, set(), False),
    "chief_a": ({"A"}, {"A"}, False),
    "advisor_b": ({"B"}, {"B"}, False),
    "superuser": ({"A", "B"}, {"A", "B"}, True),  # changes what is not frozen, in every zone
}

MODELS = [
    Plan,
    PlanValue,
    Chapter,
    StakeholderExpectation,
    Signatory,
    Domain,
    Theme,
    Priority,
    ActionPlan,
    Objective,
    Action,
    Milestone,
    Indicator,
    IndicatorTarget,
    IndicatorValue,
    StatSeries,
    StatPoint,
    StaffTable,
    FinancialLine,
    KeyFigure,
]

Row = namedtuple("Row", "obj zone public editable")
FOLLOW_UP = set(Plan.FOLLOW_UP_STATUSES)


def expected_names(rows, user_name, action):
    view_zones, edit_zones, is_superuser = USERS[user_name]
    if action == VIEW:
        return {name for name, row in rows.items() if is_superuser or row.public or row.zone in view_zones}
    return {name for name, row in rows.items() if row.editable and row.zone in edit_zones}


class World:
    def __init__(self):
        self.rows = {model: {} for model in MODELS}
        self.users = {}
        self.zones = {}

    def add(self, name, obj, zone, public, editable):
        rows = self.rows[type(obj)]
        assert name not in rows, name
        rows[name] = Row(obj, zone, public, editable)
        return obj

    def add_plan_part(self, name, obj, plan_key, *protections, approved=True, follow_up=False, value=False):
        """Tag a row of a plan: public when the plan is public, every protection on the way is public
        and (for values) the council approved it; editable while the plan is a draft or, for the
        yearly follow-up, until it is archived, unless the council approved it."""
        zone, status, plan_public, editable = PLANS[plan_key]
        public = plan_public and all(p == PUB for p in protections) and approved
        if follow_up:
            editable = status in FOLLOW_UP and not (value and approved)
        return self.add(name, obj, zone, public, editable)

    def names(self, queryset):
        by_pk = {row.obj.pk: name for name, row in self.rows[queryset.model].items()}
        return {by_pk[pk] for pk in queryset.values_list("pk", flat=True)}


def build_world():
    w = World()
    w.zones = {"A": f.PoliceZoneFactory(name="PZ Alfa"), "B": f.PoliceZoneFactory(name="PZ Bravo")}

    w.users["anonymous"] = AnonymousUser()
    w.users["outsider"] = f.UserFactory(username="outsider")
    w.users["superuser"] = f.UserFactory(username="admin", superuser=True)
    for name, zone, role in [
        ("advisor_a", "A", Role.ADVISOR),
        ("council_a", "A", Role.COUNCIL),
        ("chief_a", "A", Role.CHIEF),
        ("advisor_b", "B", Role.ADVISOR),
    ]:
        w.users[name] = f.UserFactory(username=name)
        f.ZoneMembershipFactory(user=w.users[name], zone=w.zones[zone], role=role)

    for key, (zone, status, _, _) in PLANS.items():
        plan = w.add_plan_part(key, f.PlanFactory(zone=w.zones[zone], status=status, title=key), key)
        w.add_plan_part(f"{key}/value", f.PlanValueFactory(plan=plan), key)
        w.add_plan_part(f"{key}/domain", f.DomainFactory(plan=plan), key)
        w.add_plan_part(f"{key}/theme", f.ThemeFactory(plan=plan), key)

        priorities = {}
        for prot in (PUB, RESTR):
            for factory in (
                f.ChapterFactory,
                f.StakeholderExpectationFactory,
                f.SignatoryFactory,
                f.StaffTableFactory,
                f.FinancialLineFactory,
                f.KeyFigureFactory,
            ):
                w.add_plan_part(f"{key}/{prot}", factory(plan=plan, protection=prot), key, prot)
            priorities[prot] = w.add_plan_part(
                f"{key}/{prot}", f.PriorityFactory(plan=plan, protection=prot), key, prot
            )

        # Action plans: public or restricted, under a public or a restricted priority.
        year = plan.period_start
        for prio_prot, priority in priorities.items():
            for ap_prot in (PUB, RESTR):
                name = f"{key}/priority-{prio_prot}/actionplan-{ap_prot}"
                chain = (prio_prot, ap_prot)
                action_plan = w.add_plan_part(
                    name,
                    f.ActionPlanFactory(priority=priority, year=year, protection=ap_prot),
                    key,
                    *chain,
                    follow_up=True,
                )
                year += 1
                objective = w.add_plan_part(
                    name, f.ObjectiveFactory(action_plan=action_plan), key, *chain, follow_up=True
                )
                w.add_plan_part(name, f.MilestoneFactory(action_plan=action_plan), key, *chain, follow_up=True)
                for action_prot in (PUB, RESTR):
                    w.add_plan_part(
                        f"{name}/action-{action_prot}",
                        f.ActionFactory(objective=objective, protection=action_prot),
                        key,
                        *chain,
                        action_prot,
                        follow_up=True,
                    )

        # Indicators: public or restricted, with a public, a restricted or no priority.
        for ind_prot, prio_prot in [(PUB, None), (RESTR, None), (PUB, PUB), (RESTR, PUB), (PUB, RESTR)]:
            name = f"{key}/indicator-{ind_prot}/priority-{prio_prot or 'none'}"
            chain = (ind_prot,) if prio_prot is None else (ind_prot, prio_prot)
            indicator = w.add_plan_part(
                name,
                f.IndicatorFactory(plan=plan, protection=ind_prot, priority=priorities.get(prio_prot)),
                key,
                *chain,
            )
            w.add_plan_part(name, f.IndicatorTargetFactory(indicator=indicator), key, *chain)
            w.add_plan_part(
                f"{name}/approved",
                f.IndicatorValueFactory(indicator=indicator, year=plan.period_start, approved=True),
                key,
                *chain,
                follow_up=True,
                value=True,
            )
            w.add_plan_part(
                f"{name}/unapproved",
                f.IndicatorValueFactory(indicator=indicator, year=plan.period_start + 1),
                key,
                *chain,
                approved=False,
                follow_up=True,
                value=True,
            )

    # Statistics belong to a zone, not to a plan: editors of the zone may always change them.
    for zone_key, zone in w.zones.items():
        for prot in (PUB, RESTR):
            name = f"{zone_key}/series-{prot}"
            series = w.add(name, f.StatSeriesFactory(zone=zone, protection=prot), zone_key, prot == PUB, True)
            w.add(name, f.StatPointFactory(series=series), zone_key, prot == PUB, True)
    return w


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """Built once for the module inside a transaction that is rolled back at the end."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield build_world()
        transaction.set_rollback(True)


def _id(model):
    return model.__name__


CASES = [(model, user) for model in MODELS for user in USERS]
CASE_IDS = [f"{model.__name__}-{user}" for model, user in CASES]


def _assert_same(world, model, user_name, action, actual):
    expected = expected_names(world.rows[model], user_name, action)
    leaked = sorted(actual - expected)
    missing = sorted(expected - actual)
    assert not leaked and not missing, f"{model.__name__} {action} for {user_name}: leaked {leaked}, missing {missing}"


# --- The world is what the tags say ---------------------------------------------------------------------------------


@pytest.mark.parametrize("model", MODELS, ids=_id)
def test_world_rows_are_all_tagged(world, model):
    """No factory made untagged rows: the matrix below sees every row of the table."""
    assert model.objects.count() == len(world.rows[model])
    assert any(row.public for row in world.rows[model].values())
    assert any(not row.public for row in world.rows[model].values())


def test_world_has_the_cases_the_rule_is_about(world):
    rows = {model: world.rows[model] for model in MODELS}
    # A restricted indicator under a public priority, and a public one under a restricted priority, are private.
    assert not rows[Indicator]["published/indicator-restricted/priority-public"].public
    assert not rows[Indicator]["published/indicator-public/priority-restricted"].public
    assert rows[Indicator]["published/indicator-public/priority-none"].public
    assert not rows[IndicatorValue]["published/indicator-public/priority-none/unapproved"].public
    assert rows[IndicatorValue]["published/indicator-public/priority-none/approved"].public
    assert rows[Chapter]["archived/public"].public
    assert not rows[Milestone]["published/priority-restricted/actionplan-public"].public


# --- restrict(user, action) -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("model", "user_name"), CASES, ids=CASE_IDS)
def test_restrict_view(world, model, user_name):
    actual = world.names(model.objects.restrict(world.users[user_name], VIEW))
    _assert_same(world, model, user_name, VIEW, actual)


@pytest.mark.parametrize(("model", "user_name"), CASES, ids=CASE_IDS)
def test_restrict_change(world, model, user_name):
    actual = world.names(model.objects.restrict(world.users[user_name], CHANGE))
    _assert_same(world, model, user_name, CHANGE, actual)


@pytest.mark.parametrize("model", MODELS, ids=_id)
def test_public_is_what_a_citizen_sees(world, model):
    expected = {name for name, row in world.rows[model].items() if row.public}
    assert world.names(model.objects.public()) == expected
    # Whoever asks: public() does not widen for members.
    assert world.names(model.objects.filter(pk__in=model.objects.public()).restrict(world.users["chief_a"])) == expected


@pytest.mark.parametrize("model", MODELS, ids=_id)
def test_restrict_defaults_to_view(world, model):
    user = world.users["council_a"]
    assert world.names(model.objects.restrict(user)) == world.names(model.objects.restrict(user, VIEW))


@pytest.mark.parametrize("model", MODELS, ids=_id)
def test_restrict_for_no_user_is_the_public_view(world, model):
    assert world.names(model.objects.restrict(None)) == world.names(model.objects.public())


# --- The invariants, spelled out ------------------------------------------------------------------------------------


@pytest.mark.parametrize("model", MODELS, ids=_id)
@pytest.mark.parametrize("user_name", ["anonymous", "outsider", "advisor_b"])
def test_outsiders_never_see_zone_a_private_rows(world, model, user_name):
    private_a = {name for name, row in world.rows[model].items() if row.zone == "A" and not row.public}
    seen = world.names(model.objects.restrict(world.users[user_name], VIEW))
    assert not seen & private_a
    assert not world.names(model.objects.restrict(world.users[user_name], CHANGE)) & {
        name for name, row in world.rows[model].items() if row.zone == "A"
    }


@pytest.mark.parametrize("model", MODELS, ids=_id)
def test_anonymous_never_sees_draft_restricted_or_unapproved_rows(world, model):
    seen = world.names(model.objects.restrict(world.users["anonymous"], VIEW))
    for name in seen:
        row = world.rows[model][name]
        if model not in (StatSeries, StatPoint):
            plan = {
                Plan: lambda o: o,
                IndicatorTarget: lambda o: o.indicator.plan,
                IndicatorValue: lambda o: o.indicator.plan,
                ActionPlan: lambda o: o.priority.plan,
                Objective: lambda o: o.action_plan.priority.plan,
                Milestone: lambda o: o.action_plan.priority.plan,
                Action: lambda o: o.objective.action_plan.priority.plan,
            }.get(model, lambda o: o.plan)(row.obj)
            assert plan.status in (S.PUBLISHED, S.ARCHIVED), name
        assert getattr(row.obj, "protection", PUB) == PUB, name
        if model is IndicatorValue:
            assert row.obj.is_approved, name


@pytest.mark.parametrize("model", MODELS, ids=_id)
def test_council_changes_nothing(world, model):
    assert not model.objects.restrict(world.users["council_a"], CHANGE).exists()


# --- can_view and can_change ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("user_name", USERS)
def test_can_view_and_can_change_follow_restrict(world, user_name):
    user = world.users[user_name]
    wrong = []
    for model in MODELS:
        rows = world.rows[model]
        may_view = expected_names(rows, user_name, VIEW)
        may_change = expected_names(rows, user_name, CHANGE)
        for name, row in rows.items():
            if can_view(user, row.obj) != (name in may_view):
                wrong.append(f"can_view {model.__name__} {name}")
            if can_change(user, row.obj) != (name in may_change):
                wrong.append(f"can_change {model.__name__} {name}")
    assert wrong == []


# --- Zones, roles -------------------------------------------------------------------------------------------------

ZONE_CHANGE = {
    "anonymous": set(),
    "outsider": set(),
    "advisor_a": {"A"},
    "council_a": set(),
    "chief_a": {"A"},
    "advisor_b": {"B"},
    "superuser": {"A", "B"},
}


@pytest.mark.parametrize("user_name", USERS)
def test_zones_are_public_and_changed_by_their_editors(world, user_name):
    user = world.users[user_name]
    by_pk = {zone.pk: key for key, zone in world.zones.items()}
    assert {by_pk[z.pk] for z in PoliceZone.objects.restrict(user, VIEW)} == {"A", "B"}
    assert {by_pk[z.pk] for z in PoliceZone.objects.restrict(user, CHANGE)} == ZONE_CHANGE[user_name]


def test_zone_ids_and_roles(world):
    zone_a, zone_b = world.zones["A"], world.zones["B"]
    assert zone_ids(world.users["council_a"], VIEW) == {zone_a.pk}
    assert zone_ids(world.users["council_a"], CHANGE) == set()
    assert zone_ids(world.users["chief_a"], CHANGE) == {zone_a.pk}
    assert zone_ids(world.users["anonymous"]) == set()
    assert has_zone_role(world.users["council_a"], zone_a.pk, Role.COUNCIL)
    assert not has_zone_role(world.users["council_a"], zone_a.pk, Role.ADVISOR, Role.CHIEF)
    assert not has_zone_role(world.users["advisor_b"], zone_a.pk, Role.ADVISOR)
    assert has_zone_role(world.users["superuser"], zone_b.pk, Role.CHIEF)
    assert not has_zone_role(world.users["anonymous"], zone_a.pk, Role.ADVISOR)


def test_a_user_with_roles_in_two_zones(world):
    user = f.UserFactory(username="both")
    f.ZoneMembershipFactory(user=user, zone=world.zones["A"], role=Role.COUNCIL)
    f.ZoneMembershipFactory(user=user, zone=world.zones["B"], role=Role.ADVISOR)
    assert zone_ids(user, VIEW) == {world.zones["A"].pk, world.zones["B"].pk}
    assert zone_ids(user, CHANGE) == {world.zones["B"].pk}
    changeable = world.names(Priority.objects.restrict(user, CHANGE))
    assert changeable == {"b_draft/public", "b_draft/restricted"}
