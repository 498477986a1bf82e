from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StatsConfig(AppConfig):
    name = "stats"
    verbose_name = _("Indicators and statistics")

    def ready(self):
        from . import copying  # noqa: F401  (registers its part of copying a plan)
