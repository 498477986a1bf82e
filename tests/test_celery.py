"""Celery wiring: eager by default, and a real worker on Redis."""

import uuid

import pytest
from django.conf import settings

from core.tasks import ping
from tests.worker import real_worker, require_redis, worker_database_url
from zvp_portal.celery import app


@pytest.mark.django_db
def test_embedded_default_runs_tasks_in_process():
    assert settings.CELERY_TASK_ALWAYS_EAGER is True
    answer = ping.delay("eager").get(timeout=5)
    assert answer["token"] == "eager"
    assert answer["worker"] is None  # no worker took it: it ran here


def test_celery_reads_its_configuration_from_django_settings():
    assert app.main == "zvp_portal"
    assert app.conf.task_always_eager == settings.CELERY_TASK_ALWAYS_EAGER
    assert app.conf.task_time_limit == settings.CELERY_TASK_TIME_LIMIT
    assert "zvp_portal.ping" in app.tasks


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_on_redis_runs_the_task():
    broker = require_redis()
    token = uuid.uuid4().hex
    with real_worker(broker, worker_database_url()) as queue:
        answer = ping.apply_async(args=[token], queue=queue).get(timeout=60)
    assert answer["token"] == token
    assert answer["ok"] is True
    assert answer["worker"].startswith(f"{queue}@")
    assert answer["db"] in {"postgresql", "sqlite"}
