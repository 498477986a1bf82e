"""Issue 8's "done when", on the demo: an advisor of PZ Gent uploads a federal-police-style crime CSV and a
spreadsheet of indicator values, sees every error explained while the files are wrong, and once they are right
the dashboard (its API) and the annual report use the figures."""

import io
import json
from decimal import Decimal

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from core.access import Role
from documents.rendering import render_document_html
from editor.demo.loader import load_demo
from imports.models import ImportJob, ImportOutcome
from plans.models import Plan
from stats.models import IndicatorValue, StatPoint
from tests import factories as f

from .conftest import csv_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def gent(db):
    load_demo()
    plan = Plan.objects.get(zone__slug="gent", kind=Plan.Kind.ZVP)
    advisor = f.UserFactory(username="adviseur-gent")
    f.ZoneMembershipFactory(user=advisor, zone=plan.zone, role=Role.ADVISOR)
    return plan, advisor


def upload(client, plan, kind, name, content):
    data = {"kind": kind, "zone": plan.zone_id, "plan": plan.pk, "file": SimpleUploadedFile(name, content)}
    response = client.post(reverse("imports:upload"), data)
    assert response.status_code == 302, response.content[:500]
    job = ImportJob.objects.get(pk=int(response["Location"].rstrip("/").split("/")[-1]))
    return job, client.get(response["Location"]).content.decode()


def xlsx(rows) -> bytes:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_an_advisor_imports_crime_figures_and_indicator_values_that_the_dashboard_and_report_use(client, gent):
    plan, advisor = gent
    client.force_login(advisor)
    header = ["jaar", "nis_code", "categorie", "aantal", "voorlopig"]
    points_before = StatPoint.objects.count()

    # A wrong file, as Belgian Excel writes it (semicolons, Windows-1252): every problem at its row and column.
    wrong = csv_bytes(
        [
            header,
            [2025, "", "fietsdiefstal", "-12", "nee"],  # row 2: negative count
            [2025, "99999", "woninginbraak", "10", "nee"],  # row 3: unknown NIS code
            [2025, "", "fietsdiefstel", "10", "nee"],  # row 4: unknown category (a typo)
            [2025, "", "drugs", "veel", "nee"],  # row 5: not a number
        ],
        encoding="cp1252",
    )
    job, page = upload(client, plan, "criminaliteit", "politie-export.csv", wrong)
    assert job.outcome == ImportOutcome.INVALID
    problems = {(p["row"], p["column"]) for p in job.problems}
    assert problems == {(2, "aantal"), (3, "nis_code"), (4, "categorie"), (5, "aantal")}
    for row, _column in problems:
        assert f'<th scope="row">{row}</th>' in page
    assert StatPoint.objects.count() == points_before  # nothing written

    # The corrected file: the 2025 figure replaces the provisional one (after confirming the overwrite).
    right = csv_bytes([header, [2025, "", "fietsdiefstal", "3700", "nee"]], encoding="cp1252")
    job, page = upload(client, plan, "criminaliteit", "politie-export-gecorrigeerd.csv", right)
    assert job.outcome == ImportOutcome.NEEDS_CONFIRMATION  # the demo has a provisional 2025 figure
    assert client.post(reverse("imports:confirm", args=[job.pk])).status_code == 302
    job.refresh_from_db()
    assert job.outcome == ImportOutcome.IMPORTED, job.problems
    point = StatPoint.objects.get(series__zone=plan.zone, series__crime_category__code="fietsdiefstal", year=2025)
    assert point.value == Decimal("3700") and not point.is_provisional

    # The indicator linked to that series follows it; another indicator's value comes from a spreadsheet.
    linked = IndicatorValue.objects.get(indicator__plan=plan, indicator__code="I2-1", year=2025)
    assert linked.value == Decimal("3700") and linked.from_series
    bad_sheet = xlsx([["jaar", "indicator", "waarde"], [2025, "I9-2", "zeshonderd"], [2031, "I9-2", 600]])
    job, page = upload(client, plan, "indicatorwaarden", "waarden.xlsx", bad_sheet)
    assert {(p["row"], p["column"]) for p in job.problems} == {(2, "waarde"), (3, "jaar")}
    job, page = upload(
        client, plan, "indicatorwaarden", "waarden.xlsx", xlsx([["jaar", "indicator", "waarde"], [2025, "I9-2", 600]])
    )
    assert job.outcome == ImportOutcome.NEEDS_CONFIRMATION  # the demo has an unapproved 2025 value
    assert client.post(reverse("imports:confirm", args=[job.pk])).status_code == 302
    job.refresh_from_db()
    assert job.outcome == ImportOutcome.IMPORTED, job.problems
    assert IndicatorValue.objects.get(indicator__plan=plan, indicator__code="I9-2", year=2025).value == 600

    # The dashboard's API (what its charts are drawn from) shows both figures for 2025 ...
    data = client.get(f"/api/v1/dashboard/plans/{plan.pk}/", {"year": 2025}).json()
    text = json.dumps(data)
    assert '"3700' in text and '"600' in text

    # ... and so does the 2025 annual report (internal edition: the values are not approved yet).
    html = render_document_html(plan, "annual_report", "restricted", 2025).html
    assert "3.700" in html or "3700" in html
    assert ">600<" in html or ">600 " in html
