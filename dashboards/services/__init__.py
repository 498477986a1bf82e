"""The council dashboards' computations, one module per page:

* ``rollup``: the roll-up rule (``ROLLUP_RULE``) of indicators into a priority, and of priorities into a domain
  or the whole plan; the dashboard page, the API and the export all show it.
* ``indicators``: the indicators a user sees, their rows for a year, the years with data.
* ``plan``: the plan dashboard (``build_dashboard``), its priorities grouped by domain and theme.
* ``priority``: one priority's page (``build_priority``).
* ``statistics``: the zone's statistics next to a plan (``build_statistics``).
* ``comparison``: one measure across zones (``build_comparison``).

An **indicator's status** for a year comes only from ``stats/status.py``, and its yearly rows only from
``stats.rows.indicator_years``; staff totals from ``stats.models.staff_totals``; the actions' progress from
``actionplans.progress``. The dashboards import those; nothing outside the dashboards imports this package's
helpers.

Everything here reads through ``restrict(user, "view")`` (plans/access.py), and a number of queries that
does not depend on the number of priorities or indicators.
"""

from actionplans.progress import action_counts, percent

from .comparison import (
    Comparison,
    ComparisonRow,
    Measure,
    available_measures,
    build_comparison,
    comparable_zones,
)
from .indicators import IndicatorRow, default_year, indicator_row, visible_indicators, years_with_data
from .plan import Dashboard, DomainGroup, Filters, PriorityRow, ThemeGroup, build_dashboard, descendants
from .priority import ActionPlanRow, PriorityDashboard, build_priority
from .rollup import (
    AT_RISK_FROM,
    ON_TRACK_FROM,
    ROLLUP_RULE,
    SCORES,
    SEVERITY,
    Rollup,
    priority_status,
    rollup,
)
from .statistics import SeriesRow, Statistics, build_statistics

__all__ = [
    "AT_RISK_FROM",
    "ON_TRACK_FROM",
    "ROLLUP_RULE",
    "SCORES",
    "SEVERITY",
    "ActionPlanRow",
    "Comparison",
    "ComparisonRow",
    "Dashboard",
    "DomainGroup",
    "Filters",
    "IndicatorRow",
    "Measure",
    "PriorityDashboard",
    "PriorityRow",
    "Rollup",
    "SeriesRow",
    "Statistics",
    "ThemeGroup",
    "action_counts",
    "available_measures",
    "build_comparison",
    "build_dashboard",
    "build_priority",
    "build_statistics",
    "comparable_zones",
    "default_year",
    "descendants",
    "indicator_row",
    "percent",
    "priority_status",
    "rollup",
    "visible_indicators",
    "years_with_data",
]
