"""Serializers of the zones' API."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core.api import TIMESTAMPS, ModelCleanSerializer
from zones.models import Municipality, PoliceZone, SubMunicipality


class PoliceZoneSerializer(ModelCleanSerializer):
    population = serializers.IntegerField(
        source="population_total", read_only=True, allow_null=True, help_text=_("Sum of the municipalities.")
    )
    population_date = serializers.DateField(
        source="population_reference_date",
        read_only=True,
        allow_null=True,
        help_text=_("The latest reference date of the municipalities' population figures."),
    )
    total_area_km2 = serializers.SerializerMethodField(
        help_text=_("The zone's area, or else the sum of its municipalities' areas.")
    )
    logo = serializers.ImageField(read_only=True, allow_null=True, use_url=True)

    class Meta:
        model = PoliceZone
        fields = [
            "id", "number", "name", "long_name", "slug", "kind", "korpschef", "website", "area_km2", "total_area_km2",
            "population", "population_date", "logo", "description", "revision", *TIMESTAMPS,
        ]  # fmt: skip

    @extend_schema_field(serializers.DecimalField(max_digits=10, decimal_places=2, allow_null=True))
    def get_total_area_km2(self, zone):
        area = zone.area_km2 if zone.area_km2 is not None else getattr(zone, "municipality_area", None)
        return None if area is None else f"{area:.2f}"


class SubMunicipalitySerializer(serializers.ModelSerializer):
    class Meta:
        model = SubMunicipality
        fields = ["id", "name", "postal_code"]


class MunicipalitySerializer(ModelCleanSerializer):
    parent_field = "zone"
    sub_municipalities = SubMunicipalitySerializer(many=True, read_only=True)

    class Meta:
        model = Municipality
        fields = [
            "id", "zone", "name", "nis_code", "population", "population_date", "area_km2", "mayor",
            "sub_municipalities", "revision", *TIMESTAMPS,
        ]  # fmt: skip
