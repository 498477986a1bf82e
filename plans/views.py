"""Screens of the plans app: the workspace of a zone's users and the plan editor."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.db.models import Count, Prefetch
from django.views.generic import TemplateView

from .access import VIEW, is_site_admin, zone_roles
from .models import Plan, PoliceZone


class HomeView(TemplateView):
    template_name = "plans/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["zones"] = PoliceZone.objects.annotate(municipality_count=Count("municipalities"))
        return context


class WorkspaceView(LoginRequiredMixin, TemplateView):
    """The zones a user works for, with their plans in every status."""

    template_name = "plans/workspace.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        zones = PoliceZone.objects.all() if is_site_admin(user) else PoliceZone.objects.filter(pk__in=zone_roles(user))
        plans = Plan.objects.restrict(user, VIEW).order_by("-period_start", "kind")
        context["zones"] = zones.prefetch_related(Prefetch("plans", queryset=plans))
        context["roles"] = {zone_id: sorted(roles) for zone_id, roles in zone_roles(user).items()}
        return context
