"""The traffic-light rule (stats/status.py) and how indicators apply it per year."""

from decimal import Decimal

import pytest
from django.utils import timezone

from stats.models import Indicator
from stats.status import Direction, IndicatorStatus, compute_status, shortfall
from tests import factories as f

UP, DOWN = Direction.UP, Direction.DOWN
ON, AT, OFF, NONE = (
    IndicatorStatus.ON_TRACK,
    IndicatorStatus.AT_RISK,
    IndicatorStatus.OFF_TRACK,
    IndicatorStatus.NO_DATA,
)

# (direction, target, value, margin or None for the default 10 %, expected)
CASES = {
    # Up is good (e.g. number of controls).
    "up-exceeds": (UP, "100", "120", None, ON),
    "up-meets": (UP, "100", "100", None, ON),
    "up-just-below": (UP, "100", "99.99", None, AT),
    "up-at-margin-boundary": (UP, "100", "90", None, AT),
    "up-just-beyond-margin": (UP, "100", "89.99", None, OFF),
    "up-far-below": (UP, "100", "10", None, OFF),
    # Down is good (e.g. number of burglaries).
    "down-beats": (DOWN, "100", "80", None, ON),
    "down-meets": (DOWN, "100", "100", None, ON),
    "down-just-above": (DOWN, "100", "100.01", None, AT),
    "down-at-margin-boundary": (DOWN, "100", "110", None, AT),
    "down-just-beyond-margin": (DOWN, "100", "110.01", None, OFF),
    "down-far-above": (DOWN, "100", "300", None, OFF),
    # Missing data.
    "no-target": (UP, None, "100", None, NONE),
    "no-value": (UP, "100", None, None, NONE),
    "no-target-nor-value": (DOWN, None, None, None, NONE),
    "down-no-value": (DOWN, "100", None, None, NONE),
    # A target of zero leaves no margin.
    "down-zero-target-met": (DOWN, "0", "0", None, ON),
    "down-zero-target-any-shortfall": (DOWN, "0", "0.01", None, OFF),
    "up-zero-target-met": (UP, "0", "0", None, ON),
    "up-zero-target-shortfall": (UP, "0", "-1", None, OFF),
    "down-zero-target-wide-margin": (DOWN, "0", "1", "100", OFF),
    # Custom margins.
    "margin-25-inside": (UP, "200", "150", "25", AT),
    "margin-25-beyond": (UP, "200", "149", "25", OFF),
    "margin-0-any-shortfall": (UP, "100", "99.99", "0", OFF),
    "margin-0-met": (DOWN, "100", "100", "0", ON),
    "margin-100-all-the-way": (UP, "100", "0", "100", AT),
    "margin-fractional": (DOWN, "1000", "1025", "2.5", AT),
    "margin-fractional-beyond": (DOWN, "1000", "1025.01", "2.5", OFF),
    # A negative target (e.g. a change in %) uses |T| for the margin.
    "negative-target-within-margin": (DOWN, "-10", "-9.5", None, AT),
    "negative-target-beyond-margin": (DOWN, "-10", "-8", None, OFF),
    "negative-target-beaten": (DOWN, "-10", "-12", None, ON),
}


def _d(value):
    return None if value is None else Decimal(value)


@pytest.mark.parametrize(("direction", "target", "value", "margin", "expected"), CASES.values(), ids=CASES.keys())
def test_compute_status(direction, target, value, margin, expected):
    args = (direction, _d(target), _d(value))
    result = compute_status(*args) if margin is None else compute_status(*args, Decimal(margin))
    assert result == expected


def test_compute_status_accepts_plain_numbers():
    assert compute_status(UP, 100, 95) == AT
    assert compute_status(DOWN, 100, 95.0, 5) == ON
    assert compute_status("down", 10, 12, 10) == OFF


def test_shortfall_sign_follows_the_direction():
    assert shortfall(UP, Decimal(100), Decimal(90)) == Decimal(10)
    assert shortfall(DOWN, Decimal(100), Decimal(90)) == Decimal(-10)


# --- Indicator.status_for -------------------------------------------------------------------------------------------


@pytest.fixture
def indicator(db):
    """Down is good, 10 % margin, plan 2020-2025: 2021 on track, 2022 at risk (unapproved), 2023 off track."""
    indicator = f.IndicatorFactory(
        plan=f.PlanFactory(period_start=2020, period_end=2025), direction=DOWN, at_risk_margin=Decimal("10")
    )
    for year, target in ((2021, "100"), (2022, "100"), (2023, "100"), (2024, "100")):
        f.IndicatorTargetFactory(indicator=indicator, year=year, value=Decimal(target))
    f.IndicatorValueFactory(indicator=indicator, year=2020, value=Decimal("50"), approved_at=timezone.now())
    f.IndicatorValueFactory(indicator=indicator, year=2021, value=Decimal("90"), approved_at=timezone.now())
    f.IndicatorValueFactory(indicator=indicator, year=2022, value=Decimal("105"), approved_at=None)
    f.IndicatorValueFactory(indicator=indicator, year=2023, value=Decimal("150"), approved_at=timezone.now())
    return indicator


EXPECTED_BY_YEAR = {2020: NONE, 2021: ON, 2022: AT, 2023: OFF, 2024: NONE, 2025: NONE}
EXPECTED_APPROVED_ONLY = {**EXPECTED_BY_YEAR, 2022: NONE}


@pytest.mark.parametrize("year", EXPECTED_BY_YEAR)
def test_indicator_status_for_year(indicator, year):
    assert indicator.status_for(year) == EXPECTED_BY_YEAR[year]


@pytest.mark.parametrize("year", EXPECTED_APPROVED_ONLY)
def test_indicator_status_for_year_approved_only(indicator, year):
    assert indicator.status_for(year, approved_only=True) == EXPECTED_APPROVED_ONLY[year]


def test_unapproved_value_counts_only_when_not_restricted_to_approved(indicator):
    assert indicator.value_for(2022) == Decimal("105")
    assert indicator.value_for(2022, approved_only=True) is None
    assert indicator.status_for(2022) == AT
    assert indicator.status_for(2022, approved_only=True) == NONE


def test_indicator_uses_its_own_margin(indicator):
    indicator.at_risk_margin = Decimal("4")
    assert indicator.status_for(2022) == OFF  # 5 % above target, beyond a 4 % margin
    indicator.at_risk_margin = Decimal("5")
    assert indicator.status_for(2022) == AT  # exactly at the margin


def test_indicator_uses_its_direction(indicator):
    indicator.direction = UP
    assert indicator.status_for(2021) == AT  # 90 against 100, up is good
    assert indicator.status_for(2023) == ON


def test_target_and_value_lookup(indicator):
    assert indicator.target_for(2021) == Decimal("100")
    assert indicator.target_for(2020) is None
    assert indicator.value_for(2020) == Decimal("50")
    assert indicator.value_for(2025) is None


def test_statuses_of_prefetched_indicators_take_no_queries(indicator, django_assert_num_queries):
    other = f.IndicatorFactory(plan=indicator.plan, direction=UP)
    f.IndicatorTargetFactory(indicator=other, year=2021, value=Decimal("10"))
    f.IndicatorValueFactory(indicator=other, year=2021, value=Decimal("12"), approved_at=timezone.now())

    with django_assert_num_queries(3):  # indicators, targets, values
        indicators = list(Indicator.objects.filter(plan=indicator.plan).prefetch_related("targets", "values"))

    # The years come from the plan already in memory (ind.plan would be one more query per indicator).
    years = list(indicator.plan.years)
    with django_assert_num_queries(0):
        statuses = {
            (ind.pk, year, approved_only): ind.status_for(year, approved_only=approved_only)
            for ind in indicators
            for year in years
            for approved_only in (False, True)
        }
    assert len(statuses) == 2 * len(years) * 2
    assert statuses[(indicator.pk, 2022, False)] == AT
    assert statuses[(indicator.pk, 2022, True)] == NONE
    assert statuses[(other.pk, 2021, True)] == ON
