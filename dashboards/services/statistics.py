"""The zone's statistics next to a plan: crime, traffic accidents, surveys, staff and the financial plan."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.db.models import F, Prefetch

from core.access import VIEW
from plans.models import Plan
from stats.finance import FinancialTable, financial_table
from stats.models import FinancialLine, StaffLine, StaffTable, StatPoint, StatSeries, staff_totals


@dataclass
class SeriesRow:
    series: StatSeries
    label: str
    values: dict[int, Decimal]
    comparison: dict[int, Decimal]
    provisional: set[int]
    summable: bool
    year_cells: list = field(default_factory=list)  # (year, value, comparison, provisional) for a page's years

    def cells(self, years):
        return [(y, self.values.get(y), self.comparison.get(y), y in self.provisional) for y in years]


@dataclass
class Statistics:
    plan: Plan
    crime_years: list[int]
    crime: list[SeriesRow]
    crime_total: dict[int, Decimal]
    accident_years: list[int]
    accidents: list[SeriesRow]
    surveys: list[tuple[SeriesRow, list[int]]]
    staff_table: StaffTable | None
    staff_lines: list[StaffLine]
    staff_totals: dict
    staff_total_rows: list[dict]  # StaffTable.total_rows: computed beside printed, per group and column
    finance: FinancialTable
    # Series of the zone left out because there are more than a page can show (ZVP_STATISTICS_MAX_SERIES).
    series_not_shown: int = 0

    @property
    def is_sample(self) -> bool:
        rows = [*self.crime, *self.accidents, *(s for s, _y in self.surveys)]
        return any(r.series.is_sample for r in rows) or bool(self.staff_table and self.staff_table.is_sample)

    def crime_total_cells(self):
        return [(y, self.crime_total.get(y)) for y in self.crime_years]


SEVERITY_ORDER = [s.value for s in StatSeries.Severity]


class RowList(list):
    not_shown = 0


def max_series_shown() -> int:
    return int(getattr(settings, "ZVP_STATISTICS_MAX_SERIES", 300))


def _shown_series(user, zone_id) -> tuple[list[int], int]:
    """The ids of the series a page shows, at most ZVP_STATISTICS_MAX_SERIES of each kind (whatever an
    import made), and how many were left out."""
    visible = StatSeries.objects.restrict(user, VIEW).filter(zone_id=zone_id)
    limit, shown, hidden = max_series_shown(), [], 0
    for kind in StatSeries.Kind.values:
        of_kind = visible.filter(kind=kind)
        order = (F("municipality_id").asc(nulls_first=True), "name", "pk")  # the zone's own series first
        ids = list(of_kind.order_by(*order).values_list("pk", flat=True)[: limit + 1])
        if len(ids) > limit:
            hidden += of_kind.count() - limit
            ids = ids[:limit]
        shown += ids
    return shown, hidden


def _series_rows(user, zone_id):
    shown, hidden = _shown_series(user, zone_id)
    series = (
        StatSeries.objects.filter(pk__in=shown)
        .select_related("crime_category", "municipality")
        .prefetch_related(Prefetch("points", queryset=StatPoint.objects.restrict(user, VIEW).order_by("year")))
    )
    rows = RowList()
    rows.not_shown = hidden
    for s in series:
        points = list(s.points.all())
        label = s.crime_category.name if s.kind == StatSeries.Kind.CRIME and s.crime_category else s.name
        if s.kind == StatSeries.Kind.ACCIDENTS:
            label = s.get_severity_display()
        if s.municipality_id:
            label = f"{label} ({s.municipality.name})"
        summable = bool(s.kind == StatSeries.Kind.CRIME and s.crime_category and s.crime_category.summable)
        rows.append(
            SeriesRow(
                series=s,
                label=label,
                values={p.year: p.value for p in points},
                comparison={p.year: p.comparison_value for p in points if p.comparison_value is not None},
                provisional={p.year for p in points if p.is_provisional},
                summable=summable and not s.municipality_id,
            )
        )
    return rows


def build_statistics(plan: Plan, user) -> Statistics:
    """The zone's statistics next to *plan*: crime, accidents, surveys, staff and the financial plan."""
    rows = _series_rows(user, plan.zone_id)
    crime = [r for r in rows if r.series.kind == StatSeries.Kind.CRIME]
    crime.sort(key=lambda r: (r.series.crime_category.order if r.series.crime_category else 0, r.label))
    accidents = [r for r in rows if r.series.kind == StatSeries.Kind.ACCIDENTS]
    accidents.sort(key=lambda r: SEVERITY_ORDER.index(r.series.severity) if r.series.severity in SEVERITY_ORDER else 9)
    surveys = [(r, sorted(r.values)) for r in rows if r.series.kind == StatSeries.Kind.SURVEY]
    crime_years = sorted({y for r in crime for y in r.values})
    accident_years = sorted({y for r in accidents for y in r.values})
    for r in crime:
        r.year_cells = r.cells(crime_years)
    for r in accidents:
        r.year_cells = r.cells(accident_years)
    for r, years in surveys:
        r.year_cells = r.cells(years)
    # Overlapping categories (a parent and its children) are never added up: only the summable ones are.
    crime_total = {}
    for y in crime_years:
        present = [r.values[y] for r in crime if r.summable and y in r.values]
        if present:
            crime_total[y] = sum(present, Decimal(0))

    table, lines = _staff(plan, user)
    return Statistics(
        plan=plan,
        crime_years=crime_years,
        crime=crime,
        crime_total=crime_total,
        accident_years=accident_years,
        accidents=accidents,
        surveys=surveys,
        staff_table=table,
        staff_lines=lines,
        staff_totals=staff_totals(lines),
        staff_total_rows=table.total_rows(lines) if table else [],
        finance=_finance(plan, user),
        series_not_shown=rows.not_shown,
    )


# --- Staff and finance (resources) ----------------------------------------------------------------------------------


def _staff(plan: Plan, user) -> tuple[StaffTable | None, list[StaffLine]]:
    """The plan's latest staff table that *user* may see, and its lines that they may see."""
    tables = StaffTable.objects.restrict(user, VIEW).filter(plan=plan).order_by("-reference_date", "-id")
    table = tables.first()
    lines = list(StaffLine.objects.restrict(user, VIEW).filter(table=table)) if table else []
    return table, lines


def _finance(plan: Plan, user) -> FinancialTable:
    """The plan's financial lines that *user* may see, as the plan's table with computed totals of like lines."""
    lines = FinancialLine.objects.restrict(user, VIEW).filter(plan=plan).select_related("municipality")
    return financial_table(lines)
