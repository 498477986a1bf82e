"""What the statistical kinds (crime, accidents, surveys) share: a zone's series and their yearly figures."""

from __future__ import annotations

from collections.abc import Hashable
from decimal import Decimal
from typing import NamedTuple

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from core.access import VIEW, can_add
from stats.models import StatPoint, StatSeries
from zones.models import Municipality

from .base import BATCH, FAST_BATCH, ImportSpec, Problem, tally, yes_no, zone_column_check, zone_municipalities


class FigureRow(NamedTuple):
    """One row of a statistical file: a series' figure of one year."""

    series_key: Hashable
    year: int
    value: Decimal
    provisional: bool

    @property
    def key(self):
        return (self.series_key, self.year)


class StoredFigure(NamedTuple):
    pk: int
    value: Decimal
    provisional: bool


class StatSpec(ImportSpec):
    """Figures of a zone's series: one FigureRow per (series key, year).

    A missing series is created. When the row does not say whether the figure is provisional ("voorlopig"
    empty or absent), the rule applies: a figure of the current (not yet complete) year is provisional,
    earlier years are final.
    """

    series_kind: str
    # The kinds of series the file writes; the one series_kind unless a spec names more.
    series_kinds: tuple[str, ...] = ()

    def kinds(self) -> tuple[str, ...]:
        return self.series_kinds or (self.series_kind,)

    def may_import(self, user, zone, plan=None) -> bool:
        return can_add(user, StatSeries, zone_id=zone.pk)

    def prepare(self, ctx):
        self.municipalities = zone_municipalities(ctx.zone)
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

    def new_series(self, ctx, series_key, record: FigureRow) -> StatSeries:
        raise NotImplementedError

    def zone_series(self, ctx) -> dict:
        found = {}
        for series in StatSeries.objects.filter(zone=ctx.zone, kind__in=self.kinds()).order_by("pk"):
            found.setdefault(self.series_key(series), series)
        return found

    def _stored_points(self, series_ids) -> dict:
        points = {}
        rows = StatPoint.objects.filter(series_id__in=series_ids).values_list(
            "pk", "series_id", "year", "value", "is_provisional"
        )
        for pk, series_id, year, value, provisional in rows.iterator(chunk_size=5000):
            points[(series_id, year)] = StoredFigure(pk, value, provisional)
        return points

    @staticmethod
    def _same(stored: StoredFigure, record: FigureRow) -> bool:
        return stored.value == record.value and stored.provisional == record.provisional

    def compare(self, ctx, records):
        series = self.zone_series(ctx)
        stored = self._stored_points([s.pk for s in series.values()])

        def stored_for(record):
            existing = series.get(record.series_key)
            return stored.get((existing.pk, record.year)) if existing else None

        return tally(records, stored_for, self._same), self.creation_problems(series, records)

    @staticmethod
    def creation_problems(series: dict, records) -> list[Problem]:
        """A file may create at most ``ZVP_IMPORT_MAX_NEW_SERIES`` series in the zone (a wrong or hostile file
        would otherwise fill the zone's statistics with series no page can show)."""
        limit = int(getattr(settings, "ZVP_IMPORT_MAX_NEW_SERIES", 5000))
        new = {record.series_key for record in records} - series.keys()
        if len(new) <= limit:
            return []
        return [
            Problem(
                None,
                "",
                _("The file would create %(count)s new series in the zone; one import may create at most %(limit)s.")
                % {"count": len(new), "limit": limit},
            )
        ]

    def write(self, ctx, records, progress):
        series = self.zone_series(ctx)
        missing = {}
        for record in records:
            if record.series_key not in series and record.series_key not in missing:
                missing[record.series_key] = self.new_series(ctx, record.series_key, record)
        if missing:
            _unique_names(ctx.zone, missing.values())
            created = bulk_create_with_history(
                list(missing.values()),
                StatSeries,
                batch_size=BATCH,
                default_user=ctx.history_user,
                default_change_reason=ctx.reason,
            )
            for key, made in zip(missing, created, strict=True):
                series[key] = made
        stored = self._stored_points([s.pk for s in series.values()])
        new, changed = [], {}
        for record in records:
            series_id = series[record.series_key].pk
            point = stored.get((series_id, record.year))
            if point is None:
                new.append(
                    StatPoint(
                        series_id=series_id,
                        year=record.year,
                        value=record.value,
                        is_provisional=record.provisional,
                        import_source=ctx.source,
                    )
                )
                ctx.touched_series.add(series_id)
            elif not self._same(point, record):
                changed[point.pk] = record
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
                point.value = record.value
                point.is_provisional = record.provisional
                point.import_source = ctx.source
            bulk_update_with_history(
                batch,
                StatPoint,
                ["value", "is_provisional", "import_source"],
                default_user=ctx.history_user,
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
            .filter(series__zone=zone, series__kind__in=self.kinds())
            .select_related("series", "series__municipality", "series__crime_category__parent")
            .order_by("series__municipality__nis_code", "series__kind", "series__name", "year")
        )


class CountSpec(StatSpec):
    """Counts per municipality (or the whole zone) and year, of one series per municipality and *what* the
    row names (a crime category, an accident severity): year, nis_code, what, aantal, voorlopig, politiezone."""

    def read_what(self, ctx, reader):
        """What the row counts, as the second half of its series key (None when the row has problems)."""
        raise NotImplementedError

    def check_row(self, ctx, reader):
        year = reader.year()
        municipality = self.municipality(ctx, reader)
        what = self.read_what(ctx, reader)
        value = reader.number("aantal", whole=True)
        provisional = self.provisional(reader, year)
        zone_column_check(ctx, reader)
        if reader.problems:
            return None
        return FigureRow((municipality, what), year, value, provisional)

    def series_of(self, ctx, series_key, **fields) -> StatSeries:
        municipality_id, _what = series_key
        fields.setdefault("kind", self.series_kind)
        return StatSeries(zone=ctx.zone, municipality_id=municipality_id, **fields)

    @staticmethod
    def export_row(point, zone, **what) -> dict:
        series = point.series
        return {
            "jaar": point.year,
            "nis_code": series.municipality.nis_code if series.municipality_id else "",
            **what,
            "aantal": point.value,
            "voorlopig": yes_no(point.is_provisional),
            "politiezone": zone.number or "",
        }


# --- Writing new figures ----------------------------------------------------------------------------------------------


def _create_points_with_history(points, ctx) -> None:
    bulk_create_with_history(
        points, StatPoint, batch_size=BATCH, default_user=ctx.history_user, default_change_reason=ctx.reason
    )


HISTORY_FIELDS = ("history_date", "history_change_reason", "history_type", "history_user_id")


def insert_columns() -> tuple[list, list[str], list[str]]:
    """The fields a new figure is inserted with (every stored one but the generated key), their columns, and
    the columns of its history record: the figure's key, the same columns, then HISTORY_FIELDS."""
    fields = [f for f in StatPoint._meta.concrete_fields if not f.primary_key]
    columns = [f.column for f in fields]
    history = [StatPoint._meta.pk.column, *columns, *HISTORY_FIELDS]
    expected = [f.column for f in StatPoint.history.model._meta.concrete_fields if not f.primary_key]
    if sorted(history) != sorted(expected):
        raise ImproperlyConfigured(f"StatPoint's history has other columns than {history}: {expected}")
    return fields, columns, history


def _insert_points_with_history(points, ctx) -> None:
    """New figures and their "created" history records in two multi-row INSERTs (PostgreSQL).

    The same rows simple-history's bulk helper writes, without the ORM's per-value overhead, which makes
    a 200,000-row file several times faster. The history records carry the import as their reason. The
    columns come from the models' _meta, so that a new field of StatPoint is written here too.
    """
    from psycopg2.extras import execute_values

    fields, columns, history_columns = insert_columns()
    rows = [tuple(getattr(p, f.attname) for f in fields) for p in points]
    user = ctx.history_user
    recorded = (timezone.now(), ctx.reason, "+", user.pk if user else None)
    meta = StatPoint._meta
    with connection.cursor() as cursor:
        ids = execute_values(
            cursor.cursor,
            f"INSERT INTO {meta.db_table} ({', '.join(columns)}) VALUES %s RETURNING {meta.pk.column}",
            rows,
            page_size=len(rows),
            fetch=True,
        )
        execute_values(
            cursor.cursor,
            f"INSERT INTO {StatPoint.history.model._meta.db_table} ({', '.join(history_columns)}) VALUES %s",
            [(pk, *row, *recorded) for (pk,), row in zip(ids, rows, strict=True)],
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
