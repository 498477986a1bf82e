"""Registered crime: every validation error with its row and column, all or nothing, idempotence, history."""

from decimal import Decimal

import pytest

from imports.models import ImportOutcome
from stats.models import StatPoint, StatSeries
from tests import factories as f

from .conftest import csv_bytes, problems_at, run_import

HEADER = ["jaar", "nis_code", "categorie", "aantal", "voorlopig"]


def crime(world, lines, **kwargs):
    return run_import(world.advisor, "criminaliteit", csv_bytes([HEADER, *lines], **kwargs), zone=world.zone)


@pytest.mark.django_db
def test_a_clean_file_creates_series_and_points(world):
    job = crime(
        world,
        [
            [2023, "24038", "woninginbraak", 120, "nee"],
            [2024, "24038", "woninginbraak", 131, "ja"],
            [2024, "", "drugs", 40, ""],
        ],
    )
    assert job.is_done and job.outcome == ImportOutcome.IMPORTED, job.problems
    assert job.summary["new"] == 3
    series = StatSeries.objects.get(zone=world.zone, municipality=world.herent, crime_category=world.burglary)
    assert series.kind == "crime"
    points = {p.year: p for p in series.points.all()}
    assert points[2023].value == Decimal(120) and not points[2023].is_provisional
    assert points[2024].is_provisional
    assert StatPoint.objects.get(series__municipality=None, series__crime_category=world.drugs).value == 40


@pytest.mark.django_db
def test_every_problem_is_reported_with_row_and_column(world):
    job = crime(
        world,
        [
            [2023, "24038", "woninginbraak", 120, "nee"],  # row 2: fine
            [2023, "99999", "woninginbraak", 1, ""],  # row 3: unknown NIS code
            [2023, "44021", "woninginbraak", 1, ""],  # row 4: NIS code of another zone
            [2023, "24038", "onbekend", 1, ""],  # row 5: unknown category
            [2023, "24038", "woninginbraak", 7, ""],  # row 6: duplicate of row 2
            [2023, "24055", "drugs", "veel", ""],  # row 7: not a number
            [2023, "24055", "fietsdiefstal", -3, ""],  # row 8: negative
            [2023, "24055", "woninginbraak", "2,5", ""],  # row 9: not whole
            ["twintig", "24055", "drugs", 1, ""],  # row 10: year not a number
            [1850, "24055", "drugs", 1, ""],  # row 11: implausible year
            [2022, "24055", "drugs", 1, "misschien"],  # row 12: voorlopig not ja/nee
            [2021, "24055", "", 1, ""],  # row 13: empty category
        ],
    )
    assert job.outcome == ImportOutcome.INVALID
    assert problems_at(job) == {
        (3, "nis_code"),
        (4, "nis_code"),
        (5, "categorie"),
        (6, "nis_code + categorie + jaar"),
        (7, "aantal"),
        (8, "aantal"),
        (9, "aantal"),
        (10, "jaar"),
        (11, "jaar"),
        (12, "voorlopig"),
        (13, "categorie"),
    }
    messages = {(p["row"], p["column"]): p["message"] for p in job.problems}
    assert "PZ Bravo" in messages[(4, "nis_code")]
    assert "row 2" in messages[(6, "nis_code + categorie + jaar")]
    assert StatSeries.objects.count() == 0 and StatPoint.objects.count() == 0


@pytest.mark.django_db
def test_missing_and_unknown_columns_are_reported_on_row_one(world):
    content = csv_bytes([["jaar", "gemeente", "categorie"], [2023, "24038", "drugs"]])
    job = run_import(world.advisor, "criminaliteit", content, zone=world.zone)
    assert problems_at(job) == {(1, "aantal"), (1, "gemeente")}


@pytest.mark.django_db
def test_hierarchy_and_zone_columns_are_checked(world):
    lines = [
        ["jaar", "categorie", "hoofdcategorie", "aantal", "politiezone"],
        [2023, "woninginbraak", "diefstal", 5, 5999],
        [2022, "woninginbraak", "drugs", 5, 5999],
        [2021, "woninginbraak", "diefstal", 5, 1234],
    ]
    job = run_import(world.advisor, "criminaliteit", csv_bytes(lines), zone=world.zone)
    assert problems_at(job) == {(3, "hoofdcategorie"), (4, "politiezone")}


@pytest.mark.django_db
def test_one_bad_row_in_ten_thousand_writes_nothing(world):
    rows = []
    for i in range(10_000):
        rows.append([1990 + i % 34, ["24038", "24055", ""][i // 34 % 3], f"cat{i // 102}", i % 500, "nee"])
    for n in range(100):
        f.CrimeCategoryFactory(code=f"cat{n}", name=f"Categorie {n}")
    rows[7_777][3] = "-1"
    job = crime(world, rows)
    assert job.outcome == ImportOutcome.INVALID
    assert problems_at(job) == {(7_779, "aantal")}
    assert StatPoint.objects.count() == 0 and StatSeries.objects.count() == 0
    rows[7_777][3] = "1"
    job = crime(world, rows)
    assert job.outcome == ImportOutcome.IMPORTED, job.problems[:3]
    assert StatPoint.objects.count() == 10_000


@pytest.mark.django_db
def test_reimporting_the_same_file_changes_nothing(world):
    lines = [[2023, "24038", "woninginbraak", 120, "nee"], [2024, "24038", "woninginbraak", 131, "ja"]]
    crime(world, lines)
    history = StatPoint.history.count(), StatSeries.history.count()
    job = crime(world, lines)
    assert job.outcome == ImportOutcome.UNCHANGED
    assert job.summary["unchanged"] == 2
    assert (StatPoint.history.count(), StatSeries.history.count()) == history


@pytest.mark.django_db
def test_a_corrected_file_asks_before_overwriting_and_names_the_file_in_the_history(world):
    first = crime(world, [[2023, "24038", "woninginbraak", 120, "nee"], [2024, "24038", "woninginbraak", 131, "ja"]])
    content = csv_bytes(
        [HEADER, [2023, "24038", "woninginbraak", 125, "nee"], [2024, "24038", "woninginbraak", 131, "ja"]]
    )
    job = run_import(world.advisor, "criminaliteit", content, name="gecorrigeerd.csv", zone=world.zone)
    assert job.outcome == ImportOutcome.NEEDS_CONFIRMATION
    assert job.summary == {"new": 0, "changed": 1, "unchanged": 1}
    point = StatPoint.objects.get(year=2023)
    assert point.value == 120

    from imports.services import confirm_overwrite

    assert confirm_overwrite(job)
    job.refresh_from_db()
    assert job.outcome == ImportOutcome.IMPORTED and job.summary["changed"] == 1
    point.refresh_from_db()
    assert point.value == 125
    assert "gecorrigeerd.csv" in point.import_source
    latest = point.history.first()
    assert latest.history_change_reason == f"Import #{job.pk}: gecorrigeerd.csv"
    assert latest.history_user == world.advisor
    assert "gecorrigeerd.csv" in latest.import_source
    assert point.history.count() == 2
    assert first.pk != job.pk
    # The untouched year kept its single history record.
    assert StatPoint.objects.get(year=2024).history.count() == 1


def test_the_series_history_page_names_the_file_a_change_came_from(world, client):
    from django.urls import reverse

    crime(world, [[2023, "24038", "woninginbraak", 120, "nee"]])
    content = csv_bytes([HEADER, [2023, "24038", "woninginbraak", 125, "nee"]])
    job = run_import(world.advisor, "criminaliteit", content, name="correctie.csv", zone=world.zone, overwrite=True)
    assert job.outcome == ImportOutcome.IMPORTED
    series = StatPoint.objects.get(year=2023).series
    client.force_login(world.advisor)
    html = client.get(reverse("editor:section-history", args=["reeksen", series.pk])).content.decode()
    assert f"Import #{job.pk}: correctie.csv" in html
