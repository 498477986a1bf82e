"""What the dashboard shows, as CSV or XLSX: one row per indicator (and one per priority without indicators),
with the same year, filters and access as the page."""

import csv
import io

from django.http import HttpResponse
from django.utils.text import slugify
from django.utils.translation import gettext as _

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def headers() -> list[str]:
    return [
        _("Domain"),
        _("Theme"),
        _("Priority code"),
        _("Priority"),
        _("Kind"),
        _("Priority status"),
        _("Actions done"),
        _("Actions counted"),
        _("Indicator code"),
        _("Indicator"),
        _("Unit"),
        _("Direction"),
        _("Year"),
        _("Target"),
        _("Value"),
        _("Approved"),
        _("Indicator status"),
        _("Sample data"),
    ]


def rows(dashboard) -> list[list]:
    """The dashboard as rows of plain values (numbers as numbers, None as empty)."""
    result = []

    def indicator_line(head, ind):
        i, cur = ind.indicator, ind.current
        approved = "" if cur.approved is None else (_("yes") if cur.approved else _("no"))
        return [
            *head,
            i.code,
            i.name,
            i.unit,
            i.get_direction_display(),
            dashboard.year,
            cur.target,
            cur.value,
            approved,
            str(cur.status.label),
            _("yes") if i.is_sample or cur.value_is_sample else "",
        ]

    for group in dashboard.groups:
        domain = group.domain.name if group.domain else ""
        for row in group.priorities:
            p = row.priority
            head = [
                domain,
                row.theme_path,
                p.code,
                p.short_title,
                p.get_kind_display(),
                str(row.status.label),
                row.actions_done,
                row.actions_counted,
            ]
            if not row.indicators:
                result.append([*head, "", "", "", "", dashboard.year, None, None, None, "", ""])
            result += [indicator_line(head, ind) for ind in row.indicators]
    whole_plan = ["", "", "", _("Indicators of the whole plan"), "", "", None, None]
    result += [indicator_line(whole_plan, ind) for ind in dashboard.plan_indicators]
    return result


def rollup_headers() -> list[str]:
    from stats.status import IndicatorStatus

    return [
        _("Domain"),
        *[str(status.label) for status in IndicatorStatus],
        _("Score (%)"),
        _("Roll-up status"),
        _("Actions done (%)"),
    ]


def rollup_rows(dashboard) -> list[list]:
    """One row per domain and one for the whole plan (or the priorities shown), as on the page."""

    def line(label, rollup):
        return [
            label,
            *[count for _status, count in rollup.status_rows],
            rollup.score_percent,
            str(rollup.status.label),
            rollup.actions_percent,
        ]

    result = [line(group.domain.name if group.domain else _("No domain"), group.rollup) for group in dashboard.groups]
    result.append(
        line(_("The whole plan") if not dashboard.filters.active else _("Priorities shown"), dashboard.rollup)
    )
    return result


def safe(value):
    """A text cell that a spreadsheet would run as a formula (=, +, -, @ first) is kept as text."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def filename(dashboard, fmt) -> str:
    return f"dashboard-{slugify(dashboard.plan.zone.name)}-{dashboard.plan.pk}-{dashboard.year}.{fmt}"


def as_csv(dashboard) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(headers())
    for row in rows(dashboard):
        writer.writerow(["" if v is None else safe(v) for v in row])
    # A byte-order mark, so that spreadsheet programs read the accents right.
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def as_xlsx(dashboard) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = str(dashboard.year)
    sheet.append(headers())
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows(dashboard):
        sheet.append([safe(v) for v in row])
    sheet.freeze_panes = "A2"
    rule = workbook.create_sheet(_("Roll-up"))
    rule.append(rollup_headers())
    for cell in rule[1]:
        cell.font = Font(bold=True)
    for row in rollup_rows(dashboard):
        rule.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def response(dashboard, fmt) -> HttpResponse:
    content = as_csv(dashboard) if fmt == "csv" else as_xlsx(dashboard)
    answer = HttpResponse(content, content_type=FORMATS[fmt])
    answer["Content-Disposition"] = f'attachment; filename="{filename(dashboard, fmt)}"'
    return answer
