"""The permission matrix of the editing rules, repeated over the REST API.

Users: anonymous, an outsider, zone A's advisor, council member and korpschef, zone B's advisor, and the
superuser. Objects: public and restricted rows of a published and a draft plan of zone A (see world.py).

Expected answers, from the documented rule (core/access.py):

* read (list and detail): the superuser sees all; zone A's members see all of zone A; everyone else sees
  only what citizens see (public parts of the published plan). A row one may not see is absent from the
  list and answers 404 on its detail.
* write: anonymous callers get 401. Rows one may change (advisors, the korpschef and the superuser, while
  the plan's status allows it for that model) answer 200/201/204; rows one may see but not change answer
  403; rows one may not see answer 404 (for a create: when one may not see the row it goes under).

Each (endpoint, user, operation) is one case, so a leak fails a case named after them, and the assertion
lists every row whose answer differs.
"""

import pytest
from django.db import transaction
from rest_framework.test import APIClient

from .world import RESOURCES, USERS

# (endpoint, operation, user) -> an xfail marker, for a known bug in shared code (none open).
KNOWN_BUGS = {}


def cases(op):
    """(resource, user) pairs for one operation, each a case named "<endpoint>-<user>"."""
    for resource in RESOURCES:
        for user_name in USERS:
            bug = KNOWN_BUGS.get((resource.name, op, user_name))
            yield pytest.param(resource, user_name, id=f"{resource.name}-{user_name}", marks=[bug] if bug else [])


def can_see(user_name, row):
    view_zones, _, superuser = USERS[user_name]
    return superuser or row.public or row.zone in view_zones


def can_change(user_name, resource, row, status=None):
    _, edit_zones, superuser = USERS[user_name]
    status = status or row.status
    return (superuser or row.zone in edit_zones) and status in resource.editable and not row.frozen


def expected_write(user_name, resource, row, success):
    if user_name == "anonymous":
        return 401
    if not resource.writable:
        return 405
    if not can_see(user_name, row):
        return 404
    return success if can_change(user_name, resource, row) else 403


def url(resource, obj=None):
    base = f"/api/v1/{resource.name}/"
    return base if obj is None else f"{base}{obj.pk}/"


def if_match(obj):
    revision = getattr(obj, "revision", None)
    return {"HTTP_IF_MATCH": f'"{revision}"'} if revision else {}


def report(mismatches):
    return "\n".join(f"  {tag}: expected {want}, got {got}" for tag, want, got in mismatches)


@pytest.mark.parametrize(("resource", "user_name"), list(cases("list")))
def test_list_shows_exactly_what_the_user_may_see(api_world, api_client_for, resource, user_name):
    response = api_client_for(user_name).get(url(resource), {"page_size": 200})
    assert response.status_code == 200, response.content
    listed = {row["id"] for row in response.json()["results"]}
    rows = api_world.rows[resource.name]
    expected = {tag for tag, row in rows.items() if can_see(user_name, row)}
    got = {tag for tag, row in rows.items() if row.obj.pk in listed}
    assert got == expected, f"leaked: {sorted(got - expected)}; missing: {sorted(expected - got)}"
    assert listed <= {row.obj.pk for row in rows.values()}, "rows outside the world"


@pytest.mark.parametrize(("resource", "user_name"), list(cases("detail")))
def test_detail_answers_404_for_what_the_user_may_not_see(api_world, api_client_for, resource, user_name):
    client = api_client_for(user_name)
    mismatches = []
    for tag, row in api_world.rows[resource.name].items():
        want = 200 if can_see(user_name, row) else 404
        got = client.get(url(resource, row.obj)).status_code
        if got != want:
            mismatches.append((tag, want, got))
    assert not mismatches, "\n" + report(mismatches)


@pytest.mark.parametrize(("resource", "user_name"), list(cases("update")))
def test_update(api_world, api_client_for, resource, user_name):
    client = api_client_for(user_name)
    mismatches = []
    for tag, row in api_world.rows[resource.name].items():
        want = expected_write(user_name, resource, row, 200)
        if user_name != "anonymous" and resource.writable and not resource.updatable:
            want = 405
        with transaction.atomic():
            response = client.patch(url(resource, row.obj), resource.patch, format="json", **if_match(row.obj))
            transaction.set_rollback(True)
        if response.status_code != want:
            mismatches.append((tag, want, f"{response.status_code} {response.content[:200]!r}"))
    assert not mismatches, "\n" + report(mismatches)


@pytest.mark.parametrize(("resource", "user_name"), list(cases("delete")))
def test_delete(api_world, api_client_for, resource, user_name):
    client = api_client_for(user_name)
    mismatches = []
    for tag, row in api_world.rows[resource.name].items():
        want = expected_write(user_name, resource, row, 204)
        if user_name != "anonymous" and resource.writable and not resource.deletable:
            want = 405
        with transaction.atomic():
            response = client.delete(url(resource, row.obj))
            gone = not type(row.obj).objects.filter(pk=row.obj.pk).exists()
            transaction.set_rollback(True)
        if response.status_code != want:
            mismatches.append((tag, want, f"{response.status_code} {response.content[:200]!r}"))
        elif gone != (want == 204):
            mismatches.append((tag, "row kept" if want != 204 else "row deleted", "the opposite"))
    assert not mismatches, "\n" + report(mismatches)


def _create_cases():
    for resource in RESOURCES:
        if not resource.writable:
            yield pytest.param(resource, None, id=f"{resource.name}-read-only")
        for parent in resource.create:
            yield pytest.param(resource, parent, id=f"{resource.name}-under-{parent[0]}:{parent[1]}")


@pytest.mark.parametrize("user_name", USERS)
@pytest.mark.parametrize(("resource", "parent"), list(_create_cases()))
def test_create(api_world, api_client_for, resource, parent, user_name):
    model_count_before = None
    if parent is None:  # a read-only endpoint
        response = api_client_for(user_name).post(url(resource), {}, format="json")
        assert response.status_code == (401 if user_name == "anonymous" else 405)
        return
    body = resource.create[parent](api_world)
    parent_resource, parent_tag = parent
    if parent_resource is None:  # a new zone: only site administrators add zones
        superuser = USERS[user_name][2]
        want = 401 if user_name == "anonymous" else (201 if superuser else 403)
    else:
        parent_row = api_world.row(parent_resource, parent_tag)
        new_status = "draft" if resource.name == "plans" else parent_row.status
        if user_name == "anonymous":
            want = 401
        elif not can_see(user_name, parent_row):
            want = 404
        else:
            want = 201 if can_change(user_name, resource, parent_row, status=new_status) else 403
    model = type(next(iter(api_world.rows[resource.name].values())).obj)
    model_count_before = model.objects.count()
    response = api_client_for(user_name).post(url(resource), body, format="json")
    assert response.status_code == want, response.content
    assert model.objects.count() == model_count_before + (1 if want == 201 else 0), "a refused create left a row"


@pytest.mark.django_db
def test_municipalities_are_public_facts():
    """Facts about a zone (its municipalities) are public (ZoneDataQuerySet)."""
    from tests import factories as f

    municipality = f.MunicipalityFactory()
    response = APIClient().get(f"/api/v1/municipalities/{municipality.pk}/")
    assert response.status_code == 200


NESTED = {
    "chapters": "chapters",
    "values": "plan-values",
    "stakeholder_expectations": "stakeholder-expectations",
    "signatories": "signatories",
}


@pytest.mark.parametrize("user_name", USERS)
@pytest.mark.parametrize("plan_key", ["published", "draft"])
def test_plan_detail_nests_only_the_parts_the_user_may_see(api_world, api_client_for, plan_key, user_name):
    plan = api_world.plans[plan_key]
    response = api_client_for(user_name).get(f"/api/v1/plans/{plan.pk}/")
    if not can_see(user_name, api_world.row("plans", f"{plan_key}/plan")):
        assert response.status_code == 404
        return
    data = response.json()
    for key, resource in NESTED.items():
        rows = {tag: row for tag, row in api_world.rows[resource].items() if tag.startswith(f"{plan_key}/")}
        expected = {row.obj.pk for row in rows.values() if can_see(user_name, row)}
        assert {part["id"] for part in data[key]} == expected, key
