"""Screens of generated documents: the plan's documents, generation and its progress, print preview, downloads."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import FileResponse, Http404, HttpResponse, HttpResponseNotModified
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import http_date
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView
from knox.auth import TokenAuthentication
from rest_framework.exceptions import AuthenticationFailed

from core.access import CHANGE, VIEW, Opened, can_add, get_for_user, sees_zone_internals
from core.base import Protection
from core.locking import StaleRevision, save_with_revision
from plans.models import Plan

from . import services
from .forms import AnnualReportForm, DocumentRequestForm
from .models import AnnualReport, Document
from .rendering import render_document_html


def open_plan(user, pk) -> Opened:
    """The plan *user* may see (a 404 otherwise), and whether they may change it."""
    return get_for_user(Plan.objects.select_related("zone"), user, pk=pk)


class PlanDocumentsView(LoginRequiredMixin, TemplateView):
    """A plan's documents: the current editions, older ones, runs in progress or failed; and the generate form."""

    template_name = "documents/plan_documents.html"

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        plan, may_change_plan = open_plan(user, kwargs["pk"])
        documents = list(Document.objects.restrict(user, VIEW).filter(plan=plan).select_related("requested_by"))
        current = {d.pk for d in Document.objects.restrict(user, VIEW).filter(plan=plan).current()}
        context.update(
            plan=plan,
            zone=plan.zone,
            documents=documents,
            current_ids=current,
            can_generate=can_add(user, Document, plan=plan),
            form=form or DocumentRequestForm(plan=plan),
            sees_internals=sees_zone_internals(user, plan.zone_id),
            can_edit_plan=may_change_plan,
            crumb=_("Documents"),
            report_years=list(plan.years),
        )
        return context


class DocumentRequestView(LoginRequiredMixin, View):
    """Queues a document (POST); the worker makes it after the transaction commits."""

    def post(self, request, pk):
        plan = open_plan(request.user, pk).obj
        if not can_add(request.user, Document, plan=plan):
            raise PermissionDenied(_("Your role does not allow generating documents for this plan."))
        form = DocumentRequestForm(request.POST, plan=plan)
        if form.is_valid():
            try:
                document = services.request_document(
                    plan,
                    form.cleaned_data["kind"],
                    form.cleaned_data["protection"],
                    form.cleaned_data["year"],
                    user=request.user,
                )
            except ValidationError as exc:
                for field, errors in exc.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                if document.queue_unavailable:
                    messages.warning(
                        request,
                        _(
                            "The job queue is unavailable right now; '%(title)s' is queued and will be made as soon "
                            "as it is back."
                        )
                        % {"title": document.title},
                    )
                else:
                    messages.success(
                        request,
                        _("'%(title)s' is being generated; follow its progress below.") % {"title": document.title},
                    )
                return redirect(f"{reverse('documents:plan', args=[plan.pk])}#document-{document.pk}")
        page = PlanDocumentsView()
        page.setup(request, pk=pk)
        return TemplateResponse(request, page.template_name, page.get_context_data(pk=pk, form=form), status=400)


class DocumentProgressView(LoginRequiredMixin, TemplateView):
    """The progress of one document, as a fragment that the plan's pages poll (htmx) until it is finished."""

    template_name = "documents/_progress.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        document = get_for_user(Document.objects.select_related("plan__zone"), self.request.user, pk=kwargs["pk"]).obj
        context["document"] = document
        return context


class DocumentPreviewView(View):
    """The document's HTML in the browser (print preview): exactly what the PDF is made from.

    The public edition of a plan is shown to whoever may see the plan; the
    internal edition to the zone's members only.
    """

    def get(self, request, pk):
        plan = open_plan(request.user, pk).obj
        protection = request.GET.get("edition", Protection.PUBLIC)
        if protection not in Protection.values:
            raise Http404
        if protection != Protection.PUBLIC and not sees_zone_internals(request.user, plan.zone_id):
            raise Http404
        kind = request.GET.get("kind", Document.Kind.PLAN)
        year = None
        if kind == Document.Kind.ANNUAL_REPORT:
            try:
                year = int(request.GET.get("year", ""))
            except ValueError:
                raise Http404 from None
            if year not in plan.years:
                raise Http404
        elif kind != Document.Kind.PLAN:
            raise Http404
        back = reverse("documents:plan", args=[plan.pk]) if request.user.is_authenticated else ""
        rendered = render_document_html(plan, kind, protection, year, preview=True, extra={"back_url": back})
        response = HttpResponse(rendered.html)
        response["Cache-Control"] = "private, no-cache" if protection != Protection.PUBLIC else "no-cache"
        return response


class AnnualReportEditView(LoginRequiredMixin, TemplateView):
    """The introduction advisors write for the annual report of a year."""

    template_name = "documents/annual_report_form.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.plan, self.may_change_plan = open_plan(request.user, kwargs["pk"])
        if kwargs["year"] not in self.plan.years or not sees_zone_internals(request.user, self.plan.zone_id):
            raise Http404
        self.report = AnnualReport.objects.filter(plan=self.plan, year=kwargs["year"]).first()
        if self.report is None:
            self.can_edit = can_add(request.user, AnnualReport, plan=self.plan)
        else:
            self.can_edit = AnnualReport.objects.restrict(request.user, CHANGE).filter(pk=self.report.pk).exists()
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        return self.render(AnnualReportForm(instance=self.report))

    def post(self, request, *args, **kwargs):
        if not self.can_edit:
            raise PermissionDenied(_("You may not change this."))
        form = AnnualReportForm(request.POST, instance=self.report)
        if not form.is_valid():
            return self.render(form, status=400)
        report = form.save(commit=False)
        report.plan, report.year = self.plan, kwargs["year"]
        try:
            with transaction.atomic():
                save_with_revision(report, form.cleaned_data.get("loaded_revision"))
        except StaleRevision as exc:
            form.add_error(None, exc.message)
            return self.render(form, status=409)
        messages.success(request, _("The introduction of the annual report was saved."))
        return redirect("documents:plan", pk=self.plan.pk)

    def render(self, form, status=200):
        if not self.can_edit:
            for field in form.fields.values():
                field.disabled = True
        context = self.get_context_data(
            plan=self.plan,
            zone=self.plan.zone,
            form=form,
            year=self.kwargs["year"],
            can_edit=self.can_edit,
            can_edit_plan=self.may_change_plan,
            crumb_parent_url=reverse("documents:plan", args=[self.plan.pk]),
            crumb_parent_label=_("Documents"),
            crumb=_("Annual report %(year)s") % {"year": self.kwargs["year"]},
        )
        return self.render_to_response(context, status=status)


def download_user(request):
    """Who downloads: the holder of the API token in ``Authorization: Token <key>`` (the API's ``download_url``
    is followed by scripts), else the session's user. A wrong or expired token raises AuthenticationFailed."""
    if request.META.get("HTTP_AUTHORIZATION"):
        authenticated = TokenAuthentication().authenticate(request)
        if authenticated is not None:
            return authenticated[0]
    return request.user


class DocumentDownloadView(View):
    """The PDF of a done document the user may see, with caching headers fit for its edition.

    The only way to a generated file: no route serves the media folder.
    """

    def get(self, request, pk, filename):
        try:
            user = download_user(request)
        except AuthenticationFailed as exc:
            response = HttpResponse(str(exc.detail), status=401, content_type="text/plain; charset=utf-8")
            response["WWW-Authenticate"] = "Token"
            return response
        document = Document.objects.restrict(user, VIEW).done().select_related("plan__zone").filter(pk=pk).first()
        if document is None or not document.file:
            raise Http404
        etag = f'"{document.checksum}"'
        if request.headers.get("If-None-Match") == etag:
            response = HttpResponseNotModified()
        else:
            try:
                handle = document.file.open("rb")
            except FileNotFoundError:
                raise Http404 from None
            response = FileResponse(handle, content_type="application/pdf")
            response["Content-Length"] = str(document.size or document.file.size)
            response["Content-Disposition"] = f'inline; filename="{document.file_name()}"'
        response["ETag"] = etag
        response["Last-Modified"] = http_date(document.finished_at.timestamp())
        # A document never changes once made (a new generation is a new row): what citizens may download may be
        # cached by anyone for a day; anything else (an internal edition, a draft's) only by the user's browser.
        if Document.objects.public().filter(pk=document.pk).exists():
            response["Cache-Control"] = "public, max-age=86400"
        else:
            response["Cache-Control"] = "private, max-age=3600"
            response["Vary"] = "Cookie, Authorization"
        return response
