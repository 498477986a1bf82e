"""Data-quality checks shown to a zone's advisors (imports/views.py, QualityView).

* **Totals**: each printed total of a staff table (per group and for the whole table, per column, as the
  source document prints it) that differs from the sum of its lines (``StaffTable.printed_totals``); a crime
  category whose registered figure differs from the sum of the sub-categories that partition it
  (stats/tables.py).
* **Gaps**: a series with a year missing between its first and its last figure.
* **Outliers**: a figure far outside its series' range. The rule: with at least five figures, a value
  outside [Q1 - 3 x IQR, Q3 + 3 x IQR] of the series' other figures (quartiles by the inclusive method);
  and, for counts of 20 or more, a change of more than 50 % against the previous year. Both only flag a
  figure for a human to look at; nothing is changed.
* **Provisional**: a provisional figure of a year that is over (the federal police will have published
  the final one).
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from core.access import VIEW
from core.numbers import belgian_number
from stats.models import STAFF_FIGURES, StaffLine, StaffTable, StatPoint, StatSeries
from stats.tables import SeriesRow, partition_totals

IQR_FACTOR = Decimal(3)
JUMP_FACTOR = Decimal("0.5")
JUMP_MINIMUM = Decimal(20)
MIN_POINTS = 5


@dataclass
class Finding:
    check: str  # "total", "gap", "outlier", "jump", "provisional"
    subject: object
    year: int | None
    message: str


def outlier_bounds(values: list[Decimal]) -> tuple[Decimal, Decimal] | None:
    if len(values) < MIN_POINTS - 1:
        return None
    q1, _q2, q3 = statistics.quantiles(values, n=4, method="inclusive")
    iqr = q3 - q1
    return q1 - IQR_FACTOR * iqr, q3 + IQR_FACTOR * iqr


def series_findings(series: StatSeries, points: list[StatPoint]) -> list[Finding]:
    findings = []
    if not points:
        return findings
    years = [p.year for p in points]
    missing = sorted(set(range(min(years), max(years) + 1)) - set(years))
    if series.kind != StatSeries.Kind.SURVEY:  # surveys are held every few years
        for year in missing:
            findings.append(Finding("gap", series, year, _("No figure for %(year)s.") % {"year": year}))
    if len(points) >= MIN_POINTS:
        for point in points:
            others = [p.value for p in points if p is not point]
            bounds = outlier_bounds(others)
            if bounds and not bounds[0] <= point.value <= bounds[1]:
                findings.append(
                    Finding(
                        "outlier",
                        series,
                        point.year,
                        _("%(value)s lies far outside the series' range (expected %(low)s to %(high)s).")
                        % {"value": point.value, "low": round(max(bounds[0], 0)), "high": round(bounds[1])},
                    )
                )
    by_year = {p.year: p for p in points}
    for point in points:
        previous = by_year.get(point.year - 1)
        if previous is None or previous.value < JUMP_MINIMUM or series.unit == "%":
            continue
        change = (point.value - previous.value) / previous.value
        if abs(change) > JUMP_FACTOR:
            findings.append(
                Finding(
                    "jump",
                    series,
                    point.year,
                    _("%(change)s %% against %(previous_year)s (%(previous)s to %(value)s).")
                    % {
                        "change": f"{change * 100:+.0f}",
                        "previous_year": previous.year,
                        "previous": previous.value,
                        "value": point.value,
                    },
                )
            )
    this_year = timezone.localdate().year
    for point in points:
        if point.is_provisional and point.year < this_year - 1:
            findings.append(
                Finding("provisional", series, point.year, _("Still marked provisional; import the final figure."))
            )
    return findings


def _total_findings(table) -> list[Finding]:
    """One finding per printed total (per group and column) that the sum of the lines contradicts."""
    groups = dict(StaffLine.Category.choices) | {"total": _("Total")}
    figures = {f: StaffLine._meta.get_field(f).verbose_name for f in STAFF_FIGURES}
    findings = []
    for group, cells in table.printed_totals().items():
        for figure, cell in cells.items():
            if cell["disagrees"]:
                message = _(
                    "%(plan)s, %(group)s, %(figure)s: the printed total is %(printed)s, the lines add up to "
                    "%(counted)s."
                ) % {
                    "plan": table.plan.title,
                    "group": groups[group],
                    "figure": figures[figure],
                    "printed": belgian_number(cell["printed"]),
                    "counted": belgian_number(cell["computed"]),
                }
                findings.append(Finding("total", table, None, message))
    return findings


def zone_findings(zone, user) -> dict[str, list[Finding]]:
    """Every finding for *zone*'s data that *user* may see, grouped by check."""
    groups = {"total": [], "gap": [], "outlier": [], "jump": [], "provisional": []}
    tables = StaffTable.objects.restrict(user, VIEW).filter(plan__zone=zone).select_related("plan")
    for table in tables.prefetch_related("lines"):
        groups["total"].extend(_total_findings(table))
    series = {s.pk: s for s in StatSeries.objects.restrict(user, VIEW).filter(zone=zone).select_related("municipality")}
    points: dict[int, list] = {pk: [] for pk in series}
    for point in StatPoint.objects.filter(series_id__in=series).order_by("series_id", "year"):
        points[point.series_id].append(point)
    for pk, item in series.items():
        for finding in series_findings(item, points[pk]):
            groups[finding.check].append(finding)
    groups["total"] += partition_findings(series.values(), points)
    return groups


def _plain(value: Decimal):
    return int(value) if value == value.to_integral_value() else value


def partition_findings(series, points: dict[int, list]) -> list[Finding]:
    """A category's registered figure that differs from the sum of the sub-categories that partition it."""
    rows = []
    for one in series:
        if one.kind == StatSeries.Kind.CRIME and one.crime_category_id:
            values = {p.year: p.value for p in points.get(one.pk, [])}
            rows.append(SeriesRow(one, one.name, values, set()))
    findings = []
    for total in partition_totals(rows):
        for year in sorted(total.values):
            if total.disagrees(year):
                findings.append(
                    Finding(
                        "total",
                        total.label,
                        year,
                        _("The registered figure is %(registered)s, its sub-categories add up to %(sum)s.")
                        % {"registered": _plain(total.registered[year]), "sum": _plain(total.values[year])},
                    )
                )
    return findings
