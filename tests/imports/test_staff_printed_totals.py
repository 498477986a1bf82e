"""The staff import stores every printed total (per group and for the whole table, per column) and flags it."""

from decimal import Decimal

import pytest

from imports.kinds.staff import PRINTED_COLUMNS
from imports.models import ImportOutcome
from imports.quality import zone_findings
from stats.models import StaffTable

from .conftest import csv_bytes, problems_at, run_import

pytestmark = pytest.mark.django_db

HEADER = [
    "peildatum", "categorie", "graad", "werkelijk", "vte", "organiek", "totaal_gedrukt", "totaal_gedrukt_vte",
    "operationeel_gedrukt_werkelijk", "calog_gedrukt_werkelijk", "calog_gedrukt_organiek",
]  # fmt: skip


def test_leuven_412_is_imported_as_lines_and_printed_totals(world, draft_plan):
    content = csv_bytes(
        [
            HEADER,
            ["01-01-2020", "operationeel", "operationele medewerkers", 333, "", "", 412, "", 333, 79, ""],
            ["01-01-2020", "calog", "CALOG-medewerkers", 79, "", "", 412, "", 333, 79, ""],
        ]
    )
    job = run_import(world.advisor, "personeel", content, plan=draft_plan)
    assert job.outcome == ImportOutcome.IMPORTED, job.problems
    table = StaffTable.objects.get(plan=draft_plan)
    assert (table.printed_total, table.printed_operational_actual, table.printed_calog_actual) == (412, 333, 79)
    assert table.total_disagrees is False


def test_a_printed_fte_total_that_disagrees_is_stored_and_flagged(world, draft_plan):
    content = csv_bytes(
        [
            HEADER,
            ["01-01-2024", "operationeel", "Inspecteur", 80, "77,6", 90, "", "103,6", "", "", 20],
            ["01-01-2024", "calog", "Niveau C", 30, 30, 20, "", "", "", "", ""],
        ]
    )
    job = run_import(world.advisor, "personeel", content, plan=draft_plan)
    assert job.outcome == ImportOutcome.IMPORTED, job.problems
    table = StaffTable.objects.get(plan=draft_plan)
    assert table.printed_total_fte == Decimal("103.6") and table.printed_calog_authorised == 20
    checks = table.printed_totals()
    assert checks["total"]["fte"]["disagrees"] is True
    assert checks["calog"]["authorised"]["disagrees"] is False
    findings = zone_findings(world.zone, world.advisor)["total"]
    assert len(findings) == 1
    assert "the printed total is 103,6, the lines add up to 107,6" in findings[0].message


def test_two_rows_of_a_table_that_print_different_totals_are_refused_at_the_column(world, draft_plan):
    content = csv_bytes(
        [
            HEADER,
            ["01-01-2024", "operationeel", "Inspecteur", 80, "", "", "", "", 80, "", ""],
            ["01-01-2024", "calog", "Niveau C", 30, "", "", "", "", 81, "", "-1"],
        ]
    )
    job = run_import(world.advisor, "personeel", content, plan=draft_plan)
    assert problems_at(job) == {(3, "operationeel_gedrukt_werkelijk"), (3, "calog_gedrukt_organiek")}
    assert not StaffTable.objects.filter(plan=draft_plan).exists()


def test_the_export_writes_every_printed_total(world, draft_plan):
    from imports.kinds.staff import StaffSpec

    content = csv_bytes(
        [HEADER, ["01-01-2024", "calog", "Niveau C", 30, "", "", "", "", "", 29, ""]],
    )
    assert run_import(world.advisor, "personeel", content, plan=draft_plan).outcome == ImportOutcome.IMPORTED
    (row,) = StaffSpec().export_rows(world.advisor, world.zone, plan=draft_plan)
    assert set(PRINTED_COLUMNS.values()) <= set(row)
    assert row["calog_gedrukt_werkelijk"] == 29 and row["totaal_gedrukt_vte"] is None
