"""Existing figures into the new shapes, before the old fields go (0004).

* Traffic: "accidents" series were one severity axis. Material damage becomes the accident type "material
  damage only"; the injured, seriously injured and killed were victims stored as accidents: they become
  series of victims with that severity.
* Surveys: a series' comparison area and the comparison value of each figure become a series of that named
  area, with those figures.
"""

from django.db import migrations

VICTIM_SEVERITIES = ("injured", "seriously_injured", "killed")


def _unique_name(StatSeries, zone_id, name):
    taken = set(StatSeries.objects.filter(zone_id=zone_id, municipality__isnull=True).values_list("name", flat=True))
    candidate, number = name[:300], 1
    while candidate in taken:
        number += 1
        candidate = f"{name[:290]} ({number})"
    return candidate


def forwards(apps, schema_editor):
    StatSeries = apps.get_model("stats", "StatSeries")
    StatPoint = apps.get_model("stats", "StatPoint")
    StatSeries.objects.filter(kind="accidents", severity="material").update(accident_type="material", severity="")
    StatSeries.objects.filter(kind="accidents", severity__in=VICTIM_SEVERITIES).update(kind="victims")
    StatSeries.objects.filter(kind="accidents", accident_type="").update(accident_type="injury", severity="")
    for series in StatSeries.objects.filter(kind="survey").exclude(comparison_area=""):
        points = list(StatPoint.objects.filter(series=series, comparison_value__isnull=False))
        if not points:
            continue
        area = series.comparison_area
        name = _unique_name(StatSeries, series.zone_id, f"{series.name[:280]} ({area})")
        other = StatSeries.objects.create(
            zone_id=series.zone_id,
            kind="survey",
            name=name,
            survey=series.survey,
            question=series.question or series.name,
            answer=series.answer,
            area=area,
            unit=series.unit,
            source=series.source,
            protection=series.protection,
            is_sample=series.is_sample,
        )
        StatPoint.objects.bulk_create(
            StatPoint(
                series=other,
                year=p.year,
                value=p.comparison_value,
                is_provisional=p.is_provisional,
                note=p.note,
                import_source=p.import_source,
                is_sample=p.is_sample,
            )
            for p in points
        )
        if not series.question:
            StatSeries.objects.filter(pk=series.pk).update(question=series.name)


def backwards(apps, schema_editor):
    StatSeries = apps.get_model("stats", "StatSeries")
    StatSeries.objects.filter(kind="victims").update(kind="accidents")
    StatSeries.objects.filter(kind="accidents", accident_type="material").update(severity="material")
    StatSeries.objects.filter(kind="accidents", accident_type="injury", severity="").update(severity="injured")


class Migration(migrations.Migration):
    dependencies = [("stats", "0007_categories_traffic_surveys")]

    operations = [migrations.RunPython(forwards, backwards)]
