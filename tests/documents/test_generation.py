"""Generating documents: the task, its progress and failures, the editions, publication, a real worker."""

import hashlib
import subprocess
import time

import pytest
from celery.exceptions import Retry
from django.db import OperationalError
from pypdf import PdfReader

from core.base import Protection
from documents import rendering, tasks
from documents.models import Document
from documents.services import request_document
from plans.models import Plan
from plans.services import transition_plan
from tests import factories as f
from tests.worker import real_worker, require_redis, worker_database_url

pytestmark = pytest.mark.django_db


def pdf_text(document) -> str:
    with document.file.open("rb") as handle:
        return " ".join(" ".join(page.extract_text() or "" for page in PdfReader(handle).pages).split())


def generate(plan, user=None, **kwargs):
    """Ask for a document and run the (eager) task as the commit would."""
    document = request_document(plan, user=user, check=user is not None, **kwargs)
    tasks.generate_document.apply(args=[document.pk])
    document.refresh_from_db()
    return document


def test_requesting_sends_the_task_only_after_commit(full_plan, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        document = request_document(full_plan.plan, user=full_plan.users.advisor)
    assert document.status == "queued" and not document.file
    assert len(callbacks) == 1
    for callback in callbacks:
        callback()
    document.refresh_from_db()
    assert document.status == "done"
    assert document.progress == 100
    assert document.requested_by == full_plan.users.advisor


def test_a_done_document_records_its_file_size_pages_checksum_and_origin(full_plan):
    document = generate(full_plan.plan)
    assert document.status == "done", document.error
    data = document.file.read()
    assert data.startswith(b"%PDF")
    assert document.size == len(data)
    assert document.checksum == hashlib.sha256(data).hexdigest()
    assert document.page_count == len(PdfReader(document.file.open("rb")).pages) >= 3
    assert document.made_from_status == Plan.Status.PUBLISHED
    assert document.made_from_revision == full_plan.plan.revision
    assert document.started_at <= document.finished_at
    assert document.attempts == 1


def test_the_public_edition_leaves_out_non_public_parts_and_unapproved_values(full_plan):
    f.IndicatorValueFactory(indicator=full_plan.indicator, year=2022, value=77777)  # not approved
    restricted_priority = f.PriorityFactory(
        plan=full_plan.plan, number=2, short_title="Geheim project", protection=Protection.RESTRICTED
    )
    f.IndicatorFactory(plan=full_plan.plan, priority=restricted_priority, name="Geheime indicator")
    public = pdf_text(generate(full_plan.plan, protection=Protection.PUBLIC))
    internal = pdf_text(generate(full_plan.plan, protection=Protection.RESTRICTED))

    for shown_in_both in ("Zonebeeld", "Verkeersveiligheid", "Letselongevallen", "Minder ongevallen"):
        assert shown_in_both in public and shown_in_both in internal
    for left_out in ("Interne analyse", "Geheim project", "Geheime indicator", "77.777", "77777"):
        assert left_out not in public
    for included in ("Interne analyse", "Geheim project", "Geheime indicator"):
        assert included in internal
    assert "77.777" in internal or "77777" in internal


def test_the_internal_edition_says_so_on_every_page(full_plan):
    document = generate(full_plan.plan, protection=Protection.RESTRICTED)
    reader = PdfReader(document.file.open("rb"))
    assert len(reader.pages) > 2
    for page in reader.pages:
        text = page.extract_text()
        assert "INTERN" in text.upper()
    assert "INTERN" not in pdf_text(generate(full_plan.plan)).upper().replace("INTERNATIONAL", "")


def test_text_is_real_text_with_dutch_accents(full_plan):
    full_plan.chapter.body = "<p>Coördinatie van de politiële aanpak: één team, geïntegreerd.</p>"
    full_plan.chapter.save()
    text = pdf_text(generate(full_plan.plan))
    assert "Coördinatie van de politiële aanpak: één team, geïntegreerd." in text


def test_a_second_delivery_of_the_same_message_does_nothing(full_plan):
    document = generate(full_plan.plan)
    finished, checksum = document.finished_at, document.checksum
    assert tasks.generate_document.apply(args=[document.pk]).get() == "already done"
    document.refresh_from_db()
    assert (document.finished_at, document.checksum, document.attempts) == (finished, checksum, 1)


def test_a_task_for_a_deleted_document_returns_quietly(full_plan):
    document = request_document(full_plan.plan, check=False)
    Document.objects.filter(pk=document.pk).delete()
    assert tasks.generate_document.apply(args=[document.pk]).get() == "gone"


def test_a_failed_run_keeps_the_previous_document_and_shows_why(full_plan, monkeypatch):
    good = generate(full_plan.plan)

    def broken(*args, **kwargs):
        raise ValueError("the layout engine choked on a table")

    monkeypatch.setattr(tasks, "html_to_pdf", broken)
    failed = generate(full_plan.plan)
    assert failed.status == "failed"
    assert "the layout engine choked on a table" in failed.error
    assert not failed.file
    assert list(Document.objects.filter(plan=full_plan.plan).current()) == [good]
    assert good.file.storage.exists(good.file.name)


def test_only_transient_errors_are_retried(full_plan, monkeypatch):
    document = request_document(full_plan.plan, check=False)
    Document.objects.filter(pk=document.pk).update(language="en")  # the task speaks the document's language

    def database_gone(*args, **kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(tasks, "render_document_html", database_gone)
    retried = []
    monkeypatch.setattr(tasks.generate_document, "retry", lambda **kw: retried.append(kw) or Retry("again"))
    tasks.generate_document.push_request(retries=0, is_eager=False, id="t-1")
    try:
        with pytest.raises(Retry):
            tasks.generate_document.run(document.pk)
    finally:
        tasks.generate_document.pop_request()
    document.refresh_from_db()
    assert document.status == "queued"
    assert "server closed the connection" in document.progress_message
    assert retried and retried[0]["countdown"] == 5

    # The last attempt gives up and says why.
    tasks.generate_document.push_request(retries=tasks.MAX_RETRIES, is_eager=False, id="t-1")
    try:
        assert tasks.generate_document.run(document.pk) == "failed"
    finally:
        tasks.generate_document.pop_request()
    document.refresh_from_db()
    assert document.status == "failed" and "did not go away" in document.error

    # A failed run is final: the same message delivered again does not run it a second time.
    assert tasks.generate_document.run(document.pk) == "already done"

    # Any other error fails at once, without a retry.
    Document.objects.filter(pk=document.pk).update(status="queued", error="")
    retried.clear()
    monkeypatch.setattr(tasks, "render_document_html", lambda *a, **k: 1 / 0)
    tasks.generate_document.push_request(retries=0, is_eager=False, id="t-2")
    try:
        assert tasks.generate_document.run(document.pk) == "failed"
    finally:
        tasks.generate_document.pop_request()
    document.refresh_from_db()
    assert not retried and "ZeroDivisionError" in document.error


def test_progress_is_recorded_while_the_pages_are_laid_out(full_plan, monkeypatch):
    seen = []
    original = Document.report

    def spy(self, percent, message=""):
        seen.append(percent)
        original(self, percent, message)

    monkeypatch.setattr(Document, "report", spy)
    generate(full_plan.plan)
    assert seen == sorted(seen)
    assert seen[0] == 5 and seen[-1] == 90
    assert any(20 < p < 85 for p in seen), seen  # pages laid out


def test_the_same_request_while_one_is_pending_is_not_queued_twice(full_plan, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        first = request_document(full_plan.plan, check=False)
        second = request_document(full_plan.plan, check=False)
        other_edition = request_document(full_plan.plan, protection=Protection.RESTRICTED, check=False)
    assert first.pk == second.pk != other_edition.pk


def test_requests_are_checked(full_plan):
    from django.core.exceptions import PermissionDenied, ValidationError

    with pytest.raises(PermissionDenied):
        request_document(full_plan.plan, user=full_plan.users.council)
    with pytest.raises(ValidationError) as error:
        request_document(full_plan.plan, kind="annual_report", year=2031, user=full_plan.users.advisor)
    assert "year" in error.value.message_dict
    with pytest.raises(ValidationError):
        request_document(full_plan.plan, kind="annual_report", user=full_plan.users.advisor)
    assert not Document.objects.exists()


def test_publishing_a_plan_version_makes_its_public_pdf(zone_a, chief, django_capture_on_commit_callbacks):
    plan = f.PlanFactory(zone=zone_a, status=Plan.Status.APPROVED, title="Herziening 2026")
    f.PriorityFactory(plan=plan, short_title="Cybercriminaliteit")
    with django_capture_on_commit_callbacks(execute=True):
        transition_plan(plan, Plan.Status.PUBLISHED, chief)
    document = Document.objects.get(plan=plan)
    assert (document.kind, document.protection, document.status) == ("plan", "public", "done")
    assert document.made_from_status == Plan.Status.PUBLISHED
    assert document.requested_by == chief
    assert "Cybercriminaliteit" in pdf_text(document)
    assert Document.objects.public().filter(pk=document.pk).exists()


def test_an_annual_report_shows_the_years_work_values_against_targets_and_the_introduction(full_plan):
    f.AnnualReportFactory(plan=full_plan.plan, year=2021, introduction="<p>Een bewogen jaar voor de zone.</p>")
    document = generate(full_plan.plan, kind="annual_report", year=2021)
    assert document.status == "done", document.error
    text = pdf_text(document)
    assert "Een bewogen jaar voor de zone." in text
    assert "Actieplan verkeer 2021" in text and "Alcoholcontroles" in text
    assert "Letselongevallen" in text
    assert "Woninginbraken" in text
    assert document.file_name().endswith("jaarverslag-2021-publiek.pdf")


def test_the_preview_html_is_what_the_pdf_is_made_from(full_plan):
    rendered = rendering.render_document_html(full_plan.plan, "plan", Protection.PUBLIC)
    assert '<nav class="toc"' in rendered.html
    assert f'href="#priority-{full_plan.priority.pk}"' in rendered.html
    assert "Interne analyse" not in rendered.html
    assert "Overlast › Bedelarij" in rendered.html  # the priority's theme, with its parent
    assert rendered.html.startswith("<!DOCTYPE html>") and '<html lang="nl">' in rendered.html


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_on_redis_generates_the_pdf():
    broker = require_redis()
    plan = f.PlanFactory(published=True, title="Plan voor de werker")
    f.PriorityFactory(plan=plan, short_title="Fietsdiefstal aanpakken")
    document = f.DocumentFactory(plan=plan, status="queued", file=None, progress=0, size=None, page_count=None)
    with real_worker(broker, worker_database_url()) as queue:
        tasks.generate_document.apply_async(args=[document.pk], queue=queue)
        deadline = time.monotonic() + 120
        seen = set()
        while time.monotonic() < deadline:
            document.refresh_from_db()
            seen.add(document.status)
            if document.is_finished:
                break
            time.sleep(0.2)
    assert document.status == "done", document.error
    assert seen <= {"queued", "running", "done"} and "done" in seen
    assert document.task_id  # the worker's own task id
    assert "Fietsdiefstal aanpakken" in pdf_text(document)


def test_pdftotext_reads_the_pdf_too(full_plan, tmp_path):
    """Real text for every reader, not only for pypdf: poppler's pdftotext (make test installs it)."""
    document = generate(full_plan.plan)
    path = tmp_path / "plan.pdf"
    path.write_bytes(document.file.read())
    try:
        output = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True)
    except FileNotFoundError:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    assert "Verkeersveiligheid" in output.stdout


# Issue 13: "not to be summed" marked a category flag that is gone; the provisional mark stays.
def test_provisional_figures_are_marked(full_plan):
    from decimal import Decimal

    f.StatPointFactory(series=full_plan.series, year=2022, value=Decimal("233"), is_provisional=True)
    html = rendering.render_document_html(full_plan.plan, "plan", Protection.PUBLIC).html
    assert ">233*<" in html


def test_a_run_over_its_time_limit_fails_and_keeps_the_previous_edition(full_plan, monkeypatch):
    from celery.exceptions import SoftTimeLimitExceeded

    good = generate(full_plan.plan)

    def too_slow(document):
        raise SoftTimeLimitExceeded()

    monkeypatch.setattr(tasks, "_generate", too_slow)
    stopped = generate(full_plan.plan)
    assert stopped.status == "failed"
    assert str(tasks.SOFT_TIME_LIMIT) in stopped.error
    assert list(Document.objects.filter(plan=full_plan.plan).current()) == [good]
