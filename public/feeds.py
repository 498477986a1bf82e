"""The Atom feed of a zone's publications: its published plans and addenda, and its downloadable documents."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from plans.models import Plan
from zones.models import PoliceZone

from .views import public_documents

FEED_SIZE = 30


@dataclass
class Publication:
    title: str
    description: str
    link: str
    published: datetime
    updated: datetime


def plan_published_at(plan: Plan) -> datetime:
    """When the plan was published; for plans loaded without that date, the council's approval or the last save."""
    if plan.published_at:
        return plan.published_at
    if plan.council_approved_on:
        return timezone.make_aware(datetime.combine(plan.council_approved_on, time(12)))
    return plan.updated_at


class ZoneFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request, slug):
        return get_object_or_404(PoliceZone.objects.all(), slug=slug)

    def title(self, zone):
        return _("Publications of %(zone)s") % {"zone": zone.name}

    def subtitle(self, zone):
        return _("Zonal security plans, addenda and annual reports published by %(zone)s.") % {"zone": zone.name}

    def link(self, zone):
        return reverse("public:zone", args=[zone.slug])

    def items(self, zone):
        publications = []
        for plan in Plan.objects.public().filter(zone=zone):
            published = plan_published_at(plan)
            publications.append(
                Publication(
                    title=f"{plan.get_kind_display().capitalize()}: {plan.title} "
                    f"({plan.period_start}-{plan.period_end})",
                    description=_("Published on %(date)s.") % {"date": date_format(published, "DATE_FORMAT")},
                    link=reverse("public:plan", args=[plan.pk]),
                    published=published,
                    updated=max(published, plan.updated_at),
                )
            )
        for document in public_documents().filter(plan__zone=zone):
            finished = document.finished_at or document.requested_at
            publications.append(
                Publication(
                    title=f"{document.title} (PDF)",
                    description=_("Download (PDF, %(pages)s pages).") % {"pages": document.page_count or "?"},
                    link=reverse("documents:download", args=[document.pk, document.file_name()]),
                    published=finished,
                    updated=finished,
                )
            )
        publications.sort(key=lambda publication: publication.published, reverse=True)
        return publications[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.description

    def item_link(self, item):
        return item.link

    def item_pubdate(self, item):
        return item.published

    def item_updateddate(self, item):
        return item.updated
