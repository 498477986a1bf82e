"""Indicator values imported into a revision go onto the indicators' lines (issue 13, item 8): the old version
shows them too, an approved value stays frozen, and the export names each indicator as the revision does."""

from decimal import Decimal

import pytest

from imports.kinds import IndicatorValuesSpec
from imports.models import ImportOutcome
from plans.models import Plan
from plans.services import create_revision
from stats.models import IndicatorValue
from tests import factories as f

from .conftest import csv_bytes, problems_at, run_import

pytestmark = pytest.mark.django_db


@pytest.fixture
def revision(world, advisor):
    plan = f.PlanFactory(zone=world.zone, status=Plan.Status.PUBLISHED)
    indicator = f.IndicatorFactory(plan=plan, code="V1", name="Letselongevallen")
    f.IndicatorValueFactory(indicator=indicator, year=2021, value=Decimal(80), approved=True)
    revision = create_revision(plan, advisor)
    carried = revision.indicators.get()
    carried.code = "V1b"  # the revision renames it
    carried.save()
    return revision


def test_values_imported_into_a_revision_join_the_line(world, revision):
    carried = revision.indicators.get()
    content = csv_bytes([["jaar", "indicator", "waarde"], [2022, "V1b", 75], [2021, "V1b", 80]])
    job = run_import(world.advisor, "indicatorwaarden", content, plan=revision)
    assert job.outcome == ImportOutcome.IMPORTED, job.problems
    assert (job.summary["new"], job.summary["changed"], job.summary["unchanged"]) == (1, 0, 1)
    value = IndicatorValue.objects.get(year=2022)
    assert value.indicator_id == carried.origin_id and job.file_name in value.import_source
    assert {v.year for v in carried.origin.values.all()} == {2021, 2022}

    frozen = run_import(
        world.advisor,
        "indicatorwaarden",
        csv_bytes([["jaar", "indicator", "waarde"], [2021, "V1b", 81]]),
        plan=revision,
    )
    assert frozen.outcome != ImportOutcome.IMPORTED
    assert problems_at(frozen) == {(2, "waarde")}


def test_the_export_of_a_revision_names_its_indicators(world, revision):
    rows = list(IndicatorValuesSpec().export_rows(world.advisor, world.zone, plan=revision))
    assert [(r["jaar"], r["indicator"], r["waarde"]) for r in rows] == [(2021, "V1b", Decimal(80))]
