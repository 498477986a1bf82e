"""Reactions of the documents app to what happens to plans."""

from django.dispatch import receiver

from plans.models import Plan
from plans.signals import plan_status_changed

from . import services


@receiver(plan_status_changed, dispatch_uid="documents.public_pdf_on_publication")
def public_pdf_on_publication(sender, plan, from_status, to_status, user=None, **kwargs):
    if to_status == Plan.Status.PUBLISHED:
        services.on_plan_published(plan, user=user)
