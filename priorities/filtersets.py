"""Filters for domains, themes and priorities: one FilterSet per model, shared by the API and the list screens."""

import django_filters

from core.api import IdFilter, SearchFilter

from .models import Domain, Priority, Theme


class _PlanFilterSet(django_filters.FilterSet):
    plan = IdFilter(field_name="plan_id")
    zone = IdFilter(field_name="plan__zone_id")


class DomainFilterSet(_PlanFilterSet):
    q = SearchFilter(["code", "name", "description"])

    class Meta:
        model = Domain
        fields = ["q", "plan", "zone", "code"]


class ThemeFilterSet(_PlanFilterSet):
    q = SearchFilter(["name"])
    parent = IdFilter(field_name="parent_id")
    root = django_filters.BooleanFilter(field_name="parent", lookup_expr="isnull", label="top-level themes only")

    class Meta:
        model = Theme
        fields = ["q", "plan", "zone", "parent", "root"]


class PriorityFilterSet(_PlanFilterSet):
    q = SearchFilter(["code", "short_title", "heading_title", "rationale", "target_group", "partners"])
    domain = IdFilter(field_name="domain_id")
    theme = IdFilter(field_name="theme_id")
    framework = IdFilter(field_name="frameworks")
    number = IdFilter(help_text="The priority's position in the plan's numbering.")

    class Meta:
        model = Priority
        fields = ["q", "plan", "zone", "domain", "theme", "kind", "protection", "framework", "number"]
