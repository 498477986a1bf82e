"""Yearly action plans (actieplannen, actiefiches) per priority: SMART objectives, actions, milestones."""

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q, Sum
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.base import YEAR_VALIDATORS, ProtectedModel, SampleDataModel, TimeStampedModel
from plans.models import Plan, PlanContentQuerySet
from priorities.models import Priority


class ActionPlanQuerySet(PlanContentQuerySet):
    """A yearly action plan reaches citizens once it is no longer a draft (in progress or completed)."""

    editable_statuses = Plan.FOLLOW_UP_STATUSES
    plan_path = "priority__plan"
    protection_paths = ("protection", "priority__protection")

    def public_condition(self) -> Q:
        return ~Q(status="draft")


class ActionPlan(TimeStampedModel, ProtectedModel, SampleDataModel):
    """The action plan of one priority for one year."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        ACTIVE = "active", _("in progress")
        COMPLETED = "completed", _("completed")

    priority = models.ForeignKey(
        Priority, on_delete=models.CASCADE, related_name="action_plans", verbose_name=_("priority")
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    title = models.CharField(_("title"), max_length=300, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    responsible_unit = models.CharField(_("responsible unit"), max_length=200, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.DRAFT)

    objects = ActionPlanQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["priority", "year"]
        verbose_name = _("action plan")
        verbose_name_plural = _("action plans")
        constraints = [
            models.UniqueConstraint(
                fields=["priority", "year"],
                name="actionplan_one_per_priority_and_year",
                violation_error_message=_("This priority already has an action plan for this year."),
            ),
        ]

    def __str__(self):
        return f"{self.priority} – {self.year}"

    def clean(self):
        if self.priority_id and self.year and self.year not in self.priority.plan.years:
            plan = self.priority.plan
            raise ValidationError(
                {
                    "year": _("The year must lie within the plan's period %(start)s-%(end)s.")
                    % {"start": plan.period_start, "end": plan.period_end}
                }
            )

    def capacity_totals(self) -> dict:
        """Planned and spent hours and budget, summed from the actions.

        Cancelled actions count here (their hours were spent), unlike in ``progress``.
        """
        return Action.objects.filter(objective__action_plan=self).aggregate(
            planned_hours=Sum("planned_hours"), spent_hours=Sum("spent_hours"), budget=Sum("budget")
        )

    def progress(self) -> tuple[int, int]:
        """(actions done, actions counted); cancelled actions do not count."""
        actions = Action.objects.filter(objective__action_plan=self).exclude(status=Action.Status.CANCELLED)
        return actions.filter(status=Action.Status.DONE).count(), actions.count()


class ObjectiveQuerySet(PlanContentQuerySet):
    editable_statuses = Plan.FOLLOW_UP_STATUSES
    plan_path = "action_plan__priority__plan"
    protection_paths = ("action_plan__protection", "action_plan__priority__protection")

    def public_condition(self) -> Q:
        return ~Q(action_plan__status="draft")


class Objective(TimeStampedModel, SampleDataModel):
    """A SMART objective of a yearly action plan."""

    action_plan = models.ForeignKey(
        ActionPlan, on_delete=models.CASCADE, related_name="objectives", verbose_name=_("action plan")
    )
    title = models.CharField(_("objective"), max_length=400)
    description = models.TextField(
        _("description"), blank=True, help_text=_("Specific, measurable, achievable, relevant, time-bound.")
    )
    order = models.PositiveIntegerField(_("order"), default=0)

    objects = ObjectiveQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["action_plan", "order", "id"]
        verbose_name = _("objective")
        verbose_name_plural = _("objectives")

    def __str__(self):
        return self.title


class ActionQuerySet(PlanContentQuerySet):
    editable_statuses = Plan.FOLLOW_UP_STATUSES
    plan_path = "objective__action_plan__priority__plan"
    protection_paths = (
        "protection",
        "objective__action_plan__protection",
        "objective__action_plan__priority__protection",
    )

    def public_condition(self) -> Q:
        return ~Q(objective__action_plan__status="draft")


class Action(TimeStampedModel, ProtectedModel, SampleDataModel):
    """A concrete action towards an objective, with its unit, dates, capacity and budget."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        IN_PROGRESS = "in_progress", _("in progress")
        DONE = "done", _("done")
        DELAYED = "delayed", _("delayed")
        CANCELLED = "cancelled", _("cancelled")

    objective = models.ForeignKey(
        Objective, on_delete=models.CASCADE, related_name="actions", verbose_name=_("objective")
    )
    title = models.CharField(_("action"), max_length=400)
    description = models.TextField(_("description"), blank=True)
    responsible_unit = models.CharField(_("responsible unit"), max_length=200, blank=True)
    partners = models.TextField(_("partners"), blank=True)
    start_date = models.DateField(_("start"), null=True, blank=True)
    end_date = models.DateField(_("end"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PLANNED)
    planned_hours = models.DecimalField(
        _("planned capacity (hours)"),
        max_digits=9,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    spent_hours = models.DecimalField(
        _("spent capacity (hours)"),
        max_digits=9,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    budget = models.DecimalField(
        _("budget (EUR)"), max_digits=12, decimal_places=2, null=True, blank=True, validators=[MinValueValidator(0)]
    )
    order = models.PositiveIntegerField(_("order"), default=0)

    objects = ActionQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["objective", "order", "id"]
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        constraints = [
            models.CheckConstraint(
                condition=Q(start_date__isnull=True) | Q(end_date__isnull=True) | Q(start_date__lte=F("end_date")),
                name="action_start_lte_end",
                violation_error_message=_("The end date cannot come before the start date."),
            ),
            models.CheckConstraint(
                condition=Q(planned_hours__isnull=True) | Q(planned_hours__gte=0),
                name="action_planned_hours_not_negative",
                violation_error_message=_("Planned capacity cannot be negative."),
            ),
            models.CheckConstraint(
                condition=Q(spent_hours__isnull=True) | Q(spent_hours__gte=0),
                name="action_spent_hours_not_negative",
                violation_error_message=_("Spent capacity cannot be negative."),
            ),
            models.CheckConstraint(
                condition=Q(budget__isnull=True) | Q(budget__gte=0),
                name="action_budget_not_negative",
                violation_error_message=_("The budget cannot be negative."),
            ),
        ]

    def __str__(self):
        return self.title


class MilestoneQuerySet(PlanContentQuerySet):
    editable_statuses = Plan.FOLLOW_UP_STATUSES
    plan_path = "action_plan__priority__plan"
    protection_paths = ("action_plan__protection", "action_plan__priority__protection")

    def public_condition(self) -> Q:
        return ~Q(action_plan__status="draft")


class Milestone(TimeStampedModel, SampleDataModel):
    """A dated step of a yearly action plan, reached or not."""

    action_plan = models.ForeignKey(
        ActionPlan, on_delete=models.CASCADE, related_name="milestones", verbose_name=_("action plan")
    )
    title = models.CharField(_("milestone"), max_length=300)
    due_date = models.DateField(_("due on"))
    reached_on = models.DateField(_("reached on"), null=True, blank=True)

    objects = MilestoneQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["action_plan", "due_date", "id"]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")

    def __str__(self):
        return f"{self.title} ({self.due_date})"

    @property
    def is_reached(self) -> bool:
        return self.reached_on is not None
