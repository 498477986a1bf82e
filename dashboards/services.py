"""The council dashboards' computations: a plan's priorities with their status for a year, the roll-ups per
domain and for the plan, the statistics and the comparison across zones.

Two rules, each written once:

* An **indicator's status** for a year comes only from ``stats/status.py`` (through ``Indicator.status_for``):
  up is good or down is good, an at-risk margin, "no data" without a target or a value.
* The **roll-up** of indicators into a priority, and of priorities into a domain or the whole plan, is
  ``ROLLUP_RULE`` below; ``priority_status`` and ``rollup`` implement it, and the dashboard page, the API
  and the export all show it.

Everything here reads through ``restrict(user, "view")`` (core/access.py), and a number of queries that
does not depend on the number of priorities or indicators.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Prefetch, Q, Sum
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from actionplans.models import Action, ActionPlan
from comments.models import Comment
from core.access import VIEW, sees_zone_internals
from plans.models import Plan
from priorities.models import Domain, Priority, Theme
from priorities.services import theme_paths
from stats.models import (
    FinancialLine,
    Indicator,
    IndicatorTarget,
    IndicatorValue,
    StaffLine,
    StaffTable,
    StatPoint,
    StatSeries,
    financial_totals,
)
from stats.status import IndicatorStatus
from zones.models import PoliceZone

# --- The roll-up rule -----------------------------------------------------------------------------------------------

#: From worst to best: a priority takes the worst status among its indicators that have data.
SEVERITY = (IndicatorStatus.OFF_TRACK, IndicatorStatus.AT_RISK, IndicatorStatus.ON_TRACK)
#: Points a priority scores in a domain's or the plan's roll-up.
SCORES = {
    IndicatorStatus.ON_TRACK: Decimal(1),
    IndicatorStatus.AT_RISK: Decimal("0.5"),
    IndicatorStatus.OFF_TRACK: Decimal(0),
}
#: A group is on track from this average score up, at risk from AT_RISK_FROM up, off track below.
ON_TRACK_FROM = Decimal("0.75")
AT_RISK_FROM = Decimal("0.5")

_format = lazy(lambda message, args: str(message) % args, str)

ROLLUP_RULE = [
    _(
        "Each indicator's status for the year compares its measured value with its target for that year, in "
        "the indicator's direction (up is good or down is good): on track when the target is met, at risk "
        "when it is missed by at most the indicator's margin (10 % of the target unless set otherwise), off "
        "track beyond that, and no data when the target or the value is missing."
    ),
    _(
        "A priority takes the worst status among its indicators that have data (off track before at risk "
        "before on track); it has no data when none of its indicators has both a target and a value."
    ),
    _format(
        _(
            "A domain and the whole plan score the priorities that have data: on track counts %(on)s point, "
            "at risk %(risk)s, off track %(off)s. An average of at least %(on_from)s %% is on track, of at "
            "least %(risk_from)s %% at risk, below that off track; priorities without data are counted "
            "apart and do not weigh in."
        ),
        {
            "on": 1,
            "risk": "0.5",
            "off": 0,
            "on_from": int(ON_TRACK_FROM * 100),
            "risk_from": int(AT_RISK_FROM * 100),
        },
    ),
    _(
        "The share of actions done counts the actions of the year's action plans that are done, out of all "
        "of them except the cancelled ones."
    ),
    _(
        "Anyone who is not a member of the zone sees only the values the council approved, and the statuses "
        "computed from them."
    ),
]


def priority_status(statuses) -> IndicatorStatus:
    """The worst status among *statuses* that have data; no data when none has (ROLLUP_RULE)."""
    judged = set(statuses) - {IndicatorStatus.NO_DATA}
    for status in SEVERITY:
        if status in judged:
            return status
    return IndicatorStatus.NO_DATA


def percent(part, whole) -> int | None:
    """*part* of *whole* as a whole percentage, rounded half up; None when *whole* is zero."""
    if not whole:
        return None
    return int((Decimal(part) * 100 / Decimal(whole)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


@dataclass
class Rollup:
    """The priorities of a domain or a plan summed up (ROLLUP_RULE)."""

    counts: dict[str, int]
    score: Decimal | None
    status: IndicatorStatus
    actions_done: int = 0
    actions_counted: int = 0

    @property
    def priorities(self) -> int:
        return sum(self.counts.values())

    @property
    def score_percent(self) -> int | None:
        return None if self.score is None else percent(self.score, 1)

    @property
    def actions_percent(self) -> int | None:
        return percent(self.actions_done, self.actions_counted)

    @property
    def status_rows(self) -> list[tuple[IndicatorStatus, int]]:
        return [(status, self.counts[status]) for status in IndicatorStatus]


def rollup(priorities) -> Rollup:
    """Sum up *priorities* (PriorityRow) by ROLLUP_RULE: counts per status, average score, status, actions."""
    counts = {status.value: 0 for status in IndicatorStatus}
    points = []
    done = counted = 0
    for row in priorities:
        counts[row.status] += 1
        if row.status != IndicatorStatus.NO_DATA:
            points.append(SCORES[row.status])
        done += row.actions_done
        counted += row.actions_counted
    if not points:
        return Rollup(counts, None, IndicatorStatus.NO_DATA, done, counted)
    score = sum(points, Decimal(0)) / len(points)
    if score >= ON_TRACK_FROM:
        status = IndicatorStatus.ON_TRACK
    elif score >= AT_RISK_FROM:
        status = IndicatorStatus.AT_RISK
    else:
        status = IndicatorStatus.OFF_TRACK
    return Rollup(counts, score.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP), status, done, counted)


# --- Rows -----------------------------------------------------------------------------------------------------------


@dataclass
class IndicatorYear:
    year: int
    target: Decimal | None
    value: Decimal | None
    approved: bool | None  # None without a value
    status: IndicatorStatus
    is_sample: bool = False


@dataclass
class IndicatorRow:
    indicator: Indicator
    years: list[IndicatorYear]
    year: int

    @property
    def current(self) -> IndicatorYear:
        return next(y for y in self.years if y.year == self.year)

    @property
    def status(self) -> IndicatorStatus:
        return self.current.status


def indicator_row(indicator: Indicator, years, year: int, approved_only: bool) -> IndicatorRow:
    """An indicator's target, value and status per year; needs targets and values prefetched (restricted)."""
    cells = []
    for y in years:
        row = next((v for v in indicator.values.all() if v.year == y and (v.is_approved or not approved_only)), None)
        cells.append(
            IndicatorYear(
                year=y,
                target=indicator.target_for(y),
                value=row.value if row else None,
                approved=row.is_approved if row else None,
                status=indicator.status_for(y, approved_only=approved_only),
                is_sample=bool(row and row.is_sample),
            )
        )
    return IndicatorRow(indicator, cells, year)


@dataclass
class PriorityRow:
    priority: Priority
    theme_path: str
    indicators: list[IndicatorRow]
    actions_done: int
    actions_counted: int
    status: IndicatorStatus = IndicatorStatus.NO_DATA

    @property
    def actions_percent(self) -> int | None:
        return percent(self.actions_done, self.actions_counted)


@dataclass
class ThemeGroup:
    theme: Theme | None
    label: str
    priorities: list[PriorityRow] = field(default_factory=list)


@dataclass
class DomainGroup:
    domain: Domain | None
    themes: list[ThemeGroup]
    rollup: Rollup

    @property
    def priorities(self) -> list[PriorityRow]:
        return [p for group in self.themes for p in group.priorities]


@dataclass
class Filters:
    domain: int | None = None
    theme: int | None = None
    kind: str | None = None
    status: str | None = None

    @property
    def active(self) -> bool:
        return any(v not in (None, "") for v in (self.domain, self.theme, self.kind, self.status))

    def as_query(self) -> dict:
        return {k: v for k, v in vars(self).items() if v not in (None, "")}


@dataclass
class Dashboard:
    plan: Plan
    year: int
    years: list[int]
    filters: Filters
    sees_internals: bool
    domains: list[Domain]
    themes: list[tuple[Theme, str]]
    groups: list[DomainGroup]
    rollup: Rollup
    years_with_data: list[int]
    # Indicators of the whole plan, tied to no priority (shown when no filter narrows the priorities).
    plan_indicators: list = field(default_factory=list)

    @property
    def priorities(self) -> list[PriorityRow]:
        return [p for group in self.groups for p in group.priorities]

    @property
    def is_sample(self) -> bool:
        """True when some indicator shown is sample data (the page then says so)."""
        rows = [r for p in self.priorities for r in p.indicators] + self.plan_indicators
        return any(r.indicator.is_sample for r in rows)


# --- Years ----------------------------------------------------------------------------------------------------------


def years_with_data(plan: Plan, user) -> list[int]:
    """The years of *plan*'s period in which some indicator has a measured value *user* may see."""
    approved_only = not sees_zone_internals(user, plan.zone_id)
    values = IndicatorValue.objects.restrict(user, VIEW).filter(indicator__plan=plan)
    if approved_only:
        values = values.filter(approved_at__isnull=False)
    found = set(values.values_list("year", flat=True).distinct())
    return sorted(y for y in plan.years if y in found)


def default_year(plan: Plan, with_data: list[int], today: datetime.date | None = None) -> int:
    """The latest year with data up to this year; else this year, brought inside the plan's period."""
    this_year = (today or datetime.date.today()).year
    candidates = [y for y in with_data if y <= this_year]
    if candidates:
        return max(candidates)
    return min(max(this_year, plan.period_start), plan.period_end)


# --- The zone dashboard ---------------------------------------------------------------------------------------------


def descendants(theme_id: int, themes) -> set[int]:
    children = defaultdict(list)
    for theme in themes:
        children[theme.parent_id].append(theme.pk)
    found, todo = set(), [theme_id]
    while todo:
        current = todo.pop()
        if current in found:
            continue
        found.add(current)
        todo += children.get(current, [])
    return found


def action_counts(user, plan: Plan, year: int) -> dict[int, tuple[int, int]]:
    """Per priority id: (actions done, actions counted) of its action plan for *year*; cancelled ones do not
    count. One query."""
    rows = (
        Action.objects.restrict(user, VIEW)
        .filter(objective__action_plan__priority__plan=plan, objective__action_plan__year=year)
        .exclude(status=Action.Status.CANCELLED)
        .values("objective__action_plan__priority_id")
        .annotate(done=Count("id", filter=Q(status=Action.Status.DONE)), counted=Count("id"))
        .order_by()
    )
    return {r["objective__action_plan__priority_id"]: (r["done"], r["counted"]) for r in rows}


def visible_indicators(user, **lookup):
    """Indicators *user* may see, with the targets and values *user* may see prefetched."""
    return (
        Indicator.objects.restrict(user, VIEW)
        .filter(**lookup)
        .prefetch_related(
            Prefetch("targets", queryset=IndicatorTarget.objects.restrict(user, VIEW)),
            Prefetch("values", queryset=IndicatorValue.objects.restrict(user, VIEW)),
        )
        .order_by("priority__number", "order", "id")
    )


def _domain_key(priority, known_domains):
    return priority.domain_id if priority.domain_id in known_domains else None


def build_dashboard(plan: Plan, user, year: int | None = None, filters: Filters | None = None) -> Dashboard:
    """The zone dashboard of *plan* for *year* (default: ``default_year``), as *user* may see it."""
    filters = filters or Filters()
    with_data = years_with_data(plan, user)
    year = year or default_year(plan, with_data)
    years = list(plan.years)
    approved_only = not sees_zone_internals(user, plan.zone_id)

    domains = list(Domain.objects.restrict(user, VIEW).filter(plan=plan).order_by("order", "id"))
    all_themes = list(Theme.objects.restrict(user, VIEW).filter(plan=plan))
    themes = theme_paths(all_themes)
    label_of = {theme.pk: label for theme, label in themes}

    priorities = Priority.objects.restrict(user, VIEW).filter(plan=plan).order_by("number", "id")
    if filters.domain:
        priorities = priorities.filter(domain_id=filters.domain)
    if filters.theme:
        priorities = priorities.filter(theme_id__in=descendants(filters.theme, all_themes))
    if filters.kind:
        priorities = priorities.filter(kind=filters.kind)

    indicators = defaultdict(list)
    plan_indicators = []
    for indicator in visible_indicators(user, plan=plan):
        row = indicator_row(indicator, years, year, approved_only)
        if indicator.priority_id is None:
            plan_indicators.append(row)
        else:
            indicators[indicator.priority_id].append(row)
    actions = action_counts(user, plan, year)

    rows = []
    for priority in priorities:
        done, counted = actions.get(priority.pk, (0, 0))
        row = PriorityRow(priority, label_of.get(priority.theme_id, ""), indicators.get(priority.pk, []), done, counted)
        row.status = priority_status(r.status for r in row.indicators)
        if filters.status and row.status != filters.status:
            continue
        rows.append(row)

    theme_rank = {theme.pk: i for i, (theme, _label) in enumerate(themes)}
    theme_of = {theme.pk: theme for theme, _label in themes}
    known_domains = {d.pk for d in domains}
    groups = []
    for domain in [*domains, None]:
        key = domain.pk if domain else None
        in_domain = [r for r in rows if _domain_key(r.priority, known_domains) == key]
        if not in_domain:
            continue
        by_theme: dict[int | None, ThemeGroup] = {}
        for row in in_domain:
            theme_id = row.priority.theme_id if row.priority.theme_id in theme_of else None
            if theme_id not in by_theme:
                by_theme[theme_id] = ThemeGroup(theme_of.get(theme_id), label_of.get(theme_id, ""))
            by_theme[theme_id].priorities.append(row)
        ordered = sorted(by_theme.values(), key=lambda g: theme_rank[g.theme.pk] if g.theme else len(theme_rank))
        groups.append(DomainGroup(domain, ordered, rollup(in_domain)))

    return Dashboard(
        plan=plan,
        year=year,
        years=years,
        filters=filters,
        sees_internals=not approved_only,
        domains=domains,
        themes=themes,
        groups=groups,
        rollup=rollup(rows),
        years_with_data=with_data,
        plan_indicators=[] if filters.active else plan_indicators,
    )


# --- One priority ---------------------------------------------------------------------------------------------------


@dataclass
class ActionPlanRow:
    action_plan: ActionPlan
    done: int
    counted: int

    @property
    def percent(self) -> int | None:
        return percent(self.done, self.counted)


@dataclass
class PriorityDashboard:
    priority: Priority
    theme_path: str
    years: list[int]
    year: int
    sees_internals: bool
    action_plans: list[ActionPlanRow]
    indicators: list[IndicatorRow]
    comments: list[Comment]
    status: IndicatorStatus


def build_priority(priority: Priority, user, year: int | None = None) -> PriorityDashboard:
    """One priority as the council follows it: action plans with progress, indicators' full series,
    comments."""
    plan = priority.plan
    approved_only = not sees_zone_internals(user, plan.zone_id)
    year = year or default_year(plan, years_with_data(plan, user))
    years = list(plan.years)
    action_plans = ActionPlan.objects.restrict(user, VIEW).filter(priority=priority).order_by("year")
    counts = (
        Action.objects.restrict(user, VIEW)
        .filter(objective__action_plan__priority=priority)
        .exclude(status=Action.Status.CANCELLED)
        .values("objective__action_plan_id")
        .annotate(done=Count("id", filter=Q(status=Action.Status.DONE)), counted=Count("id"))
        .order_by()
    )
    progress = {r["objective__action_plan_id"]: (r["done"], r["counted"]) for r in counts}
    indicators = [indicator_row(i, years, year, approved_only) for i in visible_indicators(user, priority=priority)]
    themes = theme_paths(list(Theme.objects.restrict(user, VIEW).filter(plan=plan)))
    comments = (
        Comment.objects.restrict(user, VIEW)
        .filter(Q(priority=priority) | Q(indicator__priority=priority))
        .select_related("author", "resolved_by", "indicator")
    )
    return PriorityDashboard(
        priority=priority,
        theme_path=next((label for t, label in themes if t.pk == priority.theme_id), ""),
        years=years,
        year=year,
        sees_internals=not approved_only,
        action_plans=[ActionPlanRow(ap, *progress.get(ap.pk, (0, 0))) for ap in action_plans],
        indicators=indicators,
        comments=list(comments),
        status=priority_status(r.status for r in indicators),
    )


# --- Statistics -----------------------------------------------------------------------------------------------------


@dataclass
class SeriesRow:
    series: StatSeries
    label: str
    values: dict[int, Decimal]
    comparison: dict[int, Decimal]
    provisional: set[int]
    summable: bool
    year_cells: list = field(default_factory=list)  # (year, value, comparison, provisional) for a page's years

    def cells(self, years):
        return [(y, self.values.get(y), self.comparison.get(y), y in self.provisional) for y in years]


@dataclass
class Statistics:
    plan: Plan
    crime_years: list[int]
    crime: list[SeriesRow]
    crime_total: dict[int, Decimal]
    accident_years: list[int]
    accidents: list[SeriesRow]
    surveys: list[tuple[SeriesRow, list[int]]]
    staff_table: StaffTable | None
    staff_lines: list[StaffLine]
    staff_totals: dict
    finance_years: list[int]
    finance: dict[int, dict]
    finance_categories: list[tuple[str, str, dict[int, Decimal]]]

    @property
    def is_sample(self) -> bool:
        rows = [*self.crime, *self.accidents, *(s for s, _y in self.surveys)]
        return any(r.series.is_sample for r in rows) or bool(self.staff_table and self.staff_table.is_sample)

    def crime_total_cells(self):
        return [(y, self.crime_total.get(y)) for y in self.crime_years]


SEVERITY_ORDER = [s.value for s in StatSeries.Severity]


def _series_rows(user, zone_id):
    series = (
        StatSeries.objects.restrict(user, VIEW)
        .filter(zone_id=zone_id)
        .select_related("crime_category", "municipality")
        .prefetch_related(Prefetch("points", queryset=StatPoint.objects.restrict(user, VIEW).order_by("year")))
    )
    rows = []
    for s in series:
        points = list(s.points.all())
        label = s.crime_category.name if s.kind == StatSeries.Kind.CRIME and s.crime_category else s.name
        if s.kind == StatSeries.Kind.ACCIDENTS:
            label = s.get_severity_display()
        if s.municipality_id:
            label = f"{label} ({s.municipality.name})"
        summable = bool(s.kind == StatSeries.Kind.CRIME and s.crime_category and s.crime_category.summable)
        rows.append(
            SeriesRow(
                series=s,
                label=label,
                values={p.year: p.value for p in points},
                comparison={p.year: p.comparison_value for p in points if p.comparison_value is not None},
                provisional={p.year for p in points if p.is_provisional},
                summable=summable and not s.municipality_id,
            )
        )
    return rows


def build_statistics(plan: Plan, user) -> Statistics:
    """The zone's statistics next to *plan*: crime, accidents, surveys, staff and the financial plan."""
    rows = _series_rows(user, plan.zone_id)
    crime = [r for r in rows if r.series.kind == StatSeries.Kind.CRIME]
    crime.sort(key=lambda r: (r.series.crime_category.order if r.series.crime_category else 0, r.label))
    accidents = [r for r in rows if r.series.kind == StatSeries.Kind.ACCIDENTS]
    accidents.sort(key=lambda r: SEVERITY_ORDER.index(r.series.severity) if r.series.severity in SEVERITY_ORDER else 9)
    surveys = [(r, sorted(r.values)) for r in rows if r.series.kind == StatSeries.Kind.SURVEY]
    crime_years = sorted({y for r in crime for y in r.values})
    accident_years = sorted({y for r in accidents for y in r.values})
    for r in crime:
        r.year_cells = r.cells(crime_years)
    for r in accidents:
        r.year_cells = r.cells(accident_years)
    for r, years in surveys:
        r.year_cells = r.cells(years)
    # Overlapping categories (a parent and its children) are never added up: only the summable ones are.
    crime_total = {}
    for y in crime_years:
        present = [r.values[y] for r in crime if r.summable and y in r.values]
        if present:
            crime_total[y] = sum(present, Decimal(0))

    tables = StaffTable.objects.restrict(user, VIEW).filter(plan=plan).order_by("-reference_date", "-id")
    table = tables.first()
    lines = list(StaffLine.objects.restrict(user, VIEW).filter(table=table)) if table else []
    staff_totals = _staff_totals(lines)

    lines_qs = FinancialLine.objects.restrict(user, VIEW).filter(plan=plan)
    finance = financial_totals(plan, lines=lines_qs)
    by_category = defaultdict(dict)
    for row in lines_qs.values("year", "category").annotate(amount=Sum("amount")).order_by():
        by_category[row["category"]][row["year"]] = row["amount"]
    categories = [(c.value, c.label, by_category[c.value]) for c in FinancialLine.Category if c.value in by_category]
    return Statistics(
        plan=plan,
        crime_years=crime_years,
        crime=crime,
        crime_total=crime_total,
        accident_years=accident_years,
        accidents=accidents,
        surveys=surveys,
        staff_table=table,
        staff_lines=lines,
        staff_totals=staff_totals,
        finance_years=sorted(finance),
        finance=finance,
        finance_categories=categories,
    )


def _staff_totals(lines) -> dict:
    """Per category and overall: actual headcount, FTE, authorised strength; None where no line has one
    (the same rule as StaffTable.totals, over the lines the user may see)."""
    fields = ("actual", "fte", "authorised")
    result = {}
    for key in [c.value for c in StaffLine.Category] + ["total"]:
        chosen = [ln for ln in lines if key == "total" or ln.category == key]
        result[key] = {}
        for f in fields:
            present = [getattr(ln, f) for ln in chosen if getattr(ln, f) is not None]
            result[key][f] = sum(present) if present else None
    return result


# --- Comparison across zones ----------------------------------------------------------------------------------------


def comparable_zones(user):
    """The zones a user may compare: every zone for a site administrator, else the zones of their roles."""
    return list(PoliceZone.objects.of(user).order_by("name"))


@dataclass
class Measure:
    key: str
    label: str
    group: str


def available_measures(user, zones) -> list[Measure]:
    """What can be put side by side: statistics by crime category, accident severity or survey question, and
    indicators by name, among what *user* may see in *zones*."""
    ids = [z.pk for z in zones]
    series = StatSeries.objects.restrict(user, VIEW).filter(zone_id__in=ids, municipality__isnull=True)
    measures = {}
    for kind, code, cat_name, severity, name in series.values_list(
        "kind", "crime_category__code", "crime_category__name", "severity", "name"
    ).order_by("kind", "name"):
        if kind == StatSeries.Kind.CRIME and code:
            measures[f"crime:{code}"] = Measure(f"crime:{code}", cat_name, str(_("Registered crime")))
        elif kind == StatSeries.Kind.ACCIDENTS and severity:
            label = StatSeries.Severity(severity).label
            measures[f"accidents:{severity}"] = Measure(f"accidents:{severity}", label, str(_("Traffic accidents")))
        elif kind == StatSeries.Kind.SURVEY:
            measures[f"survey:{name}"] = Measure(f"survey:{name}", name, str(_("Surveys")))
    names = Indicator.objects.restrict(user, VIEW).filter(plan__zone_id__in=ids).values_list("name", flat=True)
    for name in sorted(set(names)):
        measures[f"indicator:{name}"] = Measure(f"indicator:{name}", name, str(_("Indicators")))
    return list(measures.values())


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
            cells = indicator_row(indicator, list(indicator.plan.years), indicator.plan.period_start, approved_only)
            rows.append(
                ComparisonRow(
                    zone,
                    {c.year: c.value for c in cells.years if c.value is not None},
                    {c.year: c.target for c in cells.years if c.target is not None},
                    str(indicator.plan.title),
                    indicator.is_sample,
                )
            )
    else:
        series = StatSeries.objects.restrict(user, VIEW).filter(
            zone_id__in=[z.pk for z in zones], municipality__isnull=True
        )
        if kind == "crime":
            series = series.filter(kind=StatSeries.Kind.CRIME, crime_category__code=ref)
        elif kind == "accidents":
            series = series.filter(kind=StatSeries.Kind.ACCIDENTS, severity=ref)
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
