"""Invalidate the public cache when what citizens see may have changed, once the change is committed.

Every model a public page shows is listed in :data:`WATCHED` with the path from
its row to its plan. A row of a plan that is (or was, for a plan itself) public
invalidates the cache; rows of drafts do not (advisors edit them all day and no
citizen sees them). Rows without a plan (zones, municipalities, statistics
series and points, documents) always invalidate.

The invalidation runs after the transaction commits (``transaction.on_commit``,
once per transaction): bumped before the commit, a concurrent request could
cache the old page under the new version. A generation or import job that
finishes with a queryset ``update()`` sends no post_save: the documents stamp
in ``public.cache`` catches a finished document, and ``core.jobs.job_finished``
an import. A document row saved while it is queued or running shows nowhere
and does not invalidate.
"""

from __future__ import annotations

from django.core.exceptions import ObjectDoesNotExist
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from actionplans.models import Action, ActionPlan, Milestone, Objective
from core.jobs import JobStatus, job_finished
from documents.models import AnnualReport, Document
from imports.models import ImportJob
from plans.models import Chapter, Framework, Plan, PlanValue, Signatory, StakeholderExpectation
from priorities.models import Domain, Priority, Theme
from stats.models import (
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
from zones.models import Municipality, PoliceZone, SubMunicipality

from .cache import invalidate_on_commit


@receiver(job_finished, sender=ImportJob, dispatch_uid="public_import_finished")
def import_finished(sender, job, **kwargs):
    """An import wrote its rows in bulk (no post_save): what citizens see may have changed."""
    invalidate_on_commit()


# Model -> attribute path from a row to its plan ("" for none: every change invalidates).
WATCHED = {
    Chapter: "plan",
    StakeholderExpectation: "plan",
    Signatory: "plan",
    PlanValue: "plan",
    Domain: "plan",
    Theme: "plan",
    Priority: "plan",
    ActionPlan: "priority.plan",
    Objective: "action_plan.priority.plan",
    Action: "objective.action_plan.priority.plan",
    Milestone: "action_plan.priority.plan",
    Indicator: "plan",
    IndicatorTarget: "indicator.plan",
    IndicatorValue: "indicator.plan",
    StaffTable: "plan",
    StaffLine: "table.plan",
    FinancialLine: "plan",
    KeyFigure: "plan",
    AnnualReport: "plan",
    StatSeries: "",
    StatPoint: "",
    CrimeCategory: "",
    Framework: "",
    Document: "",
    PoliceZone: "",
    Municipality: "",
    SubMunicipality: "",
}


def plan_status(instance, path: str) -> str | None:
    """The status of the plan *instance* belongs to along *path*, read from the database (a related object held
    in memory may be stale); None when it cannot be found (then: invalidate)."""
    *hops, last = path.split(".")
    target = instance
    try:
        for name in hops:
            target = getattr(target, name)
    except ObjectDoesNotExist:
        return None
    plan_id = getattr(target, f"{last}_id", None)
    return Plan.objects.filter(pk=plan_id).values_list("status", flat=True).first() if plan_id else None


def shows_publicly(instance, path: str) -> bool:
    if not path:
        return True
    status = plan_status(instance, path)
    return status is None or status in Plan.PUBLIC_STATUSES


def row_changed(sender, instance, raw=False, using=None, **kwargs):
    if raw:
        return
    if sender is Document and instance.status != JobStatus.DONE:
        return  # a queued or running document shows nowhere (a finished one: the documents stamp)
    if shows_publicly(instance, WATCHED[sender]):
        invalidate_on_commit(using)


for _model in WATCHED:
    post_save.connect(row_changed, sender=_model, dispatch_uid=f"public_saved_{_model._meta.label_lower}")
    post_delete.connect(row_changed, sender=_model, dispatch_uid=f"public_deleted_{_model._meta.label_lower}")


@receiver(pre_save, sender=Plan, dispatch_uid="public_plan_remember_status")
def remember_plan_status(sender, instance, raw=False, **kwargs):
    if raw or instance.pk is None:
        instance._public_previous_status = None
        return
    instance._public_previous_status = Plan.objects.filter(pk=instance.pk).values_list("status", flat=True).first()


@receiver(post_save, sender=Plan, dispatch_uid="public_plan_saved")
@receiver(post_delete, sender=Plan, dispatch_uid="public_plan_deleted")
def plan_changed(sender, instance, using=None, **kwargs):
    previous = getattr(instance, "_public_previous_status", None)
    if instance.status in Plan.PUBLIC_STATUSES or previous in Plan.PUBLIC_STATUSES:
        invalidate_on_commit(using)
