"""The public portal: what citizens see, without logging in.

Every query here goes through ``.public()`` (``core.access``): published or
archived plans, their public parts, approved values only. Signed-in users of
a zone see the same pages as a citizen; their own zone's drafts and internal
parts live in the editor (/beheer/). Pages are cached through
``public.cache.public_page``.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import check_for_language
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from actionplans.models import ActionPlan, Objective
from documents.charts import Chart, Line, line_chart
from documents.models import Document
from plans.models import Chapter, Framework, Plan, PlanValue, Signatory, StakeholderExpectation
from plans.outline import outline
from priorities.models import Domain, Priority, Theme
from priorities.services import theme_labels
from stats.finance import financial_table
from stats.models import FinancialLine, Indicator, IndicatorTarget, IndicatorValue, StaffLine, StaffTable
from stats.rows import indicator_years
from zones.models import Municipality, PoliceZone

from . import search as plan_search
from .cache import public_page

SEARCH_PAGE_SIZE = 20


def public_documents():
    """The downloadable public editions (the newest done one of each document)."""
    return Document.objects.public().current().select_related("plan__zone")


PLAN_ORDER = ("-period_start", "kind", "-pk")


def current_plan(plans) -> Plan | None:
    """Of a zone's public plans (newest first), the one in force: the newest published plan or revision (not
    an addendum, which extends it), else the newest archived one."""
    main = [plan for plan in plans if plan.kind != Plan.Kind.ADDENDUM]
    return next((plan for plan in main if plan.status == Plan.Status.PUBLISHED), main[0] if main else None)


def zone_plans(zone) -> tuple[Plan | None, list[Plan]]:
    """(the zone's current plan, its other public plans and addenda, newest first)."""
    plans = list(Plan.objects.public().filter(zone=zone).order_by(*PLAN_ORDER))
    current = current_plan(plans)
    return current, [plan for plan in plans if plan != current]


def in_force(plan: Plan, extensions=()) -> bool:
    """Does *plan* (with its public addenda) cover this year?"""
    year = datetime.date.today().year
    end = max([plan.period_end, *(extension.period_end for extension in extensions)])
    return plan.period_start <= year <= end


@method_decorator(public_page, name="dispatch")
class HomeView(TemplateView):
    """What a zonal security plan is, a search box, and every zone with its current plan."""

    template_name = "public/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        zones = list(
            PoliceZone.objects.prefetch_related(
                Prefetch("municipalities", queryset=Municipality.objects.public().order_by("name")),
                Prefetch("plans", queryset=Plan.objects.public().order_by(*PLAN_ORDER), to_attr="public_plans"),
            )
        )
        for zone in zones:
            zone.current_plan = current_plan(zone.public_plans)
        context["zones"] = zones
        return context


@method_decorator(public_page, name="dispatch")
class SearchView(TemplateView):
    """Zones by name, municipality or postal name, and full text over the published plans."""

    template_name = "public/search.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.get("q", "").strip()[:200]
        context["query"] = query
        if not query:
            return context
        zones = plan_search.find_zones(query).prefetch_related(
            Prefetch("municipalities", queryset=Municipality.objects.public().order_by("name")),
        )
        context["zones"] = [(zone, zone_plans(zone)[0]) for zone in zones]
        paginator = Paginator(plan_search.search(query), SEARCH_PAGE_SIZE)
        page = paginator.get_page(self.request.GET.get("page"))
        context["page"] = page
        context["hits"] = plan_search.load(page.object_list, query)
        return context


@method_decorator(public_page, name="dispatch")
class ZoneView(TemplateView):
    """A zone's profile, its current plan, earlier plans and addenda, and its annual reports."""

    template_name = "public/zone.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        zone = get_object_or_404(PoliceZone.objects.all(), slug=kwargs["slug"])
        current, others = zone_plans(zone)
        extensions = [plan for plan in others if current and plan.extends_id == current.pk]
        documents = public_documents().filter(plan__zone=zone)
        context.update(
            zone=zone,
            municipalities=Municipality.objects.public()
            .filter(zone=zone)
            .prefetch_related("sub_municipalities")
            .order_by("name"),
            current=current,
            current_in_force=bool(current and in_force(current, extensions)),
            extensions=extensions,
            earlier=[plan for plan in others if plan not in extensions],
            plan_documents=documents.filter(kind=Document.Kind.PLAN).order_by("-plan__period_start", "plan__kind"),
            annual_reports=documents.filter(kind=Document.Kind.ANNUAL_REPORT).order_by("-year", "-finished_at"),
        )
        return context


def priority_groups(plan: Plan, priorities) -> list[dict]:
    """The priorities by domain, and within a domain by theme (its full path), in the plan's numbering."""
    theme_label = theme_labels(Theme.objects.public().filter(plan=plan))

    domains = list(Domain.objects.public().filter(plan=plan))
    groups = {domain.pk: {"domain": domain, "themes": {}} for domain in domains}
    loose = {"domain": None, "themes": {}}
    for priority in priorities:
        group = groups.get(priority.domain_id, loose)
        group["themes"].setdefault(theme_label.get(priority.theme_id, ""), []).append(priority)
    result = []
    for group in [*groups.values(), loose]:
        if not group["themes"]:
            continue
        ordered = sorted(group["themes"].items(), key=lambda item: min(p.number for p in item[1]))
        result.append({"domain": group["domain"], "themes": ordered})
    return result


def plan_or_404(pk) -> Plan:
    return get_object_or_404(Plan.objects.public().select_related("zone", "extends"), pk=pk)


# The structured parts the public plan page shows among the chapters.
PUBLIC_PLAN_PARTS = ("mission", "expectations", "priorities", "resources")


@method_decorator(public_page, name="dispatch")
class PlanView(TemplateView):
    """A published plan, readable in HTML: its public chapters and priorities, and its downloads."""

    template_name = "public/plan.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        plan = plan_or_404(kwargs["pk"])
        priorities = Priority.objects.public().filter(plan=plan).order_by("number")
        context.update(
            plan=plan,
            zone=plan.zone,
            extends=Plan.objects.public().filter(pk=plan.extends_id).first() if plan.extends_id else None,
            extensions=Plan.objects.public().filter(extends=plan).order_by("period_start"),
            # The chapters in their explicit order, mission/expectations/priorities among them (plans.outline).
            outline=outline(Chapter.objects.public().filter(plan=plan).order_by("order", "id"), PUBLIC_PLAN_PARTS),
            values=PlanValue.objects.public().filter(plan=plan),
            expectations=StakeholderExpectation.objects.public().filter(plan=plan),
            signatories=Signatory.objects.public().filter(plan=plan),
            priority_groups=priority_groups(plan, priorities),
            documents=public_documents().filter(plan=plan).order_by("kind", "-year"),
            **plan_resources(plan),
        )
        return context


def plan_resources(plan: Plan) -> dict:
    """The public staff tables (with their lines) and the financial plan's table of a published plan."""
    lines = StaffLine.objects.public().order_by("category", "order", "id")
    tables = StaffTable.objects.public().filter(plan=plan).prefetch_related(Prefetch("lines", queryset=lines))
    finance = FinancialLine.objects.public().filter(plan=plan).select_related("municipality")
    return {"staff_tables": list(tables), "financial_table": financial_table(finance)}


@method_decorator(public_page, name="dispatch")
class PriorityView(TemplateView):
    """A priority of a published plan with its public indicators as charts and tables."""

    template_name = "public/priority.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        plan = plan_or_404(kwargs["plan_pk"])
        priority = get_object_or_404(
            Priority.objects.public().filter(plan=plan).select_related("domain", "theme"), pk=kwargs["pk"]
        )
        siblings = Priority.objects.public().filter(plan=plan)
        indicators = (
            Indicator.objects.public()
            .filter(priority=priority)
            .prefetch_related(
                Prefetch("targets", queryset=IndicatorTarget.objects.public().order_by("year")),
                Prefetch("values", queryset=IndicatorValue.objects.public().order_by("year")),
            )
        )
        action_plans = (
            ActionPlan.objects.public()
            .filter(priority=priority)
            .prefetch_related(Prefetch("objectives", queryset=Objective.objects.public()))
            .order_by("year")
        )
        theme_path = ""
        if priority.theme_id:
            theme_path = theme_labels(Theme.objects.public().filter(plan=plan)).get(priority.theme_id, "")
        context.update(
            plan=plan,
            zone=plan.zone,
            priority=priority,
            theme_path=theme_path,
            previous=siblings.filter(number__lt=priority.number).order_by("-number").first(),
            next=siblings.filter(number__gt=priority.number).order_by("number").first(),
            indicators=[indicator_context(plan, indicator) for indicator in indicators],
            action_plans=action_plans,
            frameworks=Framework.objects.public().filter(priorities=priority).order_by("code"),
        )
        return context


def indicator_context(plan: Plan, indicator: Indicator) -> dict:
    """An indicator's yearly rows (target, approved value, status) and its chart."""
    figures = [*indicator.targets.all(), *indicator.values.all()]
    years = sorted({*plan.years, *(figure.year for figure in figures)})
    rows = indicator_years(indicator, years, approved_only=True)
    targets = {row.year: row.target for row in rows if row.target is not None}
    values = {row.year: row.value for row in rows if row.value is not None}
    chart = line_chart(
        Chart(
            _("Chart of %(name)s: targets and measured values per year. The numbers are in the table below.")
            % {"name": indicator.name},
            years,
            [Line(_("measured value (approved)"), values), Line(_("target"), targets, dashed=True)],
            indicator.unit,
        )
    )
    return {"indicator": indicator, "rows": rows, "chart": chart, "has_data": bool(targets or values)}


class LanguageView(View):
    """Switches the interface language with a plain GET, so that cached public pages need no CSRF token.

    Only a preference cookie changes; ``next`` must stay on this site.
    """

    def get(self, request):
        language = request.GET.get("language", "")
        target = request.GET.get("next") or reverse("home")
        if not url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
            target = reverse("home")
        if not (language in dict(settings.LANGUAGES) and check_for_language(language)):
            raise Http404
        response = HttpResponseRedirect(target)
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            language,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            path=settings.LANGUAGE_COOKIE_PATH,
            domain=settings.LANGUAGE_COOKIE_DOMAIN,
            secure=settings.LANGUAGE_COOKIE_SECURE,
            httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        )
        response["Cache-Control"] = "no-store"
        return response
