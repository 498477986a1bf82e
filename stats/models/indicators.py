"""Indicators with their baseline, yearly targets and measured values (public once the council approved them)."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.base import YEAR_VALIDATORS, ProtectedModel, SampleDataModel, TimeStampedModel, user_fk
from plans.models import Plan, PlanContentQuerySet
from priorities.models import Priority
from stats.models.series import StatSeries
from stats.status import DEFAULT_AT_RISK_MARGIN, Direction, IndicatorStatus, compute_status


class IndicatorQuerySet(PlanContentQuerySet):
    plan_path = "plan"
    protection_paths = ("protection",)
    optional_protection_paths = (("priority", "priority__protection"),)


class Indicator(TimeStampedModel, ProtectedModel, SampleDataModel):
    """What is measured to follow a priority: unit, direction, source, baseline and yearly targets."""

    class Source(models.TextChoices):
        POLICE_REGISTRATIONS = "police", _("police registrations")
        SAFETY_MONITOR = "monitor", _("Veiligheidsmonitor survey")
        CITY_MONITOR = "city_monitor", _("Stadsmonitor")
        OWN_RECORDS = "own", _("own records")
        OTHER = "other", _("other")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="indicators", verbose_name=_("plan"))
    priority = models.ForeignKey(
        Priority, on_delete=models.CASCADE, null=True, blank=True, related_name="indicators", verbose_name=_("priority")
    )
    code = models.CharField(_("code"), max_length=20, blank=True)
    name = models.CharField(_("name"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    unit = models.CharField(_("unit"), max_length=40, help_text=_("e.g. 'feiten', '%', 'controles'."))
    direction = models.CharField(_("direction"), max_length=8, choices=Direction.choices, default=Direction.UP)
    source = models.CharField(_("source"), max_length=16, choices=Source.choices, default=Source.OWN_RECORDS)
    source_detail = models.CharField(_("source details"), max_length=300, blank=True)
    baseline_year = models.PositiveSmallIntegerField(
        _("baseline year"), null=True, blank=True, validators=YEAR_VALIDATORS
    )
    baseline_value = models.DecimalField(_("baseline value"), max_digits=14, decimal_places=2, null=True, blank=True)
    at_risk_margin = models.DecimalField(
        _("at-risk margin (%)"),
        max_digits=5,
        decimal_places=2,
        default=DEFAULT_AT_RISK_MARGIN,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_("How far below target, as a percentage of the target, still counts as 'at risk'."),
    )
    series = models.ForeignKey(
        StatSeries,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="indicators",
        verbose_name=_("statistical series"),
        help_text=_("When set, the yearly values follow this series."),
    )
    order = models.PositiveIntegerField(_("order"), default=0)

    objects = IndicatorQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["plan", "priority__number", "order", "id"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "code"],
                condition=~Q(code=""),
                name="indicator_unique_code_in_plan",
                violation_error_message=_("This plan already has an indicator with this code."),
            ),
            models.CheckConstraint(
                condition=Q(baseline_year__isnull=True, baseline_value__isnull=True)
                | Q(baseline_year__isnull=False, baseline_value__isnull=False),
                name="indicator_baseline_year_and_value_together",
                violation_error_message=_("Give the baseline's year and value together, or neither."),
            ),
            models.CheckConstraint(
                condition=Q(at_risk_margin__gte=0) & Q(at_risk_margin__lte=100),
                name="indicator_margin_between_0_and_100",
                violation_error_message=_("The at-risk margin is a percentage between 0 and 100."),
            ),
        ]

    def __str__(self):
        return f"{self.code} {self.name}" if self.code else self.name

    def clean(self):
        if self.priority_id and self.plan_id and self.priority.plan_id != self.plan_id:
            raise ValidationError({"priority": _("The priority belongs to another plan.")})
        if self.series_id and self.plan_id and self.series.zone_id != self.plan.zone_id:
            raise ValidationError({"series": _("The series belongs to another zone.")})

    # The helpers below read self.targets.all() and self.values.all(), so a
    # prefetch_related("targets", "values") makes them free of further queries.

    def target_for(self, year: int) -> Decimal | None:
        return next((t.value for t in self.targets.all() if t.year == year), None)

    def value_for(self, year: int, approved_only: bool = False) -> Decimal | None:
        for v in self.values.all():
            if v.year == year and (v.is_approved or not approved_only):
                return v.value
        return None

    def status_for(self, year: int, approved_only: bool = False) -> IndicatorStatus:
        return compute_status(
            self.direction, self.target_for(year), self.value_for(year, approved_only), self.at_risk_margin
        )


class IndicatorChildQuerySet(PlanContentQuerySet):
    plan_path = "indicator__plan"
    protection_paths = ("indicator__protection",)
    optional_protection_paths = (("indicator__priority", "indicator__priority__protection"),)


class IndicatorTarget(TimeStampedModel, SampleDataModel):
    """The target value of an indicator for one year."""

    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="targets", verbose_name=_("indicator")
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    value = models.DecimalField(_("target"), max_digits=14, decimal_places=2)
    note = models.CharField(_("note"), max_length=300, blank=True)

    objects = IndicatorChildQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["indicator", "year"]
        verbose_name = _("yearly target")
        verbose_name_plural = _("yearly targets")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "year"],
                name="indicatortarget_one_per_year",
                violation_error_message=_("This indicator already has a target for this year."),
            ),
        ]

    def __str__(self):
        return f"{self.indicator} {self.year}: {self.value}"

    def clean(self):
        _check_year_in_plan(self)


class ApprovedValueQuerySet(IndicatorChildQuerySet):
    """Measured values: public once approved; entered while the plan is in force, frozen once approved."""

    editable_statuses = Plan.FOLLOW_UP_STATUSES

    def public_condition(self) -> Q:
        return Q(approved_at__isnull=False)

    def change_condition(self) -> Q:
        return Q(approved_at__isnull=True)


class IndicatorValue(TimeStampedModel, SampleDataModel):
    """The measured value of an indicator for one year, entered by an advisor, approved by the council."""

    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="values", verbose_name=_("indicator")
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    value = models.DecimalField(_("measured value"), max_digits=14, decimal_places=2)
    note = models.CharField(_("note"), max_length=300, blank=True)
    entered_by = user_fk("+", _("entered by"))
    approved_by = user_fk("+", _("approved by"))
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    from_series = models.BooleanField(
        _("taken from the series"),
        default=False,
        help_text=_("Copied from the indicator's statistical series when its figures were imported."),
    )
    import_source = models.CharField(
        _("imported from"),
        max_length=300,
        blank=True,
        help_text=_("The file the value was last imported from; empty when entered by hand."),
    )

    objects = ApprovedValueQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["indicator", "year"]
        verbose_name = _("measured value")
        verbose_name_plural = _("measured values")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "year"],
                name="indicatorvalue_one_per_year",
                violation_error_message=_("This indicator already has a value for this year."),
            ),
        ]

    def __str__(self):
        return f"{self.indicator} {self.year}: {self.value}"

    @property
    def is_approved(self) -> bool:
        return self.approved_at is not None

    def clean(self):
        _check_year_in_plan(self)


def _check_year_in_plan(row):
    """A yearly target or value must lie in the plan's period; the baseline has its own fields."""
    if not (row.indicator_id and row.year):
        return
    plan = row.indicator.plan
    if row.year not in plan.years:
        raise ValidationError(
            {
                "year": _("The year must lie within the plan's period %(start)s-%(end)s.")
                % {"start": plan.period_start, "end": plan.period_end}
            }
        )
