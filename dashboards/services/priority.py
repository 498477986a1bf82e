"""One priority as the council follows it: its action plans with their progress, its indicators' full series
and the comments."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q

from actionplans.models import ActionPlan
from actionplans.progress import action_plan_counts, percent
from comments.models import Comment
from core.access import VIEW, sees_zone_internals
from priorities.models import Priority, Theme
from priorities.services import theme_paths
from stats.status import IndicatorStatus

from .indicators import IndicatorRow, default_year, indicator_row, visible_indicators, years_with_data
from .rollup import priority_status


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
    progress = action_plan_counts(user, priority)
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
