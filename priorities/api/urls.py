"""Routes of the priorities app's API (mounted under /api/v1/ by zvp_portal/api_urls.py)."""

from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter()
router.register("domains", views.DomainViewSet, basename="domain")
router.register("themes", views.ThemeViewSet, basename="theme")
router.register("priorities", views.PriorityViewSet, basename="priority")

urlpatterns = router.urls
