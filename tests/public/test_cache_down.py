"""With the cache unreachable (Redis down), pages and writes work, uncached, with a warning in the log."""

import logging

import pytest
from django.core.cache import caches
from django.test import override_settings
from django.urls import reverse

from public import cache as public_cache
from tests.core.test_health import REDIS_CACHE_DOWN
from tests.public.documents import make_document


@pytest.fixture
def cache_down():
    """The cache points at a closed port until this fixture ends (before the autouse cache clearing)."""
    with override_settings(CACHES=REDIS_CACHE_DOWN):
        public_cache.reset_availability()
        yield
    public_cache.reset_availability()


def test_public_pages_answer_uncached(client, world, cache_down, caplog):
    caplog.set_level(logging.WARNING, logger="public.cache")
    urls = [
        reverse("home"),
        reverse("public:zone", args=[world.zone.slug]),
        reverse("public:plan", args=[world.plan.pk]),
        reverse("public:priority", args=[world.plan.pk, world.priority.pk]),
        reverse("public:search") + "?q=fiets",
        reverse("public:sitemap"),
    ]
    for url in urls:
        for _ in range(2):
            response = client.get(url)
            assert response.status_code == 200, url
            assert "X-Public-Cache" not in response
    assert "public cache unavailable" in caplog.text


def test_writes_still_work(world, cache_down, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        world.full.chapter.title = "Nieuw"
        world.full.chapter.save()
        make_document(world.plan)
        world.zone.save()
    assert public_cache.invalidate() == 0


def test_a_document_request_works(client, world, cache_down, django_capture_on_commit_callbacks, monkeypatch):
    from documents import tasks

    monkeypatch.setattr(tasks.generate_document, "apply_async", lambda *a, **k: type("R", (), {"id": ""})())
    client.force_login(world.full.users.advisor)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("documents:request", args=[world.plan.pk]), {"kind": "plan", "protection": "public"}
        )
    assert response.status_code == 302


def test_a_lost_invalidation_is_made_up_when_the_cache_returns(client, world):
    url = reverse("public:zone", args=[world.zone.slug])
    client.get(url)
    assert client.get(url)["X-Public-Cache"] == "hit"
    backend = caches["default"]

    def failing(*args, **kwargs):
        raise ConnectionError("redis down")

    backend.set = failing
    try:
        assert public_cache.invalidate() == 0
    finally:
        del backend.set
    public_cache._unavailable_until = 0.0  # the retry delay has passed
    assert client.get(url)["X-Public-Cache"] == "miss"
