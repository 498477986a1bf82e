"""Statistical series of a zone: crime by category, traffic accidents, surveys, and their yearly points."""

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from core.access import ReferenceQuerySet
from core.base import YEAR_VALIDATORS, ProtectedModel, SampleDataModel, TimeStampedModel
from plans.models import PlanContentQuerySet
from zones.models import Municipality, PoliceZone


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
