"""The comparison across zones: one statistic or indicator side by side, for the zones a user may compare."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from core.access import VIEW, sees_zone_internals
from stats.models import Indicator, StatPoint, StatSeries
from stats.rows import indicator_years
from zones.models import PoliceZone

from .indicators import visible_indicators


def comparable_zones(user):
    """The zones a user may compare: every zone for a site administrator, else the zones of their roles."""
    return list(PoliceZone.objects.of(user).order_by("name"))


@dataclass
class Measure:
    key: str
    label: str
    group: str


def available_measures(user, zones) -> list[Measure]:
    """What can be put side by side: statistics by national crime category, accident type, victim severity or
    survey question (the zone's own result), and indicators by name, among what *user* may see in *zones*.
    A zone's own crime categories are not compared: another zone has no such category."""
    ids = [z.pk for z in zones]
    series = _comparable_series(user, ids)
    measures = {}
    # Distinct measures only, and at most ZVP_STATISTICS_MAX_SERIES of each kind: an import of a million survey
    # questions must not make a page that lists them all.
    limit = int(getattr(settings, "ZVP_STATISTICS_MAX_SERIES", 300))
    found = []
    for kind in StatSeries.Kind.values:
        found += list(
            series.filter(kind=kind)
            .values_list("kind", "crime_category__code", "crime_category__name", "accident_type", "severity", "name")
            .order_by("kind", "name")
            .distinct()[:limit]
        )
    for kind, code, cat_name, accident_type, severity, name in found:
        if kind == StatSeries.Kind.CRIME and code:
            measures[f"crime:{code}"] = Measure(f"crime:{code}", cat_name, str(_("Registered crime")))
        elif kind == StatSeries.Kind.ACCIDENTS and accident_type:
            label = StatSeries.AccidentType(accident_type).label
            key = f"accidents:{accident_type}"
            measures[key] = Measure(key, label, str(_("Traffic accidents")))
        elif kind == StatSeries.Kind.VICTIMS and severity:
            label = StatSeries.Severity(severity).label
            measures[f"victims:{severity}"] = Measure(f"victims:{severity}", label, str(_("Traffic victims")))
        elif kind == StatSeries.Kind.SURVEY:
            measures[f"survey:{name}"] = Measure(f"survey:{name}", name, str(_("Surveys")))
    names = Indicator.objects.restrict(user, VIEW).filter(plan__zone_id__in=ids).values_list("name", flat=True)
    for name in sorted(set(names)):
        measures[f"indicator:{name}"] = Measure(f"indicator:{name}", name, str(_("Indicators")))
    return list(measures.values())


def _comparable_series(user, zone_ids):
    """The zone-wide series of *zone_ids* that *user* sees, without the zones' own crime categories and
    without the survey figures of other areas."""
    return (
        StatSeries.objects.restrict(user, VIEW)
        .filter(zone_id__in=zone_ids, municipality__isnull=True, area="")
        .exclude(crime_category__zone__isnull=False)
    )


@dataclass
class ComparisonRow:
    zone: PoliceZone
    values: dict[int, Decimal]
    targets: dict[int, Decimal]
    source: str
    is_sample: bool
    year_cells: list = field(default_factory=list)  # (year, value, target) for the comparison's years

    def cells(self, years):
        return [(y, self.values.get(y), self.targets.get(y)) for y in years]


@dataclass
class Comparison:
    measure: Measure | None
    measures: list[Measure]
    zones: list[PoliceZone]
    years: list[int]
    rows: list[ComparisonRow]


def build_comparison(user, measure_key: str | None, zones=None) -> Comparison:
    """*measure_key* (see available_measures) for each zone *user* may compare, side by side per year."""
    zones = comparable_zones(user) if zones is None else zones
    measures = {m.key: m for m in available_measures(user, zones)}
    measure = measures.get(measure_key or "")
    if measure is None:
        return Comparison(None, list(measures.values()), zones, [], [])
    kind, _sep, ref = measure.key.partition(":")
    rows = []
    if kind == "indicator":
        indicators = visible_indicators(user, plan__zone_id__in=[z.pk for z in zones], name=ref).select_related(
            "plan", "plan__zone"
        )
        latest = {}
        for indicator in indicators:
            current = latest.get(indicator.plan.zone_id)
            if current is None or indicator.plan.period_start > current.plan.period_start:
                latest[indicator.plan.zone_id] = indicator
        for zone in zones:
            indicator = latest.get(zone.pk)
            if indicator is None:
                continue
            approved_only = not sees_zone_internals(user, zone.pk)
            cells = indicator_years(indicator, indicator.plan.years, approved_only=approved_only)
            rows.append(
                ComparisonRow(
                    zone,
                    {c.year: c.value for c in cells if c.value is not None},
                    {c.year: c.target for c in cells if c.target is not None},
                    str(indicator.plan.title),
                    indicator.is_sample,
                )
            )
    else:
        series = _comparable_series(user, [z.pk for z in zones])
        if kind == "crime":
            series = series.filter(kind=StatSeries.Kind.CRIME, crime_category__code=ref)
        elif kind == "accidents":
            series = series.filter(kind=StatSeries.Kind.ACCIDENTS, accident_type=ref)
        elif kind == "victims":
            series = series.filter(kind=StatSeries.Kind.VICTIMS, severity=ref)
        else:
            series = series.filter(kind=StatSeries.Kind.SURVEY, name=ref)
        series = series.prefetch_related(Prefetch("points", queryset=StatPoint.objects.restrict(user, VIEW)))
        by_zone = {s.zone_id: s for s in series}
        for zone in zones:
            s = by_zone.get(zone.pk)
            if s is not None:
                rows.append(ComparisonRow(zone, {p.year: p.value for p in s.points.all()}, {}, s.source, s.is_sample))
    years = sorted({y for r in rows for y in (*r.values, *r.targets)})
    for row in rows:
        row.year_cells = row.cells(years)
    return Comparison(measure, list(measures.values()), zones, years, rows)
