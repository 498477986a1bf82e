"""The dashboard's computations: statuses only through stats/status.py, the roll-up rule, years and filters."""

import datetime
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.test import Client
from django.urls import reverse

from dashboards import services
from dashboards.services import Filters, build_dashboard, priority_status, rollup
from stats.status import Direction, IndicatorStatus, compute_status

from .conftest import YEAR

pytestmark = pytest.mark.django_db

S = IndicatorStatus


def statuses(dashboard):
    return {row.priority.code: row.status for row in dashboard.priorities}


# --- The rule of stats/status.py, as the dashboard uses it ---------------------------------------------------------


@pytest.mark.parametrize(
    ("direction", "target", "value", "expected"),
    [
        (Direction.UP, 100, 100, S.ON_TRACK),
        (Direction.UP, 100, 95, S.AT_RISK),
        (Direction.UP, 100, 80, S.OFF_TRACK),
        (Direction.DOWN, 50, 45, S.ON_TRACK),
        (Direction.DOWN, 50, 54, S.AT_RISK),
        (Direction.DOWN, 50, 70, S.OFF_TRACK),
        (Direction.UP, None, 30, S.NO_DATA),  # missing target
        (Direction.UP, 10, None, S.NO_DATA),  # no data
    ],
)
def test_indicator_status_follows_the_one_rule(plan_with_one_indicator, direction, target, value, expected):
    """Each indicator's status on the dashboard is exactly compute_status(...) for the year."""
    plan, user = plan_with_one_indicator(direction, target, value)
    row = build_dashboard(plan, user, YEAR).priorities[0]
    cell = row.indicators[0].current
    assert (
        cell.status
        == expected
        == compute_status(
            direction, None if target is None else Decimal(target), None if value is None else Decimal(value)
        )
    )
    assert row.status == expected  # a priority with one indicator takes its status


@pytest.fixture
def plan_with_one_indicator(zone_a, council):
    from tests import factories as f

    from .conftest import indicator

    def make(direction, target, value):
        plan = f.PlanFactory(zone=zone_a, published=True)
        priority = f.PriorityFactory(plan=plan, number=1)
        indicator(plan, priority, "X", direction, target, value)
        return plan, council

    return make


def test_statuses_of_the_scene_for_a_member(scene):
    dashboard = build_dashboard(scene.plan, scene.council, YEAR)
    assert statuses(dashboard) == {
        "I 1": S.AT_RISK,  # worst of on track (up) and at risk (down is good)
        "B 2": S.OFF_TRACK,  # down is good, 70 for 50
        "B 3": S.ON_TRACK,  # missing target -> no data, does not weigh; the unapproved value counts for members
        "I 4": S.NO_DATA,  # no indicators
        "I 5": S.ON_TRACK,  # restricted: members see it
    }
    assert dashboard.sees_internals
    p3 = next(r for r in dashboard.priorities if r.priority.code == "B 3")
    assert {r.indicator.code: r.status for r in p3.indicators} == {"N3": S.NO_DATA, "P3": S.ON_TRACK}
    assert next(r for r in p3.indicators if r.indicator.code == "P3").current.approved is False


def test_the_public_sees_approved_values_and_public_parts_only(scene):
    dashboard = build_dashboard(scene.plan, scene.advisor_b, YEAR)
    assert not dashboard.sees_internals
    assert statuses(dashboard) == {"I 1": S.AT_RISK, "B 2": S.OFF_TRACK, "B 3": S.NO_DATA, "I 4": S.NO_DATA}
    pending = next(r for p in dashboard.priorities for r in p.indicators if r.indicator.code == "P3")
    assert pending.current.value is None


# --- The roll-up ----------------------------------------------------------------------------------------------------


def test_priority_status_is_the_worst_with_data():
    assert priority_status([S.ON_TRACK, S.NO_DATA, S.AT_RISK]) == S.AT_RISK
    assert priority_status([S.ON_TRACK, S.OFF_TRACK, S.AT_RISK]) == S.OFF_TRACK
    assert priority_status([S.ON_TRACK, S.NO_DATA]) == S.ON_TRACK
    assert priority_status([S.NO_DATA]) == S.NO_DATA
    assert priority_status([]) == S.NO_DATA


def rows(*statuses, done=0, counted=0):
    return [SimpleNamespace(status=s, actions_done=done, actions_counted=counted) for s in statuses]


@pytest.mark.parametrize(
    ("given", "score", "expected"),
    [
        ((S.ON_TRACK, S.ON_TRACK, S.AT_RISK, S.NO_DATA), Decimal("0.83"), S.ON_TRACK),
        ((S.ON_TRACK, S.AT_RISK), Decimal("0.75"), S.ON_TRACK),  # the threshold itself is on track
        ((S.ON_TRACK, S.OFF_TRACK), Decimal("0.50"), S.AT_RISK),
        ((S.AT_RISK, S.OFF_TRACK), Decimal("0.25"), S.OFF_TRACK),
        ((S.NO_DATA, S.NO_DATA), None, S.NO_DATA),
        ((), None, S.NO_DATA),
    ],
)
def test_rollup_scores_priorities_with_data(given, score, expected):
    result = rollup(rows(*given, done=1, counted=2))
    assert result.score == score
    assert result.status == expected
    assert result.priorities == len(given)
    assert result.counts[S.NO_DATA] == list(given).count(S.NO_DATA)
    assert (result.actions_done, result.actions_counted) == (len(given), 2 * len(given))


def test_rollups_of_the_scene(scene):
    member = build_dashboard(scene.plan, scene.council, YEAR)
    assert member.rollup.counts == {"on_track": 2, "at_risk": 1, "off_track": 1, "no_data": 1}
    assert member.rollup.score == Decimal("0.63")  # (0.5 + 0 + 1 + 1) / 4, rounded
    assert member.rollup.status == S.AT_RISK
    assert (member.rollup.actions_done, member.rollup.actions_counted) == (2, 3)  # cancelled not counted
    assert member.rollup.actions_percent == 67
    d1, d2 = member.groups
    assert d1.domain == scene.domains[0] and d2.domain == scene.domains[1]
    assert (d1.rollup.score, d1.rollup.status) == (Decimal("0.25"), S.OFF_TRACK)  # at risk + off track
    assert (d2.rollup.score, d2.rollup.status) == (Decimal("1.00"), S.ON_TRACK)  # on track twice, no data apart
    assert [g.label for g in d1.themes] == ["T1 › T1a", "T2"]

    public = build_dashboard(scene.plan, scene.advisor_b, YEAR)
    assert public.rollup.counts == {"on_track": 0, "at_risk": 1, "off_track": 1, "no_data": 2}
    assert (public.rollup.score, public.rollup.status) == (Decimal("0.25"), S.OFF_TRACK)


def test_the_rule_is_shown_in_words():
    from django.utils import translation

    with translation.override("en"):
        text = " ".join(str(p) for p in services.ROLLUP_RULE)
    assert "worst status" in text and "75 %" in text and "50 %" in text and "cancelled" in text


# --- Filters and years ----------------------------------------------------------------------------------------------


def test_filters(scene):
    def codes(**filters):
        return [
            r.priority.code for r in build_dashboard(scene.plan, scene.council, YEAR, Filters(**filters)).priorities
        ]

    assert codes(domain=scene.domains[0].pk) == ["I 1", "B 2"]
    assert codes(theme=scene.themes.t1.pk) == ["I 1"]  # sub-themes included
    assert codes(theme=scene.themes.t2.pk) == ["B 2"]
    assert codes(kind="securing") == ["B 2", "B 3"]
    assert codes(status="on_track") == ["B 3", "I 5"]
    assert codes(kind="innovation", status="no_data") == ["I 4"]
    filtered = build_dashboard(scene.plan, scene.council, YEAR, Filters(status="off_track"))
    assert filtered.rollup.counts["off_track"] == filtered.rollup.priorities == 1


def test_default_year_is_the_latest_year_with_data(scene):
    assert services.years_with_data(scene.plan, scene.council) == [YEAR]
    assert build_dashboard(scene.plan, scene.council).year == YEAR
    today = datetime.date(2023, 5, 1)
    assert services.default_year(scene.plan, [2020, 2024], today) == 2020  # not a year still to come
    assert services.default_year(scene.plan, [], today) == 2023
    assert services.default_year(scene.plan, [], datetime.date(2030, 1, 1)) == 2025  # inside the period
    assert services.default_year(scene.plan, [], datetime.date(2010, 1, 1)) == 2020


# Issue 13: the old "sum of the summable categories" added overlapping categories up (Woninginbraak + Drugs
# printed as a total); no such sum is computed any more.
def test_the_statistics_never_sum_overlapping_categories(scene):
    from tests import factories as f

    parent = f.CrimeCategoryFactory(code="diefstal", name="Diefstal")
    child = f.CrimeCategoryFactory(code="woninginbraak", name="Woninginbraak", parent=parent)
    other = f.CrimeCategoryFactory(code="drugs", name="Drugs")
    for category, value in ((parent, 1000), (child, 200), (other, 50)):
        series = f.StatSeriesFactory(zone=scene.zone_a, kind="crime", crime_category=category, name=category.name)
        f.StatPointFactory(series=series, year=2021, value=Decimal(value))
    stats = services.build_statistics(scene.plan, scene.council)
    assert stats.crime.totals == []  # no category here is partitioned by its sub-categories
    assert [(r.label, r.depth) for r in stats.crime.rows] == [("Diefstal", 0), ("Woninginbraak", 1), ("Drugs", 0)]
    page = Client()
    page.force_login(scene.council)
    html = page.get(reverse("dashboards:statistics", args=[scene.plan.pk])).content.decode()
    table = html.split('id="table-crime"')[1].split("</table>")[0]
    assert "<tfoot>" not in table and ">1250<" not in table and ">250<" not in table
