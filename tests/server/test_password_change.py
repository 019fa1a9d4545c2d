"""Passwords an administrator chose, and people choosing their own, through the HTTP API
and the `isaf` command: the "must change password" flag is set by an administrator's
account or reset, held by the server on every endpoint (403 password_change_required, for
every route of the OpenAPI document but the change itself, who am I, refresh and sign
out), and cleared by the person's own change, which can go on with a new sign-in.

Every test makes its own accounts, so the world's stay as they are.
"""

from __future__ import annotations

import time
import uuid
from typing import Any

import pytest
from click.testing import CliRunner
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session
from werkzeug.test import TestResponse

from server.accounts.models import User
from server.app import create_app
from server.cli import main as isaf
from tests.server.conftest import PASSWORD, World, bearer, login

PASSWORD_PATH = "/api/v1/auth/password"
NEW_PASSWORD = "a password of my own"
#: What an account that must change its password may still call.
ALLOWED = {("POST", "/api/v1/auth/password"), ("GET", "/api/v1/auth/me"),
           ("POST", "/api/v1/auth/logout"), ("POST", "/api/v1/auth/refresh"),
           ("POST", "/api/v1/auth/login")}


def _operations() -> list[tuple[str, str, bool]]:
    """Every operation of the API (method, path, whether it needs a token), from its
    OpenAPI document: a new endpoint is tested without anyone listing it here."""
    app = create_app({"DATABASE_URL": "sqlite://", "ISAF_ENV": "testing"})
    document = app.test_client().get("/api/v1/openapi.json").get_json()
    app.extensions["isaf_engine"].dispose()
    return [(method.upper(), path, bool(operation.get("security")))
            for path, item in document["paths"].items()
            for method, operation in item.items()
            if method in ("get", "post", "put", "patch", "delete")]


OPERATIONS = _operations()
GATED = [(method, path) for method, path, secured in OPERATIONS
         if secured and (method, path) not in ALLOWED]
PUBLIC = [(method, path) for method, path, secured in OPERATIONS
          if not secured and (method, path) not in ALLOWED]


@pytest.fixture(scope="module")
def admin(client: FlaskClient, world: World) -> dict[str, str]:
    return bearer(login(client, "admin")["access_token"])


def make_account(client: FlaskClient, admin: dict[str, str], username: str) -> dict[str, Any]:
    """A new CAF, made by the national administrator (so it must change its password)."""
    response = client.post("/api/v1/users", headers=admin, json={
        "username": username, "full_name": username.title(), "password": PASSWORD,
        "role": "caf", "area_code": "010201"})
    assert response.status_code == 201, response.json
    return response.json  # type: ignore[no-any-return]


def change(client: FlaskClient, access: str, old: str = PASSWORD, new: str = NEW_PASSWORD,
           **extra: Any) -> TestResponse:
    return client.post(PASSWORD_PATH, headers=bearer(access),
                       json={"old_password": old, "new_password": new, **extra})


def _fill(path: str) -> str:
    """A path with its parameters filled (a random id: the gate answers before any
    lookup, so what the id names does not matter)."""
    values = {"action": "submit", "code": "01", "form": "health_center", "version": "1"}
    for name in ("user_id", "unit_id", "form_id", "quarantine_id", "action", "code", "form",
                 "version"):
        path = path.replace("{" + name + "}", values.get(name, str(uuid.uuid4())))
    assert "{" not in path, f"a path parameter this test does not fill: {path}"
    return path


@pytest.fixture(scope="module")
def held(client: FlaskClient, admin: dict[str, str]) -> dict[str, Any]:
    """The sign-in of an account that must change its password (kept for the module)."""
    make_account(client, admin, "held.caf")
    return login(client, "held.caf")


# --------------------------------------------------------------------------- the flag


def test_an_account_an_administrator_makes_must_change_its_password(
        client: FlaskClient, admin: dict[str, str]) -> None:
    made = make_account(client, admin, "new.caf")
    assert made["must_change_password"] is True
    tokens = login(client, "new.caf")
    assert tokens["user"]["must_change_password"] is True
    me = client.get("/api/v1/auth/me", headers=bearer(tokens["access_token"]))
    assert me.status_code == 200 and me.json["must_change_password"] is True


def test_the_world_s_accounts_made_by_the_service_itself_need_no_change(
        client: FlaskClient, world: World) -> None:
    assert login(client, "caf")["user"]["must_change_password"] is False


def test_a_reset_by_an_administrator_sets_the_flag_and_their_own_does_not(
        app: Flask, client: FlaskClient, admin: dict[str, str]) -> None:
    account = make_account(client, admin, "reset.caf")
    assert change(client, login(client, "reset.caf")["access_token"],
                  keep_signed_in=True).status_code == 200
    assert login(client, "reset.caf", NEW_PASSWORD)["user"]["must_change_password"] is False

    renamed = client.patch(f"/api/v1/users/{account['id']}", headers=admin,
                           json={"full_name": "Renamed"})
    assert renamed.status_code == 200 and renamed.json["must_change_password"] is False
    reset = client.patch(f"/api/v1/users/{account['id']}", headers=admin,
                         json={"password": "the administrator's choice"})
    assert reset.status_code == 200 and reset.json["must_change_password"] is True
    again = login(client, "reset.caf", "the administrator's choice")
    assert again["user"]["must_change_password"] is True

    # An administrator resetting their own password through the API chose it themselves
    # (another administrator's account: a reset ends the sign-ins of the one it resets).
    other = client.post("/api/v1/users", headers=admin, json={
        "username": "other.admin", "full_name": "Other", "password": PASSWORD,
        "role": "national_admin"})
    assert other.status_code == 201 and other.json["must_change_password"] is True
    theirs = change(client, login(client, "other.admin")["access_token"],
                    keep_signed_in=True).json
    response = client.patch(f"/api/v1/users/{other.json['id']}",
                            headers=bearer(theirs["access_token"]), json={"password": PASSWORD})
    assert response.status_code == 200 and response.json["must_change_password"] is False


# --------------------------------------------------------------------------- the gate


@pytest.mark.parametrize(("method", "path"), GATED, ids=[f"{m} {p}" for m, p in GATED])
def test_every_other_endpoint_refuses_an_account_that_must_change_its_password(
        client: FlaskClient, held: dict[str, Any], method: str, path: str) -> None:
    response = client.open(_fill(path), method=method, headers=bearer(held["access_token"]),
                           json={} if method in ("POST", "PATCH", "PUT") else None)
    assert response.status_code == 403, (method, path, response.json)
    assert response.json["code"] == "password_change_required"
    assert "choose your own password first" in response.json["message"]


@pytest.mark.parametrize(("method", "path"), PUBLIC, ids=[f"{m} {p}" for m, p in PUBLIC])
def test_public_endpoints_answer_as_they_answer_anyone(
        client: FlaskClient, held: dict[str, Any], method: str, path: str) -> None:
    anyone = client.open(_fill(path), method=method)
    with_token = client.open(_fill(path), method=method, headers=bearer(held["access_token"]))
    assert with_token.status_code == anyone.status_code
    assert with_token.status_code != 403


def test_who_am_i_and_a_refresh_still_work_and_the_refreshed_tokens_are_as_limited(
        client: FlaskClient, held: dict[str, Any]) -> None:
    assert client.get("/api/v1/auth/me", headers=bearer(held["access_token"])).status_code \
        == 200
    other = login(client, "held.caf")
    refreshed = client.post("/api/v1/auth/refresh", headers=bearer(other["refresh_token"]))
    assert refreshed.status_code == 200, refreshed.json
    units = client.get("/api/v1/units", headers=bearer(refreshed.json["access_token"]))
    assert units.status_code == 403 and units.json["code"] == "password_change_required"


def test_signing_out_is_allowed(client: FlaskClient, admin: dict[str, str]) -> None:
    make_account(client, admin, "leaving.caf")
    tokens = login(client, "leaving.caf")
    assert client.post("/api/v1/auth/logout",
                       headers=bearer(tokens["access_token"])).status_code == 204
    assert client.get("/api/v1/auth/me",
                      headers=bearer(tokens["access_token"])).status_code == 401


# --------------------------------------------------------------------------- the change


def test_the_own_change_clears_the_flag_and_goes_on_with_a_new_sign_in(
        client: FlaskClient, admin: dict[str, str]) -> None:
    make_account(client, admin, "choosing.caf")
    first = login(client, "choosing.caf", device_id=str(uuid.uuid4()))
    elsewhere = login(client, "choosing.caf")
    time.sleep(1.1)  # tokens' issue times are compared to the change in milliseconds

    response = change(client, first["access_token"], keep_signed_in=True)
    assert response.status_code == 200, response.json
    assert response.json["user"]["must_change_password"] is False
    fresh = response.json
    assert {"access_token", "refresh_token", "expires_in"} <= set(fresh)
    # The new sign-in works at once, for everything the role may do.
    assert client.get("/api/v1/units", headers=bearer(fresh["access_token"])).status_code == 200
    renewed = client.post("/api/v1/auth/refresh", headers=bearer(fresh["refresh_token"]))
    assert renewed.status_code == 200, renewed.json
    # Every earlier sign-in ended, this computer's old tokens included.
    for old in (first, elsewhere):
        assert client.get("/api/v1/auth/me",
                          headers=bearer(old["access_token"])).status_code == 401
        assert client.post("/api/v1/auth/refresh",
                           headers=bearer(old["refresh_token"])).status_code == 401
    assert client.post("/api/v1/auth/login", json={
        "username": "choosing.caf", "password": PASSWORD}).status_code == 401
    assert login(client, "choosing.caf", NEW_PASSWORD)["user"]["must_change_password"] is False


def test_the_new_sign_in_keeps_the_device_of_the_one_that_asked(
        app: Flask, client: FlaskClient, admin: dict[str, str]) -> None:
    from server.accounts.models import RefreshToken

    make_account(client, admin, "device.caf")
    device = str(uuid.uuid4())
    tokens = login(client, "device.caf", device_id=device)
    fresh = change(client, tokens["access_token"], keep_signed_in=True).json
    from flask_jwt_extended import decode_token

    with app.app_context():
        family = decode_token(fresh["refresh_token"])["fam"]
    with Session(app.extensions["isaf_engine"]) as session:
        devices = set(session.scalars(select(RefreshToken.device_id)
                                      .where(RefreshToken.family_id == family)))
    assert devices == {device}


@pytest.mark.parametrize(("old", "new", "code", "words"), [
    ("not the password", NEW_PASSWORD, "wrong_password", "the current password is wrong"),
    (PASSWORD, "short", "bad_request", "needs at least 10 characters (this one has 5)"),
    (PASSWORD, PASSWORD, "bad_request", "the same as the current one"),
])
def test_a_refused_change_says_why_and_changes_nothing(
        client: FlaskClient, admin: dict[str, str], old: str, new: str, code: str,
        words: str) -> None:
    username = f"refused.{uuid.uuid4().hex[:8]}"
    make_account(client, admin, username)
    tokens = login(client, username)
    response = change(client, tokens["access_token"], old, new, keep_signed_in=True)
    assert response.status_code == 400 and response.json["code"] == code, response.json
    assert words in response.json["message"]
    if code == "bad_request" and new == "short":
        assert response.json["details"] == {"min_length": 10}
    # Still the same sign-in, still held to the change.
    me = client.get("/api/v1/auth/me", headers=bearer(tokens["access_token"]))
    assert me.status_code == 200 and me.json["must_change_password"] is True


# --------------------------------------------------------------------------- the command


def _run(url: str, *args: str, given: str | None = None) -> Any:
    return CliRunner().invoke(isaf, ["--database-url", url, *args], input=given,
                              catch_exceptions=False)


def _flag(url: str, username: str) -> bool:
    from common.db import make_engine

    engine = make_engine(url)
    try:
        with Session(engine) as session:
            return bool(session.scalar(select(User.must_change_password)
                                       .where(User.username == username)))
    finally:
        engine.dispose()


def test_the_isaf_command_sets_the_flag_on_accounts_and_resets(database_url: str) -> None:
    assert _run(database_url, "db", "init").exit_code == 0
    made = _run(database_url, "users", "create", "boss", "--name", "Boss", "--role",
                "national_admin", "--password", "long enough password")
    assert made.exit_code == 0, made.output
    assert "a new password is asked at the first sign-in" in made.output
    assert _flag(database_url, "boss")
    kept = _run(database_url, "users", "create", "me", "--name", "Me", "--role",
                "national_admin", "--password", "long enough password", "--keep-password")
    assert kept.exit_code == 0 and not _flag(database_url, "me")

    typed = "another long password\nanother long password\n"
    reset = _run(database_url, "users", "update", "me", "--reset-password", given=typed)
    assert reset.exit_code == 0, reset.output
    assert "password reset, a new password is asked at the next sign-in" in reset.output
    assert _flag(database_url, "me")
    own = _run(database_url, "users", "update", "me", "--reset-password", "--keep-password",
               given=typed)
    assert own.exit_code == 0 and not _flag(database_url, "me")
    alone = _run(database_url, "users", "update", "me", "--keep-password")
    assert alone.exit_code == 1 and "--keep-password goes with --reset-password" in alone.output


def test_accounts_imported_from_excel_must_change_their_password(database_url: str,
                                                                 tmp_path: Any) -> None:
    from openpyxl import Workbook

    assert _run(database_url, "db", "init").exit_code == 0
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["username", "full_name", "role", "area_code", "unit_code", "password",
                  "language", "delegated_approval"])
    sheet.append(["first.admin", "First", "national_admin", None, None, None, "km", None])
    sheet.append(["second.admin", "Second", "national_admin", None, None,
                  "a long given password", "en", None])
    path = tmp_path / "accounts.xlsx"
    book.save(path)
    result = _run(database_url, "users", "import", str(path))
    assert result.exit_code == 0, result.output
    assert _flag(database_url, "first.admin") and _flag(database_url, "second.admin")
