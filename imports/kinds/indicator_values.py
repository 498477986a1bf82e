"""Measured values of a plan's indicators, per indicator and year."""

from __future__ import annotations

from decimal import Decimal
from typing import NamedTuple

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.access import VIEW, may_enter_values
from plans.models import Plan
from stats.models import Indicator, IndicatorValue
from stats.services import record_values

from ..models import ImportKind
from .base import PLAN_YEAR_COLUMN, SKIP, Column, ImportSpec, Problem, by_code_or_name, format_number, yes_no


class ValueRow(NamedTuple):
    """One row of an indicator values file. *note* is None when the file has no "opmerking" column."""

    indicator_id: int
    year: int
    value: Decimal
    note: str | None
    row: int

    @property
    def key(self):
        return (self.indicator_id, self.year)


class IndicatorValuesSpec(ImportSpec):
    """Measured values of a plan's indicators, written through stats.services.record_values (per year).

    A row with an empty value is skipped (a template lists every indicator). A value the council approved
    can no longer change; an indicator linked to a series takes its values from the series, so the file
    may repeat them but not change them.
    """

    kind = ImportKind.INDICATOR_VALUES
    key_columns = ("indicator", "jaar")
    scope = "plan"
    description = gettext_lazy(
        "Measured values of the plan's indicators: one row per indicator and year, within the plan's period. "
        "Indicators are named by their code (or by their name when they have none). Rows without a value "
        "are skipped."
    )
    columns = [
        PLAN_YEAR_COLUMN,
        Column("indicator", gettext_lazy("The indicator's code, or its name when it has no code."), example="I2-1"),
        Column("waarde", gettext_lazy("The measured value; empty rows are skipped."), example="3850"),
        Column("opmerking", gettext_lazy("Optional note; when the column is absent, notes stay."), required=False),
        Column(
            "gekoppeld",
            gettext_lazy("Written by the export only ('ja': the value follows a statistical series)."),
            required=False,
            example="nee",
        ),
    ]

    def may_import(self, user, zone, plan=None) -> bool:
        return plan is not None and may_enter_values(user, plan.zone_id) and plan.status in Plan.FOLLOW_UP_STATUSES

    def file_problems(self, ctx):
        if ctx.plan.status not in Plan.FOLLOW_UP_STATUSES:
            return [Problem(None, "", _("The values of an archived plan can no longer change."))]
        return []

    def prepare(self, ctx):
        self.indicators = by_code_or_name(Indicator.objects.filter(plan=ctx.plan).order_by("pk"))
        self.years = list(ctx.plan.years)

    def check_row(self, ctx, reader):
        year = reader.year(years=self.years)
        name = reader.text("indicator")
        indicator = self.indicators.get(name.lower()) if name else None
        if name and indicator is None:
            reader.problem("indicator", _("This plan has no indicator with this code or name."))
        if reader.is_empty("waarde"):
            return SKIP if not reader.problems else None
        value = reader.number("waarde", minimum=None)
        note = reader.text("opmerking", required=False, max_length=300) if "opmerking" in reader.row else None
        reader.flag("gekoppeld")
        if reader.problems:
            return None
        return ValueRow(indicator.pk, year, value, note, reader.row_number)

    def _stored(self, ctx):
        """The stored values per (indicator of this plan, year): the values of the indicators' lines."""
        indicators = {i.line_id: i.pk for i in self.indicators.values()}
        values = IndicatorValue.objects.of_plan(ctx.plan)
        return {(indicators[v.indicator_id], v.year): v for v in values if v.indicator_id in indicators}

    @staticmethod
    def _same(current, record: ValueRow) -> bool:
        return current.value == record.value and (record.note is None or record.note == current.note)

    def compare(self, ctx, records):
        stored = self._stored(ctx)
        by_pk = {i.pk: i for i in self.indicators.values()}
        summary, problems = {"new": 0, "changed": 0, "unchanged": 0}, []
        for record in records:
            current = stored.get(record.key)
            if current is not None and self._same(current, record):
                summary["unchanged"] += 1
                continue
            indicator = by_pk[record.indicator_id]
            if current is not None and current.is_approved:
                message = _("The council approved this value; it can no longer change.")
            elif indicator.series_id:
                message = _("This indicator follows the series '%(series)s': import the series' figures instead.") % {
                    "series": indicator.series.name
                }
            else:
                summary["new" if current is None else "changed"] += 1
                continue
            problems.append(Problem(record.row, "waarde", message, format_number(record.value)))
        return summary, problems

    def write(self, ctx, records, progress):
        stored = self._stored(ctx)
        by_pk = {i.pk: i for i in self.indicators.values()}
        by_year: dict[int, list] = {}
        for record in records:
            current = stored.get(record.key)
            note = record.note
            if note is None:
                note = current.note if current is not None else ""
            if current is not None and current.value == record.value and current.note == note:
                continue
            by_year.setdefault(record.year, []).append(
                {"indicator": record.indicator_id, "value": record.value, "note": note}
            )
        result = {"new": 0, "changed": 0}
        done, total = 0, max(sum(len(e) for e in by_year.values()), 1)
        for year, entries in sorted(by_year.items()):
            counts = record_values(ctx.plan, year, entries, ctx.user)
            result["new"] += counts["created"]
            result["changed"] += counts["changed"]
            lines = [by_pk[e["indicator"]].line_id for e in entries]
            IndicatorValue.objects.filter(indicator_id__in=lines, year=year).update(import_source=ctx.source)
            done += len(entries)
            progress(done, total)
        result["unchanged"] = len(records) - result["new"] - result["changed"]
        return result

    def export_rows(self, user, zone, plan=None):
        # Named as this plan names them (a revision may have renamed an indicator of the line).
        lines = {i.line_id: i for i in Indicator.objects.restrict(user, VIEW).filter(plan=plan)}
        values = [v for v in IndicatorValue.objects.restrict(user, VIEW).of_plan(plan) if v.indicator_id in lines]
        values.sort(key=lambda v: (v.year, lines[v.indicator_id].order, lines[v.indicator_id].pk))
        for value in values:
            indicator = lines[value.indicator_id]
            yield {
                "jaar": value.year,
                "indicator": indicator.code or indicator.name,
                "waarde": value.value,
                "opmerking": value.note,
                "gekoppeld": yes_no(bool(indicator.series_id)),
            }

    def example_rows(self):
        return [{"jaar": "2024", "indicator": "I2-1", "waarde": "3850", "opmerking": "", "gekoppeld": ""}]
