"""Workflow steps, yearly values and comments over the API: who may take which step, as a table.

Rows are actions, columns the world's users; each cell is the expected HTTP status for the published and
the draft plan of zone A (see world.py): 401 anonymous, 404 cannot see the plan, 403 role not allowed,
400 the plan's status does not allow the step, 200/201 done.
"""

import pytest

from comments.models import Comment
from plans.models import Plan
from stats.models import IndicatorValue

USER_ORDER = ["anonymous", "outsider", "advisor_a", "council_a", "chief_a", "advisor_b", "superuser"]


def row(spec):
    return dict(zip(USER_ORDER, (int(code) for code in spec.split()), strict=True))


#                                       anon  out  adv  cou  chf  advB  su
STEPS = {
    ("submit", "draft"): row("401 404 200 403 200 404 200"),
    ("submit", "published"): row("401 403 400 403 400 403 400"),
    ("return", "draft"): row("401 404 403 400 400 404 400"),
    ("return", "published"): row("401 403 403 400 400 403 400"),
    ("approve", "draft"): row("401 404 403 400 403 404 400"),
    ("approve", "published"): row("401 403 403 400 403 403 400"),
    ("publish", "draft"): row("401 404 403 403 400 404 400"),
    ("publish", "published"): row("401 403 403 403 400 403 400"),
    ("archive", "draft"): row("401 404 403 403 400 404 400"),
    ("archive", "published"): row("401 403 403 403 200 403 200"),
    ("ministerial-approval", "draft"): row("401 404 400 400 400 404 400"),
    ("ministerial-approval", "published"): row("401 403 403 200 200 403 200"),
    ("revision", "draft"): row("401 404 400 400 400 404 400"),
    ("revision", "published"): row("401 403 201 403 201 403 201"),
    ("addendum", "draft"): row("401 404 400 400 400 404 400"),
    ("addendum", "published"): row("401 403 201 403 201 403 201"),
    ("values/2022", "draft"): row("401 404 200 403 200 404 200"),
    ("values/2022", "published"): row("401 403 200 403 200 403 200"),
    ("values/2021/approve", "draft"): row("401 404 403 200 403 404 200"),
    ("values/2021/approve", "published"): row("401 403 403 200 403 403 200"),
}
NEW_STATUS = {
    "submit": "in_review",
    "return": "draft",
    "approve": "approved",
    "publish": "published",
    "archive": "archived",
}


def _body(world, step, plan_key):
    indicator = world.row("indicators", f"{plan_key}/public").obj
    return {
        "approve": {"on": "2020-02-01"},
        "ministerial-approval": {"on": "2020-03-01"},
        "addendum": {"period_end": 2027},
        "values/2022": [{"indicator": indicator.pk, "value": "12.5", "note": "API"}],
    }.get(step, {})


@pytest.mark.parametrize("user_name", USER_ORDER)
@pytest.mark.parametrize(("step", "plan_key"), list(STEPS), ids=[f"{s}-{p}" for s, p in STEPS])
def test_workflow_step(api_world, api_client_for, step, plan_key, user_name):
    plan = api_world.plans[plan_key]
    before = Plan.objects.get(pk=plan.pk)
    want = STEPS[(step, plan_key)][user_name]
    response = api_client_for(user_name).post(
        f"/api/v1/plans/{plan.pk}/{step}/", _body(api_world, step, plan_key), format="json"
    )
    assert response.status_code == want, response.content
    after = Plan.objects.get(pk=plan.pk)
    if step in NEW_STATUS:
        assert after.status == (NEW_STATUS[step] if want == 200 else before.status)
    if step == "ministerial-approval" and want == 200:
        assert str(after.minister_approved_on) == "2020-03-01"
    if step in ("revision", "addendum") and want == 201:
        new = Plan.objects.get(pk=response.json()["id"])
        assert (new.kind, new.extends_id, new.status) == (step, plan.pk, "draft")
    if step == "values/2022":
        written = IndicatorValue.objects.filter(indicator__plan=plan, year=2022, note="API").exists()
        assert written == (want == 200)
        if want == 200:
            assert response.json() == {"created": 1, "changed": 0, "removed": 0}
    if step == "values/2021/approve" and want == 200:
        assert response.json() == {"approved": 1}  # the world's one unapproved value of the plan
        assert not IndicatorValue.objects.filter(indicator__plan=plan, approved_at__isnull=True).exists()


#                                       anon  out  adv  cou  chf  advB  su
COMMENT_STEPS = {
    ("priorities", "draft"): row("401 404 403 201 201 404 201"),
    ("priorities", "published"): row("401 403 403 201 201 403 201"),
    ("indicators", "draft"): row("401 404 403 201 201 404 201"),
    ("indicators", "published"): row("401 403 403 201 201 403 201"),
    ("resolve", "draft"): row("401 404 200 403 200 404 200"),
    ("resolve", "published"): row("401 404 200 403 200 404 200"),
}


@pytest.mark.parametrize("user_name", USER_ORDER)
@pytest.mark.parametrize(("target", "plan_key"), list(COMMENT_STEPS), ids=[f"{t}-{p}" for t, p in COMMENT_STEPS])
def test_comment_steps(api_world, api_client_for, target, plan_key, user_name):
    want = COMMENT_STEPS[(target, plan_key)][user_name]
    client = api_client_for(user_name)
    if target == "resolve":
        comment = api_world.row("comments", f"{plan_key}/on-priority").obj
        response = client.post(f"/api/v1/comments/{comment.pk}/resolve/")
        assert response.status_code == want, response.content
        assert Comment.objects.get(pk=comment.pk).is_resolved == (want == 200)
        return
    obj = api_world.row(target, f"{plan_key}/public").obj
    count = Comment.objects.count()
    response = client.post(f"/api/v1/{target}/{obj.pk}/comments/", {"body": "Graag toelichten."}, format="json")
    assert response.status_code == want, response.content
    assert Comment.objects.count() == count + (want == 201)
    if want == 201:
        assert response.json()["body"] == "Graag toelichten."


@pytest.mark.parametrize("user_name", USER_ORDER)
@pytest.mark.parametrize("plan_key", ["draft", "published"])
def test_comments_are_listed_for_the_zone_only(api_world, api_client_for, plan_key, user_name):
    priority = api_world.row("priorities", f"{plan_key}/public").obj
    response = api_client_for(user_name).get(f"/api/v1/priorities/{priority.pk}/comments/")
    member = user_name in ("advisor_a", "council_a", "chief_a", "superuser")
    if plan_key == "draft" and not member:
        assert response.status_code == 404
        return
    assert response.status_code == 200
    assert response.json()["count"] == (1 if member else 0)


def test_empty_comment_is_a_field_error(api_world, api_client_for):
    priority = api_world.row("priorities", "draft/public").obj
    response = api_client_for("council_a").post(f"/api/v1/priorities/{priority.pk}/comments/", {"body": "  "})
    assert response.status_code == 400
    assert "body" in response.json()


def test_full_workflow_through_the_api(api_world, api_client_for):
    """Draft -> in review -> back -> in review -> approved -> published, each step by its role."""
    plan = api_world.plans["draft"]
    path = f"/api/v1/plans/{plan.pk}"
    advisor, council, chief = (api_client_for(name) for name in ("advisor_a", "council_a", "chief_a"))
    assert advisor.post(f"{path}/submit/", {"note": "Klaar"}).json()["status"] == "in_review"
    assert council.post(f"{path}/return/", {"note": "Hoofdstuk 3"}).json()["status"] == "draft"
    assert chief.post(f"{path}/submit/").json()["status"] == "in_review"
    approved = council.post(f"{path}/approve/", {"on": "2021-05-04"}).json()
    assert (approved["status"], approved["council_approved_on"]) == ("approved", "2021-05-04")
    assert approved["transitions"] == []  # a council member takes no further step
    published = chief.post(f"{path}/publish/")
    assert published.json()["status"] == "published"
    assert published.json()["transitions"] == ["archived"]
    assert published["ETag"] == f'"{Plan.objects.get(pk=plan.pk).revision}"'
    # Now a citizen sees it, with its public parts only.
    from rest_framework.test import APIClient

    public = APIClient().get(f"{path}/").json()
    assert [c["protection"] for c in public["chapters"]] == ["public"]
