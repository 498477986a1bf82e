from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrioritiesConfig(AppConfig):
    name = "priorities"
    verbose_name = _("Priorities")

    def ready(self):
        from . import copying  # noqa: F401  (registers its part of copying a plan)
