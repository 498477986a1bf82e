"""Editing a plan through the editor's screens: forms, validation, locking, sanitising, history.

Each test drives the views as a browser would (GET the form, POST what the
form holds) and checks both the page the user gets and what the database
keeps. Messages are checked as a Dutch-speaking user reads them.
"""

import re
from decimal import Decimal

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from django.utils.text import capfirst

from core.base import Protection
from editor.sections import SECTIONS
from plans.forms import PlanForm
from plans.models import Chapter, Plan
from priorities.models import Priority
from tests import factories as f
from tests.editor import (
    client_for,
    field_errors,
    form_data,
    message_texts,
    nl,
    non_field_errors,
)
from tests.editor.editing import add_data, add_url, edit_data, edit_url, list_url, loaded_revision, stale_message
from zones.forms import MunicipalityFormSet, ZoneForm

pytestmark = pytest.mark.django_db

S = Plan.Status


# --- Optimistic locking -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("headers", "cookies", "language"),
    [
        ({"HTTP_ACCEPT_LANGUAGE": "nl"}, {}, "nl"),
        ({"HTTP_ACCEPT_LANGUAGE": "en"}, {settings.LANGUAGE_COOKIE_NAME: "nl"}, "nl"),
        ({"HTTP_ACCEPT_LANGUAGE": "en"}, {}, "en"),
    ],
    ids=["accept-language-nl", "language-cookie-nl", "accept-language-en"],
)
def test_second_save_of_an_old_version_is_refused_and_keeps_the_input(advisor, priority, headers, cookies, language):
    client = client_for(advisor)
    client.defaults.update(headers)
    for name, value in cookies.items():
        client.cookies[name] = value
    url = edit_url("prioriteiten", priority)
    revision = loaded_revision(client.get(url).content.decode())
    first = edit_data("prioriteiten", priority, short_title="Eerste versie", loaded_revision=revision)
    assert client.post(url, first).status_code == 302

    second = edit_data("prioriteiten", priority, short_title="Tweede versie", rationale="Mijn toelichting",
                       loaded_revision=revision)  # fmt: skip
    response = client.post(url, second)
    html = response.content.decode()
    assert response.status_code == 409
    assert non_field_errors(html) == [escape(stale_message(language))]
    assert 'value="Tweede versie"' in html
    assert "Mijn toelichting" in html
    priority.refresh_from_db()
    assert priority.short_title == "Eerste versie"
    assert priority.rationale == ""
    assert priority.revision == 2


def test_stale_message_is_dutch():
    """The message of a refused save must read as Dutch for Dutch users (locale/nl)."""
    assert stale_message("nl") != stale_message("en"), "StaleRevision.message has no Dutch translation"


def test_two_editors_at_once_the_second_is_refused(advisor, chief, priority):
    first, second = client_for(advisor), client_for(chief)
    url = edit_url("prioriteiten", priority)
    revision_first = loaded_revision(first.get(url).content.decode())
    revision_second = loaded_revision(second.get(url).content.decode())
    assert revision_first == revision_second == "1"
    data = edit_data("prioriteiten", priority, short_title="Door de adviseur", loaded_revision=revision_first)
    assert first.post(url, data).status_code == 302
    data = edit_data("prioriteiten", priority, short_title="Door de korpschef", loaded_revision=revision_second)
    response = second.post(url, data)
    assert response.status_code == 409
    assert 'value="Door de korpschef"' in response.content.decode()
    priority.refresh_from_db()
    assert priority.short_title == "Door de adviseur"
    # After reloading, the second editor saves on top of the first.
    revision = loaded_revision(second.get(url).content.decode())
    assert revision == "2"
    data = edit_data("prioriteiten", priority, short_title="Door de korpschef", loaded_revision=revision)
    assert second.post(url, data).status_code == 302
    priority.refresh_from_db()
    assert (priority.short_title, priority.revision) == ("Door de korpschef", 3)


def test_locking_of_the_general_parts_of_a_plan(advisor, draft_plan):
    client = client_for(advisor)
    url = reverse("editor:plan-edit", args=[draft_plan.pk])
    old = loaded_revision(client.get(url).content.decode())
    assert client.post(url, form_data(PlanForm(instance=draft_plan), mission="Eerste")).status_code == 302
    response = client.post(url, form_data(PlanForm(instance=draft_plan), mission="Tweede", loaded_revision=old))
    assert response.status_code == 409
    assert escape(stale_message()) in response.content.decode()
    assert "Tweede" in response.content.decode()
    draft_plan.refresh_from_db()
    assert draft_plan.mission == "Eerste"


def test_locking_of_the_zone_profile(advisor, zone_a):
    f.MunicipalityFactory(zone=zone_a, name="Aalst")
    client = client_for(advisor)
    url = reverse("editor:zone", args=[zone_a.pk])
    old = loaded_revision(client.get(url).content.decode())

    def data(**changes):
        return form_data(ZoneForm(instance=zone_a), MunicipalityFormSet(instance=zone_a, prefix="lines"), **changes)

    assert client.post(url, data(description="Eerste")).status_code == 302
    response = client.post(url, data(description="Tweede", loaded_revision=old))
    assert response.status_code == 409
    zone_a.refresh_from_db()
    assert zone_a.description == "Eerste"


def test_locking_keeps_the_lines_of_a_formset(advisor, draft_plan):
    indicator = f.IndicatorFactory(plan=draft_plan, name="Letselongevallen")
    f.IndicatorTargetFactory(indicator=indicator, year=2021, value=Decimal("100"))
    client = client_for(advisor)
    url = edit_url("indicatoren", indicator)
    old = loaded_revision(client.get(url).content.decode())
    assert client.post(url, edit_data("indicatoren", indicator, name="Eerste")).status_code == 302
    response = client.post(url, edit_data("indicatoren", indicator, name="Tweede", loaded_revision=old,
                                          **{"lines-0-value": "77.50"}))  # fmt: skip
    assert response.status_code == 409
    assert 'value="77.50"' in response.content.decode()
    assert indicator.targets.get().value == Decimal("100")


# --- Saving -----------------------------------------------------------------------------------------------------------


def test_add_then_edit_counts_the_revision_up(advisor, draft_plan):
    client = client_for(advisor)
    response = client.post(add_url("hoofdstukken", draft_plan), add_data("hoofdstukken", draft_plan, title="Zonebeeld"))
    chapter = Chapter.objects.get(plan=draft_plan, title="Zonebeeld")
    assert response.status_code == 302
    assert response["Location"] == list_url("hoofdstukken", draft_plan)
    assert chapter.revision == 1
    response = client.post(edit_url("hoofdstukken", chapter), edit_data("hoofdstukken", chapter, title="Zonebeeld 2024",
                                                                      _continue="1"))  # fmt: skip
    assert response.status_code == 302
    assert response["Location"] == edit_url("hoofdstukken", chapter)  # "save and keep editing"
    chapter.refresh_from_db()
    assert (chapter.title, chapter.revision) == ("Zonebeeld 2024", 2)
    assert message_texts(response)[-1] == nl("“%(object)s” was saved.", object="Zonebeeld 2024")


def test_saving_an_unchanged_form_changes_nothing(advisor, priority):
    response = client_for(advisor).post(edit_url("prioriteiten", priority), edit_data("prioriteiten", priority))
    assert response.status_code == 302
    assert message_texts(response) == [nl("Nothing changed.")]
    priority.refresh_from_db()
    assert priority.revision == 1
    assert priority.history.count() == 1


def test_formset_adds_a_yearly_target(advisor, draft_plan):
    indicator = f.IndicatorFactory(plan=draft_plan)
    data = edit_data("indicatoren", indicator)
    data.update(
        {"lines-TOTAL_FORMS": "1", "lines-0-year": "2022", "lines-0-value": "80", "lines-0-indicator": indicator.pk}
    )
    assert client_for(advisor).post(edit_url("indicatoren", indicator), data).status_code == 302
    assert list(indicator.targets.values_list("year", "value")) == [(2022, Decimal("80"))]


def test_staff_table_shows_totals_computed_from_its_lines(advisor, draft_plan):
    table = f.StaffTableFactory(plan=draft_plan, printed_total=30)
    f.StaffLineFactory(table=table, label="Inspecteur", actual=20)
    f.StaffLineFactory(table=table, label="Hoofdinspecteur", actual=5)
    html = client_for(advisor).get(edit_url("personeel", table)).content.decode()
    with translation.override("nl"):
        warning = escape(translation.gettext("(the document prints %(printed)s: it does not add up)") % {"printed": 30})
    assert warning in html


def test_staff_table_form_shows_each_printed_total_beside_its_computed_one(advisor, draft_plan):
    table = f.StaffTableFactory(plan=draft_plan, printed_total_fte=Decimal("103.60"), printed_operational_actual=20)
    f.StaffLineFactory(table=table, label="Inspecteur", actual=20, fte=Decimal("132.8300000000000"))
    html = client_for(advisor).get(edit_url("personeel", table)).content.decode()
    assert "132,83" in html and "132,8300" not in html
    assert "(het document vermeldt 103,6: dat klopt niet)" in html
    assert "(het document vermeldt 20)" in html
    for name in ("printed_total_fte", "printed_operational_actual", "printed_calog_authorised"):
        assert f'name="{name}"' in html


def test_editor_lists_show_belgian_numbers(advisor, draft_plan):
    f.FinancialLineFactory(plan=draft_plan, label="Dotatie", amount=Decimal("1500000.00"))
    html = client_for(advisor).get(list_url("financien", draft_plan)).content.decode()
    assert "1.500.000" in html and "1500000" not in html


# --- Sanitising -------------------------------------------------------------------------------------------------------

PAYLOADS = {
    "script": '<p>Tekst</p><script>alert("xss")</script>',
    "img-onerror": '<img src="x" onerror="alert(1)">',
    "javascript-link": '<a href="javascript:alert(1)">klik</a>',
    "javascript-mixed-case": '<a href="JaVaScRiPt:alert(1)">klik</a>',
    "javascript-entity": '<a href="&#106;avascript:alert(1)">klik</a>',
    "javascript-tab": '<a href="java\tscript:alert(1)">klik</a>',
    "onclick-and-style": '<p onclick="alert(1)" style="color:red">Tekst</p>',
    "iframe": '<iframe src="https://evil.example"></iframe>',
    "svg-onload": '<svg onload="alert(1)"><circle r="1"></circle></svg>',
    "onmouseover-in-link": '<a href="https://politie.be" onmouseover="alert(1)">politie</a>',
}
FORBIDDEN = ("<script", "onerror", "onclick", "onload", "onmouseover", "javascript", "&#106;", "<iframe", "<svg",
             "style=", "alert")  # fmt: skip


@pytest.mark.parametrize("payload", PAYLOADS.values(), ids=PAYLOADS.keys())
def test_chapter_body_is_sanitised_when_added(advisor, draft_plan, payload):
    data = add_data("hoofdstukken", draft_plan, title="Analyse", body=f"<p>Begin</p>{payload}<p>Einde</p>")
    assert client_for(advisor).post(add_url("hoofdstukken", draft_plan), data).status_code == 302
    body = Chapter.objects.get(plan=draft_plan, title="Analyse").body
    assert not [bad for bad in FORBIDDEN if bad in body.lower()], body
    assert "<p>Begin</p>" in body and "<p>Einde</p>" in body


def test_chapter_body_is_sanitised_when_edited_and_formatting_survives(advisor, draft_plan):
    chapter = f.ChapterFactory(plan=draft_plan, title="Analyse", body="<p>Oud</p>")
    body = (
        "".join(PAYLOADS.values()) + '<h2>Kop</h2><p><strong>Vet</strong> <a href="https://www.politie.be">site</a></p>'
    )
    response = client_for(advisor).post(
        edit_url("hoofdstukken", chapter), edit_data("hoofdstukken", chapter, body=body)
    )
    assert response.status_code == 302
    chapter.refresh_from_db()
    assert not [bad for bad in FORBIDDEN if bad in chapter.body.lower()], chapter.body
    assert "<h2>Kop</h2>" in chapter.body
    assert "<strong>Vet</strong>" in chapter.body
    assert '<a href="https://www.politie.be" rel="noopener noreferrer">site</a>' in chapter.body


def test_edit_page_never_echoes_a_payload_as_markup(advisor, draft_plan):
    chapter = f.ChapterFactory(plan=draft_plan, title="Analyse")
    Chapter.objects.filter(pk=chapter.pk).update(body='<script>alert("x")</script>')  # bypasses the model's save
    html = client_for(advisor).get(edit_url("hoofdstukken", chapter)).content.decode()
    assert '<script>alert("x")</script>' not in html


# --- Validation at the field, in Dutch --------------------------------------------------------------------------------


def test_action_ending_before_it_starts_is_refused_at_the_end_date(advisor, draft_plan):
    objective = f.ObjectiveFactory(action_plan=f.ActionPlanFactory(priority=f.PriorityFactory(plan=draft_plan)))
    data = add_data("acties", objective, title="Controles", start_date="2021-06-01", end_date="2021-05-01")
    response = client_for(advisor).post(add_url("acties", objective), data)
    html = response.content.decode()
    assert response.status_code == 400
    assert field_errors(html, "end_date") == ["De einddatum kan niet vóór de begindatum liggen."]
    assert non_field_errors(html) == []
    assert re.search(r'<input[^>]*aria-invalid="true"[^>]*id="id_end_date"|<input[^>]*id="id_end_date"[^>]*'
                     r'aria-invalid="true"', html)  # fmt: skip
    assert 'value="Controles"' in html  # the input stays in the form
    assert not objective.actions.exists()


def test_required_field_says_so_in_dutch(advisor, priority):
    response = client_for(advisor).post(edit_url("prioriteiten", priority),
                                        edit_data("prioriteiten", priority, short_title=""))  # fmt: skip
    assert response.status_code == 400
    assert field_errors(response.content.decode(), "short_title") == [nl("This field is required.")]
    assert nl("This field is required.") == "Dit veld is vereist."


def test_duplicate_priority_number_is_refused_at_the_number(advisor, draft_plan, priority):
    other = f.PriorityFactory(plan=draft_plan, number=2)
    response = client_for(advisor).post(edit_url("prioriteiten", other), edit_data("prioriteiten", other, number="1"))
    assert response.status_code == 400
    assert field_errors(response.content.decode(), "number") == ["Dit plan heeft al een prioriteit met dit nummer."]
    other.refresh_from_db()
    assert other.number == 2


DUPLICATES = {
    # section: (make the existing row, values of the new row, field, model constraint)
    "domeinen": (lambda plan: f.DomainFactory(plan=plan, code="VL"), {"code": "VL", "name": "Leefbaarheid"}, "code",
                 "domain_unique_code_in_plan"),
    "kerncijfers": (lambda plan: f.KeyFigureFactory(plan=plan, label="Inwoners"),
                    {"label": "Inwoners", "value_text": "80000"}, "label", "keyfigure_unique_label_in_plan"),
    "financien": (lambda plan: f.FinancialLineFactory(plan=plan, year=2021, label="Lonen"),
                  {"year": "2021", "kind": "budget", "category": "personnel", "label": "Lonen", "amount": "5"}, "label",
                  "financialline_unique_label_per_year"),
    "actieplannen": (lambda priority: f.ActionPlanFactory(priority=priority, year=2021), {"year": "2021"}, "year",
                     "actionplan_one_per_priority_and_year"),
    "reeksen": (lambda zone: f.StatSeriesFactory(zone=zone, name="Woninginbraken"),
                {"name": "Woninginbraken", "kind": "other"}, "name", "series_unique_name_in_zone"),
    "misdrijfcategorieen": (lambda zone: f.CrimeCategoryFactory(zone=zone, code="eigen"),
                            {"code": "eigen", "name": "Eigen"}, "code", "crimecategory_unique_code_in_zone"),
}  # fmt: skip


@pytest.mark.parametrize("slug", DUPLICATES)
def test_duplicate_is_refused_at_the_field_not_by_the_database(advisor, draft_plan, priority, constraint_message, slug):
    make, values, field, constraint = DUPLICATES[slug]
    parent = {"actieplannen": priority, "reeksen": draft_plan.zone, "misdrijfcategorieen": draft_plan.zone}.get(
        slug, draft_plan
    )
    make(parent)
    model = SECTIONS[slug].model
    before = model.objects.count()
    response = client_for(advisor).post(add_url(slug, parent), add_data(slug, parent, **values))
    assert response.status_code == 400
    assert field_errors(response.content.decode(), field) == [escape(constraint_message(model, constraint, "nl"))]
    assert model.objects.count() == before


def test_plan_period_backwards_is_refused_at_the_last_year(advisor, draft_plan):
    data = form_data(PlanForm(instance=draft_plan), period_start="2026", period_end="2025")
    response = client_for(advisor).post(reverse("editor:plan-edit", args=[draft_plan.pk]), data)
    assert response.status_code == 400
    assert field_errors(response.content.decode(), "period_end") == [
        "Het eerste jaar van de periode kan niet na het laatste jaar liggen."
    ]


def test_indicator_baseline_needs_year_and_value_together(advisor, draft_plan):
    data = add_data("indicatoren", draft_plan, name="Inbraken", unit="feiten", baseline_year="2019")
    response = client_for(advisor).post(add_url("indicatoren", draft_plan), data)
    assert response.status_code == 400
    assert field_errors(response.content.decode(), "baseline_value") == [
        "Geef het jaar en de waarde van de nulmeting samen op, of geen van beide."
    ]


def test_target_year_outside_the_plan_is_refused_on_its_row(advisor, draft_plan):
    indicator = f.IndicatorFactory(plan=draft_plan, name="Letselongevallen")
    f.IndicatorTargetFactory(indicator=indicator, year=2021, value=Decimal("100"))
    data = edit_data("indicatoren", indicator)
    data.update({"lines-TOTAL_FORMS": "2", "lines-1-year": "2031", "lines-1-value": "90",
                 "lines-1-indicator": indicator.pk})  # fmt: skip
    response = client_for(advisor).post(edit_url("indicatoren", indicator), data)
    html = response.content.decode()
    assert response.status_code == 400
    rows = re.findall(r"<tr( class=\"table-danger\")?>(.*?)</tr>", html[html.index("lines-TOTAL_FORMS") :], re.S)
    wrong = [(cls, row) for cls, row in rows if 'value="2031"' in row]
    right = [(cls, row) for cls, row in rows if 'value="2021"' in row]
    assert len(wrong) == 1 and wrong[0][0], "the row with the wrong year is not marked"
    assert "Het jaar moet binnen de periode 2020-2025 van het plan liggen." in wrong[0][1]
    assert len(right) == 1 and not right[0][0]
    assert list(indicator.targets.values_list("year", flat=True)) == [2021]


def test_negative_amount_is_refused_at_the_amount(advisor, draft_plan):
    data = add_data("financien", draft_plan, year="2021", category="personnel", label="Lonen", amount="-5")
    response = client_for(advisor).post(add_url("financien", draft_plan), data)
    assert response.status_code == 400
    assert field_errors(response.content.decode(), "amount") == [
        nl("Ensure this value is greater than or equal to %(limit_value)s.", limit_value=0)
    ]


# --- History ----------------------------------------------------------------------------------------------------------


def test_history_shows_who_changed_what_word_by_word(advisor, chief, priority):
    client = client_for(advisor)
    client.post(
        edit_url("prioriteiten", priority),
        edit_data("prioriteiten", priority, short_title="Verkeersveiligheid en mobiliteit"),
    )
    priority.refresh_from_db()
    client_for(chief).post(edit_url("prioriteiten", priority),
                           edit_data("prioriteiten", priority, protection=Protection.RESTRICTED))  # fmt: skip
    html = client.get(reverse("editor:section-history", args=["prioriteiten", priority.pk])).content.decode()
    entries = re.findall(r'<li class="border-start.*?</li>', html, re.S)
    assert len(entries) == 3  # created, changed by the advisor, changed by the korpschef
    assert "chief_a" in entries[0] and "advisor_a" in entries[1]
    with translation.override("nl"):
        title_label = str(capfirst(Priority._meta.get_field("short_title").verbose_name))
        protection_label = str(capfirst(Priority._meta.get_field("protection").verbose_name))
        public, restricted = str(Protection.PUBLIC.label), str(Protection.RESTRICTED.label)
    assert title_label in entries[1]
    assert "Verkeersveiligheid<ins> en mobiliteit</ins>" in entries[1]
    assert protection_label in entries[0]
    assert f"<del>{public}</del><ins>{restricted}</ins>" in entries[0]  # labels, not stored values


def test_history_names_linked_rows_readably(advisor, priority):
    framework = f.FrameworkFactory(code="KIV", title="Kadernota Integrale Veiligheid")
    data = edit_data("prioriteiten", priority, frameworks=[str(framework.pk)])
    assert client_for(advisor).post(edit_url("prioriteiten", priority), data).status_code == 302
    html = (
        client_for(advisor).get(reverse("editor:section-history", args=["prioriteiten", priority.pk])).content.decode()
    )
    assert "<ins>KIV – Kadernota Integrale Veiligheid</ins>" in html
    assert "Historical" not in html


def test_plan_history_shows_the_general_parts(advisor, draft_plan):
    data = form_data(PlanForm(instance=draft_plan), vision="Een veilige zone voor iedereen")
    client = client_for(advisor)
    assert client.post(reverse("editor:plan-edit", args=[draft_plan.pk]), data).status_code == 302
    html = client.get(reverse("editor:plan-history", args=[draft_plan.pk])).content.decode()
    assert "<ins>Een veilige zone voor iedereen</ins>" in html
    assert "advisor_a" in html
