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

from core import access

from .copying import ADDENDUM, clone, copy_rows, register_copier
from .models import Plan, PlanStatusChange
from .signals import plan_status_changed

S = Plan.Status

# (from, to) -> the workflow step it is; who may take each step is core.access's rule (may_take_step).
TRANSITIONS: dict[tuple[str, str], str] = {
    (S.DRAFT, S.IN_REVIEW): access.SUBMIT,  # submit to the council
    (S.IN_REVIEW, S.DRAFT): access.RETURN,  # send back for changes
    (S.IN_REVIEW, S.APPROVED): access.APPROVE,  # the council approves
    (S.APPROVED, S.PUBLISHED): access.PUBLISH,
    (S.PUBLISHED, S.ARCHIVED): access.ARCHIVE,
}
# The step that leads to each status (one step leads to each).
STEP_TO = {to: step for (_frm, to), step in TRANSITIONS.items()}


class TransitionError(ValidationError):
    """A workflow step that the plan's current status does not allow."""


def allowed_transitions(plan: Plan, user) -> list[str]:
    """The statuses *user* may move *plan* to now."""
    return [
        to
        for (frm, to), step in TRANSITIONS.items()
        if frm == plan.status and access.may_take_step(user, plan.zone_id, step)
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
    if not access.may_take_step(user, locked.zone_id, TRANSITIONS[step]):
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
    plan_status_changed.send(sender=Plan, plan=plan, from_status=from_status, to_status=to_status, user=user)
    return plan


@transaction.atomic
def record_ministerial_approval(plan: Plan, on, user) -> Plan:
    """Record the date the Ministers of the Interior and Justice approved the plan."""
    locked = Plan.objects.select_for_update().get(pk=plan.pk)
    if locked.status not in (S.APPROVED, S.PUBLISHED):
        raise TransitionError(_("Only a plan the council approved can be approved by the ministers."))
    if not access.may_record_ministerial_approval(user, locked.zone_id):
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


# --- New versions of a plan ----------------------------------------------------------------------------------------


@transaction.atomic
def create_revision(plan: Plan, user, title: str = "") -> Plan:
    """A draft revision of *plan*: a full copy of its content and follow-up, to change and publish.

    The published plan stays what citizens see until the revision is
    published (which then archives it). Signatures are not copied: the
    council signs the new version.
    """
    _check_new_version(plan, user)
    return _copy_plan(plan, user, kind=Plan.Kind.REVISION, title=title or f"{plan.title} ({_('revision')})")


@transaction.atomic
def create_addendum(plan: Plan, user, period_end: int, title: str = "") -> Plan:
    """A draft addendum to *plan*: it extends the period (HerKo: 2014-2017 to 2019) and may add priorities.

    It starts empty but for its place: domains are copied so that priorities it
    adds fall under the same headings.
    """
    _check_new_version(plan, user)
    if period_end <= plan.period_end:
        raise ValidationError(
            {"period_end": _("An addendum extends the period beyond %(end)s.") % {"end": plan.period_end}}
        )
    addendum = Plan.objects.create(
        zone=plan.zone, kind=Plan.Kind.ADDENDUM, extends=plan, status=S.DRAFT, language=plan.language,
        title=title or str(_("Addendum")), period_start=plan.period_end + 1, period_end=period_end,
    )  # fmt: skip
    copy_rows(plan, addendum, kind=ADDENDUM)
    return addendum


def _check_new_version(plan: Plan, user):
    if plan.status not in (S.APPROVED, S.PUBLISHED):
        raise TransitionError(_("Only an approved or published plan gets a revision or an addendum."))
    if not access.may_start_version(user, plan.zone_id):
        raise PermissionDenied(_("Your role in this zone does not allow this step."))


def _copy_plan(plan: Plan, user, kind: str, title: str) -> Plan:
    source = Plan.objects.get(pk=plan.pk)
    new = clone(
        Plan.objects.get(pk=plan.pk), kind=kind, extends=source, title=title, status=S.DRAFT,
        council_approved_on=None, minister_approved_on=None, published_at=None,
    )  # fmt: skip
    copy_rows(source, new)
    PlanStatusChange.objects.create(
        plan=new, from_status=S.DRAFT, to_status=S.DRAFT, changed_by=user,
        note=str(_("Created as a revision of '%(title)s'.") % {"title": source.title}),
    )  # fmt: skip
    return new


@register_copier(order=10)
def copy_plan_parts(copy) -> None:
    """The plan's own parts: values, chapters, stakeholder expectations and signatories (rank kept, unsigned)."""
    for rows in (copy.source.values.all(), copy.source.chapters.all(), copy.source.stakeholder_expectations.all()):
        for row in list(rows):
            copy.clone(row, plan=copy.new)
    for signatory in list(copy.source.signatories.all()):
        copy.clone(signatory, plan=copy.new, signed_on=None)
