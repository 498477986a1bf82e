"""Celery tasks that make the documents.

``generate_document`` takes a document id, re-fetches it, and returns quietly
when it is gone or already done (a message delivered twice does nothing).
It records its progress on the row, writes the PDF to a temporary name and
saves it into storage only when it is complete, so a failed run leaves the
previous edition in place and shows why it failed. Only transient errors
(the database or the storage briefly unavailable) are retried, with backoff;
everything else fails at once. A soft time limit stops a run that hangs.
A run whose worker process is lost (killed, out of memory) is retried; a run
killed by the hard time limit, or lost once too often, fails with that reason
(core/tasks.py), and the reaper fails one whose whole worker vanished.
"""

from __future__ import annotations

import hashlib
import logging

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import InterfaceError, OperationalError
from django.utils import translation
from django.utils.translation import gettext as _

from core.jobs import JOB_TASK_OPTIONS, JobStatus

from .models import Document
from .rendering import html_to_pdf, render_document_html

logger = logging.getLogger(__name__)

TRANSIENT_ERRORS = (OperationalError, InterfaceError, ConnectionError, TimeoutError)
MAX_RETRIES = 3
SOFT_TIME_LIMIT = getattr(settings, "DOCUMENT_SOFT_TIME_LIMIT", 10 * 60)


@shared_task(
    bind=True,
    name="documents.generate_document",
    max_retries=MAX_RETRIES,
    soft_time_limit=SOFT_TIME_LIMIT,
    time_limit=SOFT_TIME_LIMIT + 60,
    **JOB_TASK_OPTIONS,
)
def generate_document(self, document_id: int) -> str:
    document = Document.objects.select_related("plan__zone").filter(pk=document_id).first()
    if document is None:
        return "gone"
    if not document.claim(self.request.id or ""):
        return "already done"
    with translation.override(document.language or settings.LANGUAGE_CODE):
        try:
            _generate(document)
        except TRANSIENT_ERRORS as exc:
            if self.request.retries < MAX_RETRIES and not self.request.is_eager:
                document.requeue(_("Temporary problem, retrying: %(error)s") % {"error": exc})
                raise self.retry(exc=exc, countdown=5 * 2**self.request.retries) from exc
            document.fail_with(_("Temporary problem that did not go away: %(error)s") % {"error": exc})
            return JobStatus.FAILED
        except SoftTimeLimitExceeded:
            document.fail_with(
                _("Stopped: generating took longer than %(seconds)s seconds.") % {"seconds": SOFT_TIME_LIMIT}
            )
            return JobStatus.FAILED
        except Exception as exc:
            logger.exception("Generating document %s failed", document_id)
            document.fail_with(f"{type(exc).__name__}: {exc}")
            return JobStatus.FAILED
    return JobStatus.DONE


def _generate(document: Document) -> None:
    plan = document.plan
    document.report(5, _("Collecting the plan's content"))
    rendered = render_document_html(plan, document.kind, document.protection, document.year)
    document.report(20, _("Laying out the pages"))
    pdf, pages = html_to_pdf(rendered.html, report=document.report, start=20, end=85)
    document.report(90, _("Storing the PDF"))
    checksum = hashlib.sha256(pdf).hexdigest()
    # The file goes into storage under a name of its own; the row points to it only once it is complete.
    name = f"{document.file_name()[:-4]}-{document.pk}-{checksum[:8]}.pdf"
    stored = document.file.storage.save(document.file.field.generate_filename(document, name), ContentFile(pdf))
    plan.refresh_from_db(fields=["status", "revision"])
    document.succeed(
        file=stored,
        size=len(pdf),
        page_count=pages,
        checksum=checksum,
        made_from_status=plan.status,
        made_from_revision=plan.revision,
    )
