"""Read-only serializers of the council dashboards (dashboards/services/ computes, these only describe).

The page and the API serialize the same objects, so their numbers cannot differ.
"""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from priorities.models import Priority
from stats.models import StatSeries
from stats.status import Direction, IndicatorStatus

from ..services import ROLLUP_RULE

STATUS_HELP = _("on track, at risk, off track or no data: the rule of stats/status.py.")


def _decimal(**kwargs):
    return serializers.DecimalField(max_digits=16, decimal_places=2, allow_null=True, **kwargs)


class DashboardRollupSerializer(serializers.Serializer):
    priorities = serializers.IntegerField(help_text=_("Number of priorities summed up."))
    on_track = serializers.IntegerField(source="counts.on_track")
    at_risk = serializers.IntegerField(source="counts.at_risk")
    off_track = serializers.IntegerField(source="counts.off_track")
    no_data = serializers.IntegerField(source="counts.no_data")
    score = _decimal(help_text=_("Average score of the priorities with data (1 on track, 0.5 at risk, 0 off track)."))
    score_percent = serializers.IntegerField(allow_null=True)
    status = serializers.ChoiceField(choices=IndicatorStatus.choices, help_text=_("The roll-up rule's verdict."))
    actions_done = serializers.IntegerField()
    actions_counted = serializers.IntegerField(help_text=_("Actions of the year, cancelled ones left out."))
    actions_percent = serializers.IntegerField(allow_null=True)


class DashboardIndicatorYearSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    target = _decimal()
    value = _decimal(help_text=_("For anyone but the zone's members only once the council approved it."))
    approved = serializers.BooleanField(allow_null=True, help_text=_("Null without a value."))
    status = serializers.ChoiceField(choices=IndicatorStatus.choices, help_text=STATUS_HELP)
    is_sample = serializers.BooleanField(source="value_is_sample", help_text=_("The measured value is sample data."))


class DashboardIndicatorSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="indicator.id")
    code = serializers.CharField(source="indicator.code")
    name = serializers.CharField(source="indicator.name")
    unit = serializers.CharField(source="indicator.unit")
    direction = serializers.ChoiceField(source="indicator.direction", choices=Direction.choices)
    baseline_year = serializers.IntegerField(source="indicator.baseline_year", allow_null=True)
    baseline_value = _decimal(source="indicator.baseline_value")
    at_risk_margin = _decimal(source="indicator.at_risk_margin")
    is_sample = serializers.BooleanField(source="indicator.is_sample")
    year = serializers.IntegerField(help_text=_("The dashboard's year."))
    target = _decimal(source="current.target")
    value = _decimal(source="current.value")
    approved = serializers.BooleanField(source="current.approved", allow_null=True)
    status = serializers.ChoiceField(choices=IndicatorStatus.choices, help_text=STATUS_HELP)
    years = DashboardIndicatorYearSerializer(many=True, help_text=_("Every year of the plan's period."))


class DashboardPrioritySerializer(serializers.Serializer):
    id = serializers.IntegerField(source="priority.id")
    code = serializers.CharField(source="priority.code")
    number = serializers.IntegerField(source="priority.number")
    short_title = serializers.CharField(source="priority.short_title")
    kind = serializers.ChoiceField(source="priority.kind", choices=Priority.Kind.choices)
    domain = serializers.IntegerField(source="priority.domain_id", allow_null=True)
    theme = serializers.IntegerField(source="priority.theme_id", allow_null=True)
    theme_path = serializers.CharField()
    status = serializers.ChoiceField(choices=IndicatorStatus.choices, help_text=_("Worst status of its indicators."))
    actions_done = serializers.IntegerField()
    actions_counted = serializers.IntegerField()
    actions_percent = serializers.IntegerField(allow_null=True)
    indicators = DashboardIndicatorSerializer(many=True)


class DashboardThemeGroupSerializer(serializers.Serializer):
    theme = serializers.IntegerField(source="theme.id", allow_null=True, default=None)
    label = serializers.CharField(help_text=_("The theme's path; empty for priorities without a theme."))
    priorities = serializers.SerializerMethodField()

    @extend_schema_field(serializers.ListField(child=serializers.IntegerField()))
    def get_priorities(self, group):
        return [row.priority.pk for row in group.priorities]


class DashboardDomainGroupSerializer(serializers.Serializer):
    domain = serializers.IntegerField(source="domain.id", allow_null=True, default=None)
    code = serializers.CharField(source="domain.code", default="")
    name = serializers.CharField(source="domain.name", default="")
    rollup = DashboardRollupSerializer()
    themes = DashboardThemeGroupSerializer(many=True)


class DashboardPlanSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    zone = serializers.IntegerField(source="zone_id")
    zone_name = serializers.CharField(source="zone.name")
    period_start = serializers.IntegerField()
    period_end = serializers.IntegerField()
    status = serializers.CharField(help_text=_("The plan's workflow status."))


class DashboardFiltersSerializer(serializers.Serializer):
    domain = serializers.IntegerField(allow_null=True)
    theme = serializers.IntegerField(allow_null=True)
    kind = serializers.CharField(allow_null=True)
    status = serializers.CharField(allow_null=True)


class DashboardSerializer(serializers.Serializer):
    plan = DashboardPlanSerializer()
    year = serializers.IntegerField()
    years = serializers.ListField(child=serializers.IntegerField(), help_text=_("The plan's period."))
    years_with_data = serializers.ListField(
        child=serializers.IntegerField(), help_text=_("Years in which you may see at least one measured value.")
    )
    filters = DashboardFiltersSerializer()
    sees_internals = serializers.BooleanField(
        help_text=_("True for the zone's members: drafts, restricted parts and values not yet approved.")
    )
    rule = serializers.SerializerMethodField(help_text=_("How the statuses are rolled up, in words."))
    rollup = DashboardRollupSerializer(help_text=_("The priorities shown (filters applied), summed up."))
    domains = DashboardDomainGroupSerializer(many=True, source="groups")
    priorities = DashboardPrioritySerializer(many=True)
    plan_indicators = DashboardIndicatorSerializer(
        many=True, help_text=_("Indicators of the whole plan, tied to no priority (none while a filter is set).")
    )

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_rule(self, dashboard):
        return [str(paragraph) for paragraph in ROLLUP_RULE]


# --- One priority ---------------------------------------------------------------------------------------------------


class DashboardActionPlanSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="action_plan.id")
    year = serializers.IntegerField(source="action_plan.year")
    title = serializers.CharField(source="action_plan.title")
    status = serializers.CharField(source="action_plan.status", help_text=_("draft, active or completed."))
    is_sample = serializers.BooleanField(source="action_plan.is_sample")
    actions_done = serializers.IntegerField(source="done")
    actions_counted = serializers.IntegerField(source="counted")
    actions_percent = serializers.IntegerField(source="percent", allow_null=True)


class DashboardCommentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    indicator = serializers.IntegerField(source="indicator_id", allow_null=True)
    author = serializers.CharField(source="author.username", default=None, allow_null=True)
    body = serializers.CharField()
    created_at = serializers.DateTimeField()
    resolved_at = serializers.DateTimeField(allow_null=True)


class DashboardPriorityDetailSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="priority.id")
    plan = serializers.IntegerField(source="priority.plan_id")
    code = serializers.CharField(source="priority.code")
    short_title = serializers.CharField(source="priority.short_title")
    heading_title = serializers.CharField(source="priority.heading_title")
    kind = serializers.ChoiceField(source="priority.kind", choices=Priority.Kind.choices)
    rationale = serializers.CharField(source="priority.rationale")
    theme_path = serializers.CharField()
    year = serializers.IntegerField()
    years = serializers.ListField(child=serializers.IntegerField())
    status = serializers.ChoiceField(choices=IndicatorStatus.choices, help_text=_("Worst status of its indicators."))
    action_plans = DashboardActionPlanSerializer(many=True)
    indicators = DashboardIndicatorSerializer(many=True)
    comments = DashboardCommentSerializer(many=True, help_text=_("Council comments: for the zone's members only."))


# --- Statistics -----------------------------------------------------------------------------------------------------


class DashboardPointSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    value = _decimal()
    provisional = serializers.BooleanField()


class DashboardSeriesSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="series.id")
    label = serializers.CharField()
    kind = serializers.ChoiceField(source="series.kind", choices=StatSeries.Kind.choices)
    crime_category = serializers.CharField(source="series.crime_category.code", default=None, allow_null=True)
    accident_type = serializers.CharField(source="series.accident_type", help_text=_("For traffic accidents."))
    severity = serializers.CharField(source="series.severity", help_text=_("For traffic victims."))
    survey = serializers.CharField(source="series.survey")
    answer = serializers.CharField(source="series.answer", help_text=_("For surveys: the answer category."))
    area = serializers.CharField(
        source="series.area_name", help_text=_("Where the figures are of: the zone, a municipality or a named area.")
    )
    municipality = serializers.IntegerField(source="series.municipality_id", allow_null=True)
    depth = serializers.IntegerField(help_text=_("For crime: the category's level under its main category."))
    unit = serializers.CharField(source="series.unit")
    source = serializers.CharField(source="series.source")
    is_sample = serializers.BooleanField(source="series.is_sample")
    points = serializers.SerializerMethodField()

    @extend_schema_field(DashboardPointSerializer(many=True))
    def get_points(self, row):
        points = [{"year": y, "value": v, "provisional": p} for y, v, p in row.cells(sorted(row.values))]
        return DashboardPointSerializer(points, many=True).data


class DashboardYearValueSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    value = _decimal()


class DashboardTotalYearSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    value = _decimal()
    provisional = serializers.BooleanField()
    disagrees = serializers.BooleanField(help_text=_("The category's own figure differs from this sum."))


class DashboardPartitionTotalSerializer(serializers.Serializer):
    category = serializers.CharField(source="category.code")
    label = serializers.CharField()
    municipality = serializers.IntegerField(source="municipality_id", allow_null=True)
    points = serializers.SerializerMethodField()

    @extend_schema_field(DashboardTotalYearSerializer(many=True))
    def get_points(self, total):
        points = [
            {"year": y, "value": v, "provisional": p, "disagrees": d}
            for y, v, p, d in total.cells(sorted(total.values))
        ]
        return DashboardTotalYearSerializer(points, many=True).data


class DashboardTableSerializer(serializers.Serializer):
    years = serializers.ListField(child=serializers.IntegerField(), help_text=_("The years that have figures."))
    series = DashboardSeriesSerializer(many=True, source="rows")
    totals = DashboardPartitionTotalSerializer(
        many=True,
        help_text=_(
            "For crime only: the sum of a category's sub-categories where they partition it (and in the years "
            "where each has a figure). Overlapping categories are never added up."
        ),
    )
    has_provisional = serializers.BooleanField()


class DashboardResponseSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    sent = serializers.IntegerField(allow_null=True)
    returned_paper = serializers.IntegerField(allow_null=True)
    returned_online = serializers.IntegerField(allow_null=True)
    returned = serializers.IntegerField(allow_null=True)
    response_rate = serializers.DecimalField(max_digits=5, decimal_places=1, allow_null=True)


class DashboardSurveySerializer(DashboardTableSerializer):
    survey = serializers.CharField()
    question = serializers.CharField()
    unit = serializers.CharField()
    responses = DashboardResponseSerializer(many=True)
    totals = None


class DashboardStaffSumsSerializer(serializers.Serializer):
    actual = serializers.IntegerField(allow_null=True)
    fte = _decimal()
    authorised = serializers.IntegerField(allow_null=True)


class DashboardStaffLineSerializer(DashboardStaffSumsSerializer):
    label = serializers.CharField()
    category = serializers.CharField(help_text=_("operational or calog."))


class DashboardStaffTotalSerializer(serializers.Serializer):
    figure = serializers.CharField(help_text=_("actual, fte or authorised."))
    computed = _decimal(help_text=_("The sum of the lines; null when none has one."))
    printed = _decimal(help_text=_("The total as the document prints it, if any."))
    disagrees = serializers.BooleanField(help_text=_("True when both are known and differ."))


class DashboardStaffTotalRowSerializer(serializers.Serializer):
    group = serializers.CharField(help_text=_("operational, calog or total."))
    label = serializers.CharField()
    disagrees = serializers.BooleanField()
    cells = DashboardStaffTotalSerializer(many=True)


class DashboardStaffSerializer(serializers.Serializer):
    table = serializers.IntegerField(allow_null=True)
    title = serializers.CharField(allow_null=True)
    reference_date = serializers.DateField(allow_null=True)
    is_sample = serializers.BooleanField()
    lines = DashboardStaffLineSerializer(many=True)
    operational = DashboardStaffSumsSerializer()
    calog = DashboardStaffSumsSerializer()
    total = DashboardStaffSumsSerializer()
    printed_totals = DashboardStaffTotalRowSerializer(
        many=True, help_text=_("Per group and for the whole table: each total computed beside the printed one.")
    )


class DashboardFinanceColumnSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    kind = serializers.CharField(help_text=_("budget, forecast (estimate), prognosis or actual."))
    kind_label = serializers.CharField(help_text=_("The kind in the reader's language (begroting, raming...)."))


class DashboardFinanceValueSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    kind = serializers.CharField()
    value = _decimal()


class DashboardFinanceTotalSerializer(DashboardFinanceValueSerializer):
    computed = serializers.BooleanField(help_text=_("Always true: the sum of the category's lines."))


class DashboardFinanceLineSerializer(serializers.Serializer):
    label = serializers.CharField()
    municipality = serializers.CharField(help_text=_("For a municipal dotation: the paying municipality."))
    is_sample = serializers.BooleanField()
    values = DashboardFinanceValueSerializer(many=True)


class DashboardFinanceCategorySerializer(serializers.Serializer):
    category = serializers.CharField()
    label = serializers.CharField()
    lines = DashboardFinanceLineSerializer(many=True)
    totals = DashboardFinanceTotalSerializer(many=True, help_text=_("The sum of the category's lines per column."))


class DashboardFinanceSerializer(serializers.Serializer):
    columns = DashboardFinanceColumnSerializer(many=True, help_text=_("One per year and kind, as the plan has."))
    categories = DashboardFinanceCategorySerializer(many=True)


class DashboardStatisticsSerializer(serializers.Serializer):
    plan = serializers.IntegerField(source="plan.id")
    zone = serializers.IntegerField(source="plan.zone_id")
    crime = serializers.SerializerMethodField()
    accidents = serializers.SerializerMethodField()
    victims = serializers.SerializerMethodField()
    surveys = serializers.SerializerMethodField()
    staff = serializers.SerializerMethodField()
    finance = serializers.SerializerMethodField()
    series_not_shown = serializers.IntegerField(
        help_text=_("Series of the zone left out: each kind shows at most ZVP_STATISTICS_MAX_SERIES (300).")
    )

    @extend_schema_field(DashboardTableSerializer)
    def get_crime(self, stats):
        return DashboardTableSerializer(stats.crime).data

    @extend_schema_field(DashboardTableSerializer)
    def get_accidents(self, stats):
        return DashboardTableSerializer(stats.accidents).data

    @extend_schema_field(DashboardTableSerializer)
    def get_victims(self, stats):
        return DashboardTableSerializer(stats.victims).data

    @extend_schema_field(DashboardSurveySerializer(many=True))
    def get_surveys(self, stats):
        return DashboardSurveySerializer(stats.surveys, many=True).data

    @extend_schema_field(DashboardStaffSerializer)
    def get_staff(self, stats):
        table = stats.staff_table
        lines = [
            {
                "label": ln.label,
                "category": ln.category,
                "actual": ln.actual,
                "fte": ln.fte,
                "authorised": ln.authorised,
            }
            for ln in stats.staff_lines
        ]
        data = {
            "table": table.pk if table else None,
            "title": str(table) if table else None,
            "reference_date": table.reference_date if table else None,
            "is_sample": bool(table and table.is_sample),
            "lines": lines,
            **{key: stats.staff_totals[key] for key in ("operational", "calog", "total")},
            "printed_totals": [{**row, "label": str(row["label"])} for row in stats.staff_total_rows],
        }
        return DashboardStaffSerializer(data).data

    @extend_schema_field(DashboardFinanceSerializer)
    def get_finance(self, stats):
        table = stats.finance
        columns = [{"year": c.year, "kind": c.kind, "kind_label": str(c.kind_label)} for c in table.columns]

        def values(cells, **extra):
            return [
                {"year": c.year, "kind": c.kind, "value": value, **extra}
                for c, value in zip(table.columns, cells, strict=True)
            ]

        categories = [
            {
                "category": section.category,
                "label": str(section.label),
                "lines": [
                    {"label": r.label, "municipality": r.municipality, "is_sample": r.is_sample}
                    | {"values": values(r.cells)}
                    for r in section.rows
                ],
                "totals": values(section.totals, computed=True),
            }
            for section in table.sections
        ]
        return DashboardFinanceSerializer({"columns": columns, "categories": categories}).data


# --- Comparison -----------------------------------------------------------------------------------------------------


class DashboardMeasureSerializer(serializers.Serializer):
    key = serializers.CharField(help_text=_("e.g. 'crime:woninginbraak', 'accidents:killed', 'indicator:<name>'."))
    label = serializers.CharField()
    group = serializers.CharField()


class DashboardCompareCellSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    value = _decimal()
    target = _decimal(help_text=_("Indicators only."))


class DashboardCompareRowSerializer(serializers.Serializer):
    zone = serializers.IntegerField(source="zone.id")
    zone_name = serializers.CharField(source="zone.name")
    source = serializers.CharField()
    is_sample = serializers.BooleanField()
    values = serializers.SerializerMethodField()

    @extend_schema_field(DashboardCompareCellSerializer(many=True))
    def get_values(self, row):
        years = self.context.get("years", [])
        cells = [{"year": y, "value": v, "target": t} for y, v, t in row.cells(years)]
        return DashboardCompareCellSerializer(cells, many=True).data


class DashboardComparisonSerializer(serializers.Serializer):
    measure = DashboardMeasureSerializer(allow_null=True)
    measures = DashboardMeasureSerializer(many=True, help_text=_("What can be compared among your zones."))
    years = serializers.ListField(child=serializers.IntegerField())
    zones = DashboardCompareRowSerializer(many=True, source="rows")
