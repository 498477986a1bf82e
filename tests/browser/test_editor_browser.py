"""The editor in a real browser (issue 3): logging in, editing a priority and a chapter with the rich-text
editor, entering and approving a year's indicator values, and submitting a plan for review.

Headless Chromium from Debian, driven by Playwright (fixtures in conftest.py). Every page is requested in
Dutch (nl-BE); expected texts come from the same translation catalog the server uses, so the tests follow the
translations instead of copying them. Each test leaves a screenshot of its final state in test-artifacts/.
"""

import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import expect

from plans.models import Chapter, Plan, PlanStatusChange
from priorities.models import Priority
from stats.models import IndicatorValue
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser

YEAR = 2020


def url(name, *args):
    return reverse(name, args=args)


def nl(message, **params):
    """*message* as the Dutch interface shows it."""
    with translation.override("nl"):
        text = translation.gettext(message)
    return text % params if params else text


def status_label(status):
    with translation.override("nl"):
        return str(Plan.Status(status).label)


def save_button(page):
    """The Save button of the page's editing form (not the navbar's log-out button)."""
    return page.locator("main form[method=post] button[type=submit]:not([name])").first


def submit(page, button):
    """Clicks *button* and asserts that the server accepted the POST (a redirect), not refused it or crashed."""
    with page.expect_response(lambda response: response.request.method == "POST") as answer:
        button.click()
    response = answer.value
    assert response.status == 302, f"POST {response.url} answered {response.status}"


# --- 1. Logging in ---------------------------------------------------------------------------------------------------


def test_login_lands_on_my_zones(page, zvp, screenshot):
    page.goto("/accounts/login/")
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    page.fill("#id_username", zvp.advisor.username)
    page.fill("#id_password", PASSWORD)
    page.locator("main form button[type=submit]").click()

    page.wait_for_url(f"**{url('editor:workspace')}")
    expect(page.get_by_role("heading", level=1)).to_have_text(nl("My zones"))
    zone = page.get_by_role("region", name=str(zvp.zone))
    expect(zone.get_by_role("heading", level=2)).to_have_text(str(zvp.zone))
    expect(zone.get_by_role("link", name=zvp.plan.title)).to_be_visible()
    expect(zone.locator(".status-badge.status-draft")).to_have_text(status_label(Plan.Status.DRAFT))
    expect(page.locator("header .navbar-text")).to_have_text(zvp.advisor.get_full_name())
    screenshot(page, "editor-login")


def test_login_helper_and_wrong_password(page, login, zvp):
    """A wrong password keeps the user on the form with an error; the login helper then gets in."""
    page.goto("/accounts/login/")
    page.fill("#id_username", zvp.advisor.username)
    page.fill("#id_password", "wrong password")
    page.locator("main form button[type=submit]").click()
    expect(page.locator("main .alert-danger")).to_be_visible()
    assert "/accounts/login/" in page.url
    login(page, zvp.advisor.username)
    expect(page.get_by_role("link", name=zvp.plan.title)).to_be_visible()


# --- 2. Editing a priority, and a chapter with the rich-text editor --------------------------------------------------


def test_edit_priority_short_title_and_rationale(page, login, zvp, screenshot):
    login(page, zvp.advisor.username)
    page.goto(url("editor:section-list", "prioriteiten", zvp.plan.pk))
    page.locator("main table tbody tr").first.get_by_role("link").first.click()  # the row's link to its form
    page.wait_for_url(f"**{url('editor:section-edit', 'prioriteiten', zvp.priority.pk)}")
    expect(page.locator("#id_short_title")).to_have_value("Verkeersveiligheid")
    page.fill("#id_short_title", "Verkeersveiligheid en snelheid")
    page.fill("#id_rationale", "Uit de scanning: 412 letselongevallen in 2019.\nSnelheid is de eerste oorzaak.")
    submit(page, save_button(page))

    page.wait_for_url(f"**{url('editor:section-list', 'prioriteiten', zvp.plan.pk)}")
    priority = Priority.objects.get(pk=zvp.priority.pk)
    expect(page.locator(".messages .alert-success")).to_have_text(nl("“%(object)s” was saved.", object=priority))
    expect(page.locator("main table tbody")).to_contain_text("Verkeersveiligheid en snelheid")
    assert priority.short_title == "Verkeersveiligheid en snelheid"
    assert priority.rationale == "Uit de scanning: 412 letselongevallen in 2019.\r\nSnelheid is de eerste oorzaak."
    assert priority.revision == zvp.priority.revision + 1
    screenshot(page, "editor-priority")


def test_edit_chapter_with_the_rich_text_editor(page, login, zvp, screenshot):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    login(page, zvp.advisor.username)
    page.goto(url("editor:section-edit", "hoofdstukken", zvp.chapter.pk))

    # TinyMCE replaces the textarea with an iframe whose body is the editable document.
    page.wait_for_selector(".tox-edit-area iframe")
    editor = page.frame_locator(".tox-edit-area iframe").locator("body#tinymce")
    expect(editor).to_have_attribute("contenteditable", "true")
    expect(editor).to_have_text("Oude tekst")
    editor.click()
    page.keyboard.press("ControlOrMeta+A")
    page.keyboard.press("Delete")
    page.keyboard.type("Het zonebeeld is ")
    bold = page.locator('.tox-tinymce button[data-mce-name="bold"]')
    bold.click()
    expect(bold).to_have_attribute("aria-pressed", "true")
    page.keyboard.type("bijgewerkt")
    bold.click()
    expect(bold).to_have_attribute("aria-pressed", "false")
    page.keyboard.type(" in 2024.")
    page.keyboard.press("Enter")
    page.keyboard.type("<script>alert('xss')</script>")
    expect(editor.locator("strong")).to_have_text("bijgewerkt")
    submit(page, save_button(page))

    page.wait_for_url(f"**{url('editor:section-list', 'hoofdstukken', zvp.plan.pk)}")
    expect(page.locator(".messages .alert-success")).to_have_text(nl("“%(object)s” was saved.", object="Zonebeeld"))
    body = Chapter.objects.get(pk=zvp.chapter.pk).body
    assert "<strong>bijgewerkt</strong>" in body
    assert re.search(r"<p>Het zonebeeld is (&nbsp;| )?<strong>bijgewerkt</strong>(&nbsp;| )in 2024\.</p>", body), body
    assert "&lt;script&gt;alert('xss')&lt;/script&gt;" in body.replace("&#39;", "'"), body
    assert "<script" not in body

    # Opened again, the editor shows the typed tag as text, and nothing ran.
    page.goto(url("editor:section-edit", "hoofdstukken", zvp.chapter.pk))
    expect(editor.locator("p").nth(1)).to_have_text("<script>alert('xss')</script>")
    expect(editor.locator("strong")).to_have_text("bijgewerkt")
    assert dialogs == []
    screenshot(page, "editor-chapter")


# --- 3. Entering a year's indicator values ---------------------------------------------------------------------------


def test_enter_and_approve_a_years_values(page, new_page, login, zvp, screenshot):
    first, second = zvp.indicators
    login(page, zvp.advisor.username)
    page.goto(url("editor:values", zvp.plan.pk, YEAR))
    expect(page.locator(f"#id_value_{first.pk}")).to_be_enabled()
    # The Belgian decimal comma (see also test_a_decimal_comma_is_not_misread).
    page.fill(f"#id_value_{first.pk}", "12,5")
    page.fill(f"#id_value_{second.pk}", "2480")
    page.fill(f"#id_note_{second.pk}", "Voorlopig cijfer")
    submit(page, save_button(page))

    expect(page.locator(".messages .alert-success")).to_have_text(
        nl("Saved: %(created)s new, %(changed)s changed, %(removed)s removed.", created=2, changed=0, removed=0)
    )
    values = {v.indicator_id: v for v in IndicatorValue.objects.filter(indicator__plan=zvp.plan, year=YEAR)}
    assert {k: v.value for k, v in values.items()} == {first.pk: Decimal("12.5"), second.pk: Decimal("2480")}
    assert values[second.pk].note == "Voorlopig cijfer"
    assert all(v.entered_by == zvp.advisor and v.approved_at is None for v in values.values())
    expect(page.locator("tbody .badge.text-bg-warning")).to_have_count(2)

    # The council approves the year (a confirm() dialog first).
    council = new_page()
    login(council, zvp.council.username)
    council.goto(url("editor:values", zvp.plan.pk, YEAR))
    expect(council.locator(f"#id_value_{first.pk}")).to_be_disabled()
    confirmations = []
    council.once("dialog", lambda dialog: (confirmations.append(dialog.message), dialog.accept()))
    submit(council, council.locator("button[name=approve]"))
    expect(council.locator(".messages .alert-success")).to_have_text(
        nl("%(count)s values of %(year)s approved.", count=2, year=YEAR)
    )
    assert confirmations == [nl("Approve all values of %(year)s? Approved values can no longer change.", year=YEAR)]
    assert IndicatorValue.objects.filter(indicator__plan=zvp.plan, year=YEAR, approved_by=zvp.council).count() == 2
    expect(council.locator("button[name=approve]")).to_have_count(0)

    # The advisor sees the approved values, read-only.
    page.reload()
    for indicator in zvp.indicators:
        expect(page.locator(f"#id_value_{indicator.pk}")).to_be_disabled()
        expect(page.locator(f"#id_note_{indicator.pk}")).to_be_disabled()
    expect(page.locator(f"#id_value_{first.pk}")).to_have_value("12,50")
    expect(page.locator("tbody .badge.text-bg-success")).to_have_count(2)
    screenshot(page, "editor-values")


def test_a_decimal_comma_is_not_misread(page, login, zvp):
    """A Belgian user types 12,5 with the decimal comma: the portal stores 12.5 (not 125)."""
    first = zvp.indicators[0]
    login(page, zvp.advisor.username)
    page.goto(url("editor:values", zvp.plan.pk, YEAR))
    page.click(f"#id_value_{first.pk}")
    page.keyboard.type("12,5")
    submit(page, save_button(page))
    stored = IndicatorValue.objects.filter(indicator=first, year=YEAR).values_list("value", flat=True).first()
    assert stored == Decimal("12.5"), f"typed 12,5, stored {stored}"


# --- 4. Submitting a plan for review ---------------------------------------------------------------------------------


def test_submit_the_plan_for_review(page, login, zvp, screenshot):
    login(page, zvp.advisor.username)
    page.goto(url("editor:plan", zvp.plan.pk))
    expect(page.locator(".status-badge")).to_have_text(status_label(Plan.Status.DRAFT))
    in_review = status_label(Plan.Status.IN_REVIEW)
    step = page.locator("form[action$='/status/']").filter(has=page.locator("input[name=to_status][value=in_review]"))
    expect(step.locator("button")).to_have_text(nl("To '%(label)s'", label=in_review))
    step.locator("input[name=note]").fill("Klaar voor de zonale veiligheidsraad")

    confirmations = []
    page.once("dialog", lambda dialog: (confirmations.append(dialog.message), dialog.accept()))
    submit(page, step.locator("button[type=submit]"))

    expect(page.locator(".messages .alert-success")).to_have_text(nl("The plan is now: %(status)s.", status=in_review))
    assert confirmations == [nl("Move this plan to '%(label)s'?", label=in_review)]
    expect(page.locator(".status-badge.status-in_review")).to_have_text(in_review)
    step_shown = page.locator("ol.timeline li").first
    expect(step_shown.locator("strong")).to_have_text(in_review)
    expect(step_shown).to_contain_text(str(zvp.advisor))
    expect(step_shown).to_contain_text("Klaar voor de zonale veiligheidsraad")
    expect(page.locator("form[action$='/status/']")).to_have_count(0)  # the advisor has no next step

    plan = Plan.objects.get(pk=zvp.plan.pk)
    assert plan.status == Plan.Status.IN_REVIEW
    change = PlanStatusChange.objects.get(plan=plan)
    assert (change.from_status, change.to_status, change.changed_by) == ("draft", "in_review", zvp.advisor)
    screenshot(page, "editor-review")
