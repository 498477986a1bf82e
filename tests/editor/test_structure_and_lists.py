"""Reordering priorities, the zone profile, deleting with confirmation, lists and dates in the editor's screens."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils.html import escape

from actionplans.models import ActionPlan
from core.base import Protection
from plans.models import Chapter, Plan
from priorities.models import Priority
from tests import factories as f
from tests.editor import (
    client_for,
    form_data,
    has_save_button,
    message_texts,
    nl,
)
from tests.editor.editing import add_data, add_url, edit_url, list_url
from zones.forms import MunicipalityFormSet, ZoneForm
from zones.models import Municipality

pytestmark = pytest.mark.django_db

S = Plan.Status

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
