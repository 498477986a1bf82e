"""Registered crime per year, category and municipality (or the whole zone)."""

from __future__ import annotations

import difflib

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from stats.models import CrimeCategory, StatSeries

from ..models import ImportKind
from .base import (
    PROVISIONAL_COLUMN,
    ZONE_NUMBER_COLUMN,
    Column,
    by_code_or_name,
    municipality_column,
    year_column,
)
from .series import CountSpec


class CrimeSpec(CountSpec):
    kind = ImportKind.CRIME
    key_columns = ("nis_code", "categorie", "jaar")
    series_kind = StatSeries.Kind.CRIME
    description = gettext_lazy(
        "Registered crime as the federal police publish it: one row per year, category and municipality "
        "(or the whole zone when nis_code is empty). Categories are the federal police's crime categories and "
        "the zone's own, by code or by name; hoofdcategorie, when given, must be the category's parent."
    )
    columns = [
        year_column(),
        municipality_column(example="44021"),
        Column("categorie", gettext_lazy("Code or name of the crime category."), example="woninginbraak"),
        Column(
            "hoofdcategorie",
            gettext_lazy("Optional: the parent category, checked against the hierarchy."),
            required=False,
            example="diefstal",
        ),
        Column("aantal", gettext_lazy("The number of registered facts: a whole number, 0 or more."), example="1875"),
        PROVISIONAL_COLUMN,
        ZONE_NUMBER_COLUMN,
        Column(
            "optelbaar",
            gettext_lazy("Ignored: written by earlier exports."),
            required=False,
            example="ja",
        ),
    ]

    def prepare(self, ctx):
        super().prepare(ctx)
        usable = list(CrimeCategory.objects.usable_in(ctx.zone.pk).select_related("parent"))
        self.categories = by_code_or_name(usable)
        self.categories_by_pk = {c.pk: c for c in usable}
        self._suggestions = {}

    def unknown(self, reader, column, word):
        """The row's category is unknown: say so, with the closest categories by name and code."""
        key = word.lower()
        if key not in self._suggestions:
            self._suggestions[key] = closest_categories(word, self.categories_by_pk.values())
        close = self._suggestions[key]
        if close:
            message = _("Unknown crime category. Did you mean: %(close)s?") % {"close": "; ".join(close)}
        else:
            message = _("Unknown crime category. The categories are listed at /api/v1/crime-categories/.")
        reader.problem(column, message)

    def read_what(self, ctx, reader):
        """The category's key; its parent, when the row names one, must be the category's parent."""
        category = None
        name = reader.text("categorie")
        if name:
            category = self.categories.get(name.lower())
            if category is None:
                self.unknown(reader, "categorie", name)
        parent = reader.text("hoofdcategorie", required=False)
        if category is not None and parent:
            known = self.categories.get(parent.lower())
            if known is None:
                self.unknown(reader, "hoofdcategorie", parent)
            elif category.parent_id != known.pk:
                expected = category.parent.name if category.parent_id else _("none (a main category)")
                reader.problem(
                    "hoofdcategorie",
                    _("%(category)s falls under %(expected)s.") % {"category": category.name, "expected": expected},
                )
        return category.pk if category is not None else None

    def series_key(self, series):
        return (series.municipality_id, series.crime_category_id)

    def new_series(self, ctx, series_key, record):
        category = self.categories_by_pk[series_key[1]]
        return self.series_of(
            ctx,
            series_key,
            name=category.name,
            crime_category=category,
            unit="feiten",
            source=_("Federal police crime statistics, imported from %(file)s") % {"file": ctx.source},
        )

    def export_rows(self, user, zone, plan=None):
        for point in self.export_points(user, zone):
            category = point.series.crime_category
            yield self.export_row(
                point,
                zone,
                categorie=category.code,
                hoofdcategorie=category.parent.code if category.parent_id else "",
            )


def closest_categories(word: str, categories, limit: int = 3) -> list[str]:
    """The categories whose name or code is closest to *word* (difflib), as "Name (code)", best first."""
    word = word.strip().lower()
    scored = {}
    for category in categories:
        for candidate in (category.name.lower(), category.code.lower()):
            score = difflib.SequenceMatcher(None, word, candidate).ratio()
            if candidate.startswith(word) or word in candidate:
                score = max(score, 0.75)
            if score >= 0.6 and score > scored.get(category.pk, (0, None))[0]:
                scored[category.pk] = (score, category)
    best = sorted(scored.values(), key=lambda pair: (-pair[0], pair[1].name))[:limit]
    return [f"{category.name} ({category.code})" for _score, category in best]
