"""Building blocks shared by the models of every app: protection level, timestamps and revision, sample flag."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

# Years a plan, a statistic or a value may name.
YEAR_VALIDATORS = [MinValueValidator(1990), MaxValueValidator(2100)]


class Protection(models.TextChoices):
    """Protection level ("beschermingsgraad") of a part of a plan.

    Only ``PUBLIC`` parts of published plans ever reach citizens; ``RESTRICTED``
    parts are for the zonal security council and the zone's staff.
    """

    PUBLIC = "public", _("Public")
    RESTRICTED = "restricted", _("Restricted distribution")


class TimeStampedModel(models.Model):
    """Creation and modification times, and a revision counter.

    ``revision`` grows by one on every save through the services layer; an
    editor sends back the revision it loaded, and a save against a newer one
    is refused (optimistic locking) instead of silently overwriting.
    """

    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    revision = models.PositiveIntegerField(_("revision"), default=1, editable=False)

    class Meta:
        abstract = True


class ProtectedModel(models.Model):
    """A part of a plan that may be withheld from the public."""

    protection = models.CharField(
        _("protection level"),
        max_length=16,
        choices=Protection.choices,
        default=Protection.PUBLIC,
        help_text=_("Restricted parts are shown to the council and the zone's staff only."),
    )

    class Meta:
        abstract = True

    @property
    def is_public(self) -> bool:
        return self.protection == Protection.PUBLIC


class SampleDataModel(models.Model):
    """Rows the demo adds to real plans carry this flag and say so wherever shown."""

    is_sample = models.BooleanField(
        _("sample data"),
        default=False,
        help_text=_("Invented for the demonstration (voorbeeldgegevens); not from the real plan."),
    )

    class Meta:
        abstract = True


def user_fk(related_name: str, verbose_name) -> models.ForeignKey:
    """A nullable link to the user who did something; kept when the user is deleted."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name=related_name,
        verbose_name=verbose_name,
    )
