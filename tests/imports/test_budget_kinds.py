"""The financial plan's four kinds as plans write them (begroting, raming, prognose, rekening), in Dutch and in
French, through the import; the old words keep importing as they did."""

import pytest

from imports.kinds.budget import FINANCE_KIND_WORDS
from imports.models import ImportOutcome
from stats.models import FinancialLine

from .conftest import csv_bytes, problems_at, run_import

pytestmark = pytest.mark.django_db

HEADER = ["jaar", "soort", "categorie", "nis_code", "omschrijving", "bedrag"]


@pytest.mark.parametrize(
    ("word", "kind"),
    [
        ("begroting", "budget"), ("budget", "budget"),
        ("raming", "forecast"), ("estimation", "forecast"),
        ("prognose", "prognosis"), ("Prévision", "prognosis"), ("prevision", "prognosis"),
        ("rekening", "actual"), ("compte", "actual"),
        ("forecast", "forecast"), ("actual", "actual"),  # the first version's words, as they imported then
    ],
)  # fmt: skip
def test_each_kind_word_imports(world, draft_plan, word, kind):
    content = csv_bytes([HEADER, [2024, word, "personeel", "", "Personeelskosten", "9000000"]])
    job = run_import(world.advisor, "begroting", content, plan=draft_plan)
    assert job.outcome == ImportOutcome.IMPORTED, job.problems
    assert FinancialLine.objects.get(plan=draft_plan).kind == kind


def test_french_category_words_import(world, draft_plan):
    rows = [[2024, "budget", word, "", word, "1"] for word in ("recettes", "fonctionnement", "investissement")]
    job = run_import(world.advisor, "begroting", csv_bytes([HEADER, *rows]), plan=draft_plan)
    assert job.outcome == ImportOutcome.IMPORTED, job.problems
    assert set(FinancialLine.objects.values_list("category", flat=True)) == {"income", "operating", "investment"}


def test_an_unknown_kind_is_refused_at_its_column_naming_the_four(world, draft_plan):
    job = run_import(world.advisor, "begroting", csv_bytes([HEADER, [2024, "gok", "personeel", "", "x", 1]]),
                     plan=draft_plan)  # fmt: skip
    assert problems_at(job) == {(2, "soort")}
    message = job.problems[0]["message"]
    for word in ("begroting", "raming", "prognose", "rekening"):
        assert word in message


def test_every_kind_has_a_dutch_export_word():
    from imports.kinds.base import export_word

    assert [export_word(FINANCE_KIND_WORDS, kind) for kind in FinancialLine.Kind] == [
        "begroting", "raming", "prognose", "rekening",
    ]  # fmt: skip
