"""Issue 13: the zone's korpschef and kind, the plan's validity and theme-council dates, chapter kinds and the
document's order (plans.outline), signatories copied into a revision with their rank."""

import datetime

import pytest

from plans.models import Chapter, Plan, Signatory
from plans.outline import outline
from plans.services import create_revision
from tests import factories as f
from zones.models import PoliceZone

pytestmark = pytest.mark.django_db
K = Chapter.Kind


def test_a_zone_stores_its_korpschef_and_kind(zone_a, validation_errors):
    zone_a.korpschef = "Jean-Paul Mouchaers"
    zone_a.kind = PoliceZone.Kind.MULTI
    zone_a.full_clean()
    zone_a.save()
    zone_a.refresh_from_db()
    assert (zone_a.korpschef, zone_a.get_kind_display()) == ("Jean-Paul Mouchaers", "meergemeentezone")
    zone_a.kind = "triple"
    assert "kind" in validation_errors(zone_a)


def test_the_zone_population_date_is_the_latest_reference_date(zone_a):
    assert zone_a.population_date is None
    f.MunicipalityFactory(zone=zone_a, population=100, population_date=datetime.date(2019, 1, 1))
    f.MunicipalityFactory(zone=zone_a, population=200, population_date=datetime.date(2020, 1, 1))
    assert zone_a.population == 300
    assert zone_a.population_date == datetime.date(2020, 1, 1)


def test_a_plan_stores_its_validity_and_theme_council_dates(draft_plan):
    draft_plan.valid_from = datetime.date(2020, 1, 1)
    draft_plan.themes_chosen_on = datetime.date(2019, 6, 20)
    draft_plan.full_clean()
    draft_plan.save()
    draft_plan.refresh_from_db()
    assert draft_plan.valid_from == datetime.date(2020, 1, 1)
    assert draft_plan.themes_chosen_on == datetime.date(2019, 6, 20)
    assert draft_plan.council_approved_on is None and draft_plan.minister_approved_on is None


def test_chapter_kinds_for_mission_and_policy_choices():
    assert {K.MISSION, K.POLICY_CHOICES} <= set(K.values)


def _entries(result):
    return [
        entry.chapter.title if entry.chapter else f"[{entry.part}{'*' if entry.anchored else ''}]" for entry in result
    ]


def test_the_outline_keeps_the_chapters_explicit_order_whatever_their_kind(draft_plan):
    make = f.ChapterFactory
    make(plan=draft_plan, order=1, kind=K.PROFILE, title="Zoneprofiel")
    make(plan=draft_plan, order=2, kind=K.POLICY_CHOICES, title="Beleidskeuzes")
    make(plan=draft_plan, order=3, kind=K.PRIVACY, title="GDPR")
    make(plan=draft_plan, order=0, kind=K.ABOUT, title="Wat is een ZVP")
    chapters = draft_plan.chapters.order_by("order", "id")
    assert _entries(outline(chapters)) == [
        "Wat is een ZVP",
        "Zoneprofiel",
        "[profile*]",
        "[statistics]",
        "[expectations]",
        "[mission]",
        "Beleidskeuzes",
        "[priorities*]",
        "[resources]",
        "GDPR",
    ]


def test_the_outline_places_parts_without_their_chapter_before_all_when_nothing_comes_earlier(draft_plan):
    f.ChapterFactory(plan=draft_plan, order=1, kind=K.OTHER, title="Inleiding")
    result = outline(draft_plan.chapters.all(), parts=("mission", "priorities"))
    assert _entries(result) == ["[mission]", "[priorities]", "Inleiding"]


def test_a_revision_copies_the_signatories_with_their_rank_unsigned(zone_a, advisor):
    plan = f.PlanFactory(zone=zone_a, published=True)
    f.SignatoryFactory(plan=plan, name="Burgemeester", role="voorzitter", order=1, signed_on=datetime.date(2020, 1, 2))
    f.SignatoryFactory(plan=plan, name="Procureur", role="procureur des Konings", order=2)
    revision = create_revision(plan, advisor)
    copied = list(
        Signatory.objects.filter(plan=revision).order_by("order").values_list("name", "role", "order", "signed_on")
    )
    assert copied == [("Burgemeester", "voorzitter", 1, None), ("Procureur", "procureur des Konings", 2, None)]
    assert Signatory.objects.filter(plan=plan).count() == 2  # the original keeps its own
    assert revision.kind == Plan.Kind.REVISION
