"""The multi-year financial plan: the kind prognose is stored like the others (model and API), and the plan's
table (stats.finance) lays out its lines with the computed totals of like lines only."""

from decimal import Decimal

import pytest
from django.utils import translation
from rest_framework.test import APIClient

from stats.finance import financial_table
from stats.models import FinancialLine
from tests import factories as f

pytestmark = pytest.mark.django_db


def test_prognose_is_a_kind_of_its_own():
    line = f.FinancialLineFactory(kind=FinancialLine.Kind.PROGNOSIS)
    line.full_clean()
    with translation.override("nl"):
        labels = [str(FinancialLine.Kind(k).label) for k in ("budget", "forecast", "prognosis", "actual")]
    assert labels == ["begroting", "raming", "prognose", "werkelijk (rekening)"]


def test_the_api_accepts_prognosis(zone_a, advisor):
    plan = f.PlanFactory(zone=zone_a)
    client = APIClient()
    client.force_authenticate(advisor)
    response = client.post(
        "/api/v1/financial-lines/",
        {"plan": plan.pk, "year": plan.period_start, "kind": "prognosis", "category": "personnel",
         "label": "Personeelskosten", "amount": "9000000.00", "protection": "public"},
        format="json",
    )  # fmt: skip
    assert response.status_code == 201, response.content
    assert FinancialLine.objects.get(plan=plan).kind == "prognosis"
    refused = client.post(
        "/api/v1/financial-lines/",
        {"plan": plan.pk, "year": plan.period_start, "kind": "saldo", "category": "personnel", "label": "x",
         "amount": "1"},
        format="json",
    )  # fmt: skip
    assert refused.status_code == 400 and "kind" in refused.json()


def test_the_table_has_a_column_per_year_and_kind_and_computed_totals_per_category():
    plan = f.PlanFactory()
    herent = f.MunicipalityFactory(zone=plan.zone, name="Herent")

    def line(year, kind, category, label, amount, **kwargs):
        f.FinancialLineFactory(plan=plan, year=year, kind=kind, category=category, label=label,
                               amount=Decimal(amount), **kwargs)  # fmt: skip

    line(2021, "actual", "dotation", "Dotatie Herent", "100", municipality=herent)
    line(2021, "actual", "dotation", "Dotatie Kortenberg", "50")
    line(2022, "prognosis", "dotation", "Dotatie Herent", "110", municipality=herent)
    line(2022, "budget", "personnel", "Personeel", "700")
    line(2021, "actual", "income", "Federale dotatie", "30")
    table = financial_table(FinancialLine.objects.filter(plan=plan).select_related("municipality"))

    assert [(c.year, c.kind) for c in table.columns] == [(2021, "actual"), (2022, "budget"), (2022, "prognosis")]
    assert [s.category for s in table.sections] == ["income", "dotation", "personnel"]
    dotation = table.sections[1]
    assert [(r.label, r.municipality, r.cells) for r in dotation.rows] == [
        ("Dotatie Herent", "Herent", [Decimal("100"), None, Decimal("110")]),
        ("Dotatie Kortenberg", "", [Decimal("50"), None, None]),
    ]
    assert dotation.totals == [Decimal("150"), None, Decimal("110")]
    assert table.sections[2].totals == [None, Decimal("700"), None]
    assert not hasattr(table, "balance")


def test_an_empty_plan_has_an_empty_table():
    assert not financial_table([])
