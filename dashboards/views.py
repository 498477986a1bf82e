"""The council dashboards' pages: a plan's dashboard for a year, one priority, the statistics, the comparison
across zones, and the exports.

The pages are for signed-in users (anonymous visitors are sent to the login page; citizens read the public
portal, and the API serves them the public numbers). Every row comes through ``restrict(user, "view")``: a
plan one may not see is a 404. The numbers are in tables, so the pages work without JavaScript; the charts
are drawn in the browser from the same numbers served by /api/v1/dashboard/.
"""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.db.models import Prefetch
from django.http import Http404
from django.urls import reverse
from django.views import View
from django.views.generic import TemplateView

from core.access import VIEW, get_for_user, may_comment, may_compare_zones
from plans.models import Plan
from priorities.models import Priority
from stats.status import IndicatorStatus
from zones.models import PoliceZone

from . import export
from .forms import DashboardFilterForm
from .services import ROLLUP_RULE, build_comparison, build_dashboard, build_priority, build_statistics


def visible_plan(user, pk) -> Plan:
    return get_for_user(Plan.objects.select_related("zone"), user, pk=pk).obj


class DashboardIndexView(LoginRequiredMixin, TemplateView):
    """The plans of the zones a user works for (every zone for a site administrator)."""

    template_name = "dashboards/index.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        zones = PoliceZone.objects.of(user)
        plans = Plan.objects.restrict(user, VIEW).order_by("-period_start", "kind")
        return super().get_context_data(**kwargs) | {
            "zones": zones.prefetch_related(Prefetch("plans", queryset=plans)),
            "can_compare": may_compare_zones(user),
        }


class PlanDashboardView(LoginRequiredMixin, TemplateView):
    """A plan's dashboard for one year: priorities by domain and theme, statuses, actions, indicators."""

    template_name = "dashboards/plan_dashboard.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        plan = visible_plan(user, kwargs["pk"])
        form = DashboardFilterForm(self.request.GET, plan)
        year, filters = form.year_and_filters()
        dashboard = build_dashboard(plan, user, year, filters)
        query = {"year": dashboard.year, **filters.as_query()}
        return super().get_context_data(**kwargs) | {
            "plan": plan,
            "zone": plan.zone,
            "dashboard": dashboard,
            "form": form,
            "rule": ROLLUP_RULE,
            "statuses": IndicatorStatus.choices,
            "kinds": Priority.Kind.choices,
            "query": query,
            "api_url": _with_query(reverse("api:dashboard-plan-detail", args=[plan.pk]), query),
            "csv_url": _with_query(reverse("dashboards:plan-export", args=[plan.pk, "csv"]), query),
            "xlsx_url": _with_query(reverse("dashboards:plan-export", args=[plan.pk, "xlsx"]), query),
        }


def _with_query(url, query) -> str:
    from urllib.parse import urlencode

    return f"{url}?{urlencode(query)}" if query else url


class PlanExportView(LoginRequiredMixin, View):
    """What the dashboard shows (same year, filters and access), as CSV or XLSX."""

    def get(self, request, pk, fmt):
        if fmt not in export.FORMATS:
            raise Http404
        plan = visible_plan(request.user, pk)
        year, filters = DashboardFilterForm(request.GET, plan).year_and_filters()
        return export.response(build_dashboard(plan, request.user, year, filters), fmt)


class PriorityDashboardView(LoginRequiredMixin, TemplateView):
    template_name = "dashboards/priority_dashboard.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        priority = get_for_user(
            Priority.objects.select_related("plan", "plan__zone", "domain"), user, pk=kwargs["pk"]
        ).obj
        year = DashboardFilterForm(self.request.GET, priority.plan).valid_values().get("year")
        data = build_priority(priority, user, year)
        return super().get_context_data(**kwargs) | {
            "plan": priority.plan,
            "zone": priority.plan.zone,
            "priority": priority,
            "data": data,
            "can_comment": may_comment(user, priority.plan.zone_id),
            "api_url": _with_query(reverse("api:dashboard-priority-detail", args=[priority.pk]), {"year": data.year}),
        }


class StatisticsView(LoginRequiredMixin, TemplateView):
    template_name = "dashboards/statistics.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        plan = visible_plan(user, kwargs["pk"])
        return super().get_context_data(**kwargs) | {
            "plan": plan,
            "zone": plan.zone,
            "stats": build_statistics(plan, user),
            "api_url": reverse("api:dashboard-plan-statistics", args=[plan.pk]),
        }


class ComparisonView(LoginRequiredMixin, TemplateView):
    """One statistic or indicator side by side for the zones a user may compare."""

    template_name = "dashboards/compare.html"

    def get_context_data(self, **kwargs):
        measure = self.request.GET.get("measure", "")
        comparison = build_comparison(self.request.user, measure)
        groups = {}
        for m in comparison.measures:
            groups.setdefault(m.group, []).append(m)
        query = {"measure": comparison.measure.key} if comparison.measure else {}
        return super().get_context_data(**kwargs) | {
            "comparison": comparison,
            "measure_groups": groups,
            "api_url": _with_query(reverse("api:dashboard-compare"), query),
        }
