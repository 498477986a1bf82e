"""Yearly action plans, objectives, actions and milestones: constraints, validation and totals."""

import datetime
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from actionplans.models import Action, ActionPlan
from tests import factories as f

pytestmark = pytest.mark.django_db


# --- Database constraints -------------------------------------------------------------------------------------------


def test_one_action_plan_per_priority_and_year():
    first = f.ActionPlanFactory(year=2021)
    f.ActionPlanFactory(priority=first.priority, year=2022)  # another year: fine
    with pytest.raises(IntegrityError), transaction.atomic():
        f.ActionPlanFactory(priority=first.priority, year=2021)


def test_action_end_before_start_is_refused():
    with pytest.raises(IntegrityError, match="action_start_lte_end"), transaction.atomic():
        f.ActionFactory(start_date=datetime.date(2021, 5, 2), end_date=datetime.date(2021, 5, 1))


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (datetime.date(2021, 5, 1), datetime.date(2021, 5, 1)),
        (datetime.date(2021, 5, 1), None),
        (None, datetime.date(2021, 5, 1)),
    ],
    ids=["same-day", "open-end", "open-start"],
)
def test_action_dates_that_are_allowed(start, end):
    action = f.ActionFactory(start_date=start, end_date=end)
    assert Action.objects.filter(pk=action.pk).exists()


@pytest.mark.parametrize(
    ("field", "constraint"),
    [
        ("planned_hours", "action_planned_hours_not_negative"),
        ("spent_hours", "action_spent_hours_not_negative"),
        ("budget", "action_budget_not_negative"),
    ],
)
def test_negative_capacity_or_budget_is_refused(field, constraint):
    with pytest.raises(IntegrityError, match=constraint), transaction.atomic():
        f.ActionFactory(**{field: Decimal("-1")})


def test_zero_capacity_and_budget_are_allowed():
    action = f.ActionFactory(planned_hours=Decimal("0"), spent_hours=Decimal("0"), budget=Decimal("0"))
    assert action.pk


# --- Validation -----------------------------------------------------------------------------------------------------


def test_action_plan_year_must_lie_in_the_plan_period(validation_errors):
    priority = f.PriorityFactory(plan=f.PlanFactory(period_start=2020, period_end=2025))
    for year in (2019, 2026):
        action_plan = f.ActionPlanFactory.build(priority=priority, year=year)
        assert validation_errors(action_plan) == {"year": ["The year must lie within the plan's period 2020-2025."]}
    for year in (2020, 2025):
        assert validation_errors(f.ActionPlanFactory.build(priority=priority, year=year)) == {}


def test_duplicate_action_plan_message(validation_errors, constraint_message):
    existing = f.ActionPlanFactory(year=2021)
    duplicate = f.ActionPlanFactory.build(priority=existing.priority, year=2021)
    assert validation_errors(duplicate, "validate_constraints") == {
        "__all__": ["This priority already has an action plan for this year."]
    }
    assert validation_errors(duplicate, "validate_constraints", "nl") == {
        "__all__": [constraint_message(ActionPlan, "actionplan_one_per_priority_and_year", "nl")]
    }


def test_action_dates_message(validation_errors, constraint_message):
    action = f.ActionFactory.build(
        objective=f.ObjectiveFactory(), start_date=datetime.date(2021, 2, 1), end_date=datetime.date(2021, 1, 1)
    )
    assert validation_errors(action, "validate_constraints") == {
        "__all__": ["The end date cannot come before the start date."]
    }
    assert validation_errors(action, "validate_constraints", "nl") == {
        "__all__": [constraint_message(Action, "action_start_lte_end", "nl")]
    }


# --- Totals and progress --------------------------------------------------------------------------------------------


def _action(objective, status, planned=None, spent=None, budget=None):
    return f.ActionFactory(
        objective=objective,
        status=status,
        planned_hours=None if planned is None else Decimal(planned),
        spent_hours=None if spent is None else Decimal(spent),
        budget=None if budget is None else Decimal(budget),
    )


def test_capacity_totals_sum_the_actions_of_all_objectives():
    action_plan = f.ActionPlanFactory()
    first = f.ObjectiveFactory(action_plan=action_plan)
    second = f.ObjectiveFactory(action_plan=action_plan)
    _action(first, Action.Status.DONE, planned="100.5", spent="90", budget="1000")
    _action(first, Action.Status.IN_PROGRESS, planned="20", budget="250.25")
    _action(second, Action.Status.PLANNED, planned="10", spent="1.5")
    # An action of another action plan of the same priority does not count.
    other = f.ActionPlanFactory(priority=action_plan.priority, year=action_plan.year + 1)
    _action(f.ObjectiveFactory(action_plan=other), Action.Status.DONE, planned="999", spent="999", budget="999")

    assert action_plan.capacity_totals() == {
        "planned_hours": Decimal("130.5"),
        "spent_hours": Decimal("91.5"),
        "budget": Decimal("1250.25"),
    }


def test_capacity_totals_are_none_without_figures():
    action_plan = f.ActionPlanFactory()
    assert action_plan.capacity_totals() == {"planned_hours": None, "spent_hours": None, "budget": None}
    _action(f.ObjectiveFactory(action_plan=action_plan), Action.Status.PLANNED)
    assert action_plan.capacity_totals() == {"planned_hours": None, "spent_hours": None, "budget": None}


def test_progress_counts_done_actions_and_ignores_cancelled_ones():
    action_plan = f.ActionPlanFactory()
    objective = f.ObjectiveFactory(action_plan=action_plan)
    for status in (
        Action.Status.DONE,
        Action.Status.DONE,
        Action.Status.IN_PROGRESS,
        Action.Status.DELAYED,
        Action.Status.PLANNED,
        Action.Status.CANCELLED,
        Action.Status.CANCELLED,
    ):
        _action(objective, status)
    _action(f.ObjectiveFactory(action_plan=action_plan), Action.Status.DONE)
    _action(f.ObjectiveFactory(), Action.Status.DONE)  # another action plan
    assert action_plan.progress() == (3, 6)


def test_progress_of_an_empty_action_plan():
    action_plan = f.ActionPlanFactory()
    assert action_plan.progress() == (0, 0)
    _action(f.ObjectiveFactory(action_plan=action_plan), Action.Status.CANCELLED)
    assert action_plan.progress() == (0, 0)


def test_milestone_is_reached_and_strings():
    milestone = f.MilestoneFactory(title="Start", due_date=datetime.date(2021, 3, 1))
    assert not milestone.is_reached
    milestone.reached_on = datetime.date(2021, 3, 2)
    assert milestone.is_reached
    assert str(milestone) == "Start (2021-03-01)"
    action_plan = f.ActionPlanFactory(priority=f.PriorityFactory(code="B 2", short_title="Drugs"), year=2022)
    assert str(action_plan) == "B 2 Drugs – 2022"
