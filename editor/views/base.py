"""The editor's base view and the helpers its screens share.

A screen opens its one row with ``core.access.get_for_user`` (a 404 when the user may not see it) and
learns at once whether the user may change it.
"""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from django.views import View

from core.access import Opened, can_change, get_for_user
from editor.sections import PLAN_SECTIONS


def require_change(opened: Opened):
    """The opened row, if the user may change it; a 403 otherwise."""
    if not opened.may_change:
        raise PermissionDenied(_("You may not change this."))
    return opened.obj


class EditorView(LoginRequiredMixin, View):
    """Base of the editor's screens: login required, helpers to open a row and for plan context."""

    def open(self, queryset, **lookup) -> Opened:
        """The row of *queryset* (a model or a queryset) the user may see, and whether they may change it."""
        return get_for_user(queryset, self.request.user, **lookup)

    def plan_context(self, plan, may_change: bool | None = None) -> dict:
        """*may_change*: whether the user may change *plan*, when the view knows it already."""
        if may_change is None:
            may_change = can_change(self.request.user, plan)
        return {"plan": plan, "zone": plan.zone, "can_edit_plan": may_change, "sections": PLAN_SECTIONS}


def disable_forms(*forms):
    for form in forms:
        if form is None:
            continue
        for sub in getattr(form, "forms", [form]):
            for field in sub.fields.values():
                field.disabled = True
