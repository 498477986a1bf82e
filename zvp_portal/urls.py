from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from core.auth_views import RateLimitedPasswordResetView
from public import views as public_views

admin.site.site_header = _("ZVP portal")
admin.site.site_title = _("ZVP portal")
admin.site.index_title = _("Administration")

urlpatterns = [
    path("", public_views.HomeView.as_view(), name="home"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/password_reset/", RateLimitedPasswordResetView.as_view(), name="password_reset"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("account/tokens/", include("core.token_urls")),
    path("api/v1/", include("zvp_portal.api_urls")),
    path("documenten/", include("documents.urls")),
    path("beheer/import/", include("imports.urls")),
    path("dashboard/", include("dashboards.urls")),
    path("beheer/", include("editor.urls")),
    path("admin/", admin.site.urls),
    path("", include("public.urls")),
]

# No route serves MEDIA_ROOT, in any mode: generated documents are downloaded through documents:download (which
# checks access) and uploaded import files are never served.

# Under /api/v1/ an unknown address or an unhandled error answers JSON; elsewhere Django's pages (core/api_errors.py).
handler400 = "core.api_errors.bad_request"
handler404 = "core.api_errors.page_not_found"
handler500 = "core.api_errors.server_error"
