"""Filters for the plans app's lists: one FilterSet per model, shared by the API and the list screens.

Links are filtered by id (``?plan=3``) without looking the linked row up, so
a filter never reveals whether a row the user may not see exists; the rows
listed are restricted by the caller (``restrict(user, "view")``) as always.
"""

import django_filters

from zvp_portal.api import IdFilter, SearchFilter, YearFilter

from .models import (
    Chapter,
    Comment,
    Municipality,
    Plan,
    PlanValue,
    PoliceZone,
    Signatory,
    StakeholderExpectation,
)


class PoliceZoneFilterSet(django_filters.FilterSet):
    q = SearchFilter(["name", "long_name", "slug", "description"])
    number = IdFilter(help_text="The federal zone number, e.g. 5415.")

    class Meta:
        model = PoliceZone
        fields = ["q", "number", "slug"]


class MunicipalityFilterSet(django_filters.FilterSet):
    q = SearchFilter(["name", "nis_code", "mayor"])
    zone = IdFilter(field_name="zone_id")

    class Meta:
        model = Municipality
        fields = ["q", "zone", "nis_code"]


class PlanFilterSet(django_filters.FilterSet):
    q = SearchFilter(["title", "source_note", "mission", "vision"])
    zone = IdFilter(field_name="zone_id")
    year = YearFilter(method="in_period", label="year", help_text="Plans whose period includes this year.")
    extends = IdFilter(field_name="extends_id")

    class Meta:
        model = Plan
        fields = ["q", "zone", "year", "kind", "status", "language", "extends"]

    def in_period(self, queryset, name, value):
        return queryset.filter(period_start__lte=value, period_end__gte=value)


class _PlanPartFilterSet(django_filters.FilterSet):
    """Shared by the parts of a plan: ?plan= and ?zone=."""

    plan = IdFilter(field_name="plan_id")
    zone = IdFilter(field_name="plan__zone_id")


class ChapterFilterSet(_PlanPartFilterSet):
    q = SearchFilter(["title", "body"])

    class Meta:
        model = Chapter
        fields = ["q", "plan", "zone", "kind", "protection"]


class PlanValueFilterSet(_PlanPartFilterSet):
    q = SearchFilter(["name", "description"])

    class Meta:
        model = PlanValue
        fields = ["q", "plan", "zone"]


class StakeholderExpectationFilterSet(_PlanPartFilterSet):
    q = SearchFilter(["name", "expectations"])

    class Meta:
        model = StakeholderExpectation
        fields = ["q", "plan", "zone", "role", "protection"]


class SignatoryFilterSet(_PlanPartFilterSet):
    q = SearchFilter(["name", "role"])

    class Meta:
        model = Signatory
        fields = ["q", "plan", "zone", "protection"]


class CommentFilterSet(_PlanPartFilterSet):
    q = SearchFilter(["body"])
    priority = IdFilter(field_name="priority_id")
    indicator = IdFilter(field_name="indicator_id")
    resolved = django_filters.BooleanFilter(field_name="resolved_at", lookup_expr="isnull", exclude=True)

    class Meta:
        model = Comment
        fields = ["q", "plan", "zone", "priority", "indicator", "resolved"]
