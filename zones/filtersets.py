"""Filters of the zones' API lists."""

import django_filters

from core.api import IdFilter, SearchFilter
from zones.models import Municipality, PoliceZone, SubMunicipality


class PoliceZoneFilterSet(django_filters.FilterSet):
    q = SearchFilter(["name", "long_name", "slug", "description"])
    number = IdFilter(help_text="The federal zone number, e.g. 5415.")

    class Meta:
        model = PoliceZone
        fields = ["q", "number", "slug"]


class MunicipalityFilterSet(django_filters.FilterSet):
    q = SearchFilter(["name", "nis_code", "mayor"])
    zone = IdFilter(field_name="zone_id")

    class Meta:
        model = Municipality
        fields = ["q", "zone", "nis_code"]


class SubMunicipalityFilterSet(django_filters.FilterSet):
    q = SearchFilter(["name", "postal_code", "municipality__name"])
    municipality = IdFilter(field_name="municipality_id")
    zone = IdFilter(field_name="municipality__zone_id")

    class Meta:
        model = SubMunicipality
        fields = ["q", "municipality", "zone", "postal_code"]
