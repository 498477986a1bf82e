"""A printed total that the old single field compared with the authorised strength (no line had a headcount)
moves to the printed authorised total, so each printed total stays beside the column it was checked against."""

from django.db import migrations


def forwards(apps, schema_editor):
    StaffTable = apps.get_model("stats", "StaffTable")
    for table in StaffTable.objects.filter(printed_total__isnull=False):
        lines = table.lines.all()
        if not lines.filter(actual__isnull=False).exists() and lines.filter(authorised__isnull=False).exists():
            table.printed_total_authorised, table.printed_total = table.printed_total, None
            table.save(update_fields=["printed_total", "printed_total_authorised"])


def backwards(apps, schema_editor):
    StaffTable = apps.get_model("stats", "StaffTable")
    for table in StaffTable.objects.filter(printed_total__isnull=True, printed_total_authorised__isnull=False):
        table.printed_total, table.printed_total_authorised = table.printed_total_authorised, None
        table.save(update_fields=["printed_total", "printed_total_authorised"])


class Migration(migrations.Migration):
    dependencies = [("stats", "0004_staff_printed_totals")]

    operations = [migrations.RunPython(forwards, backwards)]
