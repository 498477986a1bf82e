"""The one builder of an indicator's yearly rows (stats/rows.py), as the dashboards, documents and public pages
use it."""

from decimal import Decimal

import pytest
from django.utils import timezone

from stats.models import Indicator
from stats.rows import YearRow, indicator_years
from stats.status import Direction, IndicatorStatus
from tests import factories as f

pytestmark = pytest.mark.django_db

ON, AT, OFF, NONE = (
    IndicatorStatus.ON_TRACK,
    IndicatorStatus.AT_RISK,
    IndicatorStatus.OFF_TRACK,
    IndicatorStatus.NO_DATA,
)
YEARS = [2020, 2021, 2022, 2023]


def loaded(indicator) -> Indicator:
    """*indicator* afresh, with its targets and values prefetched as the screens load it."""
    return Indicator.objects.prefetch_related("targets", "values").get(pk=indicator.pk)


@pytest.fixture
def indicator():
    """Up is good, baseline 80 in 2019; 2020 approved and on track, 2021 entered (not approved) and at risk,
    2022 a target without a value, 2023 a value without a target."""
    indicator = f.IndicatorFactory(direction=Direction.UP, baseline_year=2019, baseline_value=Decimal("80"))
    f.IndicatorTargetFactory(indicator=indicator, year=2020, value=Decimal("100"))
    f.IndicatorTargetFactory(indicator=indicator, year=2021, value=Decimal("100"))
    f.IndicatorTargetFactory(indicator=indicator, year=2022, value=Decimal("100"))
    f.IndicatorValueFactory(indicator=indicator, year=2020, value=Decimal("120"), approved=True, from_series=True)
    f.IndicatorValueFactory(indicator=indicator, year=2021, value=Decimal("95"))
    f.IndicatorValueFactory(indicator=indicator, year=2023, value=Decimal("70"), approved=True)
    return loaded(indicator)


def by_year(rows) -> dict[int, YearRow]:
    return {row.year: row for row in rows}


def test_one_row_per_year_in_the_order_given(indicator):
    assert [row.year for row in indicator_years(indicator, [2023, 2020, 2025], approved_only=False)] == [
        2023,
        2020,
        2025,
    ]
    assert indicator_years(indicator, [], approved_only=False) == []


def test_all_values_count_for_the_zones_members(indicator):
    rows = by_year(indicator_years(indicator, YEARS, approved_only=False))
    assert (rows[2020].target, rows[2020].value, rows[2020].approved, rows[2020].status) == (100, 120, True, ON)
    assert (rows[2021].target, rows[2021].value, rows[2021].approved, rows[2021].status) == (100, 95, False, AT)


def test_only_approved_values_count_for_everyone_else(indicator):
    rows = by_year(indicator_years(indicator, YEARS, approved_only=True))
    assert (rows[2020].value, rows[2020].approved, rows[2020].status) == (120, True, ON)
    # The value not yet approved is as good as missing: no value, no approval, no status; the target stays.
    assert (rows[2021].target, rows[2021].value, rows[2021].approved, rows[2021].status) == (100, None, None, NONE)
    assert rows[2021].from_series is False and rows[2021].value_is_sample is False


def test_a_missing_target_or_value_gives_no_data(indicator):
    rows = by_year(indicator_years(indicator, YEARS, approved_only=False))
    assert (rows[2022].target, rows[2022].value, rows[2022].approved, rows[2022].status) == (100, None, None, NONE)
    assert (rows[2023].target, rows[2023].value, rows[2023].approved, rows[2023].status) == (None, 70, True, NONE)
    assert rows[2023].status_label == IndicatorStatus.NO_DATA.label


def test_the_baseline_shows_in_its_year_only(indicator):
    rows = by_year(indicator_years(indicator, [2019, *YEARS], approved_only=True))
    assert rows[2019].baseline == Decimal("80")
    assert (rows[2019].target, rows[2019].value, rows[2019].status) == (None, None, NONE)
    assert [rows[year].baseline for year in YEARS] == [None] * len(YEARS)


def test_an_indicator_without_a_baseline():
    indicator = loaded(f.IndicatorFactory())
    assert [row.baseline for row in indicator_years(indicator, YEARS, approved_only=False)] == [None] * len(YEARS)


def test_the_mark_of_a_value_taken_from_the_series(indicator):
    rows = by_year(indicator_years(indicator, YEARS, approved_only=False))
    assert [rows[year].from_series for year in YEARS] == [True, False, False, False]


def test_sample_marks_of_the_target_and_the_value():
    indicator = f.IndicatorFactory()
    f.IndicatorTargetFactory(indicator=indicator, year=2020, is_sample=True)
    f.IndicatorValueFactory(indicator=indicator, year=2021, is_sample=True)
    rows = by_year(indicator_years(loaded(indicator), YEARS, approved_only=False))
    assert (rows[2020].target_is_sample, rows[2020].value_is_sample, rows[2020].is_sample) == (True, False, True)
    assert (rows[2021].target_is_sample, rows[2021].value_is_sample, rows[2021].is_sample) == (False, True, True)
    assert rows[2022].is_sample is False


@pytest.mark.parametrize("approved_only", [False, True], ids=["all", "approved-only"])
@pytest.mark.parametrize("direction", [Direction.UP, Direction.DOWN])
def test_the_status_is_the_indicators_own(indicator, direction, approved_only):
    """The same verdict as Indicator.status_for, the one rule of stats/status.py, in either direction and with
    the indicator's own margin."""
    indicator.direction = direction
    indicator.at_risk_margin = Decimal("3")
    rows = indicator_years(indicator, YEARS, approved_only=approved_only)
    assert [row.status for row in rows] == [indicator.status_for(y, approved_only=approved_only) for y in YEARS]
    expected = {
        Direction.UP: [ON, NONE if approved_only else OFF],
        Direction.DOWN: [OFF, NONE if approved_only else ON],
    }
    assert [row.status for row in rows[:2]] == expected[direction]


def test_prefetched_indicators_take_no_queries(indicator, django_assert_num_queries):
    other = f.IndicatorFactory(plan=indicator.plan)
    f.IndicatorTargetFactory(indicator=other, year=2021, value=Decimal("10"))
    f.IndicatorValueFactory(indicator=other, year=2021, value=Decimal("12"), approved_at=timezone.now())
    with django_assert_num_queries(3):  # indicators, targets, values
        indicators = list(Indicator.objects.filter(plan=indicator.plan).prefetch_related("targets", "values"))
    with django_assert_num_queries(0):
        rows = [indicator_years(i, YEARS, approved_only=only) for i in indicators for only in (False, True)]
    assert len(rows) == 4 and all(len(r) == len(YEARS) for r in rows)
