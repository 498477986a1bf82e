"""The editor's lists search, filter and sort through the model's FilterSet, the same one the API uses."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from editor.sections import SECTIONS
from priorities.models import Priority
from tests import factories as f
from zvp_portal.api_urls import router


def _api_filtersets() -> dict:
    found = {}
    for _prefix, viewset, _basename in router.registry:
        queryset = getattr(viewset, "queryset", None)
        filterset = getattr(viewset, "filterset_class", None)
        if queryset is not None and filterset is not None:
            found.setdefault(queryset.model, filterset)
    return found


@pytest.mark.parametrize("slug", sorted(SECTIONS))
def test_every_section_lists_through_the_api_filterset_of_its_model(slug):
    section = SECTIONS[slug]
    assert section.filterset_class is not None, f"{slug}: name the model's FilterSet"
    assert section.filterset_class is _api_filtersets()[section.model]


@pytest.fixture
def priorities(draft_plan):
    found = f.PriorityFactory(plan=draft_plan, number=1, code="I 1", short_title="Fietsdiefstal",
                              target_group="Studenten en pendelaars")  # fmt: skip
    other = f.PriorityFactory(plan=draft_plan, number=2, code="I 2", short_title="Woninginbraak",
                              target_group="Bewoners")  # fmt: skip
    return found, other


@pytest.mark.parametrize("query", ["pendelaars", "studenten fiets", "I 1"])
def test_editor_and_api_find_the_same_priorities(client, advisor, draft_plan, priorities, query):
    """The editor searched four fields of a priority and the API six, with other word rules; now one rule."""
    client.force_login(advisor)
    page = client.get(reverse("editor:section-list", args=["prioriteiten", draft_plan.pk]), {"q": query})
    assert page.status_code == 200
    editor_ids = {row.pk for row in page.context["page"].object_list}
    api = APIClient()
    api.force_authenticate(advisor)
    answer = api.get(reverse("api:priority-list"), {"plan": draft_plan.pk, "q": query})
    assert answer.status_code == 200
    api_ids = {row["id"] for row in answer.json()["results"]}
    assert editor_ids == api_ids
    assert priorities[0].pk in editor_ids
    assert priorities[1].pk not in editor_ids


def test_editor_list_filters_by_the_filterset_fields(client, advisor, draft_plan, priorities):
    """Not only ``q``: every filter of the API's FilterSet narrows the editor's list too."""
    found, other = priorities
    Priority.objects.filter(pk=found.pk).update(kind=Priority.Kind.INNOVATION)
    Priority.objects.filter(pk=other.pk).update(kind=Priority.Kind.SECURING)
    third = f.PriorityFactory(plan=draft_plan, number=3, code="I 3", kind=Priority.Kind.INNOVATION)
    client.force_login(advisor)
    url = reverse("editor:section-list", args=["prioriteiten", draft_plan.pk])
    rows = client.get(url, {"kind": Priority.Kind.INNOVATION, "sort": "-number"}).context["page"].object_list
    assert [row.pk for row in rows] == [third.pk, found.pk]


def test_a_bad_filter_value_is_named_and_lists_nothing(client, advisor, draft_plan, priorities):
    client.force_login(advisor)
    page = client.get(reverse("editor:section-list", args=["prioriteiten", draft_plan.pk]), {"domain": "abc"})
    assert page.status_code == 200
    assert "domain" in page.context["filter_errors"]
    assert list(page.context["page"].object_list) == []
    assert "domain" in page.content.decode()
