"""Issue 13 over the API and the editor: the new zone and plan fields are writable, chapters list in their
explicit order, and a zone adds its own policy frameworks (advisor of zone A for A, not for B)."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from plans.models import Chapter, Framework
from tests import factories as f
from tests.editor import client_for

pytestmark = pytest.mark.django_db


def api(user=None):
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def test_zone_kind_korpschef_and_population_date_over_the_api(superuser, zone_a):
    import datetime

    f.MunicipalityFactory(zone=zone_a, population=1000, population_date=datetime.date(2019, 1, 1))
    response = api(superuser).patch(
        f"/api/v1/zones/{zone_a.pk}/",
        {"kind": "single", "korpschef": "A. Korpschef", "revision": zone_a.revision},
        format="json",
    )
    assert response.status_code == 200, response.content
    data = response.json()
    assert (data["kind"], data["korpschef"], data["population_date"]) == ("single", "A. Korpschef", "2019-01-01")
    bad = api(superuser).patch(
        f"/api/v1/zones/{zone_a.pk}/", {"kind": "triple", "revision": data["revision"]}, format="json"
    )
    assert bad.status_code == 400 and "kind" in bad.json()


def test_plan_validity_and_theme_council_dates_are_writable(advisor, draft_plan):
    response = api(advisor).patch(
        f"/api/v1/plans/{draft_plan.pk}/",
        {"valid_from": "2020-01-01", "themes_chosen_on": "2019-06-20", "revision": draft_plan.revision},
        format="json",
    )
    assert response.status_code == 200, response.content
    assert (response.json()["valid_from"], response.json()["themes_chosen_on"]) == ("2020-01-01", "2019-06-20")
    draft_plan.refresh_from_db()
    assert draft_plan.council_approved_on is None  # approval dates stay empty until set


def test_chapters_list_in_their_explicit_order(advisor, draft_plan):
    f.ChapterFactory(plan=draft_plan, order=2, kind=Chapter.Kind.PRIVACY, title="GDPR")
    f.ChapterFactory(plan=draft_plan, order=1, kind=Chapter.Kind.POLICY_CHOICES, title="Beleidskeuzes")
    f.ChapterFactory(plan=draft_plan, order=0, kind=Chapter.Kind.OTHER, title="Inleiding")
    listed = api(advisor).get("/api/v1/chapters/", {"plan": draft_plan.pk}).json()["results"]
    assert [c["title"] for c in listed] == ["Inleiding", "Beleidskeuzes", "GDPR"]
    nested = api(advisor).get(f"/api/v1/plans/{draft_plan.pk}/").json()["chapters"]
    assert [c["title"] for c in nested] == ["Inleiding", "Beleidskeuzes", "GDPR"]


def test_an_advisor_adds_a_framework_for_their_zone_not_another(advisor, zone_a, zone_b):
    created = api(advisor).post(
        "/api/v1/frameworks/", {"zone": zone_a.pk, "code": "COL 8/2005", "title": "Omzendbrief"}, format="json"
    )
    assert created.status_code == 201, created.content
    assert Framework.objects.get(pk=created.json()["id"]).zone == zone_a
    refused = api(advisor).post(
        "/api/v1/frameworks/", {"zone": zone_b.pk, "code": "COL 9/2005", "title": "Andere"}, format="json"
    )
    assert refused.status_code == 403
    national = api(advisor).post("/api/v1/frameworks/", {"code": "NVP-X", "title": "Nationaal"}, format="json")
    assert national.status_code == 403
    duplicate = api(advisor).post(
        "/api/v1/frameworks/", {"zone": zone_a.pk, "code": "COL 8/2005", "title": "Nog eens"}, format="json"
    )
    assert duplicate.status_code == 400
    assert not Framework.objects.filter(code__in=["COL 9/2005", "NVP-X"]).exists()


def test_citizens_see_a_zone_framework_only_once_a_public_priority_answers_it(zone_a, advisor):
    plan = f.PlanFactory(zone=zone_a, published=True)
    linked = f.FrameworkFactory(zone=zone_a, code="KIV Alfa")
    f.FrameworkFactory(zone=zone_a, code="Regionaal plan")
    national = f.FrameworkFactory(code="NVP")
    f.PriorityFactory(plan=plan, frameworks=[linked])
    public_codes = {row["code"] for row in api().get("/api/v1/frameworks/").json()["results"]}
    assert public_codes == {"KIV Alfa", "NVP"}
    member_codes = {row["code"] for row in api(advisor).get("/api/v1/frameworks/").json()["results"]}
    assert member_codes == {"KIV Alfa", "NVP", "Regionaal plan"}
    assert set(Framework.objects.public()) == {linked, national}


def test_a_priority_cannot_answer_another_zones_framework(advisor, draft_plan, zone_b):
    other = f.FrameworkFactory(zone=zone_b, code="B-kader")
    own = f.FrameworkFactory(zone=draft_plan.zone, code="A-kader")
    body = {"plan": draft_plan.pk, "number": 1, "short_title": "Verkeer", "frameworks": [own.pk]}
    assert api(advisor).post("/api/v1/priorities/", body, format="json").status_code == 201
    other_priority = f.PriorityFactory(plan=f.PlanFactory(zone=zone_b, published=True), frameworks=[other])
    assert other_priority  # the framework is public now, so the advisor can name it: still refused
    body = {"plan": draft_plan.pk, "number": 2, "short_title": "Fiets", "frameworks": [other.pk]}
    response = api(advisor).post("/api/v1/priorities/", body, format="json")
    assert response.status_code == 400 and "frameworks" in response.json()


def test_the_editor_section_adds_a_zone_framework(advisor, advisor_b, zone_a):
    url = reverse("editor:section-add", args=["kaders", zone_a.pk])
    data = {"code": "COL 4/2019", "title": "Omzendbrief COL 4/2019", "issuer": "College van procureurs-generaal"}
    response = client_for(advisor).post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    framework = Framework.objects.get(code="COL 4/2019")
    assert framework.zone == zone_a
    assert client_for(advisor_b).post(url, {**data, "code": "COL 5/2019"}).status_code in (403, 404)
    assert not Framework.objects.filter(code="COL 5/2019").exists()
    listing = client_for(advisor).get(reverse("editor:section-list", args=["kaders", zone_a.pk])).content.decode()
    assert "Omzendbrief COL 4/2019" in listing
