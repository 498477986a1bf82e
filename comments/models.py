"""Council comments on a plan's priorities and indicators, resolved by the zone's advisors."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.base import user_fk
from plans.models import Plan, PlanContentQuerySet


class CommentQuerySet(PlanContentQuerySet):
    """Council comments are internal: for the zone's members only, in any status of the plan."""

    plan_path = "plan"
    protection_paths = ()
    editable_statuses = tuple(Plan.Status.values)

    def public_condition(self) -> Q:
        return Q(pk__in=[])


class Comment(models.Model):
    """A council member's comment on a priority or an indicator, resolved by an advisor."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="comments", verbose_name=_("plan"))
    priority = models.ForeignKey(
        "priorities.Priority", on_delete=models.CASCADE, null=True, blank=True, related_name="comments",
        verbose_name=_("priority"),
    )  # fmt: skip
    indicator = models.ForeignKey(
        "stats.Indicator", on_delete=models.CASCADE, null=True, blank=True, related_name="comments",
        verbose_name=_("indicator"),
    )  # fmt: skip
    author = user_fk("+", _("author"))
    body = models.TextField(_("comment"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    resolved_by = user_fk("+", _("resolved by"))

    objects = CommentQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["plan", "-created_at", "-id"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        constraints = [
            models.CheckConstraint(
                condition=Q(priority__isnull=False, indicator__isnull=True)
                | Q(priority__isnull=True, indicator__isnull=False),
                name="comment_on_one_priority_or_indicator",
                violation_error_message=_("A comment is about one priority or one indicator."),
            ),
        ]

    def __str__(self):
        return f"{self.target}: {self.body[:60]}"

    @property
    def target(self):
        return self.priority if self.priority_id else self.indicator

    @property
    def is_resolved(self) -> bool:
        return self.resolved_at is not None
