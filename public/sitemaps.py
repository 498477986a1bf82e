"""The sitemap (/sitemap.xml): the home page, every zone, and every public plan and priority."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from plans.models import Plan
from priorities.models import Priority
from zones.models import PoliceZone


class StaticSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return ["home", "public:search"]

    def location(self, item):
        return reverse(item)


class ZoneSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return PoliceZone.objects.order_by("name")

    def location(self, zone):
        return reverse("public:zone", args=[zone.slug])

    def lastmod(self, zone):
        return zone.updated_at


class PlanSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return Plan.objects.public().order_by("pk")

    def location(self, plan):
        return reverse("public:plan", args=[plan.pk])

    def lastmod(self, plan):
        return plan.updated_at


class PrioritySitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.4

    def items(self):
        return Priority.objects.public().order_by("plan_id", "number")

    def location(self, priority):
        return reverse("public:priority", args=[priority.plan_id, priority.pk])

    def lastmod(self, priority):
        return priority.updated_at


SITEMAPS = {
    "pages": StaticSitemap,
    "zones": ZoneSitemap,
    "plans": PlanSitemap,
    "priorities": PrioritySitemap,
}
