"""Imports have bounds: size, rows, problems, new series; hostile bytes are reported at their row and column."""

import io
import time
import tracemalloc
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import Workbook
from rest_framework.test import APIClient

from imports import services
from imports.forms import UploadForm
from imports.models import ImportOutcome
from stats.models import StatPoint, StatSeries

from .conftest import csv_bytes, problems_at, run_import

pytestmark = pytest.mark.django_db

HEADER = ["jaar", "nis_code", "categorie", "aantal"]
SURVEY = ["jaar", "vraag", "waarde", "vergelijkingsgebied"]


def crime_rows(count):
    return [HEADER] + [[2023, "24038", "woninginbraak", n] for n in range(count)]


def test_a_file_over_the_size_limit_is_refused_on_every_path(world, advisor, settings, tmp_path):
    settings.ZVP_IMPORT_MAX_BYTES = 1000
    content = csv_bytes(crime_rows(1)) + b"\r\n" * 1000
    with pytest.raises(services.FileProblem, match="larger than"):
        services.create_job(
            user=advisor, kind="criminaliteit", zone=world.zone, upload=SimpleUploadedFile("big.csv", content)
        )
    client = APIClient()
    client.force_authenticate(advisor)
    response = client.post(
        "/api/v1/imports/",
        {"kind": "criminaliteit", "zone": world.zone.pk, "file": SimpleUploadedFile("big.csv", content)},
        format="multipart",
    )
    assert response.status_code == 400 and "larger than" in response.json()["file"][0]
    form = UploadForm(
        {"kind": "criminaliteit", "zone": world.zone.pk},
        {"file": SimpleUploadedFile("big.csv", content)},
        user=advisor,
    )
    assert not form.is_valid() and "larger than" in form.errors["file"][0]
    path = tmp_path / "big.csv"
    path.write_bytes(content)
    with pytest.raises(CommandError, match="larger than"):
        call_command("import_data", "criminaliteit", str(path), zone=str(world.zone.pk), user=advisor.username)
    assert StatPoint.objects.count() == 0


def test_a_csv_over_the_row_limit_is_refused_at_once(world, settings):
    settings.ZVP_IMPORT_MAX_ROWS = 50
    job = run_import(world.advisor, "criminaliteit", csv_bytes(crime_rows(51)), zone=world.zone)
    assert job.outcome == ImportOutcome.INVALID
    assert "more than 50 rows" in job.problems[0]["message"]
    assert StatPoint.objects.count() == 0


def test_the_row_limit_holds_when_the_line_count_does_not_show_it(world, settings):
    """Rows ended by a lone carriage return: one line for the quick count, many rows for the reader."""
    settings.ZVP_IMPORT_MAX_ROWS = 20
    content = "\r".join(";".join(map(str, row)) for row in crime_rows(40)).encode()
    job = run_import(world.advisor, "criminaliteit", content, zone=world.zone)
    assert job.outcome == ImportOutcome.INVALID
    assert (22, "") in problems_at(job) and "more than 20 rows" in job.problems[-1]["message"]


def xlsx_bytes(rows, write_only=True) -> bytes:
    """A workbook; write-only ones (like many generated files) say nothing of their size up front."""
    workbook = Workbook(write_only=write_only)
    sheet = workbook.create_sheet() if write_only else workbook.active
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


@pytest.mark.parametrize("write_only", [True, False])
def test_a_workbook_over_the_row_limit_is_refused_within_seconds_and_little_memory(world, settings, write_only):
    settings.ZVP_IMPORT_MAX_ROWS = 1000
    content = xlsx_bytes(crime_rows(20_000), write_only=write_only)
    tracemalloc.start()
    started = time.monotonic()
    job = run_import(world.advisor, "criminaliteit", content, name="groot.xlsx", zone=world.zone)
    elapsed = time.monotonic() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert job.outcome == ImportOutcome.INVALID and "more than 1000 rows" in job.problems[-1]["message"]
    assert job.row_count <= 1000
    assert elapsed < 10
    assert peak < 50 * 1024 * 1024


def test_a_workbook_whose_texts_unpack_too_large_is_refused_before_reading(world, settings):
    settings.ZVP_IMPORT_MAX_BYTES = 200_000
    content = xlsx_bytes([HEADER, [2023, "24038", "woninginbraak", 1]])
    bomb = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(content)) as source, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            target.writestr(item, source.read(item))
        target.writestr("xl/sharedStrings.xml", b"<sst>" + b" " * 1_000_000 + b"</sst>")
    job = run_import(world.advisor, "criminaliteit", bomb.getvalue(), name="bom.xlsx", zone=world.zone)
    assert job.outcome == ImportOutcome.INVALID and "unpacks to more than" in job.problems[0]["message"]


def test_a_report_keeps_the_first_problems_and_counts_the_others(world, settings):
    settings.ZVP_IMPORT_MAX_PROBLEMS = 10
    rows = [HEADER] + [[2023, "24038", "woninginbraak", "veel"] for _ in range(25)]
    job = run_import(world.advisor, "criminaliteit", csv_bytes(rows), zone=world.zone)
    assert job.outcome == ImportOutcome.INVALID
    assert len(job.problems) == 10 and job.problem_count == 25
    assert job.problems[0]["row"] == 2


def test_nul_characters_and_over_long_cells_are_reported_at_their_row_and_column(world):
    content = csv_bytes(
        [
            HEADER,
            [2023, "24038", "woninginbraak", 1],
            [2023, "24038", "wonin\x00ginbraak", 2],
            [2024, "24038", "x" * 20_000, 3],
            [2022, "24038", "woninginbraak", 4],
        ]
    )
    job = run_import(world.advisor, "criminaliteit", content, zone=world.zone)
    assert job.status == "done" and job.outcome == ImportOutcome.INVALID, job.error
    assert problems_at(job) == {(3, "categorie"), (4, "categorie")}
    messages = " ".join(p["message"] for p in job.problems)
    assert "NUL character" in messages and "more than 10000 characters" in messages
    assert StatPoint.objects.count() == 0


def test_a_cell_too_long_for_the_csv_reader_is_a_problem_at_its_row_not_a_crash(world):
    content = csv_bytes([HEADER, [2023, "24038", "woninginbraak", 1]]) + b'2023;24038;"' + b"x" * 200_000 + b'";1\r\n'
    job = run_import(world.advisor, "criminaliteit", content, zone=world.zone)
    assert job.status == "done" and job.outcome == ImportOutcome.INVALID, job.error
    assert job.problems[-1]["row"] == 3 and "cannot be read" in job.problems[-1]["message"]


def test_bytes_no_encoding_reads_are_reported_at_their_row(world):
    content = csv_bytes(crime_rows(3)) + b"2023;24038;woning\x81\x8d;1\r\n"
    job = run_import(world.advisor, "criminaliteit", content, zone=world.zone)
    assert job.outcome == ImportOutcome.INVALID
    assert job.problems[0]["row"] == 5 and "neither UTF-8 nor Windows-1252" in job.problems[0]["message"]


def test_one_import_creates_at_most_the_allowed_number_of_new_series(world, settings):
    settings.ZVP_IMPORT_MAX_NEW_SERIES = 5
    rows = [SURVEY] + [[2023, f"Vraag {n}", "10", "Vlaams Gewest"] for n in range(6)]
    job = run_import(world.advisor, "enquete", csv_bytes(rows), zone=world.zone)
    assert job.outcome == ImportOutcome.INVALID
    assert "6 new series" in job.problems[0]["message"]
    assert StatSeries.objects.count() == 0
    job = run_import(world.advisor, "enquete", csv_bytes(rows[:6]), zone=world.zone)
    assert job.outcome == ImportOutcome.IMPORTED and StatSeries.objects.count() == 5


def test_a_database_error_in_the_middle_of_an_import_writes_nothing_and_says_why(world, monkeypatch):
    from django.db import OperationalError

    from imports.kinds import series

    real = series._create_points_with_history

    def fail_after_the_first_batch(points, ctx):
        real(points, ctx)
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(series, "_create_points_with_history", fail_after_the_first_batch)
    monkeypatch.setattr(series, "_insert_points_with_history", fail_after_the_first_batch)
    job = run_import(world.advisor, "criminaliteit", csv_bytes(crime_rows(1)), zone=world.zone)
    assert job.status == "failed"
    assert "database error" in job.error and "nothing was written" in job.error
    assert StatPoint.objects.count() == 0 and StatSeries.objects.count() == 0


@pytest.mark.django_db(transaction=True)
def test_a_large_file_sent_while_the_broker_is_down_answers_503_and_stays_queued(world, advisor, monkeypatch):
    from tests.worker import _reset_app_connections
    from zvp_portal.celery import app

    monkeypatch.setattr(services, "SYNC_MAX_BYTES", 10)  # this small file goes to the worker
    saved = {key: app.conf[key] for key in ("broker_url", "task_always_eager")}
    _reset_app_connections()
    app.conf.update(broker_url="redis://127.0.0.1:1/0", task_always_eager=False)
    try:
        client = APIClient()
        client.force_authenticate(advisor)
        started = time.monotonic()
        response = client.post(
            "/api/v1/imports/",
            {
                "kind": "criminaliteit",
                "zone": world.zone.pk,
                "file": SimpleUploadedFile("c.csv", csv_bytes(crime_rows(1))),
            },
            format="multipart",
        )
    finally:
        _reset_app_connections()
        app.conf.update(saved)
    assert time.monotonic() - started < 5
    assert response.status_code == 503 and response.json()["status"] == "queued"
    assert "unavailable" in response.json()["detail"]
