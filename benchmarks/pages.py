"""Page timings on the national data set: each page against the bare SQL that fetches the same data.

For every page: the Django test client requests it *repeat* times (as a site administrator, or
anonymously for the public pages, whose cache serves anonymous visitors). The queries of each
request are captured (CaptureQueriesContext) and, in the same loop, exactly those SELECT statements
are run again on a raw cursor with their rows fetched: that is the floor, what the data costs
without the framework. Reported: median and 95th percentile of both, the query count, and the ratio
page / floor.
"""

import os
import statistics
import time
from urllib.parse import urlencode

SEARCH_QUERY = "woninginbraken"


def percentile(values, fraction: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def _floor(queries) -> tuple[float, int]:
    """Seconds to run the captured SELECTs again on a raw cursor (rows fetched); statements run."""
    from django.db import connection

    statements = [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith(("SELECT", "WITH"))]
    start = time.perf_counter()
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)
            cursor.fetchall()
    return time.perf_counter() - start, len(statements)


def measure(client, url: str, repeat: int, clear_cache: bool = False) -> dict:
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    times, floors, counts, status = [], [], [], None
    client.get(url)  # warm-up: imports, template loading, connection
    for _ in range(repeat):
        if clear_cache:
            cache.clear()
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            response = client.get(url)
            if hasattr(response, "streaming_content"):
                b"".join(response.streaming_content)
            times.append(time.perf_counter() - start)
        status = response.status_code
        counts.append(len(captured.captured_queries))
        floor, _run = _floor(captured.captured_queries)
        floors.append(floor)
    median, floor_median = statistics.median(times), statistics.median(floors)
    return {
        "url": url,
        "status": status,
        "runs": repeat,
        "median_ms": round(median * 1000, 1),
        "p95_ms": round(percentile(times, 0.95) * 1000, 1),
        "queries": int(statistics.median(counts)),
        "sql_median_ms": round(floor_median * 1000, 2),
        "ratio_to_sql": round(median / floor_median, 1) if floor_median > 0 else None,
        "bytes": len(response.content) if not hasattr(response, "streaming_content") else None,
    }


def _measure_key(user) -> str:
    from dashboards.services.comparison import available_measures, comparable_zones

    keys = [m.key for m in available_measures(user, comparable_zones(user))]
    statistic = [k for k in keys if not k.startswith("indicator")]
    return (statistic or keys or [""])[0]


def bench_pages(repeat: int | None = None) -> dict:
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.urls import reverse

    from editor.national import SLUG_PREFIX
    from plans.models import Plan
    from priorities.models import Priority

    repeat = repeat or int(os.environ.get("BENCH_REPEAT", "10"))
    admin, _ = get_user_model().objects.get_or_create(
        username="bench-admin", defaults={"is_superuser": True, "is_staff": True}
    )
    staff = Client()
    staff.force_login(admin)
    public = Client()
    plan = Plan.objects.filter(zone__slug__startswith=SLUG_PREFIX).order_by("pk").first()
    priority = Priority.objects.filter(plan=plan).order_by("number").first()
    measure_key = _measure_key(admin)
    plan_url = reverse("public:plan", args=[plan.pk])
    priority_url = reverse("public:priority", args=[plan.pk, priority.pk])
    compare_url = reverse("dashboards:compare")
    pages = [
        ("zone dashboard", staff, reverse("dashboards:plan", args=[plan.pk]), False),
        ("zone dashboard API", staff, f"/api/v1/dashboard/plans/{plan.pk}/", False),
        ("API priorities (200)", staff, "/api/v1/priorities/?page_size=200", False),
        ("API indicators (200)", staff, "/api/v1/indicators/?page_size=200", False),
        ("public plan page, cached", public, plan_url, False),
        ("public plan page, uncached", public, plan_url, True),
        ("public priority page, cached", public, priority_url, False),
        ("public priority page, uncached", public, priority_url, True),
        ("search", public, f"{reverse('public:search')}?q={SEARCH_QUERY}", True),
        ("sitemap", public, reverse("public:sitemap"), True),
        ("home", public, "/", True),
        ("comparison, no measure", staff, compare_url, False),
        ("comparison, with a measure", staff, f"{compare_url}?{urlencode({'measure': measure_key})}", False),
    ]
    results = {}
    for label, client, url, clear in pages:
        results[label] = measure(client, url, repeat, clear_cache=clear)
        print(f"  {label:32} {results[label]}", flush=True)
    return results
