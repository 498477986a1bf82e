"""Jobs recover: dead runs fail with their reason, lost messages are sent again, a broker that is down answers
at once, identical requests make one job (core/jobs.py, core/tasks.py, documents/services.py)."""

import datetime
import threading
import time

import pytest
from billiard.exceptions import WorkerLostError
from celery.exceptions import TimeLimitExceeded
from django.db import IntegrityError, connection, transaction
from django.utils import timezone, translation

from core import jobs
from core.tasks import fail_job_of_lost_task, reap_jobs
from documents import tasks
from documents.models import Document
from documents.services import request_document
from tests import factories as f
from tests.worker import _reset_app_connections
from zvp_portal.celery import app

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(settings):
    """Messages are checked in English (the source language)."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def plan(zone_a):
    return f.PlanFactory(zone=zone_a, published=True)


def pending(plan, **fields):
    fields = {"status": "queued", "file": None, "progress": 0, "size": None, "page_count": None, **fields}
    return f.DocumentFactory(plan=plan, **fields)


def ago(seconds):
    return timezone.now() - datetime.timedelta(seconds=seconds)


@pytest.fixture
def broker_down():
    """This process sends tasks to a broker on a closed port (nothing listens there)."""
    saved = {key: app.conf[key] for key in ("broker_url", "task_always_eager")}
    _reset_app_connections()
    app.conf.update(broker_url="redis://127.0.0.1:1/0", task_always_eager=False)
    yield
    _reset_app_connections()
    app.conf.update(saved)


def test_a_document_running_past_its_time_limit_is_failed_with_its_reason(plan):
    limit = Document.time_limit()
    dead = pending(plan, status="running", progress=35, started_at=ago(limit + 120), task_id="lost")
    alive = pending(plan, status="running", protection="restricted", started_at=ago(30), task_id="alive")
    counts = reap_jobs.apply().get()
    dead.refresh_from_db()
    alive.refresh_from_db()
    assert counts["documents.Document"]["failed"] == 1
    assert dead.status == "failed" and "worker was lost" in dead.error and dead.finished_at
    assert alive.status == "running"


def test_a_new_request_never_returns_a_dead_document(plan, django_capture_on_commit_callbacks):
    dead = pending(plan, status="running", progress=35, started_at=ago(Document.time_limit() + 120), task_id="x")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        document = request_document(plan, check=False)
    assert document.pk != dead.pk and document.status == "queued"
    assert len(callbacks) == 1
    dead.refresh_from_db()
    assert dead.status == "failed"


def test_a_request_gets_the_pending_one_and_sends_it_again_when_it_never_reached_the_broker(
    plan, django_capture_on_commit_callbacks
):
    waiting = pending(plan, task_id="", queued_at=ago(30))
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        document = request_document(plan, check=False)
    assert document.pk == waiting.pk
    assert len(callbacks) == 1  # sent again
    fresh = pending(plan, protection="restricted", task_id="sent")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        assert request_document(plan, protection="restricted", check=False).pk == fresh.pk
    assert callbacks == []  # sent a moment ago: not twice


def test_the_reaper_sends_again_what_never_reached_the_broker(plan, monkeypatch):
    sent = []
    monkeypatch.setattr(tasks.generate_document, "apply_async", lambda args, **kw: sent.append(args) or FakeResult())
    never_sent = pending(plan, task_id="", queued_at=ago(600))
    just_queued = pending(plan, protection="restricted", task_id="", queued_at=ago(1))
    counts = reap_jobs.apply().get()
    assert sent == [[never_sent.pk]]
    assert counts["documents.Document"]["resent"] == 1
    never_sent.refresh_from_db()
    assert never_sent.task_id == "resent-id" and never_sent.queued_at > ago(60)
    assert just_queued.pk not in sent


class FakeResult:
    id = "resent-id"


def test_a_second_message_of_a_running_job_does_not_take_it_over(plan):
    document = pending(plan, status="running", task_id="first", started_at=ago(5))
    assert document.claim("second") is False  # the reaper's copy while the first still runs
    assert document.claim("first") is True  # the same message again: its worker died
    assert Document.objects.get(pk=document.pk).attempts == 1


@pytest.mark.parametrize(
    ("exception", "words"), [(WorkerLostError("killed"), "worker was lost"), (TimeLimitExceeded(660), "time limit")]
)
def test_a_task_killed_by_its_time_limit_or_lost_too_often_fails_its_job(plan, exception, words):
    document = pending(plan, status="running", task_id="t", started_at=ago(5))
    fail_job_of_lost_task(sender=tasks.generate_document, task_id="t", exception=exception, args=[document.pk])
    document.refresh_from_db()
    assert document.status == "failed" and words in document.error


def test_job_tasks_are_acknowledged_late_and_retried_when_their_worker_is_lost():
    from imports.tasks import run_import_job

    for task in (tasks.generate_document, run_import_job):
        assert task.acks_late and task.reject_on_worker_lost and task.retry_on_worker_lost
        assert task.max_retries >= 1
    assert app.conf.task_reject_on_worker_lost is True
    options = app.conf.broker_transport_options
    assert options["visibility_timeout"] > max(tasks.generate_document.time_limit, run_import_job.time_limit)
    assert "reap-jobs" in app.conf.beat_schedule


def test_with_the_broker_down_a_request_answers_at_once_and_the_document_stays_queued(
    plan, broker_down, django_capture_on_commit_callbacks
):
    started = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True):
        document = request_document(plan, check=False)
    assert time.monotonic() - started < 5
    assert document.queue_unavailable is True
    document.refresh_from_db()
    assert document.status == "queued" and not document.task_id
    assert "unavailable" in document.progress_message


@pytest.mark.django_db(transaction=True)
def test_the_api_answers_503_with_the_queued_document_when_the_broker_is_down(plan, advisor, broker_down):
    from rest_framework.test import APIClient

    client = APIClient()
    client.force_authenticate(advisor)
    started = time.monotonic()
    response = client.post("/api/v1/documents/", {"plan": plan.pk}, format="json")
    assert time.monotonic() - started < 5
    assert response.status_code == 503, response.content
    assert response["Retry-After"]
    assert response.json()["status"] == "queued" and "unavailable" in response.json()["detail"]


def test_two_pending_identical_documents_cannot_exist(plan):
    pending(plan)
    with pytest.raises(IntegrityError), transaction.atomic():
        pending(plan)
    pending(plan, protection="restricted")  # another edition
    pending(plan, status="failed")  # finished ones do not count


def test_a_request_that_loses_the_race_returns_the_document_of_the_winner(plan, monkeypatch):
    winner = pending(plan)
    real_filter = Document.objects.filter
    calls = []

    def first_lookup_misses(*args, **kwargs):
        result = real_filter(*args, **kwargs)
        if "status__in" in kwargs and not calls:
            calls.append(1)
            return result.none()
        return result

    monkeypatch.setattr(Document.objects, "filter", first_lookup_misses)
    assert request_document(plan, check=False).pk == winner.pk
    assert Document.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_parallel_identical_requests_make_one_document(zone_a, monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("parallel writers need PostgreSQL")
    plan = f.PlanFactory(zone=zone_a, published=True)
    made, errors = [], []

    def ask():
        try:
            with transaction.atomic():
                made.append(request_document(plan, check=False).pk)
        except Exception as exc:  # pragma: no cover - shown by the assertion
            errors.append(exc)
        finally:
            connection.close()

    # The eager task does not run while the threads race (its PDF is not what is tested).
    monkeypatch.setattr(jobs, "send_job", lambda task, job, **options: True)
    threads = [threading.Thread(target=ask) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(set(made)) == 1
    assert Document.objects.filter(plan=plan).count() == 1
