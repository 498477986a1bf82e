"""Personal API tokens: created and revoked in the browser, then used by a program against the API."""

import pytest
from django.urls import reverse
from knox.models import AuthToken
from rest_framework.test import APIClient

from tests import factories as f

pytestmark = pytest.mark.django_db


def create_token_in_browser(client, user):
    client.force_login(user)
    response = client.post(reverse("tokens:create"))
    assert response.status_code == 201
    assert response["Cache-Control"] == "no-store"
    key = response.context["new_key"]
    assert key in response.content.decode()
    return key


def token_client(key):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def test_token_page_needs_a_login(client):
    response = client.get(reverse("tokens:list"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert client.post(reverse("tokens:create")).status_code == 302
    assert not AuthToken.objects.exists()


def test_created_token_is_shown_once_then_listed_by_its_start_only(client, advisor):
    key = create_token_in_browser(client, advisor)
    token = AuthToken.objects.get(user=advisor)
    assert token.expiry is not None  # TOKEN_TTL: a year
    page = client.get(reverse("tokens:list")).content.decode()
    assert key not in page
    assert token.token_key[:8] in page
    assert 'data-confirm="' in page  # revoking asks once more


def test_token_user_reads_and_writes_their_zones_draft_plan(client, advisor, draft_plan):
    chapter = f.ChapterFactory(plan=draft_plan, title="Zonebeeld")
    api = token_client(create_token_in_browser(client, advisor))

    detail = api.get(f"/api/v1/plans/{draft_plan.pk}/")
    assert detail.status_code == 200
    assert [c["title"] for c in detail.json()["chapters"]] == ["Zonebeeld"]

    changed = api.patch(
        f"/api/v1/chapters/{chapter.pk}/", {"title": "Profiel"}, format="json", HTTP_IF_MATCH=f'"{chapter.revision}"'
    )
    assert changed.status_code == 200, changed.content
    assert changed.json()["title"] == "Profiel"
    assert changed["ETag"] == f'"{chapter.revision + 1}"'

    created = api.post(
        "/api/v1/priorities/", {"plan": draft_plan.pk, "number": 1, "short_title": "Verkeer"}, format="json"
    )
    assert created.status_code == 201, created.content

    submitted = api.post(f"/api/v1/plans/{draft_plan.pk}/submit/")
    assert submitted.json()["status"] == "in_review"


def test_token_user_enters_a_years_values(client, advisor, draft_plan):
    indicator = f.IndicatorFactory(plan=draft_plan)
    api = token_client(create_token_in_browser(client, advisor))
    response = api.post(
        f"/api/v1/plans/{draft_plan.pk}/values/2021/", [{"indicator": indicator.pk, "value": "3"}], format="json"
    )
    assert response.status_code == 200, response.content
    assert response.json() == {"created": 1, "changed": 0, "removed": 0}


def test_token_of_another_zone_sees_no_draft(client, advisor_b, draft_plan):
    api = token_client(create_token_in_browser(client, advisor_b))
    assert api.get(f"/api/v1/plans/{draft_plan.pk}/").status_code == 404
    assert api.get("/api/v1/plans/").json()["count"] == 0


def test_revoked_token_no_longer_works(client, advisor, draft_plan):
    key = create_token_in_browser(client, advisor)
    token = AuthToken.objects.get(user=advisor)
    api = token_client(key)
    assert api.get(f"/api/v1/plans/{draft_plan.pk}/").status_code == 200

    confirm = client.get(reverse("tokens:revoke", args=[token.token_key]))
    assert confirm.status_code == 200 and confirm.context["confirm"] == token
    response = client.post(reverse("tokens:revoke", args=[token.token_key]))
    assert response.status_code == 302
    assert not AuthToken.objects.exists()
    assert api.get(f"/api/v1/plans/{draft_plan.pk}/").status_code == 401


def test_nobody_revokes_someone_elses_token(client, advisor, chief):
    create_token_in_browser(client, advisor)
    token = AuthToken.objects.get(user=advisor)
    client.force_login(chief)
    assert client.post(reverse("tokens:revoke", args=[token.token_key])).status_code == 404
    assert AuthToken.objects.filter(user=advisor).exists()


def test_bad_token_is_refused_with_401(draft_plan):
    response = token_client("not-a-token").get("/api/v1/plans/")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"


def test_anonymous_write_gets_401_asking_for_a_token(draft_plan):
    response = APIClient().post("/api/v1/chapters/", {"plan": draft_plan.pk, "title": "x"}, format="json")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"


def test_session_user_writes_with_csrf_protection(advisor, draft_plan):
    """The browser's session works too, and a session write needs the CSRF token, as in the forms."""
    api = APIClient(enforce_csrf_checks=True)
    api.force_login(advisor)
    assert api.get(f"/api/v1/plans/{draft_plan.pk}/").status_code == 200
    refused = api.post("/api/v1/chapters/", {"plan": draft_plan.pk, "title": "x"}, format="json")
    assert refused.status_code == 403
    assert "CSRF" in refused.json()["detail"]
