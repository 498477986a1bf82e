"""Documents as the documents app leaves them when a generation is done, for the public portal's tests."""

from django.core.files.base import ContentFile
from django.utils import timezone

from core.base import Protection
from documents.models import Document
from plans.models import Plan

# A tiny but well-formed PDF.
PDF_BYTES = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def make_document(plan, *, kind=Document.Kind.PLAN, year=None, protection=Protection.PUBLIC, status="done", **extra):
    """A generated PDF as the documents app leaves it when done (the file is a few hundred bytes)."""
    values = {
        "plan": plan,
        "kind": kind,
        "year": year,
        "protection": protection,
        "status": status,
        "made_from_status": extra.pop("made_from_status", Plan.Status.PUBLISHED),
        "made_from_revision": 1,
        "size": extra.pop("size", 3_250_000),
        "page_count": extra.pop("page_count", 12),
        "checksum": "0" * 64,
        "finished_at": extra.pop("finished_at", timezone.now()),
        **extra,
    }
    document = Document(**values)
    document.file.save(f"test-{plan.pk}-{kind}-{year}.pdf", ContentFile(PDF_BYTES), save=False)
    document.save()
    return document
