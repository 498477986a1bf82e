"""The OpenAPI 3 schema at /api/v1/schema/: valid, without warnings, describing every operation."""

import json

import pytest
import yaml
from django.core.management import call_command
from rest_framework.test import APIClient

from . import ENDPOINTS

METHODS = {"get", "put", "post", "delete", "patch", "head", "options", "trace"}


@pytest.fixture(scope="module")
def schema():
    response = APIClient().get("/api/v1/schema/", {"format": "json"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    return json.loads(response.content)


def operations(schema):
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            if method in METHODS:
                yield method.upper(), path, operation


def test_spectacular_validates_without_warnings(tmp_path):
    target = tmp_path / "schema.yml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(target))
    assert yaml.safe_load(target.read_text())["openapi"].startswith("3.")


def test_every_operation_has_a_description_and_a_success_response(schema):
    missing = [f"{m} {p}" for m, p, op in operations(schema) if len(op.get("description", "").strip()) < 20]
    assert not missing, missing
    no_success = [f"{m} {p}" for m, p, op in operations(schema) if not any(c.startswith("2") for c in op["responses"])]
    assert not no_success, no_success


def test_schema_documents_the_whole_api(schema):
    paths = set(schema["paths"])
    for endpoint in ENDPOINTS:
        assert f"/api/v1/{endpoint}/" in paths
        assert f"/api/v1/{endpoint}/{{id}}/" in paths
    for step in (
        "submit",
        "return",
        "approve",
        "publish",
        "archive",
        "ministerial-approval",
        "revision",
        "addendum",
        "values/{year}",
        "values/{year}/approve",
        "financial-totals",
    ):
        assert f"/api/v1/plans/{{id}}/{step}/" in paths
    assert "/api/v1/comments/{id}/resolve/" in paths
    assert {"post", "get"} <= set(schema["paths"]["/api/v1/priorities/{id}/comments/"])
    assert {"post", "get"} <= set(schema["paths"]["/api/v1/indicators/{id}/comments/"])
    assert "knoxApiToken" in schema["components"]["securitySchemes"]
    assert "200" in schema["info"]["description"]  # the documented maximum page size


def test_lists_document_filters_and_the_page_size_maximum(schema):
    parameters = {p["name"]: p for p in schema["paths"]["/api/v1/action-plans/"]["get"]["parameters"]}
    assert {"zone", "plan", "year", "domain", "theme", "kind", "status", "q", "ordering", "page", "page_size"} <= set(
        parameters
    )
    assert "at most 200" in parameters["page_size"]["description"]
    for path in ("/api/v1/plans/", "/api/v1/priorities/", "/api/v1/indicators/", "/api/v1/series/"):
        names = {p["name"] for p in schema["paths"][path]["get"]["parameters"]}
        assert {"q", "page_size"} <= names, path


def test_updates_document_the_locking(schema):
    patch = schema["paths"]["/api/v1/chapters/{id}/"]["patch"]
    assert {"409", "412", "428"} <= set(patch["responses"])
    assert "If-Match" in {p["name"] for p in patch["parameters"]}


def test_docs_are_served_without_a_cdn():
    for url in ("/api/v1/docs/", "/api/v1/redoc/"):
        response = APIClient().get(url)
        assert response.status_code == 200
        page = response.content.decode()
        assert "drf_spectacular_sidecar" in page
        assert "cdn.jsdelivr" not in page and "unpkg.com" not in page


def test_request_bodies_take_only_their_own_fields(schema):
    """The schema states that a write refuses fields it does not list (the API answers 400 naming them)."""
    components = schema["components"]["schemas"]
    requests = {name: c for name, c in components.items() if name.endswith("Request") and c.get("type") == "object"}
    assert {"MunicipalityRequest", "PatchedMunicipalityRequest", "TransitionRequest", "BulkValueRequest"} <= set(
        requests
    )
    assert all(c.get("additionalProperties") is False for c in requests.values())
    assert "Nothing is dropped" in schema["info"]["description"]


def test_sub_municipalities_are_written_nested_on_the_municipality(schema):
    components = schema["components"]["schemas"]
    nested = components["PatchedMunicipalityRequest"]["properties"]["sub_municipalities"]
    assert nested["type"] == "array"
    row = components[nested["items"]["$ref"].rsplit("/", 1)[-1]]
    assert set(row["properties"]) == {"id", "name", "postal_code"}
    assert row["required"] == ["name"]
