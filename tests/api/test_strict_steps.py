"""The steps (workflow, bulk values, comments, documents, imports) refuse a field they cannot take, too."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from comments.models import Comment
from documents.models import Document
from imports.models import ImportJob
from plans.models import Plan
from stats.models import IndicatorValue


def plan_state(plan):
    fresh = Plan.objects.get(pk=plan.pk)
    return fresh.status, fresh.revision, Plan.objects.count()


@pytest.mark.parametrize(
    ("plan_key", "step", "body"),
    [
        ("draft", "submit", {"note": "Klaar", "statuss": "in_review"}),
        ("draft", "submit", {"status": "published"}),
        ("published", "archive", {"reason": "x"}),
        ("published", "ministerial-approval", {"on": "2020-03-01", "date": "2020-03-01"}),
        ("published", "revision", {"title": "Herziening", "period_start": 2020}),
        ("published", "addendum", {"period_end": 2027, "period_start": 2020}),
    ],
)
def test_a_workflow_step_refuses_an_unknown_field_and_takes_no_step(api_world, api_client_for, plan_key, step, body):
    plan = api_world.plans[plan_key]
    before = plan_state(plan)
    response = api_client_for("superuser").post(f"/api/v1/plans/{plan.pk}/{step}/", body, format="json")
    assert response.status_code == 400, response.content
    unknown = [key for key in body if key not in ("note", "on", "title", "period_end")]
    assert set(response.json()) == set(unknown)
    assert plan_state(plan) == before


def test_a_workflow_step_still_takes_the_revision_in_the_body(api_world, api_client_for):
    plan = api_world.plans["draft"]
    client = api_client_for("superuser")
    stale = client.post(f"/api/v1/plans/{plan.pk}/submit/", {"revision": plan.revision + 3}, format="json")
    assert stale.status_code == 409
    done = client.post(f"/api/v1/plans/{plan.pk}/submit/", {"revision": plan.revision, "note": "x"}, format="json")
    assert done.status_code == 200, done.content
    assert done.json()["status"] == "in_review"


def test_bulk_values_refuse_an_unknown_field_in_a_row_and_write_nothing(api_world, api_client_for):
    plan = api_world.plans["draft"]
    indicator = api_world.row("indicators", "draft/public").obj
    rows = [
        {"indicator": indicator.pk, "value": "12.5"},
        {"indicator": indicator.pk, "value": "3", "source": "ANPR"},
    ]
    count = IndicatorValue.objects.count()
    response = api_client_for("superuser").post(
        f"/api/v1/plans/{plan.pk}/values/2022/", rows, format="json", HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 400, response.content
    messages = response.json()[str(indicator.pk)]
    assert any(message.startswith("source: Unknown field") for message in messages), messages
    assert IndicatorValue.objects.count() == count


def test_approving_values_takes_no_fields(api_world, api_client_for):
    plan = api_world.plans["draft"]
    response = api_client_for("superuser").post(
        f"/api/v1/plans/{plan.pk}/values/2021/approve/", {"year": 2022}, format="json"
    )
    assert response.status_code == 400
    assert "year" in response.json()
    assert IndicatorValue.objects.filter(indicator__plan=plan, approved_at__isnull=True).exists()


def test_comments_refuse_unknown_fields(api_world, api_client_for):
    priority = api_world.row("priorities", "draft/public").obj
    client = api_client_for("council_a")
    count = Comment.objects.count()
    response = client.post(f"/api/v1/priorities/{priority.pk}/comments/", {"body": "x", "author": 1}, format="json")
    assert response.status_code == 400 and "author" in response.json()
    assert Comment.objects.count() == count
    comment = api_world.row("comments", "draft/on-priority").obj
    response = api_client_for("advisor_a").post(f"/api/v1/comments/{comment.pk}/resolve/", {"note": "gedaan"})
    assert response.status_code == 400 and "note" in response.json()
    assert not Comment.objects.get(pk=comment.pk).is_resolved


def test_a_document_request_refuses_an_unknown_field(api_world, api_client_for):
    plan = api_world.plans["draft"]
    count = Document.objects.count()
    response = api_client_for("superuser").post(
        "/api/v1/documents/", {"plan": plan.pk, "kind": "plan", "langauge": "fr"}, format="json"
    )
    assert response.status_code == 400 and "langauge" in response.json()
    assert Document.objects.count() == count


def test_an_import_refuses_an_unknown_field(api_world, api_client_for):
    zone = api_world.zones["A"]
    count = ImportJob.objects.count()
    upload = SimpleUploadedFile("c.csv", b"jaar,nis_code,categorie,aantal\n")
    response = api_client_for("superuser").post(
        "/api/v1/imports/",
        {"kind": "criminaliteit", "zone": zone.pk, "file": upload, "overwrit": "true"},
        format="multipart",
    )
    assert response.status_code == 400 and "overwrit" in response.json()
    assert ImportJob.objects.count() == count
