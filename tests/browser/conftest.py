"""Fixtures of the browser tests: Debian's headless Chromium driven by Playwright against a live server.

The browser is never downloaded: it is the Debian package ``chromium`` (``make test`` installs it). The
live server runs in a thread of this process and reads the test database through its own connection, so the
tests write their data with ``transactional_db`` (committed, visible to the server).
"""

import os
from pathlib import Path
from types import SimpleNamespace

import pytest
from playwright.sync_api import sync_playwright

# Playwright's sync API runs an asyncio event loop in the test thread, and that loop stays marked as running
# for as long as the session-scoped browser lives, i.e. for every test collected after these. Django would
# refuse each ORM call made meanwhile (SynchronousOnlyOperation), though all of them are plain synchronous code.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
TIMEOUT_MS = 10_000


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, headless; skipped when it is not installed (failed when ZVP_REQUIRE_SERVICES is set)."""
    if not os.access(CHROMIUM, os.X_OK):
        message = f"Chromium is not installed at {CHROMIUM} (Debian package 'chromium'; `make test` installs it)"
        if os.environ.get("ZVP_REQUIRE_SERVICES"):
            pytest.fail(message)
        pytest.skip(message)
    playwright = sync_playwright().start()
    try:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
    except Exception:
        playwright.stop()
        raise
    yield browser
    browser.close()
    playwright.stop()


@pytest.fixture
def new_page(browser, live_server):
    """Opens a page in a fresh browser context (its own cookies: one per user), Belgian Dutch, 1280x900."""
    contexts = []

    def open_page():
        context = browser.new_context(locale="nl-BE", viewport={"width": 1280, "height": 900}, base_url=live_server.url)
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    return new_page()


@pytest.fixture
def login():
    """``login(page, username)``: signs in through the login form and waits for the workspace."""
    from django.urls import reverse

    from tests.factories import PASSWORD

    def sign_in(page, username, password=PASSWORD):
        page.goto(reverse("login"))
        page.fill("#id_username", username)
        page.fill("#id_password", password)
        with page.expect_response(lambda response: response.request.method == "POST") as answer:
            page.click("main form[method=post] button[type=submit]")
        assert answer.value.status == 302, (
            f"{username} could not log in (the login form answered {answer.value.status})"
        )
        page.wait_for_url(f"**{reverse('editor:workspace')}")
        return page

    return sign_in


@pytest.fixture
def screenshot():
    """``screenshot(page, name)``: saves the page into test-artifacts/<name>.png (git-ignored)."""

    def save(page, name):
        ARTIFACTS.mkdir(exist_ok=True)
        path = ARTIFACTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return save


@pytest.fixture
def zvp(transactional_db):
    """A zone with a draft plan: two domains, a priority, a chapter, two indicators with a 2020 target, and an
    advisor and a council member who sign in with tests.factories.PASSWORD."""
    from decimal import Decimal

    from core.access import Role
    from tests import factories as f

    zone = f.PoliceZoneFactory(name="PZ Browser", slug="browser")
    plan = f.PlanFactory(zone=zone, title="ZVP Browser 2020-2025", period_start=2020, period_end=2025)
    domain = f.DomainFactory(plan=plan, code="VL", name="Veiligheid en leefbaarheid")
    f.DomainFactory(plan=plan, code="V", name="Verkeer")
    priority = f.PriorityFactory(
        plan=plan, number=1, code="I 1", short_title="Verkeersveiligheid", domain=domain, rationale="Oude motivering"
    )
    chapter = f.ChapterFactory(plan=plan, title="Zonebeeld", body="<p>Oude tekst</p>")
    indicators = [
        f.IndicatorFactory(plan=plan, priority=priority, code="V1", name="Letselongevallen", unit="ongevallen"),
        f.IndicatorFactory(plan=plan, priority=priority, code="V2", name="Alcoholcontroles", unit="controles"),
    ]
    for indicator, target in zip(indicators, (Decimal("100"), Decimal("2500")), strict=True):
        f.IndicatorTargetFactory(indicator=indicator, year=2020, value=target)
    users = {}
    people = ((Role.ADVISOR, "els.adviseur", "Els", "Adviseur"), (Role.COUNCIL, "jef.raad", "Jef", "Raadslid"))
    for role, username, first_name, last_name in people:
        user = f.UserFactory(username=username, first_name=first_name, last_name=last_name)
        user.set_password(f.PASSWORD)
        user.save()
        f.ZoneMembershipFactory(user=user, zone=zone, role=role)
        users[role] = user
    return SimpleNamespace(
        zone=zone,
        plan=plan,
        priority=priority,
        chapter=chapter,
        indicators=indicators,
        advisor=users[Role.ADVISOR],
        council=users[Role.COUNCIL],
    )
