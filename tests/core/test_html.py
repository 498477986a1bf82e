"""Rich text is sanitised on save, whatever path it comes through."""

import pytest

from core.html import sanitize_html
from plans.models import Chapter
from tests.factories import PlanFactory


@pytest.mark.parametrize(
    ("dirty", "forbidden"),
    [
        ("<p>Hallo<script>alert(1)</script></p>", "<script"),
        ('<p onclick="steal()">Hallo</p>', "onclick"),
        ('<img src="x" onerror="alert(1)">', "onerror"),
        ('<a href="javascript:alert(1)">klik</a>', "javascript:"),
        ('<a href="JaVaScRiPt:alert(1)">klik</a>', "javascript"),
        ('<p style="background:url(javascript:alert(1))">x</p>', "style"),
        ("<iframe src='https://evil.example'></iframe>", "<iframe"),
        ("<svg><script>alert(1)</script></svg>", "alert"),
    ],
)
def test_dangerous_markup_is_stripped(dirty, forbidden):
    assert forbidden.lower() not in sanitize_html(dirty).lower()


def test_formatting_and_safe_links_survive():
    html = '<h2>Analyse</h2><p><strong>Vet</strong> en <a href="https://www.gent.be">link</a></p><ul><li>één</li></ul>'
    clean = sanitize_html(html)
    assert "<h2>Analyse</h2>" in clean
    assert "<strong>Vet</strong>" in clean
    assert 'href="https://www.gent.be"' in clean
    assert 'rel="noopener noreferrer"' in clean
    assert "<li>één</li>" in clean


@pytest.mark.django_db
def test_chapter_body_is_sanitised_on_save():
    chapter = Chapter.objects.create(
        plan=PlanFactory(), title="Profiel", body='<p onmouseover="x()">Tekst</p><script>alert(1)</script>'
    )
    chapter.refresh_from_db()
    assert chapter.body == "<p>Tekst</p>"
