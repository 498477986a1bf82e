"""The one spreadsheet writer: formula-like text stays text in CSV and XLSX; numbers and dates keep their type."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from core.spreadsheets import FORMULA_STARTS, Sheet, csv_bytes, is_formula_like, neutralise, xlsx_bytes

PAYLOADS = ['=HYPERLINK("http://x")', "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]
HEADERS = ["tekst", "getal", "bedrag", "datum", "leeg"]


def table():
    return [[payload, -3, Decimal("-2.50"), datetime.date(2024, 1, 31), None] for payload in PAYLOADS]


def read_csv(content: bytes) -> list[list[str]]:
    assert content.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"), newline=""), delimiter=";"))


def read_xlsx(content: bytes):
    return load_workbook(io.BytesIO(content))


def test_only_formula_like_text_is_neutralised():
    for payload in PAYLOADS:
        assert is_formula_like(payload) and neutralise(payload) == "'" + payload
    assert neutralise("Fietsdiefstal") == "Fietsdiefstal" and neutralise("a=b") == "a=b"
    assert neutralise("") == "" and neutralise(None) is None
    assert neutralise(-3) == -3 and neutralise(Decimal("-2.5")) == Decimal("-2.5")  # numbers stay numbers
    assert neutralise("-3") == "'-3"  # text that looks like a negative number is text all the same
    assert set(FORMULA_STARTS) == {"=", "+", "-", "@", "\t", "\r"}


def test_csv_writes_formula_like_text_with_an_apostrophe():
    header, *rows = read_csv(csv_bytes(HEADERS, table()))
    assert header == HEADERS
    assert [row[0] for row in rows] == ["'" + payload for payload in PAYLOADS]
    for row in rows:
        assert row[1:] == ["-3", "-2.50", "2024-01-31", ""]  # numbers and dates untouched, None empty


def test_csv_numbers_can_be_written_the_belgian_way():
    content = csv_bytes(["a", "b", "c"], [[Decimal("-2.50"), 1250000, True]], number=lambda n: str(n).replace(".", ","))
    assert read_csv(content)[1] == ["-2,50", "1250000", "True"]


def test_xlsx_never_holds_a_formula_and_keeps_the_text():
    book = read_xlsx(xlsx_bytes(Sheet("Cijfers", HEADERS, table())))
    sheet = book["Cijfers"]
    assert [c.value for c in sheet[1]] == HEADERS
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert not any(cell.data_type == "f" for cell in cells)
    texts = [row[0] for row in sheet.iter_rows(min_row=2)]
    for cell, payload in zip(texts, PAYLOADS, strict=True):
        assert cell.data_type == "s" and cell.quotePrefix
        if payload.startswith("\r"):
            # XML reads a carriage return in text as a line feed (openpyxl without lxml writes it raw).
            assert cell.value in (payload, "\n" + payload[1:])
        else:
            assert cell.value == payload
    for row in sheet.iter_rows(min_row=2):
        number, amount, date, empty = row[1:]
        assert number.data_type == "n" and number.value == -3
        assert amount.data_type == "n" and amount.value == pytest.approx(-2.5)
        assert date.is_date and date.value == datetime.datetime(2024, 1, 31)
        assert empty.value is None


def test_xlsx_sheets_headers_and_odd_text():
    title = "Een heel lange titel van meer dan eenendertig tekens"
    first = Sheet(title, ["=kop", "b"], [["a\x00b", "gewoon"]], bold_header=True, freeze_header=True)
    content = xlsx_bytes(first, Sheet("Tweede", ["x"], []))
    book = read_xlsx(content)
    first = book.worksheets[0]
    assert book.sheetnames == ["Een heel lange titel van meer d", "Tweede"]
    assert first["A1"].value == "=kop" and first["A1"].data_type == "s" and first["A1"].font.bold
    assert first.freeze_panes == "A2"
    assert first["A2"].value == "ab" and first["B2"].value == "gewoon"  # a control character XML cannot hold
    assert book["Tweede"].max_row == 1
