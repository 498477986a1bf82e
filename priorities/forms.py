from django import forms
from django.db.models import Q

from core.forms import PortalModelForm
from plans.models import Framework

from .models import Domain, Priority, Theme


class DomainForm(PortalModelForm):
    class Meta:
        model = Domain
        fields = ["order", "code", "name", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class ThemeForm(PortalModelForm):
    class Meta:
        model = Theme
        fields = ["parent", "order", "name"]

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        parents = Theme.objects.filter(plan=plan).select_related("parent__parent")
        if self.instance.pk:
            parents = parents.exclude(pk=self.instance.pk)
        self.fields["parent"].queryset = parents


class PriorityForm(PortalModelForm):
    class Meta:
        model = Priority
        fields = [
            "number", "code", "kind", "domain", "theme", "protection", "short_title", "heading_title",
            "rationale", "strategic_objective", "target_group", "partners", "owner_unit",
            "approach_advise", "approach_deter", "approach_enforce", "approach_investigate", "approach_aftercare",
            "stakeholder_expectations", "frameworks",
        ]  # fmt: skip
        widgets = {
            "stakeholder_expectations": forms.CheckboxSelectMultiple,
            "frameworks": forms.CheckboxSelectMultiple,
            **{
                name: forms.Textarea(attrs={"rows": 4})
                for name in ("rationale", "strategic_objective", "target_group", "partners")
            },
            **{name: forms.Textarea(attrs={"rows": 3}) for name, _label in Priority.PILLARS},
        }

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["domain"].queryset = plan.domains.all()
        self.fields["theme"].queryset = plan.themes.select_related("parent__parent")
        self.fields["stakeholder_expectations"].queryset = plan.stakeholder_expectations.all()
        # National frameworks and the zone's own; never another zone's.
        self.fields["frameworks"].queryset = Framework.objects.filter(Q(zone__isnull=True) | Q(zone=plan.zone_id))
