"""Forms of the plans app, and the pieces every editing form of the portal shares."""

from django import forms
from django.forms.models import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from .models import Chapter, Comment, Municipality, Plan, PlanValue, PoliceZone, Signatory, StakeholderExpectation

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PortalFormMixin:
    """Bootstrap classes and accessible error wiring for every field.

    A form whose model has a ``revision`` counter also carries the revision the
    editor loaded (``loaded_revision``), so a save against a newer one is
    refused instead of overwriting it (see plans.locking).
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        instance = getattr(self, "instance", None)
        if instance is not None and instance.pk and hasattr(instance, "revision"):
            self.fields["loaded_revision"] = forms.IntegerField(widget=forms.HiddenInput, initial=instance.revision)
        self.style_fields()

    def style_fields(self):
        for name, field in self.fields.items():
            widget = field.widget
            if isinstance(widget, forms.HiddenInput):
                continue
            if isinstance(widget, forms.CheckboxInput):
                css = "form-check-input"
            elif isinstance(widget, forms.CheckboxSelectMultiple | forms.RadioSelect):
                css = ""
            elif isinstance(widget, forms.Select):
                css = "form-select"
            else:
                css = "form-control"
            if css:
                widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()
            if field.help_text:
                widget.attrs["aria-describedby"] = f"{self.add_prefix(name)}-help"

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                self.fields[name].widget.attrs["aria-invalid"] = "true"

    @property
    def loaded_revision(self) -> int | None:
        return self.cleaned_data.get("loaded_revision") if hasattr(self, "cleaned_data") else None


class PortalModelForm(PortalFormMixin, forms.ModelForm):
    pass


class RichTextarea(forms.Textarea):
    """A textarea that the page turns into the rich-text editor (HTML is sanitised on save)."""

    def __init__(self, attrs=None):
        super().__init__({"class": "rich-text", "rows": 14, **(attrs or {})})


class PlanForm(PortalModelForm):
    class Meta:
        model = Plan
        fields = [
            "title", "period_start", "period_end", "language",
            "foreword", "foreword_author", "mission", "vision", "closing_word", "closing_word_author",
        ]  # fmt: skip
        widgets = {f: forms.Textarea(attrs={"rows": 6}) for f in ("foreword", "mission", "vision", "closing_word")}


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


class ZoneForm(PortalModelForm):
    class Meta:
        model = PoliceZone
        fields = ["long_name", "number", "website", "area_km2", "logo", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}


class MunicipalityForm(PortalModelForm):
    class Meta:
        model = Municipality
        fields = ["name", "nis_code", "population", "population_date", "area_km2", "mayor"]
        widgets = {"population_date": DATE}


MunicipalityFormSet = inlineformset_factory(
    PoliceZone, Municipality, form=MunicipalityForm, extra=1, can_delete=True, min_num=1, validate_min=True
)


class CommentForm(PortalModelForm):
    class Meta:
        model = Comment
        fields = ["body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 3})}
        labels = {"body": _("Your comment")}


class TransitionForm(forms.Form):
    to_status = forms.ChoiceField(choices=Plan.Status.choices)
    note = forms.CharField(required=False, max_length=1000)
    on = forms.DateField(required=False)


class AddendumForm(PortalFormMixin, forms.Form):
    period_end = forms.IntegerField(label=_("last year of the extended period"), min_value=1990, max_value=2100)
    title = forms.CharField(label=_("title"), required=False, max_length=300)
