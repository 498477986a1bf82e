"""The actionplans app's part of copying a plan into a revision (plans.copying)."""

from plans.copying import register_copier
from priorities.models import Priority

from .models import ActionPlan


@register_copier(order=40)
def copy_action_plans(copy) -> None:
    """Yearly action plans with their milestones, objectives and actions, under the copies of their priorities."""
    action_plans = ActionPlan.objects.filter(priority__plan=copy.source).prefetch_related(
        "objectives__actions", "milestones"
    )
    for action_plan in list(action_plans):
        objectives, milestones = list(action_plan.objectives.all()), list(action_plan.milestones.all())
        new = copy.clone(action_plan, priority=copy.copy_of(Priority, action_plan.priority_id))
        for milestone in milestones:
            copy.clone(milestone, action_plan=new)
        for objective in objectives:
            actions = list(objective.actions.all())
            new_objective = copy.clone(objective, action_plan=new)
            for action in actions:
                copy.clone(action, objective=new_objective)
