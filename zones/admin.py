"""Admin of zones, municipalities and memberships."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from core.admin import AccessRuleAdmin, AccessRuleInlineMixin
from zones.models import Municipality, PoliceZone, SubMunicipality, ZoneMembership


class MunicipalityInline(AccessRuleInlineMixin, admin.TabularInline):
    model = Municipality
    extra = 0
    fields = ("name", "nis_code", "population", "population_date", "area_km2", "mayor")
    show_change_link = True


class MembershipInline(AccessRuleInlineMixin, admin.TabularInline):
    model = ZoneMembership
    extra = 0
    autocomplete_fields = ("user",)


@admin.register(PoliceZone)
class PoliceZoneAdmin(AccessRuleAdmin):
    list_display = ("name", "number", "long_name", "municipality_count", "population_total", "website")
    search_fields = ("name", "long_name", "number", "municipalities__name", "municipalities__nis_code")
    prepopulated_fields = {"slug": ("name",)}
    inlines = (MunicipalityInline, MembershipInline)

    @admin.display(description=_("municipalities"))
    def municipality_count(self, obj):
        return obj.municipalities.count()

    @admin.display(description=_("population"))
    def population_total(self, obj):
        return obj.population


class SubMunicipalityInline(AccessRuleInlineMixin, admin.TabularInline):
    model = SubMunicipality
    extra = 0


@admin.register(Municipality)
class MunicipalityAdmin(AccessRuleAdmin):
    list_display = ("name", "nis_code", "zone", "population", "population_date", "mayor")
    list_filter = ("zone",)
    search_fields = ("name", "nis_code", "sub_municipalities__name", "sub_municipalities__postal_code")
    list_select_related = ("zone",)
    inlines = (SubMunicipalityInline,)


@admin.register(ZoneMembership)
class ZoneMembershipAdmin(AccessRuleAdmin):
    list_display = ("user", "zone", "role", "created_at")
    list_filter = ("zone", "role")
    search_fields = ("user__username", "user__email", "zone__name")
    autocomplete_fields = ("user",)
    list_select_related = ("user", "zone")
