"""The public cache is invalidated after the commit (never before) by every model a public page shows."""

import pytest
from django.db import transaction
from django.urls import reverse

from imports.models import ImportJob
from plans.models import Plan
from public import cache as public_cache
from public.signals import WATCHED

# full_plan's attribute holding a row of each model group a public page shows.
ROWS = [
    "value",
    "chapter",
    "expectation",
    "signatory",
    "domain",
    "theme",
    "priority",
    "action_plan",
    "objective",
    "action",
    "milestone",
    "indicator",
    "target",
    "indicator_value",
    "crime_category",
    "series",
    "point",
    "staff_table",
    "staff_line",
    "financial_line",
    "key_figure",
    "framework",
    "zone",
    "municipality",
    "sub_municipality",
]


def test_every_model_a_public_page_shows_is_watched(full_plan):
    watched = set(WATCHED) | {Plan}
    for name in ROWS:
        assert type(getattr(full_plan, name)) in watched, name


@pytest.mark.parametrize("name", ROWS)
def test_a_row_saved_invalidates_after_the_commit_not_before(full_plan, name, django_capture_on_commit_callbacks):
    row = getattr(full_plan, name)
    before = public_cache.version()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        row.save()
    assert public_cache.version() == before, "invalidated before the commit"
    assert callbacks, "nothing waits for the commit"
    for callback in callbacks:
        callback()
    assert public_cache.version() > before


@pytest.mark.parametrize("name", ["chapter", "action", "point", "indicator_value", "key_figure"])
def test_a_row_deleted_invalidates_after_the_commit(full_plan, name, django_capture_on_commit_callbacks):
    before = public_cache.version()
    with django_capture_on_commit_callbacks(execute=True):
        getattr(full_plan, name).delete()
    assert public_cache.version() > before


def test_rows_of_a_draft_do_not_invalidate(full_plan, django_capture_on_commit_callbacks):
    from tests import factories as f

    draft = f.PlanFactory(zone=full_plan.zone, title="Ontwerp")
    before = public_cache.version()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        f.ChapterFactory(plan=draft, title="Nog niet publiek")
        priority = f.PriorityFactory(plan=draft, number=1)
        f.ActionPlanFactory(priority=priority, year=2021)
    assert not callbacks
    assert public_cache.version() == before


def test_many_rows_in_one_transaction_invalidate_once(full_plan, django_capture_on_commit_callbacks, monkeypatch):
    calls = []
    monkeypatch.setattr(public_cache, "invalidate", lambda: calls.append(1))
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        for name in ("chapter", "priority", "action", "point"):
            getattr(full_plan, name).save()
    assert calls == [1]


def test_a_rolled_back_change_does_not_invalidate(full_plan, django_capture_on_commit_callbacks):
    before = public_cache.version()
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError), transaction.atomic():
        full_plan.chapter.save()
        raise RuntimeError("rolled back")
    assert public_cache.version() == before


def test_a_finished_import_changes_the_pages_stamp(client, full_plan, django_capture_on_commit_callbacks):
    """An import writes rows in bulk (no signals) and finishes with update(): core.jobs.job_finished tells."""
    url = reverse("public:zone", args=[full_plan.zone.slug])
    assert client.get(url)["X-Public-Cache"] == "miss"
    assert client.get(url)["X-Public-Cache"] == "hit"
    job = ImportJob.objects.create(zone=full_plan.zone, plan=full_plan.plan, kind="criminaliteit", file="x.csv")
    assert client.get(url)["X-Public-Cache"] == "hit", "a queued import changes nothing yet"
    with django_capture_on_commit_callbacks(execute=True):
        job.succeed(outcome="imported", row_count=1)
    assert client.get(url)["X-Public-Cache"] == "miss"
