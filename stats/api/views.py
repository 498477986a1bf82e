"""API of indicators (with their yearly status), yearly targets and values, the statistical series, staff tables
with their lines, the multi-year financial plan and key figures."""

from django.db.models import Prefetch

from core.access import VIEW
from core.api import RestrictedViewSet

from ..filtersets import (
    CrimeCategoryFilterSet,
    FinancialLineFilterSet,
    IndicatorFilterSet,
    IndicatorTargetFilterSet,
    IndicatorValueFilterSet,
    KeyFigureFilterSet,
    StaffLineFilterSet,
    StaffTableFilterSet,
    StatPointFilterSet,
    StatSeriesFilterSet,
    SurveyResponseFilterSet,
)
from ..models import (
    CrimeCategory,
    FinancialLine,
    Indicator,
    IndicatorTarget,
    IndicatorValue,
    KeyFigure,
    StaffLine,
    StaffTable,
    StatPoint,
    StatSeries,
    SurveyResponse,
)
from .serializers import (
    CrimeCategorySerializer,
    FinancialLineSerializer,
    IndicatorSerializer,
    IndicatorTargetSerializer,
    IndicatorValueSerializer,
    KeyFigureSerializer,
    StaffLineSerializer,
    StaffTableDetailSerializer,
    StaffTableSerializer,
    StatPointSerializer,
    StatSeriesSerializer,
    SurveyResponseSerializer,
)


class IndicatorViewSet(RestrictedViewSet):
    """What is measured to follow a priority: unit, direction, source, baseline, and per year of the plan the
    target, the measured value and the status. Changed while the plan is a draft."""

    queryset = Indicator.objects.all()
    serializer_class = IndicatorSerializer
    filterset_class = IndicatorFilterSet
    ordering_fields = ["order", "code", "name", "id"]
    select_related = ("plan",)

    def optimize(self, queryset):
        return queryset.prefetch_related(
            Prefetch("targets", queryset=IndicatorTarget.objects.restrict(self.user, VIEW)),
            Prefetch("values", queryset=IndicatorValue.objects.restrict(self.user, VIEW)),
        )


class IndicatorTargetViewSet(RestrictedViewSet):
    """The target of an indicator for one year of the plan's period; changed while the plan is a draft."""

    queryset = IndicatorTarget.objects.all()
    serializer_class = IndicatorTargetSerializer
    filterset_class = IndicatorTargetFilterSet
    ordering_fields = ["year", "id"]


class IndicatorValueViewSet(RestrictedViewSet):
    """Measured values, one per indicator and year: entered by the zone's advisors and korpschef until the plan
    is archived, public and frozen once the council approved the year (POST /plans/{id}/values/{year}/approve/).
    For a whole year at once, POST /plans/{id}/values/{year}/."""

    queryset = IndicatorValue.objects.all()
    serializer_class = IndicatorValueSerializer
    filterset_class = IndicatorValueFilterSet
    ordering_fields = ["year", "id"]

    def perform_create(self, serializer):
        return serializer.save(entered_by=self.user)

    def perform_update(self, serializer):
        return serializer.save(entered_by=self.user)


class CrimeCategoryViewSet(RestrictedViewSet):
    """The federal police's hierarchy of crime categories (reference data, changed by site administrators only)
    and the zones' own categories: a zone's advisors and korpschef add them for their zone (POST with 'zone'),
    only the zone's members see them, and only the zone's series use them. A site administrator maps a zone's
    own category to a national one ('maps_to'). Where 'children_partition' is on, the national sub-categories
    together count every fact of the category once: only then are they added up."""

    queryset = CrimeCategory.objects.all()
    serializer_class = CrimeCategorySerializer
    filterset_class = CrimeCategoryFilterSet
    ordering_fields = ["order", "name", "code"]
    select_related = ("parent",)


class StatSeriesViewSet(RestrictedViewSet):
    """Yearly statistical series of a zone or one of its municipalities (registered crime, traffic accidents,
    surveys); changed by the zone's advisors and korpschef."""

    queryset = StatSeries.objects.all()
    serializer_class = StatSeriesSerializer
    filterset_class = StatSeriesFilterSet
    ordering_fields = ["name", "kind", "id"]


class StatPointViewSet(RestrictedViewSet):
    """One year's figure of a statistical series; changed by the zone's advisors and korpschef."""

    queryset = StatPoint.objects.all()
    serializer_class = StatPointSerializer
    filterset_class = StatPointFilterSet
    ordering_fields = ["year", "id"]


class SurveyResponseViewSet(RestrictedViewSet):
    """How many took part in a survey of a zone in one year: questionnaires sent, returned on paper and online
    (with the total returned and the response rate computed); changed by the zone's advisors and korpschef."""

    queryset = SurveyResponse.objects.all()
    serializer_class = SurveyResponseSerializer
    filterset_class = SurveyResponseFilterSet
    ordering_fields = ["year", "survey", "id"]


class StaffTableViewSet(RestrictedViewSet):
    """The zone's staff at a reference date, as a plan prints it. The detail includes the lines and their
    totals, always computed from the lines; 'printed_total' is kept only to show where the document's total
    disagrees ('total_disagrees'). Changed while the plan is a draft; the lines at /staff-lines/."""

    queryset = StaffTable.objects.all()
    serializer_class = StaffTableSerializer
    filterset_class = StaffTableFilterSet
    ordering_fields = ["reference_date", "title", "id"]

    def get_serializer_class(self):
        return StaffTableSerializer if self.action == "list" else StaffTableDetailSerializer

    def optimize(self, queryset):
        if self.action == "list":
            return queryset
        return queryset.prefetch_related(Prefetch("lines", queryset=StaffLine.objects.restrict(self.user, VIEW)))


class StaffLineViewSet(RestrictedViewSet):
    """One rank (operational) or level (CALOG) of a staff table; changed while the plan is a draft."""

    queryset = StaffLine.objects.all()
    serializer_class = StaffLineSerializer
    filterset_class = StaffLineFilterSet
    ordering_fields = ["category", "order", "label", "id"]


class FinancialLineViewSet(RestrictedViewSet):
    """One line of the multi-year financial plan for one year (budget, forecast or actual), as a positive
    amount; the category says income or expense. Per-year totals: GET /plans/{id}/financial-totals/. Changed
    while the plan is a draft."""

    queryset = FinancialLine.objects.all()
    serializer_class = FinancialLineSerializer
    filterset_class = FinancialLineFilterSet
    ordering_fields = ["year", "order", "label", "amount", "id"]


class KeyFigureViewSet(RestrictedViewSet):
    """A figure a plan prints in its text, kept exactly as printed ('value_text'), with 'value' as a number only
    where the document gives an exact one. Changed while the plan is a draft."""

    queryset = KeyFigure.objects.all()
    serializer_class = KeyFigureSerializer
    filterset_class = KeyFigureFilterSet
    ordering_fields = ["order", "label", "year", "id"]
