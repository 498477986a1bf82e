"""Large files: streamed, checked and bulk-written by the Celery job with progress reports."""

import os
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from core.jobs import Job
from imports import services
from imports.models import ImportJob, ImportOutcome
from imports.testdata import large_crime_file
from stats.models import StatPoint, StatSeries

ROWS = int(os.environ.get("ZVP_IMPORT_TEST_ROWS", "20000"))


@pytest.mark.django_db
def test_a_large_file_runs_as_a_job_with_progress(world, advisor, monkeypatch, django_capture_on_commit_callbacks):
    content = large_crime_file(world.zone, ROWS)
    reports = []
    real_report = Job.report
    monkeypatch.setattr(Job, "report", lambda job, p, m="": (reports.append((p, m)), real_report(job, p, m)))
    job = services.create_job(
        user=advisor, kind="criminaliteit", zone=world.zone, upload=SimpleUploadedFile("groot.csv", content)
    )
    assert job.size > services.SYNC_MAX_BYTES
    start = time.perf_counter()
    with django_capture_on_commit_callbacks(execute=True):
        services.start(job)
    elapsed = time.perf_counter() - start
    job.refresh_from_db()
    assert job.status == "done" and job.outcome == ImportOutcome.IMPORTED, (job.error, job.problems[:3])
    assert job.row_count == ROWS and job.summary["new"] == ROWS
    assert StatPoint.objects.count() == ROWS
    assert StatSeries.objects.count() == ROWS // 20
    assert StatPoint.history.filter(history_change_reason=job.change_reason, history_user=advisor).count() == ROWS
    percents = [p for p, _m in reports]
    assert percents == sorted(percents) and len(percents) >= ROWS // services.PROGRESS_EVERY
    print(f"\n{ROWS} rows imported in {elapsed:.1f} s")
    # Again: every row unchanged, nothing written.
    again = services.create_job(
        user=advisor, kind="criminaliteit", zone=world.zone, upload=SimpleUploadedFile("groot.csv", content)
    )
    start = time.perf_counter()
    with django_capture_on_commit_callbacks(execute=True):
        services.start(again)
    again.refresh_from_db()
    assert again.outcome == ImportOutcome.UNCHANGED
    print(f"{ROWS} rows re-imported (no change) in {time.perf_counter() - start:.1f} s")
    assert ImportJob.objects.count() == 2


def test_the_fast_insert_writes_every_field_of_a_figure_and_its_history():
    """The PostgreSQL bulk insert takes its columns from the models, not from a list that could fall behind."""
    from imports.kinds.series import insert_columns

    fields, columns, history = insert_columns()
    stored = {f.column for f in StatPoint._meta.concrete_fields if not f.primary_key}
    assert set(columns) == stored and {"series_id", "is_sample", "import_source"} <= stored
    assert set(history) == {f.column for f in StatPoint.history.model._meta.concrete_fields if not f.primary_key}
    assert [f.column for f in fields] == columns
