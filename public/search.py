"""Search for citizens: zones by name, municipality or postal name, and full text over published plans.

Only ``.public()`` rows are ever searched (published or archived plans, their
public parts). On PostgreSQL the text search uses the ``dutch`` configuration
(stemming, stop words, ranking, highlighted snippets); on any other database a
plain case-insensitive substring match stands in, with snippets cut in Python.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from functools import reduce
from operator import add, and_, or_

from django.db import connection
from django.db.models import F, Func, Q, TextField, Value
from django.urls import reverse
from django.utils.html import escape, strip_tags
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from plans.models import Chapter, Plan
from priorities.models import Priority
from zones.models import PoliceZone

SEARCH_CONFIG = "dutch"
# Ranked candidates kept per kind of content; more than anyone pages through.
MAX_HITS_PER_SOURCE = 300
SNIPPET_CHARS = 240
# Markers the database puts around matched words; escaped text never contains them.
START, STOP = "\x02", "\x03"


def find_zones(query: str):
    """Zones whose name, number, municipality, NIS code, sub-municipality or postal code matches *query*."""
    query = query.strip()
    if not query:
        return PoliceZone.objects.none()
    condition = (
        Q(name__icontains=query)
        | Q(long_name__icontains=query)
        | Q(municipalities__name__icontains=query)
        | Q(municipalities__nis_code=query)
        | Q(municipalities__sub_municipalities__name__icontains=query)
        | Q(municipalities__sub_municipalities__postal_code=query)
    )
    if query.isdigit():
        condition |= Q(number=int(query))
    ids = PoliceZone.objects.filter(condition).values("pk")
    return PoliceZone.objects.filter(pk__in=ids).order_by("name")


@dataclass(frozen=True)
class Source:
    """One kind of searchable content: its public rows, weighted fields and where a hit links to."""

    key: str
    label: str
    model: type
    title_fields: tuple[str, ...]
    body_fields: tuple[str, ...]
    html_fields: tuple[str, ...] = ()

    def rows(self):
        queryset = self.model.objects.public()
        if self.model is Plan:
            return queryset.select_related("zone")
        return queryset.select_related("plan__zone")

    def plan_of(self, obj) -> Plan:
        return obj if self.model is Plan else obj.plan

    def title_of(self, obj) -> str:
        if self.model is Priority:
            return str(obj)
        return obj.title

    def url_of(self, obj) -> str:
        if self.model is Plan:
            return reverse("public:plan", args=[obj.pk])
        if self.model is Priority:
            return reverse("public:priority", args=[obj.plan_id, obj.pk])
        return reverse("public:plan", args=[obj.plan_id]) + f"#chapter-{obj.pk}"


SOURCES = (
    Source(
        "plan",
        _("Plan"),
        Plan,
        ("title",),
        ("foreword", "mission", "vision", "closing_word"),
    ),
    Source("chapter", _("Chapter"), Chapter, ("title",), ("body",), html_fields=("body",)),
    Source(
        "priority",
        _("Priority"),
        Priority,
        ("code", "short_title", "heading_title"),
        (
            "strategic_objective",
            "rationale",
            "target_group",
            "partners",
            "approach_advise",
            "approach_deter",
            "approach_enforce",
            "approach_investigate",
            "approach_aftercare",
        ),
    ),
)
SOURCES_BY_KEY = {source.key: source for source in SOURCES}


@dataclass
class Hit:
    """One search result: what it is, where it links, in which plan, and a snippet with the matches marked."""

    source: Source
    pk: int
    rank: float
    obj: object = None
    snippet: str = ""

    @property
    def kind(self) -> str:
        return self.source.label

    @property
    def title(self) -> str:
        return self.source.title_of(self.obj)

    @property
    def url(self) -> str:
        return self.source.url_of(self.obj)

    @property
    def plan(self) -> Plan:
        return self.source.plan_of(self.obj)


def uses_postgres() -> bool:
    return connection.vendor == "postgresql"


def search(query: str) -> list[Hit]:
    """Ranked hits (best first) for *query* over the public content of published plans; objects not loaded yet.

    Pass a page of them to :func:`load` to fetch their rows and snippets.
    """
    query = query.strip()
    if not query:
        return []
    finder = _ranked_postgres if uses_postgres() else _ranked_fallback
    hits = [hit for source in SOURCES for hit in finder(source, query)]
    hits.sort(key=lambda hit: (-hit.rank, hit.source.key, hit.pk))
    return hits


def load(hits, query: str) -> list[Hit]:
    """Fetches the rows and snippets of *hits* (a page of :func:`search`'s result), keeping their order."""
    hits = list(hits)
    for source in SOURCES:
        wanted = [hit for hit in hits if hit.source is source]
        if not wanted:
            continue
        rows = source.rows().filter(pk__in=[hit.pk for hit in wanted])
        if uses_postgres():
            rows = rows.annotate(headline=_headline(source, query))
        by_pk = {row.pk: row for row in rows}
        for hit in wanted:
            hit.obj = by_pk.get(hit.pk)
            if hit.obj is None:
                continue
            if uses_postgres():
                hit.snippet = _mark(hit.obj.headline)
            else:
                hit.snippet = _python_snippet(_plain_text(hit.obj, source.body_fields + source.title_fields), query)
    return [hit for hit in hits if hit.obj is not None]


# --- PostgreSQL -----------------------------------------------------------------------------------------------------


def _text_expression(source: Source, field: str):
    if field in source.html_fields:
        # Tags out, so that neither the index nor the snippet sees markup.
        return Func(
            F(field), Value("<[^>]+>"), Value(" "), Value("g"), function="regexp_replace", output_field=TextField()
        )
    return F(field)


def _vector(source: Source):
    from django.contrib.postgres.search import SearchVector

    weighted = [(field, "A") for field in source.title_fields] + [(field, "B") for field in source.body_fields]
    return reduce(
        add,
        (SearchVector(_text_expression(source, f), config=SEARCH_CONFIG, weight=w) for f, w in weighted),
    )


def _query(query: str):
    from django.contrib.postgres.search import SearchQuery

    return SearchQuery(query, config=SEARCH_CONFIG, search_type="websearch")


def _ranked_postgres(source: Source, query: str) -> list[Hit]:
    from django.contrib.postgres.search import SearchRank

    search_query = _query(query)
    rows = (
        source.rows()
        .annotate(document=_vector(source))
        .filter(document=search_query)
        .annotate(rank=SearchRank(F("document"), search_query))
        .order_by("-rank", "pk")
        .values_list("pk", "rank")[:MAX_HITS_PER_SOURCE]
    )
    return [Hit(source, pk, float(rank)) for pk, rank in rows]


def _headline(source: Source, query: str):
    from django.contrib.postgres.search import SearchHeadline

    # concat_ws skips NULLs: empty fields leave no stray separators.
    parts = [
        Func(_text_expression(source, field), Value(""), function="NULLIF", output_field=TextField())
        for field in source.body_fields + source.title_fields
    ]
    text = Func(Value(" · "), *parts, function="concat_ws", output_field=TextField())
    return SearchHeadline(
        text,
        _query(query),
        config=SEARCH_CONFIG,
        start_sel=START,
        stop_sel=STOP,
        max_words=35,
        min_words=15,
        max_fragments=2,
        fragment_delimiter=" … ",
    )


def _mark(text: str) -> SafeString:
    """Escapes a headline and turns the database's markers into <mark> elements."""
    text = escape(html.unescape(text or ""))
    return mark_safe(text.replace(START, "<mark>").replace(STOP, "</mark>"))  # escaped above


# --- Any other database (SQLite in development) ---------------------------------------------------------------------


def _terms(query: str) -> list[str]:
    return [term for term in re.split(r"\s+", query.replace('"', " ")) if term and term != "-"]


def _ranked_fallback(source: Source, query: str) -> list[Hit]:
    terms = _terms(query)
    if not terms:
        return []
    fields = source.title_fields + source.body_fields
    condition = reduce(and_, (reduce(or_, (Q(**{f"{f}__icontains": t}) for f in fields)) for t in terms))
    hits = []
    for row in source.rows().filter(condition).order_by("pk")[:MAX_HITS_PER_SOURCE]:
        title = " ".join(str(getattr(row, f) or "") for f in source.title_fields).lower()
        # A match in the title weighs as in PostgreSQL's weight A; elsewhere as weight B.
        rank = sum(1.0 if term.lower() in title else 0.4 for term in terms)
        hits.append(Hit(source, row.pk, rank))
    return hits


def _plain_text(obj, fields) -> str:
    parts = []
    for field in fields:
        value = getattr(obj, field) or ""
        parts.append(html.unescape(strip_tags(value)))
    return re.sub(r"\s+", " ", " ".join(parts)).strip()


def _python_snippet(text: str, query: str) -> SafeString:
    terms = [term for term in _terms(query) if term]
    lowered = text.lower()
    positions = [lowered.find(term.lower()) for term in terms]
    positions = [p for p in positions if p >= 0]
    first = min(positions) if positions else 0
    start = max(0, first - SNIPPET_CHARS // 3)
    excerpt = text[start : start + SNIPPET_CHARS]
    if start > 0:
        excerpt = "… " + excerpt
    if start + SNIPPET_CHARS < len(text):
        excerpt += " …"
    escaped = escape(excerpt)
    for term in sorted({escape(t) for t in terms}, key=len, reverse=True):
        escaped = re.sub(re.escape(term), lambda m: f"{START}{m.group(0)}{STOP}", escaped, flags=re.IGNORECASE)
    return mark_safe(escaped.replace(START, "<mark>").replace(STOP, "</mark>"))  # escaped above
