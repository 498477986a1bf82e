"""The one writer of spreadsheets (CSV and XLSX) for every export of the portal.

Text that a spreadsheet program would take for a formula ("CSV injection": a cell that starts with ``=``,
``+``, ``-``, ``@``, a tab or a carriage return) is kept as text:

* in CSV it gets a leading apostrophe (``'=HYPERLINK(...)``), which spreadsheet programs show as text;
* in XLSX it is a string cell, never a formula, with Excel's quote prefix (so that editing the cell does
  not turn it into one); its text is unchanged.

Only text is touched: numbers stay numbers (-3 is written as a number), dates stay dates. CSV files are
UTF-8 with a byte-order mark (so that Excel reads accents right) and semicolons by default, as Belgian
Excel writes them.
"""

from __future__ import annotations

import csv
import datetime
import io
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone
from django.utils.functional import Promise
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font

CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def is_formula_like(value) -> bool:
    """Whether *value* is text that a spreadsheet program could run as a formula."""
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def neutralise(value):
    """*value* as a CSV cell may hold it: formula-like text with a leading apostrophe, anything else as is."""
    return "'" + value if is_formula_like(value) else value


def _is_number(value) -> bool:
    return isinstance(value, int | float | Decimal) and not isinstance(value, bool)


def _plain(value):
    """Lazy translations and str subclasses (choices) as plain text."""
    if isinstance(value, Promise | str):
        return str(value)
    return value


# --- CSV --------------------------------------------------------------------------------------------------------------


def csv_cell(value, number: Callable = str) -> str:
    """One CSV cell: empty for None, *number(value)* for a number, neutralised text for anything else."""
    if value is None:
        return ""
    if _is_number(value):
        return number(value)
    value = _plain(value)
    return neutralise(value if isinstance(value, str) else str(value))


def csv_bytes(headers: Sequence, rows: Iterable[Sequence], *, delimiter: str = ";", number: Callable = str) -> bytes:
    """A CSV file of *headers* and *rows*. *number* writes a number as text (e.g. with a decimal comma)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow([csv_cell(h, number) for h in headers])
    for row in rows:
        writer.writerow([csv_cell(v, number) for v in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


# --- XLSX -------------------------------------------------------------------------------------------------------------


@dataclass
class Sheet:
    """One sheet of a workbook: a title (at most 31 characters are kept), a header row, and the rows."""

    title: str
    headers: Sequence
    rows: Iterable[Sequence]
    bold_header: bool = False
    freeze_header: bool = False


def xlsx_value(value):
    """A value as openpyxl writes it: numbers as int or float, aware times in local time (Excel has no time
    zones), text without the control characters XML cannot hold."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        return timezone.localtime(value).replace(tzinfo=None)
    value = _plain(value)
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", value)
    return value


def _cells(sheet, values, font=None) -> list:
    cells = []
    for value in values:
        value = xlsx_value(value)
        if isinstance(value, str) and (font is not None or is_formula_like(value)):
            cell = WriteOnlyCell(sheet, value)
            # openpyxl stores text starting with "=" as a formula: force a string cell, quote-prefixed.
            cell.data_type = "s"
            if is_formula_like(value):
                cell.quotePrefix = True
            if font is not None:
                cell.font = font
            value = cell
        cells.append(value)
    return cells


def xlsx_bytes(*sheets: Sheet) -> bytes:
    """A workbook of *sheets*, written as a stream (a large export is never a whole workbook in memory)."""
    book = Workbook(write_only=True)
    for spec in sheets:
        sheet = book.create_sheet(title=str(spec.title)[:31])
        if spec.freeze_header:
            sheet.freeze_panes = "A2"
        sheet.append(_cells(sheet, spec.headers, Font(bold=True) if spec.bold_header else None))
        for row in spec.rows:
            sheet.append(_cells(sheet, row))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
