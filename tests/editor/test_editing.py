"""Editing a plan through the editor's screens: forms, validation, locking, history, comments, values, lists.

Each test drives the views as a browser would (GET the form, POST what the
form holds) and checks both the page the user gets and what the database
keeps. Messages are checked as a Dutch-speaking user reads them.
"""

import datetime
import re
from decimal import Decimal

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import dateformat, timezone, translation
from django.utils.html import escape
from django.utils.text import capfirst

from actionplans.models import ActionPlan
from comments.models import Comment
from core.base import Protection
from core.locking import StaleRevision
from editor.sections import SECTIONS
from plans.forms import PlanForm
from plans.models import Chapter, Plan
from priorities.models import Priority
from stats.models import IndicatorValue
from tests import factories as f
from tests.editor import (
    client_for,
    field_errors,
    form_data,
    has_save_button,
    message_levels,
    message_texts,
    nl,
    non_field_errors,
    section_form_data,
)
from zones.forms import MunicipalityFormSet, ZoneForm
from zones.models import Municipality

pytestmark = pytest.mark.django_db

S = Plan.Status


def edit_url(slug, obj):
    return reverse("editor:section-edit", args=[slug, obj.pk])


def add_url(slug, parent):
    return reverse("editor:section-add", args=[slug, parent.pk])


def list_url(slug, parent):
    return reverse("editor:section-list", args=[slug, parent.pk])


def loaded_revision(html) -> str:
    return re.search(r'name="loaded_revision" value="(\d+)"', html).group(1)


def edit_data(slug, obj, **changes):
    section = SECTIONS[slug]
    return section_form_data(section, obj, getattr(obj, section.parent_field), **changes)


def add_data(slug, parent, **values):
    section = SECTIONS[slug]
    return section_form_data(section, section.model(**{section.parent_field: parent}), parent, **values)


def stale_message(language="nl") -> str:
    with translation.override(language):
        return str(StaleRevision.message)


@pytest.fixture
def priority(draft_plan):
    return f.PriorityFactory(plan=draft_plan, number=1, short_title="Verkeersveiligheid")


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


# --- Comments of the council ------------------------------------------------------------------------------------------


def test_council_comments_advisor_sees_and_resolves(advisor, council, outsider, zone_a):
    plan = f.PlanFactory(zone=zone_a, published=True)
    priority = f.PriorityFactory(plan=plan, short_title="Drugs")
    response = client_for(council).post(reverse("editor:comment-add", args=["prioriteit", priority.pk]),
                                        {"body": "Graag de nulmeting toelichten."})  # fmt: skip
    assert response.status_code == 302
    assert response["Location"] == reverse("editor:priority", args=[priority.pk])
    comment = Comment.objects.get()
    assert (comment.author, comment.priority, comment.plan) == (council, priority, plan)

    advisor_client = client_for(advisor)
    for url in (reverse("editor:priority", args=[priority.pk]), edit_url("prioriteiten", priority)):
        assert "Graag de nulmeting toelichten." in advisor_client.get(url).content.decode()
    with translation.override("nl"):
        open_badge = translation.ngettext("%(counter)s open comment", "%(counter)s open comments", 1) % {"counter": 1}
    assert open_badge in advisor_client.get(reverse("editor:plan", args=[plan.pk])).content.decode()
    # Comments are internal: a citizen reading the public priority does not see them.
    assert (
        "Graag de nulmeting"
        not in client_for(outsider).get(reverse("editor:priority", args=[priority.pk])).content.decode()
    )

    next_url = reverse("editor:priority", args=[priority.pk])
    response = advisor_client.post(reverse("editor:comment-resolve", args=[comment.pk]), {"next": next_url})
    assert response.status_code == 302
    assert response["Location"] == next_url
    comment.refresh_from_db()
    assert comment.resolved_by == advisor and comment.resolved_at is not None
    html = advisor_client.get(next_url).content.decode()
    with translation.override("nl"):
        when = dateformat.format(timezone.localtime(comment.resolved_at), "j F Y")
    assert nl("Resolved by %(who)s on %(when)s", who="advisor_a", when=when) in html
    assert nl("Mark as resolved") not in html
    assert open_badge not in advisor_client.get(reverse("editor:plan", args=[plan.pk])).content.decode()


def test_council_cannot_resolve_and_advisor_cannot_comment(advisor, council, priority):
    comment = f.CommentFactory(priority=priority, author=council)
    assert client_for(council).post(reverse("editor:comment-resolve", args=[comment.pk])).status_code == 403
    comment.refresh_from_db()
    assert comment.resolved_at is None
    response = client_for(advisor).post(reverse("editor:comment-add", args=["prioriteit", priority.pk]), {"body": "Ok"})
    assert response.status_code == 403
    assert Comment.objects.count() == 1


def test_empty_comment_is_refused_with_a_message(chief, priority):
    response = client_for(chief).post(reverse("editor:comment-add", args=["prioriteit", priority.pk]), {"body": " "})
    assert response.status_code == 302
    assert not Comment.objects.exists()
    assert message_levels(response) == ["error"]
    assert message_texts(response) == [nl("This field is required.")]


def test_comment_on_an_indicator_without_priority_returns_to_the_indicator(council, advisor, draft_plan):
    indicator = f.IndicatorFactory(plan=draft_plan, name="Tevredenheid")
    response = client_for(council).post(reverse("editor:comment-add", args=["indicator", indicator.pk]),
                                        {"body": "Welke bron?"})  # fmt: skip
    assert response["Location"] == edit_url("indicatoren", indicator)
    assert "Welke bron?" in client_for(advisor).get(edit_url("indicatoren", indicator)).content.decode()


def test_resolving_never_redirects_to_another_site(advisor, council, priority):
    comment = f.CommentFactory(priority=priority, author=council)
    response = client_for(advisor).post(reverse("editor:comment-resolve", args=[comment.pk]),
                                        {"next": "https://evil.example/"})  # fmt: skip
    assert response.status_code == 302
    assert response["Location"] == reverse("editor:plan", args=[priority.plan_id])


# --- Yearly values: entered by advisors, approved per year by the council ---------------------------------------------


@pytest.fixture
def indicators(draft_plan):
    return [
        f.IndicatorFactory(plan=draft_plan, name="Inbraken"),
        f.IndicatorFactory(plan=draft_plan, name="Ongevallen"),
    ]


def values_url(plan, year=2021):
    return reverse("editor:values", args=[plan.pk, year])


def test_values_are_entered_then_approved_then_frozen(advisor, council, draft_plan, indicators):
    first, second = indicators
    advisor_client, council_client = client_for(advisor), client_for(council)
    response = advisor_client.post(values_url(draft_plan), {f"value_{first.pk}": "12", f"note_{first.pk}": "voorlopig",
                                                            f"value_{second.pk}": "7"})  # fmt: skip
    assert response.status_code == 302
    values = IndicatorValue.objects.filter(year=2021).order_by("indicator__name")
    assert [(v.indicator, v.value, v.entered_by, v.is_approved) for v in values] == [
        (first, Decimal("12"), advisor, False),
        (second, Decimal("7"), advisor, False),
    ]
    approve_button = 'name="approve"'
    assert approve_button not in advisor_client.get(values_url(draft_plan)).content.decode()
    assert approve_button in council_client.get(values_url(draft_plan)).content.decode()
    # Council members do not enter values; advisors do not approve.
    assert council_client.post(values_url(draft_plan), {f"value_{first.pk}": "99"}).status_code == 403
    assert advisor_client.post(values_url(draft_plan), {"approve": "1"}).status_code == 403

    response = council_client.post(values_url(draft_plan), {"approve": "1"})
    assert response.status_code == 302
    assert message_texts(response) == [nl("%(count)s values of %(year)s approved.", count=2, year=2021)]
    assert all(v.is_approved and v.approved_by == council for v in IndicatorValue.objects.all())

    # Approved values are frozen: shown disabled, and a changed value is ignored.
    html = advisor_client.get(values_url(draft_plan)).content.decode()
    assert re.search(rf'<input[^>]*name="value_{first.pk}"[^>]*disabled', html)
    advisor_client.post(values_url(draft_plan), {f"value_{first.pk}": "13"})
    assert IndicatorValue.objects.get(indicator=first).value == Decimal("12")


def test_emptying_an_unapproved_value_removes_it(advisor, draft_plan, indicators):
    first = indicators[0]
    f.IndicatorValueFactory(indicator=first, year=2021, value=Decimal("5"))
    response = client_for(advisor).post(values_url(draft_plan), {f"value_{first.pk}": ""})
    assert response.status_code == 302
    assert not IndicatorValue.objects.exists()


def test_invalid_value_is_refused_on_its_row(advisor, draft_plan, indicators):
    first, second = indicators
    response = client_for(advisor).post(
        values_url(draft_plan), {f"value_{first.pk}": "veel", f"value_{second.pk}": "3"}
    )
    html = response.content.decode()
    assert response.status_code == 400
    row = re.search(rf'<tr class="table-danger">(?:(?!</tr>).)*name="value_{first.pk}".*?</tr>', html, re.S)
    assert row and nl("Enter a number.") in row.group(0)
    assert not IndicatorValue.objects.exists()  # all or nothing


def test_values_of_a_year_outside_the_plan_do_not_exist(advisor, draft_plan):
    assert client_for(advisor).get(values_url(draft_plan, 2031)).status_code == 404


def test_values_of_an_archived_plan_cannot_change(advisor, zone_a):
    plan = f.PlanFactory(zone=zone_a, archived=True)
    indicator = f.IndicatorFactory(plan=plan)
    client = client_for(advisor)
    assert not has_save_button(client.get(values_url(plan)).content.decode())
    response = client.post(values_url(plan), {f"value_{indicator.pk}": "4"})
    assert response.status_code == 400
    assert escape(nl("The values of an archived plan can no longer change.")) in response.content.decode()
    assert not IndicatorValue.objects.exists()


def test_citizens_see_only_approved_values(outsider, advisor, zone_a):
    plan = f.PlanFactory(zone=zone_a, published=True)
    priority = f.PriorityFactory(plan=plan)
    indicator = f.IndicatorFactory(plan=plan, priority=priority)
    f.IndicatorValueFactory(indicator=indicator, year=2020, value=Decimal("111.11"), approved=True)
    f.IndicatorValueFactory(indicator=indicator, year=2021, value=Decimal("222.22"))
    outsider_page = client_for(outsider).get(reverse("editor:priority", args=[priority.pk])).content.decode()
    advisor_page = client_for(advisor).get(reverse("editor:priority", args=[priority.pk])).content.decode()
    assert "111,11" in outsider_page and "222,22" not in outsider_page
    assert "111,11" in advisor_page and "222,22" in advisor_page
    grid = client_for(outsider).get(values_url(plan, 2021)).content.decode()
    assert "222.22" not in grid and "222,22" not in grid


# --- Revisions: what changed against the published plan ---------------------------------------------------------------


def test_compare_shows_what_the_revision_changes(advisor, zone_a):
    plan = f.PlanFactory(zone=zone_a, published=True, title="ZVP 2020-2025")
    f.PriorityFactory(plan=plan, number=1, short_title="Verkeersveiligheid")
    f.PriorityFactory(plan=plan, number=2, short_title="Drugs")
    f.ChapterFactory(plan=plan, title="Zonebeeld", body="<p>Een landelijke zone</p>")
    client = client_for(advisor)
    client.post(reverse("editor:plan-new-version", args=[plan.pk, "revisie"]))
    revision = Plan.objects.get(extends=plan)
    first = revision.priorities.get(number=1)
    client.post(
        edit_url("prioriteiten", first),
        edit_data("prioriteiten", first, short_title="Verkeersveiligheid en mobiliteit"),
    )
    client.post(reverse("editor:section-delete", args=["prioriteiten", revision.priorities.get(number=2).pk]))
    client.post(
        add_url("prioriteiten", revision), add_data("prioriteiten", revision, number="3", short_title="Cybercrime")
    )
    chapter = revision.chapters.get()
    client.post(
        edit_url("hoofdstukken", chapter), edit_data("hoofdstukken", chapter, body="<p>Een stedelijke zone</p>")
    )

    html = client.get(reverse("editor:plan-compare", args=[revision.pk])).content.decode()
    assert "Verkeersveiligheid<ins> en mobiliteit</ins>" in html
    assert "<li><del>Drugs</del></li>" in html
    assert "<li><ins>Cybercrime</ins></li>" in html
    assert "<del>landelijke</del><ins>stedelijke</ins>" in html


# --- Reordering and renumbering priorities ----------------------------------------------------------------------------


def numbers(plan):
    return list(plan.priorities.order_by("number").values_list("short_title", "number", "code"))


def test_move_a_priority_up_and_down(advisor, draft_plan):
    a = f.PriorityFactory(plan=draft_plan, number=1, short_title="A")
    b = f.PriorityFactory(plan=draft_plan, number=2, short_title="B")
    f.PriorityFactory(plan=draft_plan, number=3, short_title="C")
    client = client_for(advisor)
    response = client.post(reverse("editor:priority-move", args=[draft_plan.pk, "omlaag"]), {"priority": a.pk})
    assert response.status_code == 302
    assert response["Location"] == list_url("prioriteiten", draft_plan) + "?sort=number"
    assert numbers(draft_plan) == [("B", 1, ""), ("A", 2, ""), ("C", 3, "")]
    client.post(reverse("editor:priority-move", args=[draft_plan.pk, "omhoog"]), {"priority": b.pk})
    assert numbers(draft_plan) == [("B", 1, ""), ("A", 2, ""), ("C", 3, "")]  # already at the top
    client.post(reverse("editor:priority-move", args=[draft_plan.pk, "omhoog"]), {"priority": a.pk})
    assert numbers(draft_plan) == [("A", 1, ""), ("B", 2, ""), ("C", 3, "")]


def test_renumber_gives_gent_style_codes_and_keeps_plain_ones(advisor, draft_plan):
    f.PriorityFactory(plan=draft_plan, number=4, short_title="Overlast", kind=Priority.Kind.INNOVATION, code="I 4")
    f.PriorityFactory(plan=draft_plan, number=9, short_title="Drugs", kind=Priority.Kind.SECURING, code="B 9")
    f.PriorityFactory(plan=draft_plan, number=17, short_title="Verkeer", code="V")
    response = client_for(advisor).post(reverse("editor:priority-move", args=[draft_plan.pk, "hernummeren"]))
    assert response.status_code == 302
    assert numbers(draft_plan) == [("Overlast", 1, "I 1"), ("Drugs", 2, "B 2"), ("Verkeer", 3, "V")]
    assert message_texts(response) == [nl("The priorities were renumbered.")]


def test_only_editors_of_a_draft_reorder(council, advisor, zone_a, draft_plan):
    a = f.PriorityFactory(plan=draft_plan, number=1)
    f.PriorityFactory(plan=draft_plan, number=2)
    assert client_for(council).post(reverse("editor:priority-move", args=[draft_plan.pk, "omlaag"]),
                                    {"priority": a.pk}).status_code == 403  # fmt: skip
    published = f.PlanFactory(zone=zone_a, published=True)
    assert (
        client_for(advisor).post(reverse("editor:priority-move", args=[published.pk, "hernummeren"])).status_code == 403
    )
    a.refresh_from_db()
    assert a.number == 1


def test_list_offers_reordering_to_editors_only(advisor, council, draft_plan, priority):
    move = reverse("editor:priority-move", args=[draft_plan.pk, "omhoog"])
    assert move in client_for(advisor).get(list_url("prioriteiten", draft_plan)).content.decode()
    assert move not in client_for(council).get(list_url("prioriteiten", draft_plan)).content.decode()


# --- The zone profile and its municipalities --------------------------------------------------------------------------


@pytest.fixture
def municipality(zone_a):
    return f.MunicipalityFactory(zone=zone_a, name="Aalst", nis_code="41002", population=88000)


def zone_post(zone, **changes):
    return form_data(ZoneForm(instance=zone), MunicipalityFormSet(instance=zone, prefix="lines"), **changes)


def with_new_municipality(data, **fields):
    index = int(data["lines-TOTAL_FORMS"])
    data["lines-TOTAL_FORMS"] = str(index + 1)
    data.update({f"lines-{index}-{name}": value for name, value in fields.items()})
    return data


def test_zone_profile_saves_the_zone_and_its_municipalities(advisor, zone_a, municipality):
    data = zone_post(zone_a, long_name="Politiezone Alfa", **{"lines-0-population": "88500"})
    data = with_new_municipality(data, name="Erpe-Mere", nis_code="41082", population="20000",
                                 population_date="2024-01-01")  # fmt: skip
    response = client_for(advisor).post(reverse("editor:zone", args=[zone_a.pk]), data)
    assert response.status_code == 302
    zone_a.refresh_from_db()
    assert zone_a.long_name == "Politiezone Alfa"
    assert list(zone_a.municipalities.order_by("name").values_list("name", "population")) == [
        ("Aalst", 88500),
        ("Erpe-Mere", 20000),
    ]


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"name": "Lede", "nis_code": "123"}, "Een NIS-code telt precies vijf cijfers."),
        ({"name": "Lede", "nis_code": "41034", "population": "18000"},
         "Geef de datum op waarop het bevolkingscijfer betrekking heeft."),
    ],
    ids=["nis-code", "population-without-date"],
)  # fmt: skip
def test_wrong_municipality_row_is_marked(advisor, zone_a, municipality, fields, message):
    data = with_new_municipality(zone_post(zone_a, long_name="Nieuw"), **fields)
    response = client_for(advisor).post(reverse("editor:zone", args=[zone_a.pk]), data)
    html = response.content.decode()
    assert response.status_code == 400
    rows = re.findall(r"<tr( class=\"table-danger\")?>(.*?)</tr>", html[html.index("lines-TOTAL_FORMS") :], re.S)
    wrong = [row for cls, row in rows if cls and 'value="Lede"' in row]
    assert len(wrong) == 1 and message in wrong[0]
    zone_a.refresh_from_db()
    assert zone_a.long_name != "Nieuw"
    assert zone_a.municipalities.count() == 1


def test_zone_keeps_at_least_one_municipality(advisor, zone_a, municipality):
    data = zone_post(zone_a, **{"lines-0-DELETE": "on"})
    response = client_for(advisor).post(reverse("editor:zone", args=[zone_a.pk]), data)
    assert response.status_code == 400
    assert escape(nl("Please submit at least %(num)d form.", num=1)) in response.content.decode()
    assert Municipality.objects.filter(pk=municipality.pk).exists()


@pytest.mark.parametrize("who", ["council", "outsider"])
def test_zone_profile_is_read_only_for_others(request, zone_a, municipality, who):
    user = request.getfixturevalue(who)
    client = client_for(user)
    page = client.get(reverse("editor:zone", args=[zone_a.pk]))
    assert page.status_code == 200
    assert not has_save_button(page.content.decode())
    assert "Aalst" in page.content.decode()
    assert client.post(reverse("editor:zone", args=[zone_a.pk]), zone_post(zone_a, long_name="X")).status_code == 403


# --- Deleting, with confirmation --------------------------------------------------------------------------------------


def test_delete_asks_first_then_deletes_and_history_keeps_it(advisor, draft_plan):
    chapter = f.ChapterFactory(plan=draft_plan, title="Oud hoofdstuk")
    client = client_for(advisor)
    url = reverse("editor:section-delete", args=["hoofdstukken", chapter.pk])
    page = client.get(url)
    html = page.content.decode()
    assert page.status_code == 200
    assert "Oud hoofdstuk" in html
    assert nl("Yes, delete") in html
    assert f'href="{edit_url("hoofdstukken", chapter)}"' in html  # "no, go back"
    assert Chapter.objects.filter(pk=chapter.pk).exists()  # asking deletes nothing

    response = client.post(url)
    assert response.status_code == 302
    assert response["Location"] == list_url("hoofdstukken", draft_plan)
    assert message_texts(response) == [nl("“%(object)s” was deleted.", object="Oud hoofdstuk")]
    assert not Chapter.objects.filter(pk=chapter.pk).exists()
    record = Chapter.history.filter(id=chapter.pk).latest("history_date")
    assert (record.history_type, record.history_user, record.title) == ("-", advisor, "Oud hoofdstuk")


def test_deleting_a_priority_deletes_its_action_plans(advisor, priority):
    action_plan = f.ActionPlanFactory(priority=priority)
    f.ObjectiveFactory(action_plan=action_plan)
    response = client_for(advisor).post(reverse("editor:section-delete", args=["prioriteiten", priority.pk]))
    assert response.status_code == 302
    assert not ActionPlan.objects.filter(pk=action_plan.pk).exists()


def test_delete_page_is_only_offered_to_editors(advisor, council, priority):
    delete = reverse("editor:section-delete", args=["prioriteiten", priority.pk])
    assert delete in client_for(advisor).get(edit_url("prioriteiten", priority)).content.decode()
    assert delete not in client_for(council).get(edit_url("prioriteiten", priority)).content.decode()


# --- Lists: pagination, search, sorting -------------------------------------------------------------------------------


@pytest.fixture
def chapters(draft_plan):
    rows = [
        f.ChapterFactory(plan=draft_plan, order=n, title=f"Hoofdstuk {n:02d}", body="<p>Tekst</p>")
        for n in range(1, 31)
    ]
    rows[6].body = "<p>Over de Stadsmonitor</p>"
    rows[6].save()
    return rows


def titles(response):
    return [row.title for row in response.context["page"]]


def test_list_is_paginated(advisor, draft_plan, chapters):
    client = client_for(advisor)
    first = client.get(list_url("hoofdstukken", draft_plan))
    assert titles(first) == [f"Hoofdstuk {n:02d}" for n in range(1, 26)]
    assert first.context["page"].paginator.count == 30
    assert 'href="?page=2"' in first.content.decode()
    second = client.get(list_url("hoofdstukken", draft_plan) + "?page=2")
    assert titles(second) == [f"Hoofdstuk {n:02d}" for n in range(26, 31)]
    # Out of range or not a number: the nearest page, not an error.
    assert titles(client.get(list_url("hoofdstukken", draft_plan) + "?page=99")) == titles(second)
    assert titles(client.get(list_url("hoofdstukken", draft_plan) + "?page=abc")) == titles(first)


def test_list_searches_titles_and_text(advisor, draft_plan, chapters):
    client = client_for(advisor)
    # The editor searches with the API's rule: every word, or a "quoted phrase" as one.
    assert titles(client.get(list_url("hoofdstukken", draft_plan) + '?q="hoofdstuk 1"')) == [
        f"Hoofdstuk {n:02d}" for n in range(10, 20)
    ]
    assert titles(client.get(list_url("hoofdstukken", draft_plan) + "?q=stadsmonitor")) == ["Hoofdstuk 07"]
    response = client.get(list_url("hoofdstukken", draft_plan) + "?q=bestaat+niet")
    assert titles(response) == []
    assert 'value="bestaat niet"' in response.content.decode()


def test_list_sorts_by_a_column_both_ways(advisor, draft_plan, chapters):
    client = client_for(advisor)
    descending = client.get(list_url("hoofdstukken", draft_plan) + "?sort=-title")
    assert titles(descending)[:3] == ["Hoofdstuk 30", "Hoofdstuk 29", "Hoofdstuk 28"]
    assert re.search(r'<th scope="col" aria-sort="descending">\s*<a href="\?sort=title">', descending.content.decode())
    ascending = client.get(list_url("hoofdstukken", draft_plan) + "?sort=title&page=2")
    assert titles(ascending) == [f"Hoofdstuk {n:02d}" for n in range(26, 31)]
    # Sorting and searching together; an unknown column falls back to the section's order.
    combined = client.get(list_url("hoofdstukken", draft_plan) + '?q="hoofdstuk 2"&sort=-title')
    assert titles(combined)[0] == "Hoofdstuk 29"
    assert titles(client.get(list_url("hoofdstukken", draft_plan) + "?sort=body")) == titles(
        client.get(list_url("hoofdstukken", draft_plan))
    )


def test_priorities_sort_by_number_and_title(advisor, draft_plan):
    for number, title in [(3, "Cybercrime"), (1, "Verkeer"), (2, "Drugs")]:
        f.PriorityFactory(plan=draft_plan, number=number, short_title=title)
    client = client_for(advisor)
    by_number = client.get(list_url("prioriteiten", draft_plan))
    assert [p.short_title for p in by_number.context["page"]] == ["Verkeer", "Drugs", "Cybercrime"]
    by_title = client.get(list_url("prioriteiten", draft_plan) + "?sort=short_title")
    assert [p.short_title for p in by_title.context["page"]] == ["Cybercrime", "Drugs", "Verkeer"]


def test_list_hides_restricted_rows_from_readers(outsider, advisor, zone_a):
    plan = f.PlanFactory(zone=zone_a, published=True)
    f.ChapterFactory(plan=plan, title="Openbaar")
    f.ChapterFactory(plan=plan, title="Intern", protection=Protection.RESTRICTED)
    assert titles(client_for(outsider).get(list_url("hoofdstukken", plan))) == ["Openbaar"]
    assert titles(client_for(advisor).get(list_url("hoofdstukken", plan))) == ["Openbaar", "Intern"]
    assert client_for(outsider).get(list_url("hoofdstukken", plan)).context["page"].paginator.count == 1


# --- Dates in forms ---------------------------------------------------------------------------------------------------


def test_milestone_dates_round_trip_through_the_form(advisor, draft_plan):
    action_plan = f.ActionPlanFactory(priority=f.PriorityFactory(plan=draft_plan), year=2021)
    client = client_for(advisor)
    data = add_data("mijlpalen", action_plan, title="Campagne", due_date="2021-03-15", reached_on="2021-03-20")
    assert client.post(add_url("mijlpalen", action_plan), data).status_code == 302
    milestone = action_plan.milestones.get()
    assert (milestone.due_date, milestone.reached_on) == (datetime.date(2021, 3, 15), datetime.date(2021, 3, 20))
    assert 'value="2021-03-15"' in client.get(edit_url("mijlpalen", milestone)).content.decode()
