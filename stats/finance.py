"""The multi-year financial plan as a plan prints it: its lines per year and kind (begroting, raming,
prognose, rekening), and totals of like lines only (the lines of one category: the municipal dotations,
the personnel cost...), each computed from the lines and marked so. No balance: no plan states one.

``financial_totals`` gives the totals (one query); ``financial_table`` lays the lines out as the plan's table:
a column per year and kind, a row per line, a computed total per category. Every surface uses these: the
dashboard, the PDF, the public plan page and the API.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Sum

from plans.models import Plan

from .models import FinancialLine

KIND_ORDER = list(FinancialLine.Kind.values)
CATEGORY_ORDER = list(FinancialLine.Category.values)


def _column_key(year, kind):
    return (year, KIND_ORDER.index(kind) if kind in KIND_ORDER else len(KIND_ORDER), kind)


def financial_totals(plan: Plan, lines=None) -> list[dict]:
    """Per year, kind and category: the sum of the lines (``total``) and how many lines it adds up.

    Only lines of one category are added up, never income with expense. Every total is ``computed`` (the
    plan prints none of its own here). One query; *lines* narrows the lines counted (e.g. to those a user
    may see); by default all lines of *plan*. Ordered by year, kind (begroting, raming, prognose, rekening)
    and category.
    """
    if lines is None:
        lines = FinancialLine.objects.filter(plan=plan)
    rows = lines.values("year", "kind", "category").annotate(total=Sum("amount"), line_count=Count("id")).order_by()
    result = [
        {
            "year": row["year"],
            "kind": row["kind"],
            "category": row["category"],
            "total": row["total"],
            "line_count": row["line_count"],
            "computed": True,
        }
        for row in rows
    ]
    result.sort(key=lambda t: (*_column_key(t["year"], t["kind"]), CATEGORY_ORDER.index(t["category"])))
    return result


@dataclass
class FinancialColumn:
    year: int
    kind: str

    @property
    def kind_label(self) -> str:
        return FinancialLine.Kind(self.kind).label if self.kind in KIND_ORDER else self.kind


@dataclass
class FinancialRow:
    label: str
    municipality: str
    is_sample: bool
    cells: list[Decimal | None]


@dataclass
class FinancialSection:
    """The lines of one category and their total per column (computed: the sum of the lines)."""

    category: str
    label: str
    rows: list[FinancialRow] = field(default_factory=list)
    totals: list[Decimal | None] = field(default_factory=list)


@dataclass
class FinancialTable:
    columns: list[FinancialColumn]
    sections: list[FinancialSection]

    @property
    def is_sample(self) -> bool:
        return any(row.is_sample for section in self.sections for row in section.rows)

    def __bool__(self) -> bool:
        return bool(self.sections)


def financial_table(lines) -> FinancialTable:
    """*lines* (FinancialLine, their municipality selected) as the plan's table; no query of its own."""
    lines = list(lines)
    columns = sorted({(line.year, line.kind) for line in lines}, key=lambda c: _column_key(*c))
    index = {column: i for i, column in enumerate(columns)}
    sections: dict[str, FinancialSection] = {}
    rows: dict[tuple, FinancialRow] = {}
    for line in sorted(lines, key=lambda ln: (ln.order, ln.year, ln.pk or 0)):
        section = sections.get(line.category)
        if section is None:
            section = sections[line.category] = FinancialSection(line.category, line.get_category_display())
        municipality = line.municipality.name if line.municipality_id else ""
        key = (line.category, line.label, municipality)
        row = rows.get(key)
        if row is None:
            row = rows[key] = FinancialRow(line.label, municipality, False, [None] * len(columns))
            section.rows.append(row)
        row.cells[index[line.year, line.kind]] = line.amount
        row.is_sample = row.is_sample or line.is_sample
    for section in sections.values():
        for i in range(len(columns)):
            present = [row.cells[i] for row in section.rows if row.cells[i] is not None]
            section.totals.append(sum(present, Decimal(0)) if present else None)
    ordered = sorted(sections.values(), key=lambda s: CATEGORY_ORDER.index(s.category))
    return FinancialTable([FinancialColumn(year, kind) for year, kind in columns], ordered)
