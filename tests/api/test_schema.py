"""Schemathesis against the OpenAPI schema: no input makes the service answer 5xx."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
import schemathesis
from api_support import make_keys, settings_for
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, settings

from api.main import create_app

pytestmark = pytest.mark.slow

_DATA = Path(tempfile.mkdtemp(prefix="sopcheck-schema-"))
APP = create_app(settings_for(_DATA, document_timeout=60.0))
schema = schemathesis.openapi.from_asgi("/openapi.json", APP)


@pytest.fixture(scope="module")
def auth() -> Iterator[dict[str, str]]:
    with TestClient(APP):  # runs the lifespan: migrations, workers, audit runner
        yield {"X-API-Key": make_keys(APP).reviewer}


@schema.parametrize()
@settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_server_errors(case: schemathesis.Case, auth: dict[str, str]) -> None:
    # Generous: on a loaded 2-core CI machine one upload can queue behind others.
    response = case.call(headers=auth, timeout=180)
    assert response.status_code < 500, (case.method, case.formatted_path, response.text[:500])
    content_type = "".join(response.headers.get("content-type") or [])
    if response.status_code >= 400 and content_type.startswith("application/json"):
        body = response.json()
        assert "error" in body and body["error"]["code"] and body["error"]["message"]
