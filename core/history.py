"""History of a row as its editors read it: word-level diffs of what changed, by whom, why."""

import difflib
import re

from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

CHANGE_TYPES = {"+": _("created"), "~": _("changed"), "-": _("deleted")}


HIDDEN_FIELDS = {"revision", "updated_at", "created_at"}


def word_diff(old, new) -> str:
    """HTML with <del> and <ins> around the words that differ (tags of rich text are dropped)."""
    old_words = re.findall(r"\S+|\s+", strip_tags(str(old or "")))
    new_words = re.findall(r"\S+|\s+", strip_tags(str(new or "")))
    parts = []
    for op, a1, a2, b1, b2 in difflib.SequenceMatcher(a=old_words, b=new_words, autojunk=False).get_opcodes():
        if op == "equal":
            parts.append(escape("".join(old_words[a1:a2])))
            continue
        if a2 > a1:
            parts.append(f"<del>{escape(''.join(old_words[a1:a2]))}</del>")
        if b2 > b1:
            parts.append(f"<ins>{escape(''.join(new_words[b1:b2]))}</ins>")
    return mark_safe("".join(parts))


def _names(model, ids, user) -> list[str]:
    """The names of rows *ids* of *model*; a row *user* may not see (or that is gone) shows as its number only."""
    rows = model._default_manager.filter(pk__in=ids)
    if user is not None and hasattr(rows, "restrict"):
        rows = rows.restrict(user)
    names = {row.pk: str(row) for row in rows}
    return [names.get(pk, f"#{pk}") for pk in ids]


def _display(record, field_name, user=None):
    field = record.instance_type._meta.get_field(field_name)
    if field.many_to_many:  # the historical record keeps the links as rows of a historical through table
        link = f"{field.m2m_reverse_field_name()}_id"
        ids = sorted(getattr(row, link) for row in getattr(record, field.attname).all())
        return ", ".join(_names(field.related_model, ids, user))
    value = getattr(record, field.attname)
    if field.choices:
        return dict(field.flatchoices).get(value, value)
    if field.is_relation and value is not None:
        return _names(field.related_model, [value], user)[0]
    return value


def history_entries(obj, user=None) -> list[dict]:
    """Every recorded version of *obj*, newest first, each with the fields it changed.

    Linked rows are named only where *user* may see them (a public priority's
    history must not name a restricted stakeholder expectation).
    """
    records = list(obj.history.select_related("history_user").order_by("-history_date", "-history_id"))
    entries = []
    for index, record in enumerate(records):
        previous = records[index + 1] if index + 1 < len(records) else None
        changes = []
        if previous is not None:
            delta = record.diff_against(previous)
            for change in delta.changes:
                if change.field in HIDDEN_FIELDS:
                    continue
                field = obj._meta.get_field(change.field)
                old, new = _display(previous, change.field, user), _display(record, change.field, user)
                changes.append({"field": field.verbose_name, "old": old, "new": new, "diff": word_diff(old, new)})
        entries.append({
            "record": record, "user": record.history_user, "date": record.history_date,
            "type": CHANGE_TYPES.get(record.history_type, record.history_type), "changes": changes,
            # Why, when the change says so (an import names its file here).
            "reason": getattr(record, "history_change_reason", None) or "",
        })  # fmt: skip
    return entries


def fields_diff(old, new, names) -> list[dict]:
    rows = []
    for name in names:
        a, b = getattr(old, name), getattr(new, name)
        if a != b:
            label = type(new)._meta.get_field(name).verbose_name
            rows.append({"field": label, "diff": word_diff(a, b)})
    return rows
