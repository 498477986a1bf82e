"""Filters for the plans app's lists: one FilterSet per model, shared by the API and the list screens.

Links are filtered by id (``?plan=3``) without looking the linked row up, so
a filter never reveals whether a row the user may not see exists; the rows
listed are restricted by the caller (``restrict(user, "view")``) as always.
"""

import django_filters

from core.api import IdFilter, SearchFilter, YearFilter
from plans.models import Chapter, Framework, Plan, PlanValue, Signatory, StakeholderExpectation


class FrameworkFilterSet(django_filters.FilterSet):
    q = SearchFilter(["code", "title", "issuer"])
    zone = IdFilter(field_name="zone_id")
    national = django_filters.BooleanFilter(
        field_name="zone", lookup_expr="isnull", label="national", help_text="National frameworks (no zone) only."
    )

    class Meta:
        model = Framework
        fields = ["q", "code", "zone", "national"]


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


class PlanPartFilterSet(django_filters.FilterSet):
    """Shared by the parts of a plan: ?plan= and ?zone=."""

    plan = IdFilter(field_name="plan_id")
    zone = IdFilter(field_name="plan__zone_id")


class ChapterFilterSet(PlanPartFilterSet):
    q = SearchFilter(["title", "body"])

    class Meta:
        model = Chapter
        fields = ["q", "plan", "zone", "kind", "protection"]


class PlanValueFilterSet(PlanPartFilterSet):
    q = SearchFilter(["name", "description"])

    class Meta:
        model = PlanValue
        fields = ["q", "plan", "zone"]


class StakeholderExpectationFilterSet(PlanPartFilterSet):
    q = SearchFilter(["name", "expectations"])

    class Meta:
        model = StakeholderExpectation
        fields = ["q", "plan", "zone", "role", "protection"]


class SignatoryFilterSet(PlanPartFilterSet):
    q = SearchFilter(["name", "role"])

    class Meta:
        model = Signatory
        fields = ["q", "plan", "zone", "protection"]
