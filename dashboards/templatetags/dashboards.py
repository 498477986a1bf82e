"""Template helpers of the dashboards: the traffic light, said in words and shapes as well as colour."""

from django import template
from django.utils.html import format_html

from stats.status import IndicatorStatus

register = template.Library()

# A shape beside the colour and the words, so colour is never the only cue.
SYMBOLS = {
    IndicatorStatus.ON_TRACK: "✔",
    IndicatorStatus.AT_RISK: "▲",
    IndicatorStatus.OFF_TRACK: "✖",
    IndicatorStatus.NO_DATA: "–",
}


@register.simple_tag
def status_badge(status):
    """The traffic light of an indicator, a priority or a roll-up: symbol, colour and label."""
    status = IndicatorStatus(status)
    return format_html(
        '<span class="badge status-ind status-ind-{}"><span aria-hidden="true">{}</span> {}</span>',
        status.value,
        SYMBOLS[status],
        status.label,
    )


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None
