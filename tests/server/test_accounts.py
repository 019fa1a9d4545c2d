"""Accounts through the HTTP API: signing in and out, token rotation and revocation,
deactivation, password changes, login limits, account scopes, and the production checks.

Tests that change an account (deactivate it, change its password) make their own account,
so the shared ones of the world stay as they are for every other test of the module.
"""

from __future__ import annotations

import secrets
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jwt as pyjwt
import pytest
from flask import Flask
from flask.testing import FlaskClient
from flask_jwt_extended import decode_token
from sqlalchemy.orm import Session
from werkzeug.test import TestResponse

from server.accounts.models import User
from server.app import create_app
from server.config import DEVELOPMENT_SECRET, ConfigurationError
from server.extensions import limiter
from tests.server.conftest import PASSWORD, World, bearer, login

LOGIN = "/api/v1/auth/login"
NEW_PASSWORD = "a brand new passphrase"
ERROR_KEYS = {"status", "code", "message", "details"}


@pytest.fixture(scope="module")
def admin(client: FlaskClient, world: World) -> dict[str, str]:
    """The national administrator's Authorization header (one sign-in for the module)."""
    return bearer(login(client, "admin")["access_token"])


def make_account(client: FlaskClient, admin: dict[str, str], username: str, *,
                 password: str = PASSWORD) -> dict[str, Any]:
    """A new CAF of commune 010201, made by the national administrator."""
    response = client.post("/api/v1/users", headers=admin, json={
        "username": username, "full_name": username.title(), "password": password,
        "role": "caf", "area_code": "010201"})
    assert response.status_code == 201, response.json
    return response.json  # type: ignore[no-any-return]


def me(client: FlaskClient, access_token: str) -> TestResponse:
    return client.get("/api/v1/auth/me", headers=bearer(access_token))


def refresh(client: FlaskClient, refresh_token: str) -> TestResponse:
    return client.post("/api/v1/auth/refresh", headers=bearer(refresh_token))


def attempt(client: FlaskClient, username: str, password: str,
            address: str = "127.0.0.1") -> TestResponse:
    """A sign-in from `address`, whatever its outcome."""
    return client.post(LOGIN, json={"username": username, "password": password},
                       environ_base={"REMOTE_ADDR": address})


def assert_error(response: TestResponse, status: int, code: str | None = None) -> None:
    assert response.status_code == status, response.json
    assert response.is_json and set(response.json) == ERROR_KEYS, response.data
    assert response.json["status"] == status
    if code is not None:
        assert response.json["code"] == code, response.json


# --------------------------------------------------------------------------- signing in


def test_login_returns_tokens_and_the_user_with_role_and_scope(app: Flask, client: FlaskClient,
                                                               world: World) -> None:
    tokens = login(client, "dmk")
    assert tokens["token_type"] == "Bearer"
    with app.app_context():
        access = decode_token(tokens["access_token"])
        assert decode_token(tokens["refresh_token"])["type"] == "refresh"
    assert access["type"] == "access" and access["sub"] == world.users["dmk"]
    # expires_in tells the client when the access token it holds stops working.
    assert tokens["expires_in"] == access["exp"] - access["iat"] > 0
    user = tokens["user"]
    assert (user["id"], user["username"], user["role"], user["area_code"], user["unit_id"]) == (
        world.users["dmk"], "dmk", "dmk_officer", "0102", None)
    assert not {"password", "password_hash"} & set(user)

    response = me(client, tokens["access_token"])
    assert response.status_code == 200
    assert response.json == user


def test_username_is_matched_ignoring_case_and_surrounding_spaces(client: FlaskClient,
                                                                  world: World) -> None:
    tokens = login(client, "  EDitor ")
    assert tokens["user"]["username"] == "editor"
    assert tokens["user"]["role"] == "unit_editor"
    assert tokens["user"]["unit_id"] == world.units["home"]
    assert me(client, tokens["access_token"]).json["id"] == world.users["editor"]


def test_wrong_password_and_unknown_username_look_the_same(client: FlaskClient,
                                                           world: World) -> None:
    wrong_password = client.post(LOGIN, json={"username": "caf", "password": "not it at all"})
    unknown_user = client.post(LOGIN, json={"username": "nobody", "password": "not it at all"})
    assert_error(wrong_password, 401, "unauthorized")
    assert unknown_user.status_code == wrong_password.status_code
    assert unknown_user.json == wrong_password.json
    assert "caf" not in wrong_password.json["message"]


# --------------------------------------------------------------------------- tokens


def test_refresh_rotates_and_reusing_a_spent_token_ends_the_sign_in(client: FlaskClient,
                                                                   world: World) -> None:
    first = login(client, "focal")
    response = refresh(client, first["refresh_token"])
    assert response.status_code == 200, response.json
    second = response.json
    assert second["refresh_token"] != first["refresh_token"]
    assert second["access_token"] != first["access_token"]
    assert second["user"]["id"] == world.users["focal"]
    assert me(client, second["access_token"]).status_code == 200

    # The spent refresh token comes back (a stolen copy): refused, and the sign-in ends.
    assert_error(refresh(client, first["refresh_token"]), 401)
    assert_error(refresh(client, second["refresh_token"]), 401)


def test_access_and_refresh_tokens_are_not_interchangeable(app: Flask, client: FlaskClient,
                                                           world: World) -> None:
    tokens = login(client, "province")
    assert_error(refresh(client, tokens["access_token"]), 401)
    assert_error(me(client, tokens["refresh_token"]), 401)
    # Neither refusal spent or revoked anything.
    assert me(client, tokens["access_token"]).status_code == 200
    assert refresh(client, tokens["refresh_token"]).status_code == 200


def test_a_forged_or_expired_token_is_refused(app: Flask, client: FlaskClient,
                                              world: World) -> None:
    tokens = login(client, "caf")
    with app.app_context():
        claims = decode_token(tokens["access_token"])
    forged = pyjwt.encode(claims, "a key that is not the server's " * 2, algorithm="HS256")
    assert_error(me(client, forged), 401)
    now = int(time.time())
    expired = pyjwt.encode({**claims, "iat": now - 3600, "nbf": now - 3600, "exp": now - 60},
                           app.config["JWT_SECRET_KEY"], algorithm="HS256")
    assert_error(me(client, expired), 401, "token_expired")
    assert me(client, tokens["access_token"]).status_code == 200


def test_logout_ends_that_sign_in_only(client: FlaskClient, world: World) -> None:
    this_one = login(client, "caf")
    other_one = login(client, "caf")
    response = client.post("/api/v1/auth/logout", headers=bearer(this_one["access_token"]))
    assert response.status_code == 204

    assert_error(me(client, this_one["access_token"]), 401)
    assert_error(refresh(client, this_one["refresh_token"]), 401)
    assert me(client, other_one["access_token"]).status_code == 200
    assert refresh(client, other_one["refresh_token"]).status_code == 200


# --------------------------------------------------------------------------- account changes


def test_deactivating_an_account_ends_its_sign_ins_at_once(client: FlaskClient,
                                                           admin: dict[str, str]) -> None:
    account = make_account(client, admin, "leaving.caf")
    tokens = login(client, "leaving.caf")
    assert me(client, tokens["access_token"]).status_code == 200

    response = client.patch(f"/api/v1/users/{account['id']}", headers=admin,
                            json={"active": False})
    assert response.status_code == 200 and response.json["active"] is False
    assert_error(me(client, tokens["access_token"]), 401)
    assert_error(refresh(client, tokens["refresh_token"]), 401)
    # The right password gets the same answer as a wrong one: no hint the account exists.
    inactive = client.post(LOGIN, json={"username": "leaving.caf", "password": PASSWORD})
    wrong = client.post(LOGIN, json={"username": "leaving.caf", "password": "not it at all"})
    assert_error(inactive, 401)
    assert inactive.json == wrong.json

    response = client.patch(f"/api/v1/users/{account['id']}", headers=admin,
                            json={"active": True})
    assert response.status_code == 200 and response.json["active"] is True
    again = login(client, "leaving.caf")
    assert me(client, again["access_token"]).status_code == 200


def test_reactivating_an_account_does_not_revive_the_sign_ins_it_ended(
        client: FlaskClient, admin: dict[str, str]) -> None:
    # A laptop is lost: the account is deactivated, then reactivated for its owner.
    account = make_account(client, admin, "returning.caf")
    lost_laptop = login(client, "returning.caf")
    for active in (False, True):
        response = client.patch(f"/api/v1/users/{account['id']}", headers=admin,
                                json={"active": active})
        assert response.status_code == 200
    assert_error(refresh(client, lost_laptop["refresh_token"]), 401)
    assert_error(me(client, lost_laptop["access_token"]), 401)


def test_a_refused_password_change_changes_nothing(client: FlaskClient,
                                                   admin: dict[str, str]) -> None:
    make_account(client, admin, "careful.caf")
    tokens = login(client, "careful.caf")
    header = bearer(tokens["access_token"])

    wrong_old = client.post("/api/v1/auth/password", headers=header, json={
        "old_password": "not the password", "new_password": NEW_PASSWORD})
    assert_error(wrong_old, 400, "wrong_password")
    too_short = client.post("/api/v1/auth/password", headers=header, json={
        "old_password": PASSWORD, "new_password": "short"})
    assert_error(too_short, 400)
    assert "at least 10 characters" in too_short.json["message"]

    assert me(client, tokens["access_token"]).status_code == 200
    assert_error(client.post(LOGIN, json={"username": "careful.caf", "password": "short"}), 401)
    login(client, "careful.caf", PASSWORD)


def test_a_password_change_ends_every_earlier_sign_in(client: FlaskClient,
                                                      admin: dict[str, str]) -> None:
    make_account(client, admin, "changing.caf")
    here = login(client, "changing.caf")
    elsewhere = login(client, "changing.caf")
    # Tokens carry their issue time in whole seconds: let a second pass, so the tokens
    # above were issued strictly before the change.
    time.sleep(1.1)

    response = client.post("/api/v1/auth/password", headers=bearer(here["access_token"]),
                           json={"old_password": PASSWORD, "new_password": NEW_PASSWORD})
    assert response.status_code == 204, response.json

    assert_error(me(client, here["access_token"]), 401)
    assert_error(me(client, elsewhere["access_token"]), 401)
    assert_error(refresh(client, here["refresh_token"]), 401)
    assert_error(refresh(client, elsewhere["refresh_token"]), 401)
    assert_error(client.post(LOGIN, json={"username": "changing.caf", "password": PASSWORD}),
                 401)
    fresh = login(client, "changing.caf", NEW_PASSWORD)
    assert me(client, fresh["access_token"]).status_code == 200


def test_passwords_are_stored_as_argon2id_hashes(app: Flask, client: FlaskClient,
                                                 admin: dict[str, str]) -> None:
    account = make_account(client, admin, "hashed.caf")
    assert not {"password", "password_hash"} & set(account)
    with Session(app.extensions["isaf_engine"]) as session:
        stored = session.get(User, account["id"])
        assert stored is not None
        assert stored.password_hash.startswith("$argon2id$")
        assert PASSWORD not in stored.password_hash


# --------------------------------------------------------------------------- login limits


@pytest.fixture
def limited(module_database_url: str, world: World) -> Iterator[FlaskClient]:
    """A server on the world's database allowing 3 failed sign-ins per account and 5 per
    address in 15 minutes (its counts start from nothing)."""
    application = create_app({"DATABASE_URL": module_database_url, "ISAF_ENV": "testing",
                              "LOGIN_LIMIT_PER_ACCOUNT": "3 per 15 minutes",
                              "LOGIN_LIMIT_PER_ADDRESS": "5 per 15 minutes"})
    yield application.test_client()
    application.extensions["isaf_engine"].dispose()


def test_failed_logins_lock_the_account_even_for_the_right_password(
        limited: FlaskClient) -> None:
    # Spelling the username differently does not buy more guesses.
    for spelling in ("province", "PROVINCE", " Province "):
        assert_error(attempt(limited, spelling, "a wrong guess", "10.0.0.1"), 401)
    # The limit follows the account, not the address the guesses came from.
    locked = attempt(limited, "province", PASSWORD, "10.0.0.2")
    assert_error(locked, 429, "too_many_requests")
    assert "province" not in locked.json["message"].lower()
    # Other accounts still sign in from the guessing address.
    assert attempt(limited, "dmk", PASSWORD, "10.0.0.1").status_code == 200

    # An account that does not exist is limited the same way, with the same answer.
    for _ in range(3):
        assert_error(attempt(limited, "no.such.user", "a wrong guess", "10.0.0.3"), 401)
    unknown = attempt(limited, "no.such.user", "a wrong guess", "10.0.0.3")
    assert_error(unknown, 429, "too_many_requests")
    assert unknown.json == locked.json


def test_failures_over_many_usernames_hit_the_address_limit(limited: FlaskClient) -> None:
    for username in ("guess1", "guess2", "guess3", "caf", "dmk"):
        assert_error(attempt(limited, username, "a wrong guess", "10.0.0.9"), 401)
    assert_error(attempt(limited, "focal", PASSWORD, "10.0.0.9"), 429, "too_many_requests")
    # Another address is not held back by this one's failures.
    assert attempt(limited, "focal", PASSWORD, "10.0.0.10").status_code == 200


def test_successful_logins_do_not_count(limited: FlaskClient) -> None:
    for _ in range(2):
        assert_error(attempt(limited, "caf", "a wrong guess"), 401)
    # Three successes: counted, they would exceed both the account's limit (3) and, with
    # the failures, the address's (5).
    for _ in range(3):
        assert attempt(limited, "caf", PASSWORD).status_code == 200
    assert_error(attempt(limited, "caf", "a wrong guess"), 401)
    assert_error(attempt(limited, "caf", PASSWORD), 429, "too_many_requests")


# --------------------------------------------------------------------------- managing users


@pytest.mark.parametrize(("scope", "needed"), [
    ({"role": "unit_editor"}, "unit"),
    ({"role": "unit_editor", "unit_id": "8f0e6a52-5bb4-4d3e-9d0c-5f1c3e7d2a10"}, "existing unit"),
    ({"role": "dmk_officer", "area_code": "010201"}, "district"),
    ({"role": "provincial_officer"}, "province"),
    ({"role": "national_admin", "area_code": "01"}, "no area"),
], ids=["editor-without-unit", "editor-unknown-unit", "dmk-with-commune",
        "province-without-area", "admin-with-area"])
def test_a_scope_that_does_not_fit_the_role_is_refused(client: FlaskClient,
                                                       admin: dict[str, str],
                                                       scope: dict[str, str],
                                                       needed: str) -> None:
    username = f"misfit.{uuid.uuid4().hex[:8]}"
    response = client.post("/api/v1/users", headers=admin, json={
        "username": username, "full_name": "Misfit", "password": PASSWORD, **scope})
    assert response.status_code in (400, 422), response.json
    assert_error(response, response.status_code)
    assert needed in response.json["message"]
    listed = client.get("/api/v1/users", headers=admin, query_string={"role": scope["role"]})
    assert username not in {user["username"] for user in listed.json}


def test_a_taken_username_is_refused(client: FlaskClient, admin: dict[str, str]) -> None:
    response = client.post("/api/v1/users", headers=admin, json={
        "username": " DMK ", "full_name": "Another", "password": PASSWORD,
        "role": "dmk_officer", "area_code": "0103"})
    assert_error(response, 409, "conflict")
    assert "dmk" in response.json["message"]
    listed = client.get("/api/v1/users", headers=admin, query_string={"role": "dmk_officer"})
    assert [user["area_code"] for user in listed.json if user["username"] == "dmk"] == ["0102"]


def test_users_are_listed_by_role_and_area(client: FlaskClient, world: World,
                                           admin: dict[str, str]) -> None:
    everyone = client.get("/api/v1/users", headers=admin).json
    assert set(world.users) <= {user["username"] for user in everyone}

    officers = client.get("/api/v1/users", headers=admin,
                          query_string={"role": "provincial_officer"}).json
    assert {user["username"] for user in officers} >= {"province", "province_delegated"}
    assert {user["role"] for user in officers} == {"provincial_officer"}

    district = client.get("/api/v1/users", headers=admin,
                          query_string={"area_code": "0102"}).json
    names = {user["username"] for user in district}
    assert names >= {"focal", "caf", "dmk"}  # the district, and its communes
    assert not names & {"province", "province_delegated", "admin"}
    # Unit editors of the district's units count as working in it too.
    assert "editor" in names
    assert all((user["area_code"] or "").startswith("0102") or user["role"] == "unit_editor"
               for user in district)

    both = client.get("/api/v1/users", headers=admin,
                      query_string={"area_code": "01", "role": "dmk_officer"}).json
    assert [user["username"] for user in both] == ["dmk"]


# --------------------------------------------------------------------------- production


@pytest.fixture
def production(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> dict[str, str]:
    """A production environment with a good key and Redis storage (tests spoil one part),
    and the configuration to build a server in it."""
    monkeypatch.setenv("ISAF_ENV", "production")
    monkeypatch.setenv("ISAF_SECRET_KEY", secrets.token_urlsafe(48))
    monkeypatch.setenv("ISAF_RATELIMIT_STORAGE", "redis://127.0.0.1:6379/0")
    # The limiter is one object bound to every application built in this process: building
    # a server rebinds it to that server's storage. Put the test servers' storage back after.
    monkeypatch.setattr(limiter, "_storage", limiter._storage)
    monkeypatch.setattr(limiter, "_limiter", limiter._limiter)
    return {"ISAF_ENV": "production", "DATABASE_URL": f"sqlite:///{tmp_path / 'prod.sqlite'}"}


@pytest.mark.parametrize(("variable", "value", "named"), [
    ("ISAF_SECRET_KEY", None, "ISAF_SECRET_KEY"),
    ("ISAF_SECRET_KEY", DEVELOPMENT_SECRET, "ISAF_SECRET_KEY"),
    ("ISAF_SECRET_KEY", "s3cr3t-but-only-31-characters!!", "ISAF_SECRET_KEY"),
    ("ISAF_RATELIMIT_STORAGE", "memory://", "ISAF_RATELIMIT_STORAGE"),
], ids=["no-key", "development-key", "short-key", "memory-storage"])
def test_production_refuses_to_start_with_an_unsafe_configuration(
        production: dict[str, str], monkeypatch: pytest.MonkeyPatch, variable: str,
        value: str | None, named: str) -> None:
    if value is None:
        monkeypatch.delenv(variable)
    else:
        monkeypatch.setenv(variable, value)
    with pytest.raises(ConfigurationError, match=named):
        create_app(production)


def test_production_starts_with_a_long_random_key_and_redis(production: dict[str, str]) -> None:
    app = create_app(production)
    try:
        assert app.config["ISAF_ENV"] == "production"
        assert app.config["JWT_SECRET_KEY"] not in (None, DEVELOPMENT_SECRET)
        assert len(app.config["JWT_SECRET_KEY"]) >= 32
    finally:
        app.extensions["isaf_engine"].dispose()


def test_production_never_signs_tokens_with_the_development_key(
        production: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> None:
    # Configured in code rather than the environment: SECRET_KEY given, JWT_SECRET_KEY not.
    monkeypatch.delenv("ISAF_ENV")
    monkeypatch.delenv("ISAF_SECRET_KEY")
    config = {**production, "SECRET_KEY": secrets.token_urlsafe(48),
              "RATELIMIT_STORAGE_URI": "redis://127.0.0.1:6379/0"}
    try:
        app = create_app(config)
    except ConfigurationError:
        return
    app.extensions["isaf_engine"].dispose()
    assert app.config["JWT_SECRET_KEY"] != DEVELOPMENT_SECRET, (
        "a production server signs its tokens with the published development key")
