"""The statistics page, its API and the comparison stay bounded whatever an import made."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from stats.models import StatSeries
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def many_questions(full_plan, settings):
    settings.ZVP_STATISTICS_MAX_SERIES = 5
    for n in range(8):
        series = f.StatSeriesFactory(zone=full_plan.plan.zone, kind=StatSeries.Kind.SURVEY, name=f"Vraag {n:02}")
        f.StatPointFactory(series=series, year=2022, value=n)
    return full_plan


def test_the_statistics_page_and_api_show_at_most_the_limit_of_each_kind(many_questions, client):
    plan = many_questions.plan
    client.force_login(many_questions.users.advisor)
    page = client.get(reverse("dashboards:statistics", args=[plan.pk]))
    assert page.status_code == 200
    stats = page.context["stats"]
    assert [table.question for table in stats.surveys] == [f"Vraag {n:02}" for n in range(5)]
    assert stats.series_not_shown == 3
    assert 'id="series-not-shown"' in page.content.decode()
    api = APIClient()
    api.force_authenticate(many_questions.users.advisor)
    data = api.get(reverse("api:dashboard-plan-statistics", args=[plan.pk])).json()
    assert len(data["surveys"]) == 5 and data["series_not_shown"] == 3


def test_the_comparison_lists_at_most_the_limit_of_measures_of_each_kind(many_questions, client):
    client.force_login(many_questions.users.advisor)
    page = client.get(reverse("dashboards:compare"))
    assert page.status_code == 200
    surveys = [m for m in page.context["comparison"].measures if m.key.startswith("survey:")]
    assert len(surveys) == 5
