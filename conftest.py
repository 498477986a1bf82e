"""Shared fixtures: zones, users with each role, and a plan with one of everything."""

import contextlib
import datetime
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from core.access import Role
from core.base import Protection
from plans.models import Plan
from stats.models import FinancialLine, StaffLine
from tests import factories as f


@pytest.fixture(scope="session", autouse=True)
def _media_root(tmp_path_factory):
    """Files the tests store (generated documents, imports) go to a temporary folder, never to ./media."""
    from django.test import override_settings

    override = override_settings(MEDIA_ROOT=str(tmp_path_factory.mktemp("media")))
    override.enable()
    yield
    override.disable()


@pytest.fixture(autouse=True)
def _fresh_cache():
    """The public pages and rate limits live in the cache, which outlives each test's rolled-back database.

    Tests run inside a transaction that never commits, so the invalidation on commit (public.signals) never runs:
    each test starts with an empty cache instead.
    """
    from django.core.cache import cache

    from public import cache as public_cache

    cache.clear()
    public_cache.reset_availability()
    yield
    with contextlib.suppress(Exception):  # a test that pointed the cache at a closed port
        cache.clear()


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """The default hasher costs ~0.5 s a user; tests need no real hashing strength."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _validation_errors(instance, method="full_clean", language="en"):
    """The errors *instance*.<method>() raises, as {field: [messages]} rendered in *language*; {} when valid."""
    with translation.override(language):
        try:
            getattr(instance, method)()
        except ValidationError as exc:
            return {field: [str(m) for m in messages] for field, messages in exc.message_dict.items()}
    return {}


@pytest.fixture
def validation_errors():
    return _validation_errors


def _constraint_message(model, name, language="en"):
    """A constraint's violation_error_message, rendered in *language*."""
    constraint = next(c for c in model._meta.constraints if c.name == name)
    with translation.override(language):
        return str(constraint.violation_error_message)


@pytest.fixture
def constraint_message():
    return _constraint_message


@pytest.fixture
def zone_a(db):
    return f.PoliceZoneFactory(name="PZ Alfa", slug="alfa")


@pytest.fixture
def zone_b(db):
    return f.PoliceZoneFactory(name="PZ Bravo", slug="bravo")


def _member(zone, role, username):
    user = f.UserFactory(username=username)
    f.ZoneMembershipFactory(user=user, zone=zone, role=role)
    return user


@pytest.fixture
def advisor(zone_a):
    """Policy advisor of zone A."""
    return _member(zone_a, Role.ADVISOR, "advisor_a")


@pytest.fixture
def council(zone_a):
    """Council member of zone A."""
    return _member(zone_a, Role.COUNCIL, "council_a")


@pytest.fixture
def chief(zone_a):
    """Korpschef of zone A."""
    return _member(zone_a, Role.CHIEF, "chief_a")


@pytest.fixture
def advisor_b(zone_b):
    """Policy advisor of zone B (and of nothing else)."""
    return _member(zone_b, Role.ADVISOR, "advisor_b")


@pytest.fixture
def members(advisor, council, chief):
    """Zone A's members by role."""
    return {Role.ADVISOR: advisor, Role.COUNCIL: council, Role.CHIEF: chief}


@pytest.fixture
def outsider(db):
    """Signed in, but member of no zone."""
    return f.UserFactory(username="outsider")


@pytest.fixture
def superuser(db):
    return f.UserFactory(username="admin", superuser=True)


@pytest.fixture
def draft_plan(zone_a):
    return f.PlanFactory(zone=zone_a, title="ZVP 2020-2025")


@pytest.fixture
def full_plan(zone_a, advisor, council, chief, superuser):
    """A published plan of zone A with at least one row of every model, all linked together."""
    zone = zone_a
    municipality = f.MunicipalityFactory(zone=zone, name="Aalst")
    sub_municipality = f.SubMunicipalityFactory(municipality=municipality, name="Baardegem")
    framework = f.FrameworkFactory(code="NVP", title="Nationaal Veiligheidsplan 2022-2025")
    group = f.GroupFactory(name="redactie")

    plan = f.PlanFactory(zone=zone, title="Zonaal veiligheidsplan Alfa", published=True)
    status_change = f.PlanStatusChangeFactory(
        plan=plan, from_status=Plan.Status.APPROVED, to_status=Plan.Status.PUBLISHED, changed_by=chief
    )
    value = f.PlanValueFactory(plan=plan, name="integer")
    chapter = f.ChapterFactory(plan=plan, title="Zonebeeld")
    expectation = f.StakeholderExpectationFactory(plan=plan, name="Burgemeester van Aalst")
    signatory = f.SignatoryFactory(plan=plan, name="A. Burgemeester", signed_on=datetime.date(2020, 1, 15))

    domain = f.DomainFactory(plan=plan, code="VL", name="Veiligheid en leefbaarheid")
    theme = f.ThemeFactory(plan=plan, name="Overlast")
    sub_theme = f.ThemeFactory(plan=plan, parent=theme, name="Bedelarij")
    priority = f.PriorityFactory(
        plan=plan,
        number=1,
        code="I 1",
        short_title="Verkeersveiligheid",
        domain=domain,
        theme=sub_theme,
        frameworks=[framework],
        stakeholder_expectations=[expectation],
    )

    action_plan = f.ActionPlanFactory(priority=priority, year=2021, title="Actieplan verkeer 2021")
    objective = f.ObjectiveFactory(action_plan=action_plan, title="Minder ongevallen")
    action = f.ActionFactory(
        objective=objective,
        title="Alcoholcontroles",
        start_date=datetime.date(2021, 1, 1),
        end_date=datetime.date(2021, 12, 31),
        planned_hours=Decimal("120"),
        budget=Decimal("5000"),
    )
    milestone = f.MilestoneFactory(action_plan=action_plan, title="Campagne gestart")

    crime_category = f.CrimeCategoryFactory(code="woninginbraak", name="Woninginbraak")
    series = f.StatSeriesFactory(
        zone=zone, municipality=municipality, kind="crime", crime_category=crime_category, name="Woninginbraken"
    )
    point = f.StatPointFactory(series=series, year=2021, value=Decimal("210"))
    survey_response = f.SurveyResponseFactory(zone=zone, survey="Veiligheidsmonitor", year=2021)

    indicator = f.IndicatorFactory(plan=plan, priority=priority, code="V1", name="Letselongevallen", series=series)
    target = f.IndicatorTargetFactory(indicator=indicator, year=2021, value=Decimal("100"))
    indicator_value = f.IndicatorValueFactory(
        indicator=indicator,
        year=2021,
        value=Decimal("95"),
        entered_by=advisor,
        approved_by=council,
        approved_at=timezone.now(),
    )

    staff_table = f.StaffTableFactory(plan=plan, title="Personeel 2024", printed_total=25)
    staff_line = f.StaffLineFactory(table=staff_table, label="Inspecteur", actual=20)
    staff_line_calog = f.StaffLineFactory(
        table=staff_table, category=StaffLine.Category.CALOG, label="Niveau A", actual=5
    )
    financial_line = f.FinancialLineFactory(
        plan=plan, year=2021, category=FinancialLine.Category.DOTATION, municipality=municipality, label="Dotatie"
    )
    key_figure = f.KeyFigureFactory(plan=plan, label="Inwoners", value_text="meer dan 80000", value=None)
    comment = f.CommentFactory(plan=plan, priority=priority, author=council)
    restricted_chapter = f.ChapterFactory(plan=plan, title="Interne analyse", protection=Protection.RESTRICTED)

    return SimpleNamespace(
        zone=zone,
        municipality=municipality,
        sub_municipality=sub_municipality,
        framework=framework,
        group=group,
        plan=plan,
        status_change=status_change,
        value=value,
        chapter=chapter,
        restricted_chapter=restricted_chapter,
        expectation=expectation,
        signatory=signatory,
        domain=domain,
        theme=theme,
        sub_theme=sub_theme,
        priority=priority,
        action_plan=action_plan,
        objective=objective,
        action=action,
        milestone=milestone,
        crime_category=crime_category,
        series=series,
        point=point,
        survey_response=survey_response,
        indicator=indicator,
        target=target,
        indicator_value=indicator_value,
        staff_table=staff_table,
        staff_line=staff_line,
        staff_line_calog=staff_line_calog,
        financial_line=financial_line,
        key_figure=key_figure,
        comment=comment,
        users=SimpleNamespace(advisor=advisor, council=council, chief=chief, superuser=superuser),
    )


# --- REST API (tests/api/) ------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def api_world(django_db_setup, django_db_blocker):
    """tests/api/world.py's zone A with a published and a draft plan and a user in every role.

    Built once per module inside a transaction rolled back at the module's end; each test that also asks
    for ``db`` runs in a savepoint of it, so its writes vanish after it.
    """
    from django.db import transaction
    from django.test import override_settings

    from tests.api.world import build_world

    hashers = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=hashers), transaction.atomic():
        yield build_world()
        transaction.set_rollback(True)


@pytest.fixture
def api_client_for(api_world, db):
    """api_client_for("advisor_a"): a DRF test client signed in as one of the world's users."""
    from rest_framework.test import APIClient

    def make(user_name):
        client = APIClient()
        user = api_world.users[user_name]
        if user.is_authenticated:
            client.force_authenticate(user)
        return client

    return make
