"""Errors under /api/v1/ answer JSON, like everything else the API says (zvp_portal/urls.py names these handlers).

DRF answers its own 404, 405 and 400 in JSON; an address under /api/v1/ that no route matches, and an error
no view handled (500), reach Django's handlers instead, which answer HTML pages. These answer
``{"detail": ...}`` for the API and leave every other address to Django's defaults.
"""

from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views import defaults

API_PREFIX = "/api/"


def is_api(request) -> bool:
    return request.path.startswith(API_PREFIX)


def page_not_found(request, exception=None, template_name=defaults.ERROR_404_TEMPLATE_NAME):
    if is_api(request):
        return JsonResponse({"detail": _("Not found.")}, status=404)
    return defaults.page_not_found(request, exception, template_name)


def server_error(request, template_name=defaults.ERROR_500_TEMPLATE_NAME):
    if is_api(request):
        return JsonResponse({"detail": _("Server error; it has been logged. Try again later.")}, status=500)
    return defaults.server_error(request, template_name)


def bad_request(request, exception=None, template_name=defaults.ERROR_400_TEMPLATE_NAME):
    if is_api(request):
        return JsonResponse({"detail": _("Bad request.")}, status=400)
    return defaults.bad_request(request, exception, template_name)
