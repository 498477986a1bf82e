"""Issue 13, item 8: an indicator carried into a revision keeps one line of yearly values across versions.

While a revision is drafted, the council approves 2025 on the published plan; once the revision is published,
citizens see that approved 2025 value on the new version (API, public priority page, PDF) instead of "geen
gegevens". A value entered on the revision shows on both versions, an approval on either version shows on both,
and a value the council has not approved stays internal to the zone.
"""

from decimal import Decimal

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from plans.models import Plan
from stats.models import Indicator, IndicatorValue
from tests import factories as f

pytestmark = pytest.mark.django_db


def client_for(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def years(client, indicator) -> dict[int, str | None]:
    response = client.get(f"/api/v1/indicators/{indicator.pk}/")
    assert response.status_code == 200, response.content
    return {row["year"]: row["value"] for row in response.json()["years"]}


def listed_values(client, **params) -> dict[int, tuple[str, bool]]:
    response = client.get("/api/v1/indicator-values/", params)
    assert response.status_code == 200, response.content
    return {row["year"]: (row["value"], row["is_approved"]) for row in response.json()["results"]}


def post(client, url, data=None):
    return client.post(url, data, format="json")


@pytest.fixture
def published(zone_a, advisor, council):
    """A published plan 2020-2026 with one public indicator; the council approved its 2024 value."""
    plan = f.PlanFactory(zone=zone_a, published=True, period_start=2020, period_end=2026)
    priority = f.PriorityFactory(plan=plan, number=1)
    indicator = f.IndicatorFactory(plan=plan, priority=priority, code="I1", name="Woninginbraken")
    f.IndicatorTargetFactory(indicator=indicator, year=2025, value=Decimal(300))
    f.IndicatorTargetFactory(indicator=indicator, year=2024, value=Decimal(300))
    entered = post(
        client_for(advisor), f"/api/v1/plans/{plan.pk}/values/2024/", [{"indicator": indicator.pk, "value": "287"}]
    )
    assert entered.status_code == 200, entered.content
    approved = post(client_for(council), f"/api/v1/plans/{plan.pk}/values/2024/approve/")
    assert approved.json() == {"approved": 1}
    return plan


def start_revision(plan, advisor) -> Plan:
    response = post(client_for(advisor), f"/api/v1/plans/{plan.pk}/revision/", {"title": "Herziening 2024"})
    assert response.status_code == 201, response.content
    return Plan.objects.get(pk=response.json()["id"])


def publish(plan, advisor, council, chief):
    for user, step in ((advisor, "submit"), (council, "approve"), (chief, "publish")):
        response = post(client_for(user), f"/api/v1/plans/{plan.pk}/{step}/", {})
        assert response.status_code == 200, (step, response.content)


def approve_on_the_old_version(plan, indicator, advisor, council):
    """The issue's case: while the revision is drafted, the council approves 2025 on the published plan."""
    url = f"/api/v1/plans/{plan.pk}/values/2025/"
    assert post(client_for(advisor), url, [{"indicator": indicator.pk, "value": "301"}]).status_code == 200
    assert post(client_for(council), f"{url}approve/").json() == {"approved": 1}


def test_the_approved_value_reaches_the_published_revision(published, advisor, council, chief):
    original = published.indicators.get()
    revision = start_revision(published, advisor)
    carried = revision.indicators.get()
    assert carried.origin_id == original.pk
    assert IndicatorValue.objects.count() == 1  # not copied: one line of values
    approve_on_the_old_version(published, original, advisor, council)

    publish(revision, advisor, council, chief)
    published.refresh_from_db()
    assert published.status == Plan.Status.ARCHIVED

    citizen = client_for()
    assert (years(citizen, carried)[2024], years(citizen, carried)[2025]) == ("287.00", "301.00")
    assert listed_values(citizen, indicator=carried.pk) == {2024: ("287.00", True), 2025: ("301.00", True)}
    page = citizen.get(reverse("public:priority", args=[revision.pk, carried.priority_id]))
    assert page.status_code == 200
    assert "287" in page.content.decode() and "301" in page.content.decode()


def test_a_value_entered_on_the_revision_shows_on_both_versions(published, advisor, council, advisor_b):
    original = published.indicators.get()
    revision = start_revision(published, advisor)
    carried = revision.indicators.get()

    response = post(
        client_for(advisor), f"/api/v1/plans/{revision.pk}/values/2026/", [{"indicator": carried.pk, "value": "250"}]
    )
    assert response.json() == {"created": 1, "changed": 0, "removed": 0}
    value = IndicatorValue.objects.get(year=2026)
    assert value.indicator_id == original.pk

    # The zone's members see it on both versions ...
    for indicator in (original, carried):
        assert years(client_for(council), indicator)[2026] == "250.00"
    # ... citizens and other zones do not, on either version: the council has not approved it.
    for outsider in (client_for(), client_for(advisor_b)):
        assert years(outsider, original)[2026] is None
        assert 2026 not in listed_values(outsider, indicator=carried.pk)
        assert 2026 not in listed_values(outsider, plan=published.pk)
    assert not IndicatorValue.objects.public().filter(year=2026).exists()

    # Changed through the old version, it is the same value.
    response = post(
        client_for(advisor), f"/api/v1/plans/{published.pk}/values/2026/", [{"indicator": original.pk, "value": "251"}]
    )
    assert response.json() == {"created": 0, "changed": 1, "removed": 0}
    assert years(client_for(council), carried)[2026] == "251.00"

    # Approved on the published version, it is approved on the draft revision too, and frozen on both.
    assert post(client_for(council), f"/api/v1/plans/{published.pk}/values/2026/approve/").json() == {"approved": 1}
    assert listed_values(client_for(council), plan=revision.pk)[2026] == ("251.00", True)
    assert years(client_for(), original)[2026] == "251.00"
    refused = post(
        client_for(advisor), f"/api/v1/plans/{revision.pk}/values/2026/", [{"indicator": carried.pk, "value": "1"}]
    )
    assert refused.status_code == 400
    assert str(carried.pk) in refused.json()


def test_approval_on_the_revision_shows_on_the_old_version(published, advisor, council):
    original = published.indicators.get()
    revision = start_revision(published, advisor)
    carried = revision.indicators.get()
    post(client_for(advisor), f"/api/v1/plans/{revision.pk}/values/2023/", [{"indicator": carried.pk, "value": "310"}])
    assert post(client_for(council), f"/api/v1/plans/{revision.pk}/values/2023/approve/").json() == {"approved": 1}
    assert years(client_for(), original)[2023] == "310.00"


def test_values_entered_on_the_published_revision_after_archiving(published, advisor, council, chief):
    revision = start_revision(published, advisor)
    publish(revision, advisor, council, chief)
    carried = revision.indicators.get()
    response = post(
        client_for(advisor), f"/api/v1/plans/{revision.pk}/values/2026/", [{"indicator": carried.pk, "value": "240"}]
    )
    assert response.status_code == 200, response.content
    # The old, archived version takes no values, but shows the line's.
    refused = post(
        client_for(advisor),
        f"/api/v1/plans/{published.pk}/values/2026/",
        [{"indicator": carried.origin_id, "value": "1"}],
    )
    assert refused.status_code == 400
    assert years(client_for(council), Indicator.objects.get(pk=carried.origin_id))[2026] == "240.00"


def test_a_value_posted_for_a_later_version_is_saved_on_the_line(published, advisor):
    original = published.indicators.get()
    revision = start_revision(published, advisor)
    carried = revision.indicators.get()
    client = client_for(advisor)
    response = post(client, "/api/v1/indicator-values/", {"indicator": carried.pk, "year": 2023, "value": "299"})
    assert response.status_code == 201, response.content
    assert response.json()["indicator"] == original.pk
    # The line already has 2024: refused with the message, not a server error.
    again = post(client, "/api/v1/indicator-values/", {"indicator": carried.pk, "year": 2024, "value": "1"})
    assert again.status_code == 400
    assert IndicatorValue.objects.filter(year=2024).count() == 1
    assert set(listed_values(client, indicator=carried.pk)) == {2023, 2024}
    assert set(listed_values(client, priority=carried.priority_id)) == {2023, 2024}


def test_targets_stay_per_version(published, advisor):
    original = published.indicators.get()
    revision = start_revision(published, advisor)
    carried = revision.indicators.get()
    target = carried.targets.get(year=2025)
    target.value = Decimal(280)
    target.save()
    assert original.targets.get(year=2025).value == 300


def test_the_public_document_of_the_revision_prints_the_approved_value(published, advisor, council, chief):
    from core.base import Protection
    from documents import content, rendering

    revision = start_revision(published, advisor)
    approve_on_the_old_version(published, published.indicators.get(), advisor, council)
    publish(revision, advisor, council, chief)
    context = content.plan_context(revision, Protection.PUBLIC, rendering._labels())
    (block,) = [i for d in context["domains"] for b in d["blocks"] for i in b.indicators] or context["loose_indicators"]
    assert {row.year: row.value for row in block.rows if row.value is not None} == {2024: 287, 2025: 301}
