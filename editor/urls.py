from django.urls import path

from editor import views

app_name = "editor"

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
    path("plannen/<int:pk>/nieuwe-versie/<slug:kind>/", views.PlanNewVersionView.as_view(), name="plan-new-version"),
    path("plannen/<int:pk>/vergelijken/", views.PlanCompareView.as_view(), name="plan-compare"),
    path("plannen/<int:pk>/geschiedenis/", views.PlanHistoryView.as_view(), name="plan-history"),
    path("plannen/<int:pk>/metingen/<int:year>/", views.ValuesGridView.as_view(), name="values"),
    path("plannen/<int:pk>/prioriteiten/<slug:action>/", views.PriorityMoveView.as_view(), name="priority-move"),
    path("prioriteiten/<int:pk>/", views.PriorityDetailView.as_view(), name="priority"),
    path("actieplannen/<int:pk>/", views.ActionPlanDetailView.as_view(), name="actionplan"),
    path("opmerkingen/<slug:kind>/<int:pk>/", views.CommentCreateView.as_view(), name="comment-add"),
    path("opmerkingen/<int:pk>/afgehandeld/", views.CommentResolveView.as_view(), name="comment-resolve"),
    path("<slug:section>/in/<int:parent_pk>/", views.SectionListView.as_view(), name="section-list"),
    path("<slug:section>/in/<int:parent_pk>/nieuw/", views.SectionCreateView.as_view(), name="section-add"),
    # "bewerken" keeps the editor apart from the overview pages of priorities and action plans above.
    path("<slug:section>/<int:pk>/bewerken/", views.SectionUpdateView.as_view(), name="section-edit"),
    path("<slug:section>/<int:pk>/verwijderen/", views.SectionDeleteView.as_view(), name="section-delete"),
    path("<slug:section>/<int:pk>/geschiedenis/", views.SectionHistoryView.as_view(), name="section-history"),
]
