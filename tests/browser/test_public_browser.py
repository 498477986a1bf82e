"""A citizen, in a real browser, on the demo data: finds the Gent plan by search, opens a priority, switches
the language and downloads the PDF."""

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.urls import reverse

from plans.models import Plan
from priorities.models import Priority
from tests.public.documents import PDF_BYTES, make_document

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def _clean_cache_and_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def demo(transactional_db):
    call_command("load_demo", verbosity=0)
    gent = Plan.objects.get(zone__slug="gent", kind=Plan.Kind.ZVP)
    document = make_document(gent, size=len(PDF_BYTES))
    return gent, document


def test_citizen_finds_gent_plan_reads_a_priority_switches_language_and_downloads_the_pdf(new_page, demo, screenshot):
    gent, document = demo
    priority = Priority.objects.public().get(plan=gent, code="I 2")
    page = new_page()

    page.goto(reverse("home"))
    assert page.locator("html").get_attribute("lang") == "nl"
    page.fill("#home-q", "Gent")
    page.press("#home-q", "Enter")
    page.wait_for_url("**/zoeken/?q=Gent")
    screenshot(page, "public-search-gent")

    page.locator(f"main a[href='{reverse('public:plan', args=[gent.pk])}']").first.click()
    page.wait_for_url(f"**{reverse('public:plan', args=[gent.pk])}")
    assert page.locator("h1").inner_text() == gent.title
    assert page.locator("article.plan-content").get_attribute("lang") == gent.language
    assert page.locator(".priority-list a").count() == Priority.objects.public().filter(plan=gent).count()

    page.locator(f"a[href='{reverse('public:priority', args=[gent.pk, priority.pk])}']").first.click()
    page.wait_for_url(f"**{reverse('public:priority', args=[gent.pk, priority.pk])}")
    assert "Fietsdiefstal" in page.locator("h1").inner_text()
    screenshot(page, "public-priority-nl")

    # The language switch is a select that submits itself; the page comes back in French.
    with page.expect_navigation():
        page.select_option("#language-switch", "fr")
    page.wait_for_url(f"**{reverse('public:priority', args=[gent.pk, priority.pk])}")
    assert page.locator("html").get_attribute("lang") == "fr"
    assert page.locator("article.plan-content").get_attribute("lang") == "nl"  # the plan stays in its language
    cookies = {cookie["name"]: cookie["value"] for cookie in page.context.cookies()}
    assert cookies["django_language"] == "fr"
    assert page.locator("#language-switch").input_value() == "fr"
    screenshot(page, "public-priority-fr")

    page.locator(f"nav[aria-label] a[href='{reverse('public:plan', args=[gent.pk])}']").first.click()
    page.wait_for_url(f"**{reverse('public:plan', args=[gent.pk])}")
    assert page.locator("html").get_attribute("lang") == "fr"
    link = page.locator(".downloads a[type='application/pdf']").first
    href = link.get_attribute("href")
    assert href == reverse("documents:download", args=[document.pk, document.file_name()])
    assert "PDF" in page.locator(".downloads li").first.inner_text()
    response = page.request.get(href)
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF")
