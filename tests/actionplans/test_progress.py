"""The actions' progress (actionplans/progress.py): the share done, as the dashboards and documents show it."""

import pytest

from actionplans.models import Action
from actionplans.progress import action_counts, action_plan_counts, done_and_counted, percent
from tests import factories as f

pytestmark = pytest.mark.django_db

DONE, PLANNED, CANCELLED = Action.Status.DONE, Action.Status.PLANNED, Action.Status.CANCELLED


@pytest.mark.parametrize(
    ("part", "whole", "expected"),
    [(0, 0, None), (0, 3, 0), (2, 3, 67), (1, 3, 33), (1, 8, 13), (1, 200, 1), (1, 201, 0), (3, 3, 100)],
)
def test_percent_rounds_half_up(part, whole, expected):
    assert percent(part, whole) == expected


def test_cancelled_actions_do_not_count():
    actions = [Action(status=s) for s in (DONE, DONE, PLANNED, CANCELLED, CANCELLED)]
    assert done_and_counted(actions) == (2, 3)
    assert done_and_counted([]) == (0, 0)


def test_counts_per_priority_and_per_action_plan(superuser, django_assert_num_queries):
    action_plan = f.ActionPlanFactory(year=2021)
    other_year = f.ActionPlanFactory(priority=action_plan.priority, year=2022)
    for status in (DONE, PLANNED, CANCELLED):
        f.ActionFactory(objective=f.ObjectiveFactory(action_plan=action_plan), status=status)
    f.ActionFactory(objective=f.ObjectiveFactory(action_plan=other_year), status=DONE)
    plan, priority = action_plan.priority.plan, action_plan.priority
    with django_assert_num_queries(1):
        assert action_counts(superuser, plan, 2021) == {priority.pk: (1, 2)}
    with django_assert_num_queries(1):
        assert action_plan_counts(superuser, priority) == {action_plan.pk: (1, 2), other_year.pk: (1, 1)}
