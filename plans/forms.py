"""Forms of the plans app: a plan, its chapters, values, stakeholders, signatories and workflow steps."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import DATE, PortalFormMixin, PortalModelForm, RichTextarea
from plans.models import Chapter, Framework, Plan, PlanValue, Signatory, StakeholderExpectation


class PlanForm(PortalModelForm):
    class Meta:
        model = Plan
        fields = [
            "title", "period_start", "period_end", "language", "valid_from", "themes_chosen_on",
            "foreword", "foreword_author", "mission", "vision", "closing_word", "closing_word_author",
        ]  # fmt: skip
        widgets = {
            **{f: forms.Textarea(attrs={"rows": 6}) for f in ("foreword", "mission", "vision", "closing_word")},
            "valid_from": DATE,
            "themes_chosen_on": DATE,
        }


class FrameworkForm(PortalModelForm):
    """A zone's own policy framework (a COL circular, the KIV, a regional plan)."""

    class Meta:
        model = Framework
        fields = ["code", "title", "issuer", "url"]


class ChapterForm(PortalModelForm):
    class Meta:
        model = Chapter
        fields = ["order", "kind", "title", "protection", "body"]
        widgets = {"body": RichTextarea()}


class PlanValueForm(PortalModelForm):
    class Meta:
        model = PlanValue
        fields = ["order", "name", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class StakeholderExpectationForm(PortalModelForm):
    class Meta:
        model = StakeholderExpectation
        fields = ["order", "role", "name", "protection", "expectations"]


class SignatoryForm(PortalModelForm):
    class Meta:
        model = Signatory
        fields = ["order", "name", "role", "signed_on", "protection"]
        widgets = {"signed_on": DATE}


class TransitionForm(forms.Form):
    to_status = forms.ChoiceField(choices=Plan.Status.choices)
    note = forms.CharField(required=False, max_length=1000)
    on = forms.DateField(required=False)


class AddendumForm(PortalFormMixin, forms.Form):
    period_end = forms.IntegerField(label=_("last year of the extended period"), min_value=1990, max_value=2100)
    title = forms.CharField(label=_("title"), required=False, max_length=300)


class MinisterialApprovalForm(forms.Form):
    on = forms.DateField(label=_("approved by the ministers on"), widget=DATE)
