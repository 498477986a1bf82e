"""A federal or provincial reader compares the zones of their role and sees of each what citizens see."""

from decimal import Decimal

import pytest
from django.urls import reverse

from core.access import Role, sees_zone_internals, zone_ids
from dashboards.services import build_comparison, comparable_zones
from plans.models import Plan
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def reader(full_plan, zone_b):
    user = f.UserFactory(username="lezer-federaal")
    for zone in (full_plan.zone, zone_b):
        f.ZoneMembershipFactory(user=user, zone=zone, role=Role.READER)
    return user


def test_a_reader_sees_no_zone_internals(reader, full_plan, zone_b):
    assert zone_ids(reader) == set() and zone_ids(reader, "change") == set()
    assert not sees_zone_internals(reader, full_plan.zone.pk)
    draft = f.PlanFactory(zone=full_plan.zone, title="Ontwerp voor de lezer")
    assert not Plan.objects.restrict(reader, "view").filter(pk=draft.pk).exists()
    assert Plan.objects.restrict(reader, "view").filter(pk=full_plan.plan.pk).exists()


def test_a_reader_compares_the_zones_of_the_role_with_approved_values_only(reader, full_plan, zone_b, client):
    assert {z.pk for z in comparable_zones(reader)} == {full_plan.zone.pk, zone_b.pk}
    other = f.PlanFactory(zone=zone_b, published=True, title="Plan van zone B")
    indicator_b = f.IndicatorFactory(plan=other, name=full_plan.indicator.name)
    f.IndicatorValueFactory(indicator=indicator_b, year=2020, value=Decimal("40"), approved=True)
    f.IndicatorValueFactory(indicator=full_plan.indicator, year=2022, value=Decimal("777"))  # not approved
    comparison = build_comparison(reader, f"indicator:{full_plan.indicator.name}")
    values = {row.zone.pk: row.values for row in comparison.rows}
    assert values[zone_b.pk].get(2020) == Decimal("40")
    assert values[full_plan.zone.pk].get(2021) == Decimal("95")
    assert 2022 not in values[full_plan.zone.pk]

    client.force_login(reader)
    page = client.get(reverse("dashboards:compare"), {"measure": f"indicator:{full_plan.indicator.name}"})
    assert page.status_code == 200 and "777" not in page.content.decode()
    draft = f.PlanFactory(zone=full_plan.zone)
    assert client.get(reverse("dashboards:plan", args=[draft.pk])).status_code == 404
    assert client.post(reverse("documents:request", args=[full_plan.plan.pk]), {"kind": "plan"}).status_code == 403
