"""Survey results of the whole zone (Veiligheidsmonitor, Stadsmonitor), per question and year."""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from stats.models import StatSeries

from ..models import ImportKind
from .base import ZONE_NUMBER_COLUMN, Column, year_column, zone_column_check
from .series import FigureRow, StatSpec, StoredFigure


class SurveySpec(StatSpec):
    """One series per question; its figures have a comparison value and are never provisional."""

    kind = ImportKind.SURVEY
    key_columns = ("vraag", "jaar")
    series_kind = StatSeries.Kind.SURVEY
    description = gettext_lazy(
        "Survey results of the whole zone (Veiligheidsmonitor, Stadsmonitor): one row per question and year, "
        "with the result in the comparison area (province or region)."
    )
    columns = [
        year_column(gettext_lazy("The year of the survey.")),
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
        ZONE_NUMBER_COLUMN,
    ]

    def prepare(self, ctx):
        super().prepare(ctx)
        self.existing = self.zone_series(ctx)

    def check_row(self, ctx, reader):
        year = reader.year()
        question = reader.text("vraag", max_length=300)
        unit = reader.text("eenheid", required=False, max_length=40) or "%"
        maximum = Decimal(100) if unit == "%" else None
        value = reader.number("waarde", maximum=maximum)
        area = reader.text("vergelijkingsgebied", max_length=200)
        comparison = reader.number("waarde_vergelijkingsgebied", required=False, maximum=maximum)
        zone_column_check(ctx, reader)
        if question and area:
            existing = self.existing.get(question)
            if existing is not None and existing.comparison_area and existing.comparison_area != area:
                reader.problem(
                    "vergelijkingsgebied",
                    _("This question's series compares with %(area)s.") % {"area": existing.comparison_area},
                )
        if reader.problems:
            return None
        return FigureRow(question, year, value, comparison, False, comparison_area=area, unit=unit)

    @staticmethod
    def _same(stored: StoredFigure, record: FigureRow) -> bool:
        return stored.value == record.value and stored.comparison_value == record.comparison_value

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
            comparison_area=record.comparison_area,
            unit=record.unit,
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
