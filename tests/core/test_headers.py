"""Content-Security-Policy and Permissions-Policy on every answer; no inline script anywhere in the templates."""

import re
from pathlib import Path

import pytest
from django.urls import reverse

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


def _directives(response) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}


@pytest.mark.parametrize("name", ["home", "public:search", "login", "password_reset", "api:api-root"])
def test_pages_and_the_api_carry_the_policies(client, db, name):
    response = client.get(reverse(name))
    assert response.status_code == 200
    csp = _directives(response)
    assert csp["script-src"] == ["'self'"], "no inline script, no eval, no other origin"
    assert "'unsafe-inline'" not in csp["default-src"]
    assert csp["object-src"] == ["'none'"] and csp["frame-ancestors"] == ["'none'"]
    permissions = response["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()"):
        assert feature in permissions


def test_a_cached_public_page_carries_them_too(client, full_plan):
    url = reverse("public:zone", args=[full_plan.zone.slug])
    client.get(url)
    cached = client.get(url)
    assert cached["X-Public-Cache"] == "hit"
    assert "script-src 'self'" in cached["Content-Security-Policy"]


def test_templates_have_no_inline_script_or_event_handler():
    handler = re.compile(r"<[a-zA-Z][^>]*\son[a-z]+\s*=", re.S)
    inline_script = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/(ld\+)?json\")[^>]*>", re.S)
    offenders = []
    for template in TEMPLATES.rglob("*.html"):
        text = template.read_text()
        if handler.search(text) or inline_script.search(text):
            offenders.append(str(template.relative_to(TEMPLATES)))
    assert not offenders


def test_the_api_docs_load_their_script_from_a_file(client, db):
    page = client.get(reverse("api:docs")).content.decode()
    assert "<script>" not in page
    script = re.search(r'<script src="([^"]+\?script=)"', page)
    assert script, page
    assert client.get(script.group(1)).status_code == 200
