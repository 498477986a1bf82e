"""Every registered admin page opens for a site administrator.

The list of models comes from the admin registry, so a newly registered model
is covered without touching this file; it only needs a row in ``full_plan``.
"""

import pytest
from django.contrib import admin
from django.urls import reverse
from simple_history.admin import SimpleHistoryAdmin

REGISTERED = sorted(admin.site._registry.items(), key=lambda item: item[0]._meta.label)
MODELS = [model for model, _ in REGISTERED]
# The portal's own models (and users and groups) must have a row in full_plan so that every page of theirs
# is opened; the log models of third-party apps (django-axes' login attempts) are checked on their lists.
OWN_APPS = {"zones", "plans", "priorities", "actionplans", "stats", "comments", "auth"}
OWN_MODELS = [model for model in MODELS if model._meta.app_label in OWN_APPS]
HISTORY_MODELS = [model for model, model_admin in REGISTERED if isinstance(model_admin, SimpleHistoryAdmin)]


def _id(model):
    return model._meta.label


def _url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


@pytest.fixture
def admin_client_full(client, full_plan):
    client.force_login(full_plan.users.superuser)
    return client


def _instance(model):
    obj = model._default_manager.order_by("pk").first()
    assert obj is not None, f"full_plan has no {model._meta.label}: add one so its admin pages are tested"
    return obj


def test_the_registry_covers_the_portal_models():
    labels = {model._meta.label for model in MODELS}
    assert {"plans.Plan", "priorities.Priority", "actionplans.Action", "stats.Indicator", "auth.User"} <= labels
    assert "stats.StatSeries" in {model._meta.label for model in HISTORY_MODELS}
    assert "plans.PlanStatusChange" not in {model._meta.label for model in HISTORY_MODELS}


@pytest.mark.parametrize("model", OWN_MODELS, ids=_id)
def test_full_plan_has_an_instance_of_every_registered_model(full_plan, model):
    _instance(model)


@pytest.mark.parametrize("model", MODELS, ids=_id)
def test_changelist(admin_client_full, model):
    response = admin_client_full.get(_url(model, "changelist"))
    assert response.status_code == 200
    if model in OWN_MODELS:
        assert response.context["cl"].result_count >= 1


@pytest.mark.parametrize("model", MODELS, ids=_id)
def test_changelist_search(admin_client_full, model):
    response = admin_client_full.get(_url(model, "changelist"), {"q": "a"})
    assert response.status_code == 200


@pytest.mark.parametrize("model", MODELS, ids=_id)
def test_add_page(admin_client_full, rf, full_plan, model):
    model_admin = admin.site._registry[model]
    request = rf.get("/")
    request.user = full_plan.users.superuser
    response = admin_client_full.get(_url(model, "add"))
    if model_admin.has_add_permission(request):
        assert response.status_code == 200
    else:  # e.g. status changes are only ever written by the workflow
        assert response.status_code == 403


@pytest.mark.parametrize("model", OWN_MODELS, ids=_id)
def test_change_page(admin_client_full, model):
    obj = _instance(model)
    response = admin_client_full.get(_url(model, "change", obj.pk))
    assert response.status_code == 200
    assert response.context["original"] == obj


@pytest.mark.parametrize("model", HISTORY_MODELS, ids=_id)
def test_history_page(admin_client_full, model):
    obj = _instance(model)
    response = admin_client_full.get(_url(model, "history", obj.pk))
    assert response.status_code == 200
    assert response.context["object"] == obj
    # The factory's insert was recorded, and the page lists it.
    assert len(response.context["page_obj"].object_list) >= 1


def test_the_admin_keeps_a_published_plan_frozen(admin_client_full, full_plan):
    """The access rule freezes a published version for everyone; the admin shows it read-only."""
    from plans.models import Chapter, Plan

    assert Plan.objects.get(pk=full_plan.plan.pk).status == Plan.Status.PUBLISHED
    chapter = full_plan.chapter
    page = admin_client_full.get(_url(Chapter, "change", chapter.pk))
    assert page.status_code == 200
    assert page.context["has_change_permission"] is False
    response = admin_client_full.post(
        _url(Chapter, "change", chapter.pk),
        {"plan": full_plan.plan.pk, "kind": chapter.kind, "title": "Overschreven", "body": "x", "order": 1,
         "protection": chapter.protection},
    )  # fmt: skip
    assert response.status_code == 403
    chapter.refresh_from_db()
    assert chapter.title == "Zonebeeld"
    assert admin_client_full.post(_url(Chapter, "delete", chapter.pk), {"post": "yes"}).status_code == 403
    assert Chapter.objects.filter(pk=chapter.pk).exists()
    # Its plan's inlines offer no new rows either.
    plan_page = admin_client_full.get(_url(Plan, "change", full_plan.plan.pk))
    assert all(not formset.formset.can_delete for formset in plan_page.context["inline_admin_formsets"]
               if formset.opts.model is Chapter)  # fmt: skip
    assert all(formset.formset.max_num == 0 or not formset.has_add_permission
               for formset in plan_page.context["inline_admin_formsets"])  # fmt: skip


def test_the_admin_changes_a_draft(admin_client_full, full_plan):
    from plans.models import Chapter, Plan

    Plan.objects.filter(pk=full_plan.plan.pk).update(status=Plan.Status.DRAFT)
    page = admin_client_full.get(_url(Chapter, "change", full_plan.chapter.pk))
    assert page.context["has_change_permission"] is True
