"""The screens: upload, the job page with its problems table, confirmation, permissions, data quality."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from imports.models import ImportJob, ImportOutcome
from plans.models import Plan
from stats.models import StatPoint
from tests import factories as f

from .conftest import csv_bytes

CRIME = [["jaar", "nis_code", "categorie", "aantal"], [2023, "24038", "woninginbraak", 120]]


def upload(client, zone, content, kind="criminaliteit", plan=None, name="cijfers.csv"):
    data = {"kind": kind, "zone": zone.pk, "file": SimpleUploadedFile(name, content)}
    if plan is not None:
        data["plan"] = plan.pk
    return client.post(reverse("imports:upload"), data)


@pytest.mark.django_db
def test_advisor_uploads_a_file_and_sees_the_result(client, world, advisor):
    client.force_login(advisor)
    page = client.get(reverse("imports:upload") + f"?kind=criminaliteit&zone={world.zone.pk}")
    assert page.status_code == 200 and b'enctype="multipart/form-data"' in page.content
    response = upload(client, world.zone, csv_bytes(CRIME))
    job = ImportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("imports:job", args=[job.pk])
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert b"Imported: 1 new" in page.content or b"1 new" in page.content
    assert b"hx-get" not in page.content  # finished: no more polling
    assert StatPoint.objects.get().value == 120


@pytest.mark.django_db
def test_problems_are_shown_in_a_table_by_row_and_column(client, world, advisor):
    client.force_login(advisor)
    content = csv_bytes([*CRIME, [2023, "99999", "woninginbraak", "-4"]])
    page = client.get(upload(client, world.zone, content)["Location"])
    html = page.content.decode()
    assert "<caption>" in html and "nis_code" in html and "aantal" in html
    assert html.count('<th scope="row">3</th>') == 2  # two problems on row 3
    assert not StatPoint.objects.exists()


@pytest.mark.django_db
def test_overwriting_asks_for_a_confirmation(client, world, advisor):
    client.force_login(advisor)
    upload(client, world.zone, csv_bytes(CRIME))
    corrected = csv_bytes([CRIME[0], [2023, "24038", "woninginbraak", 125]])
    job_url = upload(client, world.zone, corrected, name="correctie.csv")["Location"]
    page = client.get(job_url)
    job = ImportJob.objects.get(file_name="correctie.csv")
    assert job.outcome == ImportOutcome.NEEDS_CONFIRMATION
    assert reverse("imports:confirm", args=[job.pk]).encode() in page.content
    assert StatPoint.objects.get().value == 120
    response = client.post(reverse("imports:confirm", args=[job.pk]))
    assert response.status_code == 302
    assert StatPoint.objects.get().value == Decimal(125)


@pytest.mark.django_db
def test_an_advisor_of_another_zone_cannot_import_here(client, world, advisor_b):
    client.force_login(advisor_b)
    response = upload(client, world.zone, csv_bytes(CRIME))
    assert response.status_code == 400  # zone A is not among the choices
    assert not ImportJob.objects.exists()


@pytest.mark.django_db
def test_council_members_and_outsiders_cannot_import(client, world, council, outsider):
    for user in (council, outsider):
        client.force_login(user)
        assert client.get(reverse("imports:upload")).status_code == 403
        assert upload(client, world.zone, csv_bytes(CRIME)).status_code == 403
    assert not ImportJob.objects.exists()
    client.logout()
    assert client.get(reverse("imports:upload")).status_code == 302  # to the login page


@pytest.mark.django_db
def test_plan_kinds_need_a_plan_of_the_zone_that_can_change(client, world, advisor):
    client.force_login(advisor)
    content = csv_bytes(
        [["jaar", "soort", "categorie", "omschrijving", "bedrag"], [2024, "begroting", "werking", "x", 1]]
    )
    assert upload(client, world.zone, content, kind="begroting").status_code == 400
    published = f.PlanFactory(zone=world.zone, status=Plan.Status.PUBLISHED)
    assert upload(client, world.zone, content, kind="begroting", plan=published).status_code == 400  # frozen
    draft = f.PlanFactory(zone=world.zone)
    assert upload(client, world.zone, content, kind="begroting", plan=draft).status_code == 302


@pytest.mark.django_db
def test_jobs_are_seen_by_the_zone_only(client, world, advisor, council, advisor_b):
    client.force_login(advisor)
    job_url = upload(client, world.zone, csv_bytes(CRIME))["Location"]
    job = ImportJob.objects.get()
    client.force_login(council)
    assert client.get(job_url).status_code == 200
    assert client.get(reverse("imports:job-status", args=[job.pk])).status_code == 200
    client.force_login(advisor_b)
    assert client.get(job_url).status_code == 404
    assert client.post(reverse("imports:confirm", args=[job.pk])).status_code == 404


@pytest.mark.django_db
def test_the_status_block_polls_while_the_job_runs(client, world, advisor):
    job = ImportJob.objects.create(
        kind="criminaliteit",
        zone=world.zone,
        file="x.csv",
        file_name="x.csv",
        requested_by=advisor,
        status="running",
        progress=40,
        progress_message="Bezig",
    )
    client.force_login(advisor)
    html = client.get(reverse("imports:job-status", args=[job.pk])).content.decode()
    assert 'hx-get="' in html and 'aria-valuenow="40"' in html and "Bezig" in html


@pytest.mark.django_db
def test_index_lists_zones_plans_exports_and_jobs(client, world, advisor):
    plan = f.PlanFactory(zone=world.zone, title="ZVP Alfa")
    client.force_login(advisor)
    html = client.get(reverse("imports:index")).content.decode()
    assert "ZVP Alfa" in html
    assert reverse("imports:export-plan", args=[plan.pk, "indicatorwaarden", "xlsx"]) in html
    assert reverse("imports:quality", args=[world.zone.pk]) in html
    assert reverse("imports:index") in client.get(reverse("editor:workspace")).content.decode()
    plan_page = client.get(reverse("editor:plan", args=[plan.pk])).content.decode()
    assert reverse("imports:export-plan", args=[plan.pk, "indicatorwaarden", "csv"]) in plan_page


@pytest.mark.django_db
def test_quality_page_shows_totals_gaps_and_outliers(client, world, advisor, outsider):
    plan = f.PlanFactory(zone=world.zone)
    table = f.StaffTableFactory(plan=plan, printed_total=30)
    f.StaffLineFactory(table=table, label="Inspecteur", actual=25)
    series = f.StatSeriesFactory(zone=world.zone, name="Woninginbraken")
    for year, value in {2016: 100, 2017: 104, 2018: 98, 2020: 101, 2021: 99, 2022: 400}.items():
        f.StatPointFactory(series=series, year=year, value=Decimal(value))
    client.force_login(advisor)
    html = client.get(reverse("imports:quality", args=[world.zone.pk])).content.decode()
    assert "the printed total is 30, the lines add up to 25" in html
    assert "No figure for 2019." in html
    assert "400" in html and "far outside" in html
    client.force_login(outsider)
    assert client.get(reverse("imports:quality", args=[world.zone.pk])).status_code == 403


@pytest.mark.django_db
def test_linked_values_are_marked_in_the_values_grid(client, world, advisor):
    plan = f.PlanFactory(zone=world.zone)
    series = f.StatSeriesFactory(zone=world.zone, kind="crime", crime_category=world.burglary, name="Woninginbraak")
    f.IndicatorFactory(plan=plan, code="W1", series=series)
    client.force_login(advisor)
    upload(client, world.zone, csv_bytes([["jaar", "categorie", "aantal"], [2021, "woninginbraak", 210]]))
    html = client.get(reverse("editor:values", args=[plan.pk, 2021])).content.decode()
    assert "from the series" in html
