"""Routes of the comments app's API (mounted under /api/v1/ by zvp_portal/api_urls.py)."""

from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter()
router.register("comments", views.CommentViewSet, basename="comment")
# Comments on a priority or an indicator, under the routes of the apps that serve those rows.
router.register("priorities", views.PriorityCommentsViewSet, basename="priority")
router.register("indicators", views.IndicatorCommentsViewSet, basename="indicator")

urlpatterns = router.urls
