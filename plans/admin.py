from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from core.admin import AccessRuleAdmin, AccessRuleInlineMixin
from plans.models import Chapter, Framework, Plan, PlanStatusChange, PlanValue, Signatory, StakeholderExpectation


@admin.register(Framework)
class FrameworkAdmin(AccessRuleAdmin):
    list_display = ("code", "title", "issuer")
    search_fields = ("code", "title", "issuer")


class PlanValueInline(AccessRuleInlineMixin, admin.TabularInline):
    model = PlanValue
    extra = 0


class ChapterInline(AccessRuleInlineMixin, admin.StackedInline):
    model = Chapter
    extra = 0
    fields = ("order", "kind", "title", "protection", "body")
    show_change_link = True


class StakeholderInline(AccessRuleInlineMixin, admin.StackedInline):
    model = StakeholderExpectation
    extra = 0
    fields = ("order", "role", "name", "protection", "expectations")


class SignatoryInline(AccessRuleInlineMixin, admin.TabularInline):
    model = Signatory
    extra = 0
    fields = ("order", "name", "role", "signed_on", "protection")


class StatusChangeInline(AccessRuleInlineMixin, admin.TabularInline):
    model = PlanStatusChange
    extra = 0
    can_delete = False
    readonly_fields = ("from_status", "to_status", "changed_by", "changed_at", "note")

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Plan)
class PlanAdmin(AccessRuleAdmin):
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
class ChapterAdmin(AccessRuleAdmin):
    list_display = ("title", "plan", "kind", "order", "protection")
    list_filter = ("plan__zone", "kind", "protection")
    search_fields = ("title", "body")
    list_select_related = ("plan__zone",)


@admin.register(StakeholderExpectation)
class StakeholderExpectationAdmin(AccessRuleAdmin):
    list_display = ("__str__", "plan", "role", "protection")
    list_filter = ("plan__zone", "role", "protection")
    search_fields = ("name", "expectations")
    list_select_related = ("plan__zone",)


@admin.register(Signatory)
class SignatoryAdmin(AccessRuleAdmin):
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
