"""A scratch PostgreSQL database for the benchmarks: created empty, dropped at the end.

The benchmarks never touch the database ``DATABASE_URL`` names: they make their own,
``zvp_bench_<pid>``, on the server ``BENCH_PG_URL`` names (default: the local server through its
socket, ``postgres:///postgres``), and drop it when done (also after an error).
"""

import os
from contextlib import contextmanager, suppress
from urllib.parse import urlsplit

ADMIN_URL = os.environ.get("BENCH_PG_URL") or "postgres:///postgres"


def _admin_connection():
    import psycopg2

    connection = psycopg2.connect(ADMIN_URL.replace("postgres://", "postgresql://", 1))
    connection.autocommit = True
    return connection


def available() -> bool:
    try:
        _admin_connection().close()
    except Exception:
        return False
    return True


def url_of(name: str) -> str:
    parts = urlsplit(ADMIN_URL)
    query = f"?{parts.query}" if parts.query else ""
    return f"{parts.scheme}://{parts.netloc}/{name}{query}"  # urlunsplit would drop the empty host's "//"


def create(name: str) -> str:
    connection = _admin_connection()
    try:
        with connection.cursor() as cursor:
            cursor.execute(f'CREATE DATABASE "{name}"')
    finally:
        connection.close()
    return url_of(name)


def drop(name: str) -> None:
    connection = _admin_connection()
    try:
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        connection.close()


@contextmanager
def scratch_database(suffix: str = ""):
    """Yields the URL of a new empty database, dropped afterwards."""
    name = f"zvp_bench_{os.getpid()}{suffix}"
    url = create(name)
    try:
        yield url
    finally:
        from django.db import connections

        with suppress(Exception):  # Django may not be set up yet
            connections.close_all()
        drop(name)


def server_version(url: str) -> str:
    import psycopg2

    connection = psycopg2.connect(url.replace("postgres://", "postgresql://", 1))
    try:
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            return cursor.fetchone()[0]
    finally:
        connection.close()
