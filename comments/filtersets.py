"""Filters of the comments' API list."""

import django_filters

from comments.models import Comment
from core.api import IdFilter, SearchFilter
from plans.filtersets import PlanPartFilterSet


class CommentFilterSet(PlanPartFilterSet):
    q = SearchFilter(["body"])
    priority = IdFilter(field_name="priority_id")
    indicator = IdFilter(field_name="indicator_id")
    resolved = django_filters.BooleanFilter(field_name="resolved_at", lookup_expr="isnull", exclude=True)

    class Meta:
        model = Comment
        fields = ["q", "plan", "zone", "priority", "indicator", "resolved"]
