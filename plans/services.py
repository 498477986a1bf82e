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
from .signals import plan_status_changed

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
    plan_status_changed.send(sender=Plan, plan=plan, from_status=from_status, to_status=to_status, user=user)
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


# --- Comments -------------------------------------------------------------------------------------------------------


def add_comment(target, body: str, user):
    """A council member (or the korpschef) comments on a priority or an indicator."""
    from .models import Comment

    plan = target.plan
    if not has_zone_role(user, plan.zone_id, Role.COUNCIL, Role.CHIEF):
        raise PermissionDenied(_("Only council members and the korpschef comment."))
    if not body.strip():
        raise ValidationError({"body": _("Write a comment.")})
    field = "priority" if target._meta.model_name == "priority" else "indicator"
    return Comment.objects.create(plan=plan, author=user, body=body.strip(), **{field: target})


@transaction.atomic
def resolve_comment(comment, user):
    """An advisor (or the korpschef) marks a comment as dealt with."""
    if not has_zone_role(user, comment.plan.zone_id, Role.ADVISOR, Role.CHIEF):
        raise PermissionDenied(_("Only the zone's advisors and korpschef resolve comments."))
    if comment.resolved_at is None:
        comment.resolved_at, comment.resolved_by = timezone.now(), user
        comment.save(update_fields=["resolved_at", "resolved_by"])
    return comment


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
    for domain in plan.domains.all():
        domain.pk = None
        domain.plan = addendum
        domain.save()
    return addendum


def _check_new_version(plan: Plan, user):
    if plan.status not in (S.APPROVED, S.PUBLISHED):
        raise TransitionError(_("Only an approved or published plan gets a revision or an addendum."))
    if not has_zone_role(user, plan.zone_id, Role.ADVISOR, Role.CHIEF):
        raise PermissionDenied(_("Your role in this zone does not allow this step."))


def _clone(obj, **changes):
    """Save a copy of *obj* as a new row with *changes*; returns the copy."""
    obj.pk = None
    obj.id = None
    obj._state.adding = True
    for field, value in changes.items():
        setattr(obj, field, value)
    if hasattr(obj, "revision"):
        obj.revision = 1
    obj.save()
    return obj


def _copy_plan(plan: Plan, user, kind: str, title: str) -> Plan:
    from actionplans.models import ActionPlan
    from priorities.models import Theme
    from stats.models import Indicator

    source = Plan.objects.get(pk=plan.pk)
    new = _clone(
        Plan.objects.get(pk=plan.pk), kind=kind, extends=source, title=title, status=S.DRAFT,
        council_approved_on=None, minister_approved_on=None, published_at=None,
    )  # fmt: skip
    for model_rows in (source.values.all(), source.chapters.all(), source.key_figures.all(),
                       source.financial_lines.all()):  # fmt: skip
        for row in model_rows:
            _clone(row, plan=new)
    expectations = {e.pk: _clone(e, plan=new) for e in list(source.stakeholder_expectations.all())}
    domains = {d.pk: _clone(d, plan=new) for d in list(source.domains.all())}
    themes = {}
    for theme in sorted(Theme.objects.filter(plan=source).select_related("parent"), key=lambda t: t.depth):
        old_pk, parent = theme.pk, themes.get(theme.parent_id)
        themes[old_pk] = _clone(theme, plan=new, parent=parent)
    priorities = {}
    for priority in list(source.priorities.prefetch_related("stakeholder_expectations", "frameworks")):
        linked = [expectations[e.pk] for e in priority.stakeholder_expectations.all()]
        frameworks = list(priority.frameworks.all())
        old_pk = priority.pk
        copy = _clone(priority, plan=new, domain=domains.get(priority.domain_id), theme=themes.get(priority.theme_id))
        copy.stakeholder_expectations.set(linked)
        copy.frameworks.set(frameworks)
        priorities[old_pk] = copy
    for indicator in list(Indicator.objects.filter(plan=source).prefetch_related("targets", "values")):
        targets, values = list(indicator.targets.all()), list(indicator.values.all())
        copy = _clone(indicator, plan=new, priority=priorities.get(indicator.priority_id))
        for row in targets + values:
            _clone(row, indicator=copy)
    for action_plan in list(ActionPlan.objects.filter(priority__plan=source).prefetch_related(
            "objectives__actions", "milestones")):  # fmt: skip
        objectives, milestones = list(action_plan.objectives.all()), list(action_plan.milestones.all())
        copy = _clone(action_plan, priority=priorities[action_plan.priority_id])
        for milestone in milestones:
            _clone(milestone, action_plan=copy)
        for objective in objectives:
            actions = list(objective.actions.all())
            new_objective = _clone(objective, action_plan=copy)
            for action in actions:
                _clone(action, objective=new_objective)
    for table in list(source.staff_tables.prefetch_related("lines")):
        lines = list(table.lines.all())
        copy = _clone(table, plan=new)
        for line in lines:
            _clone(line, table=copy)
    PlanStatusChange.objects.create(
        plan=new, from_status=S.DRAFT, to_status=S.DRAFT, changed_by=user,
        note=str(_("Created as a revision of '%(title)s'.") % {"title": source.title}),
    )  # fmt: skip
    return new
