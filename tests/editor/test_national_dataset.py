"""The synthetic national data set: counts, marked synthetic everywhere, refused on a database with real zones."""

import pytest
from django.core.management import CommandError, call_command

from editor import national
from plans.models import Plan
from priorities.models import Domain, Priority, Theme
from stats.models import Indicator, IndicatorTarget, IndicatorValue, StatPoint, StatSeries
from zones.models import Municipality, PoliceZone

pytestmark = pytest.mark.django_db


def test_small_run_makes_the_expected_counts_all_marked_synthetic():
    call_command("generate_national_dataset", "--zones", "3", verbosity=0)
    zones = PoliceZone.objects.all()
    assert zones.count() == 3
    assert all(z.slug.startswith("synth-") and "synthetisch" in z.long_name for z in zones)
    municipalities = Municipality.objects.all()
    assert 3 <= municipalities.count() <= 18
    assert all(len(m.nis_code) == 5 and m.nis_code.isdigit() for m in municipalities)
    assert Plan.objects.count() == 3
    assert set(Plan.objects.values_list("status", flat=True)) == {Plan.Status.PUBLISHED}
    assert all("synthetisch" in p.title for p in Plan.objects.all())
    assert Domain.objects.count() == 3 * len(national._DOMAINS)
    assert Theme.objects.count() == 3 * len(national._THEMES)
    assert Priority.objects.count() == 3 * 60
    assert Indicator.objects.count() == 3 * 60 * 3
    assert IndicatorTarget.objects.count() == 3 * 60 * 3 * 6
    assert IndicatorValue.objects.count() == 3 * 60 * 3 * 5
    assert StatSeries.objects.count() == municipalities.count() * 50
    assert StatPoint.objects.count() == municipalities.count() * 50 * 10
    for model in (Indicator, IndicatorTarget, IndicatorValue, StatSeries, StatPoint):
        assert not model.objects.filter(is_sample=False).exists(), model
    assert not StatSeries.objects.exclude(name__contains="synthetisch").exists()
    assert not IndicatorValue.objects.exclude(note="synthetisch").exists()
    # History rows were written in bulk too.
    assert Priority.history.count() == 3 * 60
    assert IndicatorValue.history.count() == IndicatorValue.objects.count()
    assert StatPoint.history.count() == StatPoint.objects.count()


def test_refuses_a_database_with_a_real_zone():
    PoliceZone.objects.create(name="PZ Echt", slug="echt", number=5400)
    with pytest.raises(CommandError, match="--allow-existing-data"):
        call_command("generate_national_dataset", "--zones", "1", verbosity=0)
    assert PoliceZone.objects.count() == 1
    assert not Plan.objects.exists()


def test_adds_beside_real_zones_only_with_the_flag():
    real = PoliceZone.objects.create(name="PZ Echt", slug="echt", number=5001)
    Municipality.objects.create(zone=real, name="Echtegem", nis_code="10000")
    call_command("generate_national_dataset", "--zones", "1", "--allow-existing-data", verbosity=0)
    made = PoliceZone.objects.exclude(pk=real.pk).get()
    assert made.number != 5001
    assert not made.municipalities.filter(nis_code="10000").exists()
    assert real.plans.count() == 0


def test_refuses_a_second_generated_set():
    call_command("generate_national_dataset", "--zones", "1", verbosity=0)
    with pytest.raises(CommandError, match="already holds a generated"):
        call_command("generate_national_dataset", "--zones", "1", verbosity=0)
