"""A load test of the running site: gunicorn with several workers on the scratch database and Redis.

Loopback only, bounded in time and count: *users* threads (http.client) request the public plan
page, search and the zone dashboard (signed in with a session cookie made by Django's test client)
in turn for *seconds* seconds or until *max_requests* were sent. Reported: throughput, median and
95th percentile per page and overall, and errors (a status other than 200, or no answer).
"""

import http.client
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

from benchmarks.pages import SEARCH_QUERY, percentile

ROOT = Path(__file__).resolve().parent.parent
REDIS_HOST, REDIS_PORT = "127.0.0.1", 6379


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _redis(db: int):
    try:
        import redis

        client = redis.Redis(host=REDIS_HOST, port=REDIS_PORT, db=db, socket_connect_timeout=2)
        client.ping()
        return client
    except Exception:
        return None


def _get(port: int, path: str, cookie: str | None, timeout: float = 120) -> tuple[int, float]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    headers = {"Host": "127.0.0.1"}
    if cookie:
        headers["Cookie"] = cookie
    start = time.perf_counter()
    try:
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        response.read()
        return response.status, time.perf_counter() - start
    except OSError:
        return 0, time.perf_counter() - start
    finally:
        connection.close()


def _session_cookie() -> str:
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client

    admin, _ = get_user_model().objects.get_or_create(
        username="bench-admin", defaults={"is_superuser": True, "is_staff": True}
    )
    client = Client()
    client.force_login(admin)
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


def _wait_ready(port: int, process, seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("gunicorn stopped before answering")
        status, _elapsed = _get(port, "/", None, timeout=5)
        if status == 200:
            return
        time.sleep(0.5)
    raise RuntimeError("gunicorn did not answer in time")


def run_load(database_url: str, users: int = 20, seconds: float = 30, max_requests: int = 3000) -> dict:
    from django.urls import reverse

    from editor.national import SLUG_PREFIX
    from plans.models import Plan

    workers = int(os.environ.get("BENCH_LOAD_WORKERS", "3"))
    redis_db = int(os.environ.get("BENCH_REDIS_DB", "15"))
    plan = Plan.objects.filter(zone__slug__startswith=SLUG_PREFIX).order_by("pk").first()
    cookie = _session_cookie()
    targets = [
        ("public plan page", reverse("public:plan", args=[plan.pk]), None),
        ("search", f"{reverse('public:search')}?q={SEARCH_QUERY}", None),
        ("zone dashboard", reverse("dashboards:plan", args=[plan.pk]), cookie),
    ]
    redis = _redis(redis_db)
    if redis:
        redis.flushdb()
    port = _free_port()
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_DEBUG": "0",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_SECURE_COOKIES": "0",
        "DJANGO_LOG_LEVEL": "WARNING",
    }
    if redis:
        env["CACHE_URL"] = f"redis://{REDIS_HOST}:{REDIS_PORT}/{redis_db}"
    gunicorn = [sys.executable, "-m", "gunicorn", "zvp_portal.wsgi", "-w", str(workers)]
    gunicorn += ["-b", f"127.0.0.1:{port}", "--timeout", "120", "--log-level", "warning"]
    process = subprocess.Popen(gunicorn, cwd=ROOT, env=env)
    try:
        _wait_ready(port, process)
        samples = {label: [] for label, _path, _cookie in targets}
        errors = dict.fromkeys(samples, 0)
        lock, sent = threading.Lock(), [0]
        deadline = time.monotonic() + seconds

        def user(offset: int):
            n = offset
            while time.monotonic() < deadline:
                with lock:
                    if sent[0] >= max_requests:
                        return
                    sent[0] += 1
                label, path, cookie_header = targets[n % len(targets)]
                n += 1
                status, elapsed = _get(port, path, cookie_header)
                with lock:
                    samples[label].append(elapsed)
                    if status != 200:
                        errors[label] += 1

        start = time.perf_counter()
        threads = [threading.Thread(target=user, args=(i,)) for i in range(users)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        wall = time.perf_counter() - start
    finally:
        process.terminate()
        process.wait(timeout=30)
        if redis:
            redis.flushdb()
    every = [t for times in samples.values() for t in times]

    def summary(times, errs):
        if not times:
            return {"requests": 0, "errors": errs}
        return {
            "requests": len(times),
            "per_s": round(len(times) / wall, 1),
            "median_ms": round(statistics.median(times) * 1000),
            "p95_ms": round(percentile(times, 0.95) * 1000),
            "errors": errs,
        }

    result = {
        "users": users,
        "seconds": round(wall, 1),
        "max_requests": max_requests,
        "workers": workers,
        "cache": f"Redis db {redis_db}" if redis else "per-process memory (no Redis reachable)",
        "total": summary(every, sum(errors.values())),
        "pages": {label: summary(samples[label], errors[label]) for label in samples},
    }
    print(f"  {'load test':32} {result}", flush=True)
    return result
