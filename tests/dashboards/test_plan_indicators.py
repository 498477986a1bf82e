"""Indicators of the whole plan (tied to no priority) show on the dashboard, its API and its export."""

from decimal import Decimal

import pytest
from django.urls import reverse

from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan_indicator(full_plan):
    indicator = f.IndicatorFactory(plan=full_plan.plan, priority=None, code="Z1", name="Tevredenheid over de politie")
    f.IndicatorTargetFactory(indicator=indicator, year=2021, value=Decimal("70"))
    f.IndicatorValueFactory(indicator=indicator, year=2021, value=Decimal("72"), approved=True)
    return indicator


def test_they_show_on_the_page_in_the_api_and_in_the_export(client, full_plan, plan_indicator):
    client.force_login(full_plan.users.council)
    url = reverse("dashboards:plan", args=[full_plan.plan.pk])
    html = client.get(url, {"year": 2021}).content.decode()
    assert 'id="plan-indicators"' in html and f'data-indicator="{plan_indicator.pk}"' in html

    data = client.get(f"/api/v1/dashboard/plans/{full_plan.plan.pk}/", {"year": 2021}).json()
    assert [i["id"] for i in data["plan_indicators"]] == [plan_indicator.pk]
    assert all(plan_indicator.pk not in [i["id"] for i in p["indicators"]] for p in data["priorities"])

    export = client.get(reverse("dashboards:plan-export", args=[full_plan.plan.pk, "csv"]), {"year": 2021})
    assert "Tevredenheid over de politie" in export.content.decode("utf-8-sig")


def test_a_filter_on_the_priorities_leaves_them_out(client, full_plan, plan_indicator):
    client.force_login(full_plan.users.council)
    html = client.get(reverse("dashboards:plan", args=[full_plan.plan.pk]), {"year": 2021, "kind": "innovation"})
    assert 'id="plan-indicators"' not in html.content.decode()
