"""Cached public pages: served from the cache to anonymous visitors, invalidated on publication and on new
documents, with HTTP caching headers."""

import pytest
from django.urls import reverse
from django.utils import timezone

from documents.models import Document
from plans.models import Plan
from plans.services import transition_plan
from public import cache as public_cache
from tests import factories as f
from tests.public.documents import make_document


def test_anonymous_pages_come_from_the_cache_until_something_is_published(client, world):
    url = reverse("public:zone", args=[world.zone.slug])
    assert client.get(url)["X-Public-Cache"] == "miss"
    assert client.get(url)["X-Public-Cache"] == "hit"
    world.plan.foreword = "changed behind the cache's back"
    Plan.objects.filter(pk=world.plan.pk).update(foreword="changed behind the cache's back")
    assert client.get(url)["X-Public-Cache"] == "hit"
    public_cache.invalidate()
    assert client.get(url)["X-Public-Cache"] == "miss"


def test_publishing_a_plan_invalidates_the_cache(client, world, django_capture_on_commit_callbacks):
    """The zone page lists a plan as soon as the council member publishes it."""
    council = world.full.users.council
    chief = world.full.users.chief
    addendum = f.PlanFactory(
        zone=world.zone, title="Addendum 2024", kind=Plan.Kind.ADDENDUM, extends=world.plan, status="in_review"
    )
    url = reverse("public:zone", args=[world.zone.slug])
    assert "Addendum 2024" not in client.get(url).content.decode()
    assert client.get(url)["X-Public-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):  # the invalidation waits for the commit
        transition_plan(addendum, Plan.Status.APPROVED, council)
    assert client.get(url)["X-Public-Cache"] == "hit"  # approving is not publishing: nothing to invalidate
    with django_capture_on_commit_callbacks(execute=True):
        transition_plan(addendum, Plan.Status.PUBLISHED, chief)
    response = client.get(url)
    assert response["X-Public-Cache"] == "miss"
    assert "Addendum 2024" in response.content.decode()


def test_a_draft_saved_does_not_invalidate(client, world, django_capture_on_commit_callbacks):
    url = reverse("home")
    client.get(url)
    world.draft.title = "GEHEIMONTWERP anders"
    with django_capture_on_commit_callbacks(execute=True):
        world.draft.save()
    assert client.get(url)["X-Public-Cache"] == "hit"


def test_a_finished_document_shows_even_when_the_job_finishes_with_update(client, world):
    """Job.succeed() writes with a queryset update(), which sends no signal: the documents stamp catches it."""
    url = reverse("public:zone", args=[world.zone.slug])
    queued = make_document(world.plan, kind=Document.Kind.ANNUAL_REPORT, year=2023, status="queued", finished_at=None)
    assert "2023" not in client.get(url).content.decode().split('id="downloads"')[1]
    assert client.get(url)["X-Public-Cache"] == "hit"
    queued.succeed(size=2_000_000, page_count=20)
    response = client.get(url)
    assert response["X-Public-Cache"] == "miss"
    assert reverse("documents:download", args=[queued.pk, queued.file_name()]) in response.content.decode()


def test_approving_values_invalidates(client, world, django_capture_on_commit_callbacks):
    url = reverse("public:priority", args=[world.plan.pk, world.priority.pk])
    client.get(url)
    world.unapproved.approved_at = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        world.unapproved.save()
    response = client.get(url)
    assert response["X-Public-Cache"] == "miss"
    assert "777,77" in response.content.decode()


def test_caching_headers_for_anonymous_visitors(client, world):
    url = reverse("public:plan", args=[world.plan.pk])
    response = client.get(url)
    cache_control = response["Cache-Control"]
    assert "public" in cache_control and "max-age=60" in cache_control
    vary = {part.strip().lower() for part in response["Vary"].split(",")}
    assert {"accept-language", "cookie"} <= vary
    assert response["ETag"] and response["Last-Modified"]
    assert "csrftoken" not in response.cookies, "a shared cached page must not set a CSRF cookie"
    again = client.get(url, HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304
    since = client.get(url, HTTP_IF_MODIFIED_SINCE=response["Last-Modified"])
    assert since.status_code == 304


def test_signed_in_users_get_fresh_private_pages(client, world):
    client.force_login(world.full.users.advisor)
    url = reverse("public:plan", args=[world.plan.pk])
    first = client.get(url)
    second = client.get(url)
    assert "X-Public-Cache" not in first and "X-Public-Cache" not in second
    assert "private" in first["Cache-Control"]


def test_each_language_has_its_own_cached_page(client, world):
    url = reverse("home")
    dutch = client.get(url, HTTP_ACCEPT_LANGUAGE="nl")
    english = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert english["X-Public-Cache"] == "miss"
    assert '<html lang="nl">' in dutch.content.decode()
    assert '<html lang="en">' in english.content.decode()
    assert client.get(url, HTTP_ACCEPT_LANGUAGE="en")["X-Public-Cache"] == "hit"


@pytest.mark.parametrize("status", [404])
def test_errors_are_not_cached(client, world, status):
    url = reverse("public:plan", args=[world.draft.pk])
    assert client.get(url).status_code == status
    assert "X-Public-Cache" not in client.get(url)
