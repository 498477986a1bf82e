"""An indicator's line across plan versions: the copier links instead of copying values, the access rule asks the
line's versions, ``indicator.values`` reads the line, and the migration links the copies revisions made before."""

import importlib
from decimal import Decimal

import pytest
from django.apps import apps
from django.utils import timezone

from core.access import CHANGE, VIEW
from plans.models import Plan
from plans.services import create_revision, transition_plan
from stats.models import Indicator, IndicatorValue
from stats.rows import indicator_years, year_values
from stats.services import approve_year, record_values
from tests import factories as f

pytestmark = pytest.mark.django_db
S = Plan.Status


@pytest.fixture
def line(zone_a, advisor, council):
    """A published plan with an indicator whose 2024 value the council approved, and its draft revision."""
    plan = f.PlanFactory(zone=zone_a, published=True)
    original = f.IndicatorFactory(plan=plan, code="I1")
    f.IndicatorTargetFactory(indicator=original, year=2024, value=Decimal(100))
    f.IndicatorValueFactory(indicator=original, year=2024, value=Decimal(90), approved=True)
    revision = create_revision(plan, advisor)
    return original, revision.indicators.get()


def test_the_copier_links_the_copy_and_copies_targets_only(line, advisor, council):
    original, carried = line
    assert carried.origin == original and carried.line_id == original.pk == original.line_id
    assert carried.targets.get().value == 100
    assert IndicatorValue.objects.count() == 1
    assert [v.value for v in carried.values.all()] == [Decimal(90)]
    # A revision of the revision continues the same line.
    transition_plan(carried.plan, S.IN_REVIEW, advisor)
    transition_plan(carried.plan, S.APPROVED, council)
    again = create_revision(Plan.objects.get(pk=carried.plan_id), advisor).indicators.get()
    assert again.origin_id == original.pk
    assert IndicatorValue.objects.count() == 1


def test_values_prefetch_by_line_in_one_query(line, django_assert_num_queries):
    original, carried = line
    with django_assert_num_queries(3):
        indicators = list(
            Indicator.objects.filter(pk__in=[original.pk, carried.pk]).prefetch_related("targets", "values")
        )
    with django_assert_num_queries(0):
        for indicator in indicators:
            rows = indicator_years(indicator, [2024], approved_only=True)
            assert (rows[0].value, rows[0].approved) == (Decimal(90), True)


def test_a_value_saved_for_a_later_version_goes_onto_the_line(line):
    original, carried = line
    value = IndicatorValue.objects.create(indicator=carried, year=2023, value=Decimal(5))
    assert value.indicator_id == original.pk
    assert carried.values.get(year=2023) == value


def test_record_values_on_the_revision_write_the_line(line, advisor, council):
    original, carried = line
    result = record_values(carried.plan, 2025, [{"indicator": carried.pk, "value": Decimal(80)}], advisor)
    assert result == {"created": 1, "changed": 0, "removed": 0}
    assert year_values([original], 2025, council)[original.pk].value == 80
    assert year_values([carried], 2025, council)[carried.pk].value == 80
    assert year_values([carried], 2025, None) == {}  # not approved: not for citizens
    assert approve_year(original.plan, 2025, council) == 1
    assert year_values([carried], 2025, None)[carried.pk].is_approved


def test_access_rule_asks_the_line(line, advisor, advisor_b, chief, council):
    original, carried = line
    record_values(carried.plan, 2025, [{"indicator": carried.pk, "value": Decimal(80)}], advisor)
    draft_value = IndicatorValue.objects.get(year=2025)
    for user in (None, advisor_b):
        assert list(IndicatorValue.objects.restrict(user, VIEW).values_list("year", flat=True)) == [2024]
    assert set(IndicatorValue.objects.restrict(advisor, CHANGE)) == {draft_value}
    # Once the revision is published and the old plan archived, the line is still followed up.
    plan = carried.plan
    transition_plan(plan, S.IN_REVIEW, advisor)
    transition_plan(plan, S.APPROVED, council)
    transition_plan(plan, S.PUBLISHED, chief)
    assert Plan.objects.get(pk=original.plan_id).status == S.ARCHIVED
    assert set(IndicatorValue.objects.restrict(advisor, CHANGE)) == {draft_value}
    # The archived plan's own indicator is public history: its line's approved value stays public.
    assert list(IndicatorValue.objects.public().values_list("year", flat=True)) == [2024]


def test_a_line_only_in_a_draft_is_not_public(zone_a):
    draft = f.IndicatorFactory(plan=f.PlanFactory(zone=zone_a, status=S.DRAFT))
    f.IndicatorValueFactory(indicator=draft, year=2021, approved=True)
    assert not IndicatorValue.objects.public().exists()
    assert IndicatorValue.objects.public_parts().count() == 1


# --- The data migration -----------------------------------------------------------------------------------------------

migration = importlib.import_module("stats.migrations.0003_link_indicator_lines")


def test_migration_links_copies_and_keeps_one_line_of_values(zone_a):
    """The issue's state before: the revision's copies carry the values as copied, 2025 missing on the copy."""
    earlier = timezone.now() - timezone.timedelta(days=30)
    plan = f.PlanFactory(zone=zone_a, archived=True)
    revision = f.PlanFactory(zone=zone_a, published=True, kind=Plan.Kind.REVISION, extends=plan)
    coded, named = f.IndicatorFactory(plan=plan, code="I1"), f.IndicatorFactory(plan=plan, code="", name="Tevredenheid")
    new_coded = f.IndicatorFactory(plan=revision, code="I1", name="Renamed")
    new_named = f.IndicatorFactory(plan=revision, code="", name="tevredenheid ")
    added = f.IndicatorFactory(plan=revision, code="I9")
    f.IndicatorValueFactory(indicator=coded, year=2024, value=Decimal(10), approved_at=earlier)
    f.IndicatorValueFactory(indicator=coded, year=2025, value=Decimal(20), approved=True)  # approved on the old one
    f.IndicatorValueFactory(indicator=new_coded, year=2024, value=Decimal(10), approved_at=earlier)  # the copy
    f.IndicatorValueFactory(indicator=new_coded, year=2026, value=Decimal(30))  # entered on the new one only
    f.IndicatorValueFactory(indicator=named, year=2023, value=Decimal(1))
    f.IndicatorValueFactory(indicator=new_named, year=2023, value=Decimal(2), approved=True)  # approved wins

    migration.link_lines(apps, None)

    for indicator in (new_coded, new_named, added):
        indicator.refresh_from_db()
    assert (new_coded.origin, new_named.origin, added.origin) == (coded, named, None)
    assert not IndicatorValue.objects.filter(indicator__in=[new_coded, new_named]).exists()
    assert {v.year: v.value for v in new_coded.values.all()} == {2024: 10, 2025: 20, 2026: 30}
    assert [(v.value, v.is_approved) for v in new_named.values.all()] == [(Decimal(2), True)]
    assert IndicatorValue.objects.count() == 4
