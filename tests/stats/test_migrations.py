"""Migration 0003 brings figures stored in the old shapes into the new ones (issue 13)."""

from decimal import Decimal

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = ("stats", "0007_categories_traffic_surveys")
AFTER = ("stats", "0009_crime_category_history_and_dropped_columns")


@pytest.mark.django_db(transaction=True)
def test_accidents_become_types_and_victims_and_comparison_values_an_area_series():
    executor = MigrationExecutor(connection)
    try:
        executor.migrate([BEFORE])
        # The other apps stay at their latest migration (a zone has a kind since zones 0002).
        others = [node for node in executor.loader.graph.leaf_nodes() if node[0] != "stats"]
        apps = executor.loader.project_state([BEFORE, *others]).apps
        Zone = apps.get_model("zones", "PoliceZone")
        Series = apps.get_model("stats", "StatSeries")
        Point = apps.get_model("stats", "StatPoint")
        zone = Zone.objects.create(name="PZ Oud", slug="oud")
        material = Series.objects.create(zone=zone, kind="accidents", severity="material", name="Materieel")
        killed = Series.objects.create(zone=zone, kind="accidents", severity="killed", name="Doden")
        survey = Series.objects.create(zone=zone, kind="survey", name="Onveilig", question="Onveilig",
                                       comparison_area="Vlaams Gewest", unit="%")  # fmt: skip
        Point.objects.create(series=survey, year=2021, value=Decimal(14), comparison_value=Decimal(11))
        Point.objects.create(series=survey, year=2024, value=Decimal(13))
        executor = MigrationExecutor(connection)
        executor.migrate([AFTER])
        apps = executor.loader.project_state([AFTER, *others]).apps
        Series = apps.get_model("stats", "StatSeries")
        Point = apps.get_model("stats", "StatPoint")
        material = Series.objects.get(pk=material.pk)
        assert (material.kind, material.accident_type, material.severity) == ("accidents", "material", "")
        killed = Series.objects.get(pk=killed.pk)
        assert (killed.kind, killed.severity) == ("victims", "killed")
        region = Series.objects.get(zone_id=zone.pk, area="Vlaams Gewest")
        assert region.question == "Onveilig" and region.unit == "%" and region.name == "Onveilig (Vlaams Gewest)"
        assert [(p.year, p.value) for p in Point.objects.filter(series=region)] == [(2021, Decimal(11))]
        assert [(p.year, p.value) for p in Point.objects.filter(series_id=survey.pk).order_by("year")] == [
            (2021, Decimal(14)), (2024, Decimal(13))
        ]  # fmt: skip
    finally:
        MigrationExecutor(connection).migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
