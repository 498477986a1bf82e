"""Screens of the imports app: upload, templates, the job page (polled with htmx), exports, data quality.

Who may import what is decided by imports.services.may_import (on top of core/access.py); who sees a
job by ``ImportJob.objects.restrict``; exports hold only the rows ``restrict(user, "view")`` allows.
"""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from core.access import IMPORT, VIEW, get_for_user, may_import, sees_zone_internals, zones_where
from plans.models import Plan
from zones.models import PoliceZone

from . import services
from .exports import CSV_TYPE, XLSX_TYPE, to_csv, to_xlsx
from .forms import UploadForm
from .kinds import PLAN_KINDS, SPECS, ZONE_KINDS, spec_for
from .models import ImportJob
from .quality import IQR_FACTOR, JUMP_FACTOR, JUMP_MINIMUM, MIN_POINTS, zone_findings

FORMATS = {"csv": CSV_TYPE, "xlsx": XLSX_TYPE}


def _spec_or_404(kind):
    if kind not in SPECS:
        raise Http404
    return spec_for(kind)


def _file_response(spec, rows, filename, fmt):
    if fmt not in FORMATS:
        raise Http404
    content = to_csv(spec, rows) if fmt == "csv" else to_xlsx(spec, rows)
    response = HttpResponse(content, content_type=FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response


def kinds_table():
    """(kind, spec) pairs for the templates page and the upload page."""
    return [(kind, spec_for(kind)) for kind in SPECS]


class ImportIndexView(LoginRequiredMixin, TemplateView):
    """The zones and plans a user works for, with what can be imported and exported for each."""

    template_name = "imports/index.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        zones = PoliceZone.objects.of(user, members_only=True)
        plans = Plan.objects.restrict(user, VIEW).order_by("-period_start")
        where = zones_where(user, IMPORT)
        # The ids of the zones listed where the user may import (all of them for a site administrator).
        editable = set(zones.values_list("pk", flat=True)) if where is None else where
        return super().get_context_data(**kwargs) | {
            "zones": zones.prefetch_related(Prefetch("plans", queryset=plans)),
            "may_import_in": editable,
            "zone_kinds": [(k, SPECS[k]().label) for k in ZONE_KINDS],
            "plan_kinds": [(k, SPECS[k]().label) for k in PLAN_KINDS],
            "jobs": ImportJob.objects.restrict(user, VIEW).select_related("zone", "plan", "requested_by")[:20],
        }


class UploadView(LoginRequiredMixin, TemplateView):
    template_name = "imports/upload.html"

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        if user.is_authenticated and not may_import(user):
            raise PermissionDenied(_("Only a zone's advisors and korpschef import files."))
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        initial = {key: request.GET.get(key) for key in ("kind", "zone", "plan") if request.GET.get(key)}
        return self.render(UploadForm(user=request.user, initial=initial))

    def post(self, request, *args, **kwargs):
        form = UploadForm(request.POST, request.FILES, user=request.user)
        if not form.is_valid():
            return self.render(form, status=400)
        data = form.cleaned_data
        job = services.create_job(
            user=request.user, kind=data["kind"], zone=data["zone"], plan=data.get("plan"), upload=data["file"]
        )
        services.start(job)
        if job.queue_unavailable:
            messages.warning(request, services.QUEUE_UNAVAILABLE)
        return redirect("imports:job", pk=job.pk)

    def render(self, form, status=200):
        context = self.get_context_data(form=form, kinds=kinds_table())
        return self.render_to_response(context, status=status)


class TemplatesView(TemplateView):
    """Every kind of file with its columns: what each means, whether it is required, an example."""

    template_name = "imports/templates.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {"kinds": kinds_table()}


class TemplateDownloadView(View):
    def get(self, request, kind, fmt):
        spec = _spec_or_404(kind)
        return _file_response(spec, spec.example_rows(), f"sjabloon-{kind}", fmt)


def _job_or_404(user, pk):
    return get_for_user(ImportJob.objects.select_related("zone", "plan", "requested_by"), user, pk=pk).obj


class JobView(LoginRequiredMixin, TemplateView):
    template_name = "imports/job.html"

    def get_context_data(self, **kwargs):
        job = _job_or_404(self.request.user, kwargs["pk"])
        return super().get_context_data(**kwargs) | job_context(self.request.user, job)


def job_context(user, job):
    spec = spec_for(job.kind)
    return {
        "job": job,
        "spec": spec,
        "zone": job.zone,
        "plan": job.plan,
        "may_confirm": job.needs_confirmation and services.may_import(user, job.kind, job.zone, job.plan),
        "more_problems": max(job.problem_count - len(job.problems), 0),
    }


class JobStatusView(LoginRequiredMixin, TemplateView):
    """The job's status block alone: what the job page polls (htmx) until the job is finished."""

    template_name = "imports/_job_status.html"

    def get_context_data(self, **kwargs):
        job = _job_or_404(self.request.user, kwargs["pk"])
        return super().get_context_data(**kwargs) | job_context(self.request.user, job)


class ConfirmView(LoginRequiredMixin, View):
    """The user confirms that the file may overwrite the stored values it changes."""

    def post(self, request, pk):
        job = _job_or_404(request.user, pk)
        if not services.may_import(request.user, job.kind, job.zone, job.plan):
            raise PermissionDenied(_("Your role does not allow this import here."))
        services.confirm_overwrite(job)
        return redirect("imports:job", pk=job.pk)


class ZoneExportView(LoginRequiredMixin, View):
    """A zone's series of one kind, in the import's format (only the series the user may see)."""

    def get(self, request, pk, kind, fmt):
        zone = get_object_or_404(PoliceZone, pk=pk)
        spec = _spec_or_404(kind)
        if spec.scope != "zone":
            raise Http404
        return _file_response(spec, spec.export_rows(request.user, zone), f"{kind}-{zone.slug}", fmt)


class PlanExportView(LoginRequiredMixin, View):
    """A plan's indicator values, staff or budget table, in the import's format."""

    def get(self, request, pk, kind, fmt):
        plan = get_for_user(Plan.objects.select_related("zone"), request.user, pk=pk).obj
        spec = _spec_or_404(kind)
        if spec.scope != "plan":
            raise Http404
        rows = spec.export_rows(request.user, plan.zone, plan)
        return _file_response(spec, rows, f"{kind}-{plan.zone.slug}-{plan.period_start}-{plan.period_end}", fmt)


class QualityView(LoginRequiredMixin, TemplateView):
    """Data-quality checks of a zone's statistics and tables, for the zone's members."""

    template_name = "imports/quality.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        zone = get_object_or_404(PoliceZone, pk=kwargs["pk"])
        if not sees_zone_internals(user, zone.pk):
            raise PermissionDenied(_("Only the zone's members see its data-quality checks."))
        groups = zone_findings(zone, user)
        return super().get_context_data(**kwargs) | {
            "zone": zone,
            "groups": [
                ("total", _("Printed totals that disagree with their lines"), groups["total"]),
                ("gap", _("Years missing in a series"), groups["gap"]),
                ("outlier", _("Figures far outside their series' range"), groups["outlier"]),
                ("jump", _("Sudden changes against the previous year"), groups["jump"]),
                ("provisional", _("Provisional figures of past years"), groups["provisional"]),
            ],
            "rule": {"iqr": IQR_FACTOR, "jump": int(JUMP_FACTOR * 100), "minimum": JUMP_MINIMUM, "points": MIN_POINTS},
            "finding_count": sum(len(v) for v in groups.values()),
        }
