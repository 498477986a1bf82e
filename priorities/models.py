"""Policy domains, themes and the priorities (beleidskeuzes, Gent's I- and B-projects) of a plan."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.base import ProtectedModel, TimeStampedModel
from plans.models import Framework, Plan, PlanContentQuerySet, StakeholderExpectation


class DomainQuerySet(PlanContentQuerySet):
    plan_path = "plan"
    protection_paths = ()


class Domain(TimeStampedModel):
    """A group of priorities, e.g. 'Veiligheid en leefbaarheid' or 'Optimale bedrijfsvoering'."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="domains", verbose_name=_("plan"))
    code = models.CharField(_("code"), max_length=20)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)

    objects = DomainQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["plan", "order", "id"]
        verbose_name = _("domain")
        verbose_name_plural = _("domains")
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "code"],
                name="domain_unique_code_in_plan",
                violation_error_message=_("This plan already has a domain with this code."),
            ),
        ]

    def __str__(self):
        return self.name


class Theme(TimeStampedModel):
    """A node in a plan's theme tree, of any depth (Gent: 'Overlast' > 'Bedelarij')."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="themes", verbose_name=_("plan"))
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="children", verbose_name=_("parent theme")
    )
    name = models.CharField(_("name"), max_length=200)
    order = models.PositiveIntegerField(_("order"), default=0)

    objects = DomainQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["plan", "order", "id"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        constraints = [
            models.CheckConstraint(
                condition=~Q(parent=models.F("id")),
                name="theme_not_own_parent",
                violation_error_message=_("A theme cannot be its own parent."),
            ),
        ]

    def __str__(self):
        return " › ".join(t.name for t in self.ancestors(include_self=True))

    def ancestors(self, include_self: bool = False) -> list["Theme"]:
        """From the root down to this theme's parent (or itself)."""
        chain, node, seen = [], (self if include_self else self.parent), set()
        while node is not None and node.pk not in seen:
            seen.add(node.pk)
            chain.append(node)
            node = node.parent
        return list(reversed(chain))

    @property
    def depth(self) -> int:
        return len(self.ancestors())

    def clean(self):
        if self.parent_id is None:
            return
        if self.parent.plan_id != self.plan_id:
            raise ValidationError({"parent": _("The parent theme belongs to another plan.")})
        if self.pk and any(a.pk == self.pk for a in self.parent.ancestors(include_self=True)):
            raise ValidationError({"parent": _("A theme cannot be placed under itself or one of its sub-themes.")})


class PriorityQuerySet(PlanContentQuerySet):
    plan_path = "plan"
    protection_paths = ("protection",)


class Priority(TimeStampedModel, ProtectedModel):
    """A priority (beleidskeuze) of a plan; in Gent an I-project or a B-project."""

    class Kind(models.TextChoices):
        INNOVATION = "innovation", _("innovation (I-project)")
        SECURING = "securing", _("securing (B-project)")
        PRIORITY = "priority", _("priority")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="priorities", verbose_name=_("plan"))
    domain = models.ForeignKey(
        Domain, on_delete=models.SET_NULL, null=True, blank=True, related_name="priorities", verbose_name=_("domain")
    )
    theme = models.ForeignKey(
        Theme, on_delete=models.SET_NULL, null=True, blank=True, related_name="priorities", verbose_name=_("theme")
    )
    code = models.CharField(
        _("code"), max_length=20, blank=True, help_text=_("As the plan writes it, e.g. 'I 1' or 'B 58'.")
    )
    number = models.PositiveIntegerField(_("number"), help_text=_("Position in the plan's numbering."))
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.PRIORITY)
    short_title = models.CharField(_("short title"), max_length=200)
    heading_title = models.CharField(_("heading title"), max_length=400, blank=True)
    rationale = models.TextField(_("rationale"), blank=True, help_text=_("Why it was chosen, traced to the analysis."))
    target_group = models.TextField(_("target group"), blank=True)
    partners = models.TextField(_("partners"), blank=True)
    owner_unit = models.CharField(_("owner unit"), max_length=200, blank=True)
    strategic_objective = models.TextField(_("strategic objective"), blank=True)
    approach_advise = models.TextField(_("approach: advise and prevent (raadgeven)"), blank=True)
    approach_deter = models.TextField(_("approach: deter (ontraden)"), blank=True)
    approach_enforce = models.TextField(_("approach: enforce (reguleren)"), blank=True)
    approach_investigate = models.TextField(_("approach: investigate (onderzoeken)"), blank=True)
    approach_aftercare = models.TextField(_("approach: aftercare (nazorg)"), blank=True)
    stakeholder_expectations = models.ManyToManyField(
        StakeholderExpectation,
        blank=True,
        related_name="priorities",
        verbose_name=_("answers stakeholder expectations"),
    )
    frameworks = models.ManyToManyField(
        Framework, blank=True, related_name="priorities", verbose_name=_("answers policy frameworks")
    )

    objects = PriorityQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[stakeholder_expectations, frameworks])

    PILLARS = (
        ("approach_advise", "raadgeven"),
        ("approach_deter", "ontraden"),
        ("approach_enforce", "reguleren"),
        ("approach_investigate", "onderzoeken"),
        ("approach_aftercare", "nazorg"),
    )

    class Meta:
        ordering = ["plan", "number", "id"]
        verbose_name = _("priority")
        verbose_name_plural = _("priorities")
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "number"],
                name="priority_unique_number_in_plan",
                violation_error_message=_("This plan already has a priority with this number."),
            ),
            models.UniqueConstraint(
                fields=["plan", "code"],
                condition=~Q(code=""),
                name="priority_unique_code_in_plan",
                violation_error_message=_("This plan already has a priority with this code."),
            ),
        ]

    def __str__(self):
        return f"{self.code} {self.short_title}" if self.code else self.short_title

    def clean(self):
        errors = {}
        if self.domain_id and self.domain.plan_id != self.plan_id:
            errors["domain"] = _("The domain belongs to another plan.")
        if self.theme_id and self.theme.plan_id != self.plan_id:
            errors["theme"] = _("The theme belongs to another plan.")
        if errors:
            raise ValidationError(errors)

    @property
    def approach(self) -> list[tuple[str, str]]:
        """The pillars of the integrated approach that have text, in the fixed order."""
        return [(label, getattr(self, field)) for field, label in self.PILLARS if getattr(self, field)]
