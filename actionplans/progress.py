"""How far the actions of the yearly action plans are: the share done, read the same way by the dashboards and
the documents.

The rule: an action counts unless it is cancelled; of those counted, the done ones are done. The share is a
whole percentage rounded half up (``percent``).
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q

from core.access import VIEW

from .models import Action


def percent(part, whole) -> int | None:
    """*part* of *whole* as a whole percentage, rounded half up; None when *whole* is zero."""
    if not whole:
        return None
    return int((Decimal(part) * 100 / Decimal(whole)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def done_and_counted(actions: Iterable[Action]) -> tuple[int, int]:
    """(actions done, actions counted) among *actions* (already loaded); cancelled ones do not count."""
    counted = [a for a in actions if a.status != Action.Status.CANCELLED]
    return sum(a.status == Action.Status.DONE for a in counted), len(counted)


def _counts_by(actions, key: str) -> dict[int, tuple[int, int]]:
    """(done, counted) per value of *key* over the queryset *actions*; one query."""
    rows = (
        actions.exclude(status=Action.Status.CANCELLED)
        .values(key)
        .annotate(done=Count("id", filter=Q(status=Action.Status.DONE)), counted=Count("id"))
        .order_by()
    )
    return {r[key]: (r["done"], r["counted"]) for r in rows}


def action_counts(user, plan, year: int) -> dict[int, tuple[int, int]]:
    """Per priority id of *plan*: (actions done, actions counted) of its action plan for *year*, among the
    actions *user* may see. One query."""
    actions = Action.objects.restrict(user, VIEW).filter(
        objective__action_plan__priority__plan=plan, objective__action_plan__year=year
    )
    return _counts_by(actions, "objective__action_plan__priority_id")


def action_plan_counts(user, priority) -> dict[int, tuple[int, int]]:
    """Per action plan id of *priority*: (actions done, actions counted), among the actions *user* may see.
    One query."""
    actions = Action.objects.restrict(user, VIEW).filter(objective__action_plan__priority=priority)
    return _counts_by(actions, "objective__action_plan_id")
