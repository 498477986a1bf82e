"""Crime categories: the federal police's hierarchy (reference data, see stats/reference.py) and a zone's own.

A figure of a category includes the figures of its sub-categories, and sub-categories may overlap: figures
of categories are never added up, except where a category says its (national) sub-categories *partition* it
(``children_partition``): then their sum is a total of the category, computed and shown as such.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.access import RestrictedQuerySet
from zones.models import PoliceZone


class CrimeCategoryQuerySet(RestrictedQuerySet):
    """Everyone sees the national categories; a zone's own categories only its members (and site
    administrators). A zone's advisors and korpschef change their zone's own categories; the national ones
    only a site administrator."""

    plan_path = None
    zone_path = "zone"
    protection_paths = ()

    def public_condition(self) -> Q:
        return Q(zone__isnull=True)

    def national(self):
        return self.filter(zone__isnull=True)

    def usable_in(self, zone_id):
        """The categories a series of zone *zone_id* may have: the national ones and the zone's own."""
        return self.filter(Q(zone__isnull=True) | Q(zone_id=zone_id))


class CrimeCategory(models.Model):
    """A category of registered crime: the federal police's (``zone`` empty) or a zone's own."""

    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent category"),
    )
    zone = models.ForeignKey(
        PoliceZone,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="crime_categories",
        verbose_name=_("zone of a local category"),
        help_text=_(
            "Empty for the federal police's categories. A zone's own category is seen and used only for that "
            "zone's series."
        ),
    )
    code = models.CharField(_("code"), max_length=40)
    name = models.CharField(_("name"), max_length=200)
    children_partition = models.BooleanField(
        _("sub-categories partition it"),
        default=False,
        help_text=_(
            "On when the federal sub-categories together count every fact of this category exactly once: only "
            "then is their sum shown as a total."
        ),
    )
    maps_to = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="local_categories",
        limit_choices_to={"zone__isnull": True},
        verbose_name=_("national category"),
        help_text=_("For a zone's own category: the federal police's category it corresponds to."),
    )
    order = models.PositiveIntegerField(_("order"), default=0)

    objects = CrimeCategoryQuerySet.as_manager()
    history = HistoricalRecords()

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
            models.UniqueConstraint(
                fields=["code"],
                condition=Q(zone__isnull=True),
                name="crimecategory_unique_national_code",
                violation_error_message=_("A national category with this code already exists."),
            ),
            models.UniqueConstraint(
                fields=["zone", "code"],
                condition=Q(zone__isnull=False),
                name="crimecategory_unique_code_in_zone",
                violation_error_message=_("This zone already has a category with this code."),
            ),
        ]

    def __str__(self):
        return f"{self.parent.name} › {self.name}" if self.parent_id else self.name

    @property
    def is_local(self) -> bool:
        return self.zone_id is not None

    def clean(self):
        errors = {}
        if self.parent_id and self.parent.zone_id is not None and self.parent.zone_id != self.zone_id:
            errors["parent"] = _("The parent category belongs to another zone.")
        if self.maps_to_id:
            if self.zone_id is None:
                errors["maps_to"] = _("Only a zone's own category maps to a national category.")
            elif self.maps_to.zone_id is not None:
                errors["maps_to"] = _("Choose a national category.")
        if self.zone_id is not None and (self.code or self.name):
            clash = CrimeCategory.objects.national().filter(
                Q(code__iexact=self.code) | Q(name__iexact=self.name.strip())
            )
            taken = clash.first()
            if taken is not None:
                field = "code" if taken.code.lower() == self.code.lower() else "name"
                errors[field] = _("The national category %(name)s already has this %(field)s; use it.") % {
                    "name": taken.name,
                    "field": CrimeCategory._meta.get_field(field).verbose_name,
                }
        if errors:
            raise ValidationError(errors)
