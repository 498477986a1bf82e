"""A priority's page, an action plan's page, and moving priorities in a plan's numbering."""

from django.contrib import messages
from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from actionplans.models import Action, ActionPlan
from comments.forms import CommentForm
from comments.models import Comment
from core.access import CHANGE, VIEW, can_add, may_comment, may_resolve_comment, sees_zone_internals
from editor.views.base import EditorView, require_change
from plans.models import Plan
from priorities.models import Priority
from stats.models import Indicator, IndicatorValue
from stats.rows import indicator_years

# --- Priorities, action plans, comments -----------------------------------------------------------------------------


class PriorityDetailView(EditorView, TemplateView):
    template_name = "editor/priority_detail.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        priority = self.open(Priority, pk=kwargs["pk"]).obj
        action_plans = (
            ActionPlan.objects.restrict(user, VIEW)
            .filter(priority=priority)
            .annotate(
                done=Count("objectives__actions", filter=Q(objectives__actions__status=Action.Status.DONE)),
                counted=Count("objectives__actions", filter=~Q(objectives__actions__status=Action.Status.CANCELLED)),
            )
        )
        member = sees_zone_internals(user, priority.plan.zone_id)
        indicators = (
            Indicator.objects.restrict(user, VIEW)
            .filter(priority=priority)
            .prefetch_related("targets", Prefetch("values", queryset=IndicatorValue.objects.restrict(user, VIEW)))
        )
        years = list(priority.plan.years)
        rows = [(i, indicator_years(i, years, approved_only=not member)) for i in indicators]
        comments = Comment.objects.restrict(user, VIEW).filter(Q(priority=priority) | Q(indicator__priority=priority))
        return super().get_context_data(**kwargs) | self.plan_context(priority.plan) | {
            "priority": priority, "action_plans": action_plans, "indicator_rows": rows, "years": years,
            "comments": comments.select_related("author", "resolved_by", "indicator"),
            "comment_form": CommentForm(),
            "can_comment": may_comment(user, priority.plan.zone_id),
            "can_resolve": may_resolve_comment(user, priority.plan.zone_id),
            "can_add_action_plan": can_add(user, ActionPlan, plan=priority.plan),
        }  # fmt: skip


class ActionPlanDetailView(EditorView, TemplateView):
    template_name = "editor/actionplan_detail.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        action_plan, may_change = self.open(ActionPlan, pk=kwargs["pk"])
        objectives = action_plan.objectives.restrict(user, VIEW).prefetch_related(
            Prefetch("actions", queryset=Action.objects.restrict(user, VIEW))
        )
        return super().get_context_data(**kwargs) | self.plan_context(action_plan.priority.plan) | {
            "action_plan": action_plan, "objectives": objectives,
            "milestones": action_plan.milestones.restrict(user, VIEW),
            "totals": action_plan.capacity_totals(), "progress": action_plan.progress(),
            "can_change": may_change,
        }  # fmt: skip


class PriorityMoveView(EditorView):
    """Move a priority up or down, or renumber them all in their current order."""

    def post(self, request, pk, action):
        from priorities.services import move_priority, renumber_priorities

        plan = require_change(self.open(Plan, pk=pk))
        if action == "hernummeren":
            renumber_priorities(plan)
            messages.success(request, _("The priorities were renumbered."))
        else:
            priority = get_object_or_404(Priority.objects.restrict(request.user, CHANGE), plan=plan,
                                         pk=request.POST.get("priority"))  # fmt: skip
            move_priority(priority, -1 if action == "omhoog" else 1)
        return redirect(reverse("editor:section-list", args=["prioriteiten", plan.pk]) + "?sort=number")
