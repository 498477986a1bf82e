"""Portal-wide tasks that belong to no single app."""

import logging

from billiard.exceptions import WorkerLostError
from celery import shared_task
from celery.exceptions import TimeLimitExceeded
from celery.signals import task_failure
from django.db import connection
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)


@shared_task(bind=True, name="zvp_portal.ping")
def ping(self, token: str) -> dict:
    """Health check: proves a worker runs, reaches the database and answers.

    Returns the token it was given, the database vendor the worker sees and
    the worker's name (None when the task ran eagerly, in the caller).
    """
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        (one,) = cursor.fetchone()
    return {
        "token": token,
        "db": connection.vendor,
        "ok": one == 1,
        "worker": None if self.request.is_eager else self.request.hostname,
    }


@shared_task(name="core.reap_jobs", ignore_result=True)
def reap_jobs() -> dict:
    """The periodic reaper (Celery beat, see settings): no job stays queued or running for ever.

    Fails every job still running after its time limit (its worker was lost) and sends again every job
    whose message never reached the broker or was lost. Returns the counts per job model.
    """
    from .jobs import fail_dead_jobs, job_models, resend_waiting_jobs

    done = {}
    for model in job_models():
        done[model._meta.label] = {"failed": fail_dead_jobs(model=model), "resent": resend_waiting_jobs(model)}
    return done


@task_failure.connect
def fail_job_of_lost_task(sender=None, task_id=None, exception=None, args=None, **kwargs):
    """A job task killed by its hard time limit, or whose worker was lost once too often, fails its job.

    Celery reports these in the worker's main process (the task's own code never sees them); the job
    gets the reason at once instead of waiting for the reaper.
    """
    from .jobs import fail_job, job_models, worker_lost_reason

    if not isinstance(exception, TimeLimitExceeded | WorkerLostError) or not args:
        return
    model = next((m for m in job_models() if m.task_name == getattr(sender, "name", None)), None)
    if model is None:
        return
    if isinstance(exception, TimeLimitExceeded):
        reason = _("Stopped: the run took longer than its time limit of %(seconds)s seconds.") % {
            "seconds": model.time_limit()
        }
    else:
        reason = worker_lost_reason(model.time_limit())
    try:
        fail_job(model, args[0], reason)
    except Exception:  # the database may be what failed; the reaper tries again later
        logger.exception("could not fail %s %s after %r", model._meta.label, args[0], exception)
