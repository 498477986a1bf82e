from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from core.admin import AccessRuleAdmin, AccessRuleInlineMixin

from .models import Action, ActionPlan, Milestone, Objective


class ObjectiveInline(AccessRuleInlineMixin, admin.StackedInline):
    model = Objective
    extra = 0
    fields = ("order", "title", "description", "is_sample")
    show_change_link = True


class MilestoneInline(AccessRuleInlineMixin, admin.TabularInline):
    model = Milestone
    extra = 0
    fields = ("title", "due_date", "reached_on", "is_sample")


@admin.register(ActionPlan)
class ActionPlanAdmin(AccessRuleAdmin):
    list_display = ("priority", "year", "status", "responsible_unit", "progress_display", "protection", "is_sample")
    list_filter = ("priority__plan__zone", "year", "status", "protection", "is_sample")
    search_fields = ("title", "summary", "priority__short_title", "priority__code")
    list_select_related = ("priority__plan__zone",)
    autocomplete_fields = ("priority",)
    inlines = (ObjectiveInline, MilestoneInline)

    @admin.display(description=_("actions done"))
    def progress_display(self, obj):
        done, counted = obj.progress()
        return f"{done}/{counted}"


class ActionInline(AccessRuleInlineMixin, admin.StackedInline):
    model = Action
    extra = 0
    fields = (
        ("order", "status", "protection", "is_sample"),
        "title",
        "description",
        ("responsible_unit", "partners"),
        ("start_date", "end_date"),
        ("planned_hours", "spent_hours", "budget"),
    )


@admin.register(Objective)
class ObjectiveAdmin(AccessRuleAdmin):
    list_display = ("title", "action_plan", "order", "is_sample")
    list_filter = ("action_plan__priority__plan__zone", "action_plan__year")
    search_fields = ("title", "description")
    list_select_related = ("action_plan__priority",)
    autocomplete_fields = ("action_plan",)
    inlines = (ActionInline,)


@admin.register(Action)
class ActionAdmin(AccessRuleAdmin):
    list_display = (
        "title",
        "status",
        "responsible_unit",
        "start_date",
        "end_date",
        "planned_hours",
        "spent_hours",
        "budget",
    )
    list_filter = (
        "status",
        "objective__action_plan__year",
        "objective__action_plan__priority__plan__zone",
        "is_sample",
    )
    search_fields = ("title", "description", "responsible_unit", "partners")
    list_select_related = ("objective",)
    autocomplete_fields = ("objective",)


@admin.register(Milestone)
class MilestoneAdmin(AccessRuleAdmin):
    list_display = ("title", "action_plan", "due_date", "reached_on", "is_sample")
    list_filter = ("action_plan__year", "action_plan__priority__plan__zone")
    search_fields = ("title",)
    list_select_related = ("action_plan__priority",)
    autocomplete_fields = ("action_plan",)
