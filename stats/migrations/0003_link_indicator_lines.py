"""Link the indicators that revisions copied to the indicator they continue, and keep one line of values.

Before, a revision copied its plan's indicators with their measured values. For each revision (oldest first,
so that a revision of a revision joins the line of the first plan), an indicator is linked to the indicator of
the plan it revises with the same code (or, without a code, the same name, when that name is unique on both
sides). Its copied values join the line: a year the line has no value for moves over; where both have one,
the approved one stays (of two approved ones, the later approval), else the later changed one.
"""

from django.db import migrations


def _pairs(earlier, later):
    """(earlier indicator, later indicator) pairs: same code, else same name unique on both sides."""
    pairs, taken = [], set()
    by_code = {i.code: i for i in earlier if i.code}
    for indicator in later:
        match = by_code.get(indicator.code) if indicator.code else None
        if match is not None and match.pk not in taken:
            pairs.append((match, indicator))
            taken.add(match.pk)
    linked = {new.pk for _old, new in pairs}

    def unique_names(indicators):
        names = {}
        for i in indicators:
            names.setdefault(i.name.strip().lower(), []).append(i)
        return {name: found[0] for name, found in names.items() if len(found) == 1}

    old_names = unique_names(i for i in earlier if i.pk not in taken)
    new_names = unique_names(i for i in later if i.pk not in linked)
    for name, indicator in new_names.items():
        match = old_names.get(name)
        if match is not None and not (match.code and indicator.code):
            pairs.append((match, indicator))
    return pairs


def _rank(value):
    approved = value.approved_at is not None
    return (approved, value.approved_at if approved else value.updated_at)


def _join_line(IndicatorValue, copy_id, line_id):
    kept = {v.year: v for v in IndicatorValue.objects.filter(indicator_id=line_id)}
    for value in IndicatorValue.objects.filter(indicator_id=copy_id).order_by("pk"):
        other = kept.get(value.year)
        if other is not None and _rank(other) >= _rank(value):
            value.delete()
            continue
        if other is not None:
            other.delete()
        value.indicator_id = line_id
        value.save(update_fields=["indicator"])
        kept[value.year] = value


def link_lines(apps, schema_editor):
    Plan = apps.get_model("plans", "Plan")
    Indicator = apps.get_model("stats", "Indicator")
    IndicatorValue = apps.get_model("stats", "IndicatorValue")
    for plan in Plan.objects.filter(kind="revision", extends__isnull=False).order_by("pk"):
        earlier = list(Indicator.objects.filter(plan_id=plan.extends_id).order_by("pk"))
        later = list(Indicator.objects.filter(plan_id=plan.pk, origin__isnull=True).order_by("pk"))
        for old, new in _pairs(earlier, later):
            line_id = old.origin_id or old.pk
            new.origin_id = line_id
            new.save(update_fields=["origin"])
            _join_line(IndicatorValue, new.pk, line_id)


class Migration(migrations.Migration):
    dependencies = [
        ("plans", "0001_initial"),
        ("stats", "0002_indicator_lines"),
    ]

    operations = [migrations.RunPython(link_lines, migrations.RunPython.noop)]
