"""Traffic accidents by type, and their victims by severity, per year and municipality (or the whole zone).

Two measures, as plans print them: accidents (material damage only, bodily injury) and victims (killed,
seriously injured, lightly injured). The column ``meting`` says which; a file without it (the format before
the two measures) is read by the word in ``ernst``: an accident type counts accidents, a severity victims.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from stats.models import StatSeries

from ..models import ImportKind
from .base import PROVISIONAL_COLUMN, ZONE_NUMBER_COLUMN, Column, export_word, municipality_column, year_column
from .series import CountSpec

ACCIDENTS, VICTIMS = StatSeries.Kind.ACCIDENTS.value, StatSeries.Kind.VICTIMS.value

MEASURE_WORDS = {
    "ongevallen": ACCIDENTS,
    "ongeval": ACCIDENTS,
    "accidents": ACCIDENTS,
    "slachtoffers": VICTIMS,
    "slachtoffer": VICTIMS,
    "victims": VICTIMS,
}

ACCIDENT_TYPE_WORDS = {
    "materiele_schade": StatSeries.AccidentType.MATERIAL,
    "stoffelijke schade": StatSeries.AccidentType.MATERIAL,
    "stoffelijke_schade": StatSeries.AccidentType.MATERIAL,
    "materieel": StatSeries.AccidentType.MATERIAL,
    "materiële schade": StatSeries.AccidentType.MATERIAL,
    "materiele schade": StatSeries.AccidentType.MATERIAL,
    "material": StatSeries.AccidentType.MATERIAL,
    "lichamelijk_letsel": StatSeries.AccidentType.INJURY,
    "lichamelijk letsel": StatSeries.AccidentType.INJURY,
    "letsel": StatSeries.AccidentType.INJURY,
    "letselongeval": StatSeries.AccidentType.INJURY,
    "injury": StatSeries.AccidentType.INJURY,
}

SEVERITY_WORDS = {
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

WORDS = {ACCIDENTS: ACCIDENT_TYPE_WORDS, VICTIMS: SEVERITY_WORDS}


def _preferred(words: dict) -> str:
    return ", ".join(export_word(words, value) for value in dict.fromkeys(words.values()))


class AccidentsSpec(CountSpec):
    kind = ImportKind.ACCIDENTS
    key_columns = ("nis_code", "meting", "ernst", "jaar")
    series_kind = StatSeries.Kind.ACCIDENTS
    series_kinds = (ACCIDENTS, VICTIMS)
    description = gettext_lazy(
        "Traffic accidents by type and their victims by severity: one row per year, measure, type or severity "
        "and municipality (or the whole zone when nis_code is empty). Without meting, the word in ernst says "
        "the measure: an accident type counts accidents, a severity victims."
    )
    columns = [
        year_column(),
        municipality_column(),
        Column(
            "meting",
            gettext_lazy("ongevallen (accidents by type) or slachtoffers (victims by severity)."),
            required=False,
            example="ongevallen",
        ),
        Column(
            "ernst",
            gettext_lazy(
                "For accidents: materiele_schade or lichamelijk_letsel; for victims: dodelijk, zwaargewond or "
                "lichtgewond."
            ),
            example="lichamelijk_letsel",
        ),
        Column("aantal", gettext_lazy("The number of accidents or victims: a whole number, 0 or more."), example="121"),
        PROVISIONAL_COLUMN,
        ZONE_NUMBER_COLUMN,
    ]

    def read_what(self, ctx, reader):
        """(measure, type or severity): the measure from ``meting``, else from the word in ``ernst``."""
        measure = reader.choice("meting", MEASURE_WORDS, required=False)
        if reader.problems:
            return None
        word = reader.text("ernst").lower()
        if not word:
            return None
        if measure is None:
            measure = next((m for m, words in WORDS.items() if word in words), None)
        if measure is None or word not in WORDS[measure]:
            allowed = WORDS[measure] if measure else {**ACCIDENT_TYPE_WORDS, **SEVERITY_WORDS}
            if measure == ACCIDENTS:
                message = _("Accidents are counted by type; use one of: %(words)s.")
            elif measure == VICTIMS:
                message = _("Victims are counted by severity; use one of: %(words)s.")
            else:
                message = _("Unknown value; use one of: %(words)s.")
            reader.problem("ernst", message % {"words": _preferred(allowed)})
            return None
        return (measure, str(WORDS[measure][word]))

    def series_key(self, series):
        what = series.accident_type if series.kind == ACCIDENTS else series.severity
        return (series.municipality_id, (series.kind, what))

    def new_series(self, ctx, series_key, record):
        measure, what = series_key[1]
        if measure == ACCIDENTS:
            fields = {
                "kind": ACCIDENTS,
                "accident_type": what,
                "name": _("Traffic accidents: %(type)s") % {"type": StatSeries.AccidentType(what).label},
                "unit": "ongevallen",
            }
        else:
            fields = {
                "kind": VICTIMS,
                "severity": what,
                "name": _("Traffic victims: %(severity)s") % {"severity": StatSeries.Severity(what).label},
                "unit": "slachtoffers",
            }
        source = _("Federal police traffic accident statistics, imported from %(file)s") % {"file": ctx.source}
        return self.series_of(ctx, series_key, source=source, **fields)

    def export_rows(self, user, zone, plan=None):
        for point in self.export_points(user, zone):
            series = point.series
            if series.kind == ACCIDENTS:
                words, what = ACCIDENT_TYPE_WORDS, series.accident_type
            else:
                words, what = SEVERITY_WORDS, series.severity
            yield self.export_row(
                point, zone, meting=export_word(MEASURE_WORDS, series.kind), ernst=export_word(words, what)
            )
