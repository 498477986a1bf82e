"""What goes into a generated document: the plan's parts, gathered for one edition.

The *public* edition takes every part through ``public_parts()`` (the access
rule's view of what citizens see once the plan is published: public parts and
council-approved values only); the *internal* edition takes everything. The
builders run a fixed number of queries whatever the plan's size (prefetches),
and return plain context dictionaries for the templates in
``templates/documents/pdf/``; the same context serves the print preview.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from actionplans.models import Action, ActionPlan, Objective
from actionplans.progress import done_and_counted, percent
from core.base import Protection
from plans.models import Chapter, Plan, PlanValue, Signatory, StakeholderExpectation
from plans.outline import outline
from priorities.models import Domain, Priority, Theme
from priorities.services import theme_labels
from stats.finance import financial_table
from stats.models import (
    FinancialLine,
    Indicator,
    IndicatorTarget,
    IndicatorValue,
    KeyFigure,
    StaffLine,
    StaffTable,
    StatPoint,
    StatSeries,
    SurveyResponse,
)
from stats.rows import YearRow, indicator_years
from stats.status import IndicatorStatus
from stats.tables import SeriesTable, crime_table, other_table, series_rows, survey_tables, traffic_tables
from zones.models import Municipality

from .charts import Chart, Line, line_chart

# How many series a statistics chart draws (the table has them all).
CHARTED_SERIES = 8

# How many years of statistics an annual report compares its year with.
ANNUAL_REPORT_YEARS_BACK = 4


def parts(model, edition: str):
    """Rows of *model* that belong in *edition* (public or restricted)."""
    if edition == Protection.PUBLIC:
        return model.objects.public_parts()
    return model.objects.all()


@dataclass
class IndicatorBlock:
    indicator: Indicator
    rows: list[YearRow]
    chart: str = ""


@dataclass
class PriorityBlock:
    priority: Priority
    action_plans: list = field(default_factory=list)
    indicators: list[IndicatorBlock] = field(default_factory=list)

    @property
    def actions(self):
        return [a for plan in self.action_plans for o in plan.objectives.all() for a in o.actions.all()]

    @property
    def done_share(self):
        """Share of the year's actions done (cancelled ones not counted), as a percentage; None without actions."""
        return percent(*done_and_counted(self.actions))  # the dashboards' rule and rounding: the same figure


def _indicator_block(indicator: Indicator, years: list[int], edition: str, chart_title: str, labels) -> IndicatorBlock:
    # The public edition's values are the approved ones already (``parts``); the internal one shows them all.
    rows = indicator_years(indicator, years, approved_only=edition == Protection.PUBLIC)
    lines = [Line(labels["value"], {r.year: r.value for r in rows})]
    if any(r.target is not None for r in rows):
        lines.append(Line(labels["target"], {r.year: r.target for r in rows}, dashed=True))
    if indicator.baseline_year and indicator.baseline_value is not None:
        chart_years = sorted({indicator.baseline_year, *years})
        lines[0].values.setdefault(indicator.baseline_year, indicator.baseline_value)
    else:
        chart_years = years
    chart = line_chart(Chart(chart_title, chart_years, lines, indicator.unit), height=170)
    return IndicatorBlock(indicator, rows, chart)


def _indicators(plan: Plan, edition: str):
    values = parts(IndicatorValue, edition)
    return (
        parts(Indicator, edition)
        .filter(plan=plan)
        .prefetch_related(
            Prefetch("targets", queryset=parts(IndicatorTarget, edition).order_by("year")),
            Prefetch("values", queryset=values.order_by("year")),
        )
        .order_by("order", "id")
    )


def _action_plans(plan: Plan, edition: str, year: int | None = None):
    queryset = parts(ActionPlan, edition).filter(priority__plan=plan)
    if year is not None:
        queryset = queryset.filter(year=year)
    return queryset.prefetch_related(
        Prefetch(
            "objectives",
            queryset=parts(Objective, edition).prefetch_related(
                Prefetch("actions", queryset=parts(Action, edition).order_by("order", "id"))
            ),
        )
    ).order_by("year", "id")


def _domains(plan: Plan, edition: str, priority_blocks: dict[int, PriorityBlock]):
    """Domains in order, each with its themes (in tree order) and their priority blocks."""
    theme_label = theme_labels(parts(Theme, edition).filter(plan=plan))
    grouped: OrderedDict = OrderedDict()
    for domain in parts(Domain, edition).filter(plan=plan).order_by("order", "id"):
        grouped[domain.pk] = {"domain": domain, "blocks": []}
    grouped[None] = {"domain": None, "blocks": []}
    for block in priority_blocks.values():
        grouped.setdefault(block.priority.domain_id, {"domain": None, "blocks": []})["blocks"].append(block)
    result = []
    for entry in grouped.values():
        if not entry["blocks"]:
            continue
        entry["blocks"].sort(key=lambda b: (b.priority.number, b.priority.pk))
        for block in entry["blocks"]:
            block.theme_path = theme_label.get(block.priority.theme_id, "")
        result.append(entry)
    return result


def _series_tables(plan: Plan, edition: str, years: list[int], labels) -> list[SeriesTable]:
    """Statistics of the plan's zone within *years* (stats/tables.py): crime with its partition totals, traffic
    accidents by type, victims by severity, other series, and a table per survey question with its areas,
    answers and response counts. Each table has the years that have figures, and a chart."""
    series = (
        parts(StatSeries, edition)
        .filter(zone=plan.zone_id)
        .select_related("zone", "municipality", "crime_category")
        .prefetch_related(Prefetch("points", queryset=parts(StatPoint, edition).filter(year__in=years)))
        .order_by("kind", "municipality__name", "name")
    )
    rows = series_rows(series)
    accidents, victims = traffic_tables(rows, _("Traffic accidents by type"), _("Traffic victims by severity"))
    responses = parts(SurveyResponse, edition).filter(zone=plan.zone_id)
    tables = [
        crime_table(rows, _("Registered crime by category")),
        accidents,
        victims,
        other_table(rows, capfirst(StatSeries.Kind.OTHER.label)),
        *survey_tables(rows, responses),
    ]
    tables = [t for t in tables if t.rows]
    for table in tables:
        lines = [Line(row.label, row.values) for row in table.rows[:CHARTED_SERIES]]
        table.chart = line_chart(Chart(table.title, table.years, lines, unit=table.unit))
        table.charted = min(len(table.rows), CHARTED_SERIES)
    return tables


def plan_context(plan: Plan, edition: str, labels) -> dict:
    """Everything the plan document shows, for *edition*."""
    plan = Plan.objects.select_related("zone", "extends").get(pk=plan.pk)
    years = list(range(plan.period_start, plan.period_end + 1))
    chapters = list(parts(Chapter, edition).filter(plan=plan).order_by("order", "id"))

    priorities = (
        parts(Priority, edition)
        .filter(plan=plan)
        .select_related("domain", "theme")
        .prefetch_related("frameworks")
        .order_by("number", "id")
    )
    blocks = OrderedDict((p.pk, PriorityBlock(p)) for p in priorities)
    for action_plan in _action_plans(plan, edition):
        if action_plan.priority_id in blocks:
            blocks[action_plan.priority_id].action_plans.append(action_plan)
    loose_indicators = []
    for indicator in _indicators(plan, edition):
        block = _indicator_block(indicator, years, edition, indicator.name, labels)
        if indicator.priority_id in blocks:
            blocks[indicator.priority_id].indicators.append(block)
        elif indicator.priority_id is None:
            loose_indicators.append(block)

    staff_tables = list(
        parts(StaffTable, edition)
        .filter(plan=plan)
        .prefetch_related(Prefetch("lines", queryset=parts(StaffLine, edition).order_by("order", "id")))
    )
    financial_lines = parts(FinancialLine, edition).filter(plan=plan).select_related("municipality")
    stats_years = list(range(plan.period_start - 4, plan.period_end + 1))
    return {
        "plan": plan,
        "zone": plan.zone,
        "municipalities": list(Municipality.objects.filter(zone=plan.zone_id).order_by("name")),
        "key_figures": list(parts(KeyFigure, edition).filter(plan=plan).order_by("order", "id")),
        # The chapters in their explicit order, the structured parts among them (plans.outline).
        "outline": outline(chapters),
        "plan_values": list(PlanValue.objects.filter(plan=plan).order_by("order", "id")),
        "expectations": list(parts(StakeholderExpectation, edition).filter(plan=plan).order_by("order", "id")),
        "signatories": list(parts(Signatory, edition).filter(plan=plan).order_by("order", "id")),
        "domains": _domains(plan, edition, blocks),
        "priority_count": len(blocks),
        "loose_indicators": loose_indicators,
        "staff_tables": staff_tables,
        "financial_table": financial_table(financial_lines),
        "statistics": _series_tables(plan, edition, stats_years, labels),
        "stats_years": stats_years,
        "years": years,
    }


def annual_report_context(plan: Plan, year: int, edition: str, labels) -> dict:
    """Everything the annual report of *plan* for *year* shows, for *edition*."""
    from .models import AnnualReport

    plan = Plan.objects.select_related("zone").get(pk=plan.pk)
    report = AnnualReport.objects.filter(plan=plan, year=year).first()
    priorities = parts(Priority, edition).filter(plan=plan).select_related("domain", "theme").order_by("number", "id")
    blocks = OrderedDict((p.pk, PriorityBlock(p)) for p in priorities)
    for action_plan in _action_plans(plan, edition, year=year):
        if action_plan.priority_id in blocks:
            blocks[action_plan.priority_id].action_plans.append(action_plan)
    years = [y for y in range(plan.period_start, plan.period_end + 1) if y <= year]
    indicator_blocks = []
    for indicator in _indicators(plan, edition):
        block = _indicator_block(indicator, years, edition, indicator.name, labels)
        block.current = next(r for r in block.rows if r.year == year)
        indicator_blocks.append(block)
        if indicator.priority_id in blocks:
            blocks[indicator.priority_id].indicators.append(block)
    status_counts = OrderedDict((status, 0) for status in IndicatorStatus)
    for block in indicator_blocks:
        status_counts[block.current.status] += 1
    stats_years = list(range(year - ANNUAL_REPORT_YEARS_BACK, year + 1))
    return {
        "plan": plan,
        "zone": plan.zone,
        "year": year,
        "report": report,
        "domains": _domains(plan, edition, blocks),
        "indicators": indicator_blocks,
        "status_counts": [(IndicatorStatus(s).label, s, n) for s, n in status_counts.items()],
        "statistics": _series_tables(plan, edition, stats_years, labels),
        "stats_years": stats_years,
    }
