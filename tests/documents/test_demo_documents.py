"""The demo Gent plan as a PDF: every one of its 58 project titles, a table of contents whose page numbers are
right, and the 2023 annual report."""

import re

import pytest
from pypdf import PdfReader

from core.base import Protection
from documents import tasks
from documents.models import Document
from documents.services import request_document
from editor.demo.loader import load_demo
from plans.models import Plan
from priorities.models import Priority


def squash(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def gent(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo loaded once for this module, with the Gent plan's public PDF and 2023 annual report made."""
    with django_db_blocker.unblock():
        load_demo()
        plan = Plan.objects.get(zone__slug="gent", kind="zvp")
        made = {}
        for key, kind, year, protection in (
            ("plan", "plan", None, Protection.PUBLIC),
            ("internal", "plan", None, Protection.RESTRICTED),
            ("report", "annual_report", 2023, Protection.PUBLIC),
        ):
            document = request_document(plan, kind, protection, year, check=False)
            tasks.generate_document.apply(args=[document.pk])
            document.refresh_from_db()
            assert document.status == "done", document.error
            with document.file.open("rb") as handle:
                pages = [page.extract_text() or "" for page in PdfReader(handle).pages]
            made[key] = (document, pages)
        titles = {p.code: (p.short_title, p.protection) for p in plan.priorities.all()}
        restricted_indicators = list(
            plan.indicators.filter(protection=Protection.RESTRICTED).values_list("name", flat=True)
        )
        sample = Priority.objects.get(plan=plan, code="I 2").indicators.first()
        plan.sample_indicator_name = sample.name if sample else None
    yield plan, made, titles, restricted_indicators
    with django_db_blocker.unblock():
        from django.core.management import call_command

        call_command("flush", "--noinput", verbosity=0)


def test_the_gent_plan_pdf_has_all_58_project_titles(gent):
    _, made, titles, _ = gent
    document, pages = made["plan"]
    text = squash(" ".join(pages))
    assert len(titles) == 58
    missing = [code for code, (title, _) in titles.items() if squash(f"{code} {title}") not in text]
    assert not missing
    assert document.page_count == len(pages) > 20


def test_the_table_of_contents_has_the_right_page_numbers(gent):
    _, made, _, _ = gent
    _, pages = made["plan"]
    toc_pages = [i for i, text in enumerate(pages) if "........" in text]
    assert toc_pages and toc_pages[0] == 1  # right after the cover
    entries = []
    for index in toc_pages:
        pending = ""  # a long title wraps: its first line has no page number yet
        for line in pages[index].splitlines():
            match = re.match(r"^(.*?)\s*\.{3,}\s*(\d+)\s*$", f"{pending} {line}".strip())
            if match:
                entries.append((squash(match.group(1)), int(match.group(2))))
                pending = ""
            elif re.match(r"^[IB] \d+ ", line):
                pending = line
    assert len(entries) >= 58 + 5
    checked = 0
    for label, page_number in entries:
        if len(label) < 6:
            continue
        body = squash(pages[page_number - 1])
        assert label in body, f"'{label}' is not on page {page_number}"
        checked += 1
    assert checked >= 60
    # Priorities are listed in their order, and their pages never go back.
    priority_pages = [n for label, n in entries if re.match(r"^[IB] \d+ ", label)]
    assert priority_pages == sorted(priority_pages) and len(priority_pages) == 58


def test_every_page_has_a_number_and_the_protection_level(gent):
    _, made, _, _ = gent
    _, pages = made["plan"]
    total = len(pages)
    for number, text in enumerate(pages, start=1):
        assert re.search(rf"\b{number} / {total}\b", text), number
        assert "public" in text.lower() or "publiek" in text.lower()


def test_the_public_edition_leaves_out_the_restricted_sample_indicator(gent):
    _, made, _, restricted_indicators = gent
    assert restricted_indicators, "the demo has a restricted indicator on Gent priority 30"
    public = squash(" ".join(made["plan"][1]))
    internal = squash(" ".join(made["internal"][1]))
    for name in restricted_indicators:
        assert squash(name) not in public
        assert squash(name) in internal


def test_the_2023_annual_report(gent):
    plan, made, titles, _ = gent
    document, pages = made["report"]
    text = squash(" ".join(pages))
    assert document.year == 2023 and document.kind == Document.Kind.ANNUAL_REPORT
    assert "2023" in pages[0]
    public_titles = [(c, t) for c, (t, p) in titles.items() if p == Protection.PUBLIC]
    assert all(squash(f"{c} {t}") in text for c, t in public_titles)
    assert plan.sample_indicator_name and squash(plan.sample_indicator_name) in text
    assert "voorbeeldgegevens" in text  # the demo's sample values say so
