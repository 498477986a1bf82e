"""Portal-wide tasks that belong to no single app."""

from celery import shared_task
from django.db import connection


@shared_task(name="zvp_portal.ping")
def ping(token: str) -> dict:
    """Health check: proves a worker runs, reaches the database and answers.

    Returns the token it was given with the database vendor the worker sees,
    so a caller can tell a real round trip from an eager call.
    """
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        (one,) = cursor.fetchone()
    return {"token": token, "db": connection.vendor, "ok": one == 1}
