"""Sign-in, token refresh, sign-out and password change.

Every request with a token comes through `_load_user`, which also holds an account whose
password an administrator chose (`must_change_password`) to changing it: until then its
tokens only change the password, say who the person is, refresh themselves and sign out.
"""

from __future__ import annotations

import time
from typing import Any

from flask import Response, current_app, g, request
from flask.views import MethodView
from flask_jwt_extended import (
    create_access_token,
    create_refresh_token,
    current_user,
    decode_token,
    get_jwt,
    jwt_required,
)

from common.db import new_id
from server import db
from server.accounts import service
from server.accounts.models import User
from server.api.access import BEARER
from server.api.blueprint import Blueprint
from server.api.schemas import (
    LoginSchema,
    LoginTokensSchema,
    PasswordChangeSchema,
    TokensSchema,
    UserSchema,
)
from server.extensions import LOGIN_ACCOUNT_SCOPE, LOGIN_ADDRESS_SCOPE, jwt, limiter

blp = Blueprint("auth", __name__, url_prefix="/api/v1/auth",
                description="Sign in and out; tokens; password.")


#: Where `_is_revoked` leaves the caller's account row it read with the revocation checks,
#: for `_load_user` of the same request (flask.g: one request, never shared).
_CHECKED = "isaf_token_checked"


@jwt.user_lookup_loader
def _load_user(_header: dict[str, Any], payload: dict[str, Any]) -> User | None:
    # Who the caller is, and whether they may still act, comes from the database on every
    # request: the token says nothing beyond the user id. The row was usually read a moment
    # ago, in this request, by the same query as the revocation checks (`_is_revoked`).
    checked = g.pop(_CHECKED, None)
    if checked is not None and checked[0] == payload["jti"]:
        user = checked[1]
    else:
        user = db.session().get(User, payload["sub"])
    if user is None or not user.active:
        return None
    # A password change or a deactivation ends every sign-in made before it. JWT's own
    # "iat" counts whole seconds; "iat_ms" tells a token made just before a change from
    # one made just after it.
    issued_ms = payload.get("iat_ms", payload["iat"] * 1000)
    if issued_ms < int(user.tokens_valid_after.timestamp() * 1000):
        return None
    if user.must_change_password and request.endpoint not in _BEFORE_A_NEW_PASSWORD:
        # Checked here, on every request with a token, not left to the client: a password
        # an administrator chose (and told someone) is not the person's own yet.
        raise service.PasswordChangeRequiredError(
            "your password was set by an administrator: choose your own password first "
            "(POST /api/v1/auth/password); nothing else is allowed until then")
    return user


@jwt.token_in_blocklist_loader
def _is_revoked(_header: dict[str, Any], payload: dict[str, Any]) -> bool:
    if not _well_formed(payload):
        return True  # signed by this server's key, yet not a token this server makes
    # One query, one round trip to the database: the caller's account row together with
    # whether this token or its sign-in was revoked. Nothing is remembered beyond this
    # request, so a revocation or a deactivation holds from the very next request.
    session = db.session()
    refresh = payload.get("type") == "refresh"
    # Both kinds carry their sign-in ("fam"): once it has ended, by logout, a password
    # change or a refresh token reused, neither kind works any more.
    found = service.token_state(session, payload["sub"], payload["jti"], payload.get("fam"),
                                refresh=refresh)
    if found is None:
        # No such account (accounts are never deleted): the separate checks, then
        # `_load_user` refuses the token.
        g.pop(_CHECKED, None)
        if refresh:
            return (service.is_refresh_token_revoked(session, payload["jti"])
                    or service.is_family_revoked(session, payload.get("fam")))
        return (service.is_access_token_revoked(session, payload["jti"])
                or service.is_family_revoked(session, payload.get("fam")))
    user, revoked = found
    setattr(g, _CHECKED, (payload["jti"], user))
    return revoked


def _well_formed(payload: dict[str, Any]) -> bool:
    """Whether a token's claims have the types this server writes: a token signed with
    the key but made elsewhere (the public development key, a leaked one) is refused with
    a 401, not met with a type error."""
    iat_ms = payload.get("iat_ms", 0)
    return (isinstance(payload.get("sub"), str) and len(payload["sub"]) <= 64
            and isinstance(payload.get("jti"), str) and len(payload["jti"]) <= 64
            and isinstance(payload.get("fam"), str | None)
            and isinstance(iat_ms, int) and not isinstance(iat_ms, bool))


def _account_key() -> str:
    body = request.get_json(silent=True)
    username = body.get("username") if isinstance(body, dict) else None
    return f"login-account:{str(username or '').strip().lower()[:80]}"


def _failed(response: Any) -> bool:
    return response.status_code == 401


def _issue(user: User, family_id: str, device_id: str | None) -> dict[str, Any]:
    session = db.session()
    claims = {"fam": family_id, "iat_ms": int(time.time() * 1000)}
    access = create_access_token(identity=user.id, additional_claims=claims)
    refresh = create_refresh_token(identity=user.id, additional_claims=claims)
    lifetime = current_app.config["JWT_REFRESH_TOKEN_EXPIRES"]
    service.record_refresh_token(session, jti=decode_token(refresh)["jti"], family_id=family_id,
                                 user=user, device_id=device_id, lifetime=lifetime)
    session.commit()
    expires = current_app.config["JWT_ACCESS_TOKEN_EXPIRES"]
    return {"access_token": access, "refresh_token": refresh, "token_type": "Bearer",
            "expires_in": int(expires.total_seconds()), "user": user}


_TOO_MANY = "too many failed sign-ins; wait 15 minutes and try again"


@blp.route("/login")
class Login(MethodView):
    @blp.arguments(LoginSchema)
    @blp.response(200, LoginTokensSchema)
    @blp.alt_response(401, description="wrong username or password")
    @blp.alt_response(429, description="too many failed sign-ins")
    # The scopes are shared with the web sign-in (server/web/auth.py): one count of
    # failures per account and per address, whichever door they knock at.
    @limiter.shared_limit(lambda: current_app.config["LOGIN_LIMIT_PER_ACCOUNT"],
                          LOGIN_ACCOUNT_SCOPE, key_func=_account_key, deduct_when=_failed,
                          error_message=_TOO_MANY)
    @limiter.shared_limit(lambda: current_app.config["LOGIN_LIMIT_PER_ADDRESS"],
                          LOGIN_ADDRESS_SCOPE, deduct_when=_failed, error_message=_TOO_MANY)
    def post(self, body: dict[str, Any]) -> dict[str, Any]:
        """Sign in: an access token (minutes) and a refresh token (days)."""
        session = db.session()
        user = service.authenticate(session, body["username"], body["password"])
        device_id = service.register_device(session, user, body.get("device_id"),
                                            body.get("device_name"))
        session.flush()
        # Only here, after the password: a refresh token never brings it.
        device_key = service.device_store_key(session, user, device_id)
        return {**_issue(user, new_id(), device_id), "device_key": device_key}


@blp.route("/refresh")
class Refresh(MethodView):
    @jwt_required(refresh=True)
    @blp.response(200, TokensSchema)
    @blp.doc(security=BEARER, description="Send the refresh token as the bearer token. "
             "Each refresh token works once; reusing one revokes the whole sign-in.")
    def post(self) -> dict[str, Any]:
        """A new access token and a new refresh token for a refresh token."""
        # Spending the old token and recording the new one are one transaction (committed
        # by `_issue`): a concurrent request with the same token waits on it, then finds
        # the token used and revokes the family, the new token included.
        grant = service.use_refresh_token(db.session(), get_jwt()["jti"])
        return _issue(grant.user, grant.family_id, grant.device_id)


@blp.route("/logout")
class Logout(MethodView):
    @jwt_required()
    @blp.response(204)
    @blp.doc(security=BEARER)
    def post(self) -> None:
        """Sign out: this access token and every refresh token of this sign-in stop working."""
        service.end_sign_in(db.session(), get_jwt())


@blp.route("/me")
class Me(MethodView):
    @jwt_required()
    @blp.response(200, UserSchema)
    @blp.doc(security=BEARER)
    def get(self) -> User:
        """The signed-in user, with their role and scope."""
        return current_user


@blp.route("/password")
class Password(MethodView):
    @jwt_required()
    @blp.arguments(PasswordChangeSchema)
    @blp.response(200, TokensSchema, description="With `keep_signed_in`: the new sign-in "
                  "of this computer.")
    @blp.alt_response(204, description="Without `keep_signed_in`: sign in again.")
    @blp.doc(security=BEARER)
    def post(self, body: dict[str, Any]) -> dict[str, Any] | Response:
        """Change one's own password; every sign-in of the account ends. With
        `keep_signed_in`, the answer is a new sign-in for the same computer."""
        session = db.session()
        claims = get_jwt()
        user: User = current_user
        # Read before the change revokes the sign-in's tokens: the new sign-in is made
        # for the same computer.
        device_id = service.device_of_sign_in(session, claims.get("fam"))
        service.change_password(session, user, body["old_password"], body["new_password"])
        service.revoke_access_token(session, claims["jti"], claims["exp"])
        if body.get("keep_signed_in"):
            session.flush()
            # Issued after the change (`tokens_valid_after`), so these tokens are valid
            # where every earlier one of the account is not.
            return _issue(user, new_id(), device_id)
        session.commit()
        return Response(status=204)


#: The endpoints an account that must change its password may call (see `_load_user`):
#: the change itself, who am I, sign out, and refreshing its (as limited) tokens.
_BEFORE_A_NEW_PASSWORD = frozenset(
    f"{blp.name}.{view.__name__}" for view in (Password, Me, Logout, Refresh))
