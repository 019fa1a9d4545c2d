"""The dashboard's sign-in and session against the usual attacks: forms posted from another
site (CSRF, login CSRF), the cookie used on the JSON API, guessing passwords, an open
redirect through `next`, and sessions that should have ended (signed out, expired,
deactivated, forged)."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import jwt as pyjwt
import pytest
from flask import Flask
from flask.testing import FlaskClient
from flask_jwt_extended import create_access_token
from sqlalchemy.orm import Session

from server.accounts.service import create_user, update_user
from server.app import create_app
from tests.server.conftest import PASSWORD, World
from tests.server.web.test_dashboard import csrf_of, final_form, sign_in

COOKIE = "isaf_session"


def session_cookie(browser: FlaskClient) -> str:
    cookie = browser.get_cookie(COOKIE)
    assert cookie is not None
    return cookie.value


def new_account(app: Flask, username: str, role: str = "dmk_officer",
                area: str | None = "0102") -> str:
    with Session(app.extensions["isaf_engine"]) as session, session.begin():
        return create_user(session, username=username, full_name=username, password=PASSWORD,
                           role=role, area_code=area).id


def test_sign_in_needs_its_own_form_token(app: Flask, world: World) -> None:
    """Login CSRF: a form posted from elsewhere (no token, or a token without the cookie
    it pairs with) signs nobody in."""
    browser = app.test_client()
    answer = browser.post("/en/dashboard/sign-in",
                          data={"username": "dmk", "password": PASSWORD})
    assert answer.status_code == 400 and 'class="error"' in answer.text
    assert browser.get_cookie(COOKIE) is None
    page = app.test_client().get("/en/dashboard/sign-in").text
    token = re.search(r'name="sign_in_token" value="([^"]+)"', page)
    assert token
    stranger = app.test_client()  # has the form's value, not the cookie
    answer = stranger.post("/en/dashboard/sign-in", data={
        "username": "dmk", "password": PASSWORD, "sign_in_token": token.group(1)})
    assert answer.status_code == 400 and stranger.get_cookie(COOKIE) is None


@pytest.mark.parametrize("target", ["//evil.example/x", "https://evil.example/",
                                    "/\\evil.example", "javascript:alert(1)",
                                    "evil.example", "/%0d%0aLocation:x"])
def test_next_never_leads_to_another_site(app: Flask, world: World, target: str) -> None:
    browser = app.test_client()
    form = browser.get(f"/en/dashboard/sign-in?next={target}")
    assert 'name="next"' not in form.text  # an unsafe `next` is dropped at once
    _, answer = sign_in(app, "dmk", next_path=target)
    assert answer.status_code == 303
    location = answer.location
    assert location in ("/en/dashboard/", "http://localhost/en/dashboard/") \
        or (location.startswith("/") and not location.startswith("//")
            and "evil" not in location.split("?")[0] and "\\" not in location)


def test_the_cookie_does_not_open_the_json_api(app: Flask, world: World) -> None:
    browser, _ = sign_in(app, "dmk")
    assert browser.get("/en/dashboard/").status_code == 200
    assert browser.get("/api/v1/forms").status_code == 401
    assert browser.get("/api/v1/auth/me").status_code == 401
    assert browser.get("/api/v1/completeness?year=2026").status_code == 401


def test_sign_out_without_csrf_changes_nothing(app: Flask, world: World) -> None:
    browser, _ = sign_in(app, "province")
    page = browser.get("/en/dashboard/").text
    refused = browser.post("/en/dashboard/sign-out")
    assert refused.status_code == 400
    wrong = browser.post("/en/dashboard/sign-out", data={"csrf_token": "forged"})
    assert wrong.status_code == 400
    assert browser.get("/en/dashboard/").status_code == 200  # still signed in
    held = session_cookie(browser)
    out = browser.post("/en/dashboard/sign-out", data={"csrf_token": csrf_of(page)})
    assert out.status_code == 303 and out.location.endswith("/en/dashboard/sign-in")
    assert browser.get("/en/dashboard/").status_code == 303
    # The old cookie, kept by someone, no longer works either: the sign-in was revoked.
    thief = app.test_client()
    thief.set_cookie(COOKIE, held)
    assert thief.get("/en/dashboard/").status_code == 303


def test_publish_and_withdraw_without_csrf_change_nothing(
        app: Flask, client: FlaskClient, world: World,
        headers: dict[str, dict[str, str]]) -> None:
    dmk = headers["dmk"]
    form = final_form(client, dmk, dmk, world.units["home"], 2018)
    browser, _ = sign_in(app, "admin")
    posted = {"year": "2018", "area": "0102", "service": "", "form_id": form["id"]}
    for data in (posted, {**posted, "csrf_token": "not-the-token"}):
        answer = browser.post("/en/dashboard/publish", data=data)
        assert answer.status_code == 400
    public = {f["id"] for f in client.get("/api/v1/public/forms?year=2018").json or []}
    assert form["id"] not in public
    page = browser.get("/en/dashboard/publish?year=2018&area=0102").text
    assert browser.post("/en/dashboard/publish", data={
        **posted, "csrf_token": csrf_of(page)}).status_code == 200
    answer = browser.post("/en/dashboard/publish/withdraw", data={
        **posted, "reason": "a test"})
    assert answer.status_code == 400
    public = {f["id"] for f in client.get("/api/v1/public/forms?year=2018").json or []}
    assert form["id"] in public


def test_failed_sign_ins_are_limited_per_account(module_database_url: str,
                                                 world: World) -> None:
    limited = create_app({"DATABASE_URL": module_database_url, "ISAF_ENV": "testing",
                          "LOGIN_LIMIT_PER_ACCOUNT": "3 per 15 minutes",
                          "LOGIN_LIMIT_PER_ADDRESS": "1000 per minute"})
    try:
        new_account(limited, "guessed")
        for _ in range(3):
            assert sign_in(limited, "guessed", "wrong password")[1].status_code == 401
        _, blocked = sign_in(limited, "guessed", PASSWORD)
        assert blocked.status_code == 429
        assert "Too many wrong passwords" in blocked.text
        assert sign_in(limited, "dmk")[1].status_code == 303  # another account is not held
    finally:
        limited.extensions["isaf_engine"].dispose()


def test_the_api_and_the_web_sign_in_share_one_count_of_failures(
        module_database_url: str, world: World) -> None:
    limited = create_app({"DATABASE_URL": module_database_url, "ISAF_ENV": "testing",
                          "LOGIN_LIMIT_PER_ACCOUNT": "3 per 15 minutes",
                          "LOGIN_LIMIT_PER_ADDRESS": "1000 per minute"})
    try:
        new_account(limited, "two.doors")
        api = limited.test_client()
        for _ in range(2):  # two wrong guesses through the API ...
            assert api.post("/api/v1/auth/login", json={
                "username": "two.doors", "password": "wrong password"}).status_code == 401
        # ... and one through the web page use up the three allowed ...
        assert sign_in(limited, "two.doors", "wrong password")[1].status_code == 401
        # ... at both doors, even with the right password.
        assert sign_in(limited, "two.doors", PASSWORD)[1].status_code == 429
        assert api.post("/api/v1/auth/login", json={
            "username": "two.doors", "password": PASSWORD}).status_code == 429
    finally:
        limited.extensions["isaf_engine"].dispose()


def _token(app: Flask, user_id: str, **claims: Any) -> str:
    expires = claims.pop("expires", None)
    with app.app_context():
        return create_access_token(identity=user_id, expires_delta=expires,
                                   additional_claims={"iat_ms": 10**13, **claims})


def test_ended_sessions_lead_back_to_sign_in(app: Flask, world: World) -> None:
    browser = app.test_client()
    browser.set_cookie(COOKIE, _token(app, world.users["dmk"],
                                      expires=timedelta(seconds=-5)))
    assert browser.get("/en/dashboard/").status_code == 303
    claims = {"sub": world.users["admin"], "jti": "x", "type": "access", "csrf": "c",
              "exp": 4_000_000_000, "iat": 1}
    forged = pyjwt.encode(claims, "another key, long enough for HMAC-SHA256 use",
                          algorithm="HS256")
    browser.set_cookie(COOKIE, forged)
    answer = browser.get("/en/dashboard/")
    assert answer.status_code == 303 and "sign-in" in answer.location
    user_id = new_account(app, "leaving")
    person, _ = sign_in(app, "leaving")
    assert person.get("/en/dashboard/").status_code == 200
    with Session(app.extensions["isaf_engine"]) as session, session.begin():
        update_user(session, user_id, {"active": False})
    assert person.get("/en/dashboard/").status_code == 303


def test_a_session_in_use_is_renewed_with_the_same_csrf(app: Flask, world: World) -> None:
    lifetime = app.config["JWT_ACCESS_TOKEN_EXPIRES"]
    browser, _ = sign_in(app, "province")
    page = browser.get("/en/dashboard/").text
    # Late in its life, the token is replaced by a fresh one; forms keep working.
    late = _token(app, world.users["province"], expires=lifetime / 5, csrf=csrf_of(page),
                  fam="no-such-family")
    browser.set_cookie(COOKIE, late)
    answer = browser.get("/en/dashboard/")
    assert answer.status_code == 200
    renewed = session_cookie(browser)
    assert renewed != late
    assert csrf_of(answer.text) == csrf_of(page)


def test_a_password_set_by_an_administrator_must_be_changed_first(app: Flask,
                                                                  world: World) -> None:
    with Session(app.extensions["isaf_engine"]) as session, session.begin():
        create_user(session, username="newcomer", full_name="Newcomer", password=PASSWORD,
                    role="provincial_officer", area_code="01", must_change_password=True)
    browser, signed = sign_in(app, "newcomer")
    assert signed.status_code == 303
    answer = browser.get("/en/dashboard/")
    assert answer.status_code == 403 and "Change your password first" in answer.text
    assert 'class="completeness"' not in answer.text
