"""Screens of the editor: the workspace of a zone's users and the plan editor, one module per topic.

Every view asks core.access which rows the user may see (``restrict(user,
"view")``: anything else is a 404) and which they may change (``"change"``:
anything else is a 403); writes go through the services and core.locking.
"""

from editor.views.base import EditorView
from editor.views.comments import CommentCreateView, CommentResolveView
from editor.views.plan import (
    PlanCompareView,
    PlanDetailView,
    PlanEditView,
    PlanHistoryView,
    PlanMinisterialApprovalView,
    PlanNewVersionView,
    PlanTransitionView,
)
from editor.views.priorities import ActionPlanDetailView, PriorityDetailView, PriorityMoveView
from editor.views.sections import (
    SectionCreateView,
    SectionDeleteView,
    SectionFormView,
    SectionHistoryView,
    SectionListView,
    SectionMixin,
    SectionUpdateView,
)
from editor.views.values import ValuesGridView
from editor.views.workspace import WorkspaceView
from editor.views.zones import ZoneEditView, ZoneHistoryView

__all__ = [
    "ActionPlanDetailView",
    "CommentCreateView",
    "CommentResolveView",
    "EditorView",
    "PlanCompareView",
    "PlanDetailView",
    "PlanEditView",
    "PlanHistoryView",
    "PlanMinisterialApprovalView",
    "PlanNewVersionView",
    "PlanTransitionView",
    "PriorityDetailView",
    "PriorityMoveView",
    "SectionCreateView",
    "SectionDeleteView",
    "SectionFormView",
    "SectionHistoryView",
    "SectionListView",
    "SectionMixin",
    "SectionUpdateView",
    "ValuesGridView",
    "WorkspaceView",
    "ZoneEditView",
    "ZoneHistoryView",
]
