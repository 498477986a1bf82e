"""docs/PERFORMANCE.md from one national benchmark run (the JSON stays in bench-results/)."""

import os
import platform
from pathlib import Path


def machine() -> dict:
    cpu = "unknown"
    memory = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
                break
    except OSError:
        pass
    return {"cpu": cpu, "cores": os.cpu_count(), "memory": memory, "python": platform.python_version()}


def _table(headers, rows) -> str:
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    lines += ["| " + " | ".join("" if v is None else str(v) for v in row) + " |" for row in rows]
    return "\n".join(lines)


def write(path: Path, record: dict) -> None:
    m, r = record["machine"], record["results"]
    out = [
        "# Performance at national scale",
        "",
        "Written by `make bench` (benchmarks/__main__.py); the raw figures are in "
        f"`bench-results/{record['json']}`. Do not edit by hand: run `make bench` again.",
        "",
        "## Run",
        "",
        _table(
            ["", ""],
            [
                ("Date", record["at"]),
                ("CPU", m["cpu"]),
                ("Cores", m["cores"]),
                ("Memory", m["memory"]),
                ("PostgreSQL", record["postgresql"]),
                ("Python", m["python"]),
                ("Zones generated (BENCH_ZONES)", record["zones"]),
                ("Data set made in", f"{record['generate_s']} s"),
                ("Runs per page (BENCH_REPEAT)", record["repeat"]),
            ],
        ),
        "",
        "The machine is shared (other processes ran at the same time): compare ratios rather than absolute times.",
        "",
        "### Data set (synthetic, `manage.py generate_national_dataset`)",
        "",
        _table(["rows", "count"], sorted(record["dataset"].items())),
        "",
    ]
    if "pages" in r:
        out += [
            "## Pages",
            "",
            "Django test client in-process (site administrator for the dashboards and the API, anonymous for the "
            "public pages). *SQL* is the floor: the same SELECT statements the page ran, re-run on a raw cursor "
            "with their rows fetched, in the same loop. *Ratio* = page median / SQL median. Uncached runs clear "
            "the cache before every request.",
            "",
            _table(
                ["page", "URL", "median ms", "p95 ms", "queries", "SQL ms", "ratio", "status"],
                [
                    (
                        label,
                        f"`{p['url']}`",
                        p["median_ms"],
                        p["p95_ms"],
                        p["queries"],
                        p["sql_median_ms"],
                        p["ratio_to_sql"],
                        p["status"],
                    )
                    for label, p in r["pages"].items()
                ],
            ),
            "",
        ]
    if "pdf" in r:
        out += [
            "## PDF jobs",
            "",
            "The document job (request, render, WeasyPrint, save) against WeasyPrint alone on the same HTML and on "
            "plain HTML (paragraphs only) of the same length.",
            "",
            _table(
                [
                    "document",
                    "pages",
                    "HTML chars",
                    "job s",
                    "WeasyPrint same HTML s",
                    "ratio",
                    "WeasyPrint plain HTML s",
                    "ratio",
                ],
                [
                    (
                        label,
                        d["pages"],
                        d["html_chars"],
                        d["job_s"],
                        d["weasyprint_same_html_s"],
                        d["ratio_to_same_html"],
                        d["weasyprint_plain_html_s"],
                        d["ratio_to_plain_html"],
                    )
                    for label, d in r["pdf"].items()
                ],
            ),
            "",
        ]
    if "import" in r:
        i = r["import"]
        out += [
            "## Import",
            "",
            "A crime-figures CSV through imports.services (check and write, one job) against PostgreSQL `COPY` of "
            "the same file into a scratch table with the same columns.",
            "",
            _table(
                ["rows", "import s", "import rows/s", "COPY s", "COPY rows/s", "ratio"],
                [
                    (
                        i["rows"],
                        i["import_s"],
                        i["import_rows_per_s"],
                        i["copy_s"],
                        i["copy_rows_per_s"],
                        i["ratio_to_copy"],
                    )
                ],
            ),
            "",
        ]
    if "load" in r:
        load = r["load"]
        out += [
            "## Load test",
            "",
            f"gunicorn, {load['workers']} sync workers, on loopback; cache: {load['cache']}. {load['users']} "
            f"concurrent users (threads, http.client) for {load['seconds']} s, at most {load['max_requests']} "
            "requests, taking the three pages in turn (the dashboard signed in with a session cookie).",
            "",
            _table(
                ["page", "requests", "per s", "median ms", "p95 ms", "errors"],
                [
                    (label, s["requests"], s.get("per_s"), s.get("median_ms"), s.get("p95_ms"), s["errors"])
                    for label, s in [*load["pages"].items(), ("all", load["total"])]
                ],
            ),
            "",
        ]
    path.parent.mkdir(exist_ok=True)
    path.write_text("\n".join(out))
