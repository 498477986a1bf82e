"""Routes of the dashboards' API (mounted under /api/v1/ by zvp_portal/api_urls.py)."""

from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter()
router.register("dashboard/plans", views.DashboardPlanViewSet, basename="dashboard-plan")
router.register("dashboard/priorities", views.DashboardPriorityViewSet, basename="dashboard-priority")
router.register("dashboard", views.DashboardCompareViewSet, basename="dashboard")

urlpatterns = router.urls
