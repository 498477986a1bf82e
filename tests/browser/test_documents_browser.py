"""Documents in a real browser (issue 6): an advisor generates the plan's PDF from the plan page, watches a
document's progress bar fill while the worker runs it, and downloads the PDF.

Celery runs eagerly here, so the generation asked for in the browser is done by the time the page answers; the
progress bar is shown with a document that the test itself queues and then runs, while the page polls it.
"""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from documents import tasks
from documents.models import Document
from tests import factories as f

pytestmark = pytest.mark.browser


def test_an_advisor_generates_watches_the_progress_and_downloads(page, login, zvp, screenshot):
    login(page, zvp.advisor.username)
    page.goto(reverse("editor:plan", args=[zvp.plan.pk]))
    page.click(f"form[action='{reverse('documents:request', args=[zvp.plan.pk])}'] button[type=submit]")
    page.wait_for_url(f"**{reverse('documents:plan', args=[zvp.plan.pk])}**")
    made = Document.objects.get(plan=zvp.plan)
    assert made.status == "done", made.error
    link = page.locator(f"a[href='{reverse('documents:download', args=[made.pk, made.file_name()])}']")
    expect(link.first).to_be_visible()

    # A document still queued: its progress bar polls until the worker is done with it.
    queued = f.DocumentFactory(plan=zvp.plan, status="queued", file=None, progress=0, size=None, page_count=None)
    page.reload()
    progress = page.locator(f"#document-{queued.pk}-progress")
    expect(progress).to_have_attribute("data-status", "queued")
    expect(progress.locator("[role=progressbar]")).to_be_visible()
    tasks.generate_document.apply(args=[queued.pk])
    expect(progress).to_have_attribute("data-status", "done", timeout=15_000)
    screenshot(page, "documents-progress-done")

    href = progress.locator("a").first.get_attribute("href")
    response = page.request.get(href)
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF")


def test_the_print_preview_opens_in_the_browser(page, login, zvp):
    login(page, zvp.advisor.username)
    page.goto(reverse("documents:preview", args=[zvp.plan.pk]) + "?edition=restricted")
    expect(page.locator("nav.toc")).to_be_visible()
    expect(page.locator("h3", has_text="Verkeersveiligheid")).to_be_visible()


@pytest.fixture
def gent_advisor(transactional_db):
    from core.access import Role
    from editor.demo.loader import load_demo
    from plans.models import Plan

    load_demo()
    plan = Plan.objects.get(zone__slug="gent", kind=Plan.Kind.ZVP)
    user = f.UserFactory(username="advisor-gent")
    user.set_password(f.PASSWORD)
    user.save()
    f.ZoneMembershipFactory(user=user, zone=plan.zone, role=Role.ADVISOR)
    return plan, user


def test_issue_6_done_when_on_the_demo_gent_plan(page, login, gent_advisor, screenshot):
    """From the demo Gent plan an advisor clicks "generate" and downloads the complete plan PDF, then asks for the
    2023 annual report and downloads it too."""
    plan, user = gent_advisor
    page.set_default_timeout(120_000)  # the whole Gent plan is laid out while the request waits (eager Celery)
    login(page, user.username)
    page.goto(reverse("editor:plan", args=[plan.pk]))
    page.click(f"form[action='{reverse('documents:request', args=[plan.pk])}'] button[type=submit]")
    page.wait_for_url(f"**{reverse('documents:plan', args=[plan.pk])}**")
    made = Document.objects.get(plan=plan, kind="plan")
    assert made.status == "done" and made.page_count > 20, made.error
    response = page.request.get(reverse("documents:download", args=[made.pk, made.file_name()]))
    assert response.status == 200 and response.body().startswith(b"%PDF")

    page.select_option("#id_kind", "annual_report")
    page.select_option("#id_year", "2023")
    page.click(f"form[action='{reverse('documents:request', args=[plan.pk])}'] button[type=submit]")
    page.wait_for_url(f"**{reverse('documents:plan', args=[plan.pk])}**")
    report = Document.objects.get(plan=plan, kind="annual_report", year=2023)
    assert report.status == "done", report.error
    row = page.locator(f"#document-{report.pk}")
    expect(
        row.locator(f"a[href='{reverse('documents:download', args=[report.pk, report.file_name()])}']")
    ).to_be_visible()
    screenshot(page, "documents-gent")
    pdf = page.request.get(reverse("documents:download", args=[report.pk, report.file_name()]))
    assert pdf.headers["content-type"] == "application/pdf"
