"""Writes of yearly indicator values: entered by advisors, approved per year by the council.

A value belongs to its indicator's line (stats.models.indicators): entered on any version of the indicator, it
is the one value every version shows; approved on any version, it is approved on all.
"""

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.access import may_approve_values, may_enter_values
from plans.models import Plan

from .models import Indicator, IndicatorValue


def _check_year(plan: Plan, year: int):
    if year not in plan.years:
        raise ValidationError(
            {"year": _("The year must lie within the plan's period %(start)s-%(end)s.")
             % {"start": plan.period_start, "end": plan.period_end}}
        )  # fmt: skip
    if plan.status not in Plan.FOLLOW_UP_STATUSES:
        raise ValidationError(_("The values of an archived plan can no longer change."))


@transaction.atomic
def record_values(plan: Plan, year: int, entries: list[dict], user) -> dict[str, int]:
    """Enter a year's measured values for several indicators of *plan*, all or nothing.

    Each entry is ``{"indicator": id, "value": Decimal | None, "note": str}``; a
    value of None removes an unapproved value. Approved values are frozen. On
    any problem nothing is written and a ValidationError maps each indicator id
    to its message. Returns how many values were created, changed, removed.
    """
    if not may_enter_values(user, plan.zone_id):
        raise PermissionDenied(_("Only the zone's advisors and korpschef enter indicator values."))
    _check_year(plan, year)
    indicators = {i.pk: i for i in Indicator.objects.filter(plan=plan)}
    # order_by("pk"): the default ordering joins the (nullable) priority, which FOR UPDATE refuses.
    locked = IndicatorValue.objects.select_for_update().of_plan(plan).filter(year=year).order_by("pk")
    by_line = {v.indicator_id: v for v in locked}
    existing = {pk: by_line[i.line_id] for pk, i in indicators.items() if i.line_id in by_line}
    errors, seen = {}, set()
    for entry in entries:
        key = entry.get("indicator")
        if key not in indicators:
            errors[str(key)] = _("This indicator does not belong to this plan.")
        elif key in seen:
            errors[str(key)] = _("This indicator appears twice.")
        elif key in existing and existing[key].is_approved:
            errors[str(key)] = _("The council approved this value; it can no longer change.")
        seen.add(key)
    if errors:
        raise ValidationError(errors)

    created = changed = removed = 0
    for entry in entries:
        indicator, value = indicators[entry["indicator"]], entry.get("value")
        note = entry.get("note") or ""
        row = existing.get(indicator.pk)
        if value is None:
            if row is not None:
                row.delete()
                removed += 1
            continue
        value = Decimal(value)
        if row is None:
            IndicatorValue.objects.create(
                indicator_id=indicator.line_id, year=year, value=value, note=note, entered_by=user
            )
            created += 1
        elif row.value != value or row.note != note:
            if row.value != value:
                # Typed over: no longer the figure of the linked series, nor of an imported file.
                row.from_series, row.import_source = False, ""
            row.value, row.note, row.entered_by = value, note, user
            row.revision += 1
            row.save()
            changed += 1
    return {"created": created, "changed": changed, "removed": removed}


@transaction.atomic
def approve_year(plan: Plan, year: int, user) -> int:
    """The council approves the plan's measured values of *year* (those of its indicators' lines, so every version
    of them shows the approval); returns how many it approved."""
    if not may_approve_values(user, plan.zone_id):
        raise PermissionDenied(_("Only the zonal security council approves the year's values."))
    _check_year(plan, year)
    pending = list(
        IndicatorValue.objects.select_for_update()
        .of_plan(plan)
        .filter(year=year, approved_at__isnull=True)
        .order_by("pk")
    )
    now = timezone.now()
    for row in pending:
        row.approved_at, row.approved_by = now, user
        row.revision += 1
        row.save()
    return len(pending)
