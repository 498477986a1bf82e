"""Celery tasks of the imports app: a large file is checked and written by a worker."""

import logging

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.db import OperationalError
from django.utils.translation import gettext as _

from core.jobs import JOB_TASK_OPTIONS

from .models import ImportJob
from .services import execute, failure_reason

logger = logging.getLogger(__name__)


# A file of 200,000 rows takes about a minute and a half; a run ten times as long is stuck.
SOFT_TIME_LIMIT = getattr(settings, "IMPORT_SOFT_TIME_LIMIT", 15 * 60)


@shared_task(
    bind=True,
    name="imports.run_import_job",
    max_retries=3,
    soft_time_limit=SOFT_TIME_LIMIT,
    time_limit=SOFT_TIME_LIMIT + 60,
    **JOB_TASK_OPTIONS,
)
def run_import_job(self, job_id: int) -> None:
    """Check and import the file of job *job_id*; safe to run twice (a finished job is left alone).

    Only a database hiccup (OperationalError) is retried, with a growing pause; any other failure is
    recorded on the job, whose page shows it.
    """
    job = ImportJob.objects.filter(pk=job_id).select_related("zone", "plan", "requested_by").first()
    if job is None:
        return
    try:
        execute(job, task_id=self.request.id or "")
    except OperationalError as exc:
        if self.request.retries >= self.max_retries:
            job.fail_with(failure_reason(exc))
            return
        job.requeue(str(exc))
        raise self.retry(exc=exc, countdown=5 * 2**self.request.retries) from exc
    except SoftTimeLimitExceeded:
        job.fail_with(_("Stopped: the import took longer than %(seconds)s seconds.") % {"seconds": SOFT_TIME_LIMIT})
    except Exception as exc:
        logger.exception("import job %s failed", job_id)
        job.fail_with(failure_reason(exc))
