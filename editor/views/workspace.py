"""The workspace: the zones a user works for, with their plans."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.db.models import Prefetch
from django.views.generic import TemplateView

from core.access import VIEW, zone_roles
from plans.models import Plan
from zones.models import PoliceZone


class WorkspaceView(LoginRequiredMixin, TemplateView):
    """The zones a user works for, with their plans in every status."""

    template_name = "editor/workspace.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        zones = PoliceZone.objects.of(user)
        plans = Plan.objects.restrict(user, VIEW).order_by("-period_start", "kind")
        context["zones"] = zones.prefetch_related(Prefetch("plans", queryset=plans))
        context["roles"] = {zone_id: sorted(roles) for zone_id, roles in zone_roles(user).items()}
        return context
