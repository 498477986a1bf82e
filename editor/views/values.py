"""The yearly values grid: advisors enter an indicator's values, the council approves the year."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from core.access import VIEW, may_approve_values, may_enter_values
from core.locking import lost_race_as_error
from editor.views.base import EditorView, disable_forms
from plans.models import Plan
from stats.forms import ValuesGridForm
from stats.models import Indicator
from stats.rows import year_values
from stats.services import approve_year, record_values

# --- Yearly values ---------------------------------------------------------------------------------------------------


class ValuesGridView(EditorView, TemplateView):
    """All indicators of a plan for one year: advisors enter the values, the council approves the year."""

    template_name = "editor/values_grid.html"

    def setup_grid(self, pk, year):
        user = self.request.user
        self.plan, self.may_change_plan = self.open(Plan, pk=pk)
        if year not in self.plan.years:
            raise Http404
        self.indicators = list(Indicator.objects.restrict(user, VIEW).filter(plan=self.plan).select_related("priority"))
        self.values = year_values(self.indicators, year, user)

    def get(self, request, pk, year):
        self.setup_grid(pk, year)
        return self.render(ValuesGridForm(indicators=self.indicators, values=self.values), year)

    def post(self, request, pk, year):
        self.setup_grid(pk, year)
        user = request.user
        if "approve" in request.POST:
            try:
                count = approve_year(self.plan, year, user)
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
            else:
                messages.success(request, _("%(count)s values of %(year)s approved.") % {"count": count, "year": year})
            return redirect("editor:values", pk=self.plan.pk, year=year)
        form = ValuesGridForm(request.POST, indicators=self.indicators, values=self.values)
        if not form.is_valid():
            return self.render(form, year, status=400)
        try:
            with lost_race_as_error():
                result = record_values(self.plan, year, form.entries(), user)
        except ValidationError as exc:
            if not hasattr(exc, "error_dict"):  # about the whole year (an archived plan), not one indicator
                form.add_error(None, exc)
                return self.render(form, year, status=400)
            for key, errors in exc.message_dict.items():
                name = f"value_{key}"
                form.add_error(name if name in form.fields else None, errors)
            return self.render(form, year, status=400)
        messages.success(request, _("Saved: %(created)s new, %(changed)s changed, %(removed)s removed.") % result)
        return redirect("editor:values", pk=self.plan.pk, year=year)

    def render(self, form, year, status=200):
        user = self.request.user
        can_enter = may_enter_values(user, self.plan.zone_id) and (self.plan.status in Plan.FOLLOW_UP_STATUSES)
        if not can_enter:
            disable_forms(form)
        pending = sum(1 for v in self.values.values() if not v.is_approved)
        context = self.plan_context(self.plan, self.may_change_plan) | {
            "form": form, "year": year, "can_enter": can_enter, "pending": pending,
            "can_approve": may_approve_values(user, self.plan.zone_id) and pending > 0,
        }  # fmt: skip
        return self.render_to_response(self.get_context_data(**context), status=status)
