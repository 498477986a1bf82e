"""Read-only JSON of the council dashboards, under /api/v1/dashboard/: what the dashboard pages show and their
charts draw. The same access rule as the rest of the API (core/access.py): anonymous callers see what citizens
see (public parts of published plans, approved values); a zone's members also see its drafts, restricted parts
and values not yet approved."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, permissions, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from core.access import VIEW
from core.api import MAX_ID
from plans.models import Plan
from priorities.models import Priority
from stats.status import IndicatorStatus

from ..forms import DashboardFilterForm
from ..services import build_comparison, build_dashboard, build_priority, build_statistics
from .serializers import (
    DashboardComparisonSerializer,
    DashboardPriorityDetailSerializer,
    DashboardSerializer,
    DashboardStatisticsSerializer,
)

ID_SCHEMA = {"type": "integer", "minimum": 1, "maximum": MAX_ID}
YEAR = OpenApiParameter(
    "year",
    {"type": "integer", "minimum": 1990, "maximum": 2100},
    description="A year of the plan's period (400 otherwise); default: the latest year with measured values.",
)
FILTERS = [
    YEAR,
    OpenApiParameter("domain", ID_SCHEMA, description="Only the priorities of this domain (id)."),
    OpenApiParameter("theme", ID_SCHEMA, description="Only the priorities of this theme (id) or its sub-themes."),
    OpenApiParameter(
        "kind",
        str,
        enum=[value for value, _label in Priority.Kind.choices],
        description="Only priorities of this kind: innovation (I), securing (B) or plain.",
    ),
    OpenApiParameter(
        "status",
        str,
        enum=[value for value, _label in IndicatorStatus.choices],
        description="Only priorities with this status in the year.",
    ),
]


class _DashboardViewSet(viewsets.GenericViewSet):
    permission_classes = [permissions.IsAuthenticatedOrReadOnly]
    http_method_names = ["get", "head", "options"]
    filter_backends = []
    pagination_class = None

    def get_queryset(self):
        return self.queryset.all().restrict(self.request.user, VIEW)

    def parse(self, plan) -> DashboardFilterForm:
        form = DashboardFilterForm(self.request.query_params, plan)
        if not form.is_valid():
            raise exceptions.ValidationError({name: list(errors) for name, errors in form.errors.items()})
        return form


class DashboardPlanViewSet(_DashboardViewSet):
    """The council dashboard of a plan."""

    queryset = Plan.objects.select_related("zone")
    serializer_class = DashboardSerializer

    @extend_schema(
        parameters=FILTERS,
        responses=DashboardSerializer,
        description=(
            "The council dashboard of a plan for one year: every priority you may see, grouped by domain and "
            "theme, with its status (the worst of its indicators'), the share of its actions done, and each "
            "indicator's target, value and status for every year of the plan (stats/status.py); the roll-up "
            "per domain and for the priorities shown, and the rule in words ('rule'). 404 for a plan you may "
            "not see."
        ),
    )
    def retrieve(self, request, pk=None):
        plan = self.get_object()
        year, filters = self.parse(plan).year_and_filters()
        return Response(DashboardSerializer(build_dashboard(plan, request.user, year, filters)).data)

    @extend_schema(
        responses=DashboardStatisticsSerializer,
        description=(
            "The statistics beside a plan, each table with the years that have figures: registered crime per "
            "category and year (categories overlap and are never added up; 'totals' are the sums of sub-categories "
            "only where they partition their category, flagged where the category's own figure differs), traffic "
            "accidents by type, their victims by severity, survey results per question with a row per area (the "
            "zone, a municipality, a named area) and answer category and the survey's response counts, the latest "
            "staff table (actual, FTE, authorised, totals from the lines) and the multi-year financial plan."
        ),
    )
    @action(detail=True, methods=["get"])
    def statistics(self, request, pk=None):
        plan = self.get_object()
        return Response(DashboardStatisticsSerializer(build_statistics(plan, request.user)).data)


class DashboardPriorityViewSet(_DashboardViewSet):
    """One priority on the council dashboard."""

    queryset = Priority.objects.select_related("plan", "plan__zone", "domain", "theme")
    serializer_class = DashboardPriorityDetailSerializer

    @extend_schema(
        parameters=[YEAR],
        responses=DashboardPriorityDetailSerializer,
        description=(
            "One priority as the council follows it: rationale, yearly action plans with the share of actions "
            "done, every indicator's full series (baseline, targets, values, approved or not yet, status per "
            "year) and the council's comments (for the zone's members only)."
        ),
    )
    def retrieve(self, request, pk=None):
        priority = self.get_object()
        year = self.parse(priority.plan).valid_values().get("year")
        return Response(DashboardPriorityDetailSerializer(build_priority(priority, request.user, year)).data)


class DashboardCompareViewSet(viewsets.ViewSet):
    """The same statistic or indicator side by side, for the zones you may compare."""

    permission_classes = [permissions.IsAuthenticatedOrReadOnly]
    http_method_names = ["get", "head", "options"]

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "measure",
                str,
                description=_(
                    "What to compare, one of 'measures': 'crime:<category code>', 'accidents:<accident type>', "
                    "'victims:<severity>', 'survey:<question>' or 'indicator:<name>'. Without it, only the list of "
                    "measures."
                ),
            )
        ],
        responses=DashboardComparisonSerializer,
        description=(
            "The same statistic or indicator side by side per year, for the zones you may compare: every zone "
            "for a site administrator, otherwise the zones you hold a role in (none when anonymous). Values "
            "follow the usual rule: approved only, except in your own zones."
        ),
    )
    @action(detail=False, methods=["get"])
    def compare(self, request):
        comparison = build_comparison(request.user, request.query_params.get("measure"))
        data = DashboardComparisonSerializer(comparison, context={"years": comparison.years}).data
        return Response(data)
