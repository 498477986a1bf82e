"""Routes of the documents app (mounted at /documenten/)."""

from django.urls import path

from . import views

app_name = "documents"

urlpatterns = [
    path("plannen/<int:pk>/", views.PlanDocumentsView.as_view(), name="plan"),
    path("plannen/<int:pk>/genereren/", views.DocumentRequestView.as_view(), name="request"),
    path("plannen/<int:pk>/afdrukvoorbeeld/", views.DocumentPreviewView.as_view(), name="preview"),
    path("plannen/<int:pk>/jaarverslag/<int:year>/", views.AnnualReportEditView.as_view(), name="annual-report"),
    path("<int:pk>/voortgang/", views.DocumentProgressView.as_view(), name="progress"),
    path("<int:pk>/<str:filename>", views.DocumentDownloadView.as_view(), name="download"),
]
