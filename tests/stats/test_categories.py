"""Crime categories (issue 13): the federal hierarchy as reference data, partition totals and never a sum of
overlapping categories, a zone's own categories (who adds them, who sees them, where they are used), and the
mapping to a national category."""

from decimal import Decimal
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from rest_framework.test import APIClient

from core.access import CHANGE, VIEW
from stats.models import CrimeCategory, StatSeries
from stats.reference import CRIME_CATEGORIES
from stats.tables import crime_table, series_rows
from tests import factories as f

pytestmark = pytest.mark.django_db


def api(user=None):
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


# --- Reference data -------------------------------------------------------------------------------------------------


def test_the_federal_hierarchy_loads_once_and_again_changes_nothing():
    out = StringIO()
    call_command("load_crime_categories", stdout=out)
    assert f"{len(CRIME_CATEGORIES)} created" in out.getvalue()
    burglary = CrimeCategory.objects.get(code="woninginbraak")
    assert burglary.zone is None and burglary.parent.code == "diefstal"
    assert burglary.parent.parent.name == "Misdrijven tegen goederen"
    assert {c.name for c in CrimeCategory.objects.filter(parent__isnull=True)} >= {
        "Misdrijven tegen goederen", "Misdrijven tegen personen", "Economische en financiële criminaliteit (ECOFIN)",
        "Drugs", "Informaticacriminaliteit",
    }  # fmt: skip
    assert CrimeCategory.objects.get(code="lichamelijke-integriteit").parent.code == "personen"
    assert CrimeCategory.objects.get(code="drugs").children_partition
    assert not CrimeCategory.objects.get(code="diefstal").children_partition  # its sub-categories are a selection
    history = CrimeCategory.history.count()
    local = f.CrimeCategoryFactory(zone=f.PoliceZoneFactory(), code="eigen", name="Eigen", parent=burglary)
    out = StringIO()
    call_command("load_crime_categories", stdout=out)
    assert "0 created, 0 corrected" in out.getvalue()
    assert CrimeCategory.history.count() == history + 1  # only the local category's creation
    local.refresh_from_db()
    assert local.parent == burglary


# --- Partition totals, never a sum of overlapping categories --------------------------------------------------------


def _series(zone, category, values, municipality=None, provisional=()):
    series = f.StatSeriesFactory(zone=zone, kind="crime", crime_category=category, name=category.name,
                                 municipality=municipality)  # fmt: skip
    for year, value in values.items():
        f.StatPointFactory(series=series, year=year, value=Decimal(value), is_provisional=year in provisional)
    return series


def _table(zone):
    series = StatSeries.objects.filter(zone=zone).select_related("zone", "crime_category", "municipality")
    return crime_table(series_rows(series.prefetch_related("points")), "Criminaliteit")


def test_a_partition_total_is_the_sum_of_all_sub_categories_in_the_years_each_has(zone_a):
    drugs = f.CrimeCategoryFactory(code="drugs", name="Drugs", children_partition=True)
    possession = f.CrimeCategoryFactory(code="bezit", name="Bezit", parent=drugs)
    trade = f.CrimeCategoryFactory(code="handel", name="Handel", parent=drugs)
    _series(zone_a, possession, {2020: 40, 2021: 30, 2022: 35}, provisional={2022})
    _series(zone_a, trade, {2020: 20, 2021: 25})  # no 2022: no total for 2022
    _series(zone_a, drugs, {2020: 60, 2021: 56})  # 2021 as registered differs from 30 + 25
    (total,) = _table(zone_a).totals
    assert total.category == drugs and total.values == {2020: Decimal(60), 2021: Decimal(55)}
    assert not total.disagrees(2020) and total.disagrees(2021) and total.any_disagrees
    # A sub-category the zone keeps for itself is extra detail, never part of the partition.
    f.CrimeCategoryFactory(code="eigen", name="Eigen", parent=drugs, zone=zone_a)
    assert _table(zone_a).totals[0].values == {2020: Decimal(60), 2021: Decimal(55)}


def test_overlapping_categories_are_never_added_up(zone_a):
    theft = f.CrimeCategoryFactory(code="diefstal", name="Diefstal")  # its sub-categories are a selection
    burglary = f.CrimeCategoryFactory(code="woninginbraak", name="Woninginbraak", parent=theft)
    bikes = f.CrimeCategoryFactory(code="fiets", name="Fietsdiefstal", parent=theft)
    drugs = f.CrimeCategoryFactory(code="drugs", name="Drugs")
    for category, value in ((theft, 900), (burglary, 200), (bikes, 300), (drugs, 50)):
        _series(zone_a, category, {2021: value})
    table = _table(zone_a)
    assert table.totals == []
    assert [(r.label, r.depth) for r in table.rows] == [
        ("Diefstal", 0),
        ("Fietsdiefstal", 1),
        ("Woninginbraak", 1),
        ("Drugs", 0),
    ]  # a sub-category under its parent, by order then name


def test_a_partition_total_per_municipality_never_mixes_places(zone_a):
    drugs = f.CrimeCategoryFactory(code="drugs", name="Drugs", children_partition=True)
    a = f.CrimeCategoryFactory(code="a", name="A", parent=drugs)
    b = f.CrimeCategoryFactory(code="b", name="B", parent=drugs)
    herent = f.MunicipalityFactory(zone=zone_a, name="Herent")
    _series(zone_a, a, {2021: 10})
    _series(zone_a, b, {2021: 5})
    s = _series(zone_a, a, {2021: 7}, municipality=herent)
    s.name = "A Herent"
    s.save()
    totals = _table(zone_a).totals
    assert [(t.label, t.values) for t in totals] == [("Drugs", {2021: Decimal(15)})]  # Herent lacks B


def test_the_pdf_prints_a_partition_total_and_never_a_sum_of_overlapping_categories(full_plan):
    from core.base import Protection
    from documents import rendering

    zone = full_plan.zone
    theft = f.CrimeCategoryFactory(code="diefstal", name="Diefstal")
    _series(zone, theft, {2021: 777})
    drugs = f.CrimeCategoryFactory(code="drugs", name="Drugs", children_partition=True)
    _series(zone, f.CrimeCategoryFactory(code="d1", name="Bezit", parent=drugs), {2021: 11})
    _series(zone, f.CrimeCategoryFactory(code="d2", name="Handel", parent=drugs), {2021: 22})
    html = rendering.render_document_html(full_plan.plan, "plan", Protection.PUBLIC).html
    assert ">33<" in html  # Bezit + Handel: they partition Drugs
    assert ">987<" not in html and ">1020<" not in html  # 777 + 210 (Woninginbraken), + the drugs: never


# --- A zone's own categories ----------------------------------------------------------------------------------------


def test_an_advisor_adds_an_own_category_for_their_zone_not_for_another(advisor, zone_a, zone_b):
    parent = f.CrimeCategoryFactory(code="diefstal", name="Diefstal")
    body = {"zone": zone_a.pk, "code": "gsm-diefstal", "name": "Gsm-diefstal", "parent": parent.pk}
    response = api(advisor).post("/api/v1/crime-categories/", body, format="json")
    assert response.status_code == 201, response.content
    own = CrimeCategory.objects.get(code="gsm-diefstal")
    assert own.zone == zone_a and own.maps_to is None
    response = api(advisor).post("/api/v1/crime-categories/", {**body, "zone": zone_b.pk, "code": "x"}, format="json")
    assert response.status_code == 403
    national = {**body, "zone": None, "code": "nieuw", "name": "Nieuw"}
    assert api(advisor).post("/api/v1/crime-categories/", national, format="json").status_code == 403
    assert not CrimeCategory.objects.filter(code__in=["x", "nieuw"]).exists()
    # maps_to is for a site administrator (the admin); the API refuses it, naming the field (never drops it).
    response = api(advisor).patch(f"/api/v1/crime-categories/{own.pk}/", {"maps_to": parent.pk}, format="json")
    assert response.status_code == 400
    assert "maps_to" in response.json()
    own.refresh_from_db()
    assert own.maps_to is None


def test_an_own_category_may_not_take_a_national_name_or_code(advisor, zone_a):
    f.CrimeCategoryFactory(code="woninginbraak", name="Woninginbraak")
    body = {"zone": zone_a.pk, "code": "wi", "name": "woninginbraak"}
    response = api(advisor).post("/api/v1/crime-categories/", body, format="json")
    assert response.status_code == 400 and "name" in response.json()


def test_own_categories_are_seen_by_the_zone_only(advisor, advisor_b, outsider, zone_a, zone_b):
    national = f.CrimeCategoryFactory(code="drugs", name="Drugs")
    own_a = f.CrimeCategoryFactory(zone=zone_a, code="a", name="Eigen A")
    own_b = f.CrimeCategoryFactory(zone=zone_b, code="b", name="Eigen B")
    for user, expected in ((None, {national}), (outsider, {national}), (advisor, {national, own_a}),
                           (advisor_b, {national, own_b})):  # fmt: skip
        assert set(CrimeCategory.objects.restrict(user, VIEW)) == expected
        ids = {row["id"] for row in api(user).get("/api/v1/crime-categories/").json()["results"]}
        assert ids == {c.pk for c in expected}
    assert api().get(f"/api/v1/crime-categories/{own_a.pk}/").status_code == 404
    assert set(CrimeCategory.objects.restrict(advisor, CHANGE)) == {own_a}


def test_a_series_uses_only_national_and_its_own_zones_categories(advisor, zone_a, zone_b):
    own_b = f.CrimeCategoryFactory(zone=zone_b, code="b", name="Eigen B")
    series = StatSeries(zone=zone_a, kind="crime", name="x", crime_category=own_b)
    with pytest.raises(ValidationError) as error:
        series.full_clean()
    assert "crime_category" in error.value.message_dict
    body = {"zone": zone_a.pk, "kind": "crime", "name": "Eigen reeks", "crime_category": own_b.pk}
    response = api(advisor).post("/api/v1/series/", body, format="json")
    assert response.status_code == 400 and "crime_category" in response.json()


def test_a_site_administrator_maps_an_own_category_to_a_national_one(zone_a):
    national = f.CrimeCategoryFactory(code="fietsdiefstal", name="Fietsdiefstal")
    own = f.CrimeCategoryFactory(zone=zone_a, code="fiets-station", name="Fietsdiefstal aan het station")
    own.maps_to = national
    own.full_clean()
    own.save()
    other_own = f.CrimeCategoryFactory(zone=zone_a, code="x", name="X")
    other_own.maps_to = own
    with pytest.raises(ValidationError) as error:
        other_own.full_clean()
    assert "maps_to" in error.value.message_dict
    national.maps_to = national
    with pytest.raises(ValidationError):
        national.full_clean()


def test_the_admin_maps_an_own_category(client, superuser, zone_a):
    national = f.CrimeCategoryFactory(code="fietsdiefstal", name="Fietsdiefstal")
    own = f.CrimeCategoryFactory(zone=zone_a, code="fiets-station", name="Fiets station", order=3)
    client.force_login(superuser)
    url = f"/admin/stats/crimecategory/{own.pk}/change/"
    assert client.get(url).status_code == 200
    data = {"zone": zone_a.pk, "parent": "", "code": own.code, "name": own.name, "maps_to": national.pk, "order": 3}
    response = client.post(url, data)
    assert response.status_code == 302, response.content[:500]
    own.refresh_from_db()
    assert own.maps_to == national
    assert client.get("/admin/stats/crimecategory/?local=unmapped").status_code == 200
