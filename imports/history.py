"""Every change an import makes is recorded in the history with the file it came from.

Inside ``import_context(...)`` each historical record that django-simple-history creates (on a model's
``save()``) gets the import as its change reason and the importing user, and a model with an
``import_source`` field records the file there too, so the history pages, which show the fields that
changed, name the file. Bulk writes pass the same reason and user to simple-history's bulk helpers.
"""

from __future__ import annotations

import contextlib
import threading

from django.dispatch import receiver
from simple_history.signals import pre_create_historical_record

_state = threading.local()


@contextlib.contextmanager
def import_context(reason: str, source: str, user):
    previous = getattr(_state, "current", None)
    _state.current = (reason[:100], source, user)
    try:
        yield
    finally:
        _state.current = previous


def current_import():
    return getattr(_state, "current", None)


@receiver(pre_create_historical_record, dispatch_uid="imports.history.reason")
def _mark_import(sender, instance, history_instance, **kwargs):
    current = current_import()
    if current is None:
        return
    reason, source, user = current
    history_instance.history_change_reason = reason
    if user is not None and getattr(user, "is_authenticated", False):
        history_instance.history_user = user
    if hasattr(history_instance, "import_source"):
        history_instance.import_source = source
