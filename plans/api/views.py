"""API of the plans app: zones, municipalities, plans with their parts and workflow, comments, frameworks."""

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, status
from rest_framework.decorators import action
from rest_framework.response import Response

from core.access import VIEW, may_take_step
from core.api import RestrictedViewSet
from plans.api.serializers import (
    ApproveSerializer,
    ChapterSerializer,
    FrameworkSerializer,
    MinisterialApprovalSerializer,
    NewAddendumSerializer,
    NewRevisionSerializer,
    PlanDetailSerializer,
    PlanSerializer,
    PlanValueSerializer,
    SignatorySerializer,
    StakeholderExpectationSerializer,
    TransitionSerializer,
)
from plans.filtersets import (
    ChapterFilterSet,
    FrameworkFilterSet,
    PlanFilterSet,
    PlanValueFilterSet,
    SignatoryFilterSet,
    StakeholderExpectationFilterSet,
)
from plans.models import Chapter, Framework, Plan, PlanValue, Signatory, StakeholderExpectation
from plans.services import STEP_TO, create_addendum, create_revision, record_ministerial_approval, transition_plan

S = Plan.Status


class FrameworkViewSet(RestrictedViewSet):
    """Policy frameworks that priorities answer: national ones (NVP, KIV, circulars; no zone, reference data) and a
    zone's own (its COL circulars, regional plans), which the zone's advisors and korpschef add and change. A
    zone's own framework is seen by its members, and by everyone once a public priority answers it."""

    queryset = Framework.objects.all()
    serializer_class = FrameworkSerializer
    filterset_class = FrameworkFilterSet
    ordering_fields = ["code", "title"]


class _PlanPartViewSet(RestrictedViewSet):
    ordering_fields = ["order", "id"]


class ChapterViewSet(_PlanPartViewSet):
    """Free-text chapters of a plan (profile, analysis, monitoring...), changed while the plan is a draft."""

    queryset = Chapter.objects.all()
    serializer_class = ChapterSerializer
    filterset_class = ChapterFilterSet
    ordering_fields = ["order", "id", "title", "kind"]
    ordering = ["plan", "order", "id"]  # the document's order, whatever the chapters' kinds


class PlanValueViewSet(_PlanPartViewSet):
    """The plan's values (waarden), a short list, changed while the plan is a draft."""

    queryset = PlanValue.objects.all()
    serializer_class = PlanValueSerializer
    filterset_class = PlanValueFilterSet


class StakeholderExpectationViewSet(_PlanPartViewSet):
    """What the mayors, the prosecutor, DirCo... expect of the zone; changed while the plan is a draft."""

    queryset = StakeholderExpectation.objects.all()
    serializer_class = StakeholderExpectationSerializer
    filterset_class = StakeholderExpectationFilterSet
    ordering_fields = ["order", "id", "role"]


class SignatoryViewSet(_PlanPartViewSet):
    """The council members who sign the plan; changed while the plan is a draft."""

    queryset = Signatory.objects.all()
    serializer_class = SignatorySerializer
    filterset_class = SignatoryFilterSet
    ordering_fields = ["order", "id", "name", "signed_on"]


def _step_schema(description, request=TransitionSerializer):
    return extend_schema(description=description, request=request, responses={200: PlanDetailSerializer})


class PlanViewSet(RestrictedViewSet):
    """Plans and their versions (addenda, revisions). The detail includes the chapters, values, stakeholder
    expectations and signatories you may see. Content changes while the plan is a draft; the workflow moves
    it on (submit, return, approve, publish, archive)."""

    queryset = Plan.objects.all()
    serializer_class = PlanSerializer
    filterset_class = PlanFilterSet
    ordering_fields = ["period_start", "period_end", "title", "status", "updated_at", "id"]
    # Steps that refuse a stale If-Match (or 'revision' in the body) when one is sent.
    if_match_actions = ("submit", "return_to_draft", "approve", "publish", "archive", "ministerial_approval")

    def get_serializer_class(self):
        return PlanSerializer if self.action == "list" else PlanDetailSerializer

    def optimize(self, queryset):
        if self.action == "list":
            return queryset
        user = self.user
        return queryset.prefetch_related(
            Prefetch("chapters", queryset=Chapter.objects.restrict(user, VIEW)),
            Prefetch("values", queryset=PlanValue.objects.restrict(user, VIEW)),
            Prefetch("stakeholder_expectations", queryset=StakeholderExpectation.objects.restrict(user, VIEW)),
            Prefetch("signatories", queryset=Signatory.objects.restrict(user, VIEW)),
        )

    def _plan_response(self, pk, code=status.HTTP_200_OK):
        plan = self.get_queryset().get(pk=pk)
        return Response(PlanDetailSerializer(plan, context=self.get_serializer_context()).data, status=code,
                        headers=self.etag_headers(plan))  # fmt: skip

    def _transition(self, request, to_status, params_class=TransitionSerializer):
        plan = self.get_object()
        params = params_class(data=request.data)
        params.is_valid(raise_exception=True)
        # Who may take a step is written in plans.services.TRANSITIONS; asking first answers 403 to
        # anyone without such a role, whatever the plan's status.
        if not may_take_step(request.user, plan.zone_id, STEP_TO[to_status]):
            raise exceptions.PermissionDenied(_("Your role in this zone does not allow this step."))
        self.expected_revision(request, plan, required=False)
        transition_plan(plan, to_status, request.user, note=params.validated_data.get("note", ""),
                        on=params.validated_data.get("on"))  # fmt: skip
        return self._plan_response(plan.pk)

    @_step_schema("Submit a draft to the council (draft → in review). Advisors and the korpschef.")
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        return self._transition(request, S.IN_REVIEW)

    @_step_schema("Send a plan in review back for changes (in review → draft). Council members and the korpschef.")
    @action(detail=True, methods=["post"], url_path="return", url_name="return")
    def return_to_draft(self, request, pk=None):
        return self._transition(request, S.DRAFT)

    @_step_schema(
        "The council approves a plan in review (in review → approved), on the given date (default today). "
        "Council members.",
        request=ApproveSerializer,
    )
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        return self._transition(request, S.APPROVED, ApproveSerializer)

    @_step_schema("Publish an approved plan (approved → published); a published revision archives the plan it "
                  "revises. The korpschef.")  # fmt: skip
    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        return self._transition(request, S.PUBLISHED)

    @_step_schema("Archive a published plan (published → archived). The korpschef.")
    @action(detail=True, methods=["post"])
    def archive(self, request, pk=None):
        return self._transition(request, S.ARCHIVED)

    @_step_schema(
        "Record the date the Ministers of the Interior and Justice approved an approved or published plan. "
        "Council members and the korpschef.",
        request=MinisterialApprovalSerializer,
    )
    @action(detail=True, methods=["post"], url_path="ministerial-approval", url_name="ministerial-approval")
    def ministerial_approval(self, request, pk=None):
        plan = self.get_object()
        params = MinisterialApprovalSerializer(data=request.data)
        params.is_valid(raise_exception=True)
        self.expected_revision(request, plan, required=False)
        record_ministerial_approval(plan, params.validated_data["on"], request.user)
        return self._plan_response(plan.pk)

    @extend_schema(
        description="Start a draft revision of an approved or published plan: a full copy of its content and "
        "follow-up. Advisors and the korpschef. Answers the new plan.",
        request=NewRevisionSerializer,
        responses={201: PlanDetailSerializer},
    )
    @action(detail=True, methods=["post"])
    def revision(self, request, pk=None):
        plan = self.get_object()
        params = NewRevisionSerializer(data=request.data)
        params.is_valid(raise_exception=True)
        new = create_revision(plan, request.user, title=params.validated_data["title"])
        return self._plan_response(new.pk, status.HTTP_201_CREATED)

    @extend_schema(
        description="Start a draft addendum that extends an approved or published plan's period to "
        "'period_end'. Advisors and the korpschef. Answers the new plan.",
        request=NewAddendumSerializer,
        responses={201: PlanDetailSerializer},
    )
    @action(detail=True, methods=["post"])
    def addendum(self, request, pk=None):
        plan = self.get_object()
        params = NewAddendumSerializer(data=request.data)
        params.is_valid(raise_exception=True)
        data = params.validated_data
        new = create_addendum(plan, request.user, period_end=data["period_end"], title=data["title"])
        return self._plan_response(new.pk, status.HTTP_201_CREATED)
