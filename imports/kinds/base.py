"""What every kind of import shares: columns, problems, the import's context, the row reader, the base spec,
the columns several kinds have in common and the small helpers of their checks and exports."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.access import can_add
from plans.models import Plan
from zones.models import Municipality, PoliceZone

from ..models import ImportKind
from ..parsers import cell_text, parse_bool, parse_date, parse_decimal

BATCH = 2000
FAST_BATCH = 5000
MIN_YEAR, MAX_YEAR = 1990, 2100

# What check_row returns for a row that is fine but carries nothing to import (an indicator without a value).
SKIP = "skip"


@dataclass
class Column:
    name: str
    help: str
    required: bool = True
    example: str = ""


@dataclass
class Problem:
    row: int | None
    column: str
    message: str
    value: str = ""

    def as_dict(self) -> dict:
        return {"row": self.row, "column": self.column, "value": self.value[:100], "message": str(self.message)}


@dataclass
class Context:
    """Where a file is imported (a zone, and a plan for plan kinds), by whom, and under which name."""

    zone: PoliceZone
    plan: Plan | None = None
    user: object = None
    reason: str = ""
    source: str = ""
    touched_series: set = field(default_factory=set)

    @property
    def history_user(self):
        """The user the history records name: None for an anonymous or absent one."""
        user = self.user
        return user if user is not None and getattr(user, "is_authenticated", False) else None


# --- Reading one row --------------------------------------------------------------------------------------------------


class RowReader:
    """Reads the cells of one row, collecting a problem per bad cell instead of stopping at the first."""

    this_year = 2100  # set per file by the engine (imports.services.check_file)

    def __init__(self, number: int, row: dict):
        self.row_number, self.row, self.problems = number, row, []

    def raw(self, column):
        return self.row.get(column, "")

    def is_empty(self, column) -> bool:
        return cell_text(self.raw(column)) == ""

    def text(self, column, required=True, max_length=None) -> str:
        value = cell_text(self.raw(column))
        if required and not value:
            self.problem(column, _("This column must not be empty."))
        elif max_length and len(value) > max_length:
            self.problem(column, _("At most %(n)s characters.") % {"n": max_length}, value)
        return value

    def problem(self, column, message, value=None):
        shown = cell_text(self.raw(column)) if value is None else str(value)
        self.problems.append(Problem(self.row_number, column, message, shown))

    def _present(self, column, required) -> bool:
        """Whether the cell holds anything; an empty required cell is a problem."""
        if not self.is_empty(column):
            return True
        if required:
            self.problem(column, _("This column must not be empty."))
        return False

    def number(self, column, required=True, whole=False, minimum=Decimal(0), maximum=None) -> Decimal | None:
        if not self._present(column, required):
            return None
        try:
            value = parse_decimal(self.raw(column))
        except ValueError:
            self.problem(column, _("Not a number."))
            return None
        if minimum is not None and value < minimum:
            self.problem(column, _("Must not be negative.") if minimum == 0 else _("Too small."))
            return None
        if maximum is not None and value > maximum:
            self.problem(column, _("At most %(max)s.") % {"max": maximum})
            return None
        if whole and value != value.to_integral_value():
            self.problem(column, _("Must be a whole number."))
            return None
        if abs(value) >= Decimal("1e12") or value != round(value, 2):
            self.problem(column, _("At most 12 digits before and 2 after the decimal comma."))
            return None
        return value

    def whole(self, column, required=True) -> int | None:
        """A whole number (0 or more) as an int."""
        value = self.number(column, required=required, whole=True)
        return None if value is None else int(value)

    def year(self, column="jaar", years=None, future=False) -> int | None:
        """A year; within *years* when given; not after this year unless *future* (budgets plan ahead)."""
        year = self.whole(column)
        if year is None:
            return None
        if years is not None and year not in years:
            self.problem(
                column,
                _("The year lies outside the plan's period %(start)s-%(end)s.") % {"start": years[0], "end": years[-1]},
            )
            return None
        if not MIN_YEAR <= year <= (MAX_YEAR if future else min(MAX_YEAR, self.this_year)):
            self.problem(column, _("Not a plausible year (%(min)s up to this year).") % {"min": MIN_YEAR})
            return None
        return year

    def flag(self, column) -> bool | None:
        try:
            return parse_bool(self.raw(column))
        except ValueError:
            self.problem(column, _("Write 'ja' or 'nee'."))
            return None

    def choice(self, column, words: dict, required=True):
        text = cell_text(self.raw(column)).lower()
        if not text:
            if required:
                self.problem(column, _("This column must not be empty."))
            return None
        if text not in words:
            shown = ", ".join(sorted({k for k, v in words.items() if k == export_word(words, v)}))
            self.problem(column, _("Unknown value; use one of: %(words)s.") % {"words": shown})
            return None
        return words[text]

    def date(self, column, required=True) -> datetime.date | None:
        if not self._present(column, required):
            return None
        try:
            return parse_date(self.raw(column))
        except ValueError:
            self.problem(column, _("Not a date; write it as dd-mm-jjjj."))
            return None


# --- Helpers of the checks and the exports ----------------------------------------------------------------------------


def export_word(words: dict, value) -> str:
    """The first (preferred) word that means *value*."""
    return next(k for k, v in words.items() if v == value)


def format_number(value) -> str:
    """A number as Belgian Excel writes it in a CSV: decimal comma, no thousands separator, no trailing zeros."""
    if value is None:
        return ""
    value = Decimal(value)
    text = format(value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize(), "f")
    return text.replace(".", ",")


def yes_no(value: bool) -> str:
    return "ja" if value else "nee"


def by_code_or_name(objects: Iterable) -> dict:
    """Objects by their lower-case code, then (where no code took the word) by their name: codes win."""
    objects = list(objects)
    found = {}
    for obj in objects:
        if obj.code:
            found.setdefault(obj.code.lower(), obj)
    for obj in objects:
        found.setdefault(obj.name.strip().lower(), obj)
    return found


def zone_municipalities(zone) -> dict:
    """The zone's municipalities by NIS code."""
    return {m.nis_code: m for m in Municipality.objects.filter(zone=zone)}


def tally(records: Iterable, stored_for: Callable, same: Callable) -> dict:
    """{"new": n, "changed": n, "unchanged": n}: *stored_for(record)* is what is stored (None: nothing), and
    *same(stored, record)* says whether the record would change it."""
    summary = {"new": 0, "changed": 0, "unchanged": 0}
    for record in records:
        stored = stored_for(record)
        summary["new" if stored is None else "unchanged" if same(stored, record) else "changed"] += 1
    return summary


def zone_column_check(ctx, reader, column="politiezone"):
    """The optional zone number of a row must be the zone the file is imported into."""
    text = reader.text(column, required=False)
    if not text:
        return
    if text != str(ctx.zone.number or ""):
        known = PoliceZone.objects.filter(number=text).first() if text.isdigit() else None
        if known is None:
            reader.problem(column, _("Unknown police zone number."))
        else:
            reader.problem(
                column,
                _("This row is for %(other)s, but the file is imported into %(zone)s.")
                % {"other": known.name, "zone": ctx.zone.name},
            )


# --- Columns several kinds share --------------------------------------------------------------------------------------


def year_column(help=None) -> Column:
    return Column("jaar", help or gettext_lazy("The year of the figures."), example="2024")


PLAN_YEAR_COLUMN = Column("jaar", gettext_lazy("The year, within the plan's period."), example="2024")


def municipality_column(example="") -> Column:
    return Column(
        "nis_code",
        gettext_lazy("NIS code of the municipality; empty for the whole zone."),
        required=False,
        example=example,
    )


PROVISIONAL_COLUMN = Column(
    "voorlopig",
    gettext_lazy("'ja' when the year is not complete yet; empty: provisional only for the current year."),
    required=False,
    example="nee",
)
ZONE_NUMBER_COLUMN = Column(
    "politiezone",
    gettext_lazy("Optional: the zone's number, checked against the zone imported into."),
    required=False,
    example="5415",
)


# --- The base specs ---------------------------------------------------------------------------------------------------


class ImportSpec:
    kind: str
    scope = "zone"  # "zone" or "plan"
    columns: list[Column] = []
    key_columns: tuple[str, ...] = ()
    description = ""

    @property
    def label(self):
        return ImportKind(self.kind).label

    @cached_property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    @cached_property
    def required_columns(self) -> list[str]:
        return [c.name for c in self.columns if c.required]

    def may_import(self, user, zone, plan=None) -> bool:
        raise NotImplementedError

    def file_problems(self, ctx: Context) -> list[Problem]:
        """Problems with the target itself (e.g. a plan whose values can no longer change)."""
        return []

    def prepare(self, ctx: Context) -> None:
        """Load what the rows are checked against (categories, municipalities, indicators...)."""

    def check_row(self, ctx: Context, reader: RowReader):
        """A record (a named row whose ``key`` identifies it in the file), SKIP, or None when the row has
        problems."""
        raise NotImplementedError

    def compare(self, ctx: Context, records: list) -> tuple[dict, list[Problem]]:
        """{"new": n, "changed": n, "unchanged": n} against what is stored, and what may not change."""
        raise NotImplementedError

    def write(self, ctx: Context, records: list, progress) -> dict:
        raise NotImplementedError

    def export_rows(self, user, zone, plan=None):
        raise NotImplementedError

    def example_rows(self) -> list[dict]:
        return [{c.name: c.example for c in self.columns}]


class PlanTableSpec(ImportSpec):
    """A table of a plan (staff, budget): imported while the plan may still be edited."""

    scope = "plan"
    model = None

    def may_import(self, user, zone, plan=None) -> bool:
        return plan is not None and can_add(user, self.model, plan=plan)

    def file_problems(self, ctx):
        if ctx.plan.status not in Plan.EDITABLE_STATUSES:
            return [Problem(None, "", _("This plan is frozen: its tables change in a revision or an addendum."))]
        return []
