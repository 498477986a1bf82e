from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from core.admin import AccessRuleAdmin, AccessRuleInlineMixin

from .models import (
    PRINTED_TOTAL_FIELDS,
    CrimeCategory,
    FinancialLine,
    Indicator,
    IndicatorTarget,
    IndicatorValue,
    KeyFigure,
    StaffLine,
    StaffTable,
    StatPoint,
    StatSeries,
    SurveyResponse,
)


class TargetInline(AccessRuleInlineMixin, admin.TabularInline):
    model = IndicatorTarget
    extra = 0
    fields = ("year", "value", "note", "is_sample")


class ValueInline(AccessRuleInlineMixin, admin.TabularInline):
    model = IndicatorValue
    extra = 0
    fields = ("year", "value", "note", "entered_by", "approved_by", "approved_at", "is_sample")
    raw_id_fields = ("entered_by", "approved_by")


@admin.register(Indicator)
class IndicatorAdmin(AccessRuleAdmin):
    list_display = (
        "__str__",
        "priority",
        "plan",
        "unit",
        "direction",
        "source",
        "baseline_year",
        "baseline_value",
        "is_sample",
    )
    list_filter = ("plan__zone", "plan", "direction", "source", "protection", "is_sample")
    search_fields = ("code", "name", "description", "priority__short_title", "priority__code")
    list_select_related = ("plan__zone", "priority")
    autocomplete_fields = ("priority", "series")
    inlines = (TargetInline, ValueInline)


@admin.register(IndicatorValue)
class IndicatorValueAdmin(AccessRuleAdmin):
    list_display = ("indicator", "year", "value", "entered_by", "approved_at", "is_sample")
    list_filter = ("year", "indicator__plan__zone", "is_sample")
    search_fields = ("indicator__name", "indicator__code", "note")
    list_select_related = ("indicator", "entered_by")
    raw_id_fields = ("indicator", "entered_by", "approved_by")


class LocalCategoryFilter(admin.SimpleListFilter):
    title = _("local or national")
    parameter_name = "local"

    def lookups(self, request, model_admin):
        return (
            ("national", _("national (federal police)")),
            ("local", _("a zone's own")),
            ("unmapped", _("a zone's own, not yet mapped")),
        )

    def queryset(self, request, queryset):
        if self.value() == "national":
            return queryset.filter(zone__isnull=True)
        if self.value() == "local":
            return queryset.filter(zone__isnull=False)
        if self.value() == "unmapped":
            return queryset.filter(zone__isnull=False, maps_to__isnull=True)
        return queryset


@admin.register(CrimeCategory)
class CrimeCategoryAdmin(admin.ModelAdmin):
    """The federal police's hierarchy, and the zones' own categories that a site administrator maps onto it."""

    list_display = ("__str__", "code", "zone", "maps_to", "children_partition", "order")
    list_filter = (LocalCategoryFilter, "children_partition", "zone")
    search_fields = ("name", "code")
    list_select_related = ("parent", "zone", "maps_to")
    autocomplete_fields = ("parent", "maps_to")
    fields = ("zone", "parent", "code", "name", "children_partition", "maps_to", "order")


class StatPointInline(AccessRuleInlineMixin, admin.TabularInline):
    model = StatPoint
    extra = 0
    fields = ("year", "value", "is_provisional", "note", "is_sample")


@admin.register(StatSeries)
class StatSeriesAdmin(AccessRuleAdmin):
    list_display = (
        "name", "zone", "municipality", "area", "kind", "crime_category", "accident_type", "severity", "answer",
        "unit", "is_sample",
    )  # fmt: skip
    list_filter = ("zone", "kind", "accident_type", "severity", "protection", "is_sample")
    search_fields = ("name", "question", "survey", "area", "answer", "source", "crime_category__name")
    list_select_related = ("zone", "municipality", "crime_category__parent")
    autocomplete_fields = ("crime_category",)
    inlines = (StatPointInline,)


class StaffLineInline(AccessRuleInlineMixin, admin.TabularInline):
    model = StaffLine
    extra = 0
    fields = ("category", "order", "label", "actual", "fte", "authorised")


@admin.register(StaffTable)
class StaffTableAdmin(AccessRuleAdmin):
    list_display = ("__str__", "plan", "reference_date", "computed_total", "printed_total", "agrees")
    list_filter = ("plan__zone",)
    search_fields = ("title", "source")
    list_select_related = ("plan__zone",)
    readonly_fields = ("totals_display",)
    inlines = (StaffLineInline,)

    @admin.display(description=_("computed total"))
    def computed_total(self, obj):
        total = obj.totals()["total"]
        return total["actual"] if total["actual"] is not None else total["authorised"]

    @admin.display(description=_("printed total agrees"), boolean=True)
    def agrees(self, obj):
        printed = any(getattr(obj, name) is not None for name in PRINTED_TOTAL_FIELDS.values())
        return not obj.total_disagrees if printed else None

    @admin.display(description=_("totals computed from the lines"))
    def totals_display(self, obj):
        if not obj.pk:
            return "-"
        labels = {"operational": _("operational"), "calog": _("civilian (CALOG)"), "total": _("total")}
        actual, fte, authorised = _("actual"), _("FTE"), _("authorised")
        return "; ".join(
            f"{labels.get(key, key)}: {actual} {_or_dash(v['actual'])}, {fte} {_or_dash(v['fte'])}, "
            f"{authorised} {_or_dash(v['authorised'])}"
            for key, v in obj.totals().items()
        )


def _or_dash(value):
    return "–" if value is None else value


@admin.register(FinancialLine)
class FinancialLineAdmin(AccessRuleAdmin):
    list_display = ("label", "plan", "year", "kind", "category", "municipality", "amount", "is_sample")
    list_filter = ("plan__zone", "year", "kind", "category", "is_sample")
    search_fields = ("label",)
    list_select_related = ("plan__zone", "municipality")


@admin.register(KeyFigure)
class KeyFigureAdmin(AccessRuleAdmin):
    list_display = ("label", "value_text", "unit", "year", "plan", "protection")
    list_filter = ("plan__zone", "protection")
    search_fields = ("label", "value_text", "unit")
    list_select_related = ("plan__zone",)


@admin.register(SurveyResponse)
class SurveyResponseAdmin(AccessRuleAdmin):
    list_display = ("survey", "year", "zone", "sent", "returned_paper", "returned_online", "is_sample")
    list_filter = ("zone", "survey", "is_sample")
    search_fields = ("survey", "note")
    list_select_related = ("zone",)
