"""The editor's base view and the helpers its screens share."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views import View

from core.access import VIEW, can_change
from editor.sections import PLAN_SECTIONS


def visible_or_404(model, user, **lookup):
    """The row if *user* may see it; a 404 otherwise (never reveal that it exists)."""
    return get_object_or_404(model.objects.restrict(user, VIEW), **lookup)


def require_change(user, obj):
    if not can_change(user, obj):
        raise PermissionDenied(_("You may not change this."))


class EditorView(LoginRequiredMixin, View):
    """Base of the editor's screens: login required, helpers for plan context."""

    def plan_context(self, plan) -> dict:
        return {
            "plan": plan,
            "zone": plan.zone,
            "can_edit_plan": can_change(self.request.user, plan),
            "sections": PLAN_SECTIONS,
        }


def disable_forms(*forms):
    for form in forms:
        if form is None:
            continue
        for sub in getattr(form, "forms", [form]):
            for field in sub.fields.values():
                field.disabled = True
