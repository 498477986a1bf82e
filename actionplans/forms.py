from django import forms

from core.forms import DATE, PortalModelForm

from .models import Action, ActionPlan, Milestone, Objective


class ActionPlanForm(PortalModelForm):
    class Meta:
        model = ActionPlan
        fields = ["year", "title", "status", "responsible_unit", "protection", "summary", "is_sample"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"] = forms.TypedChoiceField(
            label=self.fields["year"].label, coerce=int, choices=[(y, y) for y in plan.years]
        )


class ObjectiveForm(PortalModelForm):
    class Meta:
        model = Objective
        fields = ["order", "title", "description", "is_sample"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class ActionForm(PortalModelForm):
    class Meta:
        model = Action
        fields = [
            "order", "title", "status", "protection", "description", "responsible_unit", "partners",
            "start_date", "end_date", "planned_hours", "spent_hours", "budget", "is_sample",
        ]  # fmt: skip
        widgets = {
            "start_date": DATE,
            "end_date": DATE,
            "description": forms.Textarea(attrs={"rows": 3}),
            "partners": forms.Textarea(attrs={"rows": 2}),
        }


class MilestoneForm(PortalModelForm):
    class Meta:
        model = Milestone
        fields = ["title", "due_date", "reached_on", "is_sample"]
        widgets = {"due_date": DATE, "reached_on": DATE}
