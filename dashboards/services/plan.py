"""The plan dashboard: a plan's priorities with their status for a year, grouped by domain and theme, with the
roll-ups per domain and for the plan (``rollup.py``)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from actionplans.progress import action_counts, percent
from core.access import VIEW, sees_zone_internals
from plans.models import Plan
from priorities.models import Domain, Priority, Theme
from priorities.services import theme_paths
from stats.status import IndicatorStatus

from .indicators import IndicatorRow, default_year, indicator_row, visible_indicators, years_with_data
from .rollup import Rollup, priority_status, rollup


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
