"""The job pattern: long work done by a Celery task, followed on a model row that screens poll.

A concrete job model (a generated document, an import) inherits :class:`Job`.
The view creates the row (status *queued*) and enqueues the task with the row's
id *after the transaction commits* (:func:`enqueue_on_commit`); the task calls
:meth:`Job.start`, :meth:`Job.report` and finally :meth:`Job.succeed` or
:meth:`Job.fail_with`. Each of these writes only the job's own bookkeeping
columns with a queryset ``update()``, so a progress report never overwrites
what another process saved, and a page that polls the row sees the progress
as soon as it is reported.

Tasks are safe to run twice: a job that is already *done* is left alone
(:meth:`Job.claim` returns False), so a redelivered message does nothing.

Recovery (see also core/tasks.py and the Celery settings): job tasks are
acknowledged late and retried when their worker process is lost
(:data:`JOB_TASK_OPTIONS`); a job whose worker died or which passed its time
limit is failed with that reason (:func:`fail_dead_jobs`, run by the periodic
reaper and before a new request looks for a pending job); a job still queued
because its message never reached the broker is sent again
(:func:`resend_waiting_jobs`). Enqueueing never waits for a broker that is down:
the job stays queued and :attr:`Job.queue_unavailable` tells the request.
"""

from __future__ import annotations

import datetime
import importlib
import logging

from django.apps import apps
from django.conf import settings
from django.db import models, transaction
from django.db.models import Q
from django.dispatch import Signal
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.base import user_fk

# Sent when a job finished successfully (its rows were written with update(), which sends no post_save).
job_finished = Signal()

logger = logging.getLogger(__name__)

# Options of every Celery task that runs a job: acknowledged only once it finished, and run again (up to its
# max_retries) when the worker process running it is lost; results live on the job's row, not in the backend.
JOB_TASK_OPTIONS = {
    "acks_late": True,
    "reject_on_worker_lost": True,
    "retry_on_worker_lost": True,
    "ignore_result": True,
    "default_retry_delay": 2,
}


def job_setting(name: str, default: int) -> int:
    return int(getattr(settings, name, default))


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("queued")
    RUNNING = "running", _("running")
    DONE = "done", _("done")
    FAILED = "failed", _("failed")


class Job(models.Model):
    """Bookkeeping of one run of long work: status, percentage, message, failure reason, who asked."""

    FINISHED = (JobStatus.DONE, JobStatus.FAILED)
    ACTIVE = (JobStatus.QUEUED, JobStatus.RUNNING)
    # The name of the Celery task that runs this kind of job (set by each concrete model).
    task_name = ""

    status = models.CharField(_("status"), max_length=16, choices=JobStatus.choices, default=JobStatus.QUEUED)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    progress_message = models.CharField(_("progress message"), max_length=200, blank=True)
    error = models.TextField(_("reason of failure"), blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    task_id = models.CharField(_("task id"), max_length=64, blank=True)
    requested_by = user_fk("+", _("requested by"))
    requested_at = models.DateTimeField(_("requested at"), default=timezone.now)
    queued_at = models.DateTimeField(_("queued at"), default=timezone.now)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        abstract = True

    # Set on the instance when enqueueing found the broker unavailable (the job stays queued for the reaper).
    queue_unavailable = False

    @classmethod
    def task(cls):
        """The Celery task that runs this kind of job (its app's tasks module is imported when needed)."""
        from celery import current_app

        if cls.task_name not in current_app.tasks:
            importlib.import_module(f"{apps.get_app_config(cls._meta.app_label).name}.tasks")
        return current_app.tasks[cls.task_name]

    @classmethod
    def time_limit(cls) -> int:
        """Seconds a run may take before Celery kills it (the task's hard time limit)."""
        limit = getattr(cls.task(), "time_limit", None)
        return int(limit or settings.CELERY_TASK_TIME_LIMIT)

    @property
    def is_finished(self) -> bool:
        return self.status in self.FINISHED

    @property
    def is_done(self) -> bool:
        return self.status == JobStatus.DONE

    @property
    def is_failed(self) -> bool:
        return self.status == JobStatus.FAILED

    def _write(self, **fields) -> None:
        type(self)._default_manager.filter(pk=self.pk).update(**fields)
        for name, value in fields.items():
            setattr(self, name, value)

    def claim(self, task_id: str = "") -> bool:
        """Mark the job running; False when it is already finished (a second delivery of the same message).

        One conditional UPDATE decides, so a finished job can never be taken up again. A job still marked
        running is taken over only by its own message delivered again (its worker died: acks late, or the
        retry after a lost worker) or when it ran past its time limit; a second message of a job that another
        worker runs (the reaper re-sent it) does nothing.
        """
        fields = {
            "status": JobStatus.RUNNING,
            "progress": 0,
            "progress_message": "",
            "error": "",
            "attempts": models.F("attempts") + 1,
            "task_id": task_id or self.task_id,
            "started_at": timezone.now(),
            "finished_at": None,
        }
        manager = type(self)._default_manager
        dead_before = timezone.now() - datetime.timedelta(seconds=type(self).time_limit())
        may_take = Q(status=JobStatus.QUEUED) | Q(task_id="") | Q(started_at__lt=dead_before)
        if task_id:
            may_take |= Q(task_id=task_id)
        if not manager.filter(may_take, pk=self.pk).exclude(status__in=self.FINISHED).update(**fields):
            return False
        self.refresh_from_db(fields=list(fields))
        return True

    def report(self, percent: int, message: str = "") -> None:
        """Record progress: a percentage (0-100) and what is being done."""
        self._write(progress=max(0, min(100, int(percent))), progress_message=str(message)[:200])

    def succeed(self, **fields) -> None:
        """Finish successfully, writing *fields* (the job's results) in the same update."""
        self._write(
            status=JobStatus.DONE, progress=100, progress_message="", error="", finished_at=timezone.now(), **fields
        )
        # Writes with update() send no post_save: say it, for whoever shows what the job made (the public cache).
        job_finished.send(sender=type(self), job=self)

    def fail_with(self, reason: str) -> None:
        """Finish with a failure whose reason the screens show."""
        self._write(status=JobStatus.FAILED, error=str(reason)[:4000], finished_at=timezone.now())

    def requeue(self, message: str) -> None:
        """Back to *queued* before a retry of a transient failure; the reason stays visible meanwhile."""
        self._write(status=JobStatus.QUEUED, progress_message=str(message)[:200], queued_at=timezone.now())


def send_job(task, job: Job, **options) -> bool:
    """Send *task* for *job* now; False (and the job stays queued) when the broker cannot take it.

    Never waits for a broker that is down: no publish retries, and the broker's short connection timeouts
    (settings). The job remembers that it is waiting for the queue; the reaper sends it again.
    """
    if task.app.conf.task_always_eager:
        result = task.apply_async(args=[job.pk], **options)
    else:
        try:
            result = task.apply_async(args=[job.pk], retry=False, **options)
        except Exception as exc:  # kombu and redis raise many kinds when the broker is down
            logger.warning("the broker did not take %s %s: %r", job._meta.label, job.pk, exc)
            job.queue_unavailable = True
            type(job)._default_manager.filter(pk=job.pk, status=JobStatus.QUEUED).update(
                progress_message=gettext("Waiting for the job queue, which is unavailable; it is sent again soon.")
            )
            return False
    job.queue_unavailable = False
    if result.id and not job.is_finished:
        type(job)._default_manager.filter(pk=job.pk, status=JobStatus.QUEUED).update(
            task_id=result.id, progress_message=""
        )
    return True


def enqueue_on_commit(task, job: Job, **options) -> None:
    """Send *task* with the job's id once the current transaction commits (never before the row exists).

    When the broker is down the job stays queued and ``job.queue_unavailable`` is set once the commit ran.
    """
    transaction.on_commit(lambda: send_job(task, job, **options))


# --- Recovery -----------------------------------------------------------------------------------------------------


def job_models() -> list[type[Job]]:
    return [model for model in apps.get_models() if issubclass(model, Job) and model.task_name]


def dead_jobs(model: type[Job], now=None):
    """Jobs of *model* still marked running after their time limit (and a grace period): their worker is gone."""
    now = now or timezone.now()
    grace = job_setting("ZVP_JOB_GRACE_SECONDS", 60)
    before = now - datetime.timedelta(seconds=model.time_limit() + grace)
    return model._default_manager.filter(status=JobStatus.RUNNING, started_at__lt=before)


def fail_job(model: type[Job], pk, reason: str, **conditions) -> bool:
    """Fail the job *pk* of *model* unless it finished meanwhile (or no longer matches *conditions*)."""
    return bool(
        model._default_manager.filter(pk=pk, status__in=Job.ACTIVE, **conditions).update(
            status=JobStatus.FAILED, error=str(reason)[:4000], finished_at=timezone.now()
        )
    )


def worker_lost_reason(seconds: int) -> str:
    return gettext(
        "Stopped: the worker was lost (or the time limit of %(seconds)s seconds passed); nothing was kept "
        "of this run. Ask again."
    ) % {"seconds": seconds}


def fail_dead_jobs(queryset=None, model: type[Job] | None = None, now=None) -> int:
    """Fail every dead job (see :func:`dead_jobs`) of *model*, or among *queryset*. Returns how many."""
    model = model or queryset.model
    candidates = dead_jobs(model, now)
    if queryset is not None:
        candidates = candidates.filter(pk__in=queryset.values("pk"))
    count = 0
    reason = worker_lost_reason(model.time_limit())
    for pk, started_at in candidates.values_list("pk", "started_at"):
        count += fail_job(model, pk, reason, status=JobStatus.RUNNING, started_at=started_at)
    return count


def waiting_too_long(model: type[Job], now=None, unsent_seconds: int | None = None):
    """Queued jobs whose message never reached the broker, or was lost: to be sent again.

    Never sent (no task id): after *unsent_seconds* (``ZVP_JOB_RESEND_SECONDS``). Sent but never started:
    after the broker's visibility timeout, when a message still unacknowledged would have come back by itself.
    """
    now = now or timezone.now()
    if unsent_seconds is None:
        unsent_seconds = job_setting("ZVP_JOB_RESEND_SECONDS", 60)
    unsent = now - datetime.timedelta(seconds=unsent_seconds)
    lost = now - datetime.timedelta(seconds=job_setting("CELERY_VISIBILITY_TIMEOUT", 3600) + 60)
    return model._default_manager.filter(status=JobStatus.QUEUED).filter(
        Q(task_id="", queued_at__lt=unsent) | Q(queued_at__lt=lost)
    )


def resend_waiting_jobs(model: type[Job], now=None) -> int:
    """Send every job waiting too long again (see :func:`waiting_too_long`). Returns how many were sent."""
    task = model.task()
    count = 0
    for job in waiting_too_long(model, now).order_by("pk"):
        model._default_manager.filter(pk=job.pk).update(queued_at=timezone.now())
        count += send_job(task, job)
    return count
