"""Run the benchmarks: `make bench` (or `python -m benchmarks [name ...]`).

Each benchmark runs on its own fresh database (a temporary SQLite file unless
BENCH_DATABASE_URL names another), repeats its work a few times and reports
the median and the best wall time. Results go to stdout and to
bench-results/<timestamp>.json, so runs can be compared over time.
"""

import json
import os
import platform
import statistics
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _setup_django():
    tmp = tempfile.mkdtemp(prefix="zvp-bench-")
    os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{tmp}/bench.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zvp_portal.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _timed(fn, repeat):
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return {"median_s": round(statistics.median(times), 4), "best_s": round(min(times), 4), "runs": repeat}


def bench_load_demo():
    """load_demo on an empty database, then again (the idempotent no-op run)."""
    from django.core.management import call_command

    from plans.demo.loader import load_demo

    call_command("flush", "--noinput", verbosity=0)
    first = _timed(load_demo, 1)
    again = _timed(load_demo, 3)
    return {"first_load": first, "reload_no_changes": again}


def bench_gent_statuses():
    """Every Gent indicator's status for every year, with the prefetch the dashboards use."""
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    from plans.demo.loader import load_demo
    from stats.models import Indicator

    load_demo()
    reset_queries()

    def run():
        indicators = (
            Indicator.objects.filter(plan__zone__slug="gent")
            .select_related("plan")
            .prefetch_related("targets", "values")
        )
        return [(i.pk, y, i.status_for(y)) for i in indicators for y in i.plan.years]

    with CaptureQueriesContext(connection) as queries:
        run()
    return {"statuses": _timed(run, 20), "queries": len(queries)}


BENCHMARKS = {"load_demo": bench_load_demo, "gent_statuses": bench_gent_statuses}


def main(names):
    _setup_django()
    from django.db import connection

    results = {}
    for name in names or BENCHMARKS:
        results[name] = BENCHMARKS[name]()
        print(f"{name:16} {json.dumps(results[name])}")
    out = ROOT / "bench-results"
    out.mkdir(exist_ok=True)
    record = {
        "at": datetime.now().isoformat(timespec="seconds"),
        "python": platform.python_version(),
        "database": connection.vendor,
        "machine": platform.machine(),
        "cpus": os.cpu_count(),
        "results": results,
    }
    path = out / f"{datetime.now():%Y%m%d-%H%M%S}.json"
    path.write_text(json.dumps(record, indent=2))
    print(f"written to {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main(sys.argv[1:])
