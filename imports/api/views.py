"""The imports API: upload a file, follow its job, confirm an overwrite."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import exceptions, mixins, parsers, permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from core.access import VIEW
from core.api import Pagination
from core.api_fields import refuse_body
from plans.models import Plan

from .. import services
from ..kinds import SPECS
from ..models import ImportJob
from ..parsers import FileProblem
from .serializers import ImportJobSerializer, ImportUploadSerializer


@extend_schema_view(
    list=extend_schema(
        description="The imports of the zones you are a member of, newest first (none for anonymous callers)."
    ),
    retrieve=extend_schema(
        description="One import job: status, progress, outcome, and every problem with its row and column."
    ),
)
class ImportJobViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Imports of CSV and XLSX files (statistics, indicator values, staff and budget tables)."""

    queryset = ImportJob.objects.all()
    serializer_class = ImportJobSerializer
    # Like every list of the API, anonymous callers read what citizens see: here, nothing (imports are internal).
    permission_classes = [permissions.IsAuthenticatedOrReadOnly]
    pagination_class = Pagination
    parser_classes = [parsers.MultiPartParser, parsers.FormParser, parsers.JSONParser]

    def get_queryset(self):
        return ImportJob.objects.restrict(self.request.user, VIEW).select_related("zone", "plan")

    @extend_schema(
        request={"multipart/form-data": ImportUploadSerializer},
        responses={
            201: OpenApiResponse(ImportJobSerializer, description="A small file, checked (and imported) at once."),
            202: OpenApiResponse(ImportJobSerializer, description="A large file, queued for the worker."),
            503: OpenApiResponse(
                ImportJobSerializer, description="The job queue is unavailable; the large file's job waits."
            ),
        },
        description=(
            "Upload a file (multipart: kind, zone or plan, file, overwrite). A small file is checked and "
            "imported at once (201); a large one runs as a job (202) to follow at /imports/{id}/. A file "
            "with problems writes nothing (outcome 'invalid', with every problem); one that would change "
            "stored values waits for confirm/ unless overwrite is true."
        ),
    )
    def create(self, request, *args, **kwargs):
        upload = ImportUploadSerializer(data=request.data)
        upload.is_valid(raise_exception=True)
        data = upload.validated_data
        kind, plan, zone = data["kind"], data.get("plan"), data.get("zone")
        user = request.user
        if plan is not None:
            if not Plan.objects.restrict(user, VIEW).filter(pk=plan.pk).exists():
                raise exceptions.NotFound()
            zone = zone or plan.zone
        if zone is None:
            raise exceptions.ValidationError({"zone": [_("Give the zone (or, for plan kinds, the plan).")]})
        if SPECS[kind].scope == "plan" and plan is None:
            raise exceptions.ValidationError({"plan": [_("This kind of file is imported into a plan.")]})
        if not services.may_import(user, kind, zone, plan):
            raise exceptions.PermissionDenied(_("Your role does not allow this import here."))
        try:
            job = services.create_job(
                user=user, kind=kind, zone=zone, plan=plan, upload=data["file"], overwrite=data["overwrite"]
            )
        except FileProblem as exc:
            raise exceptions.ValidationError({"file": [str(exc)]}) from exc
        at_once = job.size <= services.SYNC_MAX_BYTES
        services.start(job, at_once=at_once)
        unavailable = job.queue_unavailable
        job.refresh_from_db()
        data = ImportJobSerializer(job).data
        if unavailable:
            data["detail"] = services.QUEUE_UNAVAILABLE
            return Response(data, status=status.HTTP_503_SERVICE_UNAVAILABLE, headers={"Retry-After": "60"})
        code = status.HTTP_201_CREATED if at_once else status.HTTP_202_ACCEPTED
        return Response(data, status=code)

    @extend_schema(
        request=None,
        responses={200: ImportJobSerializer, 409: OpenApiResponse(description="The job does not wait for this.")},
        description="Confirm that the file may overwrite the stored values it changes; the import then runs.",
    )
    @action(detail=True, methods=["post"])
    def confirm(self, request, pk=None):
        job = self.get_object()
        if not services.may_import(request.user, job.kind, job.zone, job.plan):
            raise exceptions.PermissionDenied(_("Your role does not allow this import here."))
        refuse_body(request)
        if not services.confirm_overwrite(job):
            return Response({"detail": _("This import does not wait for a confirmation.")}, status=409)
        job.refresh_from_db()
        return Response(ImportJobSerializer(job).data)
