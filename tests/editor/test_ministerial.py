"""Recording the ministers' approval date on the plan page."""

import datetime

import pytest
from django.urls import reverse

from plans.models import Plan
from tests import factories as f

from . import client_for, message_texts, nl

pytestmark = pytest.mark.django_db


def _plan(zone, status, council_on=datetime.date(2020, 3, 1)):
    return f.PlanFactory(zone=zone, status=status, council_approved_on=council_on)


@pytest.mark.parametrize("status", [Plan.Status.APPROVED, Plan.Status.PUBLISHED])
@pytest.mark.parametrize("role", ["chief", "council"])
def test_chief_or_council_records_the_date(request, zone_a, status, role):
    user = request.getfixturevalue(role)
    plan = _plan(zone_a, status)
    page = client_for(user).get(reverse("editor:plan", args=[plan.pk]))
    assert reverse("editor:plan-ministerial-approval", args=[plan.pk]) in page.content.decode()
    response = client_for(user).post(reverse("editor:plan-ministerial-approval", args=[plan.pk]), {"on": "2020-06-15"})
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.minister_approved_on == datetime.date(2020, 6, 15)
    assert message_texts(response) == [nl("The ministerial approval date was recorded.")]


def test_a_date_before_the_council_is_refused_with_a_message(zone_a, chief):
    plan = _plan(zone_a, Plan.Status.APPROVED)
    response = client_for(chief).post(reverse("editor:plan-ministerial-approval", args=[plan.pk]), {"on": "2020-01-01"})
    plan.refresh_from_db()
    assert plan.minister_approved_on is None
    assert message_texts(response) == [nl("Ministerial approval cannot precede the council's approval.")]


def test_a_draft_cannot_get_a_ministerial_approval(zone_a, chief):
    plan = _plan(zone_a, Plan.Status.DRAFT, council_on=None)
    page = client_for(chief).get(reverse("editor:plan", args=[plan.pk]))
    assert reverse("editor:plan-ministerial-approval", args=[plan.pk]) not in page.content.decode()
    response = client_for(chief).post(reverse("editor:plan-ministerial-approval", args=[plan.pk]), {"on": "2020-06-15"})
    plan.refresh_from_db()
    assert plan.minister_approved_on is None
    assert message_texts(response) == [nl("Only a plan the council approved can be approved by the ministers.")]


@pytest.mark.parametrize("role", ["advisor", "advisor_b"])
def test_advisors_and_other_zones_cannot_record_it(request, zone_a, role):
    plan = _plan(zone_a, Plan.Status.PUBLISHED)
    user = request.getfixturevalue(role)
    response = client_for(user).post(reverse("editor:plan-ministerial-approval", args=[plan.pk]), {"on": "2020-06-15"})
    plan.refresh_from_db()
    assert plan.minister_approved_on is None
    # A zone-B advisor sees the published plan but may not act on it; the zone's own advisor is refused too.
    assert response.status_code == 302
    assert message_texts(response) == [nl("Your role in this zone does not allow this step.")]


def test_anonymous_is_sent_to_the_login(zone_a):
    plan = _plan(zone_a, Plan.Status.PUBLISHED)
    response = client_for(None).post(reverse("editor:plan-ministerial-approval", args=[plan.pk]), {"on": "2020-06-15"})
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
