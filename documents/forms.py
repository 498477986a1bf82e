"""Forms of the documents app: asking for a document, writing an annual report's introduction."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.base import Protection
from core.forms import PortalFormMixin

from .models import AnnualReport, Document


class DocumentRequestForm(PortalFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Document"), choices=Document.Kind.choices, initial=Document.Kind.PLAN)
    protection = forms.ChoiceField(
        label=_("Edition"),
        choices=[
            (Protection.PUBLIC, _("Public edition (leaves out non-public parts)")),
            (Protection.RESTRICTED, _("Internal edition (everything, marked as restricted on every page)")),
        ],
        initial=Protection.PUBLIC,
    )
    year = forms.TypedChoiceField(
        label=_("Year of the annual report"), coerce=int, required=False, empty_value=None,
        help_text=_("Only for an annual report."),
    )  # fmt: skip

    def __init__(self, *args, plan, **kwargs):
        self.plan = plan
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", "—")] + [(y, y) for y in plan.years]
        self.fields["year"].initial = None

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("kind") == Document.Kind.ANNUAL_REPORT and not cleaned.get("year"):
            self.add_error("year", _("Choose the year of the annual report."))
        return cleaned


class AnnualReportForm(PortalFormMixin, forms.ModelForm):
    class Meta:
        model = AnnualReport
        fields = ["introduction"]
        widgets = {"introduction": forms.Textarea(attrs={"rows": 14, "class": "rich-text"})}
