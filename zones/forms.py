"""Forms of a zone's profile: the zone and its municipalities."""

from django import forms
from django.forms.models import inlineformset_factory

from core.forms import DATE, PortalModelForm
from zones.models import Municipality, PoliceZone


class ZoneForm(PortalModelForm):
    class Meta:
        model = PoliceZone
        fields = ["long_name", "number", "kind", "korpschef", "website", "area_km2", "logo", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}


class MunicipalityForm(PortalModelForm):
    class Meta:
        model = Municipality
        fields = ["name", "nis_code", "population", "population_date", "area_km2", "mayor"]
        widgets = {"population_date": DATE}


MunicipalityFormSet = inlineformset_factory(
    PoliceZone, Municipality, form=MunicipalityForm, extra=1, can_delete=True, min_num=1, validate_min=True
)
