"""The public pages pass axe-core (from the npm registry, served under static/vendor/axe-core) in headless
Chromium with no violation of impact "serious" or "critical"."""

import json
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from core.base import Protection
from tests import factories as f
from tests.public.documents import make_document

pytestmark = pytest.mark.browser

# WCAG 2.1 A and AA, plus axe's best practices (landmarks, headings, regions).
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
BLOCKING = {"serious", "critical"}


@pytest.fixture(autouse=True)
def _clean_cache_and_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def public_plan(transactional_db):
    """A published plan with one of each public part, an indicator with targets and values, and a PDF."""
    zone = f.PoliceZoneFactory(name="PZ Toegang", slug="toegang", number=5999)
    municipality = f.MunicipalityFactory(zone=zone, name="Toegankelijk")
    f.SubMunicipalityFactory(municipality=municipality, name="Drempelvrij", postal_code="3000")
    plan = f.PlanFactory(zone=zone, title="Zonaal veiligheidsplan Toegang", published=True, foreword="Voorwoord.")
    f.PlanValueFactory(plan=plan, name="integer")
    f.ChapterFactory(plan=plan, title="Zonebeeld", body="<p>Onze zone en haar <strong>fietsdiefstallen</strong>.</p>")
    f.StakeholderExpectationFactory(plan=plan, name="Burgemeester")
    f.SignatoryFactory(plan=plan, name="A. Burgemeester")
    domain = f.DomainFactory(plan=plan, code="VL", name="Veiligheid en leefbaarheid")
    theme = f.ThemeFactory(plan=plan, name="Eigendomscriminaliteit")
    priority = f.PriorityFactory(
        plan=plan, number=1, code="I 1", short_title="Fietsdiefstal", domain=domain, theme=theme,
        rationale="Fietsdiefstallen nemen toe.", approach_advise="Graveren van fietsen.",
    )  # fmt: skip
    f.PriorityFactory(plan=plan, number=2, short_title="Intern", protection=Protection.RESTRICTED)
    indicator = f.IndicatorFactory(plan=plan, priority=priority, code="F1", name="Fietsdiefstallen", is_sample=True)
    for year, target, value in ((2020, 100, 104), (2021, 95, 90), (2022, 90, None)):
        f.IndicatorTargetFactory(indicator=indicator, year=year, value=Decimal(target))
        if value is not None:
            f.IndicatorValueFactory(indicator=indicator, year=year, value=Decimal(value), approved_at=timezone.now())
    make_document(plan)
    make_document(plan, kind="annual_report", year=2021)
    return plan, priority


def _axe(page):
    page.add_script_tag(url="/static/vendor/axe-core/axe.min.js")
    return page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        AXE_TAGS,
    )


def _describe(violations):
    return json.dumps(
        [
            {
                "id": v["id"],
                "impact": v["impact"],
                "help": v["help"],
                "nodes": [node["target"] for node in v["nodes"]][:5],
                "summary": v["nodes"][0].get("failureSummary", "") if v["nodes"] else "",
            }
            for v in violations
        ],
        indent=2,
    )


@pytest.mark.parametrize("language", ["nl", "fr", "en"])
def test_public_pages_have_no_serious_accessibility_violations(new_page, public_plan, screenshot, language):
    plan, priority = public_plan
    page = new_page()
    page.goto(reverse("public:language") + f"?language={language}&next=/")
    pages = {
        "home": reverse("home"),
        "zone": reverse("public:zone", args=[plan.zone.slug]),
        "plan": reverse("public:plan", args=[plan.pk]),
        "priority": reverse("public:priority", args=[plan.pk, priority.pk]),
        "search": reverse("public:search") + "?q=fietsdiefstallen",
    }
    failures = {}
    for name, url in pages.items():
        response = page.goto(url)
        assert response.status == 200, url
        assert page.locator("html").get_attribute("lang") == language
        violations = [v for v in _axe(page)["violations"] if v["impact"] in BLOCKING]
        if violations:
            screenshot(page, f"axe-{name}-{language}")
            failures[name] = _describe(violations)
    assert not failures, "axe-core found serious or critical violations:\n" + "\n".join(
        f"{name}: {report}" for name, report in failures.items()
    )


def test_search_and_priority_pages_work_with_the_keyboard(new_page, public_plan):
    """From the skip link to the search box, then to a result, with the keyboard only."""
    plan, priority = public_plan
    page = new_page()
    page.goto(reverse("home"))
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('skip-link')")
    page.keyboard.press("Enter")
    page.focus("#home-q")
    page.keyboard.type("fietsdiefstal")
    page.keyboard.press("Enter")
    page.wait_for_url("**/zoeken/?q=fietsdiefstal")
    link = page.locator(f"a[href='{reverse('public:priority', args=[plan.pk, priority.pk])}']").first
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{reverse('public:priority', args=[plan.pk, priority.pk])}")
    assert "Fietsdiefstal" in page.locator("h1").inner_text()
