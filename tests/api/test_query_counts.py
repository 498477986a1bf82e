"""Every list and detail endpoint runs a number of queries that does not grow with the number of rows.

Each case counts the queries of one request with N rows, adds 2N more, and asserts (with
django_assert_num_queries) that the same request with 3N rows runs exactly as many; the count must also
stay under a small ceiling. As a member of the zone and anonymously (the restricted querysets differ).
"""

import itertools
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from tests import factories as f

from . import ENDPOINTS

pytestmark = pytest.mark.django_db

N = 2
MAX_QUERIES = 10
_numbers = itertools.count(1)


class Growing:
    """A published plan of zone A that grows by `add(n)` units: one row of every model served by the API."""

    def __init__(self, zone, advisor, council):
        self.zone, self.advisor, self.council = zone, advisor, council
        self.plan = f.PlanFactory(zone=zone, published=True)
        self.framework = f.FrameworkFactory()

    def add(self, n):
        plan = self.plan
        for _ in range(n):
            number = next(_numbers)
            f.PlanFactory(zone=self.zone, published=True)
            f.PoliceZoneFactory()
            municipality = f.MunicipalityFactory(zone=self.zone)
            f.SubMunicipalityFactory(municipality=municipality)
            f.SubMunicipalityFactory(municipality=municipality)
            f.ChapterFactory(plan=plan)
            f.PlanValueFactory(plan=plan)
            expectation = f.StakeholderExpectationFactory(plan=plan)
            f.SignatoryFactory(plan=plan)
            domain = f.DomainFactory(plan=plan)
            theme = f.ThemeFactory(plan=plan)
            priority = f.PriorityFactory(
                plan=plan,
                number=number,
                domain=domain,
                theme=theme,
                frameworks=[self.framework],
                stakeholder_expectations=[expectation],
            )
            f.CommentFactory(priority=priority, author=self.council)
            action_plan = f.ActionPlanFactory(priority=priority, year=2020)
            objective = f.ObjectiveFactory(action_plan=action_plan)
            f.ActionFactory(objective=objective)
            f.MilestoneFactory(action_plan=action_plan)
            indicator = f.IndicatorFactory(plan=plan, priority=priority)
            for year in (2020, 2021):
                f.IndicatorTargetFactory(indicator=indicator, year=year)
                f.IndicatorValueFactory(indicator=indicator, year=year, approved=year == 2020)
            f.CommentFactory(priority=None, indicator=indicator, plan=plan, author=self.council)
            series = f.StatSeriesFactory(zone=self.zone, crime=True)
            f.StatPointFactory(series=series, year=2020)
            f.StatPointFactory(series=series, year=2021)
            table = f.StaffTableFactory(plan=plan)
            f.StaffLineFactory(table=table)
            f.StaffLineFactory(table=table, category="calog")
            f.FinancialLineFactory(plan=plan, year=2020)
            f.FinancialLineFactory(plan=plan, year=2021, category="income")
            f.KeyFigureFactory(plan=plan)
            f.DocumentFactory(plan=plan, protection="public")
            f.DocumentFactory(plan=plan, kind="annual_report", year=2020 + number % 6)
            f.AnnualReportFactory(plan=f.PlanFactory(zone=self.zone, published=True))
            f.FrameworkFactory()
            f.CrimeCategoryFactory()


LISTS = ENDPOINTS


def _client(user):
    """A client for *user* as a request would load it: fresh, without the roles cached on the object."""
    client = APIClient()
    if user is not None:
        client.force_authenticate(type(user).objects.get(pk=user.pk))
    return client


def _count(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, response.content
    return len(queries), response


@pytest.fixture
def growing(zone_a, advisor, council):
    return Growing(zone_a, advisor, council)


@pytest.mark.parametrize("as_member", [True, False], ids=["member", "anonymous"])
@pytest.mark.parametrize("endpoint", LISTS)
def test_list_queries_do_not_grow(growing, django_assert_num_queries, endpoint, as_member):
    client = _client(growing.advisor if as_member else None)
    url = f"/api/v1/{endpoint}/?page_size=200"
    growing.add(N)
    queries, small = _count(client, url)
    assert queries <= MAX_QUERIES
    growing.add(2 * N)
    client = _client(growing.advisor if as_member else None)
    with django_assert_num_queries(queries):
        large = client.get(url)
    assert large.json()["count"] >= small.json()["count"]
    if as_member and endpoint not in ("zones", "frameworks", "crime-categories"):
        assert large.json()["count"] >= 3 * N, "the rows did not grow"


def _detail_urls(growing):
    plan = growing.plan
    priority = plan.priorities.first()
    indicator = plan.indicators.first()
    municipality = growing.zone.municipalities.first()
    return {
        "plan": f"/api/v1/plans/{plan.pk}/",
        "priority": f"/api/v1/priorities/{priority.pk}/",
        "priority-comments": f"/api/v1/priorities/{priority.pk}/comments/",
        "indicator": f"/api/v1/indicators/{indicator.pk}/",
        "zone": f"/api/v1/zones/{growing.zone.pk}/",
        "municipality": f"/api/v1/municipalities/{municipality.pk}/",
        "staff-table": f"/api/v1/staff-tables/{plan.staff_tables.first().pk}/",
        "financial-totals": f"/api/v1/plans/{plan.pk}/financial-totals/",
    }


DETAILS = [
    pytest.param(detail, as_member, id=f"{detail}-{'member' if as_member else 'anonymous'}")
    for detail in (
        "plan", "priority", "priority-comments", "indicator", "zone", "municipality", "staff-table",
        "financial-totals",
    )
    for as_member in (True, False)
]  # fmt: skip


@pytest.mark.parametrize(("detail", "as_member"), DETAILS)
def test_detail_queries_do_not_grow(growing, django_assert_num_queries, detail, as_member):
    client = _client(growing.advisor if as_member else None)
    growing.add(N)
    url = _detail_urls(growing)[detail]
    queries, small = _count(client, url)
    assert queries <= MAX_QUERIES
    growing.add(2 * N)
    # The plan's parts, the priority's links and the indicator's years grow with more rows; the queries do not.
    f.IndicatorTargetFactory(indicator=growing.plan.indicators.first(), year=2022, value=Decimal(1))
    client = _client(growing.advisor if as_member else None)
    with django_assert_num_queries(queries):
        large = client.get(url)
    if detail == "plan" and as_member:
        assert len(large.json()["chapters"]) == len(small.json()["chapters"]) + 2 * N
