"""Serializers of generated documents and annual report texts."""

from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core.api import ModelCleanSerializer, ParentField
from core.api_fields import StrictSerializer

from ..models import AnnualReport, Document

TIMESTAMPS = ["created_at", "updated_at"]


class DocumentSerializer(serializers.ModelSerializer):
    title = serializers.CharField(read_only=True)
    download_url = serializers.SerializerMethodField(help_text="Where the PDF is downloaded; null until it is done.")
    progress_url = serializers.SerializerMethodField(help_text="This document, to poll while it is being made.")

    class Meta:
        model = Document
        fields = [
            "id", "plan", "kind", "protection", "year", "title", "language", "status", "progress",
            "progress_message", "error", "attempts", "made_from_status", "made_from_revision", "size", "page_count",
            "checksum", "requested_at", "started_at", "finished_at", "download_url", "progress_url",
        ]  # fmt: skip
        read_only_fields = fields

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_download_url(self, document):
        if not document.is_done or not document.file:
            return None
        url = reverse("documents:download", args=[document.pk, document.file_name()])
        request = self.context.get("request")
        return request.build_absolute_uri(url) if request else url

    @extend_schema_field(serializers.URLField())
    def get_progress_url(self, document):
        url = reverse("api:document-detail", args=[document.pk])
        request = self.context.get("request")
        return request.build_absolute_uri(url) if request else url


class DocumentRequestSerializer(StrictSerializer):
    plan = ParentField(queryset=Document._meta.get_field("plan").related_model.objects.all())
    kind = serializers.ChoiceField(choices=Document.Kind.choices, default=Document.Kind.PLAN)
    protection = serializers.ChoiceField(
        choices=Document._meta.get_field("protection").choices,
        default="public",
        help_text="The edition: 'public' leaves out every non-public part, 'restricted' is the internal edition.",
    )
    year = serializers.IntegerField(
        required=False, allow_null=True, min_value=1990, max_value=2100, help_text="The year of an annual report."
    )


class AnnualReportSerializer(ModelCleanSerializer):
    parent_field = "plan"

    class Meta:
        model = AnnualReport
        fields = ["id", "plan", "year", "introduction", "revision", *TIMESTAMPS]
