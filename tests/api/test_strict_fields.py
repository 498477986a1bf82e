"""The API never drops data: a field a write cannot take answers 400 naming it, and nothing changes.

Generic over every writable endpoint of the permission world (world.py): an unknown field and each
read-only field (as the endpoint's OPTIONS lists them) in a PATCH, a PUT and a POST. And an update that
changes nothing keeps the revision.
"""

import pytest
from django.db import transaction

from .world import RESOURCES

UPDATABLE = [r for r in RESOURCES if r.writable and r.updatable]
CREATABLE = [r for r in RESOURCES if r.writable and r.create]


def url(resource, obj=None):
    base = f"/api/v1/{resource.name}/"
    return base if obj is None else f"{base}{obj.pk}/"


def changeable_row(world, resource):
    """A row of *resource* the superuser may change (its plan's status allows it, not frozen)."""
    for row in world.rows[resource.name].values():
        if row.status in resource.editable and not row.frozen:
            return row.obj
    raise AssertionError(f"no changeable row of {resource.name}")


def headers(obj):
    return {"HTTP_IF_MATCH": f'"{obj.revision}"'} if hasattr(obj, "revision") else {}


def stored(obj):
    """The row as stored, field by field (the revision included)."""
    fresh = type(obj)._base_manager.get(pk=obj.pk)
    return {f.attname: getattr(fresh, f.attname) for f in fresh._meta.concrete_fields}


def read_only_fields(client, resource, obj):
    """The read-only fields of the endpoint, from its OPTIONS (DRF's metadata of the PUT body)."""
    actions = client.options(url(resource, obj)).json()["actions"]
    fields = actions.get("PUT") or actions["POST"]
    return sorted(name for name, info in fields.items() if info.get("read_only"))


def _message(response, field):
    data = response.json()
    assert field in data, data
    return " ".join(str(m) for m in data[field])


@pytest.mark.parametrize("method", ["patch", "put"])
@pytest.mark.parametrize("resource", UPDATABLE, ids=lambda r: r.name)
def test_an_unknown_field_in_an_update_is_refused_and_nothing_changes(api_world, api_client_for, resource, method):
    client = api_client_for("superuser")
    obj = changeable_row(api_world, resource)
    before = stored(obj)
    body = dict(resource.patch, no_such_field="x")
    if method == "put":
        body = {**client.get(url(resource, obj)).json(), **body}
        body = {k: v for k, v in body.items() if k not in read_only_fields(client, resource, obj)}
    response = getattr(client, method)(
        url(resource, obj), body, format="json", HTTP_ACCEPT_LANGUAGE="en", **headers(obj)
    )
    assert response.status_code == 400, response.content
    assert "Unknown field" in _message(response, "no_such_field")
    assert stored(obj) == before


@pytest.mark.parametrize("resource", UPDATABLE, ids=lambda r: r.name)
def test_every_read_only_field_in_an_update_is_refused_and_nothing_changes(api_world, api_client_for, resource):
    client = api_client_for("superuser")
    obj = changeable_row(api_world, resource)
    current = client.get(url(resource, obj)).json()
    read_only = read_only_fields(client, resource, obj)
    assert "id" in read_only and "revision" not in read_only
    before = stored(obj)
    for field in read_only:
        with transaction.atomic():
            response = client.patch(
                url(resource, obj), {**resource.patch, field: current.get(field)}, format="json", **headers(obj)
            )
            transaction.set_rollback(True)
        assert response.status_code == 400, (field, response.content)
        assert field in response.json(), (field, response.json())
        assert set(response.json()) == {field}, "only the refused field is named"
    assert stored(obj) == before


@pytest.mark.parametrize("resource", CREATABLE, ids=lambda r: r.name)
def test_an_unknown_or_read_only_field_in_a_create_is_refused_and_nothing_is_added(api_world, api_client_for, resource):
    client = api_client_for("superuser")
    parent = next(iter(resource.create))
    body = resource.create[parent](api_world)
    model = type(next(iter(api_world.rows[resource.name].values())).obj)
    count = model.objects.count()
    for extra in ({"no_such_field": 1}, {"id": 123456}, {"created_at": "2020-01-01T00:00:00Z"}):
        response = client.post(url(resource), {**body, **extra}, format="json")
        name = next(iter(extra))
        if name == "created_at" and name not in client.options(url(resource)).json()["actions"]["POST"]:
            continue  # an endpoint without timestamps: then it is an unknown field, tested above
        assert response.status_code == 400, (extra, response.content)
        assert name in response.json(), response.json()
    assert model.objects.count() == count


@pytest.mark.parametrize("resource", UPDATABLE, ids=lambda r: r.name)
def test_an_update_that_changes_nothing_keeps_the_revision(api_world, api_client_for, resource):
    client = api_client_for("superuser")
    obj = changeable_row(api_world, resource)
    current = client.get(url(resource, obj)).json()
    before = stored(obj)
    same = {field: current[field] for field in resource.patch}
    response = client.patch(url(resource, obj), same, format="json", **headers(obj))
    assert response.status_code == 200, response.content
    assert stored(obj) == before, "a no-op update saved"
    if "revision" in current:
        assert response.json()["revision"] == current["revision"]
        assert response["ETag"] == f'"{current["revision"]}"'
        # A real change still counts up, with the revision sent in the body.
        changed = client.patch(url(resource, obj), {**resource.patch, "revision": current["revision"]}, format="json")
        assert changed.status_code == 200, changed.content
        assert changed.json()["revision"] == current["revision"] + 1


def test_the_revision_in_the_body_is_still_the_locking_field(api_world, api_client_for):
    client = api_client_for("superuser")
    chapter = api_world.row("chapters", "draft/public").obj
    stale = client.patch(f"/api/v1/chapters/{chapter.pk}/", {"title": "x", "revision": chapter.revision + 5})
    assert stale.status_code == 409
    ok = client.patch(f"/api/v1/chapters/{chapter.pk}/", {"title": "x", "revision": chapter.revision}, format="json")
    assert ok.status_code == 200, ok.content


def test_the_messages_are_translated(api_world, api_client_for):
    client = api_client_for("superuser")
    chapter = api_world.row("chapters", "draft/public").obj
    body = {"titel": "x", "created_at": "2020-01-01T00:00:00Z"}
    for language, unknown, read_only in [
        ("nl", "Onbekend veld", "Dit veld kan hier niet gewijzigd worden"),
        ("fr", "Champ inconnu", "Ce champ ne peut pas être modifié"),
        ("en", "Unknown field", "This field cannot be changed here"),
    ]:
        response = client.patch(
            f"/api/v1/chapters/{chapter.pk}/", body, format="json", HTTP_ACCEPT_LANGUAGE=language, **headers(chapter)
        )
        assert response.status_code == 400
        assert unknown in _message(response, "titel")
        assert "title" in _message(response, "titel"), "the message lists the fields one can write"
        assert read_only in _message(response, "created_at")
