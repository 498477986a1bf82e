"""Staff tables of a plan: one row per rank or level, one table per reference date."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import NamedTuple

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.access import VIEW
from stats.models import StaffLine, StaffTable

from ..models import ImportKind
from .base import Column, PlanTableSpec, export_word, tally

STAFF_CATEGORY_WORDS = {
    "operationeel": StaffLine.Category.OPERATIONAL,
    "operational": StaffLine.Category.OPERATIONAL,
    "calog": StaffLine.Category.CALOG,
}


class StaffRow(NamedTuple):
    """One line of a staff table, with what the row says about its table (title, printed total)."""

    reference_date: datetime.date
    category: str
    label: str
    actual: int | None
    fte: Decimal | None
    authorised: int | None
    title: str
    printed_total: int | None
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
        "totaal_gedrukt is the total the source document prints, kept only to show where it disagrees with "
        "the sum of the lines."
    )
    columns = [
        Column("peildatum", gettext_lazy("Reference date of the table (dd-mm-jjjj)."), example="01-01-2024"),
        Column("titel", gettext_lazy("Optional title of the table."), required=False, example="Personeel 2024"),
        Column(
            "totaal_gedrukt",
            gettext_lazy("Optional total as printed in the source; the same on every row of a table."),
            required=False,
            example="412",
        ),
        Column("categorie", gettext_lazy("operationeel or calog."), example="operationeel"),
        Column("graad", gettext_lazy("The rank or level."), example="Inspecteur"),
        Column("werkelijk", gettext_lazy("Actual headcount."), required=False, example="180"),
        Column("vte", gettext_lazy("Full-time equivalents."), required=False, example="172,5"),
        Column("organiek", gettext_lazy("Authorised strength (organiek kader)."), required=False, example="190"),
    ]

    def prepare(self, ctx):
        self.tables_seen = {}

    def check_row(self, ctx, reader):
        date = reader.date("peildatum")
        title = reader.text("titel", required=False, max_length=200)
        printed = reader.whole("totaal_gedrukt", required=False)
        category = reader.choice("categorie", STAFF_CATEGORY_WORDS)
        label = reader.text("graad", max_length=200)
        actual = reader.whole("werkelijk", required=False)
        fte = reader.number("vte", required=False)
        authorised = reader.whole("organiek", required=False)
        if date is not None:
            first_row, first_title, first_printed = self.tables_seen.setdefault(
                date, (reader.row_number, title, printed)
            )
            if (title and first_title and title != first_title) or (
                printed is not None and first_printed is not None and printed != first_printed
            ):
                reader.problem(
                    "totaal_gedrukt" if printed != first_printed else "titel",
                    _("Row %(row)s gives another title or printed total for the same table.") % {"row": first_row},
                )
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
        return bool(record.title and record.title != table.title) or (
            record.printed_total is not None and record.printed_total != table.printed_total
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
            date, title, printed = record.reference_date, record.title, record.printed_total
            table = tables.get(date)
            if table is None:
                table = StaffTable.objects.create(
                    plan=ctx.plan, reference_date=date, title=title, printed_total=printed, source=ctx.source
                )
                tables[date] = table
            elif self._table_changes(table, record):
                table.title = title or table.title
                table.printed_total = printed if printed is not None else table.printed_total
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
            }
