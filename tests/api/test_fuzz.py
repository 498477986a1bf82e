"""Schema-driven fuzzing with schemathesis: every GET operation of /api/v1/schema/, as a citizen and as a
zone advisor with a token, against tests/api/world.py's plans. No answer may be a 5xx, and every answer
must match the schema (status code, content type, headers and body).

Bounded: MAX_EXAMPLES generated requests per operation and user, with Hypothesis derandomized (a fixed
seed) and no deadline. Detail operations get real ids of the world (visible and hidden rows) as well as
generated ones.
"""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

pytestmark = pytest.mark.fuzz

MAX_EXAMPLES = 15
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]
FUZZ_SETTINGS = settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)


def wsgi_app(environ, start_response):
    """Django's WSGI application, minus the connection cleanup that would end the test's transaction
    (Django's own test client does the same)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        response = _APPLICATION(environ, start_response)
        try:
            return list(response)
        finally:
            response.close()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


_APPLICATION = get_wsgi_application()


def _get_operations():
    """GET operations of the schema, by path; generated here (no request) so each is a named case."""
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    return sorted(path for path, item in schema["paths"].items() if "get" in item)


GET_PATHS = _get_operations()


@pytest.fixture(scope="module")
def fuzz_schema(api_world):
    loaded = schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", wsgi_app)
    return loaded.include(method="GET")


@pytest.fixture
def token_headers(api_world, db):
    from knox.models import AuthToken

    _, key = AuthToken.objects.create(user=api_world.users["advisor_a"])
    return {"Authorization": f"Token {key}"}


def _known_ids(world, path):
    """Ids of the world's rows for a detail path (/api/v1/<resource>/{id}/...), visible or not."""
    resource = path.removeprefix("/api/v1/").split("/")[0]
    return sorted(row.obj.pk for row in world.rows.get(resource, {}).values())


@pytest.mark.parametrize("user", ["anonymous", "advisor_token"])
@pytest.mark.parametrize("path", GET_PATHS)
def test_get_operation_conforms_to_schema(fuzz_schema, api_world, token_headers, db, path, user):
    operation = fuzz_schema["/api/v1" + path.removeprefix("/api/v1")]["GET"]
    strategies = [operation.as_strategy()]
    if "{id}" in path:
        strategies += [operation.as_strategy(path_parameters={"id": pk}) for pk in _known_ids(api_world, path)]
    headers = token_headers if user == "advisor_token" else {}
    seen = []

    @FUZZ_SETTINGS
    @given(case=st.one_of(strategies))
    def run(case):
        response = case.call(headers=headers)
        seen.append(response.status_code)
        case.validate_response(response, checks=CHECKS, headers=headers)

    run()
    assert seen, "no request was made"
    if "{id}" not in path and "{year}" not in path:
        assert 200 in seen, f"no successful answer among {sorted(set(seen))}"


def test_the_fuzzed_app_sees_the_world_and_the_token(api_world, token_headers, db):
    """The fuzz runs against real rows: through the same WSGI app, the token reaches zone A's draft."""
    from werkzeug import Client

    draft = api_world.plans["draft"]
    client = Client(wsgi_app)
    assert client.get(f"/api/v1/plans/{draft.pk}/", headers=token_headers).status_code == 200
    assert client.get(f"/api/v1/plans/{draft.pk}/").status_code == 404
