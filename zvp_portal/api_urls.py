"""The REST API, version 1: every app's router, the OpenAPI schema and its browsable docs.

The names live in the "api" namespace: reverse("api:plan-detail", args=[plan.pk]).
"""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from actionplans.api.urls import router as actionplans_router
from comments.api.urls import router as comments_router
from dashboards.api.urls import router as dashboards_router
from documents.api.urls import router as documents_router
from imports.api.urls import router as imports_router
from plans.api.urls import router as plans_router
from priorities.api.urls import router as priorities_router
from stats.api.urls import router as stats_router
from zones.api.urls import router as zones_router

app_name = "api"

# One router over the apps' routers, for one browsable root listing every endpoint.
router = DefaultRouter()
for app_router in (
    zones_router,
    plans_router,
    priorities_router,
    actionplans_router,
    stats_router,
    comments_router,
    dashboards_router,
    documents_router,
    imports_router,
):
    router.registry.extend(app_router.registry)

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    path("redoc/", SpectacularRedocView.as_view(url_name="api:schema"), name="redoc"),
    *router.urls,
]
