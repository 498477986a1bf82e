"""Serializers of the yearly action plans, their objectives, actions and milestones."""

from core.api import TIMESTAMPS, ModelCleanSerializer

from ..models import Action, ActionPlan, Milestone, Objective


class ActionPlanSerializer(ModelCleanSerializer):
    parent_field = "priority"

    class Meta:
        model = ActionPlan
        fields = [
            "id", "priority", "year", "title", "summary", "responsible_unit", "status", "protection", "is_sample",
            "revision", *TIMESTAMPS,
        ]  # fmt: skip


class ObjectiveSerializer(ModelCleanSerializer):
    parent_field = "action_plan"

    class Meta:
        model = Objective
        fields = ["id", "action_plan", "title", "description", "order", "is_sample", "revision", *TIMESTAMPS]


class ActionSerializer(ModelCleanSerializer):
    parent_field = "objective"

    class Meta:
        model = Action
        fields = [
            "id", "objective", "title", "description", "responsible_unit", "partners", "start_date", "end_date",
            "status", "planned_hours", "spent_hours", "budget", "order", "protection", "is_sample", "revision",
            *TIMESTAMPS,
        ]  # fmt: skip


class MilestoneSerializer(ModelCleanSerializer):
    parent_field = "action_plan"

    class Meta:
        model = Milestone
        fields = ["id", "action_plan", "title", "due_date", "reached_on", "is_sample", "revision", *TIMESTAMPS]
