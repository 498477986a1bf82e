"""The demo loader: faithful to the real plans, idempotent, and honest about sample data."""

import io
import re
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.test import override_settings

from actionplans.models import Action, ActionPlan, Milestone, Objective
from editor.demo.loader import COUNTED_MODELS, counts, load_demo
from plans.models import Chapter, Plan
from priorities.models import Priority, Theme
from stats.models import (
    FinancialLine,
    Indicator,
    IndicatorTarget,
    IndicatorValue,
    KeyFigure,
    StaffTable,
    StatPoint,
    StatSeries,
)
from zones.models import PoliceZone, ZoneMembership

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
SAMPLE_MODELS = (
    ActionPlan, Objective, Action, Milestone, Indicator, IndicatorTarget, IndicatorValue, StatSeries, StatPoint,
    FinancialLine,
)  # fmt: skip


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo, loaded once for this module and removed afterwards."""
    with django_db_blocker.unblock():
        first = load_demo()
        yield first
        call_command("flush", "--noinput", verbosity=0)


pytestmark = pytest.mark.django_db


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_second_run_changes_nothing(demo):
    history_before = {m._meta.label: m.history.count() for m in COUNTED_MODELS if hasattr(m, "history")}
    assert load_demo() == demo
    history_after = {m._meta.label: m.history.count() for m in COUNTED_MODELS if hasattr(m, "history")}
    assert history_after == history_before, "a no-op run must not write history rows"


def test_three_zones_and_their_plans(demo):
    assert set(PoliceZone.objects.values_list("name", flat=True)) == {"PZ Leuven", "PZ Gent", "PZ HerKo"}
    assert PoliceZone.objects.get(slug="gent").number == 5415
    assert set(PoliceZone.objects.get(slug="herko").municipalities.values_list("nis_code", flat=True)) == {
        "24038",
        "24055",
    }
    assert demo["plans.Plan"] == 4
    assert Plan.objects.filter(status=Plan.Status.PUBLISHED).count() == 4


def test_gent_has_all_58_projects_numbered_as_in_the_plan(demo):
    plan = Plan.objects.get(zone__slug="gent", period_start=2020)
    assert (plan.period_start, plan.period_end) == (2020, 2025)
    priorities = list(plan.priorities.order_by("number"))
    assert [p.number for p in priorities] == list(range(1, 59))
    assert [p.code for p in priorities] == [f"I {n}" for n in range(1, 33)] + [f"B {n}" for n in range(33, 59)]
    assert {p.kind for p in priorities[:32]} == {Priority.Kind.INNOVATION}
    assert {p.kind for p in priorities[32:]} == {Priority.Kind.SECURING}
    titles = {p.code: p.short_title for p in priorities}
    assert titles["I 1"] == "Bestuurlijke handhaving"
    assert titles["I 20"] == "Informatiehuis Microsoft 365"
    assert titles["B 47"] == "MEPROSCH"
    assert titles["B 58"] == "GPP - welzijn, veiligheid en gezondheid"


@pytest.mark.skipif(not SEEDS.exists(), reason="shared/seeds is not beside this checkout")
def test_gent_titles_are_copied_from_the_seed(demo):
    seed = _squash(next(SEEDS.glob("002_*.txt")).read_text(encoding="utf-8"))
    plan = Plan.objects.get(zone__slug="gent")
    missing = [p.code for p in plan.priorities.all() if _squash(p.short_title) not in seed]
    assert missing == []


@pytest.mark.skipif(not SEEDS.exists(), reason="shared/seeds is not beside this checkout")
def test_gent_themes_are_those_of_its_web_page(demo):
    seed = _squash(next(SEEDS.glob("004_*.txt")).read_text(encoding="utf-8"))
    plan = Plan.objects.get(zone__slug="gent")
    themes = Theme.objects.filter(plan=plan)
    assert themes.filter(parent=None).count() == 17
    assert all(_squash(t.name) in seed for t in themes)
    assert themes.get(name="Fietsdiefstallen").parent.name == "Eigendomscriminaliteit"
    assert plan.priorities.get(code="I 2").theme.name == "Fietsdiefstallen"


def test_gent_staff_tables_total_to_the_printed_formation(demo):
    table = StaffTable.objects.get(plan__zone__slug="gent")
    totals = table.totals()
    assert totals["operational"]["authorised"] == 1181
    assert totals["calog"]["authorised"] == 241
    assert totals["total"]["actual"] is None  # the tables give the formation, not the headcount
    assert table.lines.get(label="Inspecteur van politie (INP)").authorised == 883


def test_leuven_two_domains_with_seven_and_four_priorities(demo):
    plan = Plan.objects.get(zone__slug="leuven")
    per_domain = [d.priorities.count() for d in plan.domains.order_by("order")]
    assert per_domain == [7, 4]
    assert plan.domains.order_by("order").first().name == "Veiligheid en leefbaarheid"
    table = StaffTable.objects.get(plan=plan)
    assert table.totals()["total"]["actual"] == 412
    assert table.printed_total == 412
    assert table.total_disagrees is False


def test_demo_staff_tables_keep_every_printed_total_per_group_and_column(demo):
    """Leuven prints 412 = 333 operational + 79 CALOG (headcount); Gent prints its formation 1181 + 241."""
    leuven = StaffTable.objects.get(plan__zone__slug="leuven")
    assert (leuven.printed_operational_actual, leuven.printed_calog_actual, leuven.printed_total) == (333, 79, 412)
    gent = StaffTable.objects.get(plan__zone__slug="gent")
    assert (gent.printed_operational_authorised, gent.printed_calog_authorised) == (1181, 241)
    assert gent.printed_total is None and gent.printed_operational_actual is None
    for table in (leuven, gent):
        assert table.total_disagrees is False


def test_herko_addendum_extends_the_plan_and_adds_a_priority(demo):
    zvp = Plan.objects.get(zone__slug="herko", kind=Plan.Kind.ZVP)
    addendum = Plan.objects.get(zone__slug="herko", kind=Plan.Kind.ADDENDUM)
    assert (zvp.period_start, zvp.period_end) == (2014, 2017)
    assert addendum.extends == zvp
    assert addendum.period_end == 2019
    assert set(zvp.priorities.values_list("short_title", flat=True)) == {
        "Inbraken",
        "Verkeersveiligheid",
        "Intrafamiliaal geweld",
        "Wijkwerking",
        "Interne communicatie",
        "Optimaliseren werkprocessen",
    }
    assert list(addendum.priorities.values_list("short_title", flat=True)) == [
        "Radicalisering, gewelddadig extremisme en terrorisme"
    ]


def test_everything_the_demo_adds_is_flagged_as_sample(demo):
    for model in SAMPLE_MODELS:
        assert model.objects.exists(), f"the demo should add sample {model._meta.verbose_name_plural}"
        assert not model.objects.filter(is_sample=False).exists(), f"unflagged sample {model._meta.label}"
    assert all("voorbeeldgegevens" in s for s in StatSeries.objects.values_list("source", flat=True))
    # and the real content is not flagged
    assert not Indicator.objects.filter(is_sample=False).exists()
    assert Chapter.objects.exists()
    assert KeyFigure.objects.filter(value_text="meer dan 1200").exists()


def test_sample_data_gives_every_later_screen_something_to_show(demo):
    gent = Plan.objects.get(zone__slug="gent")
    assert ActionPlan.objects.filter(priority__plan=gent).values("year").distinct().count() == 6
    indicator = Indicator.objects.get(plan=gent, code="I2-1")
    assert indicator.series is not None  # follows the crime series
    assert indicator.value_for(2023) == indicator.series.points.get(year=2023).value
    assert indicator.values.get(year=2023).is_approved
    assert not indicator.values.get(year=2025).is_approved  # the last year awaits the council
    assert Indicator.objects.filter(protection="restricted").exists()


@override_settings(DEBUG=True)
def test_demo_accounts_have_a_role_in_each_zone(demo):
    call_command("load_demo", "--with-users", stdout=io.StringIO())
    user_model = get_user_model()
    assert user_model.objects.get(username="admin").is_superuser
    assert ZoneMembership.objects.filter(user__username="advisor-gent", zone__slug="gent", role="advisor").exists()
    assert ZoneMembership.objects.filter(user__username__endswith="-herko").count() == 3
    assert user_model.objects.get(username="council-leuven").check_password("demo")


@override_settings(DEBUG=False)
def test_demo_accounts_are_refused_outside_debug(demo):
    with pytest.raises(CommandError):
        call_command("load_demo", "--with-users", stdout=io.StringIO())
    assert counts() == demo
