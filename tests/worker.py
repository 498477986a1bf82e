"""Running a real Celery worker, on Redis, for tests.

``real_worker`` starts ``celery worker`` as a subprocess on a private queue,
points this process's Celery app at the same Redis broker (the suite otherwise
runs tasks eagerly), and puts everything back afterwards. The worker process
uses the test database, so tasks see what the test committed (use
``transactional_db``).
"""

import contextlib
import os
import signal
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path

import pytest
import redis
from django.conf import settings
from django.db import connection
from kombu import pools

from zvp_portal.celery import app

ROOT = Path(__file__).resolve().parent.parent
REDIS_URL = os.environ.get("ZVP_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def require_redis() -> str:
    """The Redis URL for worker tests; skips when Redis is down, except in CI where it fails."""
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
    except redis.RedisError as exc:
        message = f"Redis is not reachable at {REDIS_URL}: {exc}"
        if os.environ.get("ZVP_REQUIRE_SERVICES"):
            pytest.fail(message)
        pytest.skip(message)
    return REDIS_URL


def worker_database_url() -> str:
    """A DATABASE_URL naming the database this test process uses (the test database)."""
    s = connection.settings_dict
    if connection.vendor == "postgresql":
        auth = s["USER"] + (f":{s['PASSWORD']}" if s["PASSWORD"] else "")
        return f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"
    if connection.vendor == "sqlite" and not connection.is_in_memory_db():
        return f"sqlite:///{s['NAME']}"
    if os.environ.get("ZVP_REQUIRE_SERVICES") and connection.vendor != "sqlite":
        pytest.fail(f"no way to share a {connection.vendor} test database with a worker")
    pytest.skip("the in-memory SQLite test database cannot be shared with a worker process")


def _reset_app_connections():
    """Forget the app's broker pool and result backend so the next use follows app.conf."""
    pools.reset()  # closes kombu's registry of connection pools, which app.pool draws from
    app._pool, app._backend_cache = None, None
    app.amqp._producer_pool = None
    app._local.__dict__.pop("backend", None)


@contextlib.contextmanager
def real_worker(broker_url: str, database_url: str, **options):
    """Yield the name of a private queue that a freshly started worker consumes."""
    with worker_process(broker_url, database_url, **options) as worker:
        yield worker.queue


class Worker:
    """A started worker: its queue, its process (the main one) and how to kill it the hard way."""

    def __init__(self, queue: str, process: subprocess.Popen):
        self.queue, self.process = queue, process

    def kill(self) -> None:
        """kill -9 the whole worker: the main process and its pool children (it runs in a session of its own)."""
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=15)


@contextlib.contextmanager
def worker_process(
    broker_url: str,
    database_url: str,
    *,
    queue: str | None = None,
    pool: str = "solo",
    concurrency: int = 1,
    app_module: str = "zvp_portal",
    env: dict | None = None,
):
    """A worker on *queue* (a new private one by default), with *pool* and *concurrency*; *app_module* is the
    Celery app (tests/faults/slow_app.py slows the PDF layout down), *env* more environment variables."""
    queue = queue or f"zvp-test-{uuid.uuid4().hex[:12]}"
    env = {
        **os.environ,
        "CELERY_BROKER_URL": broker_url,
        "CELERY_RESULT_BACKEND": broker_url,
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "DATABASE_URL": database_url,
        "DJANGO_MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "PYTHONUNBUFFERED": "1",
        **(env or {}),
    }
    command = [
        sys.executable, "-m", "celery", "-A", app_module, "worker",
        f"--pool={pool}", f"--concurrency={concurrency}", f"--hostname={queue}@%h",
        f"--queues={queue}", "--without-gossip", "--without-mingle", "--without-heartbeat", "--loglevel=INFO",
    ]  # fmt: skip
    saved = {key: app.conf[key] for key in ("broker_url", "result_backend", "task_always_eager")}
    with tempfile.TemporaryFile("w+") as log:
        process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        _reset_app_connections()
        app.conf.update(broker_url=broker_url, result_backend=broker_url, task_always_eager=False)
        try:
            yield Worker(queue, process)
        finally:
            _reset_app_connections()
            app.conf.update(saved)
            if process.poll() is None:
                process.terminate()
                try:
                    process.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    with contextlib.suppress(ProcessLookupError):
                        os.killpg(process.pid, signal.SIGKILL)
                    process.wait()
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)  # pool children left behind
            log.seek(0)
            print(log.read())  # pytest shows it when the test fails
