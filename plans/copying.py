"""Copying a plan into a new version (a revision): each app copies its own rows.

The plans app knows no app above it. An app whose rows belong to a plan
registers a copier here (in its ``AppConfig.ready``); ``copy_plan`` runs them
in their order, passing one ``PlanCopy`` that maps every copied row's old
primary key to its copy, per model, so that a later app links its copies to
an earlier app's (an action plan to the copy of its priority).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

Copier = Callable[["PlanCopy"], None]
REVISION = "revision"
ADDENDUM = "addendum"
_COPIERS: list[tuple[int, str, frozenset[str], Copier]] = []


def register_copier(order: int, kinds=(REVISION,)) -> Callable[[Copier], Copier]:
    """Register a function that copies an app's rows of ``copy.source`` into ``copy.new``.

    Lower orders run first; *kinds* are the kinds of new version it copies into (a revision is a full copy;
    an addendum starts empty but for the headings its new priorities fall under).
    """

    def decorator(function: Copier) -> Copier:
        name = f"{function.__module__}.{function.__qualname__}"
        if all(registered != name for _order, registered, _kinds, _function in _COPIERS):
            _COPIERS.append((order, name, frozenset(kinds), function))
            _COPIERS.sort(key=lambda entry: (entry[0], entry[1]))
        return function

    return decorator


def copiers(kind: str = REVISION) -> list[str]:
    """The copiers registered for *kind*, by name, in the order they run."""
    return [name for _order, name, kinds, _function in _COPIERS if kind in kinds]


def clone(obj, **changes):
    """Save a copy of *obj* as a new row with *changes*; returns the copy (revision counter reset)."""
    obj.pk = None
    obj.id = None
    obj._state.adding = True
    for name, value in changes.items():
        setattr(obj, name, value)
    if hasattr(obj, "revision"):
        obj.revision = 1
    obj.save()
    return obj


@dataclass
class PlanCopy:
    source: object
    new: object
    copies: dict[type, dict[int, object]] = field(default_factory=dict)

    def clone(self, obj, **changes):
        """Copy *obj* (recording old pk → copy for its model)."""
        model, old_pk = type(obj), obj.pk
        copy = clone(obj, **changes)
        self.copies.setdefault(model, {})[old_pk] = copy
        return copy

    def copy_of(self, model, pk):
        """The copy of row *pk* of *model*, or None (no row, or not copied)."""
        return self.copies.get(model, {}).get(pk) if pk is not None else None


def copy_rows(source, new, kind: str = REVISION) -> PlanCopy:
    """Run every copier registered for *kind* from *source* into *new*."""
    plan_copy = PlanCopy(source=source, new=new)
    for _order, _name, kinds, function in _COPIERS:
        if kind in kinds:
            function(plan_copy)
    return plan_copy
