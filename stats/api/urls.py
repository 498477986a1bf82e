"""Routes of the stats app's API (mounted under /api/v1/ by zvp_portal/api_urls.py)."""

from rest_framework.routers import SimpleRouter

from . import plan_views, views

router = SimpleRouter()
router.register("indicators", views.IndicatorViewSet, basename="indicator")
router.register("indicator-targets", views.IndicatorTargetViewSet, basename="indicatortarget")
router.register("indicator-values", views.IndicatorValueViewSet, basename="indicatorvalue")
router.register("crime-categories", views.CrimeCategoryViewSet, basename="crimecategory")
router.register("series", views.StatSeriesViewSet, basename="statseries")
router.register("series-points", views.StatPointViewSet, basename="statpoint")
router.register("survey-responses", views.SurveyResponseViewSet, basename="surveyresponse")
router.register("staff-tables", views.StaffTableViewSet, basename="stafftable")
router.register("staff-lines", views.StaffLineViewSet, basename="staffline")
router.register("financial-lines", views.FinancialLineViewSet, basename="financialline")
router.register("key-figures", views.KeyFigureViewSet, basename="keyfigure")
# Steps on a plan (the plans app serves the plan itself under the same prefix and basename).
router.register("plans", plan_views.PlanFollowUpViewSet, basename="plan")

urlpatterns = router.urls
