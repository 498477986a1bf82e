"""Settings come from the environment through strict, typed helpers."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from zvp_portal.env import env_bool, env_int, env_list, env_str

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(("raw", "expected"), [("1", True), ("true", True), ("On", True), ("0", False), ("no", False)])
def test_env_bool_reads_the_usual_spellings(monkeypatch, raw, expected):
    monkeypatch.setenv("ZVP_X", raw)
    assert env_bool("ZVP_X") is expected


def test_env_bool_refuses_anything_else(monkeypatch):
    monkeypatch.setenv("ZVP_X", "maybe")
    with pytest.raises(ImproperlyConfigured, match="ZVP_X"):
        env_bool("ZVP_X")


def test_env_int_and_list(monkeypatch):
    monkeypatch.delenv("ZVP_X", raising=False)
    assert env_int("ZVP_X", 7) == 7
    assert env_str("ZVP_X", "d") == "d"
    monkeypatch.setenv("ZVP_X", "12")
    assert env_int("ZVP_X", 7) == 12
    monkeypatch.setenv("ZVP_X", "twelve")
    with pytest.raises(ImproperlyConfigured, match="integer"):
        env_int("ZVP_X", 7)
    monkeypatch.setenv("ZVP_X", "a.be, b.be,")
    assert env_list("ZVP_X") == ["a.be", "b.be"]


def _manage(args, **env):
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_", "CELERY_", "CACHE_"))}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_embedded_defaults_are_sqlite_and_eager_celery():
    shell = "from django.conf import settings as s; print(s.DATABASES['default']['ENGINE'], s.CELERY_TASK_ALWAYS_EAGER)"
    result = _manage(["shell", "-c", shell])
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1].split() == ["django.db.backends.sqlite3", "True"]


def test_environment_selects_postgresql_and_a_broker():
    shell = "from django.conf import settings as s; print(s.DATABASES['default']['ENGINE'], s.CELERY_TASK_ALWAYS_EAGER)"
    result = _manage(
        ["shell", "-c", shell],
        DATABASE_URL="postgres://zvp@db.example:5432/zvp",
        CELERY_BROKER_URL="redis://redis.example:6379/0",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1].split() == ["django.db.backends.postgresql", "False"]


def test_production_refuses_to_start_without_a_secret_key():
    result = _manage(["check"], DJANGO_DEBUG="false")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_production_settings_pass_the_deployment_check():
    result = _manage(
        ["check", "--deploy", "--fail-level", "WARNING"],
        DJANGO_DEBUG="false",
        DJANGO_SECRET_KEY="a-long-random-production-secret-" + "x" * 40,
        DJANGO_ALLOWED_HOSTS="zvp.example.be",
        CACHE_URL="redis://redis.example:6379/2",
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_without_a_shared_cache_is_warned():
    """Three gunicorn workers with a cache each: a publication would clear one of them."""
    production = {
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": "a-long-random-production-secret-" + "x" * 40,
        "DJANGO_ALLOWED_HOSTS": "zvp.example.be",
    }
    result = _manage(["check"], **production)
    assert result.returncode == 0, result.stderr
    assert "zvp.W001" in result.stdout + result.stderr
    assert "CACHE_URL" in result.stdout + result.stderr
    shared = _manage(["check"], CACHE_URL="redis://redis.example:6379/2", **production)
    assert "zvp.W001" not in shared.stdout + shared.stderr
    development = _manage(["check"])
    assert "zvp.W001" not in development.stdout + development.stderr
