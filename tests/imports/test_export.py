"""Exports in the import's format: an exported file imports unchanged (round trip), CSV and XLSX."""

import csv
import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook

from core.spreadsheets import is_formula_like
from imports.models import ImportOutcome
from plans.models import Plan
from stats.models import FinancialLine, IndicatorValue, StaffLine, StaffTable, StatPoint, StatSeries
from tests import factories as f

from .conftest import csv_bytes, run_import


@pytest.fixture
def stored(world, advisor):
    """Figures of every kind in zone A, imported from files so that they are realistic."""
    run_import(
        advisor,
        "criminaliteit",
        csv_bytes(
            [
                ["jaar", "nis_code", "categorie", "aantal", "voorlopig"],
                [2022, "24038", "woninginbraak", 120, "nee"],
                [2023, "24038", "woninginbraak", 131, "ja"],
                [2023, "", "diefstal", 900, "nee"],
                [2023, "24055", "drugs", 12, "nee"],
            ]
        ),
        zone=world.zone,
    )
    run_import(
        advisor,
        "verkeersongevallen",
        csv_bytes(
            [
                ["jaar", "nis_code", "ernst", "aantal"],
                [2023, "", "zwaargewond", 14],
                [2023, "24038", "materiele_schade", 300],
            ]
        ),
        zone=world.zone,
    )
    run_import(
        advisor,
        "enquete",
        csv_bytes(
            [
                ["jaar", "vraag", "waarde", "vergelijkingsgebied", "waarde_vergelijkingsgebied"],
                [2021, "Onveiligheidsgevoel", "13,5", "Vlaams Gewest", "11,25"],
                [2024, "Onveiligheidsgevoel", "12", "Vlaams Gewest", ""],
            ]
        ),
        zone=world.zone,
    )
    plan = f.PlanFactory(zone=world.zone, status=Plan.Status.DRAFT)
    f.IndicatorFactory(plan=plan, code="V1")
    f.IndicatorFactory(plan=plan, code="", name="Zonder code")
    run_import(
        advisor,
        "indicatorwaarden",
        csv_bytes(
            [
                ["jaar", "indicator", "waarde", "opmerking"],
                [2021, "V1", "12,75", "geteld"],
                [2022, "Zonder code", 3, ""],
            ]
        ),
        plan=plan,
    )
    run_import(
        advisor,
        "personeel",
        csv_bytes(
            [
                ["peildatum", "titel", "totaal_gedrukt", "categorie", "graad", "werkelijk", "vte", "organiek"],
                ["01-01-2024", "Personeel 2024", 26, "operationeel", "Inspecteur", 20, "19,5", 22],
                ["01-01-2024", "Personeel 2024", 26, "calog", "Niveau A", 5, "", ""],
            ]
        ),
        plan=plan,
    )
    run_import(
        advisor,
        "begroting",
        csv_bytes(
            [
                ["jaar", "soort", "categorie", "nis_code", "omschrijving", "bedrag"],
                [2024, "begroting", "dotatie", "24038", "Dotatie Herent", "1250000,5"],
                [2025, "raming", "werking", "", "Werkingskosten", "300000"],
            ]
        ),
        plan=plan,
    )
    # Issue 13: the survey's comparison figure is a figure of the comparison area's own series (8 before).
    assert StatPoint.objects.count() == 9 and IndicatorValue.objects.count() == 2
    assert StaffLine.objects.count() == 2 and FinancialLine.objects.count() == 2
    return plan


ZONE_KINDS = ["criminaliteit", "verkeersongevallen", "enquete"]
PLAN_KINDS = ["indicatorwaarden", "personeel", "begroting"]


def _export(client, world, plan, kind, fmt):
    if kind in ZONE_KINDS:
        url = reverse("imports:export-zone", args=[world.zone.pk, kind, fmt])
    else:
        url = reverse("imports:export-plan", args=[plan.pk, kind, fmt])
    response = client.get(url)
    assert response.status_code == 200
    return response.content


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize("kind", ZONE_KINDS + PLAN_KINDS)
def test_an_exported_file_imports_unchanged(client, world, stored, advisor, kind, fmt):
    client.force_login(advisor)
    content = _export(client, world, stored, kind, fmt)
    history = StatPoint.history.count() + IndicatorValue.history.count() + StaffLine.history.count()
    job = run_import(
        advisor, kind, content, name=f"export.{fmt}", zone=world.zone, plan=stored if kind in PLAN_KINDS else None
    )
    assert job.outcome == ImportOutcome.UNCHANGED, job.problems
    assert job.summary["unchanged"] >= 2 and job.summary["new"] == job.summary["changed"] == 0
    assert StatPoint.history.count() + IndicatorValue.history.count() + StaffLine.history.count() == history


@pytest.mark.django_db
def test_the_csv_export_is_belgian_excel_csv(client, world, stored, advisor):
    client.force_login(advisor)
    content = _export(client, world, stored, "enquete", "csv")
    assert content.startswith(b"\xef\xbb\xbf")
    text = content.decode("utf-8-sig").splitlines()
    # Issue 13: a row per area (and answer category) and the survey's response counts, not one comparison area.
    assert text[0] == (
        "jaar;enquete;vraag;antwoord;gebied;waarde;vergelijkingsgebied;waarde_vergelijkingsgebied;eenheid;"
        "verstuurd;teruggestuurd_papier;teruggestuurd_online;politiezone"
    )
    assert "2021;;Onveiligheidsgevoel;;;13,5;;;%;;;;5999" in text
    assert "2021;;Onveiligheidsgevoel;;Vlaams Gewest;11,25;;;%;;;;5999" in text


@pytest.mark.django_db
def test_the_crime_export_names_the_parent_and_no_summable_flag(client, world, stored, advisor):
    # Issue 13: "summable" is gone (categories are never summed but where children partition their parent);
    # the column optelbaar stays in the format, empty, so that older exports still import.
    client.force_login(advisor)
    text = _export(client, world, stored, "criminaliteit", "csv").decode("utf-8-sig")
    assert "2023;;diefstal;;900;nee;5999;" in text.splitlines()
    assert "2023;24038;woninginbraak;diefstal;131;ja;5999;" in text.splitlines()


@pytest.mark.django_db
def test_a_changed_export_updates_only_what_it_changes(client, world, stored, advisor):
    client.force_login(advisor)
    book = load_workbook(io.BytesIO(_export(client, world, stored, "criminaliteit", "xlsx")))
    sheet = book.active
    header = [c.value for c in sheet[1]]
    for row in sheet.iter_rows(min_row=2):
        if row[header.index("categorie")].value == "drugs":
            row[header.index("aantal")].value = 15
    buffer = io.BytesIO()
    book.save(buffer)
    job = run_import(advisor, "criminaliteit", buffer.getvalue(), name="drugs.xlsx", zone=world.zone, overwrite=True)
    assert job.summary["changed"] == 1 and job.summary["unchanged"] == 3
    assert StatPoint.objects.get(series__crime_category=world.drugs).value == Decimal(15)


@pytest.mark.django_db
def test_exports_hold_only_what_the_user_may_see(client, world, stored, advisor_b):
    client.force_login(advisor_b)
    assert client.get(reverse("imports:export-plan", args=[stored.pk, "indicatorwaarden", "csv"])).status_code == 404
    # The zone's series are public here; a restricted one would not be exported to an outsider.
    StatPoint.objects.filter(series__crime_category=world.drugs).update()
    world_series = StatPoint.objects.get(series__crime_category=world.drugs).series
    world_series.protection = "restricted"
    world_series.save()
    text = client.get(reverse("imports:export-zone", args=[world.zone.pk, "criminaliteit", "csv"])).content.decode()
    assert "drugs" not in text and "woninginbraak" in text


@pytest.mark.django_db
def test_templates_download_in_both_formats(client):
    for kind in ZONE_KINDS + PLAN_KINDS:
        csv_response = client.get(reverse("imports:template", args=[kind, "csv"]))
        assert csv_response.status_code == 200 and csv_response["Content-Type"].startswith("text/csv")
        assert b"jaar" in csv_response.content or b"peildatum" in csv_response.content
        xlsx = client.get(reverse("imports:template", args=[kind, "xlsx"]))
        assert load_workbook(io.BytesIO(xlsx.content)).active.max_row == 2
    assert client.get(reverse("imports:template", args=["onbekend", "csv"])).status_code == 404
    assert client.get(reverse("imports:template", args=["enquete", "pdf"])).status_code == 404
    page = client.get(reverse("imports:templates"))
    assert page.status_code == 200 and b"nis_code" in page.content


@pytest.mark.django_db
def test_export_and_import_commands(tmp_path, world, stored, advisor):
    target = tmp_path / "criminaliteit.xlsx"
    call_command("export_data", "criminaliteit", "--zone", world.zone.slug, "--format", "xlsx", "--output", str(target))
    out = io.StringIO()
    call_command(
        "import_data",
        "criminaliteit",
        str(target),
        "--zone",
        str(world.zone.number),
        "--user",
        advisor.username,
        stdout=out,
    )
    assert "nothing to change" in out.getvalue() or "unchanged" in out.getvalue()
    bad = tmp_path / "fout.csv"
    bad.write_bytes(csv_bytes([["jaar", "categorie", "aantal"], [2023, "drugs", "x"]]))
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="1 problems"):
        call_command(
            "import_data",
            "criminaliteit",
            str(bad),
            "--zone",
            world.zone.slug,
            "--user",
            advisor.username,
            stderr=io.StringIO(),
        )


# --- Formula-like text ------------------------------------------------------------------------------------------------

HYPERLINK, COMMAND, SUM_PLUS, AT_SUM = '=HYPERLINK("http://x")', "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)"


@pytest.fixture
def formula_texts(world, stored):
    """The stored figures with text a spreadsheet would run as a formula in every kind's text columns, and a
    negative indicator value (a number, which stays one)."""
    world.drugs.code = HYPERLINK
    world.drugs.save()
    world.theft.code = AT_SUM  # the parent of woninginbraak: its rows' hoofdcategorie
    world.theft.save()
    StatSeries.objects.filter(kind=StatSeries.Kind.SURVEY).update(question=SUM_PLUS)
    StatSeries.objects.filter(kind=StatSeries.Kind.SURVEY).exclude(area="").update(area=COMMAND)
    stored.indicators.filter(code="V1").update(code=AT_SUM)  # a code has at most 20 characters
    IndicatorValue.objects.filter(indicator__code=AT_SUM).update(note=HYPERLINK)
    IndicatorValue.objects.filter(indicator__name="Zonder code").update(value=Decimal(-3))
    StaffTable.objects.filter(plan=stored).update(title=COMMAND)
    StaffLine.objects.filter(label="Inspecteur").update(label=SUM_PLUS)
    FinancialLine.objects.filter(label="Werkingskosten").update(label=AT_SUM)
    return stored


EXPECTED_TEXTS = {
    "criminaliteit": {HYPERLINK, AT_SUM},
    "verkeersongevallen": set(),  # words and numbers only
    "enquete": {SUM_PLUS, COMMAND},
    "indicatorwaarden": {HYPERLINK, AT_SUM},
    "personeel": {COMMAND, SUM_PLUS},
    "begroting": {AT_SUM},
}


def _csv_cells(content):
    return [cell for row in csv.reader(io.StringIO(content.decode("utf-8-sig"), newline=""), delimiter=";")
            for cell in row]  # fmt: skip


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ZONE_KINDS + PLAN_KINDS)
def test_exports_hold_no_live_formula(client, world, formula_texts, advisor, kind):
    # Text with a leading tab or carriage return, which an import would strip, is only exported here.
    IndicatorValue.objects.filter(indicator__name="Zonder code").update(note="\t=1")
    StaffLine.objects.filter(label="Niveau A").update(label="\r=1")
    expected = EXPECTED_TEXTS[kind] | {"indicatorwaarden": {"\t=1"}, "personeel": {"\r=1"}}.get(kind, set())
    client.force_login(advisor)

    cells = _csv_cells(_export(client, world, formula_texts, kind, "csv"))
    live = [cell for cell in cells if is_formula_like(cell)]
    assert live == (["-3"] if kind == "indicatorwaarden" else [])  # a negative number is written as a number
    assert {"'" + text for text in expected} <= set(cells)

    book = load_workbook(io.BytesIO(_export(client, world, formula_texts, kind, "xlsx")))
    cells = [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    texts = {cell.value.replace("\n", "\r") for cell in cells if cell.data_type == "s" and cell.value}
    assert expected <= texts
    assert all(cell.quotePrefix for cell in cells if is_formula_like(cell.value))
    if kind == "indicatorwaarden":
        assert -3 in [cell.value for cell in cells if cell.data_type == "n"]


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize("kind", ZONE_KINDS + PLAN_KINDS)
def test_an_export_with_formula_like_text_imports_unchanged(client, world, formula_texts, advisor, kind, fmt):
    """The apostrophe that keeps a CSV cell from being a formula is not imported as part of the text."""
    client.force_login(advisor)
    content = _export(client, world, formula_texts, kind, fmt)
    plan = formula_texts if kind in PLAN_KINDS else None
    job = run_import(advisor, kind, content, name=f"export.{fmt}", zone=world.zone, plan=plan)
    assert job.outcome == ImportOutcome.UNCHANGED, job.problems
    assert job.summary["new"] == job.summary["changed"] == 0
