"""Files in the import's own format: the templates to fill in and the exports of stored data.

CSV files are written as Belgian Excel writes them (UTF-8 with a byte-order mark, semicolons, decimal
commas), XLSX files with real numbers; both import unchanged. Both are written by core.spreadsheets, which
keeps formula-like text as text (in CSV with a leading apostrophe, which imports/parsers.py removes again).
"""

from __future__ import annotations

from core.spreadsheets import CSV_TYPE, XLSX_TYPE, Sheet, csv_bytes, xlsx_bytes

from .kinds import ImportSpec, format_number

__all__ = ["CSV_TYPE", "XLSX_TYPE", "template_rows", "to_csv", "to_xlsx"]


def _lines(spec: ImportSpec, rows):
    for row in rows:
        yield [row.get(name) for name in spec.column_names]


def to_csv(spec: ImportSpec, rows) -> bytes:
    return csv_bytes(spec.column_names, _lines(spec, rows), number=format_number)


def to_xlsx(spec: ImportSpec, rows, title: str = "") -> bytes:
    return xlsx_bytes(Sheet(title or spec.kind, spec.column_names, _lines(spec, rows)))


def template_rows(spec: ImportSpec):
    return spec.example_rows()
