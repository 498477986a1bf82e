"""Generated documents (PDF plans and annual reports) and the annual report's own text.

Every generation is a new :class:`Document` row: older editions stay available
and a failed run never replaces a good document (the current edition is the
newest *done* one). A document is made from one plan version (its status and
revision at the time are kept) and, for an annual report, one year.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q, Value
from django.db.models.functions import Coalesce
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.base import YEAR_VALIDATORS, ProtectedModel, TimeStampedModel
from core.html import sanitize_html
from core.jobs import Job, JobStatus
from plans.models import Plan, PlanContentQuerySet


class DocumentQuerySet(PlanContentQuerySet):
    """A citizen sees done public editions made from a published (or since archived) plan version."""

    plan_path = "plan"
    protection_paths = ("protection",)
    # Advisors generate documents for a plan in every status but archived.
    editable_statuses = Plan.FOLLOW_UP_STATUSES

    def public_condition(self) -> Q:
        return Q(status=JobStatus.DONE, made_from_status__in=Plan.PUBLIC_STATUSES)

    def done(self) -> DocumentQuerySet:
        return self.filter(status=JobStatus.DONE)

    def current(self) -> DocumentQuerySet:
        """The newest done document of each (plan, kind, edition, year): the one to download."""
        newer = Document.objects.filter(
            plan=models.OuterRef("plan"),
            kind=models.OuterRef("kind"),
            protection=models.OuterRef("protection"),
            year=models.OuterRef("year"),
            status=JobStatus.DONE,
            pk__gt=models.OuterRef("pk"),
        )
        return self.done().exclude(models.Exists(newer))


def document_upload_to(document: Document, filename: str) -> str:
    return f"documents/{document.plan.zone_id}/{document.plan_id}/{filename}"


class Document(Job, ProtectedModel):
    """A generated PDF: a whole plan or an annual report, in its public or internal edition.

    The protection level is the edition: a *public* edition leaves out every
    non-public part and unapproved values; a *restricted* (internal) edition
    includes them and says so on every page.
    """

    class Kind(models.TextChoices):
        PLAN = "plan", _("plan")
        ANNUAL_REPORT = "annual_report", _("annual report")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="documents", verbose_name=_("plan"))
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.PLAN)
    year = models.PositiveSmallIntegerField(
        _("year"), null=True, blank=True, validators=YEAR_VALIDATORS, help_text=_("The year of an annual report.")
    )
    language = models.CharField(_("language"), max_length=8, default="nl")
    made_from_status = models.CharField(_("made from plan status"), max_length=16, choices=Plan.Status.choices)
    made_from_revision = models.PositiveIntegerField(_("made from plan revision"))
    file = models.FileField(_("file"), upload_to=document_upload_to, blank=True, max_length=300)
    size = models.PositiveBigIntegerField(_("size (bytes)"), null=True, blank=True)
    page_count = models.PositiveIntegerField(_("pages"), null=True, blank=True)
    checksum = models.CharField(_("SHA-256 checksum"), max_length=64, blank=True)

    objects = DocumentQuerySet.as_manager()
    task_name = "documents.generate_document"

    class Meta:
        ordering = ["plan", "kind", "-year", "-requested_at", "-id"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="plan", year__isnull=True) | Q(kind="annual_report", year__isnull=False),
                name="document_year_only_for_annual_report",
                violation_error_message=_("An annual report needs a year; a plan document has none."),
            ),
            models.CheckConstraint(
                condition=Q(progress__lte=100),
                name="document_progress_at_most_100",
                violation_error_message=_("Progress is a percentage, at most 100."),
            ),
            # Identical requests made at the same moment make one job: one pending (queued or running) document
            # per plan, kind, year (none for a plan: 0), edition, language and plan revision.
            models.UniqueConstraint(
                "plan",
                "kind",
                Coalesce("year", Value(0)),
                "protection",
                "language",
                "made_from_revision",
                condition=Q(status__in=["queued", "running"]),
                name="document_one_pending_per_edition",
                violation_error_message=_("This document is already being generated."),
            ),
        ]
        indexes = [models.Index(fields=["plan", "kind", "protection", "year", "status"], name="document_current_idx")]

    def __str__(self) -> str:
        return f"{self.title} ({self.get_protection_display()})"

    @property
    def is_internal(self) -> bool:
        return not self.is_public

    @property
    def title(self) -> str:
        if self.kind == self.Kind.ANNUAL_REPORT:
            return _("Annual report %(year)s – %(plan)s") % {"year": self.year, "plan": self.plan.title}
        return self.plan.title

    def file_name(self) -> str:
        """The name a downloaded file gets: zone, plan period, kind, year, edition."""
        parts = [self.plan.zone.name, f"{self.plan.period_start}-{self.plan.period_end}"]
        if self.kind == self.Kind.ANNUAL_REPORT:
            parts += ["jaarverslag", str(self.year)]
        elif self.plan.kind != Plan.Kind.ZVP:
            parts.append(self.plan.kind)
        else:
            parts.append("zvp")
        parts.append("publiek" if self.is_public else "intern")
        return slugify(" ".join(parts)) + ".pdf"


class AnnualReportQuerySet(PlanContentQuerySet):
    plan_path = "plan"
    protection_paths = ()
    editable_statuses = Plan.FOLLOW_UP_STATUSES


class AnnualReport(TimeStampedModel):
    """The text advisors write for the annual report (jaarverslag) of a plan and year."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="annual_reports", verbose_name=_("plan"))
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    introduction = models.TextField(
        _("introduction"), blank=True, help_text=_("Opens the annual report: the year in a few paragraphs.")
    )

    objects = AnnualReportQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["plan", "-year"]
        verbose_name = _("annual report")
        verbose_name_plural = _("annual reports")
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "year"],
                name="annual_report_one_per_year",
                violation_error_message=_("This plan already has an annual report for that year."),
            )
        ]

    def __str__(self) -> str:
        return _("Annual report %(year)s – %(plan)s") % {"year": self.year, "plan": self.plan.title}

    def clean(self):
        from django.core.exceptions import ValidationError

        super().clean()
        if self.plan_id and self.year and not (self.plan.period_start <= self.year <= self.plan.period_end):
            raise ValidationError(
                {"year": _("The year must lie within the plan's period (%(start)s–%(end)s).")
                 % {"start": self.plan.period_start, "end": self.plan.period_end}}
            )  # fmt: skip

    def save(self, *args, **kwargs):
        self.introduction = sanitize_html(self.introduction)
        super().save(*args, **kwargs)
