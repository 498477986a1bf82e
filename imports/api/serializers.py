"""Serializers of the imports API: a job as the screens show it, and the upload."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from core.api import lazy_format
from core.api_fields import StrictSerializer
from plans.models import Plan
from zones.models import PoliceZone

from ..models import ImportJob, ImportKind
from ..parsers import size_problem


class ProblemSerializer(serializers.Serializer):
    row = serializers.IntegerField(allow_null=True, help_text=_("Row in the file (1 is the header); null: the file."))
    column = serializers.CharField(allow_blank=True)
    value = serializers.CharField(allow_blank=True)
    message = serializers.CharField()


KINDS_HELP = lazy_format(_("One of: %(kinds)s."), {"kinds": ", ".join(ImportKind.values)})


class ImportJobSerializer(serializers.ModelSerializer):
    kind = serializers.CharField(read_only=True, help_text=KINDS_HELP)
    status = serializers.CharField(read_only=True, help_text=_("queued, running, done or failed."))
    outcome = serializers.CharField(
        read_only=True,
        help_text=_("Empty until checked; invalid (problems), confirm (waits for confirm/), imported or unchanged."),
    )
    problems = ProblemSerializer(many=True, read_only=True)
    summary = serializers.DictField(
        child=serializers.IntegerField(),
        read_only=True,
        help_text=_("Rows new, changed and unchanged; after an import also the linked indicator values set."),
    )

    class Meta:
        model = ImportJob
        fields = [
            "id",
            "kind",
            "zone",
            "plan",
            "file_name",
            "size",
            "status",
            "progress",
            "progress_message",
            "error",
            "outcome",
            "overwrite",
            "row_count",
            "problem_count",
            "problems",
            "summary",
            "requested_at",
            "started_at",
            "finished_at",
        ]
        read_only_fields = fields


class ImportUploadSerializer(StrictSerializer):
    kind = serializers.CharField(help_text=KINDS_HELP)
    zone = serializers.PrimaryKeyRelatedField(
        queryset=PoliceZone.objects.all(),
        required=False,
        help_text=_("For statistics; taken from the plan if omitted."),
    )
    plan = serializers.PrimaryKeyRelatedField(
        queryset=Plan.objects.all(), required=False, help_text=_("For indicator values, staff and budget tables.")
    )
    file = serializers.FileField(help_text=_("A CSV or XLSX file with the template's columns."))

    def validate_file(self, value):
        too_large = size_problem(value.size or 0)
        if too_large:
            raise serializers.ValidationError(too_large)
        return value

    def validate_kind(self, value):
        if value not in ImportKind.values:
            raise serializers.ValidationError(KINDS_HELP)
        return value

    overwrite = serializers.BooleanField(
        default=False, help_text=_("Overwrite stored values the file changes (otherwise the job waits for confirm/).")
    )
