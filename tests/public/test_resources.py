"""The public plan page shows the plan's resources: the staff tables with each printed total beside the
computed one (flagged where they disagree) and the financial plan's lines with computed totals of like lines,
in Belgian numbers, never a balance, never a restricted line."""

from decimal import Decimal

import pytest
from django.urls import reverse

from core.base import Protection
from tests import factories as f

pytestmark = pytest.mark.django_db


def test_the_public_plan_page_shows_staff_and_finance(client, zone_a):
    plan = f.PlanFactory(zone=zone_a, published=True)
    table = f.StaffTableFactory(plan=plan, printed_total=412, printed_operational_actual=333, printed_calog_fte=9)
    f.StaffLineFactory(table=table, category="operational", label="operationele medewerkers", actual=333, fte=None)
    f.StaffLineFactory(table=table, category="calog", label="CALOG-medewerkers", actual=79, fte=Decimal("10.5"))
    for label, amount in (("Dotatie Herent", "1250000.50"), ("Dotatie Kortenberg", "750000")):
        f.FinancialLineFactory(plan=plan, year=2024, kind="prognosis", category="dotation", label=label,
                               amount=Decimal(amount))  # fmt: skip
    f.FinancialLineFactory(plan=plan, year=2024, category="dotation", label="Geheime lijn", amount=Decimal("5"),
                           protection=Protection.RESTRICTED)  # fmt: skip

    html = client.get(reverse("public:plan", args=[plan.pk]), HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    resources = html[html.index('id="resources"') :]
    assert "(het document vermeldt 412)" in resources and "(het document vermeldt 333)" in resources
    assert "(het document vermeldt 9: dat klopt niet)" in resources and "10,5" in resources
    assert "Totaal gemeentelijke dotatie" in resources and "2.000.000,50" in resources
    assert "(berekend)" in resources and "prognose" in resources
    assert "Geheime lijn" not in html
    for word in ("Saldo", "saldo"):
        assert word not in html
