"""Access to zone memberships, workflow history and shared reference data."""

import pytest


@pytest.mark.django_db
def test_memberships_and_workflow_history_are_for_the_zone_only(full_plan, advisor, advisor_b):
    from django.contrib.auth.models import AnonymousUser

    from plans.models import PlanStatusChange
    from zones.models import ZoneMembership

    PlanStatusChange.objects.create(plan=full_plan.plan, from_status="approved", to_status="published")
    zone = full_plan.plan.zone
    for model, zone_lookup in ((ZoneMembership, "zone"), (PlanStatusChange, "plan__zone")):
        assert model.objects.restrict(advisor).filter(**{zone_lookup: zone}).exists(), model
        assert not model.objects.restrict(AnonymousUser()).exists(), model
        assert not model.objects.restrict(advisor_b).filter(**{zone_lookup: zone}).exists(), model


@pytest.mark.django_db
def test_reference_data_is_read_by_all_and_changed_by_site_administrators(full_plan, chief, superuser):
    from django.contrib.auth.models import AnonymousUser

    from plans.models import Framework
    from stats.models import CrimeCategory

    for model in (Framework, CrimeCategory):
        assert model.objects.restrict(AnonymousUser()).count() == model.objects.count() > 0
        assert not model.objects.restrict(chief, "change").exists()
        assert model.objects.restrict(superuser, "change").count() == model.objects.count()


@pytest.mark.django_db
def test_sees_zone_internals_is_members_and_site_administrators(zone_a, advisor, council, chief, advisor_b, superuser):
    from django.contrib.auth.models import AnonymousUser

    from core.access import sees_zone_internals

    assert all(sees_zone_internals(u, zone_a.pk) for u in (advisor, council, chief, superuser))
    assert not sees_zone_internals(advisor_b, zone_a.pk)
    assert not sees_zone_internals(AnonymousUser(), zone_a.pk)
