"""Benchmark of a large import: 200,000 rows of crime figures, checked and written, then re-imported."""

import time

ROWS = 200_000


def bench_import_large():
    """A 200,000-row crime CSV through the import job (first import, then the no-change re-import)."""
    from django.contrib.auth import get_user_model
    from django.core.files.uploadedfile import SimpleUploadedFile

    from imports import services
    from imports.testdata import large_crime_file
    from zones.models import PoliceZone

    zone, _ = PoliceZone.objects.get_or_create(slug="bench-import", defaults={"name": "PZ Bench", "number": 5998})
    user, _ = get_user_model().objects.get_or_create(username="bench-import", defaults={"is_superuser": True})
    content = large_crime_file(zone, ROWS, prefix="bench")
    timings = {}
    for label in ("first_import", "reimport_no_changes"):
        job = services.create_job(
            user=user, kind="criminaliteit", zone=zone, upload=SimpleUploadedFile("bench.csv", content)
        )
        start = time.perf_counter()
        services.execute(job)
        timings[label] = round(time.perf_counter() - start, 2)
        job.refresh_from_db()
        assert job.is_done and job.outcome in ("imported", "unchanged"), (job.error, job.problems[:3])
    return {"rows": ROWS, "bytes": len(content), **timings}
