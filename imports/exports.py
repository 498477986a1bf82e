"""Files in the import's own format: the templates to fill in and the exports of stored data.

CSV files are written as Belgian Excel writes them (UTF-8 with a byte-order mark, semicolons, decimal
commas), XLSX files with real numbers; both import unchanged.
"""

from __future__ import annotations

import csv
import io
from decimal import Decimal

from openpyxl import Workbook

from .kinds import ImportSpec, format_number

CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal | float):
        return format_number(value)
    return str(value)


def to_csv(spec: ImportSpec, rows) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(spec.column_names)
    for row in rows:
        writer.writerow([_cell_text(row.get(name)) for name in spec.column_names])
    return "\ufeff".encode() + buffer.getvalue().encode("utf-8")


def _cell_value(value):
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return "" if value is None else value


def to_xlsx(spec: ImportSpec, rows, title: str = "") -> bytes:
    book = Workbook(write_only=True)
    sheet = book.create_sheet(title=(title or spec.kind)[:31])
    sheet.append(spec.column_names)
    for row in rows:
        sheet.append([_cell_value(row.get(name)) for name in spec.column_names])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def template_rows(spec: ImportSpec):
    return spec.example_rows()
