"""Zones, municipalities and plans: database constraints, validation and computed values."""

import datetime
from decimal import Decimal

import pytest
from django.apps import apps
from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import translation
from django.utils.translation import gettext

from plans.models import Plan
from tests import factories as f
from zones.models import Municipality

pytestmark = pytest.mark.django_db


# --- Database constraints -------------------------------------------------------------------------------------------


def test_plan_period_may_be_a_single_year():
    plan = f.PlanFactory(period_start=2024, period_end=2024)
    assert list(plan.years) == [2024]


def test_plan_period_start_after_end_is_refused_by_the_database():
    with pytest.raises(IntegrityError, match="plan_period_start_lte_end"), transaction.atomic():
        f.PlanFactory(period_start=2026, period_end=2025)


@pytest.mark.parametrize("kind", [Plan.Kind.ADDENDUM, Plan.Kind.REVISION])
def test_addendum_or_revision_without_extends_is_refused(kind):
    with pytest.raises(IntegrityError, match="plan_extension_names_its_plan"), transaction.atomic():
        f.PlanFactory(kind=kind, extends=None)


@pytest.mark.parametrize("kind", [Plan.Kind.ADDENDUM, Plan.Kind.REVISION])
def test_addendum_or_revision_naming_its_plan_is_accepted(kind):
    base = f.PlanFactory()
    extension = f.PlanFactory(zone=base.zone, kind=kind, extends=base)
    assert list(base.extensions.all()) == [extension]


def test_plan_cannot_extend_itself_in_the_database():
    plan = f.PlanFactory()
    plan.kind = Plan.Kind.ADDENDUM
    plan.extends = plan
    with pytest.raises(IntegrityError, match="plan_does_not_extend_itself"), transaction.atomic():
        plan.save()


def test_nis_code_is_unique():
    f.MunicipalityFactory(nis_code="44021")
    with pytest.raises(IntegrityError), transaction.atomic():
        f.MunicipalityFactory(nis_code="44021")


def test_municipality_name_is_unique_within_a_zone_only():
    first = f.MunicipalityFactory(name="Merelbeke")
    f.MunicipalityFactory(name="Merelbeke")  # another zone: fine
    with pytest.raises(IntegrityError), transaction.atomic():
        f.MunicipalityFactory(zone=first.zone, name="Merelbeke")


def test_a_user_holds_a_role_in_a_zone_once():
    membership = f.ZoneMembershipFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        f.ZoneMembershipFactory(user=membership.user, zone=membership.zone, role=membership.role)


# --- Model validation -----------------------------------------------------------------------------------------------


def test_plan_period_constraint_message_in_validation(validation_errors, constraint_message):
    plan = f.PlanFactory.build(zone=f.PoliceZoneFactory(), period_start=2026, period_end=2025)
    assert validation_errors(plan, "validate_constraints") == {
        "__all__": ["The first year of the period cannot come after the last year."]
    }
    # In Dutch (the default language) the error carries the constraint's translated message.
    assert validation_errors(plan, "validate_constraints", "nl") == {
        "__all__": [constraint_message(Plan, "plan_period_start_lte_end", "nl")]
    }


def test_constraint_messages_are_translated(validation_errors):
    if not (settings.LOCALE_PATHS[0] / "nl" / "LC_MESSAGES" / "django.mo").exists():
        pytest.skip("translations not compiled (make messages)")
    plan = f.PlanFactory.build(zone=f.PoliceZoneFactory(), period_start=2026, period_end=2025)
    english = validation_errors(plan, "validate_constraints", "en")["__all__"]
    dutch = validation_errors(plan, "validate_constraints", "nl")["__all__"]
    french = validation_errors(plan, "validate_constraints", "fr")["__all__"]
    assert len({english[0], dutch[0], french[0]}) == 3
    with translation.override("nl"):
        assert dutch == [gettext("The first year of the period cannot come after the last year.")]


def test_extension_without_plan_message_in_validation(validation_errors, constraint_message):
    plan = f.PlanFactory.build(zone=f.PoliceZoneFactory(), kind=Plan.Kind.ADDENDUM)
    assert validation_errors(plan) == {"__all__": ["An addendum or revision must name the plan it extends."]}
    assert validation_errors(plan, language="nl") == {
        "__all__": [constraint_message(Plan, "plan_extension_names_its_plan", "nl")]
    }


def test_valid_plan_passes_full_clean(validation_errors):
    base = f.PlanFactory(council_approved_on=datetime.date(2020, 1, 10))
    revision = f.PlanFactory.build(
        zone=base.zone,
        kind=Plan.Kind.REVISION,
        extends=base,
        council_approved_on=datetime.date(2021, 3, 1),
        minister_approved_on=datetime.date(2021, 3, 1),
    )
    assert validation_errors(revision) == {}


def test_plan_cannot_extend_a_plan_of_another_zone(validation_errors):
    base = f.PlanFactory()
    addendum = f.PlanFactory.build(zone=f.PoliceZoneFactory(), kind=Plan.Kind.ADDENDUM, extends=base)
    assert validation_errors(addendum) == {"extends": ["A plan can only extend a plan of the same zone."]}


def test_plan_extending_itself_fails_validation_on_extends(validation_errors):
    plan = f.PlanFactory(kind=Plan.Kind.ZVP)
    plan.kind = Plan.Kind.ADDENDUM
    plan.extends = plan
    assert validation_errors(plan)["extends"] == ["A plan cannot extend itself."]


def test_ministerial_approval_cannot_precede_council_approval(validation_errors):
    plan = f.PlanFactory.build(
        zone=f.PoliceZoneFactory(),
        council_approved_on=datetime.date(2020, 3, 1),
        minister_approved_on=datetime.date(2020, 2, 28),
    )
    assert validation_errors(plan) == {
        "minister_approved_on": ["Ministerial approval cannot precede the council's approval."]
    }
    plan.minister_approved_on = datetime.date(2020, 3, 1)  # the same day is fine
    assert validation_errors(plan) == {}


def test_municipality_population_needs_its_date(validation_errors):
    municipality = f.MunicipalityFactory.build(zone=f.PoliceZoneFactory(), population=12000, population_date=None)
    assert validation_errors(municipality) == {"population_date": ["Give the date the population figure refers to."]}
    municipality.population_date = datetime.date(2024, 1, 1)
    assert validation_errors(municipality) == {}


def test_municipality_without_population_needs_no_date(validation_errors):
    municipality = f.MunicipalityFactory.build(zone=f.PoliceZoneFactory(), population=None, population_date=None)
    assert validation_errors(municipality) == {}


@pytest.mark.parametrize("nis_code", ["4402", "440211", "4402a", "44 02", "ABCDE"])
def test_nis_code_has_exactly_five_digits(validation_errors, nis_code):
    municipality = f.MunicipalityFactory.build(zone=f.PoliceZoneFactory(), nis_code=nis_code)
    assert "A NIS code has exactly five digits." in validation_errors(municipality)["nis_code"]


def test_five_digit_nis_code_is_valid(validation_errors):
    municipality = f.MunicipalityFactory.build(zone=f.PoliceZoneFactory(), nis_code="04021")
    assert validation_errors(municipality) == {}


def test_duplicate_municipality_name_message_in_validation(validation_errors, constraint_message):
    existing = f.MunicipalityFactory(name="Melle")
    duplicate = f.MunicipalityFactory.build(zone=existing.zone, name="Melle")
    assert validation_errors(duplicate, "validate_constraints") == {
        "__all__": ["This zone already has a municipality with this name."]
    }
    assert validation_errors(duplicate, "validate_constraints", "nl") == {
        "__all__": [constraint_message(Municipality, "municipality_unique_name_in_zone", "nl")]
    }


# --- Computed values ------------------------------------------------------------------------------------------------


def test_zone_population_is_the_sum_of_its_municipalities():
    zone = f.PoliceZoneFactory()
    f.MunicipalityFactory(zone=zone, population=1000)
    f.MunicipalityFactory(zone=zone, population=2500)
    f.MunicipalityFactory(population=99999)  # another zone
    assert zone.population == 3500


def test_zone_population_is_none_when_unknown():
    zone = f.PoliceZoneFactory()
    assert zone.population is None
    f.MunicipalityFactory(zone=zone, population=None, population_date=None)
    assert zone.population is None


def test_zone_area_falls_back_to_the_municipalities():
    zone = f.PoliceZoneFactory(area_km2=None)
    f.MunicipalityFactory(zone=zone, area_km2=Decimal("10.25"))
    f.MunicipalityFactory(zone=zone, area_km2=Decimal("4.50"))
    assert zone.total_area_km2 == Decimal("14.75")
    zone.area_km2 = Decimal("20.00")
    assert zone.total_area_km2 == Decimal("20.00")


def test_zone_area_is_none_without_any_figure():
    zone = f.PoliceZoneFactory(area_km2=None)
    assert zone.total_area_km2 is None


def test_plan_years_and_flags():
    plan = f.PlanFactory(period_start=2020, period_end=2025)
    assert list(plan.years) == [2020, 2021, 2022, 2023, 2024, 2025]
    assert not plan.is_public
    assert not plan.is_frozen
    plan.status = Plan.Status.ARCHIVED
    assert plan.is_public
    assert plan.is_frozen
    plan.status = Plan.Status.APPROVED
    assert not plan.is_public
    assert plan.is_frozen


def test_string_representations():
    zone = f.PoliceZoneFactory(name="PZ Gent", number=5415)
    assert str(zone) == "PZ Gent (5415)"
    plan = f.PlanFactory(zone=zone, title="ZVP", period_start=2020, period_end=2025)
    assert str(plan) == "PZ Gent: ZVP (2020-2025)"
    assert str(f.MunicipalityFactory(zone=zone, name="Gent", nis_code="44021")) == "Gent (44021)"
    assert str(f.FrameworkFactory(code="KIV", title="KIV")) == "KIV"
    assert str(f.FrameworkFactory(code="NVP", title="Nationaal Veiligheidsplan")) == "NVP – Nationaal Veiligheidsplan"


def test_every_row_of_full_plan_is_valid(full_plan, validation_errors):
    """The factories and the shared fixture build rows that pass the models' own validation."""
    checked = 0
    for app_label in ("zones", "plans", "priorities", "actionplans", "stats", "comments"):
        for model in apps.get_app_config(app_label).get_models():
            if model.__name__.startswith("Historical"):
                continue
            for obj in model._default_manager.all():
                assert validation_errors(obj) == {}, f"{model.__name__} {obj.pk}"
                checked += 1
    assert checked >= 28
