"""Template helpers of the portal: table cells, badges, query strings."""

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

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
    return value


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
