"""Serializers of the plans app: zones, municipalities, plans and their parts, comments, workflow steps."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core.api import TIMESTAMPS, ModelCleanSerializer
from core.api_fields import StrictSerializer
from plans.models import Chapter, Framework, Plan, PlanValue, Signatory, StakeholderExpectation

from ..services import allowed_transitions


class FrameworkSerializer(ModelCleanSerializer):
    # A zone adds its own frameworks (zone set); national ones (no zone) are the site administrators'.
    parent_field = "zone"

    class Meta:
        model = Framework
        fields = ["id", "zone", "code", "title", "issuer", "url"]
        extra_kwargs = {"zone": {"help_text": _("The zone whose framework this is; empty for a national one.")}}


class PlanValueSerializer(ModelCleanSerializer):
    parent_field = "plan"

    class Meta:
        model = PlanValue
        fields = ["id", "plan", "name", "description", "order"]


class ChapterSerializer(ModelCleanSerializer):
    parent_field = "plan"

    class Meta:
        model = Chapter
        fields = ["id", "plan", "kind", "title", "body", "order", "protection", "revision", *TIMESTAMPS]
        extra_kwargs = {"body": {"help_text": _("HTML; sanitised when saved.")}}


class StakeholderExpectationSerializer(ModelCleanSerializer):
    parent_field = "plan"

    class Meta:
        model = StakeholderExpectation
        fields = ["id", "plan", "role", "name", "expectations", "order", "protection", "revision", *TIMESTAMPS]


class SignatorySerializer(ModelCleanSerializer):
    parent_field = "plan"

    class Meta:
        model = Signatory
        fields = ["id", "plan", "name", "role", "signed_on", "order", "protection", "revision", *TIMESTAMPS]


PLAN_FIELDS = [
    "id", "zone", "title", "kind", "extends", "period_start", "period_end", "status", "language",
    "council_approved_on", "minister_approved_on", "published_at", "valid_from", "themes_chosen_on", "foreword",
    "foreword_author", "closing_word", "closing_word_author", "mission", "vision", "source_note", "revision",
    *TIMESTAMPS,
]  # fmt: skip
# Set by the workflow actions (submit, approve, publish, ministerial-approval, revision, addendum), never directly.
PLAN_WORKFLOW_FIELDS = [
    "kind", "extends", "status", "council_approved_on", "minister_approved_on", "published_at",
]  # fmt: skip


class PlanSerializer(ModelCleanSerializer):
    """A plan version without its parts (lists); the detail adds them."""

    parent_field = "zone"

    class Meta:
        model = Plan
        fields = PLAN_FIELDS
        read_only_fields = PLAN_WORKFLOW_FIELDS


class PlanDetailSerializer(PlanSerializer):
    """A plan version with the parts you may see: chapters, values, stakeholder expectations, signatories."""

    chapters = ChapterSerializer(many=True, read_only=True)
    values = PlanValueSerializer(many=True, read_only=True)
    stakeholder_expectations = StakeholderExpectationSerializer(many=True, read_only=True)
    signatories = SignatorySerializer(many=True, read_only=True)
    transitions = serializers.SerializerMethodField(
        help_text=_("The statuses you may move this plan to now (POST the matching workflow action).")
    )

    class Meta(PlanSerializer.Meta):
        fields = [*PLAN_FIELDS, "transitions", "chapters", "values", "stakeholder_expectations", "signatories"]

    @extend_schema_field(serializers.ListField(child=serializers.ChoiceField(choices=Plan.Status.choices)))
    def get_transitions(self, plan):
        request = self.context.get("request")
        return [str(status) for status in allowed_transitions(plan, getattr(request, "user", None))]


# --- Workflow steps -------------------------------------------------------------------------------------------------


def _step_revision():
    return serializers.IntegerField(
        required=False,
        min_value=1,
        help_text=_("The plan's revision you loaded (or send it in If-Match); a stale one is refused with 409."),
    )


class TransitionSerializer(StrictSerializer):
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000)
    revision = _step_revision()


class ApproveSerializer(TransitionSerializer):
    on = serializers.DateField(required=False, allow_null=True, help_text=_("The council's date; default today."))


class MinisterialApprovalSerializer(StrictSerializer):
    on = serializers.DateField(help_text=_("The date the ministers approved the plan."))
    revision = _step_revision()


class NewRevisionSerializer(StrictSerializer):
    title = serializers.CharField(required=False, allow_blank=True, default="", max_length=300)


class NewAddendumSerializer(NewRevisionSerializer):
    period_end = serializers.IntegerField(
        min_value=1990, max_value=2100, help_text=_("The new last year, after the plan's.")
    )
