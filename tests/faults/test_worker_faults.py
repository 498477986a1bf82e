"""Kills and outages while documents are made, against a real worker and a Redis of the test's own.

After every kill or outage the document ends done (after a retry) or failed with its reason, within its
time limit, the previous edition stays, and a request answers at once (503 while the broker is down).
"""

import datetime
import os
import signal
import time

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from core.jobs import resend_waiting_jobs
from documents import tasks
from documents.models import Document
from tests import factories as f
from tests.worker import _reset_app_connections, worker_database_url, worker_process

from .conftest import assert_previous_stays, queued_document, wait_for

pytestmark = [pytest.mark.faults, pytest.mark.worker, pytest.mark.django_db(transaction=True)]

SLOW = "tests.faults.slow_app"


def status(document):
    document.refresh_from_db()
    return document.status


def test_kill_9_of_the_pool_child_mid_pdf_retries_it(redis_server, plan_with_pdf, tmp_path):
    plan, previous = plan_with_pdf
    document = queued_document(plan)
    pid_file = tmp_path / "pid"
    env = {"ZVP_FAULT_PID_FILE": str(pid_file), "ZVP_FAULT_PDF_DELAY": "3"}
    with worker_process(redis_server.url, worker_database_url(), pool="prefork", app_module=SLOW, env=env) as worker:
        tasks.generate_document.apply_async(args=[document.pk], queue=worker.queue)
        assert wait_for(lambda: pid_file.exists() and status(document) == "running", 90), "never started"
        child = int(pid_file.read_text())
        pid_file.unlink()
        os.kill(child, signal.SIGKILL)
        started = time.monotonic()
        assert wait_for(lambda: status(document) in Document.FINISHED, Document.time_limit())
    assert document.status == "done", document.error
    assert document.attempts == 2  # the run the kill stopped, and its retry
    assert time.monotonic() - started < Document.time_limit()
    assert_previous_stays(previous)


def test_kill_9_of_the_whole_worker_mid_pdf_is_delivered_again(redis_server, plan_with_pdf, tmp_path):
    plan, previous = plan_with_pdf
    document = queued_document(plan)
    pid_file = tmp_path / "pid"
    env = {"ZVP_FAULT_PID_FILE": str(pid_file), "ZVP_FAULT_PDF_DELAY": "3"}
    with worker_process(redis_server.url, worker_database_url(), app_module=SLOW, env=env) as first:
        tasks.generate_document.apply_async(args=[document.pk], queue=first.queue)
        assert wait_for(lambda: pid_file.exists() and status(document) == "running", 90), "never started"
        first.kill()
    assert status(document) == "running"
    # The next worker takes the message back once the broker's visibility timeout passed (short here).
    restore = {
        "CELERY_VISIBILITY_TIMEOUT": "2",
        "CELERY_UNACKED_RESTORE_INTERVAL": "1",
        "CELERY_UNACKED_RESTORE_THROTTLE": "1",
    }
    with worker_process(redis_server.url, worker_database_url(), queue=first.queue, env=restore):
        assert wait_for(lambda: status(document) in Document.FINISHED, 120)
    assert document.status == "done", document.error
    assert document.attempts == 2
    assert_previous_stays(previous)


def test_with_the_broker_down_a_request_answers_503_at_once_and_the_reaper_sends_it_later(redis_server, plan_with_pdf):
    plan, previous = plan_with_pdf
    advisor = f.UserFactory()
    f.ZoneMembershipFactory(user=advisor, zone=plan.zone, role="advisor")
    client = APIClient()
    client.force_authenticate(advisor)
    with worker_process(redis_server.url, worker_database_url(), queue="celery"):
        redis_server.stop()
        started = time.monotonic()
        response = client.post("/api/v1/documents/", {"plan": plan.pk, "protection": "restricted"}, format="json")
        assert time.monotonic() - started < 5
        assert response.status_code == 503, response.content
        document = Document.objects.get(pk=response.json()["id"])
        assert document.status == "queued" and not document.task_id
        # Asking again while the broker is still down gives the same waiting document, not a second one.
        assert client.post("/api/v1/documents/", {"plan": plan.pk, "protection": "restricted"}).status_code == 503
        assert Document.objects.filter(plan=plan, protection="restricted").count() == 1
        redis_server.start()
        later = timezone.now() + datetime.timedelta(minutes=5)
        assert wait_for(lambda: resend_waiting_jobs(Document, now=later), 30, step=1)
        assert wait_for(lambda: status(document) in Document.FINISHED, 120)
    assert document.status == "done", document.error
    assert_previous_stays(previous)


def test_the_broker_going_down_during_a_job_does_not_stop_it(redis_server, plan_with_pdf, tmp_path):
    plan, previous = plan_with_pdf
    document = queued_document(plan)
    pid_file = tmp_path / "pid"
    env = {"ZVP_FAULT_PID_FILE": str(pid_file), "ZVP_FAULT_PDF_DELAY": "3"}
    with worker_process(redis_server.url, worker_database_url(), app_module=SLOW, env=env) as worker:
        tasks.generate_document.apply_async(args=[document.pk], queue=worker.queue)
        assert wait_for(lambda: pid_file.exists() and status(document) == "running", 90), "never started"
        redis_server.stop()
        assert wait_for(lambda: status(document) in Document.FINISHED, Document.time_limit())
        redis_server.start()
        _reset_app_connections()
    assert document.status == "done", document.error
    assert_previous_stays(previous)
