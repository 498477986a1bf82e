"""Survey results (Veiligheidsmonitor, Stadsmonitor) per question, answer category, area and year, and the
surveys' response counts.

One series per question, answer category and area: the zone, one of its municipalities, or a named area such
as a province or Vlaanderen. The older format (the zone's result with one comparison area on the same row)
still imports: its comparison figure becomes a figure of the comparison area's series.
"""

from __future__ import annotations

from decimal import Decimal
from typing import NamedTuple

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from core.access import VIEW
from stats.models import StatSeries, SurveyResponse

from ..models import ImportKind
from .base import ZONE_NUMBER_COLUMN, Column, Problem, tally, year_column, zone_column_check
from .series import FigureRow, StatSpec

RESPONSE_COLUMNS = ("verstuurd", "teruggestuurd_papier", "teruggestuurd_online")
RESPONSE_FIELDS = ("sent", "returned_paper", "returned_online")


class SurveyRow(NamedTuple):
    """One row of a survey file: a result of one area (and, in the older format, of a comparison area)."""

    row: int
    question: str
    answer: str
    municipality: int | None
    area: str
    year: int
    value: Decimal
    comparison_area: str
    comparison_value: Decimal | None
    unit: str
    survey: str
    responses: tuple | None  # (sent, returned on paper, returned online), or None when the row gives none

    @property
    def key(self):
        return (self.question, self.answer, self.municipality, self.area, self.year)

    def figures(self):
        """(series key, figure) of the row's area, then of its comparison area when it has one."""
        yield (self.question, self.answer, self.municipality, self.area), self.value
        if self.comparison_area and self.comparison_value is not None:
            yield (self.question, self.answer, None, self.comparison_area), self.comparison_value


class SurveySpec(StatSpec):
    """Survey figures are never provisional."""

    kind = ImportKind.SURVEY
    key_columns = ("vraag", "antwoord", "gebied", "jaar")
    series_kind = StatSeries.Kind.SURVEY
    description = gettext_lazy(
        "Survey results (Veiligheidsmonitor, Stadsmonitor): one row per question, answer category, area and "
        "year. The area is the zone (gebied empty), one of its municipalities (NIS code or name) or a named "
        "area such as a province or Vlaanderen. The response counts of a survey and year may stand on any of "
        "its rows."
    )
    columns = [
        year_column(gettext_lazy("The year of the survey.")),
        Column(
            "enquete",
            gettext_lazy("The survey: Veiligheidsmonitor, Stadsmonitor..."),
            required=False,
            example="Veiligheidsmonitor",
        ),
        Column(
            "vraag",
            gettext_lazy("The question, as the survey words it."),
            example="Voelt zich (soms of vaak) onveilig in de eigen buurt",
        ),
        Column(
            "antwoord",
            gettext_lazy("Optional: the answer category counted (veel, neutraal, weinig...)."),
            required=False,
            example="veel",
        ),
        Column(
            "gebied",
            gettext_lazy(
                "Empty for the zone; the NIS code or name of one of its municipalities; or a named area (a "
                "province, Vlaanderen)."
            ),
            required=False,
            example="24062",
        ),
        Column("waarde", gettext_lazy("The area's result (a percentage: 0 to 100)."), example="13,5"),
        Column(
            "vergelijkingsgebied",
            gettext_lazy("Optional (older format): a comparison area whose result stands on the same row."),
            required=False,
            example="Vlaams Gewest",
        ),
        Column(
            "waarde_vergelijkingsgebied",
            gettext_lazy("The result in the comparison area."),
            required=False,
            example="11,2",
        ),
        Column("eenheid", gettext_lazy("The unit; '%' when empty."), required=False, example="%"),
        Column("verstuurd", gettext_lazy("Optional: questionnaires sent."), required=False, example="1500"),
        Column(
            "teruggestuurd_papier",
            gettext_lazy("Optional: questionnaires returned on paper."),
            required=False,
            example="410",
        ),
        Column(
            "teruggestuurd_online",
            gettext_lazy("Optional: questionnaires returned online."),
            required=False,
            example="230",
        ),
        ZONE_NUMBER_COLUMN,
    ]

    def prepare(self, ctx):
        super().prepare(ctx)
        self.by_name = {m.name.lower(): m for m in self.municipalities.values()}
        self.responses = {}  # (survey, year) -> (counts, first row)
        self.info = {}  # series key -> (survey, unit) of a series the file creates

    def area(self, ctx, reader) -> tuple[int | None, str] | None:
        """(municipality id, area name) of the row: (None, "") for the zone; None when wrong."""
        text = reader.text("gebied", required=False, max_length=200)
        if not text or text.lower() == ctx.zone.name.lower():
            return None, ""
        if text.isdigit():
            municipality = self.municipality(ctx, reader, "gebied")
            return None if municipality is False else (municipality, "")
        known = self.by_name.get(text.lower())
        return (known.pk, "") if known else (None, text)

    def check_row(self, ctx, reader):
        year = reader.year()
        survey = reader.text("enquete", required=False, max_length=200)
        question = reader.text("vraag", max_length=300)
        answer = reader.text("antwoord", required=False, max_length=100)
        area = self.area(ctx, reader)
        unit = reader.text("eenheid", required=False, max_length=40) or "%"
        maximum = Decimal(100) if unit == "%" else None
        value = reader.number("waarde", maximum=maximum)
        comparison_area = reader.text("vergelijkingsgebied", required=False, max_length=200)
        comparison = reader.number("waarde_vergelijkingsgebied", required=False, maximum=maximum)
        if comparison is not None and not comparison_area:
            reader.problem("vergelijkingsgebied", _("Name the comparison area of this result."))
        counts = tuple(reader.whole(column, required=False) for column in RESPONSE_COLUMNS)
        responses = counts if any(n is not None for n in counts) else None
        if responses is not None:
            self.check_responses(reader, survey, year, responses)
        zone_column_check(ctx, reader)
        if reader.problems:
            return None
        municipality, area_name = area
        return SurveyRow(
            reader.row_number, question, answer, municipality, area_name, year, value, comparison_area,
            comparison, unit, survey, responses,
        )  # fmt: skip

    def check_responses(self, reader, survey, year, counts):
        if not survey:
            reader.problem("enquete", _("Name the survey whose response counts this row gives."))
            return
        sent, paper, online = counts
        returned = (paper or 0) + (online or 0)
        if sent is not None and returned > sent:
            reader.problem(
                "verstuurd", _("More questionnaires returned (%(returned)s) than sent.") % {"returned": returned}
            )
            return
        earlier = self.responses.setdefault((survey, year), (counts, reader.row_number))
        if earlier[0] != counts:
            reader.problem(
                "verstuurd",
                _("Row %(row)s gives other response counts for this survey and year.") % {"row": earlier[1]},
            )

    # -- Series and figures

    def series_key(self, series):
        return (series.question or series.name, series.answer, series.municipality_id, series.area)

    def figures(self, ctx, records) -> tuple[list[FigureRow], list[Problem]]:
        """The records' figures, one per series and year; a figure two rows give differently is a problem."""
        figures, seen, problems = {}, {}, []
        for record in records:
            for series_key, value in record.figures():
                self.info.setdefault(series_key, (record.survey, record.unit))
                key = (series_key, record.year)
                if key in figures and figures[key].value != value:
                    problems.append(
                        Problem(
                            record.row,
                            "waarde_vergelijkingsgebied",
                            _("Row %(row)s gives another figure for %(area)s in this year.")
                            % {"row": seen[key], "area": series_key[3] or _("this area")},
                        )
                    )
                    continue
                figures.setdefault(key, FigureRow(series_key, record.year, value, False))
                seen.setdefault(key, record.row)
        return list(figures.values()), problems

    def new_series(self, ctx, series_key, record):
        question, answer, municipality_id, area = series_key
        survey, unit = self.info.get(series_key, ("", "%"))
        name = question[:200]
        if answer:
            name = f"{name}: {answer}"
        if area:
            name = f"{name} ({area})"
        return StatSeries(
            zone=ctx.zone,
            municipality_id=municipality_id,
            kind=self.series_kind,
            name=name[:300],
            survey=survey,
            question=question,
            answer=answer,
            area=area,
            unit=unit,
            source=_("%(survey)s, imported from %(file)s") % {"survey": survey or _("Survey"), "file": ctx.source},
        )

    def stored_responses(self, ctx) -> dict:
        return {(r.survey, r.year): r for r in SurveyResponse.objects.filter(zone=ctx.zone)}

    def compare(self, ctx, records):
        figures, problems = self.figures(ctx, records)
        summary, creation = super().compare(ctx, figures)
        problems = [*problems, *creation]
        stored = self.stored_responses(ctx)
        counts = tally(
            self.responses.items(),
            lambda item: stored.get(item[0]),
            lambda row, item: tuple(getattr(row, f) for f in RESPONSE_FIELDS) == item[1][0],
        )
        for key in summary:
            summary[key] += counts[key]
        return summary, problems

    def write(self, ctx, records, progress):
        figures, _problems = self.figures(ctx, records)
        result = super().write(ctx, figures, progress)
        stored = self.stored_responses(ctx)
        new, changed = [], []
        for (survey, year), (counts, _row) in self.responses.items():
            row = stored.get((survey, year))
            if row is None:
                counted = dict(zip(RESPONSE_FIELDS, counts, strict=True))
                new.append(SurveyResponse(zone=ctx.zone, survey=survey, year=year, **counted))
            elif tuple(getattr(row, f) for f in RESPONSE_FIELDS) != counts:
                for field, count in zip(RESPONSE_FIELDS, counts, strict=True):
                    setattr(row, field, count)
                changed.append(row)
        history = {"default_user": ctx.history_user, "default_change_reason": ctx.reason}
        if new:
            bulk_create_with_history(new, SurveyResponse, **history)
        if changed:
            bulk_update_with_history(changed, SurveyResponse, list(RESPONSE_FIELDS), **history)
        result["new"] += len(new)
        result["changed"] += len(changed)
        result["unchanged"] += len(self.responses) - len(new) - len(changed)
        return result

    def export_rows(self, user, zone, plan=None):
        """One row per figure; a survey's response counts on its first row of each year."""
        responses = {(r.survey, r.year): r for r in SurveyResponse.objects.restrict(user, VIEW).filter(zone=zone)}
        for point in self.export_points(user, zone).order_by("series__survey", "series__question", "year"):
            series = point.series
            row = {
                "jaar": point.year,
                "enquete": series.survey,
                "vraag": series.question or series.name,
                "antwoord": series.answer,
                "gebied": series.area or (series.municipality.nis_code if series.municipality_id else ""),
                "waarde": point.value,
                "eenheid": series.unit,
                "politiezone": zone.number or "",
            }
            counts = responses.pop((series.survey, point.year), None)
            if counts is not None:
                row.update(zip(RESPONSE_COLUMNS, (getattr(counts, f) for f in RESPONSE_FIELDS), strict=True))
            yield row
