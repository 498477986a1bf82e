"""The dashboard's filters: one form that the page, its exports and the API all read."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.api import MAX_ID
from priorities.models import Priority
from stats.status import IndicatorStatus

from .services import Filters


class DashboardFilterForm(forms.Form):
    """Year of the plan's period, and the priorities to show: by domain, theme (with its sub-themes), kind and
    status."""

    year = forms.IntegerField(label=_("Year"), required=False, min_value=1990, max_value=2100)
    domain = forms.IntegerField(label=_("Domain"), required=False, min_value=1, max_value=MAX_ID)
    theme = forms.IntegerField(label=_("Theme"), required=False, min_value=1, max_value=MAX_ID)
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=[("", _("all")), *Priority.Kind.choices])
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", _("all")), *IndicatorStatus.choices])

    def __init__(self, data, plan, **kwargs):
        self.plan = plan
        super().__init__(data, **kwargs)

    def clean_year(self):
        year = self.cleaned_data.get("year")
        if year is not None and year not in self.plan.years:
            raise forms.ValidationError(
                _("The year must lie within the plan's period %(start)s-%(end)s.")
                % {"start": self.plan.period_start, "end": self.plan.period_end}
            )
        return year

    def valid_values(self) -> dict:
        """The values that passed validation (an invalid one is left out, so a page still shows)."""
        self.is_valid()
        return {name: self.cleaned_data.get(name) for name in self.fields if name not in self.errors}

    def year_and_filters(self) -> tuple[int | None, Filters]:
        values = self.valid_values()
        return values.get("year"), Filters(
            domain=values.get("domain"),
            theme=values.get("theme"),
            kind=values.get("kind") or None,
            status=values.get("status") or None,
        )
