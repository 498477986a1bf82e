"""Every part an advisor edits in the browser is writable through the API.

Derived from the editor's SECTIONS (and the zone profile's forms), so a new section or a new form field is
covered at once: each field of the section's form (and of its formset's rows) must be a writable field of
the endpoint that serves the model, as the endpoint's OPTIONS states it.
"""

import pytest
from django.urls import resolve
from rest_framework.test import APIClient

from editor.sections import SECTIONS
from tests import factories as f
from zones.forms import MunicipalityForm, ZoneForm

from . import ENDPOINTS


def endpoint_of(model) -> str:
    for name in ENDPOINTS:
        view = resolve(f"/api/v1/{name}/").func
        if view.cls.queryset.model is model:
            return name
    raise AssertionError(f"no API endpoint serves {model.__name__}")


def writable_fields(client, endpoint) -> dict:
    response = client.options(f"/api/v1/{endpoint}/")
    assert response.status_code == 200, response.content
    fields = response.json()["actions"]["POST"]
    return {name: info for name, info in fields.items() if not info.get("read_only")}


def forms_of(section):
    yield section.model, section.form_class, set()
    if section.formset_class is not None:
        formset = section.formset_class
        yield formset.model, formset.form, {formset.fk.name}


CASES = [
    pytest.param(model, form, skip, id=f"{slug}-{model.__name__}")
    for slug, section in SECTIONS.items()
    for model, form, skip in forms_of(section)
]
CASES += [
    pytest.param(form._meta.model, form, set(), id=f"zone-profile-{form.__name__}")
    for form in (ZoneForm, MunicipalityForm)
]


@pytest.fixture
def client(db):
    client = APIClient()
    client.force_authenticate(f.UserFactory(superuser=True))
    return client


@pytest.mark.parametrize(("model", "form", "skip"), CASES)
def test_every_field_of_the_editor_form_is_writable_in_the_api(client, model, form, skip):
    writable = writable_fields(client, endpoint_of(model))
    missing = sorted(set(form.base_fields) - skip - set(writable))
    assert not missing, f"{form.__name__}: not writable through /api/v1/{endpoint_of(model)}/: {missing}"


def test_sub_municipalities_are_writable_nested_on_the_municipality(client):
    nested = writable_fields(client, "municipalities")["sub_municipalities"]
    children = nested["child"]["children"]
    assert {name for name, info in children.items() if not info.get("read_only")} >= {"id", "name", "postal_code"}


@pytest.mark.django_db
def test_the_zone_logo_is_uploaded_and_removed_through_the_api(zone_a, advisor):
    from io import BytesIO

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    buffer = BytesIO()
    Image.new("RGB", (4, 4), "blue").save(buffer, "PNG")
    client = APIClient()
    client.force_authenticate(advisor)
    url = f"/api/v1/zones/{zone_a.pk}/"
    logo = SimpleUploadedFile("logo.png", buffer.getvalue(), content_type="image/png")
    response = client.patch(url, {"logo": logo, "revision": zone_a.revision}, format="multipart")
    assert response.status_code == 200, response.content
    zone_a.refresh_from_db()
    assert zone_a.logo.name.endswith(".png") and response.json()["logo"]
    response = client.patch(url, {"logo": None, "revision": zone_a.revision}, format="json")
    assert response.status_code == 200, response.content
    zone_a.refresh_from_db()
    assert not zone_a.logo and response.json()["logo"] is None
