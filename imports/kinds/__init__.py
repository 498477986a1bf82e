"""One specification per kind of import: its Dutch columns, how each row is checked, how it is written and
how the portal's own data is exported in the same columns (an exported file imports unchanged).

A spec reads rows into small named records (``check_row``), reporting every problem with its row and
column; ``compare`` says per record whether it is new, changed or unchanged (and reports what may not
change, such as a value the council approved); ``write`` writes the new and changed ones and returns what
it did. The engine around them (imports/services.py) runs them all or nothing.

* base.py: columns, problems, the context, the row reader, the base specs and shared helpers;
* series.py: what the statistical kinds share (a zone's series and their figures);
* crime.py, accidents.py, survey.py, indicator_values.py, staff.py, budget.py: one module per kind.

Numbers are written out with a decimal comma and CSV files with semicolons, as Belgian Excel does.
"""

from __future__ import annotations

from .accidents import SEVERITY_WORDS, AccidentsSpec
from .base import (
    BATCH,
    FAST_BATCH,
    MAX_YEAR,
    MIN_YEAR,
    SKIP,
    Column,
    Context,
    ImportSpec,
    PlanTableSpec,
    Problem,
    RowReader,
    export_word,
    format_number,
    yes_no,
)
from .budget import FINANCE_CATEGORY_WORDS, FINANCE_KIND_WORDS, BudgetRow, BudgetSpec
from .crime import CrimeSpec
from .indicator_values import IndicatorValuesSpec, ValueRow
from .series import FigureRow, StatSpec
from .staff import STAFF_CATEGORY_WORDS, StaffRow, StaffSpec
from .survey import SurveySpec

SPECS: dict[str, type[ImportSpec]] = {
    spec.kind: spec for spec in (CrimeSpec, AccidentsSpec, SurveySpec, IndicatorValuesSpec, StaffSpec, BudgetSpec)
}
ZONE_KINDS = [kind for kind, spec in SPECS.items() if spec.scope == "zone"]
PLAN_KINDS = [kind for kind, spec in SPECS.items() if spec.scope == "plan"]


def spec_for(kind: str) -> ImportSpec:
    """A fresh spec for one run (a spec keeps the lookups of its run)."""
    return SPECS[kind]()


__all__ = [
    "BATCH",
    "FAST_BATCH",
    "FINANCE_CATEGORY_WORDS",
    "FINANCE_KIND_WORDS",
    "MAX_YEAR",
    "MIN_YEAR",
    "PLAN_KINDS",
    "SEVERITY_WORDS",
    "SKIP",
    "SPECS",
    "STAFF_CATEGORY_WORDS",
    "ZONE_KINDS",
    "AccidentsSpec",
    "BudgetRow",
    "BudgetSpec",
    "Column",
    "Context",
    "CrimeSpec",
    "FigureRow",
    "ImportSpec",
    "IndicatorValuesSpec",
    "PlanTableSpec",
    "Problem",
    "RowReader",
    "StaffRow",
    "StaffSpec",
    "StatSpec",
    "SurveySpec",
    "ValueRow",
    "export_word",
    "format_number",
    "spec_for",
    "yes_no",
]
