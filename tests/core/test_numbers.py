from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation

from core.numbers import belgian_number
from core.templatetags.portal import cell
from tests import factories as f


@pytest.mark.parametrize(
    ("value", "places", "expected"),
    [
        (Decimal("132.8300000000000"), 2, "132,83"),
        (Decimal("107.60"), 2, "107,6"),
        (Decimal("1500.00"), 2, "1.500"),
        (1500, 2, "1.500"),
        (412, 2, "412"),
        (Decimal("1234567.891"), 2, "1.234.567,89"),
        (Decimal("1500000.00"), -2, "1.500.000"),
        (Decimal("1234.5"), -2, "1.234,50"),
        (Decimal("-7000"), -2, "-7.000"),
        (Decimal("-0.001"), 2, "0"),
        (Decimal("0.005"), 2, "0,01"),
        (12.5, 0, "13"),
        (None, 2, ""),
        ("", 2, ""),
        ("geen getal", 2, ""),
    ],
)
def test_belgian_number(value, places, expected):
    assert belgian_number(value, places) == expected


@pytest.mark.parametrize("language", ["nl", "fr", "en"])
def test_be_number_filter_is_belgian_in_every_language(language):
    template = Template(
        '{% load portal %}{{ fte|be_number }} {{ amount|be_number:-2 }} {{ none|be_number|default:"–" }}'
    )
    with translation.override(language):
        text = template.render(Context({"fte": Decimal("132.8300000000000"), "amount": Decimal("1500000.00")}))
    assert text == "132,83 1.500.000 –"


@pytest.mark.django_db
def test_editor_list_cells_show_belgian_numbers_but_years_plain():
    line = f.StaffLineFactory(fte=Decimal("132.83"), actual=1500)
    assert cell(line, "fte") == "132,83"
    assert cell(line, "actual") == "1.500"
    assert cell(line, "order") == line.order
    money = f.FinancialLineFactory(amount=Decimal("1500000.00"), year=2024)
    assert cell(money, "amount") == "1.500.000"
    assert cell(money, "year") == 2024
