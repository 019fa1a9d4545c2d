"""Signing in to the dashboard: the server's own accounts and login limits, a session in an
HttpOnly cookie, and CSRF protection for every form that changes something.

The session is the API's own access token (flask-jwt-extended), kept in the cookie
`isaf_session` instead of an Authorization header. Only the dashboard's views read it
(`verify_jwt_in_request(locations=["cookies"])`); the JSON API reads headers only, so a
cookie never signs an API request. Every POST carries the token's `csrf` claim in a hidden
field (double submit): another site can make a browser send the cookie, not read the claim.
The sign-in form, which has no session yet, is protected the same way by a short-lived
signed value in a cookie of its own and the form (against "login CSRF": being signed in,
unawares, as someone else).

A token lives `ISAF_ACCESS_MINUTES`; a page visited in the second half of that life gets a
fresh token of the same sign-in (same `csrf` claim, so pages already open keep working),
so someone at work stays signed in and an idle browser is signed out. Signing out revokes
the token and the whole sign-in.
"""

from __future__ import annotations

import secrets
import time
from collections.abc import Callable
from functools import wraps
from hmac import compare_digest
from typing import Any, TypeVar, cast
from urllib.parse import urlsplit

from flask import Response, current_app, g, make_response, redirect, request, url_for
from flask_jwt_extended import (
    create_access_token,
    current_user,
    get_jwt,
    set_access_cookies,
    unset_access_cookies,
    verify_jwt_in_request,
)
from flask_jwt_extended.exceptions import CSRFError, JWTExtendedException
from itsdangerous import BadSignature, URLSafeTimedSerializer
from jwt.exceptions import PyJWTError

from common.db import new_id
from server import db
from server.accounts import service
from server.accounts.models import User
from server.errors import ServiceError
from server.extensions import LOGIN_ACCOUNT_SCOPE, LOGIN_ADDRESS_SCOPE, limiter
from server.web.pages import page, web

#: The roles the dashboard is for (ROLES.md): each sees its own scope.
STAFF_ROLES: frozenset[str] = frozenset({"national_admin", "provincial_officer",
                                         "dmk_officer"})
#: The cookie and form field that protect the sign-in form, and how long one form lasts.
SIGN_IN_COOKIE = "isaf_sign_in"
SIGN_IN_FIELD = "sign_in_token"
SIGN_IN_MAX_AGE = 60 * 60

View = TypeVar("View", bound=Callable[..., Any])


# --------------------------------------------------------------------------- answers


def no_store(response: Response) -> Response:
    """Private data: never kept by a browser's or a proxy's cache."""
    response.headers["Cache-Control"] = "private, no-store"
    response.headers["Content-Language"] = g.get("lang", "km")
    response.vary.add("Cookie")
    return response


def html(body: str, status: int = 200) -> Response:
    """A dashboard page as a response (no-store)."""
    response = make_response(body, status)
    response.headers["Content-Type"] = "text/html; charset=utf-8"
    return no_store(response)


def refused(message_key: str, status: int = 403, **words: Any) -> Response:
    """The page that says why something is refused (403, 404, 400)."""
    return html(page("dashboard/refused.html", message_key=message_key, words=words,
                     status=status), status)


def safe_next(target: str | None) -> str | None:
    """`target` if it is a path on this site (no scheme, no host, no '//' or '\\' trick),
    else None: `next` never sends anyone to another site."""
    if not target or not target.startswith("/") or target.startswith(("//", "/\\")):
        return None
    if "\\" in target or any(ord(c) < 32 for c in target):
        return None
    parts = urlsplit(target)
    return target if not parts.scheme and not parts.netloc else None


def to_sign_in() -> Response:
    """303 to the sign-in page, coming back here afterwards (for a GET)."""
    here = request.full_path.rstrip("?") if request.method == "GET" else None
    return no_store(make_response(redirect(url_for("web.sign_in", next=here), code=303)))


# --------------------------------------------------------------------------- the session


def staff_page(view: View) -> View:
    """A dashboard view: the signed-in staff member is `g.staff`, the CSRF value for the
    page's forms `g.csrf`. No or an ended session: to the sign-in page; another role: 403;
    a POST without the right CSRF value: 400 and nothing done."""

    @wraps(view)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            verify_jwt_in_request(locations=["cookies"])
            user: User | None = current_user
        except CSRFError:
            db.session().rollback()
            return refused("dash_csrf_refused", 400)
        except ServiceError as error:  # the password must be changed first
            db.session().rollback()
            return refused("dash_change_password", error.status)
        except (JWTExtendedException, PyJWTError):
            db.session().rollback()
            return to_sign_in()
        if user is None:
            return to_sign_in()
        if user.role not in STAFF_ROLES:
            return refused("dash_staff_only")
        g.staff, g.csrf = user, get_jwt()["csrf"]
        response = view(*args, **kwargs)
        return _renewed(no_store(make_response(response)))

    return cast(View, wrapper)


def _renewed(response: Response) -> Response:
    """The response with a fresh token when this one is past half its life."""
    claims = get_jwt()
    lifetime = current_app.config["JWT_ACCESS_TOKEN_EXPIRES"].total_seconds()
    if g.get("signed_out") or claims["exp"] - time.time() > lifetime / 2:
        return response
    token = create_access_token(identity=claims["sub"], additional_claims={
        "fam": claims.get("fam"), "iat_ms": int(time.time() * 1000), "csrf": claims["csrf"]})
    set_access_cookies(response, token)
    return response


def _sign_in_signer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="isaf-web-sign-in")


def _account_key() -> str:
    # The same key as the API's login limit: failures are counted per account name.
    return f"login-account:{str(request.form.get('username') or '').strip().lower()[:80]}"


def _failed(response: Any) -> bool:
    return bool(response.status_code == 401)


def _sign_in_page(status: int, error_key: str | None, next_path: str | None) -> Response:
    value = _sign_in_signer().dumps(secrets.token_urlsafe(16))
    response = html(page("dashboard/sign_in.html", error_key=error_key, next_path=next_path,
                         sign_in_token=value,
                         username=request.form.get("username", "")[:80]), status)
    response.set_cookie(SIGN_IN_COOKIE, value, max_age=SIGN_IN_MAX_AGE, httponly=True,
                        samesite="Lax", secure=current_app.config["JWT_COOKIE_SECURE"],
                        path="/")
    return response


def _sign_in_token_valid() -> bool:
    held = request.cookies.get(SIGN_IN_COOKIE, "")
    sent = request.form.get(SIGN_IN_FIELD, "")
    if not held or not sent or not compare_digest(held, sent):
        return False
    try:
        _sign_in_signer().loads(sent, max_age=SIGN_IN_MAX_AGE)
    except BadSignature:
        return False
    return True


@web.route("/dashboard/sign-in", methods=["GET", "POST"])
@limiter.shared_limit(lambda: current_app.config["LOGIN_LIMIT_PER_ACCOUNT"],
                      LOGIN_ACCOUNT_SCOPE, key_func=_account_key, deduct_when=_failed,
                      methods=["POST"])
@limiter.shared_limit(lambda: current_app.config["LOGIN_LIMIT_PER_ADDRESS"],
                      LOGIN_ADDRESS_SCOPE, deduct_when=_failed, methods=["POST"])
def sign_in() -> Response:
    """The sign-in form; on success a session cookie and 303 to the dashboard (or `next`)."""
    next_path = safe_next(request.values.get("next"))
    if request.method == "GET":
        return _sign_in_page(200, None, next_path)
    if not _sign_in_token_valid():
        return _sign_in_page(400, "dash_sign_in_expired", next_path)
    session = db.session()
    try:
        user = service.authenticate(session, request.form.get("username", "")[:200],
                                    request.form.get("password", "")[:1000])
    except ServiceError:
        session.rollback()
        return _sign_in_page(401, "dash_wrong_credentials", next_path)
    if user.role not in STAFF_ROLES:
        session.rollback()
        return refused("dash_staff_only")
    family = new_id()
    # A refresh-token row nobody holds: it names this sign-in, so signing out (or a
    # password change, a deactivation) ends every token of it, renewed ones included.
    service.record_refresh_token(session, jti=new_id(), family_id=family, user=user,
                                 device_id=None,
                                 lifetime=current_app.config["JWT_REFRESH_TOKEN_EXPIRES"])
    session.commit()
    token = create_access_token(identity=user.id, additional_claims={
        "fam": family, "iat_ms": int(time.time() * 1000)})
    response = no_store(make_response(redirect(next_path or url_for("web.dashboard_home"),
                                               code=303)))
    set_access_cookies(response, token)
    response.delete_cookie(SIGN_IN_COOKIE, path="/")
    return response


@web.errorhandler(429)
def _too_many(_error: Exception) -> Response:
    return refused("dash_too_many_sign_ins", 429)


@web.post("/dashboard/sign-out")
@staff_page
def sign_out() -> Response:
    """End this sign-in (every token of it) and forget the cookie."""
    service.end_sign_in(db.session(), get_jwt())
    response = no_store(make_response(redirect(url_for("web.sign_in"), code=303)))
    unset_access_cookies(response)
    g.signed_out = True
    return response
