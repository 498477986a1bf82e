from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """Infrastructure without domain words: access rule, locking, sanitising, jobs, the API's base classes."""

    name = "core"
    verbose_name = _("Portal infrastructure")

    def ready(self):
        from . import checks  # noqa: F401  (registers the system checks)
