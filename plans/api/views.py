"""API of the plans app: zones, municipalities, plans with their parts and workflow, comments, frameworks."""

from django.db.models import Prefetch, Sum
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response

from stats.api.serializers import FinancialYearTotalsSerializer
from stats.models import FinancialLine, financial_totals
from stats.services import approve_year, record_values
from zvp_portal.api import ReadOnlyRestrictedViewSet, RestrictedViewSet

from ..access import VIEW, has_zone_role
from ..filtersets import (
    ChapterFilterSet,
    CommentFilterSet,
    MunicipalityFilterSet,
    PlanFilterSet,
    PlanValueFilterSet,
    PoliceZoneFilterSet,
    SignatoryFilterSet,
    StakeholderExpectationFilterSet,
)
from ..models import (
    Chapter,
    Comment,
    Framework,
    Municipality,
    Plan,
    PlanValue,
    PoliceZone,
    Signatory,
    StakeholderExpectation,
    SubMunicipality,
)
from ..services import (
    TRANSITIONS,
    add_comment,
    create_addendum,
    create_revision,
    record_ministerial_approval,
    resolve_comment,
    transition_plan,
)
from .serializers import (
    ApproveSerializer,
    ChapterSerializer,
    CommentCreateSerializer,
    CommentSerializer,
    FrameworkSerializer,
    MinisterialApprovalSerializer,
    MunicipalitySerializer,
    NewAddendumSerializer,
    NewRevisionSerializer,
    PlanDetailSerializer,
    PlanSerializer,
    PlanValueSerializer,
    PoliceZoneSerializer,
    SignatorySerializer,
    StakeholderExpectationSerializer,
    TransitionSerializer,
)

S = Plan.Status


class PoliceZoneViewSet(RestrictedViewSet):
    """A zone's identity is public. Its advisors and korpschef change it; only site administrators add zones;
    zones are not deleted through the API."""

    queryset = PoliceZone.objects.all()
    serializer_class = PoliceZoneSerializer
    filterset_class = PoliceZoneFilterSet
    ordering_fields = ["name", "number", "slug"]
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    def optimize(self, queryset):
        # An aggregate drops Meta.ordering (GROUP BY): order again, for stable pages.
        return queryset.annotate(
            population_total=Sum("municipalities__population"), municipality_area=Sum("municipalities__area_km2")
        ).order_by(*PoliceZone._meta.ordering)


class MunicipalityViewSet(RestrictedViewSet):
    """Municipalities (NIS codes) of a zone, with their sub-municipalities; public facts, changed by the
    zone's advisors and korpschef."""

    queryset = Municipality.objects.all()
    serializer_class = MunicipalitySerializer
    filterset_class = MunicipalityFilterSet
    ordering_fields = ["name", "nis_code", "population"]

    def optimize(self, queryset):
        subs = SubMunicipality.objects.restrict(self.user, VIEW)
        return queryset.prefetch_related(Prefetch("sub_municipalities", queryset=subs))


class FrameworkViewSet(ReadOnlyRestrictedViewSet):
    """National and supra-local policy frameworks (NVP, KIV, circulars) that priorities answer; reference data."""

    queryset = Framework.objects.all()
    serializer_class = FrameworkSerializer
    ordering_fields = ["code", "title"]
    filterset_fields = ["code"]


class _PlanPartViewSet(RestrictedViewSet):
    ordering_fields = ["order", "id"]


class ChapterViewSet(_PlanPartViewSet):
    """Free-text chapters of a plan (profile, analysis, monitoring...), changed while the plan is a draft."""

    queryset = Chapter.objects.all()
    serializer_class = ChapterSerializer
    filterset_class = ChapterFilterSet
    ordering_fields = ["order", "id", "title", "kind"]


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


class BulkValueSerializer(serializers.Serializer):
    indicator = serializers.IntegerField(min_value=1, help_text=_("An indicator of this plan."))
    value = serializers.DecimalField(
        max_digits=14, decimal_places=2, allow_null=True, help_text=_("The measured value; null removes it.")
    )
    note = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")


class BulkValuesResultSerializer(serializers.Serializer):
    created = serializers.IntegerField()
    changed = serializers.IntegerField()
    removed = serializers.IntegerField()


class ApprovedCountSerializer(serializers.Serializer):
    approved = serializers.IntegerField(help_text=_("How many values the council approved now."))


YEAR_PARAMETER = OpenApiParameter("year", int, OpenApiParameter.PATH, description="A year of the plan's period.")
MAX_BULK_ROWS = 1000


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
        if self.action in ("list", "financial_totals"):
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
        roles = set().union(*(roles for (_frm, to), roles in TRANSITIONS.items() if to == to_status))
        if not has_zone_role(request.user, plan.zone_id, *roles):
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

    @extend_schema(
        description="Enter a year's measured values of several indicators of this plan at once, all or "
        "nothing: on any problem nothing is written and the 400 answer names each indicator (by id) with its "
        "message. A null value removes an unapproved value; approved values are frozen. Advisors and the "
        f"korpschef, while the plan is not archived. At most {MAX_BULK_ROWS} rows.",
        parameters=[YEAR_PARAMETER],
        request=BulkValueSerializer(many=True),
        responses={200: BulkValuesResultSerializer},
    )
    @action(detail=True, methods=["post"], url_path=r"values/(?P<year>[0-9]{4})", url_name="values")
    def record_values(self, request, pk=None, year=None):
        plan = self.get_object()
        rows = BulkValueSerializer(data=request.data, many=True, max_length=MAX_BULK_ROWS)
        if not rows.is_valid():
            raise exceptions.ValidationError(_errors_by_indicator(request.data, rows.errors))
        result = record_values(plan, int(year), [dict(row) for row in rows.validated_data], request.user)
        return Response(BulkValuesResultSerializer(result).data)

    @extend_schema(
        description="The council approves all of the year's measured values of this plan that are not approved "
        "yet; from then on citizens see them and they are frozen. Council members.",
        parameters=[YEAR_PARAMETER],
        request=None,
        responses={200: ApprovedCountSerializer},
    )
    @action(detail=True, methods=["post"], url_path=r"values/(?P<year>[0-9]{4})/approve", url_name="approve-values")
    def approve_values(self, request, pk=None, year=None):
        plan = self.get_object()
        approved = approve_year(plan, int(year), request.user)
        return Response({"approved": approved})

    @extend_schema(
        description="Per year of the plan's financial lines: total income (income and municipal dotations), "
        "total expense, the balance and the kinds (budget, forecast, actual) of the year's lines, computed from "
        "the lines; only the lines you may see count. For whoever may see the plan (404 otherwise).",
        responses={200: FinancialYearTotalsSerializer(many=True)},
    )
    @action(
        detail=True,
        methods=["get"],
        url_path="financial-totals",
        url_name="financial-totals",
        filter_backends=[],
        pagination_class=None,
    )
    def financial_totals(self, request, pk=None):
        plan = self.get_object()
        lines = FinancialLine.objects.restrict(request.user, VIEW).filter(plan=plan)
        return Response(FinancialYearTotalsSerializer(_financial_totals(plan, lines), many=True).data)


def _financial_totals(plan, lines):
    """stats.models.financial_totals over the given lines only: one row per year, by year."""
    totals = financial_totals(plan, lines)
    return [{"year": year, **totals[year], "kinds": sorted(totals[year]["kinds"])} for year in sorted(totals)]


def _errors_by_indicator(data, errors):
    """A ListSerializer's errors (one dict per row) keyed by the row's indicator id, like record_values does."""
    if isinstance(errors, dict):  # not a list at all, or too many rows
        return errors
    keyed = {}
    for index, row_errors in enumerate(errors):
        if not row_errors:
            continue
        row = data[index] if isinstance(data, list) and index < len(data) else None
        indicator = row.get("indicator") if isinstance(row, dict) else None
        key = str(indicator) if isinstance(indicator, int) and not isinstance(indicator, bool) else f"[{index}]"
        keyed[key] = [f"{field}: {message}" for field, messages in row_errors.items() for message in messages]
    return keyed


class CommentViewSet(ReadOnlyRestrictedViewSet):
    """Council comments on priorities and indicators: for the zone's members only. Write them under
    /priorities/{id}/comments/ or /indicators/{id}/comments/."""

    queryset = Comment.objects.all()
    serializer_class = CommentSerializer
    filterset_class = CommentFilterSet
    ordering_fields = ["created_at", "resolved_at", "id"]
    select_related = ("author",)

    @extend_schema(
        description="An advisor or the korpschef marks the comment as dealt with.",
        request=None,
        responses={200: CommentSerializer},
    )
    @action(detail=True, methods=["post"], http_method_names=["post", "options"])
    def resolve(self, request, pk=None):
        comment = self.get_object()
        resolve_comment(comment, request.user)
        return Response(CommentSerializer(self.get_queryset().get(pk=comment.pk)).data)


class CommentsActionMixin:
    """``/<target>/{id}/comments/``: the comments on a priority or an indicator, and adding one."""

    comment_target_field: str

    @extend_schema(
        methods=["GET"],
        description="The comments on this row (zone members only; others get an empty list).",
        responses={200: CommentSerializer(many=True)},
    )
    @extend_schema(
        methods=["POST"],
        description="A council member or the korpschef comments on this row.",
        request=CommentCreateSerializer,
        responses={201: CommentSerializer},
    )
    @action(detail=True, methods=["get", "post"], filter_backends=[], serializer_class=CommentSerializer)
    def comments(self, request, pk=None):
        target = self.get_object()
        if request.method == "POST":
            params = CommentCreateSerializer(data=request.data)
            params.is_valid(raise_exception=True)
            comment = add_comment(target, params.validated_data["body"], request.user)
            return Response(CommentSerializer(comment).data, status=status.HTTP_201_CREATED)
        comments = (
            Comment.objects.restrict(request.user, VIEW)
            .filter(**{self.comment_target_field: target})
            .select_related("author")
        )
        page = self.paginate_queryset(comments)
        return self.get_paginated_response(CommentSerializer(page, many=True).data)
