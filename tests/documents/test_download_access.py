"""Generated files are reached only through the download view (access checked), by session or API token."""

import pytest
from django.conf import settings
from django.test import override_settings
from django.urls import Resolver404, resolve, reverse
from knox.models import AuthToken

from core.base import Protection
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def internal(full_plan):
    return f.DocumentFactory(plan=full_plan.plan, protection=Protection.RESTRICTED)


def test_no_route_serves_the_media_folder(internal):
    """With the embedded defaults (DEBUG on) /media/ used to serve every file, internal PDFs included."""
    for path in (f"/{settings.MEDIA_URL}{internal.file.name}", "/media/imports/1/upload.csv", "/media/"):
        with pytest.raises(Resolver404):
            resolve(path)


@override_settings(DEBUG=True)
def test_media_is_not_served_in_debug_either(client, internal):
    assert client.get(f"/{settings.MEDIA_URL}{internal.file.name}").status_code == 404


def test_an_internal_pdf_downloads_with_a_token_of_a_zone_member(client, full_plan, internal, django_user_model):
    url = reverse("documents:download", args=[internal.pk, internal.file_name()])
    _, key = AuthToken.objects.create(user=full_plan.users.council)
    response = client.get(url, HTTP_AUTHORIZATION=f"Token {key}")
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert response["Cache-Control"].startswith("private") and "Authorization" in response["Vary"]

    assert client.get(url).status_code == 404, "anonymous"
    outsider = f.UserFactory()
    _, outsider_key = AuthToken.objects.create(user=outsider)
    assert client.get(url, HTTP_AUTHORIZATION=f"Token {outsider_key}").status_code == 404
    wrong = client.get(url, HTTP_AUTHORIZATION="Token not-a-real-token")
    assert wrong.status_code == 401 and wrong["WWW-Authenticate"] == "Token"


def test_the_api_download_url_works_for_its_token(client, full_plan, internal):
    _, key = AuthToken.objects.create(user=full_plan.users.advisor)
    detail = client.get(reverse("api:document-detail", args=[internal.pk]), HTTP_AUTHORIZATION=f"Token {key}")
    assert detail.status_code == 200
    download = client.get(detail.json()["download_url"], HTTP_AUTHORIZATION=f"Token {key}")
    assert download.status_code == 200
