"""One specification per kind of import: its Dutch columns, how each row is checked, how it is written and
how the portal's own data is exported in the same columns (an exported file imports unchanged).

A spec reads rows into small records (``check_row``), reporting every problem with its row and column;
``compare`` says per record whether it is new, changed or unchanged (and reports what may not change, such
as a value the council approved); ``write`` writes the new and changed ones and returns what it did. The
engine around them (imports/services.py) runs them all or nothing.

Numbers are written out with a decimal comma and CSV files with semicolons, as Belgian Excel does.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import connection
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from core.access import VIEW, can_add, may_enter_values
from plans.models import Plan
from stats.models import (
    CrimeCategory,
    FinancialLine,
    Indicator,
    IndicatorValue,
    StaffLine,
    StaffTable,
    StatPoint,
    StatSeries,
)
from stats.services import record_values
from zones.models import Municipality, PoliceZone

from .models import ImportKind
from .parsers import cell_text, parse_bool, parse_date, parse_decimal

BATCH = 2000
FAST_BATCH = 5000
MIN_YEAR, MAX_YEAR = 1990, 2100


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


# --- Reading one row --------------------------------------------------------------------------------------------------


class RowReader:
    """Reads the cells of one row, collecting a problem per bad cell instead of stopping at the first."""

    this_year = 2100  # set per file by the engine (imports.services.check_file)

    def __init__(self, number: int, row: dict):
        self.row_number, self.row, self.problems = number, row, []

    def raw(self, column):
        return self.row.get(column, "")

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

    def number(self, column, required=True, whole=False, minimum=Decimal(0), maximum=None) -> Decimal | None:
        raw = self.raw(column)
        if cell_text(raw) == "":
            if required:
                self.problem(column, _("This column must not be empty."))
            return None
        try:
            value = parse_decimal(raw)
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

    def year(self, column="jaar", years=None, future=False) -> int | None:
        """A year; within *years* when given; not after this year unless *future* (budgets plan ahead)."""
        value = self.number(column, whole=True)
        if value is None:
            return None
        year = int(value)
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
        raw = self.raw(column)
        if cell_text(raw) == "":
            if required:
                self.problem(column, _("This column must not be empty."))
            return None
        try:
            return parse_date(raw)
        except ValueError:
            self.problem(column, _("Not a date; write it as dd-mm-jjjj."))
            return None


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


# --- The base spec ----------------------------------------------------------------------------------------------------


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
        """A record (a tuple whose first item is the row's key), or None when the row has problems."""
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


def _zone_column_check(ctx, reader, column="politiezone"):
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


# --- Statistical series (crime, accidents, surveys) -------------------------------------------------------------------


class StatSpec(ImportSpec):
    """Figures of a zone's series: one record per (series key, year).

    Records are ``(key, series_key, year, value, comparison_value, provisional)``. A missing series is
    created. When the row does not say whether the figure is provisional ("voorlopig" empty or absent), the
    rule applies: a figure of the current (not yet complete) year is provisional, earlier years are final.
    """

    series_kind: str

    def may_import(self, user, zone, plan=None) -> bool:
        return can_add(user, StatSeries, zone_id=zone.pk)

    def prepare(self, ctx):
        self.municipalities = {m.nis_code: m for m in Municipality.objects.filter(zone=ctx.zone)}
        self.this_year = timezone.localdate().year

    def municipality(self, ctx, reader, column="nis_code"):
        nis = reader.text(column, required=False)
        if not nis:
            return None
        if nis in self.municipalities:
            return self.municipalities[nis].pk
        other = Municipality.objects.filter(nis_code=nis).select_related("zone").first()
        if other is None:
            reader.problem(column, _("Unknown NIS code."))
        else:
            reader.problem(
                column,
                _("%(municipality)s (NIS %(nis)s) belongs to %(other)s, not to %(zone)s.")
                % {"municipality": other.name, "nis": nis, "other": other.zone.name, "zone": ctx.zone.name},
            )
        return False

    def provisional(self, reader, year, column="voorlopig"):
        flag = reader.flag(column)
        if flag is None and year is not None:
            return year >= self.this_year
        return flag

    # Series of the zone, by key.
    def series_key(self, series: StatSeries):
        raise NotImplementedError

    def new_series(self, ctx, series_key, record) -> StatSeries:
        raise NotImplementedError

    def zone_series(self, ctx) -> dict:
        found = {}
        for series in StatSeries.objects.filter(zone=ctx.zone, kind=self.series_kind).order_by("pk"):
            found.setdefault(self.series_key(series), series)
        return found

    def _stored_points(self, series_ids) -> dict:
        points = {}
        rows = StatPoint.objects.filter(series_id__in=series_ids).values_list(
            "pk", "series_id", "year", "value", "comparison_value", "is_provisional"
        )
        for pk, series_id, year, value, comparison, provisional in rows.iterator(chunk_size=5000):
            points[(series_id, year)] = (pk, value, comparison, provisional)
        return points

    @staticmethod
    def _same(stored, record) -> bool:
        _pk, value, comparison, provisional = stored
        return value == record[3] and comparison == record[4] and provisional == record[5]

    def compare(self, ctx, records):
        series = self.zone_series(ctx)
        stored = self._stored_points([s.pk for s in series.values()])
        summary = {"new": 0, "changed": 0, "unchanged": 0}
        for record in records:
            existing = series.get(record[1])
            point = stored.get((existing.pk, record[2])) if existing else None
            if point is None:
                summary["new"] += 1
            elif self._same(point, record):
                summary["unchanged"] += 1
            else:
                summary["changed"] += 1
        return summary, []

    def write(self, ctx, records, progress):
        series = self.zone_series(ctx)
        missing = {}
        for record in records:
            if record[1] not in series and record[1] not in missing:
                missing[record[1]] = self.new_series(ctx, record[1], record)
        if missing:
            _unique_names(ctx.zone, missing.values())
            created = bulk_create_with_history(
                list(missing.values()),
                StatSeries,
                batch_size=BATCH,
                default_user=_user(ctx),
                default_change_reason=ctx.reason,
            )
            for key, made in zip(missing, created, strict=True):
                series[key] = made
        stored = self._stored_points([s.pk for s in series.values()])
        new, changed = [], {}
        for record in records:
            series_id = series[record[1]].pk
            point = stored.get((series_id, record[2]))
            if point is None:
                new.append(
                    StatPoint(
                        series_id=series_id,
                        year=record[2],
                        value=record[3],
                        comparison_value=record[4],
                        is_provisional=record[5],
                        import_source=ctx.source,
                    )
                )
                ctx.touched_series.add(series_id)
            elif not self._same(point, record):
                changed[point[0]] = record
                ctx.touched_series.add(series_id)
        total = max(len(new) + len(changed), 1)
        done = 0
        create = _insert_points_with_history if connection.vendor == "postgresql" else _create_points_with_history
        for start in range(0, len(new), FAST_BATCH):
            batch = new[start : start + FAST_BATCH]
            create(batch, ctx)
            done += len(batch)
            progress(done, total)
        pks = list(changed)
        for start in range(0, len(pks), BATCH):
            batch = list(StatPoint.objects.filter(pk__in=pks[start : start + BATCH]))
            for point in batch:
                record = changed[point.pk]
                point.value, point.comparison_value, point.is_provisional = record[3], record[4], record[5]
                point.import_source = ctx.source
            bulk_update_with_history(
                batch,
                StatPoint,
                ["value", "comparison_value", "is_provisional", "import_source"],
                default_user=_user(ctx),
                default_change_reason=ctx.reason,
            )
            done += len(batch)
            progress(done, total)
        return {
            "new": len(new),
            "changed": len(changed),
            "unchanged": len(records) - len(new) - len(changed),
            "series_created": len(missing),
        }

    def export_points(self, user, zone):
        return (
            StatPoint.objects.restrict(user, VIEW)
            .filter(series__zone=zone, series__kind=self.series_kind)
            .select_related("series", "series__municipality", "series__crime_category__parent")
            .order_by("series__municipality__nis_code", "series__name", "year")
        )


def _create_points_with_history(points, ctx) -> None:
    bulk_create_with_history(points, StatPoint, batch_size=BATCH, default_user=_user(ctx),
                             default_change_reason=ctx.reason)  # fmt: skip


POINT_COLUMNS = ("series_id", "year", "value", "comparison_value", "is_provisional", "note", "import_source",
                 "is_sample")  # fmt: skip


def _insert_points_with_history(points, ctx) -> None:
    """New figures and their "created" history records in two multi-row INSERTs (PostgreSQL).

    The same rows simple-history's bulk helper writes, without the ORM's per-value overhead, which makes
    a 200,000-row file several times faster. The history records carry the import as their reason.
    """
    from psycopg2.extras import execute_values

    rows = [tuple(getattr(p, c) for c in POINT_COLUMNS) for p in points]
    history = StatPoint.history.model._meta.db_table
    user = _user(ctx)
    now = timezone.now()
    with connection.cursor() as cursor:
        ids = execute_values(
            cursor.cursor,
            f"INSERT INTO {StatPoint._meta.db_table} ({', '.join(POINT_COLUMNS)}) VALUES %s RETURNING id",
            rows,
            page_size=len(rows),
            fetch=True,
        )
        execute_values(
            cursor.cursor,
            f"INSERT INTO {history} (id, {', '.join(POINT_COLUMNS)}, history_date, history_change_reason, "
            "history_type, history_user_id) VALUES %s",
            [(pk, *row, now, ctx.reason, "+", user.pk if user else None) for (pk,), row in zip(ids, rows, strict=True)],
            page_size=len(rows),
        )
    for point, (pk,) in zip(points, ids, strict=True):
        point.pk = pk


def _unique_names(zone, new_series) -> None:
    """A series name is unique within its zone or municipality: a taken one gets its kind's detail added."""
    taken = set(StatSeries.objects.filter(zone=zone).values_list("municipality_id", "name"))
    for series in new_series:
        name, number = series.name, 1
        while (series.municipality_id, name) in taken:
            number += 1
            name = f"{series.name[:290]} ({number})"
        series.name = name
        taken.add((series.municipality_id, name))


def _user(ctx):
    user = ctx.user
    return user if user is not None and getattr(user, "is_authenticated", False) else None


class CrimeSpec(StatSpec):
    kind = ImportKind.CRIME
    key_columns = ("nis_code", "categorie", "jaar")
    series_kind = StatSeries.Kind.CRIME
    description = gettext_lazy(
        "Registered crime as the federal police publish it: one row per year, category and municipality "
        "(or the whole zone when nis_code is empty). Categories are the portal's crime categories, by code "
        "or by name; hoofdcategorie, when given, must be the category's parent."
    )
    columns = [
        Column("jaar", gettext_lazy("The year of the figures."), example="2024"),
        Column(
            "nis_code",
            gettext_lazy("NIS code of the municipality; empty for the whole zone."),
            required=False,
            example="44021",
        ),
        Column("categorie", gettext_lazy("Code or name of the crime category."), example="woninginbraak"),
        Column(
            "hoofdcategorie",
            gettext_lazy("Optional: the parent category, checked against the hierarchy."),
            required=False,
            example="diefstal",
        ),
        Column("aantal", gettext_lazy("The number of registered facts: a whole number, 0 or more."), example="1875"),
        Column(
            "voorlopig",
            gettext_lazy("'ja' when the year is not complete yet; empty: provisional only for the current year."),
            required=False,
            example="nee",
        ),
        Column(
            "politiezone",
            gettext_lazy("Optional: the zone's number, checked against the zone imported into."),
            required=False,
            example="5415",
        ),
        Column(
            "optelbaar",
            gettext_lazy("Written by the export only ('nee': the category overlaps others); ignored on import."),
            required=False,
            example="ja",
        ),
    ]

    def prepare(self, ctx):
        super().prepare(ctx)
        self.categories = {}
        for category in CrimeCategory.objects.select_related("parent"):
            self.categories.setdefault(category.code.lower(), category)
        for category in CrimeCategory.objects.select_related("parent"):
            self.categories.setdefault(category.name.strip().lower(), category)
        self.categories_by_pk = {c.pk: c for c in self.categories.values()}

    def check_row(self, ctx, reader):
        year = reader.year()
        municipality = self.municipality(ctx, reader)
        category = None
        name = reader.text("categorie")
        if name:
            category = self.categories.get(name.lower())
            if category is None:
                reader.problem("categorie", _("Unknown crime category."))
        parent = reader.text("hoofdcategorie", required=False)
        if category is not None and parent:
            known = self.categories.get(parent.lower())
            if known is None:
                reader.problem("hoofdcategorie", _("Unknown crime category."))
            elif category.parent_id != known.pk:
                expected = category.parent.name if category.parent_id else _("none (a main category)")
                reader.problem(
                    "hoofdcategorie",
                    _("%(category)s falls under %(expected)s.") % {"category": category.name, "expected": expected},
                )
        value = reader.number("aantal", whole=True)
        provisional = self.provisional(reader, year)
        _zone_column_check(ctx, reader)
        if reader.problems:
            return None
        series_key = (municipality, category.pk)
        return ((series_key, year), series_key, year, value, None, provisional)

    def series_key(self, series):
        return (series.municipality_id, series.crime_category_id)

    def new_series(self, ctx, series_key, record):
        municipality_id, category_id = series_key
        category = self.categories_by_pk[category_id]
        return StatSeries(
            zone=ctx.zone,
            municipality_id=municipality_id,
            kind=self.series_kind,
            name=category.name,
            crime_category=category,
            unit="feiten",
            source=_("Federal police crime statistics, imported from %(file)s") % {"file": ctx.source},
        )

    def export_rows(self, user, zone, plan=None):
        for point in self.export_points(user, zone):
            series = point.series
            category = series.crime_category
            yield {
                "jaar": point.year,
                "nis_code": series.municipality.nis_code if series.municipality_id else "",
                "categorie": category.code,
                "hoofdcategorie": category.parent.code if category.parent_id else "",
                "aantal": point.value,
                "voorlopig": yes_no(point.is_provisional),
                "politiezone": zone.number or "",
                "optelbaar": yes_no(category.summable),
            }


SEVERITY_WORDS = {
    "materiele_schade": StatSeries.Severity.MATERIAL,
    "materieel": StatSeries.Severity.MATERIAL,
    "materiële schade": StatSeries.Severity.MATERIAL,
    "materiele schade": StatSeries.Severity.MATERIAL,
    "material": StatSeries.Severity.MATERIAL,
    "lichtgewond": StatSeries.Severity.INJURED,
    "licht gewond": StatSeries.Severity.INJURED,
    "lichtgewonden": StatSeries.Severity.INJURED,
    "injured": StatSeries.Severity.INJURED,
    "zwaargewond": StatSeries.Severity.SERIOUSLY_INJURED,
    "zwaar gewond": StatSeries.Severity.SERIOUSLY_INJURED,
    "zwaargewonden": StatSeries.Severity.SERIOUSLY_INJURED,
    "seriously_injured": StatSeries.Severity.SERIOUSLY_INJURED,
    "dodelijk": StatSeries.Severity.KILLED,
    "doden": StatSeries.Severity.KILLED,
    "gedood": StatSeries.Severity.KILLED,
    "killed": StatSeries.Severity.KILLED,
}


class AccidentsSpec(StatSpec):
    kind = ImportKind.ACCIDENTS
    key_columns = ("nis_code", "ernst", "jaar")
    series_kind = StatSeries.Kind.ACCIDENTS
    description = gettext_lazy(
        "Traffic accidents by severity: one row per year, severity and municipality (or the whole zone when "
        "nis_code is empty)."
    )
    columns = [
        Column("jaar", gettext_lazy("The year of the figures."), example="2024"),
        Column(
            "nis_code",
            gettext_lazy("NIS code of the municipality; empty for the whole zone."),
            required=False,
            example="",
        ),
        Column(
            "ernst",
            gettext_lazy("materiele_schade, lichtgewond, zwaargewond or dodelijk."),
            example="lichtgewond",
        ),
        Column("aantal", gettext_lazy("The number of accidents: a whole number, 0 or more."), example="1210"),
        Column(
            "voorlopig",
            gettext_lazy("'ja' when the year is not complete yet; empty: provisional only for the current year."),
            required=False,
            example="nee",
        ),
        Column(
            "politiezone",
            gettext_lazy("Optional: the zone's number, checked against the zone imported into."),
            required=False,
            example="5415",
        ),
    ]

    def check_row(self, ctx, reader):
        year = reader.year()
        municipality = self.municipality(ctx, reader)
        severity = reader.choice("ernst", SEVERITY_WORDS)
        value = reader.number("aantal", whole=True)
        provisional = self.provisional(reader, year)
        _zone_column_check(ctx, reader)
        if reader.problems:
            return None
        series_key = (municipality, str(severity))
        return ((series_key, year), series_key, year, value, None, provisional)

    def series_key(self, series):
        return (series.municipality_id, series.severity)

    def new_series(self, ctx, series_key, record):
        municipality_id, severity = series_key
        label = StatSeries.Severity(severity).label
        return StatSeries(
            zone=ctx.zone,
            municipality_id=municipality_id,
            kind=self.series_kind,
            name=_("Traffic accidents: %(severity)s") % {"severity": label},
            severity=severity,
            unit="ongevallen",
            source=_("Federal police traffic accident statistics, imported from %(file)s") % {"file": ctx.source},
        )

    def export_rows(self, user, zone, plan=None):
        for point in self.export_points(user, zone):
            series = point.series
            yield {
                "jaar": point.year,
                "nis_code": series.municipality.nis_code if series.municipality_id else "",
                "ernst": export_word(SEVERITY_WORDS, series.severity),
                "aantal": point.value,
                "voorlopig": yes_no(point.is_provisional),
                "politiezone": zone.number or "",
            }


class SurveySpec(StatSpec):
    kind = ImportKind.SURVEY
    key_columns = ("vraag", "jaar")
    series_kind = StatSeries.Kind.SURVEY
    description = gettext_lazy(
        "Survey results of the whole zone (Veiligheidsmonitor, Stadsmonitor): one row per question and year, "
        "with the result in the comparison area (province or region)."
    )
    columns = [
        Column("jaar", gettext_lazy("The year of the survey."), example="2024"),
        Column(
            "vraag",
            gettext_lazy("The question, as the survey words it; one series per question."),
            example="Voelt zich (soms of vaak) onveilig in de eigen buurt",
        ),
        Column("waarde", gettext_lazy("The zone's result (a percentage: 0 to 100)."), example="13,5"),
        Column("vergelijkingsgebied", gettext_lazy("The province or region compared with."), example="Vlaams Gewest"),
        Column(
            "waarde_vergelijkingsgebied",
            gettext_lazy("The result in the comparison area."),
            required=False,
            example="11,2",
        ),
        Column("eenheid", gettext_lazy("The unit; '%' when empty."), required=False, example="%"),
        Column(
            "politiezone",
            gettext_lazy("Optional: the zone's number, checked against the zone imported into."),
            required=False,
            example="5415",
        ),
    ]

    def check_row(self, ctx, reader):
        year = reader.year()
        question = reader.text("vraag", max_length=300)
        unit = reader.text("eenheid", required=False, max_length=40) or "%"
        maximum = Decimal(100) if unit == "%" else None
        value = reader.number("waarde", maximum=maximum)
        area = reader.text("vergelijkingsgebied", max_length=200)
        comparison = reader.number("waarde_vergelijkingsgebied", required=False, maximum=maximum)
        _zone_column_check(ctx, reader)
        if question and area:
            existing = self.existing.get(question)
            if existing is not None and existing.comparison_area and existing.comparison_area != area:
                reader.problem(
                    "vergelijkingsgebied",
                    _("This question's series compares with %(area)s.") % {"area": existing.comparison_area},
                )
        if reader.problems:
            return None
        series_key = question
        return ((series_key, year), series_key, year, value, comparison, False, area, unit)

    def prepare(self, ctx):
        super().prepare(ctx)
        self.existing = self.zone_series(ctx)

    @staticmethod
    def _same(stored, record) -> bool:
        _pk, value, comparison, _provisional = stored
        return value == record[3] and comparison == record[4]

    def series_key(self, series):
        return series.question or series.name

    def zone_series(self, ctx):
        return {key: series for key, series in super().zone_series(ctx).items() if series.municipality_id is None}

    def new_series(self, ctx, series_key, record):
        return StatSeries(
            zone=ctx.zone,
            kind=self.series_kind,
            name=series_key[:300],
            question=series_key,
            comparison_area=record[6],
            unit=record[7],
            source=_("Survey, imported from %(file)s") % {"file": ctx.source},
        )

    def export_rows(self, user, zone, plan=None):
        for point in self.export_points(user, zone).filter(series__municipality__isnull=True):
            series = point.series
            yield {
                "jaar": point.year,
                "vraag": series.question or series.name,
                "waarde": point.value,
                "vergelijkingsgebied": series.comparison_area,
                "waarde_vergelijkingsgebied": point.comparison_value,
                "eenheid": series.unit,
                "politiezone": zone.number or "",
            }


# --- Indicator values -------------------------------------------------------------------------------------------------


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
        Column("jaar", gettext_lazy("The year, within the plan's period."), example="2024"),
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
        self.indicators = {}
        for indicator in Indicator.objects.filter(plan=ctx.plan).order_by("pk"):
            if indicator.code:
                self.indicators.setdefault(indicator.code.lower(), indicator)
        for indicator in Indicator.objects.filter(plan=ctx.plan).order_by("pk"):
            self.indicators.setdefault(indicator.name.strip().lower(), indicator)
        self.years = list(ctx.plan.years)

    def check_row(self, ctx, reader):
        year = reader.year(years=self.years)
        name = reader.text("indicator")
        indicator = self.indicators.get(name.lower()) if name else None
        if name and indicator is None:
            reader.problem("indicator", _("This plan has no indicator with this code or name."))
        if cell_text(reader.raw("waarde")) == "":
            return "skip" if not reader.problems else None
        value = reader.number("waarde", minimum=None)
        note = reader.text("opmerking", required=False, max_length=300) if "opmerking" in reader.row else None
        reader.flag("gekoppeld")
        if reader.problems:
            return None
        return ((indicator.pk, year), indicator.pk, year, value, note, reader.row_number)

    def _stored(self, ctx):
        return {
            (v.indicator_id, v.year): v
            for v in IndicatorValue.objects.filter(indicator__plan=ctx.plan).select_related("indicator__series")
        }

    def compare(self, ctx, records):
        stored = self._stored(ctx)
        by_pk = {i.pk: i for i in self.indicators.values()}
        summary, problems = {"new": 0, "changed": 0, "unchanged": 0}, []
        for key, indicator_id, _year, value, note, row in records:
            current = stored.get(key)
            same = current is not None and current.value == value and (note is None or note == current.note)
            if same:
                summary["unchanged"] += 1
                continue
            indicator = by_pk[indicator_id]
            if current is not None and current.is_approved:
                problems.append(
                    Problem(
                        row,
                        "waarde",
                        _("The council approved this value; it can no longer change."),
                        format_number(value),
                    )
                )
            elif indicator.series_id:
                problems.append(
                    Problem(
                        row,
                        "waarde",
                        _("This indicator follows the series '%(series)s': import the series' figures instead.")
                        % {"series": indicator.series.name},
                        format_number(value),
                    )
                )
            elif current is None:
                summary["new"] += 1
            else:
                summary["changed"] += 1
        return summary, problems

    def write(self, ctx, records, progress):
        stored = self._stored(ctx)
        by_year: dict[int, list] = {}
        for key, indicator_id, year, value, note, _row in records:
            current = stored.get(key)
            if note is None:
                note = current.note if current is not None else ""
            if current is not None and current.value == value and current.note == note:
                continue
            by_year.setdefault(year, []).append({"indicator": indicator_id, "value": value, "note": note})
        result = {"new": 0, "changed": 0}
        done, total = 0, max(sum(len(e) for e in by_year.values()), 1)
        for year, entries in sorted(by_year.items()):
            counts = record_values(ctx.plan, year, entries, ctx.user)
            result["new"] += counts["created"]
            result["changed"] += counts["changed"]
            IndicatorValue.objects.filter(indicator_id__in=[e["indicator"] for e in entries], year=year).update(
                import_source=ctx.source
            )
            done += len(entries)
            progress(done, total)
        result["unchanged"] = len(records) - result["new"] - result["changed"]
        return result

    def export_rows(self, user, zone, plan=None):
        values = (
            IndicatorValue.objects.restrict(user, VIEW)
            .filter(indicator__plan=plan)
            .select_related("indicator")
            .order_by("year", "indicator__order", "indicator__pk")
        )
        for value in values:
            indicator = value.indicator
            yield {
                "jaar": value.year,
                "indicator": indicator.code or indicator.name,
                "waarde": value.value,
                "opmerking": value.note,
                "gekoppeld": yes_no(bool(indicator.series_id)),
            }

    def example_rows(self):
        return [{"jaar": "2024", "indicator": "I2-1", "waarde": "3850", "opmerking": "", "gekoppeld": ""}]


# --- Staff and budget tables ------------------------------------------------------------------------------------------

STAFF_CATEGORY_WORDS = {
    "operationeel": StaffLine.Category.OPERATIONAL,
    "operational": StaffLine.Category.OPERATIONAL,
    "calog": StaffLine.Category.CALOG,
}


class PlanTableSpec(ImportSpec):
    scope = "plan"
    model = None

    def may_import(self, user, zone, plan=None) -> bool:
        return plan is not None and can_add(user, self.model, plan=plan)

    def file_problems(self, ctx):
        statuses = Plan.EDITABLE_STATUSES
        if ctx.plan.status not in statuses:
            return [Problem(None, "", _("This plan is frozen: its tables change in a revision or an addendum."))]
        return []


class StaffSpec(PlanTableSpec):
    """Staff tables of a plan: one row per line; a table per reference date (``peildatum``).

    Records are ``(key, date, category, label, actual, fte, authorised, title, printed_total, row)``.
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
        printed = reader.number("totaal_gedrukt", required=False, whole=True)
        category = reader.choice("categorie", STAFF_CATEGORY_WORDS)
        label = reader.text("graad", max_length=200)
        actual = reader.number("werkelijk", required=False, whole=True)
        fte = reader.number("vte", required=False)
        authorised = reader.number("organiek", required=False, whole=True)
        if date is not None:
            first = self.tables_seen.setdefault(date, (reader.row_number, title, printed))
            if (title and first[1] and title != first[1]) or (
                printed is not None and first[2] is not None and printed != first[2]
            ):
                reader.problem(
                    "totaal_gedrukt" if printed != first[2] else "titel",
                    _("Row %(row)s gives another title or printed total for the same table.") % {"row": first[0]},
                )
        if reader.problems:
            return None
        return (
            (date, category, label),
            date,
            str(category),
            label,
            _int(actual),
            fte,
            _int(authorised),
            title,
            _int(printed),
            reader.row_number,
        )

    def _tables(self, ctx):
        return {t.reference_date: t for t in StaffTable.objects.filter(plan=ctx.plan)}

    def _lines(self, tables):
        return {
            (line.table.reference_date, line.category, line.label): line
            for line in StaffLine.objects.filter(table__in=tables.values()).select_related("table")
        }

    @staticmethod
    def _line_same(line, record):
        return (line.actual, line.fte, line.authorised) == (record[4], record[5], record[6])

    def compare(self, ctx, records):
        tables = self._tables(ctx)
        lines = self._lines(tables)
        summary = {"new": 0, "changed": 0, "unchanged": 0}
        for record in records:
            line = lines.get(record[0])
            table = tables.get(record[1])
            table_changes = table is not None and (
                (record[7] and record[7] != table.title) or (record[8] is not None and record[8] != table.printed_total)
            )
            if line is None:
                summary["new"] += 1
            elif self._line_same(line, record) and not table_changes:
                summary["unchanged"] += 1
            else:
                summary["changed"] += 1
        return summary, []

    def write(self, ctx, records, progress):
        tables = self._tables(ctx)
        result = {"new": 0, "changed": 0, "unchanged": 0}
        for record in records:
            date, title, printed = record[1], record[7], record[8]
            table = tables.get(date)
            if table is None:
                table = StaffTable.objects.create(
                    plan=ctx.plan, reference_date=date, title=title, printed_total=printed, source=ctx.source
                )
                tables[date] = table
            elif (title and title != table.title) or (printed is not None and printed != table.printed_total):
                table.title = title or table.title
                table.printed_total = printed if printed is not None else table.printed_total
                table.revision += 1
                table.save()
        lines = self._lines(tables)
        for done, record in enumerate(records, start=1):
            line = lines.get(record[0])
            if line is None:
                order = StaffLine.objects.filter(table=tables[record[1]], category=record[2]).count() + 1
                StaffLine.objects.create(
                    table=tables[record[1]],
                    category=record[2],
                    label=record[3],
                    actual=record[4],
                    fte=record[5],
                    authorised=record[6],
                    order=order,
                )
                result["new"] += 1
            elif not self._line_same(line, record):
                line.actual, line.fte, line.authorised = record[4], record[5], record[6]
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


def _int(value):
    return None if value is None else int(value)


FINANCE_KIND_WORDS = {
    "begroting": FinancialLine.Kind.BUDGET,
    "budget": FinancialLine.Kind.BUDGET,
    "raming": FinancialLine.Kind.FORECAST,
    "forecast": FinancialLine.Kind.FORECAST,
    "rekening": FinancialLine.Kind.ACTUAL,
    "actual": FinancialLine.Kind.ACTUAL,
}
FINANCE_CATEGORY_WORDS = {
    "ontvangsten": FinancialLine.Category.INCOME,
    "income": FinancialLine.Category.INCOME,
    "dotatie": FinancialLine.Category.DOTATION,
    "dotation": FinancialLine.Category.DOTATION,
    "personeel": FinancialLine.Category.PERSONNEL,
    "personnel": FinancialLine.Category.PERSONNEL,
    "werking": FinancialLine.Category.OPERATING,
    "operating": FinancialLine.Category.OPERATING,
    "investering": FinancialLine.Category.INVESTMENT,
    "investment": FinancialLine.Category.INVESTMENT,
    "andere_uitgaven": FinancialLine.Category.OTHER_EXPENSE,
    "other_expense": FinancialLine.Category.OTHER_EXPENSE,
}


class BudgetSpec(PlanTableSpec):
    """Lines of the multi-year financial plan: one per year, kind and label.

    Records are ``(key, year, kind, category, municipality_id, label, amount, row)``.
    """

    kind = ImportKind.BUDGET
    key_columns = ("jaar", "soort", "omschrijving")
    model = FinancialLine
    description = gettext_lazy(
        "The multi-year financial plan: one row per year, kind and line. Amounts in euro, always positive; "
        "the category says whether it is income or expense. A municipal dotation names the municipality."
    )
    columns = [
        Column("jaar", gettext_lazy("The year, within the plan's period."), example="2024"),
        Column("soort", gettext_lazy("begroting, raming or rekening."), example="begroting"),
        Column(
            "categorie",
            gettext_lazy("ontvangsten, dotatie, personeel, werking, investering or andere_uitgaven."),
            example="dotatie",
        ),
        Column("nis_code", gettext_lazy("For a dotation: the paying municipality."), required=False, example="44021"),
        Column("omschrijving", gettext_lazy("The line's label."), example="Dotatie Stad Gent"),
        Column("bedrag", gettext_lazy("The amount in euro, 0 or more."), example="98500000"),
    ]

    def prepare(self, ctx):
        self.years = list(ctx.plan.years)
        self.municipalities = {m.nis_code: m for m in Municipality.objects.filter(zone=ctx.zone)}

    def check_row(self, ctx, reader):
        year = reader.year(years=self.years, future=True)
        kind = reader.choice("soort", FINANCE_KIND_WORDS)
        category = reader.choice("categorie", FINANCE_CATEGORY_WORDS)
        nis = reader.text("nis_code", required=False)
        municipality = None
        if nis:
            if category is not None and category != FinancialLine.Category.DOTATION:
                reader.problem("nis_code", _("Only a municipal dotation names a municipality."))
            elif nis not in self.municipalities:
                reader.problem("nis_code", _("Unknown NIS code in this zone."))
            else:
                municipality = self.municipalities[nis].pk
        label = reader.text("omschrijving", max_length=200)
        amount = reader.number("bedrag")
        if reader.problems:
            return None
        key = (year, str(kind), label)
        return (key, year, str(kind), str(category), municipality, label, amount, reader.row_number)

    def _stored(self, ctx):
        return {(f.year, f.kind, f.label): f for f in FinancialLine.objects.filter(plan=ctx.plan)}

    @staticmethod
    def _same(line, record):
        return (line.category, line.municipality_id, line.amount) == (record[3], record[4], record[6])

    def compare(self, ctx, records):
        stored = self._stored(ctx)
        summary = {"new": 0, "changed": 0, "unchanged": 0}
        for record in records:
            line = stored.get(record[0])
            key = "new" if line is None else ("unchanged" if self._same(line, record) else "changed")
            summary[key] += 1
        return summary, []

    def write(self, ctx, records, progress):
        stored = self._stored(ctx)
        result = {"new": 0, "changed": 0, "unchanged": 0}
        for done, record in enumerate(records, start=1):
            line = stored.get(record[0])
            if line is None:
                FinancialLine.objects.create(
                    plan=ctx.plan,
                    year=record[1],
                    kind=record[2],
                    category=record[3],
                    municipality_id=record[4],
                    label=record[5],
                    amount=record[6],
                    order=done,
                )
                result["new"] += 1
            elif not self._same(line, record):
                line.category, line.municipality_id, line.amount = record[3], record[4], record[6]
                line.revision += 1
                line.save()
                result["changed"] += 1
            else:
                result["unchanged"] += 1
            if done % 500 == 0:
                progress(done, len(records))
        return result

    def export_rows(self, user, zone, plan=None):
        lines = (
            FinancialLine.objects.restrict(user, VIEW)
            .filter(plan=plan)
            .select_related("municipality")
            .order_by("year", "kind", "order", "pk")
        )
        for line in lines:
            yield {
                "jaar": line.year,
                "soort": export_word(FINANCE_KIND_WORDS, line.kind),
                "categorie": export_word(FINANCE_CATEGORY_WORDS, line.category),
                "nis_code": line.municipality.nis_code if line.municipality_id else "",
                "omschrijving": line.label,
                "bedrag": line.amount,
            }


SPECS: dict[str, type[ImportSpec]] = {
    spec.kind: spec for spec in (CrimeSpec, AccidentsSpec, SurveySpec, IndicatorValuesSpec, StaffSpec, BudgetSpec)
}
ZONE_KINDS = [kind for kind, spec in SPECS.items() if spec.scope == "zone"]
PLAN_KINDS = [kind for kind, spec in SPECS.items() if spec.scope == "plan"]


def spec_for(kind: str) -> ImportSpec:
    """A fresh spec for one run (a spec keeps the lookups of its run)."""
    return SPECS[kind]()
