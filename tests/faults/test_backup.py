"""pg_dump and pg_restore round-trip a plan with its history (PostgreSQL only)."""

import os
import shutil
import subprocess
import uuid

import psycopg2
import pytest
from django.db import connection

from plans.models import Plan
from tests import factories as f

pytestmark = [pytest.mark.faults, pytest.mark.django_db(transaction=True)]


def _connection_args(settings_dict) -> list[str]:
    args = ["-h", settings_dict["HOST"] or "127.0.0.1", "-p", str(settings_dict["PORT"] or 5432)]
    return [*args, "-U", settings_dict["USER"] or "postgres"]


def test_a_plan_and_its_history_survive_pg_dump_and_restore(tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("pg_dump needs PostgreSQL")
    if not (shutil.which("pg_dump") and shutil.which("pg_restore")):
        pytest.skip("pg_dump and pg_restore are not installed")
    plan = f.PlanFactory(title="ZVP voor de back-up")
    f.PriorityFactory(plan=plan, short_title="Inbraken")
    plan.title = "ZVP voor de back-up, herzien"
    plan.save()
    history = list(plan.history.order_by("history_id").values_list("title", flat=True))
    assert len(history) >= 2

    settings_dict = connection.settings_dict
    args = _connection_args(settings_dict)
    env = {**os.environ, "PGPASSWORD": settings_dict["PASSWORD"] or ""}
    dump = tmp_path / "zvp.dump"
    subprocess.run(["pg_dump", *args, "-Fc", "-f", str(dump), settings_dict["NAME"]], check=True, env=env)
    restored = f"zvp_restore_{uuid.uuid4().hex[:8]}"
    subprocess.run(["createdb", *args, restored], check=True, env=env)
    try:
        subprocess.run(["pg_restore", *args, "--no-owner", "-d", restored, str(dump)], check=True, env=env)
        with (
            psycopg2.connect(
                dbname=restored,
                host=settings_dict["HOST"] or "127.0.0.1",
                port=settings_dict["PORT"] or 5432,
                user=settings_dict["USER"] or "postgres",
                password=settings_dict["PASSWORD"] or None,
            ) as other,
            other.cursor() as cursor,
        ):
            cursor.execute(f"SELECT title FROM {Plan._meta.db_table} WHERE id = %s", [plan.pk])
            assert cursor.fetchone() == (plan.title,)
            cursor.execute(
                f"SELECT title FROM {Plan.history.model._meta.db_table} WHERE id = %s ORDER BY history_id", [plan.pk]
            )
            assert [row[0] for row in cursor.fetchall()] == history
            cursor.execute("SELECT count(*) FROM priorities_priority WHERE plan_id = %s", [plan.pk])
            assert cursor.fetchone() == (1,)
        other.close()
    finally:
        subprocess.run(["dropdb", *args, "--if-exists", restored], check=False, env=env)
