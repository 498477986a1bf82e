"""The zone dashboard runs a number of queries that does not grow with the number of priorities and indicators.

A plan with 3 priorities and 5 indicators, and one with 60 priorities and 200 indicators (with targets, values,
action plans and actions), must cost the same number of queries: the page, the API JSON and the CSV export.
"""

import itertools
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.test import APIClient

from actionplans.models import Action
from stats.status import Direction
from tests import factories as f

pytestmark = pytest.mark.django_db

MAX_QUERIES = 25


def build(zone, priorities, indicators):
    plan = f.PlanFactory(zone=zone, published=True)
    domains = [f.DomainFactory(plan=plan, order=i) for i in range(2)]
    root = f.ThemeFactory(plan=plan)
    themes = [root, f.ThemeFactory(plan=plan, parent=root), f.ThemeFactory(plan=plan)]
    rows = []
    for n in range(priorities):
        priority = f.PriorityFactory(plan=plan, number=n + 1, domain=domains[n % 2], theme=themes[n % 3])
        objective = f.ObjectiveFactory(action_plan=f.ActionPlanFactory(priority=priority, year=2021))
        f.ActionFactory(objective=objective, status=Action.Status.DONE)
        f.ActionFactory(objective=objective)
        rows.append(priority)
    for n, priority in zip(range(indicators), itertools.cycle(rows)):
        indicator = f.IndicatorFactory(plan=plan, priority=priority, direction=[Direction.UP, Direction.DOWN][n % 2])
        for year in (2020, 2021):
            f.IndicatorTargetFactory(indicator=indicator, year=year, value=Decimal(100))
            f.IndicatorValueFactory(indicator=indicator, year=year, value=Decimal(90 + n % 20), approved=year == 2020)
    return plan


def count(client, url, query=None):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, query or {})
    assert response.status_code == 200, url
    return len(queries)


@pytest.fixture
def plans(zone_a):
    return build(zone_a, 3, 5), build(zone_a, 60, 200)


@pytest.mark.parametrize("as_member", [True, False], ids=["member", "outsider"])
@pytest.mark.parametrize(
    "url_name", ["dashboards:plan", "api:dashboard-plan-detail", "export-csv", "dashboards:statistics"]
)
def test_queries_do_not_grow_with_priorities_and_indicators(plans, council, advisor_b, url_name, as_member):
    user = council if as_member else advisor_b
    client = APIClient() if url_name.startswith("api:") else Client()
    client.force_login(user)
    small, large = plans

    def url(plan):
        if url_name == "export-csv":
            return reverse("dashboards:plan-export", args=[plan.pk, "csv"])
        return reverse(url_name, args=[plan.pk])

    client.get(url(small))  # warm up: session, caches
    counts = [count(client, url(plan), {"year": 2021}) for plan in (small, large)]
    assert counts[0] == counts[1], counts
    assert counts[1] <= MAX_QUERIES, counts


def test_the_large_dashboard_has_everything(plans, council):
    from dashboards.services import build_dashboard

    dashboard = build_dashboard(plans[1], council, 2021)
    assert len(dashboard.priorities) == 60
    assert sum(len(p.indicators) for p in dashboard.priorities) == 200
    assert dashboard.rollup.actions_counted == 120
