"""Routes of the imports API (mounted under /api/v1/ by zvp_portal/api_urls.py)."""

from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter()
router.register("imports", views.ImportJobViewSet, basename="importjob")

urlpatterns = router.urls
