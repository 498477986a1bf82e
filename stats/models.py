"""Indicators with baselines, targets and measured values; statistical series;
staff tables and the multi-year financial plan.

Totals are always computed from their lines. Where a document prints a total,
it is kept as ``printed_total`` only to show where the two disagree.
"""

from collections import defaultdict
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q, Sum
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from core.access import ReferenceQuerySet
from core.base import YEAR_VALIDATORS, ProtectedModel, SampleDataModel, TimeStampedModel, user_fk
from plans.models import Plan, PlanContentQuerySet
from priorities.models import Priority
from zones.models import Municipality, PoliceZone

from .status import DEFAULT_AT_RISK_MARGIN, Direction, IndicatorStatus, compute_status


class CrimeCategory(models.Model):
    """A category of registered crime in the federal police's hierarchy.

    Categories can overlap (a sub-category is part of its parent, some
    categories count the same facts twice); ``summable`` is off for those whose
    figures must never be added up.
    """

    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent category"),
    )
    code = models.CharField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    summable = models.BooleanField(
        _("may be summed"),
        default=True,
        help_text=_("Off when the figures overlap with other categories and must not be added up."),
    )
    order = models.PositiveIntegerField(_("order"), default=0)

    objects = ReferenceQuerySet.as_manager()

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("crime category")
        verbose_name_plural = _("crime categories")
        constraints = [
            models.CheckConstraint(
                condition=~Q(parent=F("id")),
                name="crimecategory_not_own_parent",
                violation_error_message=_("A category cannot be its own parent."),
            ),
        ]

    def __str__(self):
        return f"{self.parent.name} › {self.name}" if self.parent_id else self.name


class StatSeriesQuerySet(PlanContentQuerySet):
    plan_path = None
    zone_path = "zone"
    protection_paths = ("protection",)


class StatSeries(TimeStampedModel, ProtectedModel, SampleDataModel):
    """A yearly statistical series of a zone or one of its municipalities."""

    class Kind(models.TextChoices):
        CRIME = "crime", _("registered crime")
        ACCIDENTS = "accidents", _("traffic accidents")
        SURVEY = "survey", _("survey result")
        OTHER = "other", _("other")

    class Severity(models.TextChoices):
        MATERIAL = "material", _("material damage only")
        INJURED = "injured", _("lightly injured")
        SERIOUSLY_INJURED = "seriously_injured", _("seriously injured")
        KILLED = "killed", _("killed")

    zone = models.ForeignKey(PoliceZone, on_delete=models.CASCADE, related_name="series", verbose_name=_("police zone"))
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="series",
        verbose_name=_("municipality"),
        help_text=_("Empty for figures of the whole zone."),
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=300)
    crime_category = models.ForeignKey(
        CrimeCategory,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="series",
        verbose_name=_("crime category"),
    )
    severity = models.CharField(_("accident severity"), max_length=20, choices=Severity.choices, blank=True)
    question = models.TextField(_("survey question"), blank=True)
    comparison_area = models.CharField(
        _("comparison area"),
        max_length=200,
        blank=True,
        help_text=_("For surveys: the province or region compared with."),
    )
    unit = models.CharField(_("unit"), max_length=40, blank=True)
    source = models.CharField(_("source"), max_length=300, blank=True)

    objects = StatSeriesQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["zone", "kind", "name"]
        verbose_name = _("statistical series")
        verbose_name_plural = pgettext_lazy("plural", "statistical series")
        constraints = [
            models.UniqueConstraint(
                fields=["zone", "name"],
                condition=Q(municipality__isnull=True),
                name="series_unique_name_in_zone",
                violation_error_message=_("This zone already has a series with this name."),
            ),
            models.UniqueConstraint(
                fields=["zone", "municipality", "name"],
                condition=Q(municipality__isnull=False),
                name="series_unique_name_in_municipality",
                violation_error_message=_("This municipality already has a series with this name."),
            ),
            models.CheckConstraint(
                condition=~Q(kind="crime") | Q(crime_category__isnull=False),
                name="series_crime_has_category",
                violation_error_message=_("A crime series needs a crime category."),
            ),
            models.CheckConstraint(
                condition=~Q(kind="accidents") | ~Q(severity=""),
                name="series_accidents_have_severity",
                violation_error_message=_("A traffic accident series needs a severity."),
            ),
        ]

    def __str__(self):
        where = self.municipality.name if self.municipality_id else self.zone.name
        return f"{self.name} ({where})"

    def clean(self):
        if self.municipality_id and self.zone_id and self.municipality.zone_id != self.zone_id:
            raise ValidationError({"municipality": _("The municipality belongs to another zone.")})


class StatPointQuerySet(PlanContentQuerySet):
    plan_path = None
    zone_path = "series__zone"
    protection_paths = ("series__protection",)


class StatPoint(SampleDataModel):
    """One year's figure of a series."""

    series = models.ForeignKey(StatSeries, on_delete=models.CASCADE, related_name="points", verbose_name=_("series"))
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2, validators=[MinValueValidator(0)])
    comparison_value = models.DecimalField(
        _("value in the comparison area"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    is_provisional = models.BooleanField(
        _("provisional"), default=False, help_text=_("The year is not complete yet; the figure may still change.")
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    import_source = models.CharField(
        _("imported from"),
        max_length=300,
        blank=True,
        help_text=_("The file the figure was last imported from; empty when entered by hand."),
    )

    objects = StatPointQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["series", "year"]
        verbose_name = _("statistical figure")
        verbose_name_plural = _("statistical figures")
        constraints = [
            models.UniqueConstraint(
                fields=["series", "year"],
                name="statpoint_one_per_series_and_year",
                violation_error_message=_("This series already has a figure for this year."),
            ),
            models.CheckConstraint(
                condition=Q(value__gte=0),
                name="statpoint_value_not_negative",
                violation_error_message=_("A statistical figure cannot be negative."),
            ),
        ]

    def __str__(self):
        return f"{self.series.name} {self.year}: {self.value}"


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


class ResourceQuerySet(PlanContentQuerySet):
    plan_path = "plan"
    protection_paths = ("protection",)


class StaffTable(TimeStampedModel, ProtectedModel, SampleDataModel):
    """The zone's staff at a reference date: operational by rank, CALOG by level."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="staff_tables", verbose_name=_("plan"))
    title = models.CharField(_("title"), max_length=200, blank=True)
    reference_date = models.DateField(
        _("reference date"), null=True, blank=True, help_text=_("Empty when the source gives none.")
    )
    source = models.CharField(_("source"), max_length=300, blank=True)
    printed_total = models.PositiveIntegerField(
        _("total as printed"),
        null=True,
        blank=True,
        help_text=_("Only to show where the document's total disagrees with the sum of the lines."),
    )

    objects = ResourceQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["plan", "-reference_date"]
        verbose_name = _("staff table")
        verbose_name_plural = _("staff tables")
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "reference_date"],
                name="stafftable_one_per_date",
                violation_error_message=_("This plan already has a staff table at this date."),
            ),
        ]

    def __str__(self):
        if self.title:
            return self.title
        label = str(_("Staff table"))
        return f"{label} {self.reference_date:%d-%m-%Y}" if self.reference_date else label

    def totals(self) -> dict:
        """Sums per category that has lines and overall (``staff_totals``); one query, none with the lines
        prefetched."""
        return staff_totals(self.lines.all(), every_category=False)

    @property
    def total_disagrees(self) -> bool:
        """True when the printed total differs from the sum of the lines' actual headcount
        (or, when no line has a headcount, their authorised strength)."""
        if self.printed_total is None:
            return False
        total = self.totals()["total"]
        computed = total["actual"] if total["actual"] is not None else total["authorised"]
        return computed != self.printed_total


class StaffLineQuerySet(PlanContentQuerySet):
    plan_path = "table__plan"
    protection_paths = ("table__protection",)


class StaffLine(models.Model):
    """One rank (operational) or level (CALOG) of a staff table."""

    class Category(models.TextChoices):
        OPERATIONAL = "operational", _("operational")
        CALOG = "calog", _("civilian (CALOG)")

    table = models.ForeignKey(StaffTable, on_delete=models.CASCADE, related_name="lines", verbose_name=_("staff table"))
    category = models.CharField(_("category"), max_length=16, choices=Category.choices)
    label = models.CharField(_("rank or level"), max_length=200)
    actual = models.PositiveIntegerField(_("actual headcount"), null=True, blank=True)
    fte = models.DecimalField(
        _("FTE"), max_digits=8, decimal_places=2, null=True, blank=True, validators=[MinValueValidator(0)]
    )
    authorised = models.PositiveIntegerField(_("authorised strength"), null=True, blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)

    objects = StaffLineQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["table", "category", "order", "id"]
        verbose_name = _("staff line")
        verbose_name_plural = _("staff lines")
        constraints = [
            models.UniqueConstraint(
                fields=["table", "category", "label"],
                name="staffline_unique_label",
                violation_error_message=_("This table already has a line with this rank or level."),
            ),
            models.CheckConstraint(
                condition=Q(fte__isnull=True) | Q(fte__gte=0),
                name="staffline_fte_not_negative",
                violation_error_message=_("FTE cannot be negative."),
            ),
        ]

    def __str__(self):
        return self.label


class FinancialLine(TimeStampedModel, ProtectedModel, SampleDataModel):
    """One line of the multi-year financial plan for one year: a budget, forecast or actual amount."""

    class Kind(models.TextChoices):
        BUDGET = "budget", _("budget")
        FORECAST = "forecast", _("forecast")
        ACTUAL = "actual", _("actual (accounts)")

    class Category(models.TextChoices):
        INCOME = "income", _("income")
        DOTATION = "dotation", _("municipal dotation")
        PERSONNEL = "personnel", _("personnel cost")
        OPERATING = "operating", _("operating cost")
        INVESTMENT = "investment", _("investment")
        OTHER_EXPENSE = "other_expense", _("other expense")

    INCOME_CATEGORIES = (Category.INCOME, Category.DOTATION)

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="financial_lines", verbose_name=_("plan"))
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.BUDGET)
    category = models.CharField(_("category"), max_length=16, choices=Category.choices)
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="dotations",
        verbose_name=_("municipality"),
        help_text=_("For a municipal dotation: which municipality pays it."),
    )
    label = models.CharField(_("line"), max_length=200)
    amount = models.DecimalField(_("amount (EUR)"), max_digits=14, decimal_places=2, validators=[MinValueValidator(0)])
    order = models.PositiveIntegerField(_("order"), default=0)

    objects = ResourceQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["plan", "year", "order", "id"]
        verbose_name = _("financial plan line")
        verbose_name_plural = _("financial plan lines")
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "year", "kind", "label"],
                name="financialline_unique_label_per_year",
                violation_error_message=_("This plan already has this line for this year and kind."),
            ),
            models.CheckConstraint(
                condition=Q(amount__gte=0),
                name="financialline_amount_not_negative",
                violation_error_message=_(
                    "Amounts are entered as positive numbers; the category says income or expense."
                ),
            ),
            models.CheckConstraint(
                condition=Q(category="dotation") | Q(municipality__isnull=True),
                name="financialline_municipality_only_for_dotation",
                violation_error_message=_("Only a municipal dotation names a municipality."),
            ),
        ]

    def __str__(self):
        return f"{self.year} {self.label}: {self.amount}"

    def clean(self):
        if self.plan_id and self.municipality_id and self.municipality.zone_id != self.plan.zone_id:
            raise ValidationError({"municipality": _("The municipality belongs to another zone.")})


STAFF_FIGURES = ("actual", "fte", "authorised")


def staff_totals(lines, *, every_category: bool = True) -> dict[str, dict]:
    """Sums of *lines* (StaffLine) per category and overall ('total'): actual headcount, FTE, authorised strength.

    A sum is None where no line has a figure, so 'not specified' never reads as zero. Every category is a key
    with *every_category*, else only those that have lines. Counts the lines given (e.g. those a user may
    see, or a prefetch); no query of its own.
    """
    lines = list(lines)
    categories = [c.value for c in StaffLine.Category]
    if not every_category:
        present = {line.category for line in lines}
        categories = [c for c in categories if c in present] + sorted(present - set(categories))
    result = {}
    for key in [*categories, "total"]:
        chosen = [line for line in lines if key == "total" or line.category == key]
        result[key] = {}
        for figure in STAFF_FIGURES:
            present = [getattr(line, figure) for line in chosen if getattr(line, figure) is not None]
            result[key][figure] = sum(present) if present else None
    return result


def financial_totals(plan: Plan, lines=None) -> dict[int, dict[str, Decimal]]:
    """Per year: total income, total expense and the balance, computed from the lines.

    One query; keyed by year, each with 'income', 'expense', 'balance' and the
    kinds ('budget', 'forecast', 'actual') that the year's lines carry. *lines*
    narrows the lines counted (e.g. to those a user may see); by default all
    lines of *plan*.
    """
    if lines is None:
        lines = FinancialLine.objects.filter(plan=plan)
    totals: dict[int, dict] = defaultdict(lambda: {"income": Decimal(0), "expense": Decimal(0), "kinds": set()})
    rows = lines.values("year", "category", "kind").annotate(amount=Sum("amount")).order_by("year")
    for row in rows:
        bucket = totals[row["year"]]
        key = "income" if row["category"] in FinancialLine.INCOME_CATEGORIES else "expense"
        bucket[key] += row["amount"]
        bucket["kinds"].add(row["kind"])
    for bucket in totals.values():
        bucket["balance"] = bucket["income"] - bucket["expense"]
    return dict(totals)


class KeyFigure(ProtectedModel):
    """A figure a plan prints in its text (staff, vehicles, inhabitants...), kept exactly as printed.

    ``value_text`` is the figure as the document words it ("meer dan 1200");
    ``value`` holds it as a number only where the document gives an exact one.
    """

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="key_figures", verbose_name=_("plan"))
    label = models.CharField(_("label"), max_length=300)
    value = models.DecimalField(_("value"), max_digits=16, decimal_places=2, null=True, blank=True)
    value_text = models.CharField(_("as printed"), max_length=100)
    unit = models.CharField(_("unit"), max_length=100, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True, validators=YEAR_VALIDATORS)
    order = models.PositiveIntegerField(_("order"), default=0)

    objects = ResourceQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["plan", "order", "id"]
        verbose_name = _("key figure")
        verbose_name_plural = _("key figures")
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "label"],
                name="keyfigure_unique_label_in_plan",
                violation_error_message=_("This plan already has a key figure with this label."),
            ),
        ]

    def __str__(self):
        return f"{self.label}: {self.value_text}"
