"""The health of a running portal: database, cache and broker, each checked with a short timeout.

``GET /health/`` answers JSON, 200 when everything answers and 503 naming what
is down. It is answered by :class:`HealthCheckMiddleware`, first in the chain,
so that a container's health probe (plain HTTP, ``Host: localhost``) is neither
redirected to HTTPS nor refused for its host name, and never cached. The
compose file's healthchecks call it (web) or ``manage.py health`` (worker).
"""

from __future__ import annotations

import json
import time

from django.conf import settings
from django.core.cache import cache
from django.db import connections
from django.http import HttpResponse

HEALTH_PATH = "/health/"
TIMEOUT_SECONDS = 2.0


def check_database() -> None:
    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def check_cache() -> None:
    key = "health:probe"
    token = str(time.time_ns())
    cache.set(key, token, 30)
    if cache.get(key) != token:
        raise RuntimeError("the cache did not keep what was written")


def check_broker() -> str | None:
    """Pings the broker; "not used" when Celery runs tasks in-process (no broker to check)."""
    url = settings.CELERY_BROKER_URL
    if not url or settings.CELERY_TASK_ALWAYS_EAGER:
        return "not used"
    if url.startswith(("redis://", "rediss://")):
        import redis

        client = redis.Redis.from_url(url, socket_connect_timeout=TIMEOUT_SECONDS, socket_timeout=TIMEOUT_SECONDS)
        try:
            client.ping()
        finally:
            client.close()
        return None
    from kombu import Connection

    with Connection(url, connect_timeout=TIMEOUT_SECONDS) as connection:
        connection.ensure_connection(max_retries=1, interval_start=0, timeout=TIMEOUT_SECONDS)
    return None


CHECKS = {"database": check_database, "cache": check_cache, "broker": check_broker}


def report() -> tuple[bool, dict]:
    """(healthy, body): every check's outcome ("ok", "not used" or the error) and the names of those down."""
    checks, down = {}, []
    for name, check in CHECKS.items():
        try:
            checks[name] = check() or "ok"
        except Exception as exc:
            checks[name] = f"down: {type(exc).__name__}: {exc}"[:300]
            down.append(name)
    return not down, {"status": "ok" if not down else "down", "down": down, "checks": checks}


def health_response() -> HttpResponse:
    healthy, body = report()
    response = HttpResponse(json.dumps(body), content_type="application/json", status=200 if healthy else 503)
    response["Cache-Control"] = "no-store"
    return response


class HealthCheckMiddleware:
    """Answers ``/health/`` before host validation, HTTPS redirection and sessions."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path == HEALTH_PATH and request.method in ("GET", "HEAD"):
            return health_response()
        return self.get_response(request)
