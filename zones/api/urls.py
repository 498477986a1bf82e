"""Routes of the zones app's API (mounted under /api/v1/ by zvp_portal/api_urls.py)."""

from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter()
router.register("zones", views.PoliceZoneViewSet, basename="zone")
router.register("municipalities", views.MunicipalityViewSet, basename="municipality")
router.register("sub-municipalities", views.SubMunicipalityViewSet, basename="sub-municipality")

urlpatterns = router.urls
