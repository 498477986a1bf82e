"""An indicator's yearly rows, as every screen shows them: the dashboards, the PDF documents, the public pages
and the editor.

``indicator_years`` is the one builder. It reads ``indicator.targets.all()`` and ``indicator.values.all()`` only
(the values of the indicator's line, which its versions in the plan's revisions share), so with those prefetched
(and restricted to what the reader may see) it runs no query at all; the status comes from the one rule of
``stats/status.py``. ``year_values`` reads one year's values of a plan's indicators for the values grid.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from core.access import VIEW

from .models import Indicator, IndicatorValue
from .status import IndicatorStatus, compute_status


@dataclass(frozen=True)
class YearRow:
    """One year of an indicator."""

    year: int
    #: The indicator's baseline value in its baseline year; None in every other year.
    baseline: Decimal | None
    target: Decimal | None
    #: The measured value that counts (see ``approved_only``); None without one.
    value: Decimal | None
    #: Whether the council approved the value; None without a value.
    approved: bool | None
    status: IndicatorStatus
    #: The value was copied from the indicator's statistical series (not typed in).
    from_series: bool = False
    value_is_sample: bool = False
    target_is_sample: bool = False

    @property
    def is_sample(self) -> bool:
        """Some figure of the year (its target or its value) is sample data."""
        return self.value_is_sample or self.target_is_sample

    @property
    def status_label(self) -> str:
        return IndicatorStatus(self.status).label


def indicator_years(indicator: Indicator, years: Iterable[int], *, approved_only: bool) -> list[YearRow]:
    """*indicator*'s baseline, target, value, approval, status and marks for each of *years*, in that order.

    With *approved_only* (anyone but the zone's members, the public edition) a value the council has not
    approved yet counts as missing: no value, no approval, no status. Needs ``targets`` and ``values``
    prefetched (restricted to what the reader may see) to run no query.
    """
    targets, values = {}, {}
    for target in indicator.targets.all():
        targets.setdefault(target.year, target)
    for value in indicator.values.all():
        if value.is_approved or not approved_only:
            values.setdefault(value.year, value)
    rows = []
    for year in years:
        target, value = targets.get(year), values.get(year)
        target_value = target.value if target else None
        measured = value.value if value else None
        rows.append(
            YearRow(
                year=year,
                baseline=indicator.baseline_value if year == indicator.baseline_year else None,
                target=target_value,
                value=measured,
                approved=value.is_approved if value else None,
                status=compute_status(indicator.direction, target_value, measured, indicator.at_risk_margin),
                from_series=bool(value and value.from_series),
                value_is_sample=bool(value and value.is_sample),
                target_is_sample=bool(target and target.is_sample),
            )
        )
    return rows


def year_values(indicators, year: int, user) -> dict[int, IndicatorValue]:
    """The measured value of *year* that *user* may see, per indicator id of *indicators* (any version: the
    value of its line), for the screens that enter a year's values. One query."""
    by_line = {
        value.indicator_id: value
        for value in IndicatorValue.objects.restrict(user, VIEW).for_indicators(indicators).filter(year=year)
    }
    return {indicator.pk: by_line[indicator.line_id] for indicator in indicators if indicator.line_id in by_line}
