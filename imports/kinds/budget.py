"""Lines of a plan's multi-year financial plan, per year, kind and label."""

from __future__ import annotations

from decimal import Decimal
from typing import NamedTuple

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.access import VIEW
from stats.models import FinancialLine

from ..models import ImportKind
from .base import PLAN_YEAR_COLUMN, Column, PlanTableSpec, export_word, tally, zone_municipalities

# The kinds as plans write them, in Dutch and in French; the first word of a kind is the one an export writes.
# The English words of the first version keep importing as they did ("forecast" was the raming).
FINANCE_KIND_WORDS = {
    "begroting": FinancialLine.Kind.BUDGET,
    "budget": FinancialLine.Kind.BUDGET,
    "raming": FinancialLine.Kind.FORECAST,
    "estimation": FinancialLine.Kind.FORECAST,
    "forecast": FinancialLine.Kind.FORECAST,
    "estimate": FinancialLine.Kind.FORECAST,
    "prognose": FinancialLine.Kind.PROGNOSIS,
    "prévision": FinancialLine.Kind.PROGNOSIS,
    "prevision": FinancialLine.Kind.PROGNOSIS,
    "prognosis": FinancialLine.Kind.PROGNOSIS,
    "rekening": FinancialLine.Kind.ACTUAL,
    "compte": FinancialLine.Kind.ACTUAL,
    "actual": FinancialLine.Kind.ACTUAL,
}
FINANCE_CATEGORY_WORDS = {
    "ontvangsten": FinancialLine.Category.INCOME,
    "recettes": FinancialLine.Category.INCOME,
    "income": FinancialLine.Category.INCOME,
    "dotatie": FinancialLine.Category.DOTATION,
    "dotation": FinancialLine.Category.DOTATION,
    "personeel": FinancialLine.Category.PERSONNEL,
    "personnel": FinancialLine.Category.PERSONNEL,
    "werking": FinancialLine.Category.OPERATING,
    "fonctionnement": FinancialLine.Category.OPERATING,
    "operating": FinancialLine.Category.OPERATING,
    "investering": FinancialLine.Category.INVESTMENT,
    "investissement": FinancialLine.Category.INVESTMENT,
    "investment": FinancialLine.Category.INVESTMENT,
    "andere_uitgaven": FinancialLine.Category.OTHER_EXPENSE,
    "autres_depenses": FinancialLine.Category.OTHER_EXPENSE,
    "autres_dépenses": FinancialLine.Category.OTHER_EXPENSE,
    "other_expense": FinancialLine.Category.OTHER_EXPENSE,
}


class BudgetRow(NamedTuple):
    year: int
    kind: str
    category: str
    municipality_id: int | None
    label: str
    amount: Decimal
    row: int

    @property
    def key(self):
        return (self.year, self.kind, self.label)

    @property
    def figures(self):
        """What a stored line with the same key may differ in."""
        return (self.category, self.municipality_id, self.amount)


class BudgetSpec(PlanTableSpec):
    """Lines of the multi-year financial plan: one BudgetRow per year, kind and label."""

    kind = ImportKind.BUDGET
    key_columns = ("jaar", "soort", "omschrijving")
    model = FinancialLine
    description = gettext_lazy(
        "The multi-year financial plan: one row per year, kind and line. Amounts in euro, always positive; "
        "the category says whether it is income or expense. A municipal dotation names the municipality."
    )
    columns = [
        PLAN_YEAR_COLUMN,
        Column(
            "soort",
            gettext_lazy("begroting, raming, prognose or rekening (in French: budget, estimation, prévision, compte)."),
            example="begroting",
        ),
        Column(
            "categorie",
            gettext_lazy("ontvangsten, dotatie, personeel, werking, investering or andere_uitgaven."),
            example="dotatie",
        ),
        Column("nis_code", gettext_lazy("For a dotation: the paying municipality."), required=False, example="44021"),
        Column("omschrijving", gettext_lazy("The line's label."), example="Dotatie Stad Gent"),
        Column("bedrag", gettext_lazy("The amount in euro, 0 or more."), example="98500000"),
    ]

    def prepare(self, ctx):
        self.years = list(ctx.plan.years)
        self.municipalities = zone_municipalities(ctx.zone)

    def check_row(self, ctx, reader):
        year = reader.year(years=self.years, future=True)
        kind = reader.choice("soort", FINANCE_KIND_WORDS)
        category = reader.choice("categorie", FINANCE_CATEGORY_WORDS)
        nis = reader.text("nis_code", required=False)
        municipality = None
        if nis:
            if category is not None and category != FinancialLine.Category.DOTATION:
                reader.problem("nis_code", _("Only a municipal dotation names a municipality."))
            elif nis not in self.municipalities:
                reader.problem("nis_code", _("Unknown NIS code in this zone."))
            else:
                municipality = self.municipalities[nis].pk
        label = reader.text("omschrijving", max_length=200)
        amount = reader.number("bedrag")
        if reader.problems:
            return None
        return BudgetRow(year, str(kind), str(category), municipality, label, amount, reader.row_number)

    def _stored(self, ctx):
        return {(f.year, f.kind, f.label): f for f in FinancialLine.objects.filter(plan=ctx.plan)}

    @staticmethod
    def _same(line, record: BudgetRow):
        return (line.category, line.municipality_id, line.amount) == record.figures

    def compare(self, ctx, records):
        stored = self._stored(ctx)
        return tally(records, lambda record: stored.get(record.key), self._same), []

    def write(self, ctx, records, progress):
        stored = self._stored(ctx)
        result = {"new": 0, "changed": 0, "unchanged": 0}
        for done, record in enumerate(records, start=1):
            line = stored.get(record.key)
            if line is None:
                FinancialLine.objects.create(
                    plan=ctx.plan,
                    year=record.year,
                    kind=record.kind,
                    category=record.category,
                    municipality_id=record.municipality_id,
                    label=record.label,
                    amount=record.amount,
                    order=done,
                )
                result["new"] += 1
            elif not self._same(line, record):
                line.category, line.municipality_id, line.amount = record.figures
                line.revision += 1
                line.save()
                result["changed"] += 1
            else:
                result["unchanged"] += 1
            if done % 500 == 0:
                progress(done, len(records))
        return result

    def export_rows(self, user, zone, plan=None):
        lines = (
            FinancialLine.objects.restrict(user, VIEW)
            .filter(plan=plan)
            .select_related("municipality")
            .order_by("year", "kind", "order", "pk")
        )
        for line in lines:
            yield {
                "jaar": line.year,
                "soort": export_word(FINANCE_KIND_WORDS, line.kind),
                "categorie": export_word(FINANCE_CATEGORY_WORDS, line.category),
                "nis_code": line.municipality.nis_code if line.municipality_id else "",
                "omschrijving": line.label,
                "bedrag": line.amount,
            }
