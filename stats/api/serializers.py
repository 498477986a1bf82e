"""Serializers of indicators, their yearly targets and measured values, and the statistical series."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from plans.access import Role, has_zone_role
from plans.api.serializers import TIMESTAMPS
from zvp_portal.api import ModelCleanSerializer

from ..models import CrimeCategory, Indicator, IndicatorTarget, IndicatorValue, StatPoint, StatSeries
from ..status import IndicatorStatus


class IndicatorYearSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    target = serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True)
    value = serializers.DecimalField(
        max_digits=14,
        decimal_places=2,
        allow_null=True,
        help_text=_("The measured value; for anyone but the zone's members only once the council approved it."),
    )
    status = serializers.ChoiceField(choices=IndicatorStatus.choices, help_text=_("See stats/status.py."))


class IndicatorSerializer(ModelCleanSerializer):
    parent_field = "plan"
    years = serializers.SerializerMethodField(
        help_text=_("Per year of the plan's period: target, measured value and status (on track, at risk...).")
    )

    class Meta:
        model = Indicator
        fields = [
            "id", "plan", "priority", "code", "name", "description", "unit", "direction", "source", "source_detail",
            "baseline_year", "baseline_value", "at_risk_margin", "series", "order", "protection", "is_sample",
            "years", "revision", *TIMESTAMPS,
        ]  # fmt: skip

    @extend_schema_field(IndicatorYearSerializer(many=True))
    def get_years(self, indicator):
        request = self.context.get("request")
        user = getattr(request, "user", None)
        plan = indicator.plan
        # Anyone who is not a member of the zone sees approved values only (the public rule).
        approved_only = not has_zone_role(user, plan.zone_id, Role.ADVISOR, Role.COUNCIL, Role.CHIEF)
        rows = [
            {
                "year": year,
                "target": indicator.target_for(year),
                "value": indicator.value_for(year, approved_only=approved_only),
                "status": indicator.status_for(year, approved_only=approved_only),
            }
            for year in plan.years
        ]
        return IndicatorYearSerializer(rows, many=True).data


class IndicatorTargetSerializer(ModelCleanSerializer):
    parent_field = "indicator"

    class Meta:
        model = IndicatorTarget
        fields = ["id", "indicator", "year", "value", "note", "is_sample", "revision", *TIMESTAMPS]


class IndicatorValueSerializer(ModelCleanSerializer):
    parent_field = "indicator"
    is_approved = serializers.BooleanField(read_only=True)

    class Meta:
        model = IndicatorValue
        fields = [
            "id", "indicator", "year", "value", "note", "is_sample", "is_approved", "approved_at", "revision",
            *TIMESTAMPS,
        ]  # fmt: skip
        read_only_fields = ["approved_at"]


class CrimeCategorySerializer(serializers.ModelSerializer):
    class Meta:
        model = CrimeCategory
        fields = ["id", "parent", "code", "name", "summable", "order"]


class StatSeriesSerializer(ModelCleanSerializer):
    parent_field = "zone"

    class Meta:
        model = StatSeries
        fields = [
            "id", "zone", "municipality", "kind", "name", "crime_category", "severity", "question",
            "comparison_area", "unit", "source", "protection", "is_sample", "revision", *TIMESTAMPS,
        ]  # fmt: skip


class StatPointSerializer(ModelCleanSerializer):
    parent_field = "series"

    class Meta:
        model = StatPoint
        fields = ["id", "series", "year", "value", "comparison_value", "is_provisional", "note", "is_sample"]
