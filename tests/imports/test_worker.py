"""A real Celery worker on Redis runs an import job (skipped when Redis is down, except in CI)."""

import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from imports import services
from imports.models import ImportJob
from imports.tasks import run_import_job
from stats.models import StatPoint
from tests.worker import real_worker, require_redis, worker_database_url

from .conftest import csv_bytes


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_imports_a_file(world, advisor, settings, monkeypatch):
    broker = require_redis()
    monkeypatch.setenv("DJANGO_MEDIA_ROOT", str(settings.MEDIA_ROOT))
    content = csv_bytes(
        [
            ["jaar", "nis_code", "categorie", "aantal"],
            [2023, "24038", "woninginbraak", 120],
            [2024, "24055", "drugs", "12"],
        ]
    )
    job = services.create_job(
        user=advisor, kind="criminaliteit", zone=world.zone, upload=SimpleUploadedFile("worker.csv", content)
    )
    with real_worker(broker, worker_database_url()) as queue:
        run_import_job.apply_async(args=[job.pk], queue=queue)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            job.refresh_from_db()
            if job.is_finished:
                break
            time.sleep(0.5)
        # A second delivery of the same message leaves the finished job alone.
        run_import_job.apply_async(args=[job.pk], queue=queue).get(timeout=30)
    assert job.status == "done" and job.outcome == "imported", (job.error, job.problems)
    assert job.task_id and job.attempts == 1
    assert ImportJob.objects.get(pk=job.pk).attempts == 1
    assert StatPoint.objects.count() == 2
