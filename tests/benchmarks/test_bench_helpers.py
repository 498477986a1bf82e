"""The benchmark helpers that need no database: scratch names, percentiles, plain HTML, the report."""

from benchmarks import scratch
from benchmarks.heavy import plain_html
from benchmarks.pages import percentile
from benchmarks.report import write


def test_the_scratch_database_lives_on_the_admin_server_never_on_database_url(monkeypatch):
    monkeypatch.setattr(scratch, "ADMIN_URL", "postgres://u@db:5432/postgres")
    assert scratch.url_of("zvp_bench_1") == "postgres://u@db:5432/zvp_bench_1"


def test_percentile_picks_the_nearest_rank():
    values = list(range(1, 21))
    assert percentile(values, 0.95) == 19
    assert percentile(values, 0.5) in (10, 11)
    assert percentile([3.0], 0.95) == 3.0


def test_plain_html_is_at_least_as_long_as_asked():
    html = plain_html(10_000)
    assert len(html) >= 10_000 and "<p>" in html


def test_report_writes_the_machine_and_the_tables(tmp_path):
    record = {
        "at": "2025-01-01T00:00:00",
        "json": "x.json",
        "machine": {"cpu": "CPU X", "cores": 2, "memory": "4.0 GiB", "python": "3.11"},
        "postgresql": "16.1",
        "zones": 3,
        "generate_s": 1.0,
        "repeat": 2,
        "dataset": {"zones": 3},
        "results": {
            "pages": {
                "home": {
                    "url": "/",
                    "median_ms": 1,
                    "p95_ms": 2,
                    "queries": 3,
                    "sql_median_ms": 0.5,
                    "ratio_to_sql": 2.0,
                    "status": 200,
                },
            },
        },
    }
    path = tmp_path / "PERFORMANCE.md"
    write(path, record)
    text = path.read_text()
    assert "CPU X" in text and "16.1" in text and "| home | `/` | 1 | 2 | 3 | 0.5 | 2.0 | 200 |" in text


def test_the_scratch_url_keeps_the_socket_form(monkeypatch):
    monkeypatch.setattr(scratch, "ADMIN_URL", "postgres:///postgres")
    assert scratch.url_of("zvp_bench_2") == "postgres:///zvp_bench_2"
