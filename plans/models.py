"""The zonal security plans: their versions and workflow, chapters, values, stakeholders and signatories."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.access import RestrictedQuerySet
from core.base import YEAR_VALIDATORS, ProtectedModel, Protection, TimeStampedModel, user_fk
from core.html import sanitize_html
from zones.models import PoliceZone


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    IN_REVIEW = "in_review", _("in review")
    APPROVED = "approved", _("approved")
    PUBLISHED = "published", _("published")
    ARCHIVED = "archived", _("archived")


# Archived plans were published before being superseded: still public history.
PUBLIC_STATUSES = (PlanStatus.PUBLISHED, PlanStatus.ARCHIVED)
# The plan's content changes only in a draft ...
EDITABLE_STATUSES = (PlanStatus.DRAFT,)
# ... its yearly follow-up (action plans, measured values) until it is archived.
FOLLOW_UP_STATUSES = (PlanStatus.DRAFT, PlanStatus.IN_REVIEW, PlanStatus.APPROVED, PlanStatus.PUBLISHED)


class PlanContentQuerySet(RestrictedQuerySet):
    """The access rule for a plan's rows (core.access), with the plan statuses it depends on.

    Every app above plans builds the querysets of its plan-bound models on this one.
    """

    public_statuses = PUBLIC_STATUSES
    default_editable_statuses = EDITABLE_STATUSES


class FrameworkQuerySet(RestrictedQuerySet):
    """National frameworks (no zone) are reference data: everyone reads them, site administrators change them.

    A zone's own frameworks (its COL circulars, the KIV as it reads it, regional plans) are read by the zone's
    members, and by everyone once a public priority of a published plan answers them; the zone's advisors and
    korpschef add and change them. The rule is core.access's, for zone-level rows; only what counts as public
    is said here.
    """

    plan_path = None
    zone_path = "zone"
    protection_paths = ()

    def _public_q(self, published_only: bool = True) -> Q:
        linked = {"priorities__protection": Protection.PUBLIC}
        if published_only:
            linked["priorities__plan__status__in"] = PUBLIC_STATUSES
        answered = Framework.objects.filter(zone__isnull=False, **linked).values("pk")
        return Q(zone__isnull=True) | Q(pk__in=answered)


class Framework(TimeStampedModel):
    """A policy framework a priority can answer: national (NVP, KIV, COL 4/2019...) or a zone's own."""

    zone = models.ForeignKey(
        PoliceZone,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="frameworks",
        verbose_name=_("police zone"),
        help_text=_("The zone that added this framework; empty for a national framework."),
    )
    code = models.CharField(_("code"), max_length=40)
    title = models.CharField(_("title"), max_length=300)
    issuer = models.CharField(_("issued by"), max_length=200, blank=True)
    url = models.URLField(_("link"), blank=True)

    objects = FrameworkQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["code"]
        verbose_name = _("policy framework")
        verbose_name_plural = _("policy frameworks")
        constraints = [
            models.UniqueConstraint(
                fields=["code"],
                condition=Q(zone__isnull=True),
                name="framework_unique_national_code",
                violation_error_message=_("A national framework with this code already exists."),
            ),
            models.UniqueConstraint(
                fields=["zone", "code"],
                name="framework_unique_code_in_zone",
                violation_error_message=_("This zone already has a framework with this code."),
            ),
        ]

    def __str__(self):
        return self.code if self.code == self.title else f"{self.code} – {self.title}"


class PlanQuerySet(PlanContentQuerySet):
    plan_path = ""
    protection_paths = ()


class Plan(TimeStampedModel):
    """One version of a zonal security plan: the plan itself, an addendum or a revision."""

    class Kind(models.TextChoices):
        ZVP = "zvp", _("zonal security plan")
        ADDENDUM = "addendum", _("addendum")
        REVISION = "revision", _("revision")

    Status = PlanStatus
    PUBLIC_STATUSES = PUBLIC_STATUSES
    EDITABLE_STATUSES = EDITABLE_STATUSES
    FOLLOW_UP_STATUSES = FOLLOW_UP_STATUSES

    zone = models.ForeignKey(PoliceZone, on_delete=models.PROTECT, related_name="plans", verbose_name=_("police zone"))
    title = models.CharField(_("title"), max_length=300)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.ZVP)
    extends = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="extensions",
        verbose_name=_("extends"),
        help_text=_("The plan this addendum or revision extends or replaces."),
    )
    period_start = models.PositiveSmallIntegerField(_("first year"), validators=YEAR_VALIDATORS)
    period_end = models.PositiveSmallIntegerField(_("last year"), validators=YEAR_VALIDATORS)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.DRAFT)
    language = models.CharField(_("language of the content"), max_length=8, choices=settings.LANGUAGES, default="nl")
    council_approved_on = models.DateField(_("approved by the zonal security council on"), null=True, blank=True)
    minister_approved_on = models.DateField(_("approved by the ministers on"), null=True, blank=True)
    valid_from = models.DateField(
        _("valid from"), null=True, blank=True, help_text=_("The date from which the plan is in force.")
    )
    themes_chosen_on = models.DateField(
        _("themes chosen by the council on"),
        null=True,
        blank=True,
        help_text=_("The date of the zonal security council meeting that chose the plan's themes."),
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    foreword = models.TextField(_("foreword"), blank=True)
    foreword_author = models.CharField(_("foreword by"), max_length=200, blank=True)
    closing_word = models.TextField(_("closing word"), blank=True)
    closing_word_author = models.CharField(_("closing word by"), max_length=200, blank=True)
    mission = models.TextField(_("mission"), blank=True)
    vision = models.TextField(_("vision"), blank=True)
    source_note = models.CharField(
        _("source"), max_length=300, blank=True, help_text=_("Where the content of this version comes from.")
    )

    objects = PlanQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["zone", "-period_start", "kind", "id"]
        verbose_name = _("plan")
        verbose_name_plural = _("plans")
        constraints = [
            models.CheckConstraint(
                condition=Q(period_start__lte=F("period_end")),
                name="plan_period_start_lte_end",
                violation_error_message=_("The first year of the period cannot come after the last year."),
            ),
            models.CheckConstraint(
                condition=Q(kind="zvp") | Q(extends__isnull=False),
                name="plan_extension_names_its_plan",
                violation_error_message=_("An addendum or revision must name the plan it extends."),
            ),
            models.CheckConstraint(
                condition=~Q(extends=F("id")),
                name="plan_does_not_extend_itself",
                violation_error_message=_("A plan cannot extend itself."),
            ),
        ]

    def __str__(self):
        return f"{self.zone.name}: {self.title} ({self.period_start}-{self.period_end})"

    def clean(self):
        errors = {}
        if self.extends_id and self.zone_id and self.extends.zone_id != self.zone_id:
            errors["extends"] = _("A plan can only extend a plan of the same zone.")
        if self.extends_id and self.pk and self.extends_id == self.pk:
            errors["extends"] = _("A plan cannot extend itself.")
        if (
            self.minister_approved_on
            and self.council_approved_on
            and self.minister_approved_on < self.council_approved_on
        ):
            errors["minister_approved_on"] = _("Ministerial approval cannot precede the council's approval.")
        if errors:
            raise ValidationError(errors)

    @property
    def years(self) -> range:
        return range(self.period_start, self.period_end + 1)

    @property
    def is_public(self) -> bool:
        return self.status in self.PUBLIC_STATUSES

    @property
    def is_frozen(self) -> bool:
        return self.status not in self.EDITABLE_STATUSES


class StatusChangeQuerySet(PlanContentQuerySet):
    """The workflow history names people: for the zone's members only."""

    plan_path = "plan"
    protection_paths = ()

    def public_condition(self) -> Q:
        return Q(pk__in=[])


class PlanStatusChange(models.Model):
    """One step in a plan's workflow: who moved it from which status to which, and when."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="status_changes", verbose_name=_("plan"))
    from_status = models.CharField(_("from"), max_length=16, choices=Plan.Status.choices)
    to_status = models.CharField(_("to"), max_length=16, choices=Plan.Status.choices)
    changed_by = user_fk("+", _("changed by"))
    changed_at = models.DateTimeField(_("changed at"), auto_now_add=True)
    note = models.TextField(_("note"), blank=True)

    objects = StatusChangeQuerySet.as_manager()

    class Meta:
        ordering = ["plan", "changed_at", "id"]
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")

    def __str__(self):
        return f"{self.plan}: {self.get_from_status_display()} → {self.get_to_status_display()}"


class PlanPartQuerySet(PlanContentQuerySet):
    plan_path = "plan"
    protection_paths = ("protection",)


class PlanValueQuerySet(PlanContentQuerySet):
    plan_path = "plan"
    protection_paths = ()


class PlanValue(models.Model):
    """One of the plan's values (waarden), a short list such as 'integer, dienstbaar'."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="values", verbose_name=_("plan"))
    name = models.CharField(_("value"), max_length=100)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)

    objects = PlanValueQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["plan", "order", "id"]
        verbose_name = _("value")
        verbose_name_plural = _("values")

    def __str__(self):
        return self.name


class Chapter(TimeStampedModel, ProtectedModel):
    """An ordered free-text chapter of a plan: zone profile, analysis, monitoring..."""

    class Kind(models.TextChoices):
        ABOUT = "about", _("what a zonal security plan is")
        PROFILE = "profile", _("zone profile")
        ANALYSIS = "analysis", _("scanning and analysis")
        MISSION = "mission", _("mission, vision and values")
        POLICY_CHOICES = "policy_choices", _("policy choices")
        RESOURCES = "resources", _("resources")
        FEDERAL_TASKS = "federal_tasks", _("contribution to federal tasks")
        MONITORING = "monitoring", _("monitoring and evaluation")
        COMMUNICATION = "communication", _("communication")
        PRIVACY = "privacy", _("data protection")
        OTHER = "other", _("other")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="chapters", verbose_name=_("plan"))
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.OTHER)
    title = models.CharField(_("title"), max_length=300)
    body = models.TextField(_("text"), blank=True, help_text=_("Sanitised HTML."))
    order = models.PositiveIntegerField(_("order"), default=0)

    objects = PlanPartQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["plan", "order", "id"]
        verbose_name = _("chapter")
        verbose_name_plural = _("chapters")

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.body = sanitize_html(self.body)
        super().save(*args, **kwargs)


class StakeholderExpectation(TimeStampedModel, ProtectedModel):
    """What a stakeholder (a mayor, the prosecutor, DirCo...) expects of the zone."""

    class Role(models.TextChoices):
        MAYOR = "mayor", _("mayor")
        PROSECUTOR = "prosecutor", _("public prosecutor")
        DIRCO = "dirco", _("administrative director-coordinator (DirCo)")
        DIRJUD = "dirjud", _("judicial director (DirJud)")
        GOVERNOR = "governor", _("governor")
        POPULATION = "population", _("population")
        PARTNERS = "partners", _("partners")
        STAFF = "staff", _("staff")
        OTHER = "other", _("other")

    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="stakeholder_expectations", verbose_name=_("plan")
    )
    role = models.CharField(_("stakeholder"), max_length=16, choices=Role.choices)
    name = models.CharField(_("name"), max_length=200, blank=True, help_text=_("Person or body, if named."))
    expectations = models.TextField(_("expectations"))
    order = models.PositiveIntegerField(_("order"), default=0)

    objects = PlanPartQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["plan", "order", "id"]
        verbose_name = _("stakeholder expectation")
        verbose_name_plural = _("stakeholder expectations")

    def __str__(self):
        who = self.name or self.get_role_display()
        return f"{who}: {self.expectations[:60]}"


class Signatory(TimeStampedModel, ProtectedModel):
    """A member of the council who signs the plan 'voor kennisname en akkoord'."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="signatories", verbose_name=_("plan"))
    name = models.CharField(_("name"), max_length=200)
    role = models.CharField(_("role"), max_length=200)
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    order = models.PositiveIntegerField(
        _("rank"), default=0, help_text=_("The signatory's place in the signature table (1 signs first).")
    )

    objects = PlanPartQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["plan", "order", "id"]
        verbose_name = _("signatory")
        verbose_name_plural = _("signatories")

    def __str__(self):
        return f"{self.name} ({self.role})"
