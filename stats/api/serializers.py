"""Serializers of indicators, their yearly targets and measured values, the statistical series, staff tables,
the multi-year financial plan and key figures."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core.access import sees_zone_internals
from core.api import TIMESTAMPS, ModelCleanSerializer

from ..models import (
    PRINTED_TOTAL_FIELDS,
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
    staff_totals,
)
from ..rows import indicator_years
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
            "origin", "years", "revision", *TIMESTAMPS,
        ]  # fmt: skip
        read_only_fields = ["origin"]

    @extend_schema_field(IndicatorYearSerializer(many=True))
    def get_years(self, indicator):
        request = self.context.get("request")
        user = getattr(request, "user", None)
        plan = indicator.plan
        # Anyone who is not a member of the zone sees approved values only (the public rule).
        approved_only = not sees_zone_internals(user, plan.zone_id)
        return IndicatorYearSerializer(
            indicator_years(indicator, plan.years, approved_only=approved_only), many=True
        ).data


class IndicatorTargetSerializer(ModelCleanSerializer):
    parent_field = "indicator"

    class Meta:
        model = IndicatorTarget
        fields = ["id", "indicator", "year", "value", "note", "is_sample", "revision", *TIMESTAMPS]


class IndicatorValueSerializer(ModelCleanSerializer):
    # A value belongs to its indicator's line: given for a later version of an indicator, it is saved on (and
    # shown with) the line's first indicator, the one every version of the indicator names as 'origin'.
    parent_field = "indicator"
    is_approved = serializers.BooleanField(read_only=True)

    class Meta:
        model = IndicatorValue
        fields = [
            "id", "indicator", "year", "value", "note", "is_sample", "is_approved", "approved_at", "from_series",
            "import_source", "revision", *TIMESTAMPS,
        ]  # fmt: skip
        read_only_fields = ["approved_at", "from_series", "import_source"]


class CrimeCategorySerializer(ModelCleanSerializer):
    parent_field = "zone"

    class Meta:
        model = CrimeCategory
        fields = ["id", "zone", "parent", "code", "name", "children_partition", "maps_to", "order"]
        # Which national category a zone's own one maps to is for a site administrator to say (in the admin).
        read_only_fields = ["maps_to"]
        extra_kwargs = {
            "zone": {
                "allow_null": True,
                "required": True,
                "help_text": _(
                    "The zone whose own category this is; null for a national category (the federal police's, "
                    "added by a site administrator only)."
                ),
            }
        }


class StatSeriesSerializer(ModelCleanSerializer):
    parent_field = "zone"

    class Meta:
        model = StatSeries
        fields = [
            "id", "zone", "municipality", "area", "kind", "name", "crime_category", "accident_type", "severity",
            "survey", "question", "answer", "unit", "source", "protection", "is_sample", "revision", *TIMESTAMPS,
        ]  # fmt: skip


class StatPointSerializer(ModelCleanSerializer):
    parent_field = "series"

    class Meta:
        model = StatPoint
        fields = ["id", "series", "year", "value", "is_provisional", "note", "is_sample"]


class SurveyResponseSerializer(ModelCleanSerializer):
    parent_field = "zone"
    returned = serializers.IntegerField(read_only=True, allow_null=True, help_text=_("On paper and online."))
    response_rate = serializers.DecimalField(
        max_digits=5,
        decimal_places=1,
        read_only=True,
        allow_null=True,
        help_text=_("Returned, as a percentage of sent."),
    )

    class Meta:
        model = SurveyResponse
        fields = [
            "id", "zone", "survey", "year", "sent", "returned_paper", "returned_online", "returned",
            "response_rate", "note", "protection", "is_sample", "revision", *TIMESTAMPS,
        ]  # fmt: skip


class StaffLineSerializer(ModelCleanSerializer):
    parent_field = "table"

    class Meta:
        model = StaffLine
        fields = ["id", "table", "category", "label", "actual", "fte", "authorised", "order"]


STAFF_FIELDS = [
    "id", "plan", "title", "reference_date", "source", *PRINTED_TOTAL_FIELDS.values(), "protection", "is_sample",
    "revision", *TIMESTAMPS,
]  # fmt: skip


class StaffTableSerializer(ModelCleanSerializer):
    parent_field = "plan"

    class Meta:
        model = StaffTable
        fields = STAFF_FIELDS


class StaffSumsSerializer(serializers.Serializer):
    actual = serializers.IntegerField(allow_null=True, help_text=_("Actual headcount; null when no line has one."))
    fte = serializers.DecimalField(
        max_digits=12, decimal_places=2, allow_null=True, help_text=_("FTE; null when no line has one.")
    )
    authorised = serializers.IntegerField(
        allow_null=True, help_text=_("Authorised strength; null when no line has one.")
    )


class StaffTotalsSerializer(serializers.Serializer):
    operational = StaffSumsSerializer()
    calog = StaffSumsSerializer()
    total = StaffSumsSerializer()


class StaffHeadcountCheckSerializer(serializers.Serializer):
    computed = serializers.IntegerField(allow_null=True, help_text=_("The sum of the lines; null when none has one."))
    printed = serializers.IntegerField(allow_null=True, help_text=_("The total as the document prints it, if any."))
    disagrees = serializers.BooleanField(help_text=_("True when both are known and differ."))


class StaffFteCheckSerializer(serializers.Serializer):
    computed = serializers.DecimalField(
        max_digits=12, decimal_places=2, allow_null=True, help_text=_("The sum of the lines; null when none has one.")
    )
    printed = serializers.DecimalField(
        max_digits=12, decimal_places=2, allow_null=True, help_text=_("The total as the document prints it, if any.")
    )
    disagrees = serializers.BooleanField(help_text=_("True when both are known and differ."))


class StaffGroupChecksSerializer(serializers.Serializer):
    actual = StaffHeadcountCheckSerializer()
    fte = StaffFteCheckSerializer()
    authorised = StaffHeadcountCheckSerializer()


class StaffPrintedTotalsSerializer(serializers.Serializer):
    operational = StaffGroupChecksSerializer()
    calog = StaffGroupChecksSerializer()
    total = StaffGroupChecksSerializer()


class StaffTableDetailSerializer(StaffTableSerializer):
    lines = StaffLineSerializer(many=True, read_only=True, help_text=_("Change them at /staff-lines/."))
    totals = serializers.SerializerMethodField(
        help_text=_("Sums of the lines per category and overall; never the printed total.")
    )
    printed_totals = serializers.SerializerMethodField(
        help_text=_(
            "Per group (operational, calog, total) and column (actual, fte, authorised): the total computed from "
            "the lines, the total as printed (the printed_* fields) and whether they disagree."
        )
    )
    total_disagrees = serializers.BooleanField(
        read_only=True,
        help_text=_("True when any printed total (per group or for the whole table, per column) disagrees."),
    )

    class Meta(StaffTableSerializer.Meta):
        fields = [*STAFF_FIELDS, "lines", "totals", "printed_totals", "total_disagrees"]

    @extend_schema_field(StaffTotalsSerializer)
    def get_totals(self, table):
        return StaffTotalsSerializer(staff_totals(table.lines.all())).data

    @extend_schema_field(StaffPrintedTotalsSerializer)
    def get_printed_totals(self, table):
        return StaffPrintedTotalsSerializer(table.printed_totals(table.lines.all())).data


class FinancialLineSerializer(ModelCleanSerializer):
    parent_field = "plan"

    class Meta:
        model = FinancialLine
        fields = [
            "id", "plan", "year", "kind", "category", "municipality", "label", "amount", "order", "protection",
            "is_sample", "revision", *TIMESTAMPS,
        ]  # fmt: skip


class FinancialTotalSerializer(serializers.Serializer):
    """A total of like lines: the lines of one category in one year and kind. Never income with expense."""

    year = serializers.IntegerField()
    # Plain strings: an enum here would give FinancialLine.Kind and .Category a second name in the schema.
    kind = serializers.CharField(
        help_text=_("The lines' kind: 'budget', 'forecast' (estimate), 'prognosis', 'actual' (FinancialLine.kind).")
    )
    category = serializers.CharField(help_text=_("The lines' category (FinancialLine.category)."))
    total = serializers.DecimalField(max_digits=16, decimal_places=2, help_text=_("The sum of the lines."))
    line_count = serializers.IntegerField(help_text=_("How many lines the total adds up."))
    computed = serializers.BooleanField(help_text=_("Always true: computed from the lines, not printed in the plan."))


class KeyFigureSerializer(ModelCleanSerializer):
    parent_field = "plan"

    class Meta:
        model = KeyFigure
        fields = ["id", "plan", "label", "value", "value_text", "unit", "year", "order", "protection"]
