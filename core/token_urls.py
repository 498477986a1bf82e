"""Personal API tokens, at /account/tokens/ (see zvp_portal/tokens.py)."""

from django.urls import path

from core import tokens

app_name = "tokens"

urlpatterns = [
    path("", tokens.TokenListView.as_view(), name="list"),
    path("create/", tokens.TokenCreateView.as_view(), name="create"),
    path("<str:token_key>/revoke/", tokens.TokenRevokeView.as_view(), name="revoke"),
]
