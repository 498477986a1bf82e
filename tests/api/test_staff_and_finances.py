"""Staff tables, the multi-year financial plan and key figures over the API: totals are computed from the lines
(the printed total only shows a disagreement), and the financial totals of like lines count only what one may
see.

Who may see and change these rows is covered by the matrix of test_permissions.py (see world.py).
"""

from decimal import Decimal

import pytest
from rest_framework.test import APIClient

from core.base import Protection
from tests import factories as f

pytestmark = pytest.mark.django_db


def _client(user=None):
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def test_staff_table_totals_come_from_the_lines(zone_a, advisor):
    plan = f.PlanFactory(zone=zone_a)
    table = f.StaffTableFactory(plan=plan, printed_total=60)
    f.StaffLineFactory(table=table, category="operational", label="Inspecteur", actual=7, fte=None, authorised=None)
    f.StaffLineFactory(table=table, category="calog", label="Niveau C", actual=49, fte=None, authorised=None)
    client = _client(advisor)

    data = client.get(f"/api/v1/staff-tables/{table.pk}/").json()
    assert data["totals"]["total"] == {"actual": 56, "fte": None, "authorised": None}
    assert data["totals"]["operational"]["actual"] == 7
    assert data["totals"]["calog"]["actual"] == 49
    assert data["printed_total"] == 60
    assert data["total_disagrees"] is True
    assert sorted(line["actual"] for line in data["lines"]) == [7, 49]

    # Correcting the printed total ends the disagreement; the totals still come from the lines.
    response = client.patch(
        f"/api/v1/staff-tables/{table.pk}/", {"printed_total": 56, "revision": data["revision"]}, format="json"
    )
    assert response.status_code == 200, response.content
    assert response.json()["total_disagrees"] is False
    assert response.json()["totals"]["total"]["actual"] == 56


def test_staff_table_without_lines_has_no_totals(zone_a, advisor):
    table = f.StaffTableFactory(plan=f.PlanFactory(zone=zone_a))
    data = _client(advisor).get(f"/api/v1/staff-tables/{table.pk}/").json()
    assert data["totals"]["total"] == {"actual": None, "fte": None, "authorised": None}
    assert data["total_disagrees"] is False
    assert data["lines"] == []


def test_staff_lines_filter_on_their_table(zone_a, advisor):
    plan = f.PlanFactory(zone=zone_a)
    table, other = f.StaffTableFactory(plan=plan), f.StaffTableFactory(plan=plan)
    mine = {f.StaffLineFactory(table=table).pk, f.StaffLineFactory(table=table).pk}
    f.StaffLineFactory(table=other)
    response = _client(advisor).get("/api/v1/staff-lines/", {"table": table.pk})
    assert {row["id"] for row in response.json()["results"]} == mine


def _lines(plan):
    budget, actual = "budget", "actual"
    rows = [
        (2020, actual, "income", "Federale dotatie", "1000.00", Protection.PUBLIC),
        (2020, actual, "dotation", "Gemeente A", "500.00", Protection.PUBLIC),
        (2020, actual, "personnel", "Personeel", "1200.00", Protection.PUBLIC),
        (2020, budget, "operating", "Werking (geheim)", "99.00", Protection.RESTRICTED),
        (2021, budget, "income", "Federale dotatie", "1100.00", Protection.PUBLIC),
        (2021, budget, "investment", "Voertuigen", "300.50", Protection.PUBLIC),
    ]
    for year, kind, category, label, amount, protection in rows:
        f.FinancialLineFactory(
            plan=plan,
            year=year,
            kind=kind,
            category=category,
            label=label,
            amount=Decimal(amount),
            protection=protection,
        )


def _total(year, kind, category, amount, count=1):
    return {
        "year": year, "kind": kind, "category": category, "total": amount, "line_count": count, "computed": True,
    }  # fmt: skip


def test_financial_totals_per_year_count_only_what_one_may_see(zone_a, advisor):
    # Issue 13: the totals are of like lines (per year, kind and category), each marked computed; the former
    # income, expense and balance per year added up unlike lines into a balance no plan states.
    plan = f.PlanFactory(zone=zone_a, published=True)
    _lines(plan)
    f.FinancialLineFactory(plan=f.PlanFactory(zone=zone_a, published=True), year=2020, amount=Decimal("7"))
    url = f"/api/v1/plans/{plan.pk}/financial-totals/"

    citizen = _client().get(url)
    assert citizen.status_code == 200, citizen.content
    assert citizen.json() == [
        _total(2020, "actual", "income", "1000.00"),
        _total(2020, "actual", "dotation", "500.00"),
        _total(2020, "actual", "personnel", "1200.00"),
        _total(2021, "budget", "income", "1100.00"),
        _total(2021, "budget", "investment", "300.50"),
    ]

    member = _client(advisor).get(url).json()
    assert _total(2020, "budget", "operating", "99.00") in member
    assert len(member) == 6
    assert not any("balance" in row for row in member)


def test_financial_totals_of_a_draft_are_for_the_zone_only(zone_a, zone_b, advisor):
    plan = f.PlanFactory(zone=zone_a)
    _lines(plan)
    url = f"/api/v1/plans/{plan.pk}/financial-totals/"
    assert _client().get(url).status_code == 404
    outsider_b = f.UserFactory(username="advisor_of_b")
    f.ZoneMembershipFactory(user=outsider_b, zone=zone_b, role="advisor")
    assert _client(outsider_b).get(url).status_code == 404
    assert sorted({row["year"] for row in _client(advisor).get(url).json()}) == [2020, 2021]  # rows per category now
    assert _client(advisor).get(f"/api/v1/plans/{f.PlanFactory(zone=zone_a).pk}/financial-totals/").json() == []


def test_financial_lines_and_key_figures_filter(zone_a, advisor):
    plan = f.PlanFactory(zone=zone_a)
    _lines(plan)
    client = _client(advisor)
    rows = client.get("/api/v1/financial-lines/", {"plan": plan.pk, "year": 2020, "kind": "actual"}).json()
    assert sorted(row["label"] for row in rows["results"]) == ["Federale dotatie", "Gemeente A", "Personeel"]
    rows = client.get("/api/v1/financial-lines/", {"zone": zone_a.pk, "category": "investment"}).json()
    assert [row["label"] for row in rows["results"]] == ["Voertuigen"]

    f.KeyFigureFactory(plan=plan, label="Inwoners", value_text="meer dan 120 000", year=2020)
    f.KeyFigureFactory(plan=plan, label="Voertuigen", value_text="42", year=2021)
    rows = client.get("/api/v1/key-figures/", {"plan": plan.pk, "q": "meer dan"}).json()
    assert [row["label"] for row in rows["results"]] == ["Inwoners"]
    rows = client.get("/api/v1/key-figures/", {"zone": zone_a.pk, "year": 2021}).json()
    assert [row["label"] for row in rows["results"]] == ["Voertuigen"]
