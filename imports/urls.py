"""Routes of the imports app (mounted at /beheer/import/)."""

from django.urls import path

from . import views

app_name = "imports"

urlpatterns = [
    path("", views.ImportIndexView.as_view(), name="index"),
    path("nieuw/", views.UploadView.as_view(), name="upload"),
    path("sjablonen/", views.TemplatesView.as_view(), name="templates"),
    path("sjablonen/<slug:kind>.<slug:fmt>", views.TemplateDownloadView.as_view(), name="template"),
    path("<int:pk>/", views.JobView.as_view(), name="job"),
    path("<int:pk>/voortgang/", views.JobStatusView.as_view(), name="job-status"),
    path("<int:pk>/bevestigen/", views.ConfirmView.as_view(), name="confirm"),
    path("export/zone/<int:pk>/<slug:kind>.<slug:fmt>", views.ZoneExportView.as_view(), name="export-zone"),
    path("export/plan/<int:pk>/<slug:kind>.<slug:fmt>", views.PlanExportView.as_view(), name="export-plan"),
    path("zones/<int:pk>/kwaliteit/", views.QualityView.as_view(), name="quality"),
]
