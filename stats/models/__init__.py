"""The stats app's models, by topic: statistical series, indicators, resources (staff, finances, key figures).

Totals are always computed from their lines. Where a document prints a total,
it is kept (a staff table's ``printed_*`` fields, per group and column) only to show where the two disagree.
"""

from .categories import CrimeCategory, CrimeCategoryQuerySet
from .indicators import (
    ApprovedValueQuerySet,
    Indicator,
    IndicatorChildQuerySet,
    IndicatorQuerySet,
    IndicatorTarget,
    IndicatorValue,
)
from .resources import (
    PRINTED_TOTAL_FIELDS,
    STAFF_FIGURES,
    STAFF_GROUPS,
    FinancialLine,
    KeyFigure,
    ResourceQuerySet,
    StaffLine,
    StaffLineQuerySet,
    StaffTable,
    staff_totals,
)
from .series import (
    StatPoint,
    StatPointQuerySet,
    StatSeries,
    StatSeriesQuerySet,
    SurveyResponse,
    SurveyResponseQuerySet,
)

__all__ = [
    "PRINTED_TOTAL_FIELDS",
    "STAFF_FIGURES",
    "STAFF_GROUPS",
    "ApprovedValueQuerySet",
    "CrimeCategory",
    "CrimeCategoryQuerySet",
    "FinancialLine",
    "Indicator",
    "IndicatorChildQuerySet",
    "IndicatorQuerySet",
    "IndicatorTarget",
    "IndicatorValue",
    "KeyFigure",
    "ResourceQuerySet",
    "StaffLine",
    "StaffLineQuerySet",
    "StaffTable",
    "StatPoint",
    "StatPointQuerySet",
    "StatSeries",
    "StatSeriesQuerySet",
    "SurveyResponse",
    "SurveyResponseQuerySet",
    "staff_totals",
]
