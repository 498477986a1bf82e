"""What the fault tests share: a Redis server of the test's own (to stop and start), waiting, a plan."""

import contextlib
import os
import shutil
import socket
import subprocess
import time

import pytest
import redis

from tests import factories as f
from tests.worker import _reset_app_connections


def wait_for(predicate, timeout: float, step: float = 0.2):
    """Poll *predicate* until it is true (returns its value) or *timeout* seconds passed (returns False)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(step)
    return False


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class RedisServer:
    """``redis-server --port N --save ""`` started and stopped by the test (nothing else uses it)."""

    def __init__(self):
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        client = redis.Redis(port=self.port, socket_connect_timeout=1)
        if not wait_for(lambda: _pings(client), 10):
            raise RuntimeError(f"redis-server did not start on port {self.port}")
        _reset_app_connections()

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)
        self.process = None
        _reset_app_connections()


def _pings(client) -> bool:
    with contextlib.suppress(redis.RedisError):
        return client.ping()
    return False


@pytest.fixture
def redis_server():
    if shutil.which("redis-server") is None:
        if os.environ.get("ZVP_REQUIRE_SERVICES"):
            pytest.fail("redis-server is not installed")
        pytest.skip("redis-server is not installed")
    server = RedisServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def plan_with_pdf(transactional_db):
    """A published plan with a done PDF (the previous edition, which must stay whatever happens)."""
    plan = f.PlanFactory(published=True, title="Plan onder vuur")
    f.PriorityFactory(plan=plan, short_title="Fietsdiefstal aanpakken")
    previous = f.DocumentFactory(plan=plan)
    return plan, previous


def queued_document(plan):
    return f.DocumentFactory(plan=plan, status="queued", file=None, progress=0, size=None, page_count=None)


def assert_previous_stays(previous):
    previous.refresh_from_db()
    assert previous.status == "done" and previous.file
    with previous.file.open("rb") as handle:
        assert handle.read(4) == b"%PDF"
