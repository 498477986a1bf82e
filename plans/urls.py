from django.urls import path

from . import views

app_name = "plans"

urlpatterns = [
    path("", views.WorkspaceView.as_view(), name="workspace"),
]
