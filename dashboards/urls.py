"""Routes of the dashboards app, mounted at /dashboard/ (Dutch paths, as in the editor)."""

from django.urls import path

from . import views

app_name = "dashboards"

urlpatterns = [
    path("", views.DashboardIndexView.as_view(), name="index"),
    path("plannen/<int:pk>/", views.PlanDashboardView.as_view(), name="plan"),
    path("plannen/<int:pk>/export.<slug:fmt>", views.PlanExportView.as_view(), name="plan-export"),
    path("plannen/<int:pk>/statistieken/", views.StatisticsView.as_view(), name="statistics"),
    path("prioriteiten/<int:pk>/", views.PriorityDashboardView.as_view(), name="priority"),
    path("vergelijken/", views.ComparisonView.as_view(), name="compare"),
]
