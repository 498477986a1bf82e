"""Documents as HTML (the print preview) and as PDF (WeasyPrint).

The same template and context make both: the preview is exactly what goes
to the printer. The table of contents is built from the headings that the
rendered document really has (``data-toc`` levels), so it can never list a
part that is left out of an edition; WeasyPrint fills in the page numbers
(``target-counter``).
"""

from __future__ import annotations

import html
import logging
import re
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from core.base import Protection

from . import content

TOC_MARKER = "<!--zvp-table-of-contents-->"
HEADING = re.compile(r'<h([1-3]) id="([^"]+)" data-toc="([1-3])">(.*?)</h\1>', re.S)
BADGE = re.compile(r'<span class="badge[^"]*">.*?</span>', re.S)


@dataclass
class Rendered:
    html: str
    title: str


def _labels() -> dict:
    return {"value": _("value"), "target": _("target")}


def _edition_context(plan, protection: str, preview: bool) -> dict:
    internal = protection != Protection.PUBLIC
    logo = plan.zone.logo
    logo_url = ""
    if logo:
        try:
            logo_url = logo.url if preview else Path(logo.path).as_uri()
        except (ValueError, NotImplementedError):
            logo_url = ""
    return {
        "internal": internal,
        "edition_label": _("Internal edition – restricted distribution") if internal else _("Public edition"),
        "internal_banner": _("INTERNAL – restricted distribution, not for publication"),
        "protection_footer": (
            _("Protection level: restricted distribution") if internal else _("Protection level: public")
        ),
        "page_label": _("page"),
        "preview": preview,
        "logo_url": logo_url,
        "generated_at": timezone.localtime(),
    }


def table_of_contents(body: str) -> str:
    entries = []
    for level, anchor, _unused, text in HEADING.findall(body):
        # The heading is rendered HTML: its text is escaped once already ("Politie &amp; Justitie"); unescape it
        # before escaping it for the entry, or the PDF prints "&amp;".
        label = " ".join(html.unescape(strip_tags(BADGE.sub("", text))).split())
        entries.append(f'<li class="level-{level}"><a href="#{escape(anchor)}">{escape(label)}</a></li>')
    return (
        f'<nav class="toc" aria-labelledby="toc"><h1 id="toc">{escape(_("Table of contents"))}</h1>'
        f"<ol>{''.join(entries)}</ol></nav>"
    )


def render_document_html(
    plan, kind: str, protection: str, year: int | None = None, preview: bool = False, extra=None
) -> Rendered:
    """The complete HTML of a plan document or an annual report, in the plan's language."""
    from .models import Document

    with translation.override(plan.language or settings.LANGUAGE_CODE):
        labels = _labels()
        if kind == Document.Kind.ANNUAL_REPORT:
            context = content.annual_report_context(plan, year, protection, labels)
            template = "documents/pdf/annual_report.html"
            title = _("Annual report %(year)s – %(plan)s") % {"year": year, "plan": plan.title}
        else:
            context = content.plan_context(plan, protection, labels)
            template = "documents/pdf/plan.html"
            title = plan.title
        context.update(_edition_context(context["plan"], protection, preview))
        context.update(
            document_title=title, document_language=plan.language or settings.LANGUAGE_CODE, toc=mark_safe(TOC_MARKER)
        )
        context.update(extra or {})
        html = render_to_string(template, context)
        html = html.replace(TOC_MARKER, table_of_contents(html), 1)
    return Rendered(html=html, title=title)


class _LayoutProgress(logging.Handler):
    """Turns WeasyPrint's progress log ("Step 5 - Creating layout - Page 12") into calls of *report(percent)*.

    Layout is most of the work; its share of the bar grows with each page laid
    out, approaching (never reaching) its end until the PDF is written.
    """

    def __init__(self, report, start: int, end: int):
        super().__init__(logging.INFO)
        self.report, self.start, self.end, self.last = report, start, end, -1

    def emit(self, record):
        message = record.getMessage()
        match = re.search(r"Page (\d+)", message)
        if match and "Creating layout" in message:
            pages = int(match.group(1))
            percent = self.start + int((self.end - self.start) * pages / (pages + 20))
        elif message.startswith("Step 6"):
            percent = self.end
        else:
            return
        if percent > self.last:
            self.last = percent
            self.report(percent, _("Laying out the pages"))


def html_to_pdf(html: str, report=None, start: int = 30, end: int = 85) -> tuple[bytes, int]:
    """The PDF bytes of *html* and its number of pages; *report(percent, message)* hears of the layout's progress."""
    from weasyprint import HTML

    progress_logger = logging.getLogger("weasyprint.progress")
    handler = _LayoutProgress(report, start, end) if report else None
    saved = progress_logger.level, progress_logger.propagate
    if handler:
        progress_logger.addHandler(handler)
    progress_logger.setLevel(logging.INFO)
    progress_logger.propagate = False  # its step-by-step messages are not for the console
    try:
        document = HTML(string=html, base_url=str(settings.BASE_DIR)).render()
        return document.write_pdf(), len(document.pages)
    finally:
        if handler:
            progress_logger.removeHandler(handler)
        progress_logger.setLevel(saved[0])
        progress_logger.propagate = saved[1]
