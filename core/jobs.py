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
"""

from __future__ import annotations

from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.base import user_fk


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("queued")
    RUNNING = "running", _("running")
    DONE = "done", _("done")
    FAILED = "failed", _("failed")


class Job(models.Model):
    """Bookkeeping of one run of long work: status, percentage, message, failure reason, who asked."""

    FINISHED = (JobStatus.DONE, JobStatus.FAILED)

    status = models.CharField(_("status"), max_length=16, choices=JobStatus.choices, default=JobStatus.QUEUED)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    progress_message = models.CharField(_("progress message"), max_length=200, blank=True)
    error = models.TextField(_("reason of failure"), blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    task_id = models.CharField(_("task id"), max_length=64, blank=True)
    requested_by = user_fk("+", _("requested by"))
    requested_at = models.DateTimeField(_("requested at"), default=timezone.now)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        abstract = True

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
        running is taken over: its worker died and the broker delivered the message again (acks late).
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
        if not manager.filter(pk=self.pk).exclude(status__in=self.FINISHED).update(**fields):
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

    def fail_with(self, reason: str) -> None:
        """Finish with a failure whose reason the screens show."""
        self._write(status=JobStatus.FAILED, error=str(reason)[:4000], finished_at=timezone.now())

    def requeue(self, message: str) -> None:
        """Back to *queued* before a retry of a transient failure; the reason stays visible meanwhile."""
        self._write(status=JobStatus.QUEUED, progress_message=str(message)[:200])


def enqueue_on_commit(task, job: Job, **options) -> None:
    """Send *task* with the job's id once the current transaction commits (never before the row exists)."""

    def send():
        result = task.apply_async(args=[job.pk], **options)
        if result.id and not job.is_finished:
            type(job)._default_manager.filter(pk=job.pk, task_id="").update(task_id=result.id)

    transaction.on_commit(send)
