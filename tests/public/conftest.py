"""Fixtures of the public portal's tests: a published plan beside everything that must never reach citizens."""

import datetime
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.core.cache import cache

from core.base import Protection
from documents.models import Document
from plans.models import Plan
from tests import factories as f
from tests.public.documents import make_document


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _empty_cache():
    """The public pages are cached in process memory, which outlives each test's database rollback."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def document_factory():
    return make_document


@pytest.fixture
def world(full_plan, advisor_b):
    """``full_plan`` (published, zone A) plus, marked with words that must never show, what citizens may not see."""
    plan = full_plan.plan
    zone = full_plan.zone
    # Public content, to be found.
    plan.foreword = "Wij werken aan fietsdiefstallen en verkeersveiligheid in de zone."
    plan.save()
    full_plan.priority.rationale = "Fietsdiefstallen nemen toe in de stationsbuurt."
    full_plan.priority.save()
    f.IndicatorTargetFactory(indicator=full_plan.indicator, year=2022, value=Decimal("90"))
    public_document = make_document(plan)
    annual_report = make_document(plan, kind=Document.Kind.ANNUAL_REPORT, year=2021, size=1_100_000)

    # What never reaches citizens.
    draft = f.PlanFactory(zone=zone, title="GEHEIMONTWERP plan", period_start=2026, period_end=2031)
    f.ChapterFactory(plan=draft, title="GEHEIMONTWERP hoofdstuk", body="<p>GEHEIMONTWERP tekst</p>")
    draft_priority = f.PriorityFactory(plan=draft, number=1, short_title="GEHEIMONTWERP prioriteit")
    revision = f.PlanFactory(
        zone=zone, title="ONGEPUBLICEERD herzien plan", kind=Plan.Kind.REVISION, extends=plan, status="approved"
    )
    f.PriorityFactory(plan=revision, number=1, short_title="ONGEPUBLICEERD prioriteit", rationale="ONGEPUBLICEERD")
    restricted_priority = f.PriorityFactory(
        plan=plan,
        number=2,
        short_title="VERTROUWELIJK prioriteit",
        rationale="fietsdiefstallen VERTROUWELIJK",
        protection=Protection.RESTRICTED,
        domain=full_plan.domain,
    )
    f.IndicatorFactory(plan=plan, priority=restricted_priority, name="VERTROUWELIJK indicator, beperkte prioriteit")
    restricted_indicator = f.IndicatorFactory(
        plan=plan, priority=full_plan.priority, name="VERTROUWELIJK indicator", protection=Protection.RESTRICTED
    )
    f.IndicatorValueFactory(indicator=restricted_indicator, year=2021, value=Decimal("5"), approved=True)
    unapproved = f.IndicatorValueFactory(indicator=full_plan.indicator, year=2022, value=Decimal("777.77"))
    full_plan.restricted_chapter.title = "VERTROUWELIJK hoofdstuk"
    full_plan.restricted_chapter.body = "<p>VERTROUWELIJK fietsdiefstallen</p>"
    full_plan.restricted_chapter.save()
    f.StakeholderExpectationFactory(
        plan=plan, name="VERTROUWELIJK persoon", expectations="VERTROUWELIJK", protection=Protection.RESTRICTED
    )
    f.SignatoryFactory(plan=plan, name="VERTROUWELIJK ondertekenaar", protection=Protection.RESTRICTED)
    internal_document = make_document(plan, protection=Protection.RESTRICTED)
    draft_document = make_document(draft, made_from_status=Plan.Status.DRAFT)
    failed_document = make_document(plan, kind=Document.Kind.ANNUAL_REPORT, year=2022, status="failed")
    # A yearly action plan still in draft: the zone's work in progress, not yet for citizens.
    draft_action_plan = f.ActionPlanFactory(
        priority=full_plan.priority, year=2022, title="ONGEPUBLICEERD actieplan", status="draft"
    )
    f.MilestoneFactory(action_plan=draft_action_plan, title="ONGEPUBLICEERD mijlpaal")
    f.ActionFactory(
        objective=f.ObjectiveFactory(action_plan=draft_action_plan, title="ONGEPUBLICEERD doelstelling"),
        title="ONGEPUBLICEERD actie",
    )
    other_zone_plan = f.PlanFactory(zone=advisor_b.zone_memberships.first().zone, title="ONTWERP van zone B")
    return SimpleNamespace(
        full=full_plan,
        plan=plan,
        zone=zone,
        priority=full_plan.priority,
        indicator=full_plan.indicator,
        public_document=public_document,
        annual_report=annual_report,
        draft=draft,
        draft_priority=draft_priority,
        revision=revision,
        restricted_priority=restricted_priority,
        restricted_indicator=restricted_indicator,
        unapproved=unapproved,
        internal_document=internal_document,
        draft_document=draft_document,
        failed_document=failed_document,
        other_zone_plan=other_zone_plan,
        today=datetime.date.today(),
    )
