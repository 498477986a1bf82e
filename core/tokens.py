"""Personal API tokens: a signed-in user creates and revokes their own tokens in the browser.

A token is shown once, in the answer to the request that created it; the
database keeps only its digest (django-rest-knox). API calls send it as
``Authorization: Token <key>``.
"""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View
from knox.models import get_token_model
from knox.settings import knox_settings

TEMPLATE = "account/tokens.html"


def _tokens(user):
    return get_token_model().objects.filter(user=user).order_by("-created")


def _context(request, **extra):
    ttl = knox_settings.TOKEN_TTL
    return {"tokens": _tokens(request.user), "ttl_days": ttl.days if ttl else None, **extra}


class TokenListView(LoginRequiredMixin, View):
    """The user's tokens, and a button to create one."""

    def get(self, request):
        return render(request, TEMPLATE, _context(request))


class TokenCreateView(LoginRequiredMixin, View):
    """Creates a token and shows it, this once."""

    http_method_names = ["post"]

    def post(self, request):
        token, key = get_token_model().objects.create(user=request.user)
        response = render(request, TEMPLATE, _context(request, new_key=key, new_token=token), status=201)
        # The key is in this page only: no cache may keep it.
        response["Cache-Control"] = "no-store"
        return response


class TokenRevokeView(LoginRequiredMixin, View):
    """Revokes one of the user's tokens (GET asks for confirmation without JavaScript; POST revokes)."""

    def _token(self, request, token_key):
        return get_object_or_404(get_token_model(), user=request.user, token_key=token_key)

    def get(self, request, token_key):
        return render(request, TEMPLATE, _context(request, confirm=self._token(request, token_key)))

    def post(self, request, token_key):
        self._token(request, token_key).delete()
        messages.success(request, _("The token was revoked; programs using it no longer have access."))
        return redirect("tokens:list")
