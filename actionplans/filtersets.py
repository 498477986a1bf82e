"""Filters for the yearly action plans, objectives, actions and milestones (API and list screens)."""

import django_filters

from core.api import IdFilter, SearchFilter, YearFilter
from priorities.models import Priority

from .models import Action, ActionPlan, Milestone, Objective


class ActionPlanFilterSet(django_filters.FilterSet):
    q = SearchFilter(["title", "summary", "responsible_unit", "priority__short_title", "priority__code"])
    plan = IdFilter(field_name="priority__plan_id")
    zone = IdFilter(field_name="priority__plan__zone_id")
    priority = IdFilter(field_name="priority_id")
    domain = IdFilter(field_name="priority__domain_id")
    theme = IdFilter(field_name="priority__theme_id")
    kind = django_filters.ChoiceFilter(
        field_name="priority__kind", choices=Priority.Kind.choices, help_text="The kind of the priority."
    )
    year = YearFilter()

    class Meta:
        model = ActionPlan
        fields = ["q", "plan", "zone", "priority", "domain", "theme", "kind", "year", "status", "protection"]


class ObjectiveFilterSet(django_filters.FilterSet):
    q = SearchFilter(["title", "description"])
    action_plan = IdFilter(field_name="action_plan_id")
    priority = IdFilter(field_name="action_plan__priority_id")
    plan = IdFilter(field_name="action_plan__priority__plan_id")
    zone = IdFilter(field_name="action_plan__priority__plan__zone_id")
    domain = IdFilter(field_name="action_plan__priority__domain_id")
    theme = IdFilter(field_name="action_plan__priority__theme_id")
    year = YearFilter(field_name="action_plan__year")

    class Meta:
        model = Objective
        fields = ["q", "action_plan", "priority", "plan", "zone", "domain", "theme", "year"]


class ActionFilterSet(django_filters.FilterSet):
    q = SearchFilter(["title", "description", "responsible_unit", "partners"])
    objective = IdFilter(field_name="objective_id")
    action_plan = IdFilter(field_name="objective__action_plan_id")
    priority = IdFilter(field_name="objective__action_plan__priority_id")
    plan = IdFilter(field_name="objective__action_plan__priority__plan_id")
    zone = IdFilter(field_name="objective__action_plan__priority__plan__zone_id")
    domain = IdFilter(field_name="objective__action_plan__priority__domain_id")
    theme = IdFilter(field_name="objective__action_plan__priority__theme_id")
    year = YearFilter(field_name="objective__action_plan__year")

    class Meta:
        model = Action
        fields = ["q", "objective", "action_plan", "priority", "plan", "zone", "domain", "theme", "year", "status",
                  "protection"]  # fmt: skip


class MilestoneFilterSet(django_filters.FilterSet):
    q = SearchFilter(["title"])
    action_plan = IdFilter(field_name="action_plan_id")
    priority = IdFilter(field_name="action_plan__priority_id")
    plan = IdFilter(field_name="action_plan__priority__plan_id")
    zone = IdFilter(field_name="action_plan__priority__plan__zone_id")
    year = YearFilter(field_name="action_plan__year")
    reached = django_filters.BooleanFilter(field_name="reached_on", lookup_expr="isnull", exclude=True)

    class Meta:
        model = Milestone
        fields = ["q", "action_plan", "priority", "plan", "zone", "year", "reached"]
