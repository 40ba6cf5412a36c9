"""Schemathesis reads /api/schema/ and sends every endpoint generated requests, valid and invalid: each answer
must be one the schema describes (status code, content type, body) and none a server error. Records that exist
are asked for by name too, so full answers are checked against the schema, not only the 404s of guessed names."""

import tempfile
from pathlib import Path

import pytest
import schemathesis
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from hypothesis.configuration import set_hypothesis_home_dir
from schemathesis import GenerationMode

from tests.interop.test_api import build_archive

pytestmark = pytest.mark.django_db

# Hypothesis keeps what it learns outside the checkout.
set_hypothesis_home_dir(Path(tempfile.gettempdir()) / "archive-tests-hypothesis")
EXAMPLES = 8  # per endpoint and mode: enough to find a crash, few enough for a few seconds in all


@pytest.fixture
def archive(settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"anonymous": "100000/minute"}}
    cache.clear()
    return build_archive()


@pytest.fixture
def api_schema(archive):
    """The schema as the site serves it, with requests sent to the WSGI application in this process. As in
    Django's test client, a finished request must not close the connection that holds the test's transaction."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield schemathesis.openapi.from_wsgi("/api/schema/", get_wsgi_application())
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def operations(api_schema):
    return [result.ok() for result in api_schema.get_all_operations()]


def test_the_schema_describes_every_endpoint(api_schema):
    assert sorted(f"{op.method.upper()} {op.path}" for op in operations(api_schema)) == [
        "GET /api/collections/", "GET /api/collections/{slug}/", "GET /api/exhibits/", "GET /api/exhibits/{slug}/",
        "GET /api/items/", "GET /api/items/{accession}/", "GET /api/places/", "GET /api/places/{id}/",
        "GET /api/search/", "GET /api/subjects/", "GET /api/subjects/{slug}/",
    ]


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_every_endpoint_answers_within_its_schema(api_schema, mode):
    for operation in operations(api_schema):
        @given(case=operation.as_strategy(generation_mode=mode))
        @settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=True,
                  suppress_health_check=list(HealthCheck))
        def answers_within_schema(case):
            case.call_and_validate()

        answers_within_schema()


def test_records_that_exist_answer_within_the_schema(api_schema, archive):
    known = {
        "/api/items/{accession}/": {"accession": "MLH-0001"},
        "/api/exhibits/{slug}/": {"slug": "เรือ"},
        "/api/collections/{slug}/": {"slug": "ports"},
        "/api/subjects/{slug}/": {"slug": "fishing"},
        "/api/places/{id}/": {"id": archive["province"].pk},
    }
    for path, parameters in known.items():
        for lang in ("en", "th", "my"):
            case = api_schema[path]["GET"].Case(path_parameters=parameters, query={"lang": lang})
            response = case.call_and_validate()
            assert response.status_code == 200, path
    for query in ({"q": "boat"}, {"q": "ประมง", "kind": "photograph"}, {}):
        response = api_schema["/api/search/"]["GET"].Case(query=query).call_and_validate()
        assert response.status_code == 200
