"""The documents screens: who sees and generates what, progress, preview, downloads and their headers."""

import pytest
from django.urls import reverse

from core.base import Protection
from documents.models import Document
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def docs(full_plan):
    public = f.DocumentFactory(plan=full_plan.plan, protection=Protection.PUBLIC)
    internal = f.DocumentFactory(plan=full_plan.plan, protection=Protection.RESTRICTED)
    running = f.DocumentFactory(plan=full_plan.plan, status="running", progress=42, file=None, finished_at=None)
    return public, internal, running


def login(client, user):
    if user is not None:
        client.force_login(user)
    return client


@pytest.mark.parametrize(
    ("who", "done_shown", "form_shown"),
    [("advisor", 2, True), ("chief", 2, True), ("council", 2, False), ("advisor_b", 1, False)],
)
def test_the_plans_documents_page(client, full_plan, docs, advisor_b, who, done_shown, form_shown):
    """Another zone's user sees the public edition of a published plan only (as anyone may), and generates nothing."""
    user = advisor_b if who == "advisor_b" else getattr(full_plan.users, who)
    response = login(client, user).get(reverse("documents:plan", args=[full_plan.plan.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert (reverse("documents:request", args=[full_plan.plan.pk]) in html) is form_shown
    assert html.count('data-status="done"') == done_shown
    assert ('aria-valuenow="42"' in html) is (who != "advisor_b")


def test_another_zones_draft_is_not_found(client, draft_plan, advisor_b):
    f.DocumentFactory(plan=draft_plan, protection=Protection.PUBLIC)
    response = login(client, advisor_b).get(reverse("documents:plan", args=[draft_plan.pk]))
    assert response.status_code == 404


def test_anonymous_users_are_sent_to_log_in(client, full_plan):
    response = client.get(reverse("documents:plan", args=[full_plan.plan.pk]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_an_advisor_generates_and_the_page_shows_it_done(client, full_plan, django_capture_on_commit_callbacks):
    login(client, full_plan.users.advisor)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("documents:request", args=[full_plan.plan.pk]),
            {"kind": "annual_report", "protection": "public", "year": "2021"},
        )
    assert response.status_code == 302
    document = Document.objects.get(plan=full_plan.plan)
    assert (document.kind, document.year, document.status) == ("annual_report", 2021, "done")
    progress = client.get(reverse("documents:progress", args=[document.pk])).content.decode()
    assert "hx-trigger" not in progress  # finished: the polling stops
    assert reverse("documents:download", args=[document.pk, document.file_name()]) in progress


def test_a_bad_request_is_answered_at_the_field(client, full_plan):
    login(client, full_plan.users.advisor)
    response = client.post(
        reverse("documents:request", args=[full_plan.plan.pk]), {"kind": "annual_report", "protection": "public"}
    )
    assert response.status_code == 400
    assert response.context["form"].errors["year"]
    assert not Document.objects.exists()


def test_the_council_cannot_generate(client, full_plan):
    login(client, full_plan.users.council)
    response = client.post(reverse("documents:request", args=[full_plan.plan.pk]), {"kind": "plan"})
    assert response.status_code == 403
    assert not Document.objects.exists()


def test_progress_polls_while_running(client, full_plan, docs):
    running = docs[2]
    login(client, full_plan.users.council)
    html = client.get(reverse("documents:progress", args=[running.pk])).content.decode()
    assert 'hx-trigger="every 1s"' in html and 'aria-valuenow="42"' in html


@pytest.mark.parametrize(
    ("edition", "who", "status"),
    [
        ("public", None, 200),
        ("restricted", None, 404),
        ("public", "outsider", 200),
        ("restricted", "outsider", 404),
        ("restricted", "council", 200),
    ],
)
def test_print_preview(client, full_plan, outsider, edition, who, status):
    user = outsider if who == "outsider" else (getattr(full_plan.users, who) if who else None)
    response = login(client, user).get(reverse("documents:preview", args=[full_plan.plan.pk]), {"edition": edition})
    assert response.status_code == status
    if status == 200:
        html = response.content.decode()
        assert "Verkeersveiligheid" in html
        assert ("Interne analyse" in html) is (edition == "restricted")


def test_print_preview_of_a_draft_is_for_the_zone_only(client, draft_plan, outsider, advisor):
    url = reverse("documents:preview", args=[draft_plan.pk])
    assert login(client, outsider).get(url).status_code == 404
    client.logout()
    assert login(client, advisor).get(url).status_code == 200


def test_downloads_and_their_caching_headers(client, full_plan, docs, outsider):
    public, internal, running = docs
    response = client.get(reverse("documents:download", args=[public.pk, public.file_name()]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "public, max-age=86400"
    assert response["ETag"] == f'"{public.checksum}"'
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    again = client.get(reverse("documents:download", args=[public.pk, "x.pdf"]), HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304

    assert client.get(reverse("documents:download", args=[internal.pk, "x.pdf"])).status_code == 404
    assert login(client, outsider).get(reverse("documents:download", args=[internal.pk, "x.pdf"])).status_code == 404
    client.logout()
    login(client, full_plan.users.council)
    private = client.get(reverse("documents:download", args=[internal.pk, internal.file_name()]))
    assert private.status_code == 200 and private["Cache-Control"].startswith("private")
    assert client.get(reverse("documents:download", args=[running.pk, "x.pdf"])).status_code == 404


def test_a_public_edition_of_a_draft_is_never_public(client, draft_plan):
    document = f.DocumentFactory(plan=draft_plan, protection=Protection.PUBLIC)
    assert client.get(reverse("documents:download", args=[document.pk, "x.pdf"])).status_code == 404
    assert not Document.objects.public().exists()


def test_the_annual_report_introduction(client, full_plan):
    url = reverse("documents:annual-report", args=[full_plan.plan.pk, 2022])
    login(client, full_plan.users.advisor)
    response = client.post(url, {"introduction": "<p>Goed jaar</p><script>alert(1)</script>"})
    assert response.status_code == 302
    report = full_plan.plan.annual_reports.get(year=2022)
    assert report.introduction == "<p>Goed jaar</p>"
    stale = client.post(url, {"introduction": "<p>Ander</p>", "loaded_revision": report.revision - 1 or 99})
    assert stale.status_code == 409
    client.logout()
    login(client, full_plan.users.council)
    assert client.get(url).status_code == 200
    assert client.post(url, {"introduction": "<p>x</p>"}).status_code == 403
    assert client.get(reverse("documents:annual-report", args=[full_plan.plan.pk, 2040])).status_code == 404


def test_the_plan_page_shows_the_documents_card(client, full_plan, docs):
    login(client, full_plan.users.advisor)
    html = client.get(reverse("editor:plan", args=[full_plan.plan.pk])).content.decode()
    assert reverse("documents:download", args=[docs[0].pk, docs[0].file_name()]) in html
    assert reverse("documents:request", args=[full_plan.plan.pk]) in html


def test_a_members_download_of_a_drafts_public_edition_is_not_publicly_cacheable(client, draft_plan, advisor):
    document = f.DocumentFactory(plan=draft_plan, protection=Protection.PUBLIC)
    response = login(client, advisor).get(reverse("documents:download", args=[document.pk, document.file_name()]))
    assert response.status_code == 200
    assert response["Cache-Control"].startswith("private")
    assert "Cookie" in response["Vary"]
