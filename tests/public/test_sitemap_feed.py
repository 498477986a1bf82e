"""The sitemap and the zones' Atom feeds list public content only."""

import xml.etree.ElementTree as ET

from django.urls import reverse

SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
ATOM_NS = {"a": "http://www.w3.org/2005/Atom"}


def test_sitemap_lists_zones_public_plans_and_priorities(client, world):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    locations = {
        loc.text.removeprefix("http://testserver")
        for loc in ET.fromstring(response.content).findall("s:url/s:loc", SITEMAP_NS)
    }
    assert reverse("home") in locations
    assert reverse("public:zone", args=[world.zone.slug]) in locations
    assert reverse("public:plan", args=[world.plan.pk]) in locations
    assert reverse("public:priority", args=[world.plan.pk, world.priority.pk]) in locations
    for hidden in (
        reverse("public:plan", args=[world.draft.pk]),
        reverse("public:plan", args=[world.revision.pk]),
        reverse("public:plan", args=[world.other_zone_plan.pk]),
        reverse("public:priority", args=[world.plan.pk, world.restricted_priority.pk]),
        reverse("public:priority", args=[world.draft.pk, world.draft_priority.pk]),
    ):
        assert hidden not in locations


def test_zone_feed_lists_published_plans_and_public_documents_newest_first(client, world):
    response = client.get(reverse("public:zone-feed", args=[world.zone.slug]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    assert feed.tag == "{http://www.w3.org/2005/Atom}feed"
    entries = feed.findall("a:entry", ATOM_NS)
    links = [entry.find("a:link", ATOM_NS).get("href").removeprefix("http://testserver") for entry in entries]
    assert reverse("public:plan", args=[world.plan.pk]) in links
    for document in (world.public_document, world.annual_report):
        assert reverse("documents:download", args=[document.pk, document.file_name()]) in links
    for document in (world.internal_document, world.draft_document, world.failed_document):
        assert reverse("documents:download", args=[document.pk, document.file_name()]) not in links
    assert not any(f"/plannen/{world.draft.pk}/" in link for link in links)
    updated = [entry.find("a:published", ATOM_NS).text for entry in entries]
    assert updated == sorted(updated, reverse=True)


def test_feed_of_unknown_zone_is_not_found(client, db):
    assert client.get(reverse("public:zone-feed", args=["nergens"])).status_code == 404
