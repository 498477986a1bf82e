"""Writes that touch several rows or follow the plan's workflow.

The plan row is locked (select_for_update) before it is read, so counting the
revision up in Python is safe.

Every status change of a plan goes through ``transition_plan``: it locks the
row, refuses the forbidden steps and the wrong roles, records who did it and
when, and leaves the plan's revision counter raised.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .access import Role, has_zone_role
from .models import Plan, PlanStatusChange

S = Plan.Status

# (from, to) -> the zone roles that may take the step. Site administrators may take any allowed step.
TRANSITIONS: dict[tuple[str, str], frozenset[str]] = {
    (S.DRAFT, S.IN_REVIEW): frozenset({Role.ADVISOR, Role.CHIEF}),  # submit to the council
    (S.IN_REVIEW, S.DRAFT): frozenset({Role.COUNCIL, Role.CHIEF}),  # send back for changes
    (S.IN_REVIEW, S.APPROVED): frozenset({Role.COUNCIL}),  # the council approves
    (S.APPROVED, S.PUBLISHED): frozenset({Role.CHIEF}),
    (S.PUBLISHED, S.ARCHIVED): frozenset({Role.CHIEF}),
}


class TransitionError(ValidationError):
    """A workflow step that the plan's current status does not allow."""


def allowed_transitions(plan: Plan, user) -> list[str]:
    """The statuses *user* may move *plan* to now."""
    return [
        to
        for (frm, to), roles in TRANSITIONS.items()
        if frm == plan.status and has_zone_role(user, plan.zone_id, *roles)
    ]


@transaction.atomic
def transition_plan(plan: Plan, to_status: str, user, note: str = "", on=None) -> Plan:
    """Move *plan* to *to_status* as *user*; *on* is the council's approval date (default today).

    Publishing a revision archives the plan it revises: citizens see the
    earlier version until the new one is published, then the new one only.
    """
    if to_status not in S.values:
        raise TransitionError(_("'%(status)s' is not a plan status.") % {"status": to_status}, code="unknown_status")
    locked = Plan.objects.select_for_update().get(pk=plan.pk)
    step = (locked.status, to_status)
    if step not in TRANSITIONS:
        raise TransitionError(
            _("A plan cannot go from '%(from)s' to '%(to)s'.")
            % {"from": S(locked.status).label, "to": S(to_status).label},
            code="forbidden_transition",
        )
    if not has_zone_role(user, locked.zone_id, *TRANSITIONS[step]):
        raise PermissionDenied(_("Your role in this zone does not allow this step."))

    if to_status == S.APPROVED:
        locked.council_approved_on = on or timezone.localdate()
    if to_status == S.PUBLISHED:
        locked.published_at = timezone.now()
    from_status = locked.status
    locked.status = to_status
    locked.revision += 1
    locked.save()
    PlanStatusChange.objects.create(
        plan=locked, from_status=from_status, to_status=to_status, changed_by=user if user else None, note=note
    )
    if to_status == S.PUBLISHED and locked.kind == Plan.Kind.REVISION and locked.extends_id:
        previous = Plan.objects.select_for_update().get(pk=locked.extends_id)
        if previous.status == S.PUBLISHED:
            previous.status = S.ARCHIVED
            previous.revision += 1
            previous.save()
            PlanStatusChange.objects.create(
                plan=previous,
                from_status=S.PUBLISHED,
                to_status=S.ARCHIVED,
                changed_by=user if user else None,
                note=str(_("Replaced by the published revision '%(title)s'.") % {"title": locked.title}),
            )
    plan.refresh_from_db()
    return plan


@transaction.atomic
def record_ministerial_approval(plan: Plan, on, user) -> Plan:
    """Record the date the Ministers of the Interior and Justice approved the plan."""
    locked = Plan.objects.select_for_update().get(pk=plan.pk)
    if locked.status not in (S.APPROVED, S.PUBLISHED):
        raise TransitionError(_("Only a plan the council approved can be approved by the ministers."))
    if not has_zone_role(user, locked.zone_id, Role.CHIEF, Role.COUNCIL):
        raise PermissionDenied(_("Your role in this zone does not allow this step."))
    if locked.council_approved_on and on < locked.council_approved_on:
        raise ValidationError(
            {"minister_approved_on": _("Ministerial approval cannot precede the council's approval.")}
        )
    if locked.minister_approved_on != on:
        locked.minister_approved_on = on
        locked.revision += 1
        locked.save()
    plan.refresh_from_db()
    return plan
