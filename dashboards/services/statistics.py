"""The zone's statistics next to a plan: crime, traffic accidents and victims, surveys, staff and the financial
plan. The series' tables come from stats/tables.py, the one builder the PDF documents use too."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Prefetch, Sum
from django.utils.translation import gettext as _

from core.access import VIEW
from plans.models import Plan
from stats.models import (
    FinancialLine,
    StaffLine,
    StaffTable,
    StatPoint,
    StatSeries,
    SurveyResponse,
    financial_totals,
    staff_totals,
)
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
    finance_years: list[int]
    finance: dict[int, dict]
    finance_categories: list[tuple[str, str, dict[int, Decimal]]]

    @property
    def is_sample(self) -> bool:
        tables = [self.crime, self.accidents, self.victims, *self.surveys]
        return any(t.is_sample for t in tables) or bool(self.staff_table and self.staff_table.is_sample)


def _series_rows(user, zone_id) -> list[SeriesRow]:
    series = (
        StatSeries.objects.restrict(user, VIEW)
        .filter(zone_id=zone_id)
        .select_related("zone", "crime_category", "municipality")
        .prefetch_related(Prefetch("points", queryset=StatPoint.objects.restrict(user, VIEW).order_by("year")))
    )
    return series_rows(series)


def build_statistics(plan: Plan, user) -> Statistics:
    """The zone's statistics next to *plan*: crime, accidents and victims, surveys, staff and the financial plan."""
    rows = _series_rows(user, plan.zone_id)
    accidents, victims = traffic_tables(rows, _("Traffic accidents by type"), _("Traffic victims by severity"))
    responses = SurveyResponse.objects.restrict(user, VIEW).filter(zone_id=plan.zone_id)

    tables = StaffTable.objects.restrict(user, VIEW).filter(plan=plan).order_by("-reference_date", "-id")
    table = tables.first()
    lines = list(StaffLine.objects.restrict(user, VIEW).filter(table=table)) if table else []
    totals = staff_totals(lines)

    lines_qs = FinancialLine.objects.restrict(user, VIEW).filter(plan=plan)
    finance = financial_totals(plan, lines=lines_qs)
    by_category = defaultdict(dict)
    for row in lines_qs.values("year", "category").annotate(amount=Sum("amount")).order_by():
        by_category[row["category"]][row["year"]] = row["amount"]
    categories = [(c.value, c.label, by_category[c.value]) for c in FinancialLine.Category if c.value in by_category]
    return Statistics(
        plan=plan,
        crime=crime_table(rows, _("Registered crime by category")),
        accidents=accidents,
        victims=victims,
        surveys=survey_tables(rows, responses),
        staff_table=table,
        staff_lines=lines,
        staff_totals=totals,
        finance_years=sorted(finance),
        finance=finance,
        finance_categories=categories,
    )
