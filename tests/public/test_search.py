"""Search: zones by name, municipality or postal name; full text over public plan content on both code paths."""

import pytest
from django.db import connection
from django.urls import reverse

from public import search
from tests import factories as f


@pytest.fixture(params=["database", "fallback"])
def backend(request, monkeypatch):
    """Runs a test on this database's own search (PostgreSQL full text, or the fallback on SQLite) and on the
    fallback, which any database can run."""
    if request.param == "fallback":
        monkeypatch.setattr(search, "uses_postgres", lambda: False)
    return request.param


def test_zone_search_by_name_municipality_nis_code_postal_code_and_sub_municipality(world):
    f.SubMunicipalityFactory(municipality=world.full.municipality, name="Erembodegem", postal_code="9320")
    for query in ("alfa", "Aalst", world.full.municipality.nis_code, "9320", "erembodegem", "Baardegem"):
        assert list(search.find_zones(query)) == [world.zone], query
    assert list(search.find_zones(str(world.zone.number))) == [world.zone]
    assert not search.find_zones("Nergenshuizen").exists()
    assert not search.find_zones("  ").exists()


def test_full_text_finds_public_content_ranked_with_snippets(world, backend):
    hits = search.load(search.search("fietsdiefstallen"), "fietsdiefstallen")
    found = {(hit.source.key, hit.obj.pk) for hit in hits}
    assert ("plan", world.plan.pk) in found  # the foreword
    assert ("priority", world.priority.pk) in found  # the rationale
    assert ("priority", world.restricted_priority.pk) not in found
    assert ("chapter", world.full.restricted_chapter.pk) not in found
    snippets = " ".join(hit.snippet for hit in hits)
    assert "<mark>" in snippets
    assert "VERTROUWELIJK" not in snippets
    priority_hit = next(hit for hit in hits if hit.source.key == "priority")
    assert priority_hit.url == reverse("public:priority", args=[world.plan.pk, world.priority.pk])


def test_full_text_never_searches_drafts_revisions_or_restricted_parts(world, backend):
    for word in ("geheimontwerp", "ongepubliceerd", "vertrouwelijk"):
        assert search.search(word) == [], word


def test_titles_rank_above_body_text(world, backend):
    """A word in a priority's title outranks the same word deep in a text."""
    f.PriorityFactory(plan=world.plan, number=7, short_title="Fietsdiefstallen aanpakken")
    hits = search.load(search.search("fietsdiefstallen"), "fietsdiefstallen")
    assert hits[0].title.endswith("Fietsdiefstallen aanpakken")


def test_snippets_escape_the_text(world, backend):
    world.priority.rationale = "Fietsdiefstallen: 5 < 6 & <script>alert(1)</script> blijven een probleem."
    world.priority.save()
    hits = search.load(search.search("fietsdiefstallen"), "fietsdiefstallen")
    snippet = next(hit.snippet for hit in hits if hit.source.key == "priority")
    assert "<script>" not in snippet
    assert "&lt; 6 &amp;" in snippet
    assert "<" not in snippet.replace("<mark>", "").replace("</mark>", "")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="Dutch stemming needs PostgreSQL")
def test_postgres_search_uses_dutch_stemming(world):
    """'woninginbraak' (singular) finds 'woninginbraken' through the Dutch stemmer."""
    world.priority.target_group = "Slachtoffers van woninginbraken"
    world.priority.save()
    found = {(hit.source.key, hit.pk) for hit in search.search("woninginbraak")}
    assert ("priority", world.priority.pk) in found


def test_search_page_lists_zones_and_paginated_hits(client, world, backend):
    for number in range(10, 35):
        f.PriorityFactory(plan=world.plan, number=number, short_title=f"Fietsdiefstallen deel {number}")
    response = client.get(reverse("public:search"), {"q": "fietsdiefstallen"})
    assert response.status_code == 200
    page = response.context["page"]
    assert page.paginator.count >= 27
    assert len(response.context["hits"]) == 20
    second = client.get(reverse("public:search"), {"q": "fietsdiefstallen", "page": 2})
    assert len(second.context["hits"]) == page.paginator.count - 20
    zones = client.get(reverse("public:search"), {"q": "Aalst"}).context["zones"]
    assert [zone for zone, plan in zones] == [world.zone]
    assert zones[0][1] == world.plan


def test_empty_search_shows_the_form_only(client, db):
    response = client.get(reverse("public:search"))
    assert response.status_code == 200
    assert "hits" not in response.context
