"""Template helpers of the portal: table cells, badges, query strings, Belgian numbers."""

from django import template
from django.db import models
from django.utils.html import format_html
from django.utils.translation import gettext as _

from core.numbers import belgian_number

register = template.Library()


@register.simple_tag
def cell(obj, name):
    """The display value of field *name* of *obj*: choice labels, linked rows' names, yes/no, '–' for empty."""
    field = obj._meta.get_field(name)
    if name == "is_sample":
        return sample_badge(obj)
    value = getattr(obj, name)
    if field.choices:
        return getattr(obj, f"get_{name}_display")()
    if value is None or value == "":
        return "–"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(field, models.DecimalField):
        return belgian_number(value, field.decimal_places or 0)
    if isinstance(field, (models.FloatField, models.IntegerField)) and name not in NOT_QUANTITIES:
        return belgian_number(value)
    return value


# Whole-number fields that name a year, a place or a number rather than a quantity: never '2.024'.
NOT_QUANTITIES = {
    "year", "order", "number", "revision", "made_from_revision", "period_start", "period_end", "baseline_year",
}  # fmt: skip


@register.filter
def be_number(value, places=2):
    """A number in Belgian form (core.numbers.belgian_number): ``{{ line.fte|be_number }}`` -> 132,83;
    ``{{ amount|be_number:-2 }}`` -> 1.500.000 or 1.234,50. Empty for None, so ``|default:"–"`` follows."""
    try:
        places = int(places)
    except (TypeError, ValueError):
        places = 2
    return belgian_number(value, places)


@register.simple_tag
def sample_badge(obj):
    """Says 'sample data' on rows the demo invented, wherever they show."""
    if getattr(obj, "is_sample", False):
        return format_html(
            '<span class="sample-badge" title="{}">{}</span>',
            _("Invented for the demonstration; not from the real plan."),
            _("sample data"),
        )
    return ""


@register.simple_tag(takes_context=True)
def query(context, **changes):
    """The current query string with *changes* applied (for sorting and paging links)."""
    params = context["request"].GET.copy()
    for key, value in changes.items():
        if value in (None, ""):
            params.pop(key, None)
        else:
            params[key] = value
    return f"?{params.urlencode()}" if params else "?"


@register.filter
def status_class(status):
    return f"status-{status}"
