"""Staff tables of a plan: one row per rank or level, one table per reference date."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import NamedTuple

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.access import VIEW
from stats.models import PRINTED_TOTAL_FIELDS, StaffLine, StaffTable

from ..models import ImportKind
from .base import Column, PlanTableSpec, export_word, tally

STAFF_CATEGORY_WORDS = {
    "operationeel": StaffLine.Category.OPERATIONAL,
    "operational": StaffLine.Category.OPERATIONAL,
    "calog": StaffLine.Category.CALOG,
}

# The columns of the totals the source prints, per group and column, and the table field each fills. The
# whole table's headcount keeps its old column name, totaal_gedrukt.
PRINTED_COLUMNS = {
    ("total", "actual"): "totaal_gedrukt",
    ("total", "fte"): "totaal_gedrukt_vte",
    ("total", "authorised"): "totaal_gedrukt_organiek",
    ("operational", "actual"): "operationeel_gedrukt_werkelijk",
    ("operational", "fte"): "operationeel_gedrukt_vte",
    ("operational", "authorised"): "operationeel_gedrukt_organiek",
    ("calog", "actual"): "calog_gedrukt_werkelijk",
    ("calog", "fte"): "calog_gedrukt_vte",
    ("calog", "authorised"): "calog_gedrukt_organiek",
}
PRINTED_FIELD_BY_COLUMN = {column: PRINTED_TOTAL_FIELDS[key] for key, column in PRINTED_COLUMNS.items()}


class StaffRow(NamedTuple):
    """One line of a staff table, with what the row says about its table (title, printed totals)."""

    reference_date: datetime.date
    category: str
    label: str
    actual: int | None
    fte: Decimal | None
    authorised: int | None
    title: str
    printed: dict  # table field -> the printed total the row gives (only those it gives)
    row: int

    @property
    def key(self):
        return (self.reference_date, self.category, self.label)

    @property
    def counts(self):
        return (self.actual, self.fte, self.authorised)


class StaffSpec(PlanTableSpec):
    """Staff tables of a plan: one StaffRow per line; a table per reference date (``peildatum``).

    Lines that the file does not mention stay as they are.
    """

    kind = ImportKind.STAFF
    key_columns = ("peildatum", "categorie", "graad")
    model = StaffTable
    description = gettext_lazy(
        "Staff tables: one row per rank (operational) or level (CALOG), one table per reference date. "
        "totaal_gedrukt and the other *_gedrukt_* columns are the totals the source document prints (per group "
        "and for the whole table, per column), kept only to show where they disagree with the sums of the lines."
    )
    columns = [
        Column("peildatum", gettext_lazy("Reference date of the table (dd-mm-jjjj)."), example="01-01-2024"),
        Column("titel", gettext_lazy("Optional title of the table."), required=False, example="Personeel 2024"),
        Column(
            "totaal_gedrukt",
            gettext_lazy("Optional total headcount as printed in the source; the same on every row of a table."),
            required=False,
            example="412",
        ),
        Column("categorie", gettext_lazy("operationeel or calog."), example="operationeel"),
        Column("graad", gettext_lazy("The rank or level."), example="Inspecteur"),
        Column("werkelijk", gettext_lazy("Actual headcount."), required=False, example="180"),
        Column("vte", gettext_lazy("Full-time equivalents."), required=False, example="172,5"),
        Column("organiek", gettext_lazy("Authorised strength (organiek kader)."), required=False, example="190"),
        *(
            Column(
                column,
                gettext_lazy(
                    "Optional total as printed in the source, of the group and column that the name says; the same "
                    "on every row of a table."
                ),
                required=False,
                example={"operationeel_gedrukt_werkelijk": "333", "calog_gedrukt_werkelijk": "79"}.get(column, ""),
            )
            for column in PRINTED_FIELD_BY_COLUMN
            if column != "totaal_gedrukt"
        ),
    ]

    def prepare(self, ctx):
        self.tables_seen = {}

    def check_row(self, ctx, reader):
        date = reader.date("peildatum")
        title = reader.text("titel", required=False, max_length=200)
        printed = {}
        for column, field in PRINTED_FIELD_BY_COLUMN.items():
            value = reader.number(column, required=False) if "vte" in column else reader.whole(column, required=False)
            if value is not None:
                printed[field] = value
        category = reader.choice("categorie", STAFF_CATEGORY_WORDS)
        label = reader.text("graad", max_length=200)
        actual = reader.whole("werkelijk", required=False)
        fte = reader.number("vte", required=False)
        authorised = reader.whole("organiek", required=False)
        if date is not None:
            first_row, first_title, first_printed = self.tables_seen.setdefault(
                date, (reader.row_number, title, dict(printed))
            )
            if title and first_title and title != first_title:
                reader.problem(
                    "titel",
                    _("Row %(row)s gives another title or printed total for the same table.") % {"row": first_row},
                )
            for column, field in PRINTED_FIELD_BY_COLUMN.items():
                if field in printed and field in first_printed and printed[field] != first_printed[field]:
                    reader.problem(
                        column,
                        _("Row %(row)s gives another title or printed total for the same table.") % {"row": first_row},
                    )
                elif field in printed:
                    first_printed.setdefault(field, printed[field])
        if reader.problems:
            return None
        return StaffRow(date, str(category), label, actual, fte, authorised, title, printed, reader.row_number)

    def _tables(self, ctx):
        return {t.reference_date: t for t in StaffTable.objects.filter(plan=ctx.plan)}

    def _lines(self, tables):
        return {
            (line.table.reference_date, line.category, line.label): line
            for line in StaffLine.objects.filter(table__in=tables.values()).select_related("table")
        }

    @staticmethod
    def _line_same(line, record: StaffRow):
        return (line.actual, line.fte, line.authorised) == record.counts

    @staticmethod
    def _table_changes(table, record: StaffRow) -> bool:
        """Whether the row gives its table another title or printed total."""
        return bool(record.title and record.title != table.title) or any(
            getattr(table, field) != value for field, value in record.printed.items()
        )

    def compare(self, ctx, records):
        tables = self._tables(ctx)
        lines = self._lines(tables)

        def same(line, record):
            table = tables.get(record.reference_date)
            return self._line_same(line, record) and not (table is not None and self._table_changes(table, record))

        return tally(records, lambda record: lines.get(record.key), same), []

    def write(self, ctx, records, progress):
        tables = self._tables(ctx)
        result = {"new": 0, "changed": 0, "unchanged": 0}
        for record in records:
            date, title = record.reference_date, record.title
            table = tables.get(date)
            if table is None:
                table = StaffTable.objects.create(
                    plan=ctx.plan, reference_date=date, title=title, source=ctx.source, **record.printed
                )
                tables[date] = table
            elif self._table_changes(table, record):
                table.title = title or table.title
                for field, value in record.printed.items():
                    setattr(table, field, value)
                table.revision += 1
                table.save()
        lines = self._lines(tables)
        for done, record in enumerate(records, start=1):
            line = lines.get(record.key)
            if line is None:
                table = tables[record.reference_date]
                order = StaffLine.objects.filter(table=table, category=record.category).count() + 1
                StaffLine.objects.create(
                    table=table,
                    category=record.category,
                    label=record.label,
                    actual=record.actual,
                    fte=record.fte,
                    authorised=record.authorised,
                    order=order,
                )
                result["new"] += 1
            elif not self._line_same(line, record):
                line.actual, line.fte, line.authorised = record.counts
                line.save()
                result["changed"] += 1
            else:
                result["unchanged"] += 1
            if done % 500 == 0:
                progress(done, len(records))
        return result

    def export_rows(self, user, zone, plan=None):
        lines = (
            StaffLine.objects.restrict(user, VIEW)
            .filter(table__plan=plan)
            .select_related("table")
            .order_by("table__reference_date", "table__pk", "category", "order", "pk")
        )
        for line in lines:
            table = line.table
            yield {
                "peildatum": table.reference_date.strftime("%d-%m-%Y") if table.reference_date else "",
                "titel": table.title,
                "totaal_gedrukt": table.printed_total,
                "categorie": export_word(STAFF_CATEGORY_WORDS, line.category),
                "graad": line.label,
                "werkelijk": line.actual,
                "vte": line.fte,
                "organiek": line.authorised,
                **{
                    column: getattr(table, field)
                    for column, field in PRINTED_FIELD_BY_COLUMN.items()
                    if column != "totaal_gedrukt"
                },
            }
