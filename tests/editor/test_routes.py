"""The editor's routes accept only the slugs they know: anything else answers 404 at the resolver."""

import pytest
from django.urls import NoReverseMatch, Resolver404, resolve, reverse

from editor.sections import SECTIONS
from editor.urls import COMMENT_KINDS, PRIORITY_MOVES, VERSION_KINDS
from plans.models import Plan

from . import client_for

SECTION_ROUTES = {
    "section-list": ("in/{pk}/", "parent_pk"),
    "section-add": ("in/{pk}/nieuw/", "parent_pk"),
    "section-edit": ("{pk}/bewerken/", "pk"),
    "section-delete": ("{pk}/verwijderen/", "pk"),
    "section-history": ("{pk}/geschiedenis/", "pk"),
}


@pytest.mark.parametrize("slug", SECTIONS)
@pytest.mark.parametrize("name", SECTION_ROUTES)
def test_every_section_route_reverses_and_resolves(slug, name):
    tail, key = SECTION_ROUTES[name]
    url = f"/beheer/{slug}/{tail.format(pk=7)}"
    assert reverse(f"editor:{name}", args=[slug, 7]) == url
    assert reverse(f"editor:{name}", kwargs={"section": slug, key: 7}) == url
    match = resolve(url)
    assert (match.view_name, match.kwargs) == (f"editor:{name}", {"section": slug, key: 7})


@pytest.mark.parametrize("name", SECTION_ROUTES)
def test_an_unknown_section_neither_reverses_nor_resolves(name):
    tail, _key = SECTION_ROUTES[name]
    with pytest.raises(NoReverseMatch):
        reverse(f"editor:{name}", args=["onbekend", 7])
    with pytest.raises(Resolver404):
        resolve(f"/beheer/onbekend/{tail.format(pk=7)}")


@pytest.mark.parametrize(
    ("name", "slugs"),
    [("plan-new-version", VERSION_KINDS), ("priority-move", PRIORITY_MOVES), ("comment-add", COMMENT_KINDS)],
)
def test_the_fixed_slugs_reverse(name, slugs):
    for slug in slugs:
        args = [slug, 7] if name == "comment-add" else [7, slug]
        assert resolve(reverse(f"editor:{name}", args=args)).view_name == f"editor:{name}"
    with pytest.raises(NoReverseMatch):
        reverse(f"editor:{name}", args=["onbekend", 7] if name == "comment-add" else [7, "onbekend"])


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/beheer/plannen/{plan}/nieuwe-versie/onbekend/",
        "/beheer/plannen/{plan}/prioriteiten/onbekend/",
        "/beheer/opmerkingen/onbekend/{plan}/",
        "/beheer/onbekend/in/{plan}/",
        "/beheer/onbekend/in/{plan}/nieuw/",
        "/beheer/onbekend/{plan}/bewerken/",
        "/beheer/onbekend/{plan}/verwijderen/",
        "/beheer/onbekend/{plan}/geschiedenis/",
    ],
)
@pytest.mark.parametrize("method", ["get", "post"])
def test_an_unknown_slug_answers_404(superuser, draft_plan, url, method):
    plans = Plan.objects.count()
    response = getattr(client_for(superuser), method)(url.format(plan=draft_plan.pk))
    assert response.status_code == 404
    assert Plan.objects.count() == plans  # no addendum made of an unknown kind
