"""Asking for documents: one function per write, each in a transaction, tasks sent on commit."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from core.access import can_add
from core.base import Protection
from core.jobs import JobStatus, enqueue_on_commit, fail_dead_jobs, waiting_too_long
from plans.models import Plan

from .models import Document


def request_document(
    plan: Plan,
    kind: str = Document.Kind.PLAN,
    protection: str = Protection.PUBLIC,
    year: int | None = None,
    user=None,
    check=True,
) -> Document:
    """Queue the generation of a document of *plan*; the Celery task starts once this transaction commits.

    With *check*, *user* must be allowed to add documents to the plan (an
    advisor or the korpschef of its zone, or a site administrator). A request
    identical to one still queued or running returns that one instead of
    queueing a second (also when both arrive at the same moment: a database
    constraint decides), and sends it again when its message never reached the
    broker. When the broker is down, the returned document stays queued and its
    ``queue_unavailable`` is set (the reaper sends it later).
    """
    if kind not in Document.Kind.values:
        raise ValidationError({"kind": _("Unknown kind of document.")})
    if protection not in Protection.values:
        raise ValidationError({"protection": _("Unknown edition.")})
    if kind == Document.Kind.ANNUAL_REPORT:
        if year is None:
            raise ValidationError({"year": _("An annual report needs a year.")})
        if not plan.period_start <= year <= plan.period_end:
            raise ValidationError(
                {"year": _("The year must lie within the plan's period (%(start)s–%(end)s).")
                 % {"start": plan.period_start, "end": plan.period_end}}
            )  # fmt: skip
    else:
        year = None
    if check and not can_add(user, Document, plan=plan):
        raise PermissionDenied(_("Your role does not allow generating documents for this plan."))
    key = {
        "plan": plan,
        "kind": kind,
        "protection": protection,
        "year": year,
        "language": plan.language,
        "made_from_revision": plan.revision,
    }
    from .tasks import generate_document

    with transaction.atomic():
        # A document whose worker was lost is failed first: a request never gets a dead job back.
        fail_dead_jobs(Document.objects.filter(**key))
        pending = Document.objects.filter(**key, status__in=Document.ACTIVE).first()
        if pending is None:
            try:
                with transaction.atomic():
                    document = Document.objects.create(
                        **key,
                        made_from_status=plan.status,
                        requested_by=user if user is not None and user.is_authenticated else None,
                    )
            except IntegrityError:
                # An identical request made the same document a moment ago (document_one_pending_per_edition).
                pending = Document.objects.filter(**key, status__in=Document.ACTIVE).first()
                if pending is None:
                    raise
            else:
                enqueue_on_commit(generate_document, document)
                return document
        send_failed = pending.status == JobStatus.QUEUED and not pending.task_id and pending.progress_message
        if send_failed or waiting_too_long(Document, unsent_seconds=2).filter(pk=pending.pk).exists():
            # Its message never reached the broker (or was lost): send it again with this request.
            enqueue_on_commit(generate_document, pending)
    return pending


def on_plan_published(plan: Plan, user=None) -> Document:
    """A published plan version gets its public PDF, made by the worker."""
    return request_document(plan, Document.Kind.PLAN, Protection.PUBLIC, user=user, check=False)
