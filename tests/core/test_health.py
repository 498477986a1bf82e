"""/health/: database, cache and broker, 200 when all answer, 503 naming what is down."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

CLOSED_REDIS = "redis://127.0.0.1:1/0"
REDIS_CACHE_DOWN = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": CLOSED_REDIS,
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
    }
}


def test_healthy(client, db):
    response = client.get("/health/")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok" and body["down"] == []
    assert body["checks"]["database"] == "ok" and body["checks"]["cache"] == "ok"
    assert response["Cache-Control"] == "no-store"


def test_answers_any_host_over_plain_http(client, db, settings):
    """A container probe speaks plain HTTP to 127.0.0.1: neither redirected to HTTPS nor refused for its host."""
    settings.SECURE_SSL_REDIRECT = True
    settings.ALLOWED_HOSTS = ["zvp.example.be"]
    assert client.get("/health/", HTTP_HOST="127.0.0.1:8000").status_code == 200


def test_names_the_cache_and_the_broker_when_down(client, db, settings):
    settings.CACHES = REDIS_CACHE_DOWN
    settings.CELERY_BROKER_URL = CLOSED_REDIS
    settings.CELERY_TASK_ALWAYS_EAGER = False
    response = client.get("/health/")
    assert response.status_code == 503
    body = response.json()
    assert body["down"] == ["cache", "broker"]
    assert body["checks"]["database"] == "ok"
    assert body["checks"]["cache"].startswith("down: ")


def test_the_command_fails_naming_what_is_down(db, settings):
    call_command("health")
    settings.CACHES = REDIS_CACHE_DOWN
    with pytest.raises(CommandError, match="cache"):
        call_command("health")
