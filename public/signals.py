"""Invalidate the public cache when what citizens see may have changed.

Published plans are frozen, so the moments that matter are few: a plan that is
(or was) public is saved or deleted (publication, archiving, ministerial
approval), a document is saved (generation finishing through ``update()`` is
caught by the documents stamp in ``public.cache``), a measured value is
approved, a zone's public profile changes.
"""

from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from documents.models import Document
from plans.models import Plan
from stats.models import IndicatorValue
from zones.models import Municipality, PoliceZone, SubMunicipality

from .cache import invalidate


@receiver(pre_save, sender=Plan, dispatch_uid="public_plan_remember_status")
def remember_plan_status(sender, instance, raw=False, **kwargs):
    if raw or instance.pk is None:
        instance._public_previous_status = None
        return
    instance._public_previous_status = Plan.objects.filter(pk=instance.pk).values_list("status", flat=True).first()


@receiver(post_save, sender=Plan, dispatch_uid="public_plan_saved")
@receiver(post_delete, sender=Plan, dispatch_uid="public_plan_deleted")
def plan_changed(sender, instance, **kwargs):
    previous = getattr(instance, "_public_previous_status", None)
    if instance.status in Plan.PUBLIC_STATUSES or previous in Plan.PUBLIC_STATUSES:
        invalidate()


@receiver(post_save, sender=Document, dispatch_uid="public_document_saved")
@receiver(post_delete, sender=Document, dispatch_uid="public_document_deleted")
def document_changed(sender, instance, **kwargs):
    invalidate()


@receiver(post_save, sender=IndicatorValue, dispatch_uid="public_value_saved")
@receiver(post_delete, sender=IndicatorValue, dispatch_uid="public_value_deleted")
def value_changed(sender, instance, **kwargs):
    if instance.approved_at is not None:
        invalidate()


@receiver(post_save, sender=PoliceZone, dispatch_uid="public_zone_saved")
@receiver(post_save, sender=Municipality, dispatch_uid="public_municipality_saved")
@receiver(post_save, sender=SubMunicipality, dispatch_uid="public_submunicipality_saved")
@receiver(post_delete, sender=Municipality, dispatch_uid="public_municipality_deleted")
@receiver(post_delete, sender=SubMunicipality, dispatch_uid="public_submunicipality_deleted")
def zone_changed(sender, instance, **kwargs):
    invalidate()
