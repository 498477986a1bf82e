"""The editor's URLs.

Every slug in a path is one of a fixed set, spelled out here (the sections of editor.sections, the two kinds of
new version, the moves of a priority, the two things a comment is about): anything else answers 404 at the
resolver, before a view runs. Each set is a path converter rather than one path per slug with the slug as a
default kwarg, because a default kwarg cannot be given positionally: ``reverse(name, args=[...])`` and
``{% url name a b %}``, which templates, views and tests use, would stop matching.
"""

import re

from django.urls import path, register_converter

from editor import views
from editor.sections import SECTIONS

app_name = "editor"

VERSION_KINDS = ("revisie", "addendum")  # editor.views.plan.PlanNewVersionView
PRIORITY_MOVES = ("omhoog", "omlaag", "hernummeren")  # editor.views.priorities.PriorityMoveView
COMMENT_KINDS = ("prioriteit", "indicator")  # editor.views.comments.CommentCreateView


def choice_converter(*choices: str) -> type:
    """A path converter that matches exactly one of *choices*."""
    return type(
        "ChoiceConverter",
        (),
        {
            "regex": "|".join(re.escape(choice) for choice in sorted(choices, key=len, reverse=True)),
            "to_python": staticmethod(str),
            "to_url": staticmethod(str),
        },
    )


register_converter(choice_converter(*SECTIONS), "editor_section")
register_converter(choice_converter(*VERSION_KINDS), "editor_version_kind")
register_converter(choice_converter(*PRIORITY_MOVES), "editor_priority_move")
register_converter(choice_converter(*COMMENT_KINDS), "editor_comment_kind")

urlpatterns = [
    path("", views.WorkspaceView.as_view(), name="workspace"),
    path("zones/<int:pk>/", views.ZoneEditView.as_view(), name="zone"),
    path("zones/<int:pk>/geschiedenis/", views.ZoneHistoryView.as_view(), name="zone-history"),
    path("plannen/<int:pk>/", views.PlanDetailView.as_view(), name="plan"),
    path("plannen/<int:pk>/bewerken/", views.PlanEditView.as_view(), name="plan-edit"),
    path("plannen/<int:pk>/status/", views.PlanTransitionView.as_view(), name="plan-transition"),
    path(
        "plannen/<int:pk>/ministeriele-goedkeuring/",
        views.PlanMinisterialApprovalView.as_view(),
        name="plan-ministerial-approval",
    ),
    path(
        "plannen/<int:pk>/nieuwe-versie/<editor_version_kind:kind>/",
        views.PlanNewVersionView.as_view(),
        name="plan-new-version",
    ),
    path("plannen/<int:pk>/vergelijken/", views.PlanCompareView.as_view(), name="plan-compare"),
    path("plannen/<int:pk>/geschiedenis/", views.PlanHistoryView.as_view(), name="plan-history"),
    path("plannen/<int:pk>/metingen/<int:year>/", views.ValuesGridView.as_view(), name="values"),
    path(
        "plannen/<int:pk>/prioriteiten/<editor_priority_move:action>/",
        views.PriorityMoveView.as_view(),
        name="priority-move",
    ),
    path("prioriteiten/<int:pk>/", views.PriorityDetailView.as_view(), name="priority"),
    path("actieplannen/<int:pk>/", views.ActionPlanDetailView.as_view(), name="actionplan"),
    path("opmerkingen/<editor_comment_kind:kind>/<int:pk>/", views.CommentCreateView.as_view(), name="comment-add"),
    path("opmerkingen/<int:pk>/afgehandeld/", views.CommentResolveView.as_view(), name="comment-resolve"),
    path("<editor_section:section>/in/<int:parent_pk>/", views.SectionListView.as_view(), name="section-list"),
    path("<editor_section:section>/in/<int:parent_pk>/nieuw/", views.SectionCreateView.as_view(), name="section-add"),
    # "bewerken" keeps the editor apart from the overview pages of priorities and action plans above.
    path("<editor_section:section>/<int:pk>/bewerken/", views.SectionUpdateView.as_view(), name="section-edit"),
    path("<editor_section:section>/<int:pk>/verwijderen/", views.SectionDeleteView.as_view(), name="section-delete"),
    path("<editor_section:section>/<int:pk>/geschiedenis/", views.SectionHistoryView.as_view(), name="section-history"),
]
