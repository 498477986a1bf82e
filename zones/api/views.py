"""The zones' API: police zones, their municipalities and sub-municipalities."""

from django.db.models import Max, Prefetch, Sum

from core.access import VIEW
from core.api import RestrictedViewSet
from zones.api.serializers import MunicipalitySerializer, PoliceZoneSerializer, SubMunicipalitySerializer
from zones.filtersets import MunicipalityFilterSet, PoliceZoneFilterSet, SubMunicipalityFilterSet
from zones.models import Municipality, PoliceZone, SubMunicipality


class PoliceZoneViewSet(RestrictedViewSet):
    """A zone's identity is public. Its advisors and korpschef change it; only site administrators add zones;
    zones are not deleted through the API."""

    queryset = PoliceZone.objects.all()
    serializer_class = PoliceZoneSerializer
    filterset_class = PoliceZoneFilterSet
    ordering_fields = ["name", "number", "slug"]
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    def optimize(self, queryset):
        # An aggregate drops Meta.ordering (GROUP BY): order again, for stable pages.
        return queryset.annotate(
            population_total=Sum("municipalities__population"),
            population_reference_date=Max("municipalities__population_date"),
            municipality_area=Sum("municipalities__area_km2"),
        ).order_by(*PoliceZone._meta.ordering)


class MunicipalityViewSet(RestrictedViewSet):
    """Municipalities (NIS codes) of a zone, with their sub-municipalities; public facts, changed by the
    zone's advisors and korpschef."""

    queryset = Municipality.objects.all()
    serializer_class = MunicipalitySerializer
    filterset_class = MunicipalityFilterSet
    ordering_fields = ["name", "nis_code", "population"]

    def optimize(self, queryset):
        subs = SubMunicipality.objects.restrict(self.user, VIEW)
        return queryset.prefetch_related(Prefetch("sub_municipalities", queryset=subs))


class SubMunicipalityViewSet(RestrictedViewSet):
    """Sub-municipalities (deelgemeenten) one by one; public facts, changed by the zone's advisors and
    korpschef. The municipality's own endpoint writes them all at once (its ``sub_municipalities``)."""

    queryset = SubMunicipality.objects.all()
    serializer_class = SubMunicipalitySerializer
    filterset_class = SubMunicipalityFilterSet
    ordering_fields = ["name", "postal_code"]
