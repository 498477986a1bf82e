"""Routes of the actionplans app's API (mounted under /api/v1/ by zvp_portal/api_urls.py)."""

from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter()
router.register("action-plans", views.ActionPlanViewSet, basename="actionplan")
router.register("objectives", views.ObjectiveViewSet, basename="objective")
router.register("actions", views.ActionViewSet, basename="action")
router.register("milestones", views.MilestoneViewSet, basename="milestone")

urlpatterns = router.urls
