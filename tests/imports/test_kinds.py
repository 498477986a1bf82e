"""The other kinds: indicator values (approved values frozen, years within the plan, linked indicators),
traffic accidents, surveys, staff and budget tables; encodings and delimiters through the whole import."""

from decimal import Decimal

import pytest
from django.utils import timezone

from imports.models import ImportOutcome
from plans.models import Plan
from stats.models import FinancialLine, IndicatorValue, StaffLine, StaffTable, StatPoint, StatSeries
from tests import factories as f

from .conftest import csv_bytes, problems_at, run_import


@pytest.fixture
def plan(world):
    return f.PlanFactory(zone=world.zone, title="ZVP 2020-2025", status=Plan.Status.PUBLISHED)


@pytest.fixture
def indicators(plan, world, council):
    coded = f.IndicatorFactory(plan=plan, code="V1", name="Letselongevallen")
    named = f.IndicatorFactory(plan=plan, code="", name="Tevredenheid over de wijkwerking")
    f.IndicatorValueFactory(
        indicator=coded, year=2021, value=Decimal(80), approved_by=council, approved_at=timezone.now()
    )
    return coded, named


@pytest.mark.django_db
def test_indicator_values_of_a_year(world, plan, indicators):
    coded, named = indicators
    content = csv_bytes(
        [
            ["jaar", "indicator", "waarde", "opmerking"],
            [2022, "v1", "75,5", "telling"],
            [2022, "Tevredenheid over de wijkwerking", 61, ""],
            [2023, "V1", "", ""],
        ]
    )
    job = run_import(world.advisor, "indicatorwaarden", content, plan=plan)
    assert job.outcome == ImportOutcome.IMPORTED, job.problems
    assert job.summary["new"] == 2
    value = IndicatorValue.objects.get(indicator=coded, year=2022)
    assert value.value == Decimal("75.5") and value.note == "telling" and value.entered_by == world.advisor
    assert not value.from_series and job.file_name in value.import_source
    assert value.history.first().history_change_reason == job.change_reason
    assert IndicatorValue.objects.get(indicator=named, year=2022).value == 61
    assert not IndicatorValue.objects.filter(year=2023).exists()  # an empty value is skipped
    again = run_import(world.advisor, "indicatorwaarden", content, plan=plan)
    assert again.outcome == ImportOutcome.UNCHANGED


@pytest.mark.django_db
def test_indicator_value_problems(world, plan, indicators):
    content = csv_bytes(
        [
            ["jaar", "indicator", "waarde"],
            [2019, "V1", 3],  # row 2: before the plan
            [2021, "V1", 81],  # row 3: approved value changes
            [2021, "V1", 80],  # row 4: duplicate of row 3 (same key)
            [2022, "V9", 1],  # row 5: unknown indicator
            [2022, "V1", "n.v.t."],  # row 6: not a number
        ],
        encoding="cp1252",
    )
    job = run_import(world.advisor, "indicatorwaarden", content, plan=plan)
    assert job.outcome == ImportOutcome.INVALID
    assert problems_at(job) == {(2, "jaar"), (4, "indicator + jaar"), (5, "indicator"), (6, "waarde")}
    # The approved value is reported once the rows are clean.
    job = run_import(
        world.advisor,
        "indicatorwaarden",
        csv_bytes([["jaar", "indicator", "waarde"], [2021, "V1", 81], [2021, "Tevredenheid over de wijkwerking", 5]]),
        plan=plan,
    )
    assert problems_at(job) == {(2, "waarde")}
    assert not IndicatorValue.objects.filter(value=5).exists()
    # The same approved value is no change at all.
    job = run_import(
        world.advisor, "indicatorwaarden", csv_bytes([["jaar", "indicator", "waarde"], [2021, "V1", 80]]), plan=plan
    )
    assert job.outcome == ImportOutcome.UNCHANGED


@pytest.mark.django_db
def test_a_linked_indicator_follows_the_imported_series(world, plan):
    series = f.StatSeriesFactory(zone=world.zone, kind="crime", crime_category=world.burglary, name="Woninginbraak")
    linked = f.IndicatorFactory(plan=plan, code="W1", name="Woninginbraken", series=series)
    content = csv_bytes(
        [
            ["jaar", "categorie", "aantal", "voorlopig"],
            [2021, "woninginbraak", 210, "nee"],
            [2022, "woninginbraak", 190, "nee"],
            [2019, "woninginbraak", 250, "nee"],
        ]
    )
    job = run_import(world.advisor, "criminaliteit", content, zone=world.zone)
    assert job.outcome == ImportOutcome.IMPORTED, job.problems
    assert job.summary["linked_values"] == 2  # 2019 lies before the plan
    values = {v.year: v for v in linked.values.all()}
    assert set(values) == {2021, 2022}
    assert values[2021].value == 210 and values[2021].from_series
    # The indicator values may repeat the series' figures but not change them.
    job = run_import(
        world.advisor, "indicatorwaarden", csv_bytes([["jaar", "indicator", "waarde"], [2021, "W1", 210]]), plan=plan
    )
    assert job.outcome == ImportOutcome.UNCHANGED
    job = run_import(
        world.advisor, "indicatorwaarden", csv_bytes([["jaar", "indicator", "waarde"], [2021, "W1", 7]]), plan=plan
    )
    assert problems_at(job) == {(2, "waarde")}
    # A corrected figure flows through to the (unapproved) value.
    content = csv_bytes([["jaar", "categorie", "aantal", "voorlopig"], [2021, "woninginbraak", 215, "nee"]])
    run_import(world.advisor, "criminaliteit", content, zone=world.zone, overwrite=True)
    assert linked.values.get(year=2021).value == 215


@pytest.mark.django_db
def test_accidents_by_severity_with_semicolons_and_windows_1252(world):
    content = csv_bytes(
        [
            ["jaar", "nis_code", "ernst", "aantal"],
            [2023, "24038", "lichtgewond", 95],
            [2023, "24038", "Dodelijk", 1],
            [2023, "24038", "licht", 3],
        ],
        encoding="cp1252",
    )
    job = run_import(world.advisor, "verkeersongevallen", content, zone=world.zone)
    assert problems_at(job) == {(4, "ernst")}
    content = csv_bytes(
        [["jaar", "nis_code", "ernst", "aantal"], [2023, "24038", "lichtgewond", 95], [2023, "24038", "Dodelijk", 1]],
        encoding="cp1252",
    )
    job = run_import(world.advisor, "verkeersongevallen", content, zone=world.zone)
    assert job.outcome == ImportOutcome.IMPORTED
    # Issue 13: a file without meting is read by its word; injured and killed count victims, not accidents.
    assert set(StatSeries.objects.filter(kind="victims").values_list("severity", flat=True)) == {"injured", "killed"}
    assert not StatSeries.objects.filter(kind="accidents").exists()


@pytest.mark.django_db
def test_survey_with_a_comparison_area_in_windows_1252_and_commas(world):
    question = "Voelt zich onveilig in de eigen buurt (één op de tien?)"
    content = csv_bytes(
        [
            ["jaar", "vraag", "waarde", "vergelijkingsgebied", "waarde_vergelijkingsgebied"],
            [2021, question, '"13,5"', "Vlaams Gewest", "11"],
            [2024, question, "101", "Vlaams Gewest", ""],
        ],
        delimiter=",",
        encoding="cp1252",
    )
    job = run_import(world.advisor, "enquete", content, zone=world.zone)
    assert problems_at(job) == {(3, "waarde")}
    content = csv_bytes(
        [
            ["jaar", "vraag", "waarde", "vergelijkingsgebied", "waarde_vergelijkingsgebied"],
            [2021, question, '"13,5"', "Vlaams Gewest", "11"],
        ],
        delimiter=",",
        encoding="cp1252",
    )
    job = run_import(world.advisor, "enquete", content, zone=world.zone)
    assert job.outcome == ImportOutcome.IMPORTED, job.problems
    # Issue 13: the older format still imports; the comparison figure goes to the comparison area's series.
    series = StatSeries.objects.get(kind="survey", area="")
    assert series.question == question and series.unit == "%"
    assert StatPoint.objects.get(series=series).value == Decimal("13.5")
    region = StatSeries.objects.get(kind="survey", area="Vlaams Gewest")
    assert region.question == question and StatPoint.objects.get(series=region).value == Decimal(11)
    # Another comparison area is a third area, no longer a problem (it used to be refused).
    content = csv_bytes([["jaar", "vraag", "waarde", "vergelijkingsgebied", "waarde_vergelijkingsgebied"],
                         [2024, question, 12, "Provincie", 10]])  # fmt: skip
    assert run_import(world.advisor, "enquete", content, zone=world.zone).outcome == ImportOutcome.IMPORTED
    assert StatSeries.objects.filter(kind="survey", question=question).count() == 3


@pytest.mark.django_db
def test_staff_table(world, draft_plan):
    header = ["peildatum", "totaal_gedrukt", "categorie", "graad", "werkelijk", "vte", "organiek"]
    content = csv_bytes(
        [
            header,
            ["01-01-2024", 30, "operationeel", "Inspecteur", 20, "19,5", 22],
            ["01-01-2024", 30, "calog", "Niveau A", 5, "", ""],
        ]
    )
    job = run_import(world.advisor, "personeel", content, plan=draft_plan)
    assert job.outcome == ImportOutcome.IMPORTED, job.problems
    table = StaffTable.objects.get(plan=draft_plan)
    assert table.printed_total == 30 and table.total_disagrees  # 25 counted, 30 printed
    assert StaffLine.objects.get(label="Inspecteur").fte == Decimal("19.5")
    bad = csv_bytes(
        [
            header,
            ["31-02-2024", 30, "operationeel", "Inspecteur", "-1", "", ""],
            ["01-01-2024", 31, "burger", "Niveau A", 5, "", ""],
        ]
    )
    assert problems_at(run_import(world.advisor, "personeel", bad, plan=draft_plan)) == {
        (2, "peildatum"),
        (2, "werkelijk"),
        (3, "categorie"),
    }


@pytest.mark.django_db
def test_budget_lines(world, draft_plan):
    header = ["jaar", "soort", "categorie", "nis_code", "omschrijving", "bedrag"]
    content = csv_bytes(
        [
            header,
            [2024, "begroting", "dotatie", "24038", "Dotatie Herent", "1.250.000,50"],
            [2024, "begroting", "personeel", "", "Personeelskosten", "9000000"],
        ]
    )
    job = run_import(world.advisor, "begroting", content, plan=draft_plan)
    assert job.outcome == ImportOutcome.IMPORTED, job.problems
    dotation = FinancialLine.objects.get(label="Dotatie Herent")
    assert dotation.amount == Decimal("1250000.50") and dotation.municipality == world.herent
    bad = csv_bytes(
        [
            header,
            [2030, "begroting", "dotatie", "44021", "Dotatie", "-5"],
            [2024, "begroting", "personeel", "24038", "Personeel", "1"],
        ]
    )
    assert problems_at(run_import(world.advisor, "begroting", bad, plan=draft_plan)) == {
        (2, "jaar"),
        (2, "nis_code"),
        (2, "bedrag"),
        (3, "nis_code"),
    }


@pytest.mark.django_db
def test_frozen_plans_refuse_tables(world, plan, advisor):
    content = csv_bytes(
        [["jaar", "soort", "categorie", "omschrijving", "bedrag"], [2024, "begroting", "werking", "x", 1]]
    )
    job = run_import(advisor, "begroting", content, plan=plan)
    assert job.is_failed  # the advisor may not change a published plan's tables


@pytest.mark.django_db
def test_a_value_typed_over_a_linked_one_is_no_longer_marked_as_from_the_series(world, plan):
    from stats.services import record_values

    series = f.StatSeriesFactory(zone=world.zone, kind="crime", crime_category=world.burglary, name="Woninginbraak")
    linked = f.IndicatorFactory(plan=plan, code="W2", name="Inbraken", series=series)
    content = csv_bytes([["jaar", "categorie", "aantal", "voorlopig"], [2021, "woninginbraak", 210, "nee"]])
    assert run_import(world.advisor, "criminaliteit", content, zone=world.zone).outcome == ImportOutcome.IMPORTED
    value = linked.values.get(year=2021)
    assert value.from_series and value.import_source
    record_values(plan, 2021, [{"indicator": linked.pk, "value": 205, "note": "eigen telling"}], world.advisor)
    value.refresh_from_db()
    assert value.value == 205 and not value.from_series and value.import_source == ""
