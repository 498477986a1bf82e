"""The council dashboard in a real browser (issue 5): the demo's Gent plan, as its council member sees it.

Headless Chromium from Debian, driven by Playwright (fixtures in conftest.py). The demo data is loaded into the
live server's database; council-gent signs in, opens the Gent dashboard, changes the year and a filter, and the
indicator charts must be drawn by Chart.js from the API's JSON. The final state is saved as
test-artifacts/dashboard-gent.png.
"""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from core.access import Role
from plans.models import Plan
from priorities.models import Priority
from tests import factories as f
from zones.models import ZoneMembership

pytestmark = pytest.mark.browser

DEMO_PASSWORD = "demo"

CHARTS_DRAWN = """() => Array.from(document.querySelectorAll('canvas.indicator-chart'))
    .filter(canvas => window.Chart && Chart.getChart(canvas)).length"""


@pytest.fixture
def gent(transactional_db):
    from editor.demo.loader import load_demo

    load_demo()
    plan = Plan.objects.get(zone__slug="gent", kind=Plan.Kind.ZVP)
    user = f.UserFactory(username="council-gent")
    user.set_password(DEMO_PASSWORD)
    user.save()
    ZoneMembership.objects.create(user=user, zone=plan.zone, role=Role.COUNCIL)
    return plan


def wait_for_charts(page):
    root = page.locator("#dashboard")
    expect(root).to_have_attribute("data-charts-ready", "true")
    drawn = page.evaluate(CHARTS_DRAWN)
    canvases = page.locator("canvas.indicator-chart").count()
    assert canvases > 0
    assert drawn == canvases, f"{drawn} of {canvases} indicator charts drawn"
    assert page.evaluate("() => !!Chart.getChart(document.getElementById('chart-rollup'))")
    return drawn


def test_council_member_follows_the_gent_dashboard(page, login, gent, screenshot):
    login(page, "council-gent", DEMO_PASSWORD)
    page.goto(reverse("dashboards:index"))
    page.get_by_role("link", name=f"{gent.title} ({gent.period_start}–{gent.period_end})").click()
    page.wait_for_url(f"**{reverse('dashboards:plan', args=[gent.pk])}**")

    # Every priority of the plan is listed, with its status in words; the latest year with values is shown.
    expect(page.locator("tr.priority-row")).to_have_count(Priority.objects.filter(plan=gent).count())
    expect(page.locator("#id_year")).to_have_value("2025")
    first = wait_for_charts(page)

    # Another year: the page reloads for 2022, with the charts drawn again.
    page.select_option("#id_year", "2022")
    page.wait_for_url("**year=2022**")
    expect(page.locator("#id_year")).to_have_value("2022")
    expect(page.get_by_role("heading", level=1)).to_contain_text("2022")
    assert wait_for_charts(page) == first

    # A filter: only the B-projects (securing), still with their indicator charts.
    page.select_option("#id_kind", Priority.Kind.SECURING.value)
    page.wait_for_url("**kind=securing**")
    securing = Priority.objects.filter(plan=gent, kind=Priority.Kind.SECURING).count()
    expect(page.locator("tr.priority-row")).to_have_count(securing)
    expect(page.locator("#id_year")).to_have_value("2022")
    assert 0 < wait_for_charts(page) < first
    expect(page.locator(".status-ind").first).to_be_visible()
    expect(page.locator(".sample-badge").first).to_be_visible()
    screenshot(page, "dashboard-gent")


def test_statistics_charts_are_drawn(page, login, gent, screenshot):
    login(page, "council-gent", DEMO_PASSWORD)
    page.goto(reverse("dashboards:statistics", args=[gent.pk]))
    expect(page.locator("#statistics")).to_have_attribute("data-charts-ready", "true")
    for chart in ("chart-crime", "chart-accidents", "chart-staff", "chart-finance"):
        if page.locator(f"#{chart}").count():
            assert page.evaluate(f"() => !!Chart.getChart(document.getElementById('{chart}'))"), chart
    assert page.evaluate("() => !!Chart.getChart(document.getElementById('chart-crime'))")
    expect(page.locator("#table-crime caption")).to_be_visible()
    screenshot(page, "dashboard-gent-statistics")
