"""Import and export of statistics and indicator values."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImportsConfig(AppConfig):
    name = "imports"
    verbose_name = _("Imports")

    def ready(self):
        from . import history  # noqa: F401  (connects the receiver that names the file in the history)
