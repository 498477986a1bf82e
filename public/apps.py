"""The public portal for citizens: published, public plans only."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicConfig(AppConfig):
    name = "public"
    verbose_name = _("Public portal")

    def ready(self):
        from . import signals  # noqa: F401  (connects the cache invalidation)
