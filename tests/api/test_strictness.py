"""The API refuses what it does not describe and answers JSON, also for an unknown address or a server error;
a form that loses a race for a unique row answers with a message, not a 500."""

import pytest
from django.db import IntegrityError
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from stats import services as stats_services
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(advisor):
    client = APIClient()
    client.force_authenticate(advisor)
    return client


@pytest.mark.parametrize("size", ["0", "201", "-1", "abc", "2.5", ""])
def test_a_page_size_outside_1_to_200_is_refused(api, size):
    response = api.get("/api/v1/plans/", {"page_size": size})
    assert response.status_code == 400 and "page_size" in response.json()


def test_a_page_size_within_bounds_is_taken(api, zone_a):
    for _ in range(3):
        f.PlanFactory(zone=zone_a)
    assert len(api.get("/api/v1/plans/", {"page_size": "2"}).json()["results"]) == 2
    assert api.get("/api/v1/plans/", {"page_size": "200"}).status_code == 200


@pytest.mark.parametrize("path", ["/api/v1/documents/", "/api/v1/annual-reports/", "/api/v1/plans/"])
@pytest.mark.parametrize("zone", ["0.5", "abc", "0", str(2**70)])
def test_a_zone_that_is_no_id_is_refused(api, path, zone):
    response = api.get(path, {"zone": zone})
    assert response.status_code == 400 and "zone" in response.json()


def test_an_unknown_api_address_answers_json_404_and_a_wrong_method_json_405(api):
    response = api.get("/api/v1/no-such-thing/")
    assert response.status_code == 404 and response["Content-Type"] == "application/json"
    assert response.json()["detail"]
    response = api.delete("/api/v1/documents/")
    assert response.status_code == 405 and response.json()["detail"]
    page = Client().get("/no-such-page/")
    assert page.status_code == 404 and "text/html" in page["Content-Type"]


def test_a_server_error_under_the_api_answers_json(advisor, monkeypatch):
    from plans.api import views as plan_views

    def boom(*args, **kwargs):
        raise RuntimeError("unexpected")

    monkeypatch.setattr(plan_views.PlanViewSet, "list", boom)
    client = Client(raise_request_exception=False)
    client.force_login(advisor)
    response = client.get("/api/v1/plans/")
    assert response.status_code == 500 and response["Content-Type"] == "application/json"
    assert "unexpected" not in response.content.decode()


def test_the_values_grid_answers_a_lost_race_with_a_message(advisor, draft_plan, monkeypatch):
    indicator = f.IndicatorFactory(plan=draft_plan, name="Inbraken")

    def lost(*args, **kwargs):
        raise IntegrityError('duplicate key value violates unique constraint "indicator_value_one_per_year"')

    monkeypatch.setattr("editor.views.values.record_values", lost)
    assert stats_services.record_values is not lost
    client = Client()
    client.force_login(advisor)
    response = client.post(reverse("editor:values", args=[draft_plan.pk, 2021]), {f"value_{indicator.pk}": "12"})
    assert response.status_code == 400
    assert "at the same moment" in response.content.decode() or "zelfde moment" in response.content.decode()
