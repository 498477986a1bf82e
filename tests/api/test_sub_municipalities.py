"""Sub-municipalities written nested on their municipality: the list replaces them all, atomically."""

import pytest
from rest_framework.test import APIClient

from tests import factories as f
from zones.models import Municipality, SubMunicipality


@pytest.fixture
def municipality(zone_a):
    municipality = f.MunicipalityFactory(zone=zone_a, name="Aalst", nis_code="41002")
    f.SubMunicipalityFactory(municipality=municipality, name="Baardegem", postal_code="9310")
    f.SubMunicipalityFactory(municipality=municipality, name="Erembodegem", postal_code="9320")
    return municipality


def client_for(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def subs(municipality):
    return sorted(SubMunicipality.objects.filter(municipality=municipality).values_list("name", "postal_code"))


def patch(client, municipality, rows, **extra):
    municipality.refresh_from_db()
    body = {"sub_municipalities": rows, "revision": municipality.revision, **extra}
    return client.patch(f"/api/v1/municipalities/{municipality.pk}/", body, format="json", HTTP_ACCEPT_LANGUAGE="en")


def by_name(municipality):
    return {s.name: s.pk for s in SubMunicipality.objects.filter(municipality=municipality)}


@pytest.mark.django_db
def test_the_list_adds_changes_and_deletes_in_one_go_and_counts_the_revision_up(advisor, municipality):
    ids = by_name(municipality)
    revision = municipality.revision
    response = patch(
        client_for(advisor),
        municipality,
        [
            {"id": ids["Baardegem"], "name": "Baardegem", "postal_code": "9310"},
            {"id": ids["Erembodegem"], "name": "Erembodegem-Dorp", "postal_code": "9320"},
            {"name": "Gijzegem", "postal_code": "9308"},
        ],
    )
    assert response.status_code == 200, response.content
    assert subs(municipality) == [("Baardegem", "9310"), ("Erembodegem-Dorp", "9320"), ("Gijzegem", "9308")]
    assert by_name(municipality)["Baardegem"] == ids["Baardegem"], "a row with an id is changed, not replaced"
    assert {row["name"] for row in response.json()["sub_municipalities"]} == {
        "Baardegem",
        "Erembodegem-Dorp",
        "Gijzegem",
    }
    assert response.json()["revision"] == revision + 1

    # Rows left out are deleted; an existing row sent without postal code keeps it.
    response = patch(client_for(advisor), municipality, [{"id": ids["Baardegem"], "name": "Baardegem"}])
    assert response.status_code == 200, response.content
    assert subs(municipality) == [("Baardegem", "9310")]
    assert patch(client_for(advisor), municipality, []).status_code == 200
    assert subs(municipality) == []


@pytest.mark.django_db
def test_two_sub_municipalities_may_swap_names(advisor, municipality):
    ids = by_name(municipality)
    response = patch(
        client_for(advisor),
        municipality,
        [
            {"id": ids["Baardegem"], "name": "Erembodegem", "postal_code": "9320"},
            {"id": ids["Erembodegem"], "name": "Baardegem", "postal_code": "9310"},
        ],
    )
    assert response.status_code == 200, response.content
    assert by_name(municipality) == {"Erembodegem": ids["Baardegem"], "Baardegem": ids["Erembodegem"]}


@pytest.mark.django_db
def test_the_same_list_again_changes_nothing_and_keeps_the_revision(advisor, municipality):
    rows = [{"id": pk, "name": name} for name, pk in by_name(municipality).items()]
    revision = Municipality.objects.get(pk=municipality.pk).revision
    response = patch(client_for(advisor), municipality, rows)
    assert response.status_code == 200, response.content
    assert response.json()["revision"] == revision
    assert Municipality.objects.get(pk=municipality.pk).revision == revision


@pytest.mark.django_db
def test_errors_are_keyed_by_row_and_nothing_is_saved(advisor, municipality):
    ids = by_name(municipality)
    other = f.SubMunicipalityFactory(name="Elders")
    stored = Municipality.objects.get(pk=municipality.pk)
    before, revision, mayor = subs(municipality), stored.revision, stored.mayor
    response = patch(
        client_for(advisor),
        municipality,
        [
            {"name": "Nieuw", "postal_code": "9300"},
            {"id": ids["Baardegem"], "name": "Baardegem", "postal_code": "93100"},
            {"name": "", "postal_code": "9300"},
            {"id": other.pk, "name": "Elders"},
            {"name": "nieuw"},
            {"name": "Gijzegem", "postal": "9308"},
        ],
        mayor="Nieuwe burgemeester",
    )
    assert response.status_code == 400, response.content
    errors = response.json()["sub_municipalities"]
    assert set(errors) == {"1", "2", "5"}, errors  # field errors first; the list checks follow once rows are valid
    assert set(errors["1"]) == {"postal_code"}
    assert set(errors["2"]) == {"name"}
    assert set(errors["5"]) == {"postal"}
    assert subs(municipality) == before
    municipality.refresh_from_db()
    assert (municipality.revision, municipality.mayor) == (revision, mayor)

    response = patch(
        client_for(advisor),
        municipality,
        [{"name": "Nieuw"}, {"id": other.pk, "name": "Elders"}, {"name": "nieuw"}],
    )
    assert response.status_code == 400, response.content
    errors = response.json()["sub_municipalities"]
    assert set(errors) == {"1", "2"}
    assert "id" in errors["1"] and "name" in errors["2"]
    assert subs(municipality) == before


@pytest.mark.django_db
def test_a_row_needs_its_name_even_in_a_patch(advisor, municipality):
    response = patch(client_for(advisor), municipality, [{"postal_code": "9300"}])
    assert response.status_code == 400
    assert response.json() == {"sub_municipalities": {"0": {"name": ["This field is required."]}}}


@pytest.mark.django_db
def test_a_new_municipality_comes_with_its_sub_municipalities(advisor, zone_a):
    body = {
        "zone": zone_a.pk,
        "name": "Lede",
        "nis_code": "41034",
        "sub_municipalities": [{"name": "Impe", "postal_code": "9340"}, {"name": "Oordegem", "postal_code": "9340"}],
    }
    response = client_for(advisor).post("/api/v1/municipalities/", body, format="json")
    assert response.status_code == 201, response.content
    municipality = Municipality.objects.get(nis_code="41034")
    assert subs(municipality) == [("Impe", "9340"), ("Oordegem", "9340")]
    assert [row["name"] for row in response.json()["sub_municipalities"]] == ["Impe", "Oordegem"]


@pytest.mark.django_db
def test_only_the_zone_s_editors_change_them(council, advisor_b, municipality):
    before = subs(municipality)
    assert patch(client_for(council), municipality, []).status_code == 403
    assert patch(client_for(advisor_b), municipality, []).status_code == 403
    assert subs(municipality) == before
    public = APIClient().get(f"/api/v1/municipalities/{municipality.pk}/")
    assert public.status_code == 200 and len(public.json()["sub_municipalities"]) == 2
