"""Admin of council comments."""

from django.contrib import admin

from comments.models import Comment
from core.admin import AccessRuleAdmin


@admin.register(Comment)
class CommentAdmin(AccessRuleAdmin):
    list_display = ("__str__", "plan", "author", "created_at", "resolved_at")
    list_filter = ("plan__zone", "resolved_at")
    search_fields = ("body",)
    list_select_related = ("plan__zone", "priority", "indicator", "author")
    raw_id_fields = ("priority", "indicator", "author", "resolved_by")
