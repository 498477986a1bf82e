"""Indicators with their baseline, yearly targets and measured values (public once the council approved them).

An indicator carried into a revision of its plan is the same *line* in the new version: its targets and wording
are per version, but its measured values (and their approval) belong to the line, so every version shows the
same yearly figures. The first indicator of the line (``Indicator.origin`` of the later ones) holds them;
``indicator.values`` and ``IndicatorValue.objects.for_indicators()`` / ``.of_plan()`` read them for any version.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Coalesce
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

    def of_line(self, line) -> IndicatorQuerySet:
        """The versions of the line *line* (the id of its first indicator, or an ``OuterRef`` to one)."""
        return self.filter(Q(pk=line) | Q(origin_id=line))

    def line_ids(self) -> IndicatorQuerySet:
        """The line ids of these indicators, as a subquery (``indicator_id__in=...``)."""
        return self.annotate(line=Coalesce("origin_id", "pk")).values("line")


class LineValues:
    """``indicator.values``: the measured values of the indicator's line, whichever version it is.

    Works like a reverse relation: ``indicator.values.all()`` and ``prefetch_related("values")`` or
    ``Prefetch("values", queryset=IndicatorValue.objects.restrict(user, "view"))`` (one query for all the
    indicators, however many versions share a line).
    """

    cache_name = "values"

    def __init__(self, indicator):
        self.indicator = indicator

    def _apply_rel_filters(self, queryset):
        return queryset.filter(indicator_id=self.indicator.line_id)

    def get_queryset(self):
        cache = getattr(self.indicator, "_prefetched_objects_cache", {})
        if self.cache_name in cache:
            return cache[self.cache_name]
        return self._apply_rel_filters(IndicatorValue.objects.all())

    def all(self):
        return self.get_queryset()

    def filter(self, *args, **kwargs):
        return self.get_queryset().filter(*args, **kwargs)

    def get(self, *args, **kwargs):
        return self.get_queryset().get(*args, **kwargs)

    def create(self, **kwargs):
        return IndicatorValue.objects.create(indicator_id=self.indicator.line_id, **kwargs)

    def get_prefetch_querysets(self, instances, querysets=None):
        queryset = querysets[0] if querysets else IndicatorValue.objects.all()
        queryset = queryset.filter(indicator_id__in={i.line_id for i in instances})
        return (
            queryset,
            lambda value: value.indicator_id,
            lambda indicator: indicator.line_id,
            False,
            self.cache_name,
            False,
        )


class LineValuesDescriptor:
    """Gives ``indicator.values`` (a ``LineValues``); on the class itself, the descriptor (as a relation's)."""

    def __get__(self, instance, owner=None):
        return self if instance is None else LineValues(instance)


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
    origin = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="versions",
        verbose_name=_("first version"),
        help_text=_(
            "The indicator of an earlier version of the plan that this one continues: they share their measured values."
        ),
    )

    objects = IndicatorQuerySet.as_manager()
    history = HistoricalRecords()
    #: The measured values of the indicator's line (see ``LineValues``).
    values = LineValuesDescriptor()

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
            models.UniqueConstraint(
                fields=["plan", "origin"],
                condition=Q(origin__isnull=False),
                name="indicator_one_version_per_plan",
                violation_error_message=_("This plan already has a version of this indicator."),
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

    @property
    def line_id(self) -> int | None:
        """The id of the line's first indicator, which holds the line's measured values."""
        return self.origin_id or self.pk

    def clean(self):
        if self.origin_id and self.origin_id == self.pk:
            raise ValidationError({"origin": _("An indicator cannot continue itself.")})
        if self.origin_id and self.plan_id and self.origin.plan.zone_id != self.plan.zone_id:
            raise ValidationError({"origin": _("The earlier version belongs to another zone.")})
        if self.priority_id and self.plan_id and self.priority.plan_id != self.plan_id:
            raise ValidationError({"priority": _("The priority belongs to another plan.")})
        if self.series_id and self.plan_id and self.series.zone_id != self.plan.zone_id:
            raise ValidationError({"series": _("The series belongs to another zone.")})

    # The helpers below read self.targets.all() and self.values.all() (the line's values), so a
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


class ApprovedValueQuerySet(PlanContentQuerySet):
    """Measured values: public once approved; entered while the plan is in force, frozen once approved.

    A value belongs to its indicator's line (every version of the indicator), so the rule asks about the
    line's versions: a citizen sees an approved value when some version of its indicator is public; a value
    changes while some version is followed up (not archived) and the council has not approved it yet.
    """

    plan_path = None  # the line's versions may lie in several plans (of one zone): see the conditions below
    zone_path = "indicator__plan__zone"
    protection_paths = ()
    editable_statuses = Plan.FOLLOW_UP_STATUSES

    @staticmethod
    def _some_version(versions) -> Q:
        return Q(Exists(versions.of_line(OuterRef("indicator_id"))))

    def _public_q(self, published_only: bool = True) -> Q:
        versions = Indicator.objects.public() if published_only else Indicator.objects.public_parts()
        return self.public_condition() & self._some_version(versions)

    def public_condition(self) -> Q:
        return Q(approved_at__isnull=False)

    def change_condition(self) -> Q:
        followed_up = Indicator.objects.filter(plan__status__in=self.editable_statuses)
        return Q(approved_at__isnull=True) & self._some_version(followed_up)

    def for_indicators(self, indicators) -> ApprovedValueQuerySet:
        """The values of the lines of *indicators* (Indicator rows of any version)."""
        return self.filter(indicator_id__in={indicator.line_id for indicator in indicators})

    def of_plan(self, plan) -> ApprovedValueQuerySet:
        """The values of the lines of *plan*'s indicators (a plan or its id), as one query."""
        return self.filter(indicator_id__in=Indicator.objects.filter(plan=plan).line_ids())


class IndicatorValue(TimeStampedModel, SampleDataModel):
    """The measured value of an indicator's line for one year, entered by an advisor, approved by the council.

    ``indicator`` is always the first indicator of the line (``Indicator.line_id``); a value given for a later
    version is saved on the line (``clean`` and ``save`` move it there). Read values through
    ``indicator.values`` or ``IndicatorValue.objects.for_indicators()`` / ``.of_plan()``.
    """

    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="line_values_held", verbose_name=_("indicator")
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
        self._onto_line()

    def save(self, *args, **kwargs):
        self._onto_line()
        super().save(*args, **kwargs)

    def _onto_line(self):
        """Given for a later version of an indicator (the loaded row), the value goes onto the line."""
        if IndicatorValue.indicator.is_cached(self) and self.indicator is not None and self.indicator.origin_id:
            self.indicator_id = self.indicator.origin_id


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
