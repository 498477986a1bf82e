"""Indicators, statistics, staff tables and the financial plan: constraints, validation and totals."""

import datetime
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from stats.finance import financial_totals
from stats.models import (
    FinancialLine,
    Indicator,
    IndicatorValue,
    StaffLine,
    StatSeries,
    staff_totals,
)
from tests import factories as f

pytestmark = pytest.mark.django_db

OPERATIONAL = StaffLine.Category.OPERATIONAL
CALOG = StaffLine.Category.CALOG


# --- Database constraints -------------------------------------------------------------------------------------------


def test_one_value_per_indicator_and_year():
    value = f.IndicatorValueFactory(year=2021)
    f.IndicatorValueFactory(indicator=value.indicator, year=2022)
    with pytest.raises(IntegrityError), transaction.atomic():
        f.IndicatorValueFactory(indicator=value.indicator, year=2021)


def test_one_target_per_indicator_and_year():
    target = f.IndicatorTargetFactory(year=2021)
    f.IndicatorTargetFactory(indicator=target.indicator, year=2022)
    with pytest.raises(IntegrityError), transaction.atomic():
        f.IndicatorTargetFactory(indicator=target.indicator, year=2021)


@pytest.mark.parametrize(
    ("year", "value"), [(2019, None), (None, Decimal("12"))], ids=["year-without-value", "value-without-year"]
)
def test_indicator_baseline_year_and_value_go_together(year, value):
    with (
        pytest.raises(IntegrityError, match="indicator_baseline_year_and_value_together"),
        transaction.atomic(),
    ):
        f.IndicatorFactory(baseline_year=year, baseline_value=value)


def test_indicator_with_a_full_baseline_is_accepted():
    indicator = f.IndicatorFactory(baseline_year=2019, baseline_value=Decimal("12"))
    assert Indicator.objects.filter(pk=indicator.pk, baseline_year=2019).exists()


@pytest.mark.parametrize("margin", [Decimal("100.01"), Decimal("-0.01")])
def test_at_risk_margin_is_a_percentage(margin):
    with pytest.raises(IntegrityError, match="indicator_margin_between_0_and_100"), transaction.atomic():
        f.IndicatorFactory(at_risk_margin=margin)


@pytest.mark.parametrize("margin", [Decimal("0"), Decimal("100")])
def test_at_risk_margin_bounds_are_allowed(margin):
    assert f.IndicatorFactory(at_risk_margin=margin).pk


def test_statpoint_value_cannot_be_negative():
    with pytest.raises(IntegrityError, match="statpoint_value_not_negative"), transaction.atomic():
        f.StatPointFactory(value=Decimal("-1"))


def test_one_statpoint_per_series_and_year():
    point = f.StatPointFactory(year=2020)
    f.StatPointFactory(series=point.series, year=2021)
    with pytest.raises(IntegrityError), transaction.atomic():
        f.StatPointFactory(series=point.series, year=2020)


def test_crime_series_needs_a_category():
    with pytest.raises(IntegrityError, match="series_crime_has_category"), transaction.atomic():
        f.StatSeriesFactory(kind=StatSeries.Kind.CRIME, crime_category=None)
    assert f.StatSeriesFactory(crime=True).crime_category_id


# Issue 13: accidents and victims are two measures (accidents by type, victims by severity), no longer one
# severity axis on accidents; the old constraint "series_accidents_have_severity" became these two.
def test_accident_series_needs_a_type_and_victims_a_severity():
    with pytest.raises(IntegrityError, match="series_accidents_have_type"), transaction.atomic():
        f.StatSeriesFactory(kind=StatSeries.Kind.ACCIDENTS, accident_type="")
    with pytest.raises(IntegrityError, match="series_victims_have_severity"), transaction.atomic():
        f.StatSeriesFactory(kind=StatSeries.Kind.VICTIMS, severity="")
    assert f.StatSeriesFactory(accidents=True).accident_type == StatSeries.AccidentType.INJURY
    assert f.StatSeriesFactory(victims=True).severity == StatSeries.Severity.INJURED


def test_series_name_is_unique_per_zone_and_per_municipality():
    series = f.StatSeriesFactory(name="Woninginbraak")
    municipality = f.MunicipalityFactory(zone=series.zone)
    f.StatSeriesFactory(zone=series.zone, municipality=municipality, name="Woninginbraak")  # per municipality: fine
    with pytest.raises(IntegrityError), transaction.atomic():
        f.StatSeriesFactory(zone=series.zone, name="Woninginbraak")
    with pytest.raises(IntegrityError), transaction.atomic():
        f.StatSeriesFactory(zone=series.zone, municipality=municipality, name="Woninginbraak")


def test_only_a_dotation_names_a_municipality():
    municipality = f.MunicipalityFactory()
    plan = f.PlanFactory(zone=municipality.zone)
    f.FinancialLineFactory(plan=plan, category=FinancialLine.Category.DOTATION, municipality=municipality)
    with pytest.raises(IntegrityError, match="financialline_municipality_only_for_dotation"), transaction.atomic():
        f.FinancialLineFactory(plan=plan, category=FinancialLine.Category.PERSONNEL, municipality=municipality)


def test_financial_amount_cannot_be_negative():
    with pytest.raises(IntegrityError, match="financialline_amount_not_negative"), transaction.atomic():
        f.FinancialLineFactory(amount=Decimal("-5"))


def test_staff_line_label_is_unique_per_table_and_category():
    line = f.StaffLineFactory(label="Inspecteur")
    f.StaffLineFactory(table=line.table, category=CALOG, label="Inspecteur")  # other category: fine
    with pytest.raises(IntegrityError), transaction.atomic():
        f.StaffLineFactory(table=line.table, category=OPERATIONAL, label="Inspecteur")


def test_staff_line_fte_cannot_be_negative():
    with pytest.raises(IntegrityError, match="staffline_fte_not_negative"), transaction.atomic():
        f.StaffLineFactory(fte=Decimal("-0.5"))


def test_crime_category_cannot_be_its_own_parent():
    category = f.CrimeCategoryFactory()
    category.parent = category
    with pytest.raises(IntegrityError, match="crimecategory_not_own_parent"), transaction.atomic():
        category.save()


# --- Validation -----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("factory", [f.IndicatorValueFactory, f.IndicatorTargetFactory], ids=["value", "target"])
def test_value_and_target_year_must_lie_in_the_plan_period(validation_errors, factory):
    indicator = f.IndicatorFactory(plan=f.PlanFactory(period_start=2020, period_end=2025))
    for year in (2019, 2026):
        row = factory.build(indicator=indicator, year=year)
        assert validation_errors(row) == {"year": ["The year must lie within the plan's period 2020-2025."]}
    for year in (2020, 2025):
        assert validation_errors(factory.build(indicator=indicator, year=year)) == {}


def test_baseline_year_outside_the_period_is_not_a_yearly_value(validation_errors):
    """The baseline lives on the indicator itself; a yearly value for that year is refused."""
    indicator = f.IndicatorFactory(
        plan=f.PlanFactory(period_start=2020, period_end=2025), baseline_year=2019, baseline_value=Decimal("80")
    )
    value = f.IndicatorValueFactory.build(indicator=indicator, year=2019)
    assert validation_errors(value) == {"year": ["The year must lie within the plan's period 2020-2025."]}


def test_duplicate_value_and_target_messages(validation_errors, constraint_message):
    value = f.IndicatorValueFactory(year=2021)
    target = f.IndicatorTargetFactory(indicator=value.indicator, year=2021)
    assert validation_errors(f.IndicatorValueFactory.build(indicator=value.indicator, year=2021)) == {
        "__all__": ["This indicator already has a value for this year."]
    }
    assert validation_errors(f.IndicatorTargetFactory.build(indicator=target.indicator, year=2021)) == {
        "__all__": ["This indicator already has a target for this year."]
    }
    assert validation_errors(f.IndicatorValueFactory.build(indicator=value.indicator, year=2021), language="nl") == {
        "__all__": [constraint_message(IndicatorValue, "indicatorvalue_one_per_year", "nl")]
    }


def test_indicator_constraint_messages(validation_errors, constraint_message):
    plan = f.PlanFactory()
    no_value = f.IndicatorFactory.build(plan=plan, baseline_year=2019, baseline_value=None)
    assert validation_errors(no_value, "validate_constraints") == {
        "__all__": ["Give the baseline's year and value together, or neither."]
    }
    too_wide = f.IndicatorFactory.build(plan=plan, at_risk_margin=Decimal("150"))
    assert validation_errors(too_wide, "validate_constraints") == {
        "__all__": ["The at-risk margin is a percentage between 0 and 100."]
    }
    assert validation_errors(too_wide, "validate_constraints", "nl") == {
        "__all__": [constraint_message(Indicator, "indicator_margin_between_0_and_100", "nl")]
    }
    # full_clean also reports the field validator on the margin itself.
    assert "at_risk_margin" in validation_errors(too_wide)


def test_statistics_constraint_messages(validation_errors, constraint_message):
    crime = f.StatSeriesFactory.build(zone=f.PoliceZoneFactory(), kind=StatSeries.Kind.CRIME)
    assert validation_errors(crime, "validate_constraints") == {"__all__": ["A crime series needs a crime category."]}
    accidents = f.StatSeriesFactory.build(zone=f.PoliceZoneFactory(), kind=StatSeries.Kind.ACCIDENTS)
    assert validation_errors(accidents, "validate_constraints", "nl") == {
        "__all__": [constraint_message(StatSeries, "series_accidents_have_type", "nl")]
    }
    negative = f.StatPointFactory.build(series=f.StatSeriesFactory(), value=Decimal("-1"))
    assert validation_errors(negative, "validate_constraints") == {
        "__all__": ["A statistical figure cannot be negative."]
    }


def test_financial_line_municipality_message(validation_errors):
    municipality = f.MunicipalityFactory()
    line = f.FinancialLineFactory.build(
        plan=f.PlanFactory(zone=municipality.zone), category=FinancialLine.Category.INCOME, municipality=municipality
    )
    assert validation_errors(line, "validate_constraints") == {
        "__all__": ["Only a municipal dotation names a municipality."]
    }


def test_financial_line_municipality_of_another_zone_is_refused(validation_errors):
    line = f.FinancialLineFactory.build(
        plan=f.PlanFactory(), category=FinancialLine.Category.DOTATION, municipality=f.MunicipalityFactory()
    )
    assert validation_errors(line) == {"municipality": ["The municipality belongs to another zone."]}


def test_staff_line_duplicate_message(validation_errors):
    line = f.StaffLineFactory(label="Commissaris")
    duplicate = f.StaffLineFactory.build(table=line.table, category=line.category, label="Commissaris")
    assert validation_errors(duplicate, "validate_constraints") == {
        "__all__": ["This table already has a line with this rank or level."]
    }


def test_series_municipality_of_another_zone_is_refused(validation_errors):
    series = f.StatSeriesFactory.build(zone=f.PoliceZoneFactory(), municipality=f.MunicipalityFactory())
    assert validation_errors(series) == {"municipality": ["The municipality belongs to another zone."]}
    series.municipality = f.MunicipalityFactory(zone=series.zone)
    assert validation_errors(series) == {}


def test_indicator_priority_of_another_plan_is_refused(validation_errors):
    indicator = f.IndicatorFactory.build(plan=f.PlanFactory(), priority=f.PriorityFactory())
    assert validation_errors(indicator) == {"priority": ["The priority belongs to another plan."]}
    indicator.priority = f.PriorityFactory(plan=indicator.plan)
    assert validation_errors(indicator) == {}


def test_indicator_series_of_another_zone_is_refused(validation_errors):
    indicator = f.IndicatorFactory.build(plan=f.PlanFactory(), series=f.StatSeriesFactory())
    assert validation_errors(indicator) == {"series": ["The series belongs to another zone."]}
    indicator.series = f.StatSeriesFactory(zone=indicator.plan.zone)
    assert validation_errors(indicator) == {}


# --- Staff table totals ---------------------------------------------------------------------------------------------


def test_staff_totals_per_category_and_overall():
    table = f.StaffTableFactory()
    f.StaffLineFactory(table=table, category=OPERATIONAL, label="INP", actual=40, fte=Decimal("38.5"), authorised=45)
    f.StaffLineFactory(table=table, category=OPERATIONAL, label="HINP", actual=10, fte=Decimal("9.8"), authorised=None)
    f.StaffLineFactory(table=table, category=CALOG, label="Niveau C", actual=7, fte=None, authorised=None)
    f.StaffLineFactory(table=f.StaffTableFactory(plan=table.plan, reference_date=datetime.date(2024, 1, 1)))

    assert table.totals() == {
        "operational": {"actual": 50, "fte": Decimal("48.3"), "authorised": 45},
        "calog": {"actual": 7, "fte": None, "authorised": None},
        "total": {"actual": 57, "fte": Decimal("48.3"), "authorised": 45},
    }


def test_staff_totals_are_none_not_zero_where_no_line_has_a_figure():
    table = f.StaffTableFactory()
    f.StaffLineFactory(table=table, category=CALOG, label="Niveau A", actual=None, fte=None, authorised=3)
    f.StaffLineFactory(table=table, category=CALOG, label="Niveau B", actual=None, fte=None, authorised=None)
    totals = table.totals()
    assert totals["calog"] == {"actual": None, "fte": None, "authorised": 3}
    assert totals["total"] == {"actual": None, "fte": None, "authorised": 3}
    assert "operational" not in totals


def test_staff_totals_of_an_empty_table():
    assert f.StaffTableFactory().totals() == {"total": {"actual": None, "fte": None, "authorised": None}}


def test_staff_total_zero_headcount_is_zero_not_none():
    table = f.StaffTableFactory()
    f.StaffLineFactory(table=table, actual=0, fte=Decimal("0"), authorised=0)
    assert table.totals()["total"] == {"actual": 0, "fte": Decimal("0"), "authorised": 0}


def test_staff_totals_of_given_lines_name_every_category():
    """The dashboards and the API sum the lines a user may see, and show every category, empty or not."""
    table = f.StaffTableFactory()
    shown = f.StaffLineFactory(
        table=table, category=CALOG, label="Niveau C", actual=7, fte=Decimal("6.5"), authorised=None
    )
    f.StaffLineFactory(table=table, category=OPERATIONAL, label="INP", actual=40)  # not among the lines given
    assert staff_totals([shown]) == {
        "operational": {"actual": None, "fte": None, "authorised": None},
        "calog": {"actual": 7, "fte": Decimal("6.5"), "authorised": None},
        "total": {"actual": 7, "fte": Decimal("6.5"), "authorised": None},
    }
    assert staff_totals([], every_category=False) == {"total": {"actual": None, "fte": None, "authorised": None}}


def test_staff_totals_of_prefetched_lines_take_no_query(django_assert_num_queries):
    table = f.StaffTableFactory()
    f.StaffLineFactory(table=table, category=OPERATIONAL, label="INP", actual=40)
    f.StaffLineFactory(table=table, category=CALOG, label="Niveau C", actual=7)
    with django_assert_num_queries(2):
        (table,) = type(table).objects.filter(pk=table.pk).prefetch_related("lines")
    with django_assert_num_queries(0):
        assert table.totals()["total"]["actual"] == 47
        assert staff_totals(table.lines.all())["total"]["actual"] == 47


@pytest.mark.parametrize(
    ("printed", "disagrees"), [(None, False), (57, False), (58, True), (0, True)], ids=["none", "equal", "more", "zero"]
)
def test_printed_total_disagreement(printed, disagrees):
    table = f.StaffTableFactory(printed_total=printed)
    f.StaffLineFactory(table=table, category=OPERATIONAL, label="INP", actual=50)
    f.StaffLineFactory(table=table, category=CALOG, label="Niveau C", actual=7)
    assert table.total_disagrees is disagrees


def test_printed_authorised_total_is_compared_with_the_authorised_strength():
    # Issue 13: every printed total is stored per column; the printed headcount is no longer compared with the
    # authorised strength when no line has a headcount (the printed authorised total has its own field).
    table = f.StaffTableFactory(printed_total_authorised=20)
    f.StaffLineFactory(table=table, label="INP", actual=None, authorised=12)
    f.StaffLineFactory(table=table, label="HINP", actual=None, authorised=8)
    assert table.total_disagrees is False
    table.printed_total_authorised = 21
    assert table.total_disagrees is True


# --- Financial totals -----------------------------------------------------------------------------------------------


def test_financial_totals_add_up_like_lines_only():
    # Issue 13: the former per-year income, expense and balance ("Saldo") added up unlike lines into a figure no
    # plan states; the totals are now per year, kind and category, each marked computed.
    plan = f.PlanFactory()
    municipality = f.MunicipalityFactory(zone=plan.zone)
    C, K = FinancialLine.Category, FinancialLine.Kind

    def line(year, category, amount, kind=K.BUDGET, **kwargs):
        f.FinancialLineFactory(plan=plan, year=year, category=category, amount=Decimal(amount), kind=kind, **kwargs)

    line(2021, C.INCOME, "1000")
    line(2021, C.DOTATION, "5000", municipality=municipality)
    line(2021, C.DOTATION, "2500")
    line(2021, C.PERSONNEL, "6000")
    line(2021, C.OTHER_EXPENSE, "100", kind=K.ACTUAL)
    line(2022, C.PERSONNEL, "7000", kind=K.FORECAST)
    line(2022, C.PERSONNEL, "7100", kind=K.PROGNOSIS)
    f.FinancialLineFactory(year=2021, category=C.INCOME, amount=Decimal("99999"))  # another plan

    def total(year, kind, category, amount, count=1):
        return {
            "year": year, "kind": kind, "category": category, "total": Decimal(amount), "line_count": count,
            "computed": True,
        }  # fmt: skip

    assert financial_totals(plan) == [
        total(2021, "budget", "income", "1000"),
        total(2021, "budget", "dotation", "7500", 2),
        total(2021, "budget", "personnel", "6000"),
        total(2021, "actual", "other_expense", "100"),
        total(2022, "forecast", "personnel", "7000"),
        total(2022, "prognosis", "personnel", "7100"),
    ]
    assert not any("balance" in t or "income" in t for t in financial_totals(plan))


def test_financial_totals_of_a_plan_without_lines():
    assert financial_totals(f.PlanFactory()) == []


def test_financial_totals_take_one_query(django_assert_num_queries):
    plan = f.PlanFactory()
    for year in (2020, 2021, 2022):
        f.FinancialLineFactory(plan=plan, year=year, category=FinancialLine.Category.INCOME)
        f.FinancialLineFactory(plan=plan, year=year, category=FinancialLine.Category.PERSONNEL)
    with django_assert_num_queries(1):
        totals = financial_totals(plan)
    assert sorted({t["year"] for t in totals}) == [2020, 2021, 2022]
