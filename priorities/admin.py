from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from core.admin import AccessRuleAdmin, AccessRuleInlineMixin

from .models import Domain, Priority, Theme


@admin.register(Domain)
class DomainAdmin(AccessRuleAdmin):
    list_display = ("name", "code", "plan", "order", "priority_count")
    list_filter = ("plan__zone", "plan")
    search_fields = ("name", "code")
    list_select_related = ("plan__zone",)

    @admin.display(description=_("priorities"))
    def priority_count(self, obj):
        return obj.priorities.count()


class SubThemeInline(AccessRuleInlineMixin, admin.TabularInline):
    model = Theme
    fk_name = "parent"
    extra = 0
    fields = ("order", "name", "plan")
    show_change_link = True


@admin.register(Theme)
class ThemeAdmin(AccessRuleAdmin):
    list_display = ("__str__", "plan", "order")
    list_filter = ("plan__zone", "plan")
    search_fields = ("name",)
    list_select_related = ("plan__zone", "parent__parent")
    autocomplete_fields = ("parent",)
    inlines = (SubThemeInline,)


@admin.register(Priority)
class PriorityAdmin(AccessRuleAdmin):
    list_display = ("number", "code", "short_title", "kind", "domain", "theme", "plan", "protection")
    list_display_links = ("number", "code", "short_title")
    list_filter = ("plan__zone", "plan", "kind", "domain", "protection")
    search_fields = ("code", "short_title", "heading_title", "rationale", "target_group", "partners", "owner_unit")
    list_select_related = ("plan__zone", "domain", "theme__parent")
    autocomplete_fields = ("domain", "theme", "stakeholder_expectations", "frameworks")
    fieldsets = (
        (None, {"fields": ("plan", ("number", "code"), "kind", "domain", "theme", "protection")}),
        (_("Titles"), {"fields": ("short_title", "heading_title")}),
        (_("Content"), {"fields": ("rationale", "strategic_objective", "target_group", "partners", "owner_unit")}),
        (
            _("Integrated approach per pillar"),
            {
                "fields": (
                    "approach_advise",
                    "approach_deter",
                    "approach_enforce",
                    "approach_investigate",
                    "approach_aftercare",
                )
            },
        ),
        (_("Traceability"), {"fields": ("stakeholder_expectations", "frameworks")}),
    )
