"""A schema-driven fuzz run over the OpenAPI document (schemathesis): requests generated
from every operation's schema, sent with a signed-in account, must never meet a server
error (5xx). The number of requests sent is counted and must reach 1,000; the figure of
the last run is recorded in docs/API.md."""

from __future__ import annotations

import os
from typing import Any

import pytest
import schemathesis
from flask import Flask
from hypothesis import HealthCheck, settings

from tests.server.conftest import login, seed_world

EXAMPLES_PER_OPERATION = int(os.environ.get("ISAF_FUZZ_EXAMPLES", "45"))
SENT: dict[str, Any] = {"requests": 0, "by_status": {}}


@pytest.fixture(scope="module")
def fuzz_app(app: Flask) -> Flask:
    seed_world(app.extensions["isaf_engine"])
    client = app.test_client()
    # A district officer reaches the most: reading, writing and moving forms in a district.
    app.config["FUZZ_TOKEN"] = login(client, "dmk")["access_token"]
    return app


@pytest.fixture(scope="module")
def api_schema(fuzz_app: Flask) -> Any:
    return schemathesis.openapi.from_wsgi("/api/v1/openapi.json", fuzz_app)


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(max_examples=EXAMPLES_PER_OPERATION, deadline=None, derandomize=True,
          suppress_health_check=list(HealthCheck), database=None)
def test_no_generated_request_meets_a_server_error(case: Any, fuzz_app: Flask) -> None:
    headers = {"Authorization": f"Bearer {fuzz_app.config['FUZZ_TOKEN']}"}
    if case.path in ("/api/v1/auth/logout", "/api/v1/auth/password"):
        # Signing the fuzzing account out would leave every later request at 401.
        headers = {}
    response = case.call(headers=headers)
    SENT["requests"] += 1
    SENT["by_status"][response.status_code] = SENT["by_status"].get(response.status_code, 0) + 1
    assert response.status_code < 500, (case.method, case.formatted_path, response.text[:500])


def test_the_fuzz_run_sent_enough_requests() -> None:
    # Runs after the generated tests of this module (pytest keeps file order).
    if SENT["requests"] == 0:
        pytest.skip("the fuzz run did not run in this session (deselected)")
    print(f"\nfuzz: {SENT['requests']} requests, by status {sorted(SENT['by_status'].items())}")
    assert SENT["requests"] >= 1000
