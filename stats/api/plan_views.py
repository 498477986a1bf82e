"""Steps of the stats app on a plan: its year's measured values in bulk, their approval, the financial plan's
totals of like lines."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from core.access import VIEW
from core.api import RowActionsViewSet
from core.api_fields import StrictSerializer, refuse_body
from plans.models import Plan
from stats.api.serializers import FinancialTotalSerializer
from stats.finance import financial_totals
from stats.models import FinancialLine
from stats.services import approve_year, record_values


class BulkValueSerializer(StrictSerializer):
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


class PlanFollowUpViewSet(RowActionsViewSet):
    """A plan's yearly follow-up: measured values in bulk, their approval by the council, financial totals.

    Served under /plans/{id}/ beside the plans app's own routes (core.api.RowActionsViewSet).
    """

    queryset = Plan.objects.all()

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
        refuse_body(request)
        approved = approve_year(plan, int(year), request.user)
        return Response({"approved": approved})

    @extend_schema(
        description="Totals of like lines of the plan's multi-year financial plan: per year, kind (budget, "
        "forecast = estimate, prognosis, actual) and category, the sum of the lines (e.g. the municipal dotations "
        "of 2024's budget), each marked computed. Never income and expense together, and no balance: the plan "
        "states none. Only the lines you may see count; the lines themselves are at /financial-lines/. For "
        "whoever may see the plan (404 otherwise).",
        responses={200: FinancialTotalSerializer(many=True)},
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
        return Response(FinancialTotalSerializer(financial_totals(plan, lines), many=True).data)
