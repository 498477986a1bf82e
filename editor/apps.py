from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EditorConfig(AppConfig):
    """The advisors' editor at /beheer/: the section framework, the plan, priority and values screens, the demo."""

    name = "editor"
    verbose_name = _("Plan editor")
