"""Issue 13 in the import files: the unknown category names the closest ones, a zone's own categories, accidents
and victims as two measures, survey results per area and answer with response counts (old files still
import)."""

from decimal import Decimal

import pytest
from django.urls import reverse

from imports.models import ImportOutcome
from stats.models import StatPoint, StatSeries, SurveyResponse
from tests import factories as f

from .conftest import csv_bytes, problems_at, run_import

pytestmark = pytest.mark.django_db


def _messages(job):
    return {(p["row"], p["column"]): p["message"] for p in job.problems}


# --- Crime categories -------------------------------------------------------------------------------------------------


def test_an_unknown_category_names_the_closest_ones(world):
    content = csv_bytes([["jaar", "categorie", "aantal"], [2023, "woninginbraken", 5], [2023, "fietsdiefst", 2],
                         [2023, "xyzzy", 1]])  # fmt: skip
    job = run_import(world.advisor, "criminaliteit", content, zone=world.zone)
    messages = _messages(job)
    assert "Did you mean: Woninginbraak (woninginbraak)" in messages[(2, "categorie")]
    assert "Fietsdiefstal (fietsdiefstal)" in messages[(3, "categorie")]
    assert "/api/v1/crime-categories/" in messages[(4, "categorie")]  # nothing close: where the list is
    assert not StatPoint.objects.exists()


def test_a_zones_own_category_imports_for_that_zone_only(world):
    own = f.CrimeCategoryFactory(zone=world.zone, code="gsm-diefstal", name="Gsm-diefstal", parent=world.theft)
    content = csv_bytes([["jaar", "categorie", "hoofdcategorie", "aantal"], [2023, "gsm-diefstal", "diefstal", 14]])
    job = run_import(world.advisor, "criminaliteit", content, zone=world.zone)
    assert job.outcome == ImportOutcome.IMPORTED, job.problems
    assert StatSeries.objects.get(crime_category=own).zone == world.zone
    f.CrimeCategoryFactory(zone=world.other_zone, code="enkel-b", name="Enkel B")
    advisor_b = f.UserFactory()
    f.ZoneMembershipFactory(user=advisor_b, zone=world.other_zone, role="advisor")
    content = csv_bytes([["jaar", "categorie", "aantal"], [2023, "gsm-diefstal", 1]])
    job = run_import(advisor_b, "criminaliteit", content, zone=world.other_zone)
    assert problems_at(job) == {(2, "categorie")}  # zone A's own category does not exist for zone B
    assert "Gsm-diefstal" not in job.problems[0]["message"]  # and its name is not suggested either


# --- Traffic: accidents by type, victims by severity ------------------------------------------------------------------


def test_accidents_and_victims_are_two_measures(world):
    content = csv_bytes([
        ["jaar", "nis_code", "meting", "ernst", "aantal"],
        [2023, "", "ongevallen", "stoffelijke schade", 900],
        [2023, "", "ongevallen", "lichamelijk letsel", 210],
        [2023, "", "slachtoffers", "doden", 2],
        [2023, "", "slachtoffers", "zwaargewonden", 19],
        [2023, "", "slachtoffers", "lichtgewonden", 250],
        [2023, "24038", "", "lichamelijk_letsel", 40],  # no measure: the word says accidents
    ])  # fmt: skip
    job = run_import(world.advisor, "verkeersongevallen", content, zone=world.zone)
    assert job.outcome == ImportOutcome.IMPORTED, job.problems
    accidents = StatSeries.objects.filter(kind="accidents", municipality=None)
    assert {s.accident_type: s.points.get().value for s in accidents} == {"material": 900, "injury": 210}
    victims = StatSeries.objects.filter(kind="victims")
    assert {s.severity: s.points.get().value for s in victims} == {"killed": 2, "seriously_injured": 19,
                                                                   "injured": 250}  # fmt: skip
    assert StatSeries.objects.get(kind="accidents", municipality=world.herent).accident_type == "injury"


def test_a_severity_is_not_an_accident_type(world):
    content = csv_bytes([["jaar", "meting", "ernst", "aantal"], [2023, "ongevallen", "doden", 2],
                         [2023, "slachtoffers", "stoffelijke schade", 3], [2023, "fietsen", "doden", 1]])  # fmt: skip
    job = run_import(world.advisor, "verkeersongevallen", content, zone=world.zone)
    messages = _messages(job)
    assert "Accidents are counted by type" in messages[(2, "ernst")]
    assert "Victims are counted by severity" in messages[(3, "ernst")]
    assert (4, "meting") in messages
    assert not StatSeries.objects.exists()


def test_the_traffic_export_writes_the_measure_and_imports_unchanged(client, world):
    content = csv_bytes([["jaar", "meting", "ernst", "aantal"], [2023, "ongevallen", "letsel", 5],
                         [2023, "slachtoffers", "doden", 1]])  # fmt: skip
    run_import(world.advisor, "verkeersongevallen", content, zone=world.zone)
    client.force_login(world.advisor)
    exported = client.get(reverse("imports:export-zone", args=[world.zone.pk, "verkeersongevallen", "csv"]))
    text = exported.content.decode("utf-8-sig").splitlines()
    assert "2023;;ongevallen;lichamelijk_letsel;5;nee;5999" in text
    assert "2023;;slachtoffers;dodelijk;1;nee;5999" in text


# --- Surveys: areas, answers, response counts -------------------------------------------------------------------------

HEADER = ["jaar", "enquete", "vraag", "antwoord", "gebied", "waarde", "verstuurd", "teruggestuurd_papier",
          "teruggestuurd_online"]  # fmt: skip
Q = "Overlast van rondhangende jongeren"


def test_survey_results_per_area_and_answer_with_a_third_area_and_response_counts(world):
    content = csv_bytes([
        HEADER,
        [2021, "Veiligheidsmonitor", "Onveilig in de buurt", "", "", "13,5", 1500, 410, 230],
        [2021, "Veiligheidsmonitor", "Onveilig in de buurt", "", "Provincie Vlaams-Brabant", "11", "", "", ""],
        [2021, "Veiligheidsmonitor", "Onveilig in de buurt", "", "Vlaanderen", "10,2", 1500, 410, 230],
        [2020, "Stadsmonitor", Q, "veel", "24038", "8", "", "", ""],
        [2020, "Stadsmonitor", Q, "neutraal", "Herent", "20", "", "", ""],
        [2020, "Stadsmonitor", Q, "weinig", "herent", "72", "", "", ""],
        [2020, "Stadsmonitor", Q, "veel", "Kortenberg", "6", "", "", ""],
        [2020, "Stadsmonitor", Q, "veel", "Vlaanderen", "9", "", "", ""],
    ])  # fmt: skip
    job = run_import(world.advisor, "enquete", content, zone=world.zone)
    assert job.outcome == ImportOutcome.IMPORTED, job.problems
    monitor = StatSeries.objects.filter(question="Onveilig in de buurt")
    assert {(s.area_name, s.points.get().value) for s in monitor} == {
        (world.zone.name, Decimal("13.5")),
        ("Provincie Vlaams-Brabant", Decimal(11)),
        ("Vlaanderen", Decimal("10.2")),
    }  # three areas: none lost
    assert {s.survey for s in monitor} == {"Veiligheidsmonitor"}
    city = StatSeries.objects.filter(question=Q)
    assert {(s.municipality_id, s.area, s.answer) for s in city} == {
        (world.herent.pk, "", "veel"), (world.herent.pk, "", "neutraal"), (world.herent.pk, "", "weinig"),
        (world.kortenberg.pk, "", "veel"), (None, "Vlaanderen", "veel"),
    }  # fmt: skip
    response = SurveyResponse.objects.get(zone=world.zone)
    assert (response.survey, response.year, response.sent, response.returned) == ("Veiligheidsmonitor", 2021, 1500, 640)
    assert response.response_rate == Decimal("42.7")
    again = run_import(world.advisor, "enquete", content, zone=world.zone)
    assert again.outcome == ImportOutcome.UNCHANGED and again.summary["unchanged"] == 9  # 8 figures, 1 count


def test_survey_rows_that_disagree_or_name_a_municipality_of_another_zone_are_refused(world):
    content = csv_bytes([
        HEADER,
        [2021, "Veiligheidsmonitor", "Vraag", "", "", "13", 1500, 410, 230],
        [2021, "Veiligheidsmonitor", "Vraag", "", "Vlaanderen", "12", 1500, 400, 230],  # other counts
        [2021, "", "Vraag", "", "Kortenberg", "12", 100, "", ""],  # counts without a survey
        [2021, "Veiligheidsmonitor", "Vraag", "", "44021", "12", "", "", ""],  # Gent: zone B
        [2021, "Veiligheidsmonitor", "Vraag 2", "", "", "12", 10, 8, 5],  # more returned than sent
    ])  # fmt: skip
    job = run_import(world.advisor, "enquete", content, zone=world.zone)
    assert problems_at(job) == {(3, "verstuurd"), (4, "enquete"), (5, "gebied"), (6, "verstuurd")}
    assert not StatSeries.objects.exists() and not SurveyResponse.objects.exists()


def test_an_old_survey_row_and_a_new_row_for_the_same_area_must_agree(world):
    content = csv_bytes([
        ["jaar", "vraag", "gebied", "waarde", "vergelijkingsgebied", "waarde_vergelijkingsgebied"],
        [2021, "Vraag", "", "13", "Vlaanderen", "11"],
        [2021, "Vraag", "Vlaanderen", "12", "", ""],
    ])  # fmt: skip
    job = run_import(world.advisor, "enquete", content, zone=world.zone)
    assert job.outcome == ImportOutcome.INVALID
    assert job.problems[0]["row"] == 3 and "another figure for Vlaanderen" in job.problems[0]["message"]


def test_the_quality_page_flags_a_category_that_differs_from_its_partition(client, world):
    drugs = world.drugs
    drugs.children_partition = True
    drugs.save()
    possession = f.CrimeCategoryFactory(code="bezit", name="Bezit", parent=drugs)
    trade = f.CrimeCategoryFactory(code="handel", name="Handel", parent=drugs)
    lines = [[2022, "drugs", 60], [2022, "bezit", 40], [2022, "handel", 20]]
    lines += [[2023, "drugs", 61], [2023, "bezit", 40], [2023, "handel", 20]]
    content = csv_bytes([["jaar", "categorie", "aantal"], *lines])
    assert run_import(world.advisor, "criminaliteit", content, zone=world.zone).outcome == ImportOutcome.IMPORTED
    assert {possession.series.get().pk, trade.series.get().pk}
    client.force_login(world.advisor)
    html = client.get(reverse("imports:quality", args=[world.zone.pk])).content.decode()
    assert "The registered figure is 61, its sub-categories add up to 60." in html
    assert "The registered figure is 60" not in html
