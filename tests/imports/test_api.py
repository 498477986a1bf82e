"""The imports API: upload, job status, confirmation, permissions."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from imports import services
from imports.models import ImportJob
from plans.models import Plan
from stats.models import IndicatorValue, StatPoint
from tests import factories as f

from .conftest import csv_bytes

CRIME = [["jaar", "nis_code", "categorie", "aantal"], [2023, "24038", "woninginbraak", 120]]


def client_for(user):
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def post(client, **data):
    return client.post("/api/v1/imports/", data, format="multipart")


@pytest.mark.django_db
def test_upload_a_small_file_imports_it_at_once(world, advisor):
    client = client_for(advisor)
    response = post(
        client, kind="criminaliteit", zone=world.zone.pk, file=SimpleUploadedFile("c.csv", csv_bytes(CRIME))
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "done" and body["outcome"] == "imported" and body["summary"]["new"] == 1
    assert StatPoint.objects.get().value == 120
    detail = client.get(f"/api/v1/imports/{body['id']}/")
    assert detail.status_code == 200 and detail.json()["file_name"] == "c.csv"
    assert client.get("/api/v1/imports/").json()["count"] == 1


@pytest.mark.django_db
def test_problems_come_back_with_row_and_column(world, advisor):
    content = csv_bytes([*CRIME, [2023, "24038", "drugs", "veel"]])
    body = post(
        client_for(advisor), kind="criminaliteit", zone=world.zone.pk, file=SimpleUploadedFile("c.csv", content)
    ).json()
    assert body["outcome"] == "invalid"
    assert body["problems"] == [{"row": 3, "column": "aantal", "value": "veel", "message": "Not a number."}]
    assert not StatPoint.objects.exists()


@pytest.mark.django_db
def test_overwrite_waits_for_confirm(world, advisor):
    client = client_for(advisor)
    post(client, kind="criminaliteit", zone=world.zone.pk, file=SimpleUploadedFile("a.csv", csv_bytes(CRIME)))
    corrected = csv_bytes([CRIME[0], [2023, "24038", "woninginbraak", 121]])
    body = post(client, kind="criminaliteit", zone=world.zone.pk, file=SimpleUploadedFile("b.csv", corrected)).json()
    assert body["outcome"] == "confirm" and body["summary"]["changed"] == 1
    confirmed = client.post(f"/api/v1/imports/{body['id']}/confirm/")
    assert confirmed.status_code == 200 and confirmed.json()["outcome"] == "imported"
    assert StatPoint.objects.get().value == 121
    assert client.post(f"/api/v1/imports/{body['id']}/confirm/").status_code == 409
    corrected = csv_bytes([CRIME[0], [2023, "24038", "woninginbraak", 122]])
    body = post(
        client, kind="criminaliteit", zone=world.zone.pk, overwrite=True, file=SimpleUploadedFile("c.csv", corrected)
    ).json()
    assert body["outcome"] == "imported"


@pytest.mark.django_db
def test_indicator_values_into_a_plan(world, advisor):
    plan = f.PlanFactory(zone=world.zone, status=Plan.Status.PUBLISHED)
    indicator = f.IndicatorFactory(plan=plan, code="V1")
    content = csv_bytes([["jaar", "indicator", "waarde"], [2022, "V1", "7,5"]])
    response = post(
        client_for(advisor), kind="indicatorwaarden", plan=plan.pk, file=SimpleUploadedFile("w.csv", content)
    )
    assert response.status_code == 201 and response.json()["outcome"] == "imported"
    value = IndicatorValue.objects.get(indicator=indicator)
    listed = client_for(advisor).get(f"/api/v1/indicator-values/{value.pk}/").json()
    assert listed["from_series"] is False and "w.csv" in listed["import_source"]


@pytest.mark.django_db
def test_permissions(world, advisor_b, council, outsider):
    content = csv_bytes(CRIME)
    for user, expected in ((None, 401), (outsider, 403), (council, 403), (advisor_b, 403)):
        response = post(
            client_for(user), kind="criminaliteit", zone=world.zone.pk, file=SimpleUploadedFile("c.csv", content)
        )
        assert response.status_code == expected, user
    plan = f.PlanFactory(zone=world.zone)  # a draft: not visible to zone B
    response = post(client_for(advisor_b), kind="begroting", plan=plan.pk, file=SimpleUploadedFile("c.csv", content))
    assert response.status_code == 404
    assert not ImportJob.objects.exists()


@pytest.mark.django_db
def test_jobs_are_listed_for_the_zone_only(world, advisor, advisor_b, council):
    post(
        client_for(advisor),
        kind="criminaliteit",
        zone=world.zone.pk,
        file=SimpleUploadedFile("c.csv", csv_bytes(CRIME)),
    )
    job = ImportJob.objects.get()
    assert client_for(council).get(f"/api/v1/imports/{job.pk}/").status_code == 200
    assert client_for(advisor_b).get(f"/api/v1/imports/{job.pk}/").status_code == 404
    assert client_for(advisor_b).get("/api/v1/imports/").json()["count"] == 0
    anonymous = client_for(None)
    assert anonymous.get("/api/v1/imports/").json()["count"] == 0  # citizens see no imports
    assert anonymous.get(f"/api/v1/imports/{job.pk}/").status_code == 404


@pytest.mark.django_db
def test_bad_uploads_are_refused(world, advisor):
    client = client_for(advisor)
    assert (
        post(client, kind="criminaliteit", zone=world.zone.pk, file=SimpleUploadedFile("c.pdf", b"%PDF")).status_code
        == 400
    )
    assert post(client, kind="criminaliteit", file=SimpleUploadedFile("c.csv", b"jaar\n")).status_code == 400
    assert post(client, kind="onbekend", zone=world.zone.pk, file=SimpleUploadedFile("c.csv", b"x")).status_code == 400


@pytest.mark.django_db
def test_a_large_file_is_queued_for_the_worker(world, advisor, monkeypatch, django_capture_on_commit_callbacks):
    monkeypatch.setattr(services, "SYNC_MAX_BYTES", 10)
    with django_capture_on_commit_callbacks(execute=True):
        response = post(
            client_for(advisor),
            kind="criminaliteit",
            zone=world.zone.pk,
            file=SimpleUploadedFile("c.csv", csv_bytes(CRIME)),
        )
    assert response.status_code == 202
    assert response.json()["status"] == "queued"
    job = ImportJob.objects.get()
    assert job.is_done and job.outcome == "imported"  # the eager worker ran it once the request committed
