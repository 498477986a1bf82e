"""Serializers of the comments' API."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from comments.models import Comment
from core.api_fields import StrictSerializer


class CommentSerializer(serializers.ModelSerializer):
    author_name = serializers.SerializerMethodField()
    is_resolved = serializers.BooleanField(read_only=True)

    class Meta:
        model = Comment
        fields = ["id", "plan", "priority", "indicator", "author_name", "body", "created_at", "resolved_at",
                  "is_resolved"]  # fmt: skip
        read_only_fields = fields

    def get_author_name(self, comment) -> str:
        if comment.author is None:
            return ""
        return comment.author.get_full_name() or comment.author.get_username()


class CommentCreateSerializer(StrictSerializer):
    body = serializers.CharField(help_text=_("The comment."), max_length=10000)
