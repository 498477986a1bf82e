"""The comments' API: council comments on priorities and indicators."""

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.response import Response

from comments.api.serializers import CommentCreateSerializer, CommentSerializer
from comments.filtersets import CommentFilterSet
from comments.models import Comment
from comments.services import add_comment, resolve_comment
from core.access import VIEW
from core.api import ReadOnlyRestrictedViewSet, RowActionsViewSet
from core.api_fields import refuse_body
from priorities.models import Priority
from stats.models import Indicator


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
        refuse_body(request)
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


class PriorityCommentsViewSet(CommentsActionMixin, RowActionsViewSet):
    """/priorities/{id}/comments/ beside the priorities app's own routes."""

    queryset = Priority.objects.all()
    comment_target_field = "priority"


class IndicatorCommentsViewSet(CommentsActionMixin, RowActionsViewSet):
    """/indicators/{id}/comments/ beside the stats app's own routes."""

    queryset = Indicator.objects.all()
    comment_target_field = "indicator"
