"""Portal-wide tasks that belong to no single app."""

from celery import shared_task
from django.db import connection


@shared_task(bind=True, name="zvp_portal.ping")
def ping(self, token: str) -> dict:
    """Health check: proves a worker runs, reaches the database and answers.

    Returns the token it was given, the database vendor the worker sees and
    the worker's name (None when the task ran eagerly, in the caller).
    """
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        (one,) = cursor.fetchone()
    return {
        "token": token,
        "db": connection.vendor,
        "ok": one == 1,
        "worker": None if self.request.is_eager else self.request.hostname,
    }
