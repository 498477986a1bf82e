"""Council comments, the yearly values grid, and a revision compared with its plan, through the editor's screens."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import dateformat, timezone, translation
from django.utils.html import escape

from comments.models import Comment
from plans.models import Plan
from stats.models import IndicatorValue
from tests import factories as f
from tests.editor import (
    client_for,
    has_save_button,
    message_levels,
    message_texts,
    nl,
)
from tests.editor.editing import add_data, add_url, edit_data, edit_url

pytestmark = pytest.mark.django_db

S = Plan.Status

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
