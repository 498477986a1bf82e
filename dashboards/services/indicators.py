"""The indicators a user sees on the dashboards, their rows for a year, and the years worth showing.

An indicator's yearly rows come from the one builder, ``stats.rows.indicator_years``; ``IndicatorRow`` only adds
the dashboard's year to them.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Prefetch

from core.access import VIEW, sees_zone_internals
from plans.models import Plan
from stats.models import Indicator, IndicatorTarget, IndicatorValue
from stats.rows import YearRow, indicator_years
from stats.status import IndicatorStatus


@dataclass
class IndicatorRow:
    indicator: Indicator
    years: list[YearRow]
    year: int

    @property
    def current(self) -> YearRow:
        return next(y for y in self.years if y.year == self.year)

    @property
    def status(self) -> IndicatorStatus:
        return self.current.status


def indicator_row(indicator: Indicator, years, year: int, approved_only: bool) -> IndicatorRow:
    """An indicator's target, value and status per year; needs targets and values prefetched (restricted)."""
    return IndicatorRow(indicator, indicator_years(indicator, years, approved_only=approved_only), year)


def visible_indicators(user, **lookup):
    """Indicators *user* may see, with the targets and values *user* may see prefetched."""
    return (
        Indicator.objects.restrict(user, VIEW)
        .filter(**lookup)
        .prefetch_related(
            Prefetch("targets", queryset=IndicatorTarget.objects.restrict(user, VIEW)),
            Prefetch("values", queryset=IndicatorValue.objects.restrict(user, VIEW)),
        )
        .order_by("priority__number", "order", "id")
    )


def years_with_data(plan: Plan, user) -> list[int]:
    """The years of *plan*'s period in which some indicator has a measured value *user* may see."""
    approved_only = not sees_zone_internals(user, plan.zone_id)
    values = IndicatorValue.objects.restrict(user, VIEW).of_plan(plan)
    if approved_only:
        values = values.filter(approved_at__isnull=False)
    found = set(values.values_list("year", flat=True).distinct())
    return sorted(y for y in plan.years if y in found)


def default_year(plan: Plan, with_data: list[int], today: datetime.date | None = None) -> int:
    """The latest year with data up to this year; else this year, brought inside the plan's period."""
    this_year = (today or datetime.date.today()).year
    candidates = [y for y in with_data if y <= this_year]
    if candidates:
        return max(candidates)
    return min(max(this_year, plan.period_start), plan.period_end)
