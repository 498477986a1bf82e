"""Filters for indicators, their yearly targets and values, the statistical series, staff tables, the financial
plan and key figures (API and list screens)."""

import django_filters

from core.api import IdFilter, SearchFilter, YearFilter

from .models import (
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


class IndicatorFilterSet(django_filters.FilterSet):
    q = SearchFilter(["code", "name", "description", "unit", "source_detail"])
    plan = IdFilter(field_name="plan_id")
    zone = IdFilter(field_name="plan__zone_id")
    priority = IdFilter(field_name="priority_id")
    domain = IdFilter(field_name="priority__domain_id")
    theme = IdFilter(field_name="priority__theme_id")
    series = IdFilter(field_name="series_id")

    class Meta:
        model = Indicator
        fields = ["q", "plan", "zone", "priority", "domain", "theme", "series", "source", "direction", "protection"]


class _IndicatorChildFilterSet(django_filters.FilterSet):
    indicator = IdFilter(field_name="indicator_id")
    priority = IdFilter(field_name="indicator__priority_id")
    plan = IdFilter(field_name="indicator__plan_id")
    zone = IdFilter(field_name="indicator__plan__zone_id")
    year = YearFilter()


class IndicatorTargetFilterSet(_IndicatorChildFilterSet):
    q = SearchFilter(["note", "indicator__name", "indicator__code"])

    class Meta:
        model = IndicatorTarget
        fields = ["q", "indicator", "priority", "plan", "zone", "year"]


def _of_lines(field: str):
    """A filter method: the values of the lines of the indicators whose *field* is the value given."""

    def method(queryset, name, value):
        return queryset.filter(indicator_id__in=Indicator.objects.filter(**{field: value}).line_ids())

    return method


class IndicatorValueFilterSet(_IndicatorChildFilterSet):
    """A value belongs to its indicator's line: filtered by an indicator, a priority or a plan of any version."""

    q = SearchFilter(["note", "indicator__name", "indicator__code"])
    approved = django_filters.BooleanFilter(field_name="approved_at", lookup_expr="isnull", exclude=True)
    indicator = IdFilter(field_name="indicator_id", method=_of_lines("pk"))
    priority = IdFilter(field_name="indicator__priority_id", method=_of_lines("priority_id"))
    plan = IdFilter(field_name="indicator__plan_id", method=_of_lines("plan_id"))

    class Meta:
        model = IndicatorValue
        fields = ["q", "indicator", "priority", "plan", "zone", "year", "approved"]


class CrimeCategoryFilterSet(django_filters.FilterSet):
    q = SearchFilter(["code", "name"])
    parent = IdFilter(field_name="parent_id")
    zone = IdFilter(field_name="zone_id")
    national = django_filters.BooleanFilter(field_name="zone", lookup_expr="isnull", label="national categories only")
    maps_to = IdFilter(field_name="maps_to_id")

    class Meta:
        model = CrimeCategory
        fields = ["q", "parent", "zone", "national", "maps_to", "children_partition"]


class StatSeriesFilterSet(django_filters.FilterSet):
    q = SearchFilter(["name", "survey", "question", "answer", "area", "source"])
    zone = IdFilter(field_name="zone_id")
    municipality = IdFilter(field_name="municipality_id")
    crime_category = IdFilter(field_name="crime_category_id")
    zone_wide = django_filters.BooleanFilter(
        field_name="municipality", lookup_expr="isnull", label="figures of the whole zone only"
    )

    class Meta:
        model = StatSeries
        fields = [
            "q", "zone", "municipality", "zone_wide", "area", "kind", "crime_category", "accident_type", "severity",
            "survey", "answer", "protection",
        ]  # fmt: skip


class StatPointFilterSet(django_filters.FilterSet):
    q = SearchFilter(["note", "series__name"])
    series = IdFilter(field_name="series_id")
    zone = IdFilter(field_name="series__zone_id")
    municipality = IdFilter(field_name="series__municipality_id")
    kind = django_filters.ChoiceFilter(field_name="series__kind", choices=StatSeries.Kind.choices)
    year = YearFilter()

    class Meta:
        model = StatPoint
        fields = ["q", "series", "zone", "municipality", "kind", "year", "is_provisional"]


class SurveyResponseFilterSet(django_filters.FilterSet):
    zone = IdFilter(field_name="zone_id")
    year = YearFilter()

    class Meta:
        model = SurveyResponse
        fields = ["zone", "survey", "year"]


class StaffTableFilterSet(django_filters.FilterSet):
    q = SearchFilter(["title", "source"])
    plan = IdFilter(field_name="plan_id")
    zone = IdFilter(field_name="plan__zone_id")

    class Meta:
        model = StaffTable
        fields = ["q", "plan", "zone", "protection"]


class StaffLineFilterSet(django_filters.FilterSet):
    q = SearchFilter(["label"])
    table = IdFilter(field_name="table_id")
    plan = IdFilter(field_name="table__plan_id")
    zone = IdFilter(field_name="table__plan__zone_id")

    class Meta:
        model = StaffLine
        fields = ["q", "table", "plan", "zone", "category"]


class FinancialLineFilterSet(django_filters.FilterSet):
    plan = IdFilter(field_name="plan_id")
    zone = IdFilter(field_name="plan__zone_id")
    year = YearFilter()

    class Meta:
        model = FinancialLine
        fields = ["plan", "zone", "year", "kind", "category"]


class KeyFigureFilterSet(django_filters.FilterSet):
    q = SearchFilter(["label", "value_text", "unit"])
    plan = IdFilter(field_name="plan_id")
    zone = IdFilter(field_name="plan__zone_id")
    year = YearFilter()

    class Meta:
        model = KeyFigure
        fields = ["q", "plan", "zone", "year"]
