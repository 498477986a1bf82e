"""Writing the demo's rows idempotently: a second load changes nothing and writes no history."""

# How the demo labels what it invents, wherever a text says so.
SAMPLE_NOTE = "voorbeeldgegevens"


def upsert(model, lookup: dict, values: dict):
    """Get the row matching *lookup* and bring it to *values*, saving only on a real change."""
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        return model.objects.create(**lookup, **values)
    changed = [field for field, value in values.items() if getattr(obj, field) != value]
    if changed:
        for field in changed:
            setattr(obj, field, values[field])
        obj.save()
    return obj


def prune(queryset, keep_ids):
    """Delete the rows of *queryset* that the demo no longer describes."""
    queryset.exclude(pk__in=keep_ids).delete()
