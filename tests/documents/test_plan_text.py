"""Issue 13, the printed text of a plan: the zone's korpschef, kind and population date, no date of today on a
cover without approval, chapters in their explicit order, Dutch labels, "&" printed once, no source note."""

import datetime
import re
from io import BytesIO

import pytest
from django.urls import reverse
from django.utils import dateformat, timezone, translation
from pypdf import PdfReader

from core.base import Protection
from documents import rendering
from plans.models import Chapter
from tests import factories as f

pytestmark = pytest.mark.django_db
K = Chapter.Kind


@pytest.fixture
def plan(zone_a):
    zone_a.korpschef = "Jean-Paul Mouchaers"
    zone_a.kind = "multi"
    zone_a.number = 5388
    zone_a.save()
    f.MunicipalityFactory(zone=zone_a, name="Herent", population=21000, population_date=datetime.date(2019, 1, 1))
    f.MunicipalityFactory(zone=zone_a, name="Kortenberg", population=20000, population_date=datetime.date(2019, 1, 1))
    plan = f.PlanFactory(
        zone=zone_a, title="ZVP Politie & Justitie", published=True, council_approved_on=None, language="nl",
        source_note="Bron: Seed 002 intern", valid_from=datetime.date(2020, 1, 1),
        themes_chosen_on=datetime.date(2019, 6, 20),
    )  # fmt: skip
    f.ChapterFactory(plan=plan, order=3, kind=K.PRIVACY, title="GDPR-hoofdstuk")
    f.ChapterFactory(plan=plan, order=2, kind=K.POLICY_CHOICES, title="Onze beleidskeuzes")
    f.ChapterFactory(plan=plan, order=1, kind=K.PROFILE, title="Politie & Justitie")
    f.SignatoryFactory(plan=plan, name="Burgemeester Herent", order=1)
    f.PriorityFactory(plan=plan, number=1, short_title="Fietsdiefstal aanpakken")
    return plan


def pages(plan):
    html = rendering.render_document_html(plan, "plan", Protection.PUBLIC).html
    data, _count = rendering.html_to_pdf(html)
    return [" ".join((page.extract_text() or "").split()) for page in PdfReader(BytesIO(data)).pages]


def test_the_pdf_prints_the_zone_the_plan_and_its_order_in_dutch(plan):
    text = pages(plan)
    cover, body = text[0], " ".join(text)
    assert "Jean-Paul Mouchaers" in cover and "Meergemeentezone" in cover and "5388" in cover
    assert "Inhoudstafel" in body and "Table of contents" not in body
    assert "1 januari 2019" in body  # the population's reference date, beside the population
    assert "20 juni 2019" in body and "1 januari 2020" in body  # themes chosen; valid from
    assert "Politie & Justitie" in body and "&amp;" not in body
    assert "Seed 002" not in body and "Bron:" not in body
    today = dateformat.format(timezone.localdate(), "j F Y")
    with translation.override("nl"):
        today_nl = dateformat.format(timezone.localdate(), "j F Y")
    assert today not in cover and today_nl not in cover  # no approval date yet: no date of today on the cover
    html = rendering.render_document_html(plan, "plan", Protection.PUBLIC).html
    after_toc = html[html.index("</nav>") :]
    # The chapters in their explicit order; the priorities follow the policy-choices chapter, before the GDPR one.
    titles = ("Politie &amp; Justitie", "Onze beleidskeuzes", "Fietsdiefstal aanpakken", "GDPR-hoofdstuk")
    positions = [after_toc.index(title) for title in titles]
    assert positions == sorted(positions)


def test_the_table_of_contents_escapes_a_heading_once(plan):
    html = rendering.render_document_html(plan, "plan", Protection.PUBLIC).html
    toc = html[html.index('<nav class="toc"') : html.index("</nav>")]
    assert "Politie &amp; Justitie" in toc and "&amp;amp;" not in toc
    assert not re.search(r"text-transform:\s*uppercase", html)


def test_the_signature_table_prints_the_rank(plan):
    html = rendering.render_document_html(plan, "plan", Protection.PUBLIC).html
    assert re.search(r'<td class="num">1</td><th scope="row">Burgemeester Herent</th>', html)


def test_the_public_plan_page_prints_text_once_escaped_in_order_without_source_note(client, plan):
    html = client.get(reverse("public:plan", args=[plan.pk])).content.decode()
    assert "Politie &amp; Justitie" in html and "&amp;amp;" not in html
    assert "Seed 002" not in html
    assert (
        html.index("Politie &amp; Justitie</h2>")
        < html.index("Onze beleidskeuzes</h2>")
        < html.index("GDPR-hoofdstuk</h2>")
    )
