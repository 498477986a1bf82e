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
            for ind in row.indicators:
                i, cur = ind.indicator, ind.current
                approved = "" if cur.approved is None else (_("yes") if cur.approved else _("no"))
                result.append(
                    [
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
                        _("yes") if i.is_sample or cur.is_sample else "",
                    ]
                )
    return result


def filename(dashboard, fmt) -> str:
    return f"dashboard-{slugify(dashboard.plan.zone.name)}-{dashboard.plan.pk}-{dashboard.year}.{fmt}"


def as_csv(dashboard) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(headers())
    for row in rows(dashboard):
        writer.writerow(["" if v is None else v for v in row])
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
        sheet.append(row)
    sheet.freeze_panes = "A2"
    rule = workbook.create_sheet(_("Roll-up"))
    rule.append([_("Status"), _("Priorities")])
    for status, count in dashboard.rollup.status_rows:
        rule.append([str(status.label), count])
    rule.append([_("Roll-up status"), str(dashboard.rollup.status.label)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def response(dashboard, fmt) -> HttpResponse:
    content = as_csv(dashboard) if fmt == "csv" else as_xlsx(dashboard)
    answer = HttpResponse(content, content_type=FORMATS[fmt])
    answer["Content-Disposition"] = f'attachment; filename="{filename(dashboard, fmt)}"'
    return answer
