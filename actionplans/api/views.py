"""API of the yearly follow-up: action plans, objectives, actions, milestones.

They stay editable (by the zone's advisors and korpschef) until the plan is
archived: the yearly follow-up goes on while a plan is in force.
"""

from core.api import RestrictedViewSet

from ..filtersets import ActionFilterSet, ActionPlanFilterSet, MilestoneFilterSet, ObjectiveFilterSet
from ..models import Action, ActionPlan, Milestone, Objective
from .serializers import ActionPlanSerializer, ActionSerializer, MilestoneSerializer, ObjectiveSerializer


class ActionPlanViewSet(RestrictedViewSet):
    """The action plan of one priority for one year; changed until the plan is archived."""

    queryset = ActionPlan.objects.all()
    serializer_class = ActionPlanSerializer
    filterset_class = ActionPlanFilterSet
    ordering_fields = ["year", "title", "status", "id"]


class ObjectiveViewSet(RestrictedViewSet):
    """The SMART objectives of a yearly action plan; changed until the plan is archived."""

    queryset = Objective.objects.all()
    serializer_class = ObjectiveSerializer
    filterset_class = ObjectiveFilterSet
    ordering_fields = ["order", "title", "id"]


class ActionViewSet(RestrictedViewSet):
    """Concrete actions towards an objective (unit, dates, status, capacity, budget); changed until the plan
    is archived."""

    queryset = Action.objects.all()
    serializer_class = ActionSerializer
    filterset_class = ActionFilterSet
    ordering_fields = ["order", "title", "start_date", "end_date", "status", "id"]


class MilestoneViewSet(RestrictedViewSet):
    """Dated steps of a yearly action plan, reached or not; changed until the plan is archived."""

    queryset = Milestone.objects.all()
    serializer_class = MilestoneSerializer
    filterset_class = MilestoneFilterSet
    ordering_fields = ["due_date", "reached_on", "title", "id"]
