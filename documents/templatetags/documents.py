"""The documents card of a plan's page: current editions, runs in progress, and the way to generate more."""

from django import template

from core.access import VIEW, can_add

from ..models import Document

register = template.Library()


@register.inclusion_tag("documents/_plan_card.html", takes_context=True)
def plan_documents_card(context, plan):
    user = context["request"].user
    visible = Document.objects.restrict(user, VIEW).filter(plan=plan)
    current = list(visible.current().order_by("kind", "-year", "protection"))
    running = list(visible.filter(status__in=("queued", "running")))
    return {"plan": plan, "current": current, "running": running, "can_generate": can_add(user, Document, plan=plan)}
