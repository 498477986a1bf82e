"""A revision or addendum against the plan it extends."""

from core.history import fields_diff


def compare_plans(base, plan, user) -> dict:
    """What a revision or addendum changes against the plan it extends, as the user may see both."""
    from plans.models import Chapter
    from priorities.models import Priority

    result = {"plan": fields_diff(base, plan, ["title", "foreword", "mission", "vision", "closing_word"])}
    old = {p.number: p for p in Priority.objects.restrict(user).filter(plan=base)}
    new = {p.number: p for p in Priority.objects.restrict(user).filter(plan=plan)}
    priority_fields = ["code", "short_title", "heading_title", "kind", "rationale", "target_group", "partners",
                       "owner_unit", "protection"]  # fmt: skip
    result["priorities_added"] = [new[n] for n in sorted(new.keys() - old.keys())]
    result["priorities_removed"] = [old[n] for n in sorted(old.keys() - new.keys())]
    result["priorities_changed"] = [
        (new[n], diff)
        for n in sorted(old.keys() & new.keys())
        if (diff := fields_diff(old[n], new[n], priority_fields))
    ]
    old_ch = {c.title: c for c in Chapter.objects.restrict(user).filter(plan=base)}
    new_ch = {c.title: c for c in Chapter.objects.restrict(user).filter(plan=plan)}
    result["chapters_added"] = [new_ch[t] for t in new_ch.keys() - old_ch.keys()]
    result["chapters_removed"] = [old_ch[t] for t in old_ch.keys() - new_ch.keys()]
    result["chapters_changed"] = [
        (new_ch[t], diff) for t in old_ch.keys() & new_ch.keys()
        if (diff := fields_diff(old_ch[t], new_ch[t], ["body", "protection", "kind"]))
    ]  # fmt: skip
    result["is_empty"] = not any(result[k] for k in result if k != "is_empty")
    return result
