"""manage.py generate_documents: the public PDFs of published plans and their past annual reports, once."""

from io import StringIO

import pytest
from django.core.management import call_command

from documents.models import Document
from tests import factories as f

pytestmark = pytest.mark.django_db


def test_it_makes_the_public_plan_and_past_annual_reports_once(zone_a, monkeypatch, django_capture_on_commit_callbacks):
    import datetime

    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: datetime.date(2025, 6, 1))
    published = f.PlanFactory(zone=zone_a, published=True, period_start=2023, period_end=2026)
    f.PlanFactory(zone=zone_a, period_start=2023, period_end=2026)  # a draft: nothing for it

    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):  # the command runs in autocommit: tasks go at once
        call_command("generate_documents", stdout=out)
    documents = Document.objects.filter(plan=published)
    assert documents.count() == 3  # the plan, and the annual reports of 2023 and 2024 (2025 is not over)
    assert set(documents.values_list("kind", "year", "protection", "status")) == {
        ("plan", None, "public", "done"),
        ("annual_report", 2023, "public", "done"),
        ("annual_report", 2024, "public", "done"),
    }
    assert Document.objects.count() == 3
    assert set(Document.objects.public().values_list("pk", flat=True)) == set(documents.values_list("pk", flat=True))

    with django_capture_on_commit_callbacks(execute=True):
        call_command("generate_documents", stdout=out)
    assert Document.objects.count() == 3
    assert "0 document(s) generated or queued, 3 already up to date." in out.getvalue()
