"""Reordering and renumbering the priorities of a plan."""

from collections import defaultdict

from django.db import transaction
from django.db.models import Max

from .models import Priority

CODE_PREFIX = {Priority.Kind.INNOVATION: "I", Priority.Kind.SECURING: "B"}


@transaction.atomic
def move_priority(priority: Priority, step: int) -> None:
    """Swap *priority* with its neighbour above (step -1) or below (step +1), numbers included."""
    siblings = list(Priority.objects.select_for_update().filter(plan_id=priority.plan_id).order_by("number"))
    index = next(i for i, p in enumerate(siblings) if p.pk == priority.pk)
    other_index = index + step
    if not 0 <= other_index < len(siblings):
        return
    a, b = siblings[index], siblings[other_index]
    a_number, b_number = a.number, b.number
    _set_numbers({a: b_number, b: a_number})


@transaction.atomic
def renumber_priorities(plan) -> None:
    """Number the plan's priorities 1..n in their current order; Gent-style codes ('I 1', 'B 33') follow.

    Codes of plain priorities are left as they are.
    """
    priorities = list(Priority.objects.select_for_update().filter(plan=plan).order_by("number", "pk"))
    _set_numbers({p: i for i, p in enumerate(priorities, start=1)})


def _set_numbers(numbers: dict) -> None:
    """Give each priority its new number (and code) without tripping the unique constraints midway."""
    if not numbers:
        return
    plan_id = next(iter(numbers)).plan_id
    offset = (Priority.objects.filter(plan_id=plan_id).aggregate(m=Max("number"))["m"] or 0) + 1
    for priority in numbers:  # park them out of the way first
        Priority.objects.filter(pk=priority.pk).update(number=priority.number + offset, code="")
    for priority, number in numbers.items():
        prefix = CODE_PREFIX.get(priority.kind)
        priority.number = number
        if prefix:
            priority.code = f"{prefix} {number}"
        priority.revision += 1
        priority.save()


def theme_paths(themes) -> list[tuple]:
    """*themes* of one plan in tree order (depth first, by order), each with its path label, without a query
    per theme."""
    by_parent = defaultdict(list)
    ids = {t.pk for t in themes}
    for theme in themes:
        by_parent[theme.parent_id if theme.parent_id in ids else None].append(theme)
    result, seen = [], set()

    def walk(parent_id, prefix):
        for theme in sorted(by_parent.get(parent_id, []), key=lambda t: (t.order, t.pk)):
            if theme.pk in seen:
                continue
            seen.add(theme.pk)
            label = f"{prefix} › {theme.name}" if prefix else theme.name
            result.append((theme, label))
            walk(theme.pk, label)

    walk(None, "")
    return result


def theme_labels(themes) -> dict[int, str]:
    """Each theme's path label ("Veilig verkeer › Fietsdiefstal"), by theme id."""
    return {theme.pk: label for theme, label in theme_paths(themes)}
