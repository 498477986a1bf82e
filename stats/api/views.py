"""API of indicators (with their yearly status), yearly targets and values, and the statistical series."""

from django.db.models import Prefetch

from plans.access import VIEW
from plans.api.views import CommentsActionMixin
from zvp_portal.api import ReadOnlyRestrictedViewSet, RestrictedViewSet

from ..filtersets import (
    CrimeCategoryFilterSet,
    IndicatorFilterSet,
    IndicatorTargetFilterSet,
    IndicatorValueFilterSet,
    StatPointFilterSet,
    StatSeriesFilterSet,
)
from ..models import CrimeCategory, Indicator, IndicatorTarget, IndicatorValue, StatPoint, StatSeries
from .serializers import (
    CrimeCategorySerializer,
    IndicatorSerializer,
    IndicatorTargetSerializer,
    IndicatorValueSerializer,
    StatPointSerializer,
    StatSeriesSerializer,
)


class IndicatorViewSet(CommentsActionMixin, RestrictedViewSet):
    """What is measured to follow a priority: unit, direction, source, baseline, and per year of the plan the
    target, the measured value and the status. Changed while the plan is a draft."""

    queryset = Indicator.objects.all()
    serializer_class = IndicatorSerializer
    filterset_class = IndicatorFilterSet
    ordering_fields = ["order", "code", "name", "id"]
    select_related = ("plan",)
    comment_target_field = "indicator"

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


class CrimeCategoryViewSet(ReadOnlyRestrictedViewSet):
    """The federal police's hierarchy of crime categories; reference data."""

    queryset = CrimeCategory.objects.all()
    serializer_class = CrimeCategorySerializer
    filterset_class = CrimeCategoryFilterSet
    ordering_fields = ["order", "name", "code"]


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
