"""The statistics dashboard's staff and finance sections: totals per group with the printed total beside the
computed one and flagged, Belgian numbers, the financial plan's lines with computed totals of like lines and
no balance."""

from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from tests import factories as f

pytestmark = pytest.mark.django_db


def _page(user, plan):
    client = Client(HTTP_ACCEPT_LANGUAGE="nl")
    client.force_login(user)
    response = client.get(reverse("dashboards:statistics", args=[plan.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_staff_totals_flag_the_printed_fte_and_read_belgian(scene):
    table = f.StaffTableFactory(plan=scene.plan, printed_total_fte=Decimal("103.60"), printed_calog_actual=79)
    f.StaffLineFactory(table=table, category="operational", label="INP", actual=1200, fte=Decimal("97.6"))
    f.StaffLineFactory(table=table, category="calog", label="Niveau C", actual=79, fte=Decimal("10.0000"))
    html = _page(scene.council, scene.plan)
    staff = html[html.index('id="table-staff"') : html.index('id="finance"')]
    assert "1.279" in staff and "107,6" in staff and "97,6" in staff
    assert "10,0000" not in staff and "10.0000" not in staff
    assert "(het document vermeldt 103,6: dat klopt niet)" in staff
    assert "(het document vermeldt 79)" in staff
    assert staff.count("total-disagrees") == 1
    assert "(berekend)" in staff


def test_finance_shows_lines_and_computed_totals_of_like_lines_without_a_balance(scene):
    for label, amount in (("Dotatie Herent", "1250000.50"), ("Dotatie Kortenberg", "750000")):
        f.FinancialLineFactory(plan=scene.plan, year=2024, kind="prognosis", category="dotation", label=label,
                               amount=Decimal(amount))  # fmt: skip
    html = _page(scene.council, scene.plan)
    finance = html[html.index('id="finance"') :]
    assert "1.250.000,50" in finance and "750.000" in finance
    assert "Totaal gemeentelijke dotatie" in finance and "2.000.000,50" in finance
    assert "(berekend)" in finance and "prognose" in finance
    for word in ("Saldo", "saldo", "Ontvangsten", "Uitgaven"):
        assert word not in finance
