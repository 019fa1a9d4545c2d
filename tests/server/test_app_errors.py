"""Every error leaves the server in one JSON shape, and the API describes itself: the OpenAPI
document and the interactive page, served without a CDN."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from server.app import create_app

ERROR_KEYS = {"status", "code", "message", "details"}
#: Every part of the API, each with a path the OpenAPI document must list.
PARTS = {
    "auth": "/api/v1/auth/login",
    "users": "/api/v1/users",
    "areas": "/api/v1/areas",
    "units": "/api/v1/units",
    "definitions": "/api/v1/definitions",
    "forms": "/api/v1/forms",
    "completeness": "/api/v1/completeness",
    "public": "/api/v1/public/forms",
}
#: Flask rules that are not API operations: the document itself and its page.
NOT_OPERATIONS = {"/api/v1/openapi.json", "/api/v1/docs", "/api/v1/docs/assets/<path:filename>"}


def assert_error(response: TestResponse, status: int, code: str) -> dict[str, Any]:
    """The error body, after checking it has the one shape."""
    assert response.status_code == status, response.data
    assert response.mimetype == "application/json", response.data
    body = response.json
    assert set(body) == ERROR_KEYS, body
    assert (body["status"], body["code"]) == (status, code), body
    assert isinstance(body["message"], str) and body["message"]
    assert isinstance(body["details"], dict)
    return body  # type: ignore[no-any-return]


@pytest.fixture
def make_app(tmp_path: Path) -> Iterator[Callable[..., Flask]]:
    """Builds a separate testing server with extra configuration (on an unused database)."""
    made: list[Flask] = []

    def build(**config: Any) -> Flask:
        application = create_app({"DATABASE_URL": f"sqlite:///{tmp_path / 'app.sqlite'}",
                                  "ISAF_ENV": "testing", **config})
        made.append(application)
        return application

    yield build
    for application in made:
        application.extensions["isaf_engine"].dispose()


# --------------------------------------------------------------------------- client errors


@pytest.mark.parametrize("url", ["/api/v1/no-such-thing", "/nothing/here"])
def test_unknown_url_is_404(client: FlaskClient, url: str) -> None:
    assert_error(client.get(url), 404, "not_found")


def test_a_missing_record_is_404_in_the_same_shape(client: FlaskClient) -> None:
    body = assert_error(client.get("/api/v1/areas/99"), 404, "not_found")
    assert "99" in body["message"]


def test_wrong_method_is_405_with_allow(client: FlaskClient) -> None:
    response = client.delete("/api/v1/auth/login")
    assert_error(response, 405, "method_not_allowed")
    allowed = {method.strip() for method in response.headers["Allow"].split(",")}
    assert "POST" in allowed and "DELETE" not in allowed


def test_a_body_over_the_limit_is_413(make_app: Callable[..., Flask]) -> None:
    client = make_app(MAX_CONTENT_LENGTH=1024 * 1024).test_client()
    response = client.post("/api/v1/auth/login", data=b"x" * (1024 * 1024 + 1),
                           content_type="application/json")
    body = assert_error(response, 413, "request_too_large")
    assert "1 MB" in body["message"]
    # Just under the limit the body is read (and refused for what it is, not its size).
    response = client.post("/api/v1/auth/login", data=b"x" * 1024,
                           content_type="application/json")
    assert response.status_code == 400


def test_the_413_message_states_a_limit_under_one_mb(make_app: Callable[..., Flask]) -> None:
    client = make_app(MAX_CONTENT_LENGTH=1024).test_client()
    response = client.post("/api/v1/auth/login", json={"username": "u" * 2000, "password": "p"})
    body = assert_error(response, 413, "request_too_large")
    # "larger than 0 MB" would tell the user nothing they can act on.
    assert "than 0 MB" not in body["message"], body["message"]


def test_invalid_fields_are_422_naming_the_field(client: FlaskClient) -> None:
    body = assert_error(client.post("/api/v1/auth/login", json={"username": "someone"}),
                        422, "invalid_request")
    assert "password" in body["details"]["fields"]["json"]
    assert "username" not in body["details"]["fields"]["json"]

    body = assert_error(client.get("/api/v1/areas", query_string={"level": "planet"}),
                        422, "invalid_request")
    assert "level" in body["details"]["fields"]["query"]


def test_malformed_json_is_400(client: FlaskClient) -> None:
    response = client.post("/api/v1/auth/login", data='{"username": "someone", ',
                           content_type="application/json")
    body = assert_error(response, 400, "invalid_json")
    assert "not valid JSON" in body["message"]


@pytest.mark.parametrize(("authorization", "message"), [
    (None, "sign in first"),
    ("Bearer not-a-token", "not valid"),
    ("Basic dXNlcjpwYXNz", "sign in first"),
], ids=["missing", "garbage", "not-bearer"])
def test_no_usable_token_is_401(client: FlaskClient, authorization: str | None,
                                message: str) -> None:
    headers = {"Authorization": authorization} if authorization else {}
    body = assert_error(client.get("/api/v1/auth/me", headers=headers), 401, "unauthorized")
    assert message in body["message"]


# --------------------------------------------------------------------------- server errors


def test_an_unexpected_error_is_500_without_its_details(make_app: Callable[..., Flask],
                                                       caplog: pytest.LogCaptureFixture) -> None:
    app = make_app()

    @app.route("/api/v1/explode")
    def explode() -> str:
        raise RuntimeError("database password is hunter2 in /srv/isaf/settings.py")

    body = assert_error(app.test_client().get("/api/v1/explode"), 500, "server_error")
    for leak in ("hunter2", "RuntimeError", "Traceback", "settings.py"):
        assert leak not in body["message"] and leak not in str(body["details"])
    # The operator, not the user, gets the details: in the server's log.
    assert "hunter2" in caplog.text and "Traceback" in caplog.text


# --------------------------------------------------------------------------- API description


def openapi_path(rule: str) -> str:
    """A Flask rule written as an OpenAPI path: <string:form_id> -> {form_id}."""
    return re.sub(r"<(?:[^:<>]+:)?([^<>]+)>", r"{\1}", rule)


def test_openapi_document_lists_every_operation(app: Flask, client: FlaskClient) -> None:
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    document = response.json
    assert document["components"]["securitySchemes"]["bearerAuth"] == {
        "type": "http", "scheme": "bearer", "bearerFormat": "JWT"}
    paths = document["paths"]
    for part, path in PARTS.items():
        assert path in paths, f"the {part} part is missing from the OpenAPI document"
    assert openapi_path("/api/v1/forms/<string:form_id>/<any(submit, return):action>") == (
        "/api/v1/forms/{form_id}/{action}")
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/api/v1/") or rule.rule in NOT_OPERATIONS:
            continue
        path = openapi_path(rule.rule)
        assert path in paths, f"{rule.rule} is not in the OpenAPI document"
        methods = {method.lower() for method in rule.methods or ()} - {"head", "options"}
        assert methods <= set(paths[path]), f"{rule.rule}: {methods} vs {set(paths[path])}"


def test_openapi_document_says_which_operations_need_a_token(client: FlaskClient) -> None:
    """What the document calls public answers without a token; the rest asks for one."""
    filler = {"form_id": "00000000-0000-4000-8000-000000000000", "user_id": "nobody",
              "unit_id": "00000000-0000-4000-8000-000000000000", "code": "01",
              "form": "health_center", "version": "1", "action": "submit",
              "quarantine_id": "00000000-0000-4000-8000-000000000000"}
    document = client.get("/api/v1/openapi.json").json
    checked = 0
    for path, operations in document["paths"].items():
        url = re.sub(r"{(\w+)}", lambda match: filler[match.group(1)], path)
        for method, operation in operations.items():
            if method not in {"get", "post", "patch", "put", "delete"}:
                continue
            response = client.open(url, method=method.upper(), json={})
            secured = {"bearerAuth": []} in operation.get("security", [])
            if secured:
                # The request's fields may be checked before the token (422), but nothing
                # is done without one.
                assert response.status_code in (401, 422), (method, path, response.json)
            else:
                assert response.status_code != 401, (method, path, response.json)
            checked += 1
    assert checked >= 20


def test_interactive_api_page_loads_its_scripts_locally(client: FlaskClient) -> None:
    page = client.get("/api/v1/docs")
    assert page.status_code == 200 and page.mimetype == "text/html"
    html = page.get_data(as_text=True)
    assert "/api/v1/openapi.json" in html
    scripts = re.findall(r'<script[^>]*\bsrc="([^"]+)"', html)
    assert scripts, html
    for src in scripts:
        assert src.startswith("/"), f"{src} would need the internet"
        with client.get(src) as script:
            assert script.status_code == 200, src
            assert script.mimetype in ("text/javascript", "application/javascript"), src
            assert len(script.data) > 10_000, src
    for href in re.findall(r'<link[^>]*\bhref="([^"]+)"', html):
        assert href.startswith("/")
        with client.get(href) as stylesheet:
            assert stylesheet.status_code == 200, href
