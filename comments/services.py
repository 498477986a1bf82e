"""Council comments: added by the council, resolved by the advisors."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.access import may_comment, may_resolve_comment


def add_comment(target, body: str, user):
    """A council member (or the korpschef) comments on a priority or an indicator."""
    from .models import Comment

    plan = target.plan
    if not may_comment(user, plan.zone_id):
        raise PermissionDenied(_("Only council members and the korpschef comment."))
    if not body.strip():
        raise ValidationError({"body": _("Write a comment.")})
    field = "priority" if target._meta.model_name == "priority" else "indicator"
    return Comment.objects.create(plan=plan, author=user, body=body.strip(), **{field: target})


@transaction.atomic
def resolve_comment(comment, user):
    """An advisor (or the korpschef) marks a comment as dealt with."""
    if not may_resolve_comment(user, comment.plan.zone_id):
        raise PermissionDenied(_("Only the zone's advisors and korpschef resolve comments."))
    if comment.resolved_at is None:
        comment.resolved_at, comment.resolved_by = timezone.now(), user
        comment.save(update_fields=["resolved_at", "resolved_by"])
    return comment
