"""Writes validate like the forms (400 with messages per field), honour the optimistic locking (409/412/428),
and enter a year's indicator values all or nothing."""

import datetime
from decimal import Decimal

import pytest
from django.db.models import F
from django.utils import timezone
from rest_framework.test import APIClient

from actionplans.models import Action
from core import api as api_module
from plans.models import Chapter, PlanValue
from stats.models import IndicatorValue
from tests import factories as f

pytestmark = pytest.mark.django_db

PERIOD_MESSAGE = "The year must lie within the plan's period 2020-2025."


@pytest.fixture
def api(advisor):
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    client.force_authenticate(advisor)
    return client


# --- Validation like the forms --------------------------------------------------------------------------------------


def test_year_outside_the_plan_period_is_a_field_error(api, draft_plan, constraint_message):
    priority = f.PriorityFactory(plan=draft_plan)
    response = api.post("/api/v1/action-plans/", {"priority": priority.pk, "year": 2030}, format="json")
    assert response.status_code == 400
    assert response.json() == {"year": [PERIOD_MESSAGE]}

    indicator = f.IndicatorFactory(plan=draft_plan)
    response = api.post(
        "/api/v1/indicator-targets/", {"indicator": indicator.pk, "year": 2019, "value": "1"}, format="json"
    )
    assert response.json() == {"year": [PERIOD_MESSAGE]}


def test_end_before_start_is_refused_with_the_constraints_message(api, draft_plan, constraint_message):
    objective = f.ObjectiveFactory(action_plan=f.ActionPlanFactory(priority=f.PriorityFactory(plan=draft_plan)))
    body = {"objective": objective.pk, "title": "Controles", "start_date": "2021-05-01", "end_date": "2021-01-01"}
    response = api.post("/api/v1/actions/", body, format="json")
    assert response.status_code == 400
    message = constraint_message(Action, "action_start_lte_end")
    assert response.json() == {"non_field_errors": [message]}
    assert not Action.objects.exists()

    response = api.patch(f"/api/v1/plans/{draft_plan.pk}/", {"period_start": 2026, "revision": 1}, format="json")
    assert response.status_code == 400
    assert response.json() == {"non_field_errors": ["The first year of the period cannot come after the last year."]}


def test_unique_constraints_are_field_or_non_field_errors(api, draft_plan):
    f.PriorityFactory(plan=draft_plan, number=1, code="I 1")
    response = api.post(
        "/api/v1/priorities/", {"plan": draft_plan.pk, "number": 1, "short_title": "Twee"}, format="json"
    )
    assert response.status_code == 400
    assert response.json() == {"non_field_errors": ["This plan already has a priority with this number."]}
    # A conditional constraint: the code is optional, but unique in its plan when given.
    response = api.post(
        "/api/v1/priorities/", {"plan": draft_plan.pk, "number": 2, "code": "I 1", "short_title": "Twee"}, format="json"
    )
    assert response.json() == {"non_field_errors": ["This plan already has a priority with this code."]}
    response = api.post(
        "/api/v1/priorities/", {"plan": draft_plan.pk, "number": 2, "short_title": "Twee"}, format="json"
    )
    assert response.status_code == 201, response.content


def test_a_unique_field_is_a_field_error(superuser, zone_a):
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    client.force_authenticate(superuser)
    response = client.post("/api/v1/zones/", {"name": zone_a.name, "slug": "other"}, format="json")
    assert response.status_code == 400
    assert list(response.json()) == ["name"]


def test_model_clean_and_check_constraints_come_out_as_400(api, draft_plan, zone_a):
    other_plan = f.PlanFactory(zone=zone_a)
    foreign_domain = f.DomainFactory(plan=other_plan)
    response = api.post(
        "/api/v1/priorities/",
        {"plan": draft_plan.pk, "number": 5, "short_title": "X", "domain": foreign_domain.pk},
        format="json",
    )
    assert response.status_code == 400
    assert response.json() == {"domain": ["The domain belongs to another plan."]}

    response = api.post(
        "/api/v1/indicators/", {"plan": draft_plan.pk, "name": "X", "unit": "%", "baseline_year": 2019}, format="json"
    )
    assert response.status_code == 400
    assert response.json() == {"non_field_errors": ["Give the baseline's year and value together, or neither."]}

    # Field checks first (as DRF does), then the model's clean().
    response = api.post("/api/v1/municipalities/", {"zone": zone_a.pk, "name": "Gem", "nis_code": "123"}, format="json")
    assert response.json() == {"nis_code": ["A NIS code has exactly five digits."]}
    response = api.post(
        "/api/v1/municipalities/",
        {"zone": zone_a.pk, "name": "Gem", "nis_code": "12345", "population": 5},
        format="json",
    )
    assert response.json() == {"population_date": ["Give the date the population figure refers to."]}

    expectation = f.StakeholderExpectationFactory(plan=other_plan)
    response = api.post(
        "/api/v1/priorities/",
        {"plan": draft_plan.pk, "number": 6, "short_title": "X", "stakeholder_expectations": [expectation.pk]},
        format="json",
    )
    assert response.json() == {
        "stakeholder_expectations": ["A priority answers the expectations of its own plan only."]
    }


def test_negative_capacity_is_a_field_error(api, draft_plan):
    action = f.ActionFactory(objective__action_plan__priority__plan=draft_plan)
    response = api.patch(
        f"/api/v1/actions/{action.pk}/", {"planned_hours": "-1", "revision": action.revision}, format="json"
    )
    assert response.status_code == 400
    assert list(response.json()) == ["planned_hours"]


def test_links_to_rows_the_user_cannot_see_do_not_exist(api, draft_plan, zone_b):
    hidden_series = f.StatSeriesFactory(zone=zone_b, protection="restricted")
    response = api.post(
        "/api/v1/indicators/",
        {"plan": draft_plan.pk, "name": "X", "unit": "%", "series": hidden_series.pk},
        format="json",
    )
    assert response.status_code == 400
    assert list(response.json()) == ["series"]
    # ... and the row a new row goes under answers 404, like its own detail would.
    hidden_plan = f.PlanFactory(zone=zone_b)
    response = api.post("/api/v1/chapters/", {"plan": hidden_plan.pk, "title": "X"}, format="json")
    assert response.status_code == 404


def test_a_row_does_not_move_to_another_plan(api, draft_plan, zone_a):
    chapter = f.ChapterFactory(plan=draft_plan)
    other = f.PlanFactory(zone=zone_a)
    response = api.patch(f"/api/v1/chapters/{chapter.pk}/", {"plan": other.pk, "revision": 1}, format="json")
    assert response.status_code == 400
    assert list(response.json()) == ["plan"]


def test_chapter_html_is_sanitised(api, draft_plan):
    body = {"plan": draft_plan.pk, "title": "X", "body": "<p>ok</p><script>alert(1)</script>"}
    response = api.post("/api/v1/chapters/", body, format="json")
    assert response.status_code == 201
    assert "<script>" not in response.json()["body"]


def test_workflow_errors_are_400_with_a_message(api, draft_plan):
    response = api.post(f"/api/v1/plans/{draft_plan.pk}/addendum/", {"period_end": 2027}, format="json")
    assert response.status_code == 400
    assert response.json() == {
        "non_field_errors": ["Only an approved or published plan gets a revision or an addendum."]
    }


def test_ministerial_approval_before_the_council_is_a_field_error(chief, zone_a):
    plan = f.PlanFactory(zone=zone_a, published=True)  # the council approved on 2020-01-15
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    client.force_authenticate(chief)
    response = client.post(f"/api/v1/plans/{plan.pk}/ministerial-approval/", {"on": "2019-12-01"}, format="json")
    assert response.status_code == 400
    assert response.json() == {"minister_approved_on": ["Ministerial approval cannot precede the council's approval."]}


# --- Optimistic locking ---------------------------------------------------------------------------------------------


@pytest.fixture
def chapter(draft_plan):
    return f.ChapterFactory(plan=draft_plan, title="Zonebeeld")


def test_detail_carries_the_revision_as_etag(api, chapter):
    response = api.get(f"/api/v1/chapters/{chapter.pk}/")
    assert response["ETag"] == '"1"'
    assert response.json()["revision"] == 1


def test_update_without_a_revision_is_428(api, chapter):
    response = api.patch(f"/api/v1/chapters/{chapter.pk}/", {"title": "Nieuw"}, format="json")
    assert response.status_code == 428
    assert Chapter.objects.get(pk=chapter.pk).title == "Zonebeeld"


def test_stale_if_match_is_412_and_stale_body_revision_is_409(api, chapter):
    Chapter.objects.filter(pk=chapter.pk).update(revision=F("revision") + 1)  # somebody else saved
    response = api.patch(f"/api/v1/chapters/{chapter.pk}/", {"title": "Nieuw"}, format="json", HTTP_IF_MATCH='"1"')
    assert response.status_code == 412
    response = api.patch(f"/api/v1/chapters/{chapter.pk}/", {"title": "Nieuw", "revision": 1}, format="json")
    assert response.status_code == 409
    assert response.json()["current_revision"] == 2
    assert Chapter.objects.get(pk=chapter.pk).title == "Zonebeeld"


@pytest.mark.parametrize(("how", "code"), [("header", 412), ("body", 409)])
def test_a_save_in_between_is_caught_by_save_with_revision(api, chapter, monkeypatch, how, code):
    """Somebody saves after the request was checked but before it is saved: the locked save refuses."""
    real = api_module.save_with_revision

    def racing(instance, expected):
        type(instance).objects.filter(pk=instance.pk).update(revision=F("revision") + 1)
        return real(instance, expected)

    monkeypatch.setattr(api_module, "save_with_revision", racing)
    kwargs = {"HTTP_IF_MATCH": '"1"'} if how == "header" else {}
    body = {"title": "Nieuw"} if how == "header" else {"title": "Nieuw", "revision": 1}
    response = api.patch(f"/api/v1/chapters/{chapter.pk}/", body, format="json", **kwargs)
    assert response.status_code == code
    assert response.json()["current_revision"] == 2
    assert Chapter.objects.get(pk=chapter.pk).title == "Zonebeeld"


@pytest.mark.parametrize("if_match", ['"1"', 'W/"1"', '"7", "1"'])
def test_current_revision_saves_and_counts_up(api, chapter, if_match):
    response = api.patch(f"/api/v1/chapters/{chapter.pk}/", {"title": "Nieuw"}, format="json", HTTP_IF_MATCH=if_match)
    assert response.status_code == 200, response.content
    assert response.json()["revision"] == 2
    assert response["ETag"] == '"2"'
    response = api.put(
        f"/api/v1/chapters/{chapter.pk}/", {"plan": chapter.plan_id, "title": "Opnieuw", "revision": 2}, format="json"
    )
    assert response.status_code == 200, response.content
    assert Chapter.objects.get(pk=chapter.pk).revision == 3


def test_delete_refuses_a_stale_if_match(api, chapter):
    assert api.delete(f"/api/v1/chapters/{chapter.pk}/", HTTP_IF_MATCH='"5"').status_code == 412
    assert api.delete(f"/api/v1/chapters/{chapter.pk}/").status_code == 204


def test_rows_without_a_revision_need_none(api, draft_plan):
    value = f.PlanValueFactory(plan=draft_plan)
    response = api.patch(f"/api/v1/plan-values/{value.pk}/", {"name": "dienstbaar"}, format="json")
    assert response.status_code == 200
    assert PlanValue.objects.get(pk=value.pk).name == "dienstbaar"


def test_a_stale_workflow_step_is_refused(api, draft_plan):
    response = api.post(f"/api/v1/plans/{draft_plan.pk}/submit/", HTTP_IF_MATCH='"9"')
    assert response.status_code == 412
    assert api.post(f"/api/v1/plans/{draft_plan.pk}/submit/", HTTP_IF_MATCH='"1"').status_code == 200


# --- Bulk entry of a year's values ----------------------------------------------------------------------------------


@pytest.fixture
def indicators(draft_plan):
    return [f.IndicatorFactory(plan=draft_plan, code=f"V{i}") for i in range(3)]


def values_url(plan, year=2021):
    return f"/api/v1/plans/{plan.pk}/values/{year}/"


def test_bulk_values_create_change_and_remove(api, draft_plan, indicators, advisor):
    first, second, third = indicators
    f.IndicatorValueFactory(indicator=second, year=2021, value=Decimal("1"))
    f.IndicatorValueFactory(indicator=third, year=2021, value=Decimal("1"))
    rows = [
        {"indicator": first.pk, "value": "12.5", "note": "nieuw"},
        {"indicator": second.pk, "value": "2"},
        {"indicator": third.pk, "value": None},
    ]
    response = api.post(values_url(draft_plan), rows, format="json")
    assert response.status_code == 200, response.content
    assert response.json() == {"created": 1, "changed": 1, "removed": 1}
    values = {v.indicator_id: v.value for v in IndicatorValue.objects.filter(year=2021)}
    assert values == {first.pk: Decimal("12.5"), second.pk: Decimal("2")}


def test_one_bad_row_writes_nothing_and_names_its_indicator(api, draft_plan, indicators, zone_a):
    foreign = f.IndicatorFactory(plan=f.PlanFactory(zone=zone_a))
    rows = [{"indicator": indicators[0].pk, "value": "1"}, {"indicator": foreign.pk, "value": "2"}]
    response = api.post(values_url(draft_plan), rows, format="json")
    assert response.status_code == 400
    assert response.json() == {str(foreign.pk): ["This indicator does not belong to this plan."]}
    assert not IndicatorValue.objects.exists()


def test_an_invalid_value_names_its_indicator(api, draft_plan, indicators):
    rows = [{"indicator": indicators[0].pk, "value": "1"}, {"indicator": indicators[1].pk, "value": "veel"}]
    response = api.post(values_url(draft_plan), rows, format="json")
    assert response.status_code == 400
    assert list(response.json()) == [str(indicators[1].pk)]
    assert not IndicatorValue.objects.exists()


def test_approved_values_and_duplicates_are_refused_per_indicator(api, draft_plan, indicators):
    f.IndicatorValueFactory(indicator=indicators[0], year=2021, approved_at=timezone.now())
    rows = [
        {"indicator": indicators[0].pk, "value": "3"},
        {"indicator": indicators[1].pk, "value": "3"},
        {"indicator": indicators[1].pk, "value": "4"},
    ]
    response = api.post(values_url(draft_plan), rows, format="json")
    assert response.status_code == 400
    assert set(response.json()) == {str(indicators[0].pk), str(indicators[1].pk)}
    assert IndicatorValue.objects.count() == 1


def test_bulk_values_outside_the_period_or_not_a_list(api, draft_plan, indicators):
    response = api.post(values_url(draft_plan, 2030), [{"indicator": indicators[0].pk, "value": "1"}], format="json")
    assert response.status_code == 400
    assert response.json() == {"year": [PERIOD_MESSAGE]}
    response = api.post(values_url(draft_plan), {"indicator": indicators[0].pk, "value": "1"}, format="json")
    assert response.status_code == 400
    assert not IndicatorValue.objects.exists()


def test_council_approves_the_year_then_citizens_see_the_values(draft_plan, indicators, advisor, council, chief):
    writer = APIClient()
    writer.force_authenticate(advisor)
    writer.post(values_url(draft_plan), [{"indicator": i.pk, "value": "5"} for i in indicators], format="json")
    approver = APIClient()
    approver.force_authenticate(council)
    response = approver.post(f"/api/v1/plans/{draft_plan.pk}/values/2021/approve/")
    assert response.json() == {"approved": 3}
    # Approved values are frozen: the single-row endpoint refuses to change them.
    value = IndicatorValue.objects.filter(indicator=indicators[0]).get()
    response = writer.patch(
        f"/api/v1/indicator-values/{value.pk}/", {"value": "6", "revision": value.revision}, format="json"
    )
    assert response.status_code == 403
    # Publish; a citizen now sees the approved value and its status in the indicator.
    from plans.services import transition_plan

    for step, user in (("in_review", advisor), ("approved", council), ("published", chief)):
        transition_plan(draft_plan, step, user)
    f.IndicatorTargetFactory(indicator=indicators[0], year=2021, value=Decimal("5"))
    data = APIClient().get(f"/api/v1/indicators/{indicators[0].pk}/").json()
    year = next(y for y in data["years"] if y["year"] == 2021)
    assert (year["value"], year["target"], year["status"]) == ("5.00", "5.00", "on_track")


def test_citizens_never_see_unapproved_values(zone_a, advisor):
    plan = f.PlanFactory(zone=zone_a, published=True)
    indicator = f.IndicatorFactory(plan=plan)
    f.IndicatorTargetFactory(indicator=indicator, year=2020, value=Decimal("10"))
    f.IndicatorValueFactory(indicator=indicator, year=2020, value=Decimal("12"))  # not approved yet
    public = APIClient().get(f"/api/v1/indicators/{indicator.pk}/").json()["years"][0]
    assert (public["value"], public["status"]) == (None, "no_data")
    assert APIClient().get("/api/v1/indicator-values/").json()["count"] == 0
    member = APIClient()
    member.force_authenticate(advisor)
    mine = member.get(f"/api/v1/indicators/{indicator.pk}/").json()["years"][0]
    assert (mine["value"], mine["status"]) == ("12.00", "on_track")


def test_filters_and_ordering(api, draft_plan, zone_a):
    f.PriorityFactory(plan=draft_plan, number=2, short_title="Verkeersveiligheid", kind="innovation")
    f.PriorityFactory(plan=draft_plan, number=1, short_title="Drugs", kind="securing")
    other = f.PlanFactory(zone=zone_a, period_start=2014, period_end=2019)
    f.PriorityFactory(plan=other, number=1, short_title="Inbraak")

    def titles(**params):
        return [p["short_title"] for p in api.get("/api/v1/priorities/", params).json()["results"]]

    assert titles(plan=draft_plan.pk) == ["Drugs", "Verkeersveiligheid"]
    assert titles(plan=draft_plan.pk, ordering="-number") == ["Verkeersveiligheid", "Drugs"]
    assert titles(q="verkeer") == ["Verkeersveiligheid"]
    assert titles(kind="securing") == ["Drugs"]
    assert titles(zone=zone_a.pk, plan=other.pk) == ["Inbraak"]
    plans = api.get("/api/v1/plans/", {"year": 2016}).json()["results"]
    assert [p["id"] for p in plans] == [other.pk]
    assert api.get("/api/v1/plans/", {"status": "nonsense"}).status_code == 400
    assert api.get("/api/v1/plans/", {"zone": 2**70}).status_code == 400


def test_page_size_is_at_most_200(api, draft_plan):
    for number in range(205):
        f.PlanValueFactory(plan=draft_plan, order=number)
    # Issue 15: a page size the API does not describe (above 200) is refused, no longer silently capped.
    assert api.get("/api/v1/plan-values/", {"page_size": 1000}).status_code == 400
    page = api.get("/api/v1/plan-values/", {"page_size": 200}).json()
    assert (page["count"], len(page["results"])) == (205, 200)
    assert len(api.get("/api/v1/plan-values/").json()["results"]) == 50


def test_action_dates_in_a_published_plan_stay_editable(advisor, zone_a):
    """The yearly follow-up goes on in a published plan: actions change, priorities do not."""
    plan = f.PlanFactory(zone=zone_a, published=True)
    action = f.ActionFactory(objective__action_plan__priority__plan=plan)
    client = APIClient()
    client.force_authenticate(advisor)
    response = client.patch(
        f"/api/v1/actions/{action.pk}/",
        {"status": "done", "end_date": str(datetime.date(2020, 5, 1)), "revision": 1},
        format="json",
    )
    assert response.status_code == 200, response.content
    priority = action.objective.action_plan.priority
    response = client.patch(f"/api/v1/priorities/{priority.pk}/", {"short_title": "X", "revision": 1}, format="json")
    assert response.status_code == 403
