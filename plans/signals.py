"""Signals other apps listen to (the documents app makes the public PDF when a plan is published)."""

from django.dispatch import Signal

# Sent by services.transition_plan after a plan changed status, inside its transaction:
# plan, from_status, to_status, user.
plan_status_changed = Signal()
