"""Imports of statistics, indicator values, staff and budget tables from CSV and XLSX files.

Each upload is an :class:`ImportJob` (the portal's job pattern, see core/jobs.py): the file is kept,
checked as a whole, and written only when every row is right (all or nothing). What the check found is kept
on the job as a list of problems, each with its row and column, so the screens and the API can show them.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.access import RestrictedQuerySet
from core.jobs import Job
from plans.models import Plan
from zones.models import PoliceZone


class ImportKind(models.TextChoices):
    """What a file holds; each kind has its own columns (imports/kinds/)."""

    CRIME = "criminaliteit", _("registered crime")
    ACCIDENTS = "verkeersongevallen", _("traffic accidents")
    SURVEY = "enquete", _("survey results")
    INDICATOR_VALUES = "indicatorwaarden", _("indicator values")
    STAFF = "personeel", _("staff table")
    BUDGET = "begroting", _("multi-year financial plan")


class ImportOutcome(models.TextChoices):
    """How a finished job ended, besides its status."""

    PENDING = "", _("not checked yet")
    INVALID = "invalid", _("refused: the file has problems")
    NEEDS_CONFIRMATION = "confirm", _("waiting for confirmation to overwrite")
    IMPORTED = "imported", _("imported")
    UNCHANGED = "unchanged", _("nothing to change")


class ImportJobQuerySet(RestrictedQuerySet):
    """A zone's members see its imports; advisors and the korpschef start them. Citizens never see them."""

    plan_path = None
    zone_path = "zone"
    protection_paths = ()

    def public_condition(self) -> Q:
        return Q(pk__in=[])


def import_upload_to(job: ImportJob, filename: str) -> str:
    return f"imports/{job.zone_id}/{filename}"


class ImportJob(Job):
    """One uploaded file, its check and its import into a zone (statistics) or a plan (everything else)."""

    kind = models.CharField(_("kind"), max_length=32, choices=ImportKind.choices)
    zone = models.ForeignKey(
        PoliceZone, on_delete=models.CASCADE, related_name="import_jobs", verbose_name=_("police zone")
    )
    plan = models.ForeignKey(
        Plan,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="import_jobs",
        verbose_name=_("plan"),
        help_text=_("For indicator values, staff and budget tables."),
    )
    file = models.FileField(_("file"), upload_to=import_upload_to, max_length=300)
    file_name = models.CharField(_("file name"), max_length=255, help_text=_("The name the file was uploaded with."))
    size = models.PositiveBigIntegerField(_("size (bytes)"), default=0)
    overwrite = models.BooleanField(
        _("overwrite confirmed"),
        default=False,
        help_text=_("Existing values that the file changes are overwritten only once this is confirmed."),
    )
    outcome = models.CharField(
        _("outcome"), max_length=16, choices=ImportOutcome.choices, default=ImportOutcome.PENDING, blank=True
    )
    row_count = models.PositiveIntegerField(_("rows"), default=0)
    problems = models.JSONField(
        _("problems"), default=list, blank=True, help_text=_("Each with its row, column, value and message.")
    )
    problem_count = models.PositiveIntegerField(_("number of problems"), default=0)
    summary = models.JSONField(
        _("summary"), default=dict, blank=True, help_text=_("How many rows are new, changed and unchanged.")
    )

    objects = ImportJobQuerySet.as_manager()
    task_name = "imports.run_import_job"

    class Meta:
        ordering = ["-requested_at", "-id"]
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=["criminaliteit", "verkeersongevallen", "enquete"]) | Q(plan__isnull=False),
                name="importjob_plan_kinds_have_plan",
                violation_error_message=_("Indicator values, staff and budget tables are imported into a plan."),
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.file_name}"

    @property
    def change_reason(self) -> str:
        """What the history records as the reason of every change this import makes (at most 100 characters)."""
        return f"Import #{self.pk}: {self.file_name}"[:100]

    @property
    def source_label(self) -> str:
        """What the imported rows keep as their source."""
        return f"{self.file_name} (import #{self.pk})"[:300]

    @property
    def needs_confirmation(self) -> bool:
        return self.outcome == ImportOutcome.NEEDS_CONFIRMATION
