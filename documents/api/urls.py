"""Routes of the documents app's API (mounted under /api/v1/ by zvp_portal/api_urls.py)."""

from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter()
router.register("documents", views.DocumentViewSet, basename="document")
router.register("annual-reports", views.AnnualReportViewSet, basename="annualreport")

urlpatterns = router.urls
