"""API of generated documents (PDF plans and annual reports) and the annual reports' introductions."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response

from core.api import RestrictedViewSet, validation_error_detail

from .. import services
from ..filtersets import AnnualReportFilterSet, DocumentFilterSet
from ..models import AnnualReport, Document
from .serializers import AnnualReportSerializer, DocumentRequestSerializer, DocumentSerializer

QUEUE_UNAVAILABLE = _(
    "The job queue is unavailable right now; the document is queued and will be made as soon as it is back."
)


class DocumentViewSet(RestrictedViewSet):
    """Generated PDF documents: a whole plan or an annual report, in the public or the internal edition.

    Each generation is a document of its own (older editions stay listed); ``current=true`` keeps the newest
    done one of each plan, kind, edition and year. A document's ``status`` goes queued → running (with
    ``progress`` in percent) → done (with ``download_url``) or failed (with ``error``)."""

    queryset = Document.objects.all()
    serializer_class = DocumentSerializer
    filterset_class = DocumentFilterSet
    ordering_fields = ["requested_at", "finished_at", "year", "id"]
    select_related = ("plan__zone",)
    http_method_names = ["get", "post", "head", "options"]

    @extend_schema(
        request=DocumentRequestSerializer,
        responses={
            201: DocumentSerializer,
            503: OpenApiResponse(DocumentSerializer, description="The job queue is unavailable; the document waits."),
        },
        description=(
            "Ask for a document to be generated (advisors and the korpschef of the plan's zone). The worker "
            "starts after the request commits; poll the returned document's progress_url. The same request "
            "while an identical one is still queued or running returns that one. When the job queue is unavailable "
            "the answer is 503 with the document, which stays queued and is sent as soon as the queue is back."
        ),
    )
    def create(self, request, *args, **kwargs):
        asked = DocumentRequestSerializer(data=request.data, context=self.get_serializer_context())
        asked.is_valid(raise_exception=True)
        data = asked.validated_data
        try:
            document = services.request_document(
                data["plan"], data["kind"], data["protection"], data.get("year"), user=request.user
            )
        except DjangoValidationError as exc:
            raise serializers.ValidationError(validation_error_detail(exc)) from exc
        unavailable = document.queue_unavailable
        document = self.get_queryset().get(pk=document.pk)
        data = self.get_serializer(document).data
        if unavailable:
            data["detail"] = QUEUE_UNAVAILABLE
            return Response(data, status=status.HTTP_503_SERVICE_UNAVAILABLE, headers={"Retry-After": "60"})
        return Response(data, status=status.HTTP_201_CREATED)


class AnnualReportViewSet(RestrictedViewSet):
    """The introduction advisors write for the annual report of a plan and year (sanitised HTML)."""

    queryset = AnnualReport.objects.all()
    serializer_class = AnnualReportSerializer
    filterset_class = AnnualReportFilterSet
    ordering_fields = ["year", "id"]
    select_related = ("plan",)
