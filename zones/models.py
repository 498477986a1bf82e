"""Police zones, their municipalities and sub-municipalities, and who holds which role in a zone."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q, Sum
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.access import RestrictedQuerySet, Role
from core.base import TimeStampedModel


class ZoneQuerySet(models.QuerySet):
    def restrict(self, user, action="view"):
        """A zone's identity is public; changing it needs an editing role there."""
        from core.access import VIEW, is_site_admin, zone_ids

        if action == VIEW or is_site_admin(user):
            return self
        return self.filter(pk__in=zone_ids(user, action))

    def of(self, user, members_only: bool = False):
        """The zones *user* holds a role in (every zone for a site administrator): their workspace.

        ``members_only`` leaves out the zones the user only reads (a federal or provincial reader).
        """
        from core.access import is_site_admin, zone_ids, zone_roles

        if is_site_admin(user):
            return self
        return self.filter(pk__in=zone_ids(user) if members_only else list(zone_roles(user)))


class ZoneKind(models.TextChoices):
    SINGLE = "single", _("single-municipality zone")
    MULTI = "multi", _("multi-municipality zone")


class PoliceZone(TimeStampedModel):
    """A local police zone (politiezone), e.g. PZ Gent, number 5415."""

    Kind = ZoneKind

    number = models.PositiveIntegerField(
        _("zone number"),
        unique=True,
        null=True,
        blank=True,
        validators=[MinValueValidator(5000), MaxValueValidator(5999)],
        help_text=_("The federal number of the zone, e.g. 5415 for PZ Gent."),
    )
    name = models.CharField(_("name"), max_length=100, unique=True)
    long_name = models.CharField(_("full name"), max_length=200, blank=True)
    slug = models.SlugField(_("slug"), unique=True)
    kind = models.CharField(
        _("kind of zone"),
        max_length=8,
        choices=ZoneKind.choices,
        blank=True,
        help_text=_("A single-municipality zone (eengemeentezone) or a multi-municipality zone (meergemeentezone)."),
    )
    korpschef = models.CharField(_("chief of police (korpschef)"), max_length=200, blank=True)
    website = models.URLField(_("website"), blank=True)
    area_km2 = models.DecimalField(
        _("area (km²)"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("Leave empty to use the sum of the municipalities' areas."),
    )
    logo = models.ImageField(_("logo"), upload_to="zones/logos/", blank=True)
    description = models.TextField(_("description"), blank=True)

    objects = ZoneQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("police zone")
        verbose_name_plural = _("police zones")

    def __str__(self):
        return f"{self.name} ({self.number})" if self.number else self.name

    @property
    def population(self) -> int | None:
        """Sum of the municipalities' populations; None when none is known."""
        return self.municipalities.aggregate(total=Sum("population"))["total"]

    @property
    def population_date(self):
        """The latest reference date of the municipalities' population figures; None when none is known."""
        dates = [d for d in self.municipalities.values_list("population_date", flat=True) if d]
        return max(dates) if dates else None

    @property
    def total_area_km2(self):
        if self.area_km2 is not None:
            return self.area_km2
        return self.municipalities.aggregate(total=Sum("area_km2"))["total"]


class ZoneDataQuerySet(RestrictedQuerySet):
    """Facts about a zone (its municipalities) are public."""

    plan_path = None
    zone_path = "zone"
    protection_paths = ()


class Municipality(TimeStampedModel):
    """A municipality (gemeente) of a zone, identified by its NIS code."""

    zone = models.ForeignKey(
        PoliceZone, on_delete=models.CASCADE, related_name="municipalities", verbose_name=_("police zone")
    )
    name = models.CharField(_("name"), max_length=100)
    nis_code = models.CharField(
        _("NIS code"),
        max_length=5,
        unique=True,
        validators=[RegexValidator(r"^\d{5}$", _("A NIS code has exactly five digits."))],
    )
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    population_date = models.DateField(_("population reference date"), null=True, blank=True)
    area_km2 = models.DecimalField(
        _("area (km²)"), max_digits=8, decimal_places=2, null=True, blank=True, validators=[MinValueValidator(0)]
    )
    mayor = models.CharField(_("mayor"), max_length=100, blank=True)

    objects = ZoneDataQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["zone", "name"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        constraints = [
            models.UniqueConstraint(
                fields=["zone", "name"],
                name="municipality_unique_name_in_zone",
                violation_error_message=_("This zone already has a municipality with this name."),
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.nis_code})"

    def clean(self):
        if self.population is not None and self.population_date is None:
            raise ValidationError({"population_date": _("Give the date the population figure refers to.")})


class SubMunicipalityQuerySet(ZoneDataQuerySet):
    zone_path = "municipality__zone"


class SubMunicipality(models.Model):
    """A sub-municipality (deelgemeente) of a municipality."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="sub_municipalities", verbose_name=_("municipality")
    )
    name = models.CharField(_("name"), max_length=100)
    postal_code = models.CharField(
        _("postal code"),
        max_length=4,
        blank=True,
        validators=[RegexValidator(r"^\d{4}$", _("A Belgian postal code has four digits."))],
    )

    objects = SubMunicipalityQuerySet.as_manager()

    class Meta:
        ordering = ["municipality", "name"]
        verbose_name = _("sub-municipality")
        verbose_name_plural = _("sub-municipalities")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "name"],
                name="submunicipality_unique_name",
                violation_error_message=_("This municipality already has a sub-municipality with this name."),
            ),
        ]

    def __str__(self):
        return self.name


class MembershipQuerySet(RestrictedQuerySet):
    """Who holds which role is known to the zone's own members only."""

    plan_path = None
    zone_path = "zone"
    protection_paths = ()

    def public_condition(self) -> Q:
        return Q(pk__in=[])


class ZoneMembership(models.Model):
    """A role a user holds in a zone; a user may hold roles in several zones."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="zone_memberships", verbose_name=_("user")
    )
    zone = models.ForeignKey(
        PoliceZone, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("police zone")
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = MembershipQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["zone", "role", "user"]
        verbose_name = _("zone membership")
        verbose_name_plural = _("zone memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "zone", "role"],
                name="membership_unique_role",
                violation_error_message=_("This user already holds this role in this zone."),
            ),
        ]

    def __str__(self):
        return f"{self.user} – {self.get_role_display()} – {self.zone}"
