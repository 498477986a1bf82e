"""Reading CSV and XLSX files row by row, as Belgian spreadsheets write them.

* Encoding: UTF-8 (with or without the byte-order mark Excel puts first) or Windows-1252 (what Excel's
  "CSV (puntkomma gescheiden)" writes on a Belgian Windows). A file that is valid UTF-8 is read as UTF-8;
  otherwise as Windows-1252; a file that is neither is refused.
* Delimiter: semicolon (Belgian Excel), comma, or tab, decided from the header line: the first of ``;``,
  tab and ``,`` that occurs in it (column names never contain one).
* Numbers: decimal comma or point. "1234,5", "1.234,5", "1234.5", "1 234" and "1,234.5" all read as
  1234.5 or 1234; see :func:`parse_decimal`.
* Text that the portal's exports keep from being a formula ("'=...", see core/spreadsheets.py) reads
  without its apostrophe, so that an exported CSV file imports unchanged.
* Rows are numbered as a spreadsheet shows them: the header is row 1, the first data row row 2. Empty rows
  are skipped (their number is still counted).

Rows are streamed: a file of 200,000 rows is never held in memory as a whole.

Bounds (hostile or mistaken files): a file of more rows than ``ZVP_IMPORT_MAX_ROWS`` is refused (at once when
its line count or its sheet's size says so, else at the first row over the limit); a workbook whose shared
texts unpack to more than ``ZVP_IMPORT_MAX_BYTES`` is refused before it is read; a cell holding a NUL
character or more than :data:`MAX_CELL_CHARS` characters is reported at its row and column (see
:data:`BAD_CELLS`), and so is a CSV cell too long for the reader and a byte no encoding reads.
"""

from __future__ import annotations

import codecs
import csv
import datetime
import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

from core.spreadsheets import FORMULA_STARTS

CHUNK = 1 << 20
ENCODINGS = ("utf-8", "cp1252")
# No column of any kind holds more; a longer cell is a wrong (or hostile) file.
MAX_CELL_CHARS = 10_000
# The key of a row's dict under which the parser lists its unreadable cells: [(column, message), ...].
BAD_CELLS = "__bad__"


class FileProblem(Exception):
    """The file as a whole cannot be read (encoding, format, no header, too large); *row* where it is known."""

    def __init__(self, message, row: int | None = None):
        super().__init__(message)
        self.row = row


def max_rows() -> int:
    return int(getattr(settings, "ZVP_IMPORT_MAX_ROWS", 300_000))


def max_bytes() -> int:
    return int(getattr(settings, "ZVP_IMPORT_MAX_BYTES", 50 * 1024 * 1024))


def size_problem(size: int) -> str | None:
    """The message refusing a file of *size* bytes, or None when it is not too large."""
    limit = max_bytes()
    if size <= limit:
        return None
    return _("The file is larger than %(limit)s MB (%(size)s MB); split it into smaller files.") % {
        "limit": round(limit / 1024 / 1024, 1),
        "size": round(size / 1024 / 1024, 1),
    }


def too_many_rows(count: int, row: int | None = None) -> FileProblem:
    return FileProblem(
        _("The file has more than %(limit)s rows (about %(count)s); split it into smaller files.")
        % {"limit": max_rows(), "count": count},
        row,
    )


def check_cells(row: dict) -> dict:
    """Cells holding a NUL character or too many characters are listed under BAD_CELLS (and emptied)."""
    bad = []
    for column, value in row.items():
        if not isinstance(value, str):
            continue
        if "\x00" in value:
            bad.append((column, _("This cell holds a NUL character (binary data): is this the right file?")))
            row[column] = ""
        elif len(value) > MAX_CELL_CHARS:
            bad.append(
                (
                    column,
                    _("This cell holds more than %(n)s characters: is this the right file?") % {"n": MAX_CELL_CHARS},
                )
            )
            row[column] = ""
    if bad:
        row[BAD_CELLS] = bad
    return row


@dataclass
class Table:
    """A file's header (normalised column names), its rows and, roughly, how many there are."""

    columns: list[str]
    rows: Iterator[tuple[int, dict]]
    estimated_rows: int
    encoding: str = ""
    delimiter: str = ""


def normalise_column(name) -> str:
    """ "Jaar ", "NIS-code", "nis code" -> "jaar", "nis_code", "nis_code"."""
    text = str(name or "").strip().lstrip("\ufeff").strip().lower()
    return re.sub(r"[\s\-]+", "_", text)


def file_format(name: str) -> str:
    suffix = Path(name or "").suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return "xlsx"
    if suffix in (".csv", ".txt", ""):
        return "csv"
    raise FileProblem(_("Only CSV and XLSX files can be imported (not %(suffix)s).") % {"suffix": suffix})


def open_table(fileobj, name: str) -> Table:
    """The table in *fileobj* (a binary file positioned anywhere), read as its name's format says."""
    fileobj.seek(0)
    if file_format(name) == "xlsx":
        return _open_xlsx(fileobj)
    return _open_csv(fileobj)


# --- CSV --------------------------------------------------------------------------------------------------------------


def detect_encoding(fileobj) -> str:
    """ "utf-8-sig" or "utf-8" when the whole file decodes as UTF-8, else "cp1252"; FileProblem if neither."""
    fileobj.seek(0)
    start = fileobj.read(CHUNK)
    fileobj.seek(0)
    if start[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE) or start.count(b"\x00") > len(start) // 4:
        raise FileProblem(
            _(
                "The file is saved as UTF-16 (Excel's 'Unicode text'); save it as 'CSV UTF-8' or "
                "'CSV (separated by semicolons)' instead."
            )
        )
    bom = start[:3] == codecs.BOM_UTF8
    bad_row = None
    for encoding in ENCODINGS:
        fileobj.seek(0)
        decoder = codecs.getincrementaldecoder(encoding)()
        lines = 0
        try:
            while chunk := fileobj.read(CHUNK):
                try:
                    decoder.decode(chunk)
                except UnicodeDecodeError as exc:
                    bad_row = lines + chunk.count(b"\n", 0, max(exc.start, 0)) + 1
                    raise
                lines += chunk.count(b"\n")
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            continue
        finally:
            fileobj.seek(0)
        if encoding == "utf-8":
            return "utf-8-sig" if bom else "utf-8"
        return encoding
    raise FileProblem(
        _("Row %(row)s holds bytes that are neither UTF-8 nor Windows-1252 text; save the file again as CSV (UTF-8).")
        % {"row": bad_row},
        bad_row,
    )


def detect_delimiter(header_line: str) -> str:
    for delimiter in (";", "\t", ","):
        if delimiter in header_line:
            return delimiter
    return ","


def _count_lines(fileobj) -> int:
    fileobj.seek(0)
    count = 0
    while chunk := fileobj.read(CHUNK):
        count += chunk.count(b"\n")
    fileobj.seek(0)
    return count


def _open_csv(fileobj) -> Table:
    encoding = detect_encoding(fileobj)
    estimated = _count_lines(fileobj)
    text = io.TextIOWrapper(fileobj, encoding=encoding, newline="")
    header_line = text.readline()
    if not header_line.strip():
        text.detach()
        raise FileProblem(_("The file is empty: the first row must hold the column names."))
    delimiter = detect_delimiter(header_line)
    columns = [normalise_column(c) for c in next(csv.reader([header_line], delimiter=delimiter))]

    if estimated - 1 > max_rows():
        text.detach()
        raise too_many_rows(estimated - 1)

    def rows():
        reader = csv.reader(text, delimiter=delimiter)
        number, limit = 1, max_rows() + 1
        try:
            while True:
                try:
                    values = next(reader)
                except StopIteration:
                    return
                except csv.Error as exc:
                    raise FileProblem(
                        _("Row %(row)s cannot be read: a cell is far too long or badly quoted (%(error)s).")
                        % {"row": number + 1, "error": exc},
                        number + 1,
                    ) from exc
                number += 1
                if number > limit:
                    raise too_many_rows(number - 1, number)
                if not any(v.strip() for v in values):
                    continue
                yield number, check_cells(_row_dict(columns, [unneutralise(v) for v in values]))
        finally:
            text.detach()  # leave the underlying file open for its owner

    return Table(columns, rows(), max(estimated - 1, 0), encoding=encoding, delimiter=delimiter)


def unneutralise(text: str) -> str:
    """A CSV cell without the apostrophe an export puts before formula-like text ("'=1+1" -> "=1+1")."""
    if text[:1] == "'" and text[1:].startswith(FORMULA_STARTS):
        return text[1:]
    return text


def _row_dict(columns, values) -> dict:
    row = {}
    for index, column in enumerate(columns):
        if column:
            row[column] = values[index] if index < len(values) else ""
    extra = [v for v in values[len(columns) :] if str(v).strip()]
    if extra:
        row["__extra__"] = extra
    return row


# --- XLSX -------------------------------------------------------------------------------------------------------------


def _open_xlsx(fileobj) -> Table:
    from openpyxl import load_workbook

    _check_unpacked_size(fileobj)
    try:
        workbook = load_workbook(fileobj, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged or mislabelled file
        raise FileProblem(_("The file cannot be read as an Excel workbook (.xlsx).")) from exc
    sheet = workbook.worksheets[0]
    iterator = sheet.iter_rows(values_only=True)
    header = next(iterator, None)
    if header is None or not any(c not in (None, "") for c in header):
        workbook.close()
        raise FileProblem(_("The file is empty: the first row must hold the column names."))
    columns = [normalise_column(c) for c in header]
    estimated = max((sheet.max_row or 1) - 1, 0)
    if estimated > max_rows():
        workbook.close()
        raise too_many_rows(estimated)

    def rows():
        limit = max_rows() + 1
        try:
            for number, values in enumerate(iterator, start=2):
                if number > limit:
                    raise too_many_rows(number - 1, number)
                cells = ["" if v is None else v for v in values]
                if not any(str(v).strip() for v in cells):
                    continue
                yield number, check_cells(_row_dict(columns, cells))
        finally:
            workbook.close()

    return Table(columns, rows(), estimated)


def _check_unpacked_size(fileobj) -> None:
    """A workbook whose texts unpack to more than the size limit is refused before openpyxl reads them.

    openpyxl keeps a workbook's shared texts in memory; the sheets themselves are streamed (and stop at the
    row limit). A "zip bomb" of a few MB that unpacks to gigabytes is refused here.
    """
    fileobj.seek(0)
    try:
        with zipfile.ZipFile(fileobj) as archive:
            sizes = {info.filename: info.file_size for info in archive.infolist()}
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise FileProblem(_("The file cannot be read as an Excel workbook (.xlsx).")) from exc
    finally:
        fileobj.seek(0)
    texts = sum(size for name, size in sizes.items() if not name.startswith("xl/worksheets/"))
    if texts > max_bytes():
        raise FileProblem(
            _("The workbook unpacks to more than %(limit)s MB of text; save it again or split it.")
            % {"limit": round(max_bytes() / 1024 / 1024, 1)}
        )


# --- Values -----------------------------------------------------------------------------------------------------------

_THOUSANDS_DOTS = re.compile(r"^-?\d{1,3}(\.\d{3}){2,}(,\d+)?$")


def parse_decimal(value) -> Decimal:
    """A number as a Belgian or English spreadsheet writes it; ValueError when it is none.

    With both a comma and a point, the last one is the decimal separator ("1.234,5", "1,234.5"). A lone
    comma is a decimal comma ("12,5"). Points alone are decimal points ("12.5"), except in groups of
    three ("1.234.567"). Spaces (also non-breaking) group thousands. A count such as "1.234" therefore
    reads as 1.234 and is refused where a whole number is expected, rather than guessed.
    """
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value))
    if isinstance(value, Decimal):
        return value
    text = str(value).strip().replace("\u00a0", "").replace("\u202f", "").replace(" ", "")
    if text.endswith("%"):
        text = text[:-1]
    if not text:
        raise ValueError(value)
    if "," in text and "." in text:
        comma_last = text.rfind(",") > text.rfind(".")
        text = text.replace(".", "").replace(",", ".") if comma_last else text.replace(",", "")
    elif "," in text:
        if text.count(",") > 1:
            raise ValueError(value)
        text = text.replace(",", ".")
    elif _THOUSANDS_DOTS.match(text):
        text = text.replace(".", "")
    if not re.fullmatch(r"-?(\d+(\.\d*)?|\.\d+)", text):
        raise ValueError(value)
    try:
        return Decimal(text)
    except InvalidOperation:
        raise ValueError(value) from None


TRUE_WORDS = {"ja", "j", "yes", "y", "true", "waar", "1", "x", "oui", "voorlopig"}
FALSE_WORDS = {"nee", "n", "no", "false", "onwaar", "0", "non", "definitief"}


def parse_bool(value) -> bool | None:
    """ "ja"/"nee" (and yes/no, 1/0, x): True or False; None when empty; ValueError otherwise."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float) and value in (0, 1):
        return bool(value)
    text = str(value).strip().lower()
    if not text:
        return None
    if text in TRUE_WORDS:
        return True
    if text in FALSE_WORDS:
        return False
    raise ValueError(value)


def parse_date(value) -> datetime.date:
    """A date as dd-mm-yyyy, dd/mm/yyyy, yyyy-mm-dd, or a spreadsheet date."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = str(value).strip()
    for pattern in ("%d-%m-%Y", "%d/%m/%Y", "%Y-%m-%d", "%d.%m.%Y"):
        try:
            return datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError(value)


def cell_text(value) -> str:
    """A cell as text: numbers without a spurious ".0" (an NIS code typed as a number in Excel)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    return str(value).strip()
