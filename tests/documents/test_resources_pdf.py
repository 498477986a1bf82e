"""The resources part of the plan's PDF: staff totals per group and for the whole table, each computed total
beside the printed one with disagreements flagged, Belgian numbers; the financial plan's lines and the
computed totals of like lines, no balance."""

import re
from decimal import Decimal

import pytest
from django.utils import translation

from core.base import Protection
from documents import rendering
from tests import factories as f

pytestmark = pytest.mark.django_db


def _html(plan, language="nl"):
    with translation.override(language):
        return rendering.render_document_html(plan, "plan", Protection.PUBLIC).html


def _staff_plan():
    plan = f.PlanFactory(published=True)
    table = f.StaffTableFactory(
        plan=plan, printed_total_fte=Decimal("103.60"), printed_total=1500, printed_operational_actual=1400
    )
    f.StaffLineFactory(table=table, category="operational", label="INP", actual=1400, fte=Decimal("97.60"))
    f.StaffLineFactory(table=table, category="calog", label="Niveau C", actual=100, fte=Decimal("10"))
    return plan, table


def test_the_total_rows_show_computed_beside_printed_in_belgian_form():
    plan, table = _staff_plan()
    html = _html(plan)
    section = html[html.index(f'id="staff-{table.pk}"') :]
    footer = section[section.index("<tfoot>") : section.index("</tfoot>")]
    rows = re.findall(r"<tr.*?</tr>", footer, flags=re.S)
    assert len(rows) == 3  # operational, CALOG, the whole table
    total = rows[-1]
    assert "total-disagrees" in total
    assert re.findall(r'<td class="num">([^<]*)', total) == ["1.500", "107,6", "24"]
    assert "(het document vermeldt 103,6: dat klopt niet)" in total
    assert 'class="printed disagrees"' in total
    assert "1.500" in total and "berekend" in total
    assert "total-disagrees" not in rows[0]
    assert "1.400" in rows[0]
    assert "Saldo" not in html and "saldo" not in html


def test_the_financial_plan_prints_lines_and_computed_totals_of_like_lines_without_a_balance():
    plan = f.PlanFactory(published=True)
    herent = f.MunicipalityFactory(zone=plan.zone, name="Herent")
    dotations = (("Dotatie Herent", "1250000.50", herent), ("Dotatie Kortenberg", "750000", None))
    for label, amount, municipality in dotations:
        f.FinancialLineFactory(
            plan=plan, year=2024, kind="budget", category="dotation", label=label, amount=Decimal(amount),
            municipality=municipality,
        )  # fmt: skip
    f.FinancialLineFactory(plan=plan, year=2025, kind="prognosis", category="personnel", label="Personeel",
                           amount=Decimal("9000000"))  # fmt: skip
    html = _html(plan)
    finance = html[html.index('id="finance"') :]
    assert "1.250.000,50" in finance and "750.000" in finance
    assert "2.000.000,50" in finance  # the total of the municipal dotations
    assert "9.000.000" in finance and "prognose" in finance
    assert finance.count("(berekend)") == 2  # one computed total per category
    for word in ("Saldo", "saldo", "Ontvangsten", "Uitgaven"):
        assert word not in finance
