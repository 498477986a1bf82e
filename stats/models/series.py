"""Statistical series of a zone: crime by category, traffic accidents by type, their victims by severity,
survey results per area and answer, the surveys' response counts, and the series' yearly points."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from core.base import YEAR_VALIDATORS, ProtectedModel, SampleDataModel, TimeStampedModel
from plans.models import PlanContentQuerySet
from zones.models import Municipality, PoliceZone

from .categories import CrimeCategory


class StatSeriesQuerySet(PlanContentQuerySet):
    plan_path = None
    zone_path = "zone"
    protection_paths = ("protection",)


class StatSeries(TimeStampedModel, ProtectedModel, SampleDataModel):
    """A yearly statistical series of a zone or one of its municipalities."""

    class Kind(models.TextChoices):
        CRIME = "crime", _("registered crime")
        ACCIDENTS = "accidents", _("traffic accidents")
        VICTIMS = "victims", _("traffic accident victims")
        SURVEY = "survey", _("survey result")
        OTHER = "other", _("other")

    class AccidentType(models.TextChoices):
        """What the federal police count accidents by: with material damage only, or with bodily injury."""

        MATERIAL = "material", _("material damage only")
        INJURY = "injury", _("bodily injury")

    class Severity(models.TextChoices):
        """How badly a victim of a traffic accident was hurt."""

        KILLED = "killed", _("killed")
        SERIOUSLY_INJURED = "seriously_injured", _("seriously injured")
        INJURED = "injured", _("lightly injured")

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
    accident_type = models.CharField(
        _("accident type"),
        max_length=20,
        choices=AccidentType.choices,
        blank=True,
        help_text=_("For traffic accidents: material damage only or bodily injury."),
    )
    severity = models.CharField(
        _("victim severity"),
        max_length=20,
        choices=Severity.choices,
        blank=True,
        help_text=_("For victims of traffic accidents: killed, seriously or lightly injured."),
    )
    survey = models.CharField(
        _("survey"), max_length=200, blank=True, help_text=_("For surveys: Veiligheidsmonitor, Stadsmonitor...")
    )
    question = models.TextField(_("survey question"), blank=True)
    answer = models.CharField(
        _("answer category"),
        max_length=100,
        blank=True,
        help_text=_("For surveys: the answer counted (veel, neutraal, weinig...); empty for a single result."),
    )
    area = models.CharField(
        _("area"),
        max_length=200,
        blank=True,
        help_text=_(
            "For surveys: a named area compared with (a province, Vlaanderen); empty for the zone or its municipality."
        ),
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
                condition=~Q(kind="accidents") | ~Q(accident_type=""),
                name="series_accidents_have_type",
                violation_error_message=_("A traffic accident series needs an accident type."),
            ),
            models.CheckConstraint(
                condition=~Q(kind="victims") | ~Q(severity=""),
                name="series_victims_have_severity",
                violation_error_message=_("A series of traffic accident victims needs a severity."),
            ),
            models.CheckConstraint(
                condition=Q(municipality__isnull=True) | Q(area=""),
                name="series_area_or_municipality",
                violation_error_message=_("A series is of a municipality or of a named area, not both."),
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.area_name})"

    @property
    def area_name(self) -> str:
        """Where the figures are of: the named area, the municipality or the zone."""
        if self.area:
            return self.area
        return self.municipality.name if self.municipality_id else self.zone.name

    @property
    def what_label(self) -> str:
        """What the series counts, in words: its category, accident type, severity or name."""
        if self.kind == self.Kind.CRIME and self.crime_category_id:
            return self.crime_category.name
        if self.kind == self.Kind.ACCIDENTS and self.accident_type:
            return self.get_accident_type_display()
        if self.kind == self.Kind.VICTIMS and self.severity:
            return self.get_severity_display()
        return self.name

    def clean(self):
        errors = {}
        if self.municipality_id and self.zone_id and self.municipality.zone_id != self.zone_id:
            errors["municipality"] = _("The municipality belongs to another zone.")
        category = self.crime_category if self.crime_category_id else None
        if category is not None and category.zone_id is not None and category.zone_id != self.zone_id:
            errors["crime_category"] = _("This category is another zone's own category.")
        if self.area and self.kind != self.Kind.SURVEY:
            errors["area"] = _("Only survey results are of a named area.")
        if errors:
            raise ValidationError(errors)


class StatPointQuerySet(PlanContentQuerySet):
    plan_path = None
    zone_path = "series__zone"
    protection_paths = ("series__protection",)


class StatPoint(SampleDataModel):
    """One year's figure of a series."""

    series = models.ForeignKey(StatSeries, on_delete=models.CASCADE, related_name="points", verbose_name=_("series"))
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2, validators=[MinValueValidator(0)])
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


class SurveyResponseQuerySet(PlanContentQuerySet):
    plan_path = None
    zone_path = "zone"
    protection_paths = ("protection",)


class SurveyResponse(TimeStampedModel, ProtectedModel, SampleDataModel):
    """How many took part in a survey of a zone in one year: questionnaires sent, returned on paper, online."""

    zone = models.ForeignKey(
        PoliceZone, on_delete=models.CASCADE, related_name="survey_responses", verbose_name=_("police zone")
    )
    survey = models.CharField(
        _("survey"), max_length=200, help_text=_("The survey's name: Veiligheidsmonitor, Stadsmonitor...")
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    sent = models.PositiveIntegerField(_("questionnaires sent"), null=True, blank=True)
    returned_paper = models.PositiveIntegerField(_("returned on paper"), null=True, blank=True)
    returned_online = models.PositiveIntegerField(_("returned online"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)

    objects = SurveyResponseQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["zone", "survey", "year"]
        verbose_name = _("survey response")
        verbose_name_plural = _("survey responses")
        constraints = [
            models.UniqueConstraint(
                fields=["zone", "survey", "year"],
                name="surveyresponse_one_per_survey_and_year",
                violation_error_message=_("This zone already has response counts for this survey and year."),
            ),
        ]

    def __str__(self):
        return f"{self.survey} {self.year}"

    @property
    def returned(self) -> int | None:
        """Returned on paper and online; None when neither is known."""
        parts = [n for n in (self.returned_paper, self.returned_online) if n is not None]
        return sum(parts) if parts else None

    @property
    def response_rate(self) -> Decimal | None:
        """Returned as a percentage of sent, to one decimal; None without both."""
        if not self.sent or self.returned is None:
            return None
        return (Decimal(self.returned) * 100 / self.sent).quantize(Decimal("0.1"))

    def clean(self):
        if self.sent is not None and self.returned is not None and self.returned > self.sent:
            raise ValidationError(
                {"returned_online": _("More questionnaires returned (%(returned)s) than sent (%(sent)s).")
                 % {"returned": self.returned, "sent": self.sent}}
            )  # fmt: skip
