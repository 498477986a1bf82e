"""The zone's statistics next to a plan: crime, traffic accidents and victims, surveys, staff and the financial
plan. The series' tables come from stats/tables.py, the one builder the PDF documents use too."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db.models import F, Prefetch
from django.utils.translation import gettext as _

from core.access import VIEW
from plans.models import Plan
from stats.finance import FinancialTable, financial_table
from stats.models import FinancialLine, StaffLine, StaffTable, StatPoint, StatSeries, SurveyResponse, staff_totals
from stats.tables import SeriesRow, SeriesTable, crime_table, series_rows, survey_tables, traffic_tables

__all__ = ["SeriesRow", "SeriesTable", "Statistics", "build_statistics"]


@dataclass
class Statistics:
    plan: Plan
    crime: SeriesTable
    accidents: SeriesTable
    victims: SeriesTable
    surveys: list[SeriesTable]
    staff_table: StaffTable | None
    staff_lines: list[StaffLine]
    staff_totals: dict
    staff_total_rows: list[dict]  # StaffTable.total_rows: computed beside printed, per group and column
    finance: FinancialTable
    # Series of the zone left out because there are more than a page can show (ZVP_STATISTICS_MAX_SERIES).
    series_not_shown: int = 0

    @property
    def is_sample(self) -> bool:
        tables = [self.crime, self.accidents, self.victims, *self.surveys]
        return any(t.is_sample for t in tables) or bool(self.staff_table and self.staff_table.is_sample)


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


def _series_rows(user, zone_id) -> list[SeriesRow]:
    shown, hidden = _shown_series(user, zone_id)
    series = (
        StatSeries.objects.filter(pk__in=shown)
        .select_related("zone", "crime_category", "municipality")
        .prefetch_related(Prefetch("points", queryset=StatPoint.objects.restrict(user, VIEW).order_by("year")))
    )
    rows = RowList(series_rows(series))
    rows.not_shown = hidden
    return rows


def build_statistics(plan: Plan, user) -> Statistics:
    """The zone's statistics next to *plan*: crime, accidents and victims, surveys, staff and the financial plan."""
    rows = _series_rows(user, plan.zone_id)
    accidents, victims = traffic_tables(rows, _("Traffic accidents by type"), _("Traffic victims by severity"))
    responses = SurveyResponse.objects.restrict(user, VIEW).filter(zone_id=plan.zone_id)

    table, lines = _staff(plan, user)
    return Statistics(
        plan=plan,
        crime=crime_table(rows, _("Registered crime by category")),
        accidents=accidents,
        victims=victims,
        surveys=survey_tables(rows, responses),
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
