"""The zone profile has a history page: the zone's and its municipalities' changes, with who made them."""

import pytest
from django.urls import reverse

from tests import factories as f

from . import client_for

pytestmark = pytest.mark.django_db


def test_zone_history_lists_zone_and_municipality_changes(zone_a, advisor):
    municipality = f.MunicipalityFactory(zone=zone_a, name="Aalst")
    client = client_for(advisor)
    page = client.get(reverse("editor:zone", args=[zone_a.pk]))
    assert reverse("editor:zone-history", args=[zone_a.pk]) in page.content.decode()

    # A change made through the editor is recorded with its author.
    municipality.mayor = "C. D'haese"
    municipality._history_user = advisor
    municipality.save()
    response = client.get(reverse("editor:zone-history", args=[zone_a.pk]))
    assert response.status_code == 200
    entries = response.context["entries"]
    labels = {entry["label"] for entry in entries}
    assert {str(zone_a), str(municipality)} <= labels
    changed = next(e for e in entries if e["label"] == str(municipality) and e["changes"])
    assert changed["user"] == advisor
    assert [str(c["field"]) for c in changed["changes"]] == [str(municipality._meta.get_field("mayor").verbose_name)]
    assert "haese" in response.content.decode()
    dates = [entry["date"] for entry in entries]
    assert dates == sorted(dates, reverse=True)


def test_zone_history_needs_a_login(zone_a):
    response = client_for(None).get(reverse("editor:zone-history", args=[zone_a.pk]))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
