"""The dashboards' JSON under /api/v1/dashboard/: the access rule, validation, the schema, and the same numbers
as the pages."""

import json
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from .conftest import YEAR

pytestmark = pytest.mark.django_db


def api(user=None):
    client = APIClient(headers={"accept-language": "en"})
    if user is not None:
        client.force_authenticate(user)
    return client


def dashboard_url(plan):
    return reverse("api:dashboard-plan-detail", args=[plan.pk])


def test_anonymous_callers_see_published_public_content_with_approved_values(scene):
    response = api().get(dashboard_url(scene.plan), {"year": YEAR})
    assert response.status_code == 200
    data = response.json()
    assert data["sees_internals"] is False
    assert [p["code"] for p in data["priorities"]] == ["I 1", "B 2", "B 3", "I 4"]  # not the restricted I 5
    pending = next(i for p in data["priorities"] for i in p["indicators"] if i["code"] == "P3")
    assert pending["value"] is None and pending["status"] == "no_data"
    assert all(
        cell["approved"] in (True, None) for p in data["priorities"] for i in p["indicators"] for cell in i["years"]
    )
    assert api().get(dashboard_url(scene.draft_b)).status_code == 404
    priority = api().get(reverse("api:dashboard-priority-detail", args=[scene.p[0].pk])).json()
    assert priority["comments"] == []  # council comments are internal


def test_zone_members_see_their_zone_and_not_other_drafts(scene):
    data = api(scene.council).get(dashboard_url(scene.plan), {"year": YEAR}).json()
    assert data["sees_internals"] is True
    assert [p["code"] for p in data["priorities"]][-1] == "I 5"
    assert api(scene.council).get(dashboard_url(scene.draft_b)).status_code == 404
    assert api(scene.council).get(reverse("api:dashboard-plan-statistics", args=[scene.draft_b.pk])).status_code == 404
    comments = api(scene.council).get(reverse("api:dashboard-priority-detail", args=[scene.p[0].pk])).json()["comments"]
    assert [c["body"] for c in comments] == ["Graag meer controles."]


@pytest.mark.parametrize(
    "query", [{"year": 1999}, {"year": "x"}, {"kind": "bogus"}, {"status": "green"}, {"domain": 0}, {"theme": "x"}]
)
def test_invalid_parameters_answer_400(scene, query):
    response = api(scene.council).get(dashboard_url(scene.plan), query)
    assert response.status_code == 400
    assert set(response.json()) == set(query)


def test_the_api_matches_the_page(scene):
    """The numbers of the page (its context, rendered in its tables) and of the API JSON are the same."""
    query = {"year": YEAR, "domain": scene.domains[0].pk}
    page = Client()
    page.force_login(scene.council)
    dashboard = page.get(reverse("dashboards:plan", args=[scene.plan.pk]), query).context["dashboard"]
    data = api(scene.council).get(dashboard_url(scene.plan), query).json()
    assert data["year"] == dashboard.year
    assert data["rollup"]["status"] == dashboard.rollup.status
    assert {k: data["rollup"][k] for k in dashboard.rollup.counts} == dashboard.rollup.counts
    assert Decimal(data["rollup"]["score"]) == dashboard.rollup.score
    assert [d["domain"] for d in data["domains"]] == [g.domain.pk for g in dashboard.groups]
    assert [Decimal(d["rollup"]["score"]) for d in data["domains"]] == [g.rollup.score for g in dashboard.groups]
    for row, json_row in zip(dashboard.priorities, data["priorities"], strict=True):
        assert json_row["id"] == row.priority.pk
        assert json_row["status"] == row.status
        assert (json_row["actions_done"], json_row["actions_counted"]) == (row.actions_done, row.actions_counted)
        for ind, json_ind in zip(row.indicators, json_row["indicators"], strict=True):
            assert json_ind["status"] == ind.status
            for cell, json_cell in zip(ind.years, json_ind["years"], strict=True):
                assert json_cell["year"] == cell.year
                assert json_cell["status"] == cell.status
                assert (None if json_cell["value"] is None else Decimal(json_cell["value"])) == cell.value
                assert (None if json_cell["target"] is None else Decimal(json_cell["target"])) == cell.target
    assert data["rule"] and "worst status" in " ".join(data["rule"])


def test_statistics_api_matches_the_page(scene):
    from tests import factories as f

    parent = f.CrimeCategoryFactory(code="diefstal", name="Diefstal")
    child = f.CrimeCategoryFactory(code="fiets", name="Fietsdiefstal", parent=parent)
    drugs = f.CrimeCategoryFactory(code="drugs", name="Drugs", children_partition=True)
    possession = f.CrimeCategoryFactory(code="bezit", name="Bezit", parent=drugs)
    trade = f.CrimeCategoryFactory(code="handel", name="Handel", parent=drugs)
    for category, value in ((parent, 900), (child, 300), (drugs, 60), (possession, 40), (trade, 20)):
        series = f.StatSeriesFactory(zone=scene.zone_a, kind="crime", crime_category=category, name=category.name)
        f.StatPointFactory(series=series, year=2021, value=Decimal(value))
    victims = f.StatSeriesFactory(zone=scene.zone_a, victims=True, name="Letsel", severity="killed")
    f.StatPointFactory(series=victims, year=2021, value=Decimal(3))
    accidents = f.StatSeriesFactory(zone=scene.zone_a, accidents=True, name="Letselongevallen")
    f.StatPointFactory(series=accidents, year=2022, value=Decimal(12), is_provisional=True)
    table = f.StaffTableFactory(plan=scene.plan)
    f.StaffLineFactory(table=table, label="Inspecteur", actual=20, fte=Decimal("19.5"), authorised=22)
    f.FinancialLineFactory(plan=scene.plan, year=2021, category="income", label="Federaal", amount=Decimal(1000))
    f.FinancialLineFactory(plan=scene.plan, year=2021, category="personnel", label="Personeel", amount=Decimal(800))

    data = api(scene.council).get(reverse("api:dashboard-plan-statistics", args=[scene.plan.pk])).json()
    page = Client()
    page.force_login(scene.council)
    stats = page.get(reverse("dashboards:statistics", args=[scene.plan.pk])).context["stats"]
    # Issue 13: no "sum of the summable categories" (it added overlapping categories up); the one total is
    # the sum of sub-categories that partition their category, and victims are a measure of their own.
    assert "summable_total" not in data["crime"]
    assert data["crime"]["totals"] == [
        {"category": "drugs", "label": "Drugs", "municipality": None,
         "points": [{"year": 2021, "value": "60.00", "provisional": False, "disagrees": False}]}
    ]  # fmt: skip
    assert [(t.category.code, t.values) for t in stats.crime.totals] == [("drugs", {2021: Decimal(60)})]
    assert {s["label"]: s["depth"] for s in data["crime"]["series"]} == {
        "Diefstal": 0,
        "Fietsdiefstal": 1,
        "Drugs": 0,
        "Bezit": 1,
        "Handel": 1,
    }
    assert data["victims"]["series"][0]["points"] == [{"year": 2021, "value": "3.00", "provisional": False}]
    assert data["victims"]["series"][0]["severity"] == "killed" and data["victims"]["years"] == [2021]
    assert data["accidents"]["years"] == [2022] and data["accidents"]["has_provisional"]
    assert not data["victims"]["has_provisional"]
    assert data["staff"]["total"] == {"actual": 20, "fte": "19.50", "authorised": 22}
    # Issue 13: no income/expense/balance per year (a "Saldo" no plan states); the lines and totals of like lines.
    assert [(c["year"], c["kind"]) for c in data["finance"]["columns"]] == [(2021, "budget")]
    income, personnel = data["finance"]["categories"]
    assert income["lines"] == [
        {"label": "Federaal", "municipality": "", "is_sample": False, "values": [
            {"year": 2021, "kind": "budget", "value": "1000.00"}]}
    ]  # fmt: skip
    assert personnel["totals"] == [{"year": 2021, "kind": "budget", "value": "800.00", "computed": True}]
    assert "balance" not in str(data["finance"])


def test_compare_api(scene, superuser):
    assert api().get(reverse("api:dashboard-compare")).json() == {"measure": None, "measures": [], "years": [],
                                                                    "zones": []}  # fmt: skip
    data = api(superuser).get(reverse("api:dashboard-compare"), {"measure": "indicator:Indicator U1"}).json()
    assert data["measure"]["key"] == "indicator:Indicator U1"
    assert [z["zone_name"] for z in data["zones"]] == ["PZ Alfa"]
    assert data["zones"][0]["values"] == [{"year": YEAR, "value": "100.00", "target": "100.00"}]


def test_the_schema_documents_the_dashboard_endpoints():
    response = APIClient().get("/api/v1/schema/", {"format": "json"}, HTTP_ACCEPT_LANGUAGE="en")
    paths = json.loads(response.content)["paths"]
    for path in (
        "/api/v1/dashboard/plans/{id}/",
        "/api/v1/dashboard/plans/{id}/statistics/",
        "/api/v1/dashboard/priorities/{id}/",
        "/api/v1/dashboard/compare/",
    ):
        operation = paths[path]["get"]
        assert len(operation["description"]) > 80, path
        assert "200" in operation["responses"]
    names = {p["name"] for p in paths["/api/v1/dashboard/plans/{id}/"]["get"]["parameters"]}
    assert {"year", "domain", "theme", "kind", "status"} <= names
