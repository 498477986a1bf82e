"""Serializers of domains, themes and priorities."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from core.api import TIMESTAMPS, ModelCleanSerializer

from ..models import Domain, Priority, Theme


class DomainSerializer(ModelCleanSerializer):
    parent_field = "plan"

    class Meta:
        model = Domain
        fields = ["id", "plan", "code", "name", "description", "order", "revision", *TIMESTAMPS]


class ThemeSerializer(ModelCleanSerializer):
    parent_field = "plan"

    class Meta:
        model = Theme
        fields = ["id", "plan", "parent", "name", "order", "revision", *TIMESTAMPS]


class PrioritySerializer(ModelCleanSerializer):
    parent_field = "plan"

    class Meta:
        model = Priority
        fields = [
            "id", "plan", "domain", "theme", "code", "number", "kind", "short_title", "heading_title", "rationale",
            "target_group", "partners", "owner_unit", "strategic_objective", "approach_advise", "approach_deter",
            "approach_enforce", "approach_investigate", "approach_aftercare", "stakeholder_expectations",
            "frameworks", "protection", "revision", *TIMESTAMPS,
        ]  # fmt: skip

    def validate_links(self, candidate, attrs):
        expectations = attrs.get("stakeholder_expectations") or []
        if any(expectation.plan_id != candidate.plan_id for expectation in expectations):
            raise serializers.ValidationError(
                {"stakeholder_expectations": [_("A priority answers the expectations of its own plan only.")]}
            )
        frameworks = attrs.get("frameworks") or []
        zone_id = candidate.plan.zone_id
        if any(framework.zone_id not in (None, zone_id) for framework in frameworks):
            raise serializers.ValidationError(
                {"frameworks": [_("A priority answers national frameworks and its own zone's only.")]}
            )
