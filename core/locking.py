"""Optimistic locking: no silent overwrite when two people edit the same row.

An editor loads a row with its ``revision``, and sends that revision back
with the change. ``save_with_revision`` locks the row, compares, and refuses
with ``StaleRevision`` when somebody else saved in between; the caller keeps
the user's input and shows what happened.
"""

import contextlib

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _


class StaleRevision(Exception):
    """The row changed since the editor loaded it."""

    message = _(
        "Somebody else saved this in the meantime. Your changes were not saved; "
        "they are still in the form. Reload to see the other version."
    )

    def __init__(self, current_revision: int):
        super().__init__(str(self.message))
        self.current_revision = current_revision


@transaction.atomic
def save_with_revision(instance, expected_revision: int | None):
    """Save *instance* if its stored revision is still *expected_revision*, and count it up.

    A new row (no pk) is simply created. ``expected_revision=None`` skips the
    comparison (for callers that do not offer optimistic locking).
    """
    if instance.pk is None:
        instance.revision = 1
        instance.save()
        return instance
    current = (
        type(instance)
        ._base_manager.select_for_update()
        .filter(pk=instance.pk)
        .order_by()  # no default ordering: it may join a nullable relation, which FOR UPDATE refuses
        .values_list("revision", flat=True)
        .first()
    )
    if current is None:
        raise type(instance).DoesNotExist
    if expected_revision is not None and current != expected_revision:
        raise StaleRevision(current)
    instance.revision = current + 1
    instance.save()
    return instance


LOST_RACE = _(
    "Someone saved the same row at the same moment; nothing of yours was saved. Reload the page and try again."
)


@contextlib.contextmanager
def lost_race_as_error():
    """A unique row another request created first (IntegrityError) as a ValidationError a form shows.

    Wrap the outermost ``transaction.atomic()`` of a form's save: the transaction is rolled back, then the
    form answers with :data:`LOST_RACE` instead of a server error. (The API answers 409, core/api.py.)
    """
    try:
        yield
    except IntegrityError as exc:
        raise ValidationError(LOST_RACE, code="conflict") from exc
