from django import forms
from django.forms.models import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from core.forms import DATE, PortalFormMixin, PortalModelForm

from .models import (
    PRINTED_TOTAL_FIELDS,
    CrimeCategory,
    FinancialLine,
    Indicator,
    IndicatorTarget,
    KeyFigure,
    StaffLine,
    StaffTable,
    StatPoint,
    StatSeries,
)


class IndicatorForm(PortalModelForm):
    class Meta:
        model = Indicator
        fields = [
            "order", "code", "name", "priority", "protection", "description", "unit", "direction", "source",
            "source_detail", "baseline_year", "baseline_value", "at_risk_margin", "series", "is_sample",
        ]  # fmt: skip
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["priority"].queryset = plan.priorities.all()
        self.fields["series"].queryset = StatSeries.objects.filter(zone_id=plan.zone_id)


class TargetForm(PortalModelForm):
    class Meta:
        model = IndicatorTarget
        fields = ["year", "value", "note"]


TargetFormSet = inlineformset_factory(Indicator, IndicatorTarget, form=TargetForm, extra=0, can_delete=True)


class KeyFigureForm(PortalModelForm):
    class Meta:
        model = KeyFigure
        fields = ["order", "label", "value_text", "value", "unit", "year", "protection"]


class FinancialLineForm(PortalModelForm):
    class Meta:
        model = FinancialLine
        fields = ["year", "kind", "category", "municipality", "label", "amount", "order", "protection", "is_sample"]

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = plan.zone.municipalities.all()
        self.fields["year"] = forms.TypedChoiceField(
            label=self.fields["year"].label, coerce=int, choices=[(y, y) for y in plan.years]
        )


class StaffTableForm(PortalModelForm):
    class Meta:
        model = StaffTable
        fields = ["title", "reference_date", "source", *PRINTED_TOTAL_FIELDS.values(), "protection", "is_sample"]
        widgets = {"reference_date": DATE}


class StaffLineForm(PortalModelForm):
    class Meta:
        model = StaffLine
        fields = ["category", "order", "label", "actual", "fte", "authorised"]


StaffLineFormSet = inlineformset_factory(StaffTable, StaffLine, form=StaffLineForm, extra=2, can_delete=True)


class StatSeriesForm(PortalModelForm):
    class Meta:
        model = StatSeries
        fields = [
            "name", "kind", "municipality", "area", "crime_category", "accident_type", "severity", "survey",
            "question", "answer", "unit", "source", "protection", "is_sample",
        ]  # fmt: skip
        widgets = {"question": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, zone, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = zone.municipalities.all()
        # The national categories and the zone's own; never another zone's.
        self.fields["crime_category"].queryset = CrimeCategory.objects.usable_in(zone.pk)


class CrimeCategoryForm(PortalModelForm):
    """A zone's own crime category, under a national or own parent."""

    class Meta:
        model = CrimeCategory
        fields = ["code", "name", "parent", "order"]

    def __init__(self, *args, zone, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = CrimeCategory.objects.usable_in(zone.pk)


class StatPointForm(PortalModelForm):
    class Meta:
        model = StatPoint
        fields = ["year", "value", "is_provisional", "note", "is_sample"]


StatPointFormSet = inlineformset_factory(StatSeries, StatPoint, form=StatPointForm, extra=2, can_delete=True)


class ValuesGridForm(PortalFormMixin, forms.Form):
    """One row per indicator of a plan for one year: the measured value and a note.

    Approved values are shown read-only; an empty value removes an unapproved one.
    """

    def __init__(self, *args, indicators, values, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = []
        for indicator in indicators:
            current = values.get(indicator.pk)
            value_name, note_name = f"value_{indicator.pk}", f"note_{indicator.pk}"
            approved = bool(current and current.is_approved)
            self.fields[value_name] = forms.DecimalField(
                label=_("Value for %(indicator)s") % {"indicator": indicator},
                required=False, max_digits=14, decimal_places=2, disabled=approved,
                initial=current.value if current else None,
            )  # fmt: skip
            self.fields[note_name] = forms.CharField(
                label=_("Note for %(indicator)s") % {"indicator": indicator},
                required=False, max_length=300, disabled=approved, initial=current.note if current else "",
            )  # fmt: skip
            self.rows.append((indicator, self[value_name], self[note_name], current))
        self.style_fields()

    def entries(self) -> list[dict]:
        """What changed, in the shape stats.services.record_values takes."""
        entries = []
        for indicator, value_field, note_field, current in self.rows:
            if value_field.field.disabled:
                continue
            value, note = self.cleaned_data[value_field.name], self.cleaned_data[note_field.name] or ""
            if current is None and value is None:
                continue
            if current is not None and value == current.value and note == current.note:
                continue
            entries.append({"indicator": indicator.pk, "value": value, "note": note})
        return entries
