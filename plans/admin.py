from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    Chapter,
    Comment,
    Framework,
    Municipality,
    Plan,
    PlanStatusChange,
    PlanValue,
    PoliceZone,
    Signatory,
    StakeholderExpectation,
    SubMunicipality,
    ZoneMembership,
)


class MunicipalityInline(admin.TabularInline):
    model = Municipality
    extra = 0
    fields = ("name", "nis_code", "population", "population_date", "area_km2", "mayor")
    show_change_link = True


class MembershipInline(admin.TabularInline):
    model = ZoneMembership
    extra = 0
    autocomplete_fields = ("user",)


@admin.register(PoliceZone)
class PoliceZoneAdmin(SimpleHistoryAdmin):
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


class SubMunicipalityInline(admin.TabularInline):
    model = SubMunicipality
    extra = 0


@admin.register(Municipality)
class MunicipalityAdmin(SimpleHistoryAdmin):
    list_display = ("name", "nis_code", "zone", "population", "population_date", "mayor")
    list_filter = ("zone",)
    search_fields = ("name", "nis_code", "sub_municipalities__name", "sub_municipalities__postal_code")
    list_select_related = ("zone",)
    inlines = (SubMunicipalityInline,)


@admin.register(ZoneMembership)
class ZoneMembershipAdmin(SimpleHistoryAdmin):
    list_display = ("user", "zone", "role", "created_at")
    list_filter = ("zone", "role")
    search_fields = ("user__username", "user__email", "zone__name")
    autocomplete_fields = ("user",)
    list_select_related = ("user", "zone")


@admin.register(Framework)
class FrameworkAdmin(SimpleHistoryAdmin):
    list_display = ("code", "title", "issuer")
    search_fields = ("code", "title", "issuer")


class PlanValueInline(admin.TabularInline):
    model = PlanValue
    extra = 0


class ChapterInline(admin.StackedInline):
    model = Chapter
    extra = 0
    fields = ("order", "kind", "title", "protection", "body")
    show_change_link = True


class StakeholderInline(admin.StackedInline):
    model = StakeholderExpectation
    extra = 0
    fields = ("order", "role", "name", "protection", "expectations")


class SignatoryInline(admin.TabularInline):
    model = Signatory
    extra = 0
    fields = ("order", "name", "role", "signed_on", "protection")


class StatusChangeInline(admin.TabularInline):
    model = PlanStatusChange
    extra = 0
    can_delete = False
    readonly_fields = ("from_status", "to_status", "changed_by", "changed_at", "note")

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Plan)
class PlanAdmin(SimpleHistoryAdmin):
    list_display = ("title", "zone", "kind", "period_start", "period_end", "status", "council_approved_on")
    list_filter = ("zone", "kind", "status", "period_start")
    search_fields = ("title", "zone__name", "foreword", "mission", "vision")
    list_select_related = ("zone",)
    autocomplete_fields = ("extends",)
    readonly_fields = ("status", "published_at", "created_at", "updated_at", "revision")
    fieldsets = (
        (
            None,
            {"fields": ("zone", "title", "kind", "extends", ("period_start", "period_end"), "language", "source_note")},
        ),
        (_("Workflow"), {"fields": ("status", "council_approved_on", "minister_approved_on", "published_at")}),
        (
            _("Foreword and closing word"),
            {"fields": ("foreword", "foreword_author", "closing_word", "closing_word_author")},
        ),
        (_("Mission and vision"), {"fields": ("mission", "vision")}),
        (_("Record"), {"fields": ("created_at", "updated_at", "revision"), "classes": ("collapse",)}),
    )
    inlines = (PlanValueInline, ChapterInline, StakeholderInline, SignatoryInline, StatusChangeInline)


@admin.register(Chapter)
class ChapterAdmin(SimpleHistoryAdmin):
    list_display = ("title", "plan", "kind", "order", "protection")
    list_filter = ("plan__zone", "kind", "protection")
    search_fields = ("title", "body")
    list_select_related = ("plan__zone",)


@admin.register(StakeholderExpectation)
class StakeholderExpectationAdmin(SimpleHistoryAdmin):
    list_display = ("__str__", "plan", "role", "protection")
    list_filter = ("plan__zone", "role", "protection")
    search_fields = ("name", "expectations")
    list_select_related = ("plan__zone",)


@admin.register(Signatory)
class SignatoryAdmin(SimpleHistoryAdmin):
    list_display = ("name", "role", "plan", "signed_on")
    list_filter = ("plan__zone",)
    search_fields = ("name", "role")
    list_select_related = ("plan__zone",)


@admin.register(PlanStatusChange)
class PlanStatusChangeAdmin(admin.ModelAdmin):
    list_display = ("plan", "from_status", "to_status", "changed_by", "changed_at")
    list_filter = ("to_status", "plan__zone")
    list_select_related = ("plan__zone", "changed_by")
    readonly_fields = ("plan", "from_status", "to_status", "changed_by", "changed_at", "note")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Comment)
class CommentAdmin(SimpleHistoryAdmin):
    list_display = ("__str__", "plan", "author", "created_at", "resolved_at")
    list_filter = ("plan__zone", "resolved_at")
    search_fields = ("body",)
    list_select_related = ("plan__zone", "priority", "indicator", "author")
    raw_id_fields = ("priority", "indicator", "author", "resolved_by")
