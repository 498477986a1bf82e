"""The heavy jobs on the national data set, each against its floor.

* PDF: the document job (plan PDF, annual report) in seconds, against WeasyPrint alone on the same
  HTML and on plain HTML of the same length.
* Import: rows per second of a crime-figures import through imports.services, against PostgreSQL
  ``COPY`` of the same file into a scratch table with the same columns.
"""

import io
import os
import tempfile
import time

LOREM = (
    "De politiezone werkt samen met haar partners aan een veilige en leefbare omgeving voor iedereen die er "
    "woont, werkt of op bezoek komt. "
)


def _seconds(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def plain_html(length: int) -> str:
    paragraphs, size = [], 0
    while size < length:
        paragraph = f"<p>{LOREM * 6}</p>"
        paragraphs.append(paragraph)
        size += len(paragraph)
    return f"<!DOCTYPE html><html><head><meta charset='utf-8'></head><body>{''.join(paragraphs)}</body></html>"


def bench_pdf() -> dict:
    from django.conf import settings

    from documents.models import Document
    from documents.rendering import html_to_pdf, render_document_html
    from documents.services import request_document
    from documents.tasks import generate_document
    from editor.national import SLUG_PREFIX
    from plans.models import Plan

    settings.MEDIA_ROOT = tempfile.mkdtemp(prefix="zvp-bench-media-")
    plan = Plan.objects.filter(zone__slug__startswith=SLUG_PREFIX).order_by("pk").first()
    results = {}
    for label, kind, year in (("plan PDF", "plan", None), ("annual report", "annual_report", plan.period_end - 1)):
        made = []

        def job(kind=kind, year=year, made=made):
            document = request_document(plan, kind, "public", year, check=False)
            generate_document.apply(args=[document.pk])
            made.append(Document.objects.get(pk=document.pk))

        job_s = _seconds(job)
        html = render_document_html(plan, kind, "public", year).html
        same_s = _seconds(lambda html=html: html_to_pdf(html))
        plain = plain_html(len(html))
        plain_s = _seconds(lambda plain=plain: html_to_pdf(plain))
        document = made[-1]
        results[label] = {
            "status": document.status,
            "pages": document.page_count,
            "html_chars": len(html),
            "job_s": round(job_s, 2),
            "weasyprint_same_html_s": round(same_s, 2),
            "weasyprint_plain_html_s": round(plain_s, 2),
            "ratio_to_same_html": round(job_s / same_s, 2),
            "ratio_to_plain_html": round(job_s / plain_s, 2),
        }
        print(f"  {label:32} {results[label]}", flush=True)
    return results


def bench_import(rows: int | None = None) -> dict:
    from django.contrib.auth import get_user_model
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.db import connection

    from imports import services
    from imports.testdata import large_crime_file
    from zones.models import PoliceZone

    rows = rows or int(os.environ.get("BENCH_IMPORT_ROWS", "50000"))
    zone, _ = PoliceZone.objects.get_or_create(
        slug="synth-bench-import", defaults={"name": "PZ Bench-import (synthetisch)", "number": 5999}
    )
    user, _ = get_user_model().objects.get_or_create(username="bench-import", defaults={"is_superuser": True})
    content = large_crime_file(zone, rows, prefix="bench")
    job = services.create_job(user=user, kind="criminaliteit", zone=zone, upload=SimpleUploadedFile("b.csv", content))
    import_s = _seconds(lambda: services.execute(job))
    job.refresh_from_db()
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TEMP TABLE bench_copy (jaar integer, nis_code varchar(5), categorie varchar(40), "
            "aantal numeric(14, 2), voorlopig varchar(8))"
        )

        def copy():
            cursor.copy_expert(
                "COPY bench_copy FROM STDIN WITH (FORMAT csv, DELIMITER ';', HEADER true)", io.BytesIO(content)
            )

        copy_s = _seconds(copy)
        cursor.execute("SELECT count(*) FROM bench_copy")
        copied = cursor.fetchone()[0]
        cursor.execute("DROP TABLE bench_copy")
    result = {
        "rows": rows,
        "bytes": len(content),
        "outcome": job.outcome,
        "import_s": round(import_s, 2),
        "import_rows_per_s": round(rows / import_s),
        "copy_rows": copied,
        "copy_s": round(copy_s, 3),
        "copy_rows_per_s": round(copied / copy_s),
        "ratio_to_copy": round(import_s / copy_s, 1),
    }
    print(f"  {'import':32} {result}", flush=True)
    return result
