"""The stats app's models, by topic: statistical series, indicators, resources (staff, finances, key figures).

Totals are always computed from their lines. Where a document prints a total,
it is kept as ``printed_total`` only to show where the two disagree.
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
    STAFF_FIGURES,
    FinancialLine,
    KeyFigure,
    ResourceQuerySet,
    StaffLine,
    StaffLineQuerySet,
    StaffTable,
    financial_totals,
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
    "STAFF_FIGURES",
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
    "financial_totals",
    "staff_totals",
]
