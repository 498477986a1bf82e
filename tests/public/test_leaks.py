"""Nothing unpublished or non-public reaches the public portal: not in pages, search, downloads, sitemap or feed.

Checked anonymously, for a signed-in user of another zone, for a signed-in user of no zone, and even for the
zone's own advisor: the public portal shows everyone the citizen's view.
"""

import pytest
from django.urls import reverse

MARKERS = ("GEHEIMONTWERP", "ONGEPUBLICEERD", "VERTROUWELIJK", "777,77", "777.77", "ONTWERP van zone B")


def _client(client, who, world):
    users = {
        "anonymous": None,
        "outsider": world.outsider,
        "other zone": world.advisor_b,
        "own zone": world.full.users.advisor,
    }
    user = users[who]
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def leak_world(world, outsider, advisor_b):
    world.outsider = outsider
    world.advisor_b = advisor_b
    return world


def _public_urls(world):
    return [
        reverse("home"),
        reverse("public:zone", args=[world.zone.slug]),
        reverse("public:plan", args=[world.plan.pk]),
        reverse("public:priority", args=[world.plan.pk, world.priority.pk]),
        reverse("public:search") + "?q=fietsdiefstallen",
        reverse("public:search") + "?q=vertrouwelijk",
        reverse("public:search") + "?q=geheimontwerp",
        reverse("public:search") + "?q=ongepubliceerd",
        reverse("public:search") + "?q=777",
        reverse("public:zone-feed", args=[world.zone.slug]),
        reverse("public:sitemap"),
    ]


WHO = ["anonymous", "outsider", "other zone", "own zone"]


@pytest.mark.parametrize("who", WHO)
def test_no_page_shows_unpublished_or_restricted_content(client, leak_world, who):
    client = _client(client, who, leak_world)
    for url in _public_urls(leak_world):
        response = client.get(url)
        assert response.status_code == 200, url
        content = response.content.decode()
        for marker in MARKERS:
            assert marker not in content, f"{marker!r} leaks on {url} ({who})"


@pytest.mark.parametrize("who", WHO)
def test_unpublished_and_restricted_pages_are_not_found(client, leak_world, who):
    client = _client(client, who, leak_world)
    world = leak_world
    for url in (
        reverse("public:plan", args=[world.draft.pk]),
        reverse("public:plan", args=[world.revision.pk]),
        reverse("public:plan", args=[world.other_zone_plan.pk]),
        reverse("public:priority", args=[world.draft.pk, world.draft_priority.pk]),
        reverse("public:priority", args=[world.plan.pk, world.restricted_priority.pk]),
        # A public priority reached through another plan's address.
        reverse("public:priority", args=[world.draft.pk, world.priority.pk]),
    ):
        assert client.get(url).status_code == 404, url


@pytest.mark.parametrize("who", WHO)
def test_only_public_editions_are_offered_for_download(client, leak_world, who):
    client = _client(client, who, leak_world)
    world = leak_world
    pages = [
        client.get(reverse("public:zone", args=[world.zone.slug])).content.decode(),
        client.get(reverse("public:plan", args=[world.plan.pk])).content.decode(),
        client.get(reverse("public:zone-feed", args=[world.zone.slug])).content.decode(),
    ]
    for hidden in (world.internal_document, world.draft_document, world.failed_document):
        link = reverse("documents:download", args=[hidden.pk, hidden.file_name()])
        assert not any(link in page for page in pages), f"{hidden} is offered"
    public_link = reverse("documents:download", args=[world.public_document.pk, world.public_document.file_name()])
    assert all(public_link in page for page in pages)


def test_restricted_and_unpublished_documents_cannot_be_downloaded_anonymously(client, world):
    for hidden in (world.internal_document, world.draft_document, world.failed_document):
        url = reverse("documents:download", args=[hidden.pk, hidden.file_name()])
        assert client.get(url).status_code == 404
    public = world.public_document
    response = client.get(reverse("documents:download", args=[public.pk, public.file_name()]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"


def test_unapproved_value_is_not_in_the_indicator_table(client, world):
    """The 2022 row shows the target but no measured value and no status drawn from the unapproved value."""
    response = client.get(reverse("public:priority", args=[world.plan.pk, world.priority.pk]))
    rows = {row.year: row for row in response.context["indicators"][0]["rows"]}
    assert rows[2021].value == 95
    assert rows[2022].value is None
    assert rows[2022].status == "no_data"
    assert [item["indicator"] for item in response.context["indicators"]] == [world.indicator]


def test_a_logged_in_member_sees_the_citizen_view_of_their_own_zone(client, world):
    client.force_login(world.full.users.advisor)
    response = client.get(reverse("public:plan", args=[world.plan.pk]))
    assert "VERTROUWELIJK" not in response.content.decode()
    assert client.get(reverse("public:plan", args=[world.draft.pk])).status_code == 404


def test_archived_plans_stay_public_history(client, world):
    world.plan.status = "archived"
    world.plan.save()
    response = client.get(reverse("public:plan", args=[world.plan.pk]), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert "This version has been replaced" in response.content.decode()
