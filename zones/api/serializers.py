"""Serializers of the zones' API: a zone, its municipalities with their sub-municipalities (written nested)."""

from django.db import transaction
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core.api import TIMESTAMPS, ModelCleanSerializer
from core.api_fields import IndexedListSerializer, StrictFieldsMixin
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
    logo = serializers.ImageField(
        required=False,
        allow_null=True,
        use_url=True,
        help_text=_("An image, uploaded as multipart/form-data; null removes the logo."),
    )

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

    def validate_logo(self, value):
        return "" if value is None else value  # the column is not nullable: no logo is an empty name


class SubMunicipalityRowSerializer(StrictFieldsMixin, serializers.ModelSerializer):
    id = serializers.IntegerField(
        required=False,
        min_value=1,
        help_text=_("Leave out for a new sub-municipality; give it to change an existing one."),
    )

    class Meta:
        model = SubMunicipality
        fields = ["id", "name", "postal_code"]
        list_serializer_class = IndexedListSerializer

    def validate(self, attrs):
        # A PATCH of the municipality makes every field optional; a row still needs its name.
        if "name" not in attrs:
            raise serializers.ValidationError({"name": [self.fields["name"].error_messages["required"]]})
        return attrs


SUB_MUNICIPALITIES_HELP = _(
    "The municipality's sub-municipalities (deelgemeenten). Sent, the list replaces them all, in one go: rows "
    "with an id are changed, rows without are added, the ones left out are deleted. Errors are keyed by the "
    "row's index in the list."
)


class MunicipalitySerializer(ModelCleanSerializer):
    parent_field = "zone"
    sub_municipalities = SubMunicipalityRowSerializer(many=True, required=False, help_text=SUB_MUNICIPALITIES_HELP)

    class Meta:
        model = Municipality
        fields = [
            "id", "zone", "name", "nis_code", "population", "population_date", "area_km2", "mayor",
            "sub_municipalities", "revision", *TIMESTAMPS,
        ]  # fmt: skip

    def validate_sub_municipalities(self, rows):
        existing = dict(
            SubMunicipality.objects.filter(municipality=self.instance).values_list("pk", "postal_code")
            if self.instance
            else ()
        )
        errors, names, ids = {}, {}, set()
        for index, row in enumerate(rows):
            row_errors = {}
            pk = row.get("id")
            if pk is not None and pk not in existing:
                row_errors["id"] = [gettext("This municipality has no sub-municipality with this id.")]
            elif pk is not None and pk in ids:
                row_errors["id"] = [gettext("This sub-municipality is in the list twice.")]
            ids.add(pk)
            if "postal_code" not in row:  # left out: an existing row keeps its postal code
                row["postal_code"] = existing.get(pk, "")
            name = row["name"].strip().casefold()
            if name in names:
                row_errors["name"] = [gettext("This name is already in the list (row %(row)s).") % {"row": names[name]}]
            names.setdefault(name, index)
            if row_errors:
                errors[str(index)] = row_errors
        if errors:
            raise serializers.ValidationError(errors)
        return rows

    def create(self, validated_data):
        rows = validated_data.pop("sub_municipalities", None)
        with transaction.atomic():
            municipality = super().create(validated_data)
            if rows:
                write_sub_municipalities(municipality, rows)
        return municipality

    def update(self, instance, validated_data):
        rows = validated_data.pop("sub_municipalities", None)
        with transaction.atomic():
            self.force_save = rows is not None and sub_municipalities_differ(instance, rows)
            instance = super().update(instance, validated_data)
            if self.force_save:
                write_sub_municipalities(instance, rows)
        return instance


class SubMunicipalitySerializer(ModelCleanSerializer):
    parent_field = "municipality"

    class Meta:
        model = SubMunicipality
        fields = ["id", "municipality", "name", "postal_code"]


def _key(row) -> tuple:
    return row.get("id"), row["name"], row["postal_code"]


def sub_municipalities_differ(municipality, rows) -> bool:
    current = set(SubMunicipality.objects.filter(municipality=municipality).values_list("pk", "name", "postal_code"))
    return current != {_key(row) for row in rows}


def write_sub_municipalities(municipality, rows):
    """Make the municipality's sub-municipalities exactly *rows* (validated): delete, change, add."""
    keep = {row["id"] for row in rows if row.get("id")}
    subs = SubMunicipality.objects.filter(municipality=municipality)
    subs.exclude(pk__in=keep).delete()
    stored = {sub.pk: sub for sub in subs}
    # Two rows may swap names: clear the changed names first, so the unique name never collides midway.
    changed = [row for row in rows if row.get("id") and _key(row) != (row["id"], stored[row["id"]].name,
                                                                        stored[row["id"]].postal_code)]  # fmt: skip
    for row in changed:
        # A placeholder no real name has (PostgreSQL refuses NUL in text), unique per row.
        SubMunicipality.objects.filter(pk=row["id"]).update(name=f"\u2063swap-{row['id']}")
    for row in changed:
        sub = stored[row["id"]]
        sub.name, sub.postal_code = row["name"], row["postal_code"]
        sub.save()
    for row in rows:
        if not row.get("id"):
            SubMunicipality.objects.create(municipality=municipality, name=row["name"], postal_code=row["postal_code"])
