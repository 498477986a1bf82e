"""What the dashboard shows, as CSV or XLSX: one row per indicator (and one per priority without indicators),
with the same year, filters and access as the page. The files are written by core.spreadsheets (formula-like
text stays text)."""

from django.http import HttpResponse
from django.utils.text import slugify
from django.utils.translation import gettext as _

from core.spreadsheets import CSV_TYPE, XLSX_TYPE, Sheet, csv_bytes, xlsx_bytes

FORMATS = {"csv": CSV_TYPE, "xlsx": XLSX_TYPE}


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


def filename(dashboard, fmt) -> str:
    return f"dashboard-{slugify(dashboard.plan.zone.name)}-{dashboard.plan.pk}-{dashboard.year}.{fmt}"


def as_csv(dashboard) -> bytes:
    return csv_bytes(headers(), rows(dashboard))


def as_xlsx(dashboard) -> bytes:
    return xlsx_bytes(
        Sheet(str(dashboard.year), headers(), rows(dashboard), bold_header=True, freeze_header=True),
        Sheet(_("Roll-up"), rollup_headers(), rollup_rows(dashboard), bold_header=True),
    )


def response(dashboard, fmt) -> HttpResponse:
    content = as_csv(dashboard) if fmt == "csv" else as_xlsx(dashboard)
    answer = HttpResponse(content, content_type=FORMATS[fmt])
    answer["Content-Disposition"] = f'attachment; filename="{filename(dashboard, fmt)}"'
    return answer
