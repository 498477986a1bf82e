"""Reading files as Belgian spreadsheets write them: encodings, delimiters, decimal commas, XLSX."""

import io
from decimal import Decimal

import pytest
from openpyxl import Workbook

from imports.parsers import FileProblem, open_table, parse_decimal


def rows(content: bytes, name="f.csv"):
    table = open_table(io.BytesIO(content), name)
    return table, list(table.rows)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12", "12"),
        ("12,5", "12.5"),
        ("12.5", "12.5"),
        ("1.234,5", "1234.5"),
        ("1,234.5", "1234.5"),
        ("1 234", "1234"),
        ("1\u00a0234,25", "1234.25"),
        ("1.234.567", "1234567"),
        ("-3", "-3"),
        (7, "7"),
        (2.5, "2.5"),
        ("13,5%", "13.5"),
    ],
)
def test_numbers_with_decimal_commas_and_points(text, expected):
    assert parse_decimal(text) == Decimal(expected)


@pytest.mark.parametrize("text", ["", "veel", "1,2,3", "12a", "--1", "1.2.3,4.5"])
def test_what_is_not_a_number(text):
    with pytest.raises(ValueError):
        parse_decimal(text)


def test_windows_1252_with_semicolons():
    content = "jaar;vraag;waarde\r\n2024;Veiligheidsgevoel in de buurt – één vraag;13,5\r\n".encode("cp1252")
    table, data = rows(content)
    assert table.encoding == "cp1252" and table.delimiter == ";"
    assert data == [(2, {"jaar": "2024", "vraag": "Veiligheidsgevoel in de buurt – één vraag", "waarde": "13,5"})]


def test_utf8_with_bom_and_commas():
    content = '\ufeffJaar,NIS-code,Aantal\n2024,44021,"1,5"\n'.encode()
    table, data = rows(content)
    assert table.encoding == "utf-8-sig" and table.delimiter == ","
    assert table.columns == ["jaar", "nis_code", "aantal"]
    assert data == [(2, {"jaar": "2024", "nis_code": "44021", "aantal": "1,5"})]


def test_empty_rows_are_skipped_but_counted():
    _table, data = rows(b"jaar;aantal\n2020;1\n;\n\n2021;2\n")
    assert [number for number, _row in data] == [2, 5]


def test_extra_cells_are_kept_aside():
    _table, data = rows(b"jaar;aantal\n2020;1;oeps\n")
    assert data[0][1]["__extra__"] == ["oeps"]


def test_xlsx_rows_keep_spreadsheet_numbers():
    book = Workbook()
    sheet = book.active
    sheet.append(["jaar", "nis_code", "aantal"])
    sheet.append([2024, 44021, 12.5])
    sheet.append([None, None, None])
    sheet.append([2023, "24038", 3])
    buffer = io.BytesIO()
    book.save(buffer)
    _table, data = rows(buffer.getvalue(), "f.xlsx")
    assert data == [
        (2, {"jaar": 2024, "nis_code": 44021, "aantal": 12.5}),
        (4, {"jaar": 2023, "nis_code": "24038", "aantal": 3}),
    ]


def test_files_that_cannot_be_read():
    with pytest.raises(FileProblem):
        rows(b"", "leeg.csv")
    with pytest.raises(FileProblem):
        rows(b"not a workbook", "kapot.xlsx")
    with pytest.raises(FileProblem):
        rows(b"jaar\n2020\n", "cijfers.pdf")
    with pytest.raises(FileProblem):
        rows(b"jaar\n\x81\x8d\x8f\n")  # neither UTF-8 nor Windows-1252


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le"])
def test_utf16_files_are_refused_with_a_clear_message(encoding):
    content = "jaar;categorie;aantal\r\n2024;drugs;5\r\n".encode(encoding)
    with pytest.raises(FileProblem) as problem:
        open_table(io.BytesIO(content), "unicode-tekst.csv")
    assert "UTF-16" in str(problem.value)
