"""A zone's statistical series as tables, as every screen shows them: the dashboard's statistics page, its API
and the PDF documents.

* Each table shows the years that have figures (never empty columns up to a plan's end), and knows whether one
  of its figures is provisional (only then does a screen print the footnote).
* Registered crime is never added up across categories: categories overlap (a category includes its
  sub-categories). The one total computed is a *partition total*: where a category says that its national
  sub-categories partition it (``children_partition``), their sum, in the years where every one of them has a
  figure, beside the category's own figure when the zone has one (a difference is flagged).
* Traffic accidents by type and their victims by severity are two tables: two measures.
* Survey results: one table per survey question, one row per area (the zone, a municipality, a named area)
  and answer category, with the survey's response counts.

The builders read ``series.points.all()`` only: with the points prefetched (restricted to what the reader may
see) they run no query beyond the one for the partitioned categories.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from .models import CrimeCategory, StatSeries, SurveyResponse

ACCIDENT_ORDER = [t.value for t in StatSeries.AccidentType]
SEVERITY_ORDER = [s.value for s in StatSeries.Severity]


@dataclass
class SeriesRow:
    """One series with its yearly figures."""

    series: StatSeries
    label: str
    values: dict[int, Decimal]
    provisional: set[int]
    depth: int = 0  # a sub-category's level in the hierarchy
    year_cells: list = field(default_factory=list)  # (year, value, provisional) for the table's years

    def cells(self, years):
        return [(y, self.values.get(y), y in self.provisional) for y in years]

    @property
    def is_sample(self) -> bool:
        return self.series.is_sample


@dataclass
class PartitionTotal:
    """The sum of a category's national sub-categories, where they partition it; never any other sum."""

    category: CrimeCategory
    label: str
    municipality_id: int | None
    values: dict[int, Decimal]
    provisional: set[int]
    registered: dict[int, Decimal]  # the category's own figures, where the zone has them
    year_cells: list = field(default_factory=list)  # (year, value, provisional, disagrees)

    def cells(self, years):
        return [(y, self.values.get(y), y in self.provisional, self.disagrees(y)) for y in years]

    def disagrees(self, year) -> bool:
        """The category's own figure differs from the sum of its sub-categories."""
        return year in self.values and year in self.registered and self.values[year] != self.registered[year]

    @property
    def any_disagrees(self) -> bool:
        return any(self.disagrees(y) for y in self.values)


@dataclass
class SeriesTable:
    kind: str
    title: str
    rows: list[SeriesRow]
    years: list[int] = field(default_factory=list)
    totals: list[PartitionTotal] = field(default_factory=list)
    # Survey tables: the survey, its question and unit, and its response counts per year.
    survey: str = ""
    question: str = ""
    unit: str = ""
    responses: list[SurveyResponse] = field(default_factory=list)

    @property
    def has_provisional(self) -> bool:
        return any(r.provisional & set(self.years) for r in self.rows) or any(
            t.provisional & set(self.years) for t in self.totals
        )

    @property
    def is_sample(self) -> bool:
        return any(r.is_sample for r in self.rows)


def series_rows(series: Iterable[StatSeries], years: Iterable[int] | None = None) -> list[SeriesRow]:
    """A row per series with figures (within *years* when given); needs ``points`` prefetched."""
    wanted = set(years) if years is not None else None
    rows = []
    for one in series:
        points = [p for p in one.points.all() if wanted is None or p.year in wanted]
        if not points:
            continue
        rows.append(
            SeriesRow(
                series=one,
                label=_label(one),
                values={p.year: p.value for p in points},
                provisional={p.year for p in points if p.is_provisional},
            )
        )
    return rows


def _label(series: StatSeries) -> str:
    if series.kind == StatSeries.Kind.SURVEY:
        return f"{series.area_name}: {series.answer}" if series.answer else series.area_name
    # Accidents and victims by their type or severity; crime and other series by the name they were given.
    label = series.what_label if series.kind in (StatSeries.Kind.ACCIDENTS, StatSeries.Kind.VICTIMS) else series.name
    if series.municipality_id:
        label = f"{label} ({series.municipality.name})"
    return label


def _with_years(table: SeriesTable) -> SeriesTable:
    table.years = sorted({y for r in table.rows for y in r.values} | {y for t in table.totals for y in t.values})
    for row in table.rows:
        row.year_cells = row.cells(table.years)
    for total in table.totals:
        total.year_cells = total.cells(table.years)
    return table


# --- Registered crime -------------------------------------------------------------------------------------------------


def _depth(category: CrimeCategory, by_pk: dict, shown: set[int]) -> int:
    """How many of the category's ancestors the table shows (a main category without figures adds no level)."""
    depth, node, steps = 0, category, 0
    while node.parent_id and steps < 10:
        node = by_pk.get(node.parent_id)
        if node is None:
            break
        depth += node.pk in shown
        steps += 1
    return depth


def crime_table(rows: list[SeriesRow], title: str) -> SeriesTable:
    """The crime rows in the hierarchy's order (a sub-category under its parent), with the partition totals."""
    crime = [r for r in rows if r.series.kind == StatSeries.Kind.CRIME and r.series.crime_category_id]
    categories = {c.pk: c for c in CrimeCategory.objects.filter(pk__in=_ancestor_ids(crime))}
    shown = {r.series.crime_category_id for r in crime}
    for row in crime:
        row.depth = _depth(row.series.crime_category, categories, shown)

    def path(row):
        node, keys = row.series.crime_category, []
        while node is not None:
            keys.append((node.order, node.name))
            node = categories.get(node.parent_id)
        return (row.series.municipality.name if row.series.municipality_id else "", list(reversed(keys)))

    crime.sort(key=path)
    return _with_years(SeriesTable(StatSeries.Kind.CRIME, title, crime, totals=partition_totals(crime)))


def _ancestor_ids(rows) -> set[int]:
    """The categories of *rows* and their ancestors (a few queries: one per level of the hierarchy)."""
    ids = {r.series.crime_category_id for r in rows}
    frontier = {r.series.crime_category.parent_id for r in rows} - ids - {None}
    while frontier:
        ids |= frontier
        parents = set(CrimeCategory.objects.filter(pk__in=frontier).values_list("parent_id", flat=True))
        frontier = parents - ids - {None}
    return ids


def partition_totals(rows: list[SeriesRow]) -> list[PartitionTotal]:
    """For each category whose national sub-categories partition it, and each place (the zone, a municipality)
    where the zone has figures of some of them: their sum in the years where all of them have a figure."""
    by_place: dict[tuple, SeriesRow] = {(r.series.municipality_id, r.series.crime_category_id): r for r in rows}
    places = {r.series.municipality_id for r in rows}
    parents = CrimeCategory.objects.filter(children_partition=True, zone__isnull=True).prefetch_related("children")
    totals = []
    for parent in parents:
        children = [c for c in parent.children.all() if c.zone_id is None]
        if not children:
            continue
        for place in sorted(places, key=lambda p: (p is not None, p or 0)):
            found = [by_place.get((place, c.pk)) for c in children]
            if not any(found):
                continue
            values, provisional = {}, set()
            if all(found):
                for year in set.intersection(*(set(r.values) for r in found)):
                    values[year] = sum((r.values[year] for r in found), Decimal(0))
                    if any(year in r.provisional for r in found):
                        provisional.add(year)
            own = by_place.get((place, parent.pk))
            municipality = next((r.series.municipality for r in found if r), None) if place else None
            label = parent.name if municipality is None else f"{parent.name} ({municipality.name})"
            totals.append(PartitionTotal(parent, label, place, values, provisional, own.values if own else {}))
    return [t for t in totals if t.values]


# --- Traffic, surveys ------------------------------------------------------------------------------------------------


def traffic_tables(rows: list[SeriesRow], accidents_title: str, victims_title: str) -> tuple[SeriesTable, SeriesTable]:
    """Accidents by type, and victims by severity: two tables."""

    def order(row, axis, value):
        return (
            row.series.municipality.name if row.series.municipality_id else "",
            axis.index(value) if value in axis else 9,
        )

    accidents = [r for r in rows if r.series.kind == StatSeries.Kind.ACCIDENTS]
    accidents.sort(key=lambda r: order(r, ACCIDENT_ORDER, r.series.accident_type))
    victims = [r for r in rows if r.series.kind == StatSeries.Kind.VICTIMS]
    victims.sort(key=lambda r: order(r, SEVERITY_ORDER, r.series.severity))
    return (
        _with_years(SeriesTable(StatSeries.Kind.ACCIDENTS, accidents_title, accidents)),
        _with_years(SeriesTable(StatSeries.Kind.VICTIMS, victims_title, victims)),
    )


def survey_tables(rows: list[SeriesRow], responses: Iterable[SurveyResponse]) -> list[SeriesTable]:
    """One table per survey question: a row per area (the zone first, its municipalities, then named areas) and
    answer category, with the survey's response counts of the table's years."""
    groups: dict[tuple, list[SeriesRow]] = {}
    for row in rows:
        if row.series.kind == StatSeries.Kind.SURVEY:
            series = row.series
            groups.setdefault((series.survey, series.question or series.name), []).append(row)
    by_survey: dict[str, list[SurveyResponse]] = {}
    for response in responses:
        by_survey.setdefault(response.survey, []).append(response)
    tables = []
    for (survey, question), members in groups.items():
        # The answers in the order they were entered (veel, neutraal, weinig), not alphabetically.
        answers = list(dict.fromkeys(r.series.answer for r in sorted(members, key=lambda r: r.series.pk)))
        members.sort(key=lambda row, answers=answers: _survey_place(row.series, answers))
        table = _with_years(
            SeriesTable(
                StatSeries.Kind.SURVEY, question, members, survey=survey, question=question,
                unit=members[0].series.unit,
            )
        )  # fmt: skip
        table.responses = sorted((r for r in by_survey.get(survey, []) if r.year in table.years), key=lambda r: r.year)
        tables.append(table)
    return tables


def _survey_place(series: StatSeries, answers: list[str]):
    """The zone first, then its municipalities, then named areas; within an area the answers in file order."""
    rank = 2 if series.area else 1 if series.municipality_id else 0
    return (rank, series.area_name, answers.index(series.answer))


def other_table(rows: list[SeriesRow], title: str) -> SeriesTable:
    others = [r for r in rows if r.series.kind == StatSeries.Kind.OTHER]
    return _with_years(SeriesTable(StatSeries.Kind.OTHER, title, others))
