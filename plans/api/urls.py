"""Routes of the plans app's API (mounted under /api/v1/ by zvp_portal/api_urls.py)."""

from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter()
router.register("frameworks", views.FrameworkViewSet, basename="framework")
router.register("plans", views.PlanViewSet, basename="plan")
router.register("chapters", views.ChapterViewSet, basename="chapter")
router.register("plan-values", views.PlanValueViewSet, basename="planvalue")
router.register("stakeholder-expectations", views.StakeholderExpectationViewSet, basename="stakeholderexpectation")
router.register("signatories", views.SignatoryViewSet, basename="signatory")

urlpatterns = router.urls
