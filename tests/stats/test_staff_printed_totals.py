"""Every total a staff table prints (per group and for the whole table, per column) is stored and compared."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from stats.models import PRINTED_TOTAL_FIELDS, StaffTable
from tests import factories as f

pytestmark = pytest.mark.django_db


def _table(**printed):
    table = f.StaffTableFactory(**printed)
    f.StaffLineFactory(table=table, category="operational", label="INP", actual=80, fte=Decimal("77.60"), authorised=90)
    f.StaffLineFactory(table=table, category="operational", label="HINP", actual=20, fte=Decimal("20"), authorised=22)
    f.StaffLineFactory(table=table, category="calog", label="Niveau C", actual=10, fte=Decimal("10"), authorised=None)
    return table


def test_every_group_and_column_has_a_printed_field():
    assert len(PRINTED_TOTAL_FIELDS) == 9
    for name in PRINTED_TOTAL_FIELDS.values():
        StaffTable._meta.get_field(name)


def test_printed_fte_total_that_disagrees_is_flagged_alone():
    """The issue's case: the lines add up to 107,60 FTE, the plan prints 103,60."""
    table = _table(printed_operational_fte=Decimal("97.60"), printed_total_fte=Decimal("103.60"), printed_total=110)
    totals = table.printed_totals()
    assert totals["total"]["fte"] == {"computed": Decimal("107.60"), "printed": Decimal("103.60"), "disagrees": True}
    assert totals["operational"]["fte"] == {
        "computed": Decimal("97.60"),
        "printed": Decimal("97.60"),
        "disagrees": False,
    }
    assert totals["total"]["actual"] == {"computed": 110, "printed": 110, "disagrees": False}
    assert totals["calog"]["authorised"] == {"computed": None, "printed": None, "disagrees": False}
    assert table.total_disagrees is True
    table.printed_total_fte = Decimal("107.6")
    assert table.total_disagrees is False


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("printed_operational_actual", 99),
        ("printed_operational_authorised", 111),
        ("printed_calog_actual", 11),
        ("printed_calog_fte", Decimal("9.5")),
        ("printed_total_authorised", 113),
        ("printed_total", 111),
    ],
)
def test_each_printed_total_is_flagged_where_it_disagrees(field, value):
    table = _table(**{field: value})
    group, figure = next(key for key, name in PRINTED_TOTAL_FIELDS.items() if name == field)
    totals = table.printed_totals()
    assert totals[group][figure]["printed"] == value
    assert totals[group][figure]["disagrees"] is True
    flagged = [(g, c) for g, cells in totals.items() for c, cell in cells.items() if cell["disagrees"]]
    assert flagged == [(group, figure)]
    assert table.total_disagrees is True


def test_a_printed_total_beside_no_figure_is_not_a_disagreement():
    table = f.StaffTableFactory(printed_calog_authorised=79)
    f.StaffLineFactory(table=table, category="calog", label="Niveau C", actual=79, fte=None, authorised=None)
    assert table.printed_totals()["calog"]["authorised"] == {"computed": None, "printed": 79, "disagrees": False}
    assert table.total_disagrees is False


def test_total_rows_show_groups_with_lines_or_printed_totals_then_the_table():
    table = _table(printed_calog_fte=Decimal("9"))
    rows = table.total_rows()
    assert [row["group"] for row in rows] == ["operational", "calog", "total"]
    calog = rows[1]
    assert calog["disagrees"] is True and calog["printed"] is True
    assert [cell["figure"] for cell in calog["cells"]] == ["actual", "fte", "authorised"]
    assert rows[0]["disagrees"] is False and rows[0]["printed"] is False
    only_printed = f.StaffTableFactory(printed_operational_actual=333)
    assert [row["group"] for row in only_printed.total_rows()] == ["operational", "total"]


def test_the_leuven_figures_are_storable_as_lines_and_printed_totals():
    """Seed 000: 'een korps met 412 medewerkers, waarvan 333 operationele en 79 CALOG-medewerkers'."""
    table = f.StaffTableFactory(printed_total=412, printed_operational_actual=333, printed_calog_actual=79)
    f.StaffLineFactory(table=table, category="operational", label="operationele medewerkers", actual=333, fte=None)
    f.StaffLineFactory(table=table, category="calog", label="CALOG-medewerkers", actual=79, fte=None)
    table.full_clean()
    totals = table.printed_totals()
    assert [totals[g]["actual"]["printed"] for g in ("operational", "calog", "total")] == [333, 79, 412]
    assert [totals[g]["actual"]["computed"] for g in ("operational", "calog", "total")] == [333, 79, 412]
    assert table.total_disagrees is False


def test_a_negative_printed_fte_is_refused_at_its_field():
    table = f.StaffTableFactory(printed_total_fte=Decimal("-1"))
    with pytest.raises(ValidationError) as error:
        table.full_clean()
    assert "printed_total_fte" in error.value.message_dict
