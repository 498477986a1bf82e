"""Routes of the public app, in Dutch (mounted at the site's root, after every other app)."""

from django.contrib.sitemaps.views import sitemap
from django.urls import path

from . import views
from .cache import public_page
from .feeds import ZoneFeed
from .sitemaps import SITEMAPS

app_name = "public"

urlpatterns = [
    path("zoeken/", views.SearchView.as_view(), name="search"),
    path("taal/", views.LanguageView.as_view(), name="language"),
    path("zones/<slug:slug>/", views.ZoneView.as_view(), name="zone"),
    path("zones/<slug:slug>/feed/", public_page(ZoneFeed()), name="zone-feed"),
    path("plannen/<int:pk>/", views.PlanView.as_view(), name="plan"),
    path("plannen/<int:plan_pk>/prioriteiten/<int:pk>/", views.PriorityView.as_view(), name="priority"),
    path("sitemap.xml", public_page(sitemap), {"sitemaps": SITEMAPS}, name="sitemap"),
]
