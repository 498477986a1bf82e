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


@admin.register(CrimeCategory)
class CrimeCategoryAdmin(admin.ModelAdmin):
    list_display = ("__str__", "code", "summable", "order")
    list_filter = ("summable", "parent")
    search_fields = ("name", "code")
    list_select_related = ("parent",)
    autocomplete_fields = ("parent",)


class StatPointInline(AccessRuleInlineMixin, admin.TabularInline):
    model = StatPoint
    extra = 0
    fields = ("year", "value", "comparison_value", "is_provisional", "note", "is_sample")


@admin.register(StatSeries)
class StatSeriesAdmin(AccessRuleAdmin):
    list_display = ("name", "zone", "municipality", "kind", "crime_category", "severity", "unit", "is_sample")
    list_filter = ("zone", "kind", "severity", "protection", "is_sample")
    search_fields = ("name", "question", "source", "crime_category__name")
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
