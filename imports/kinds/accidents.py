"""Traffic accidents per year, severity and municipality (or the whole zone)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from stats.models import StatSeries

from ..models import ImportKind
from .base import PROVISIONAL_COLUMN, ZONE_NUMBER_COLUMN, Column, export_word, municipality_column, year_column
from .series import CountSpec

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


class AccidentsSpec(CountSpec):
    kind = ImportKind.ACCIDENTS
    key_columns = ("nis_code", "ernst", "jaar")
    series_kind = StatSeries.Kind.ACCIDENTS
    description = gettext_lazy(
        "Traffic accidents by severity: one row per year, severity and municipality (or the whole zone when "
        "nis_code is empty)."
    )
    columns = [
        year_column(),
        municipality_column(),
        Column(
            "ernst",
            gettext_lazy("materiele_schade, lichtgewond, zwaargewond or dodelijk."),
            example="lichtgewond",
        ),
        Column("aantal", gettext_lazy("The number of accidents: a whole number, 0 or more."), example="1210"),
        PROVISIONAL_COLUMN,
        ZONE_NUMBER_COLUMN,
    ]

    def read_what(self, ctx, reader):
        severity = reader.choice("ernst", SEVERITY_WORDS)
        return None if severity is None else str(severity)

    def series_key(self, series):
        return (series.municipality_id, series.severity)

    def new_series(self, ctx, series_key, record):
        severity = series_key[1]
        return self.series_of(
            ctx,
            series_key,
            name=_("Traffic accidents: %(severity)s") % {"severity": StatSeries.Severity(severity).label},
            severity=severity,
            unit="ongevallen",
            source=_("Federal police traffic accident statistics, imported from %(file)s") % {"file": ctx.source},
        )

    def export_rows(self, user, zone, plan=None):
        for point in self.export_points(user, zone):
            yield self.export_row(point, zone, ernst=export_word(SEVERITY_WORDS, point.series.severity))
