"""Accounts: password hashing (argon2id), sign-in, token rotation and revocation, users.

Plain functions over a session; the token encoding itself is flask-jwt-extended's, called
by the API layer, which hands the issued ids here to be recorded.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import ColumnElement, Select, String, bindparam, exists, select, update
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, aliased

from common.db import new_id, utc_now
from common.geography.models import AdminArea
from common.roles import ROLES, scope_level
from common.units.models import ServiceUnit
from server.accounts.models import Device, RefreshToken, RevokedAccessToken, User
from server.errors import (
    AuthenticationError,
    ConflictError,
    NotFoundError,
    ServiceError,
    WrongPasswordError,
)

log = logging.getLogger(__name__)

# argon2id with the library's defaults (RFC 9106 low-memory profile).
_HASHER = PasswordHasher()
#: Verified against when the account does not exist, so both cases take the same time.
_DUMMY_HASH = _HASHER.hash("no such account: this hash only equalises timing")
MIN_PASSWORD_LENGTH = 10
WRONG_CREDENTIALS = "wrong username or password"


class PasswordChangeRequiredError(ServiceError):
    """An account whose password an administrator chose asked for something else than
    changing it: the person chooses their own password first."""

    status = 403
    code = "password_change_required"


def hash_password(password: str) -> str:
    """An argon2id hash of `password`."""
    return _HASHER.hash(password)


def check_password_strength(password: str) -> None:
    """Refuse passwords that are too short to stand a guessing attack, saying the rule and
    how far the password is from it."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ServiceError(f"a password needs at least {MIN_PASSWORD_LENGTH} characters "
                           f"(this one has {len(password)}): choose a longer one",
                           details={"min_length": MIN_PASSWORD_LENGTH})


def authenticate(session: Session, username: str, password: str) -> User:
    """The active user with these credentials; one error for every failure, so nobody
    learns whether an account exists."""
    user = session.scalars(select(User).where(User.username == username.strip().lower())).first()
    try:
        _HASHER.verify(user.password_hash if user else _DUMMY_HASH, password)
    except (VerificationError, InvalidHashError):
        raise AuthenticationError(WRONG_CREDENTIALS) from None
    if user is None or not user.active:
        raise AuthenticationError(WRONG_CREDENTIALS)
    if _HASHER.check_needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    return user


def register_device(session: Session, user: User, device_id: str | None,
                    name: str | None) -> str | None:
    """Record the device a user signs in from; a device belongs to one user at a time."""
    if not device_id:
        return None
    device = session.get(Device, device_id)
    if device is None:
        session.add(Device(id=device_id, user_id=user.id, name=name or ""))
    else:
        if device.user_id != user.id:
            # Another account signs in with this id (a shared computer, or someone who read
            # the id in a form's history): the bundle-signing key registered so far is no
            # longer trusted, so a key one person registered never signs bundles applied
            # as the next. The computer's own client registers its key again at its next
            # sync (it does at every sync). The same for the secret its store's key is
            # wrapped under: the new account never gets the one the last account's store
            # can be opened with.
            device.public_key = None
            device.store_key = None
        device.user_id, device.last_seen_at = user.id, utc_now()
        if name:
            device.name = name
    return device_id


def device_store_key(session: Session, user: User, device_id: str | None) -> str | None:
    """The secret the device's local store key is wrapped under (made at its first call),
    for the answer to a sign-in with the password; None without a device of this user."""
    device = session.get(Device, device_id) if device_id else None
    if device is None or device.user_id != user.id:
        return None
    if device.store_key is None:
        device.store_key = secrets.token_hex(32)
    return device.store_key


def device_of(session: Session, user: User, device_id: str | None) -> str | None:
    """The device id a request names, if it is registered to the caller; else None."""
    if not device_id:
        return None
    device = session.get(Device, device_id)
    return device_id if device is not None and device.user_id == user.id else None


# --------------------------------------------------------------------------- tokens


@dataclass(frozen=True)
class RefreshGrant:
    """What a refresh token stands for once checked."""

    user: User
    family_id: str
    device_id: str | None


def record_refresh_token(session: Session, *, jti: str, family_id: str, user: User,
                         device_id: str | None, lifetime: timedelta) -> None:
    """Remember an issued refresh token, so it can be used once and revoked."""
    session.add(RefreshToken(jti=jti, family_id=family_id, user_id=user.id,
                             device_id=device_id, expires_at=utc_now() + lifetime))


def use_refresh_token(session: Session, jti: str) -> RefreshGrant:
    """Spend a refresh token (each is good once). Reusing a spent one means a copy was
    stolen: the whole family is revoked, and the caller must sign in again.

    Spending is one conditional UPDATE, so of several requests presenting the same token
    at once exactly one wins: on PostgreSQL the others wait on the row lock and then find
    it used; on SQLite the UPDATE is the first write of the transaction, so the others
    queue for the database lock (busy_timeout) and then find it used. The winner's new
    token is inserted in the same transaction (see the API's `_issue`), so a loser, which
    revokes the family only once the winner has committed, revokes that one too.
    """
    spent = session.execute(
        update(RefreshToken)
        .where(RefreshToken.jti == jti, RefreshToken.used_at.is_(None),
               RefreshToken.revoked_at.is_(None), ~_family_ended(RefreshToken.family_id))
        .values(used_at=utc_now())
        .execution_options(synchronize_session=False))
    # Read after the UPDATE, not before: what another request did meanwhile is seen.
    token = session.execute(select(RefreshToken).where(RefreshToken.jti == jti)
                            .execution_options(populate_existing=True)).scalar_one_or_none()
    if spent.rowcount != 1:  # type: ignore[attr-defined]  # an UPDATE gives a CursorResult
        if token is not None and token.revoked_at is None:
            # Used already (or its sign-in ended by a concurrent reuse after this token
            # was issued): end the whole sign-in, and keep that although the request fails.
            reused = token.used_at is not None
            _revoke_family_and_commit(session, token.family_id)
            if reused:
                raise AuthenticationError("the refresh token was already used; every token "
                                          "of this sign-in is now revoked; sign in again")
        session.rollback()
        raise AuthenticationError("the refresh token was revoked; sign in again")
    assert token is not None  # the UPDATE just matched it, and rows are never deleted
    user = session.get(User, token.user_id)
    if user is None or not user.active:
        session.rollback()  # leave the token unspent: the refusal is about the account
        raise AuthenticationError("the account is not active")
    return RefreshGrant(user, token.family_id, token.device_id)


def _revoke_family_and_commit(session: Session, family_id: str) -> None:
    # Requests that lost a race all revoke the same rows at once: on SQLite one can find
    # the database locked past busy_timeout, on PostgreSQL two can deadlock on the rows'
    # locks. The revocation is worth a few tries; if it still fails the request is
    # refused all the same (it never gets tokens), with a 401 rather than a 500.
    for attempt in range(3):
        try:
            revoke_family(session, family_id)
            session.commit()
            return
        except OperationalError:
            session.rollback()
            log.warning("revoking sign-in %s after a refresh-token reuse failed (try %d)",
                        family_id, attempt + 1, exc_info=True)


def is_refresh_token_revoked(session: Session, jti: str) -> bool:
    """True for a refresh token that is unknown or revoked (used ones are handled on use)."""
    token = session.get(RefreshToken, jti)
    return token is None or token.revoked_at is not None


def token_state(session: Session, user_id: str, jti: str, family_id: str | None, *,
                refresh: bool = False) -> tuple[User, bool] | None:
    """The account a token names and whether the token is revoked, in one query: None
    when there is no such account. For an access token, revoked means revoked at logout
    (`is_access_token_revoked`) or its sign-in ended (`is_family_revoked`); for a refresh
    token, unknown or revoked (`is_refresh_token_revoked`), or its sign-in ended."""
    statement = _TOKEN_STATE["refresh" if refresh else "family" if family_id else "access"]
    row = session.execute(statement, {"user_id": user_id, "jti": jti,
                                      "family_id": family_id}).first()
    return None if row is None else (row[0], bool(row[1]))


def _family_ended(family_id: Any) -> ColumnElement[bool]:
    """Whether a refresh token of the sign-in `family_id` (a value or a column) was
    revoked: every revocation revokes a whole family, so one revoked token ends it."""
    other = aliased(RefreshToken)
    return exists().where(other.family_id == family_id, other.revoked_at.is_not(None))


def _token_state_statements() -> dict[str, Select[tuple[User, bool]]]:
    # Built once: every request runs one of them, and a statement object reused keeps its
    # cache key, which SQLAlchemy would otherwise work out again on each request.
    jti, family = bindparam("jti", type_=String), bindparam("family_id", type_=String)
    logged_out = exists().where(RevokedAccessToken.jti == jti)
    ended = _family_ended(family)
    unusable = ~exists().where(RefreshToken.jti == jti, RefreshToken.revoked_at.is_(None))
    # A refresh token is also refused when its sign-in ended: a token issued by a refresh
    # that raced a reuse can be inserted after the reuse revoked the family's rows.
    return {kind: select(User, revoked.label("revoked"))
            .where(User.id == bindparam("user_id", type_=String))
            for kind, revoked in (("access", logged_out), ("family", logged_out | ended),
                                  ("refresh", unusable | ended))}


_TOKEN_STATE = _token_state_statements()


def is_family_revoked(session: Session, family_id: str | None) -> bool:
    """True when the sign-in `family_id` was ended (logout, reuse, deactivation)."""
    if not family_id:
        return False
    return session.scalar(select(RefreshToken.jti).where(
        RefreshToken.family_id == family_id, RefreshToken.revoked_at.is_not(None))
        .limit(1)) is not None


def revoke_family(session: Session, family_id: str) -> None:
    """Revoke every refresh token of one sign-in."""
    session.execute(update(RefreshToken).where(RefreshToken.family_id == family_id,
                                               RefreshToken.revoked_at.is_(None))
                    .values(revoked_at=utc_now()))


def end_sign_in(session: Session, claims: Mapping[str, Any]) -> None:
    """Sign out: the access token of `claims` and every token of its sign-in (its
    family) stop working; committed here."""
    revoke_access_token(session, claims["jti"], claims["exp"])
    if claims.get("fam"):
        revoke_family(session, claims["fam"])
    session.commit()


def revoke_user_tokens(session: Session, user_id: str) -> None:
    """Revoke every refresh token of a user (deactivation, password change)."""
    session.execute(update(RefreshToken).where(RefreshToken.user_id == user_id,
                                               RefreshToken.revoked_at.is_(None))
                    .values(revoked_at=utc_now()))


def revoke_access_token(session: Session, jti: str, expires: int) -> None:
    """Block an access token until it expires."""
    if session.get(RevokedAccessToken, jti) is None:
        session.add(RevokedAccessToken(jti=jti, expires_at=datetime.fromtimestamp(expires, UTC)))


def is_access_token_revoked(session: Session, jti: str) -> bool:
    """True for an access token revoked at logout."""
    return session.get(RevokedAccessToken, jti) is not None


# --------------------------------------------------------------------------- users


def _check_scope(session: Session, role: str, area_code: str | None,
                 unit_id: str | None) -> None:
    if role not in ROLES:
        raise ServiceError(f"unknown role {role!r}; roles: {', '.join(ROLES)}")
    level = scope_level(role)
    if level == "country":
        if area_code or unit_id:
            raise ServiceError("a national admin has the whole country as scope: "
                               "give no area and no unit")
    elif level == "unit":
        if not unit_id or session.get(ServiceUnit, unit_id) is None:
            raise ServiceError("a unit editor needs the id of an existing unit")
        if area_code:
            raise ServiceError("a unit editor's scope is a unit, not an area")
    else:
        area = session.get(AdminArea, area_code) if area_code else None
        if area is None or area.level != level:
            raise ServiceError(f"a {role.replace('_', ' ')} needs the code of a {level}")
        if unit_id:
            raise ServiceError(f"a {role.replace('_', ' ')}'s scope is an area, not a unit")


def create_user(session: Session, *, username: str, full_name: str, password: str, role: str,
                area_code: str | None = None, unit_id: str | None = None,
                delegated_approval: bool = False, language: str = "km",
                must_change_password: bool = False) -> User:
    """A new account; the username is kept in lower case and must be free. An account an
    administrator makes for someone else has `must_change_password`: the person chooses
    their own password at their first sign-in."""
    username = username.strip().lower()
    if not username:
        raise ServiceError("a username is needed")
    if session.scalars(select(User.id).where(User.username == username)).first():
        raise ConflictError(f"the username {username!r} is taken")
    check_password_strength(password)
    _check_scope(session, role, area_code, unit_id)
    if delegated_approval and role != "provincial_officer":
        raise ServiceError("approval can be delegated to provincial officers only")
    user = User(id=new_id(), username=username, full_name=full_name.strip(),
                password_hash=hash_password(password), role=role, area_code=area_code,
                unit_id=unit_id, delegated_approval=delegated_approval, language=language,
                must_change_password=must_change_password)
    session.add(user)
    session.flush()
    return user


def update_user(session: Session, user_id: str, changes: dict[str, Any]) -> User:
    """Change an account; deactivating it or resetting its password revokes its tokens.
    `must_change_password` in `changes` sets or clears the flag (an administrator's reset
    of someone else's password sets it: the API and the command line say so)."""
    user = session.get(User, user_id)
    if user is None:
        raise NotFoundError("no such user")
    role = changes.get("role", user.role)
    area = changes.get("area_code", user.area_code)
    unit = changes.get("unit_id", user.unit_id)
    if {"role", "area_code", "unit_id"} & changes.keys():
        _check_scope(session, role, area, unit)
    user.role, user.area_code, user.unit_id = role, area, unit
    for key in ("full_name", "delegated_approval", "language"):
        if key in changes:
            setattr(user, key, changes[key])
    if user.delegated_approval and user.role != "provincial_officer":
        raise ServiceError("approval can be delegated to provincial officers only")
    if "password" in changes:
        check_password_strength(changes["password"])
        user.password_hash = hash_password(changes["password"])
        user.password_changed_at = user.tokens_valid_after = utc_now()
        revoke_user_tokens(session, user.id)
    if "must_change_password" in changes:
        user.must_change_password = bool(changes["must_change_password"])
    if changes.get("active") is False and user.active:
        user.tokens_valid_after = utc_now()
        revoke_user_tokens(session, user.id)
    if "active" in changes:
        user.active = changes["active"]
    return user


def change_password(session: Session, user: User, old: str, new: str) -> None:
    """A user changes their own password; every sign-in of the account is ended (the API
    may start a new one for the computer that asked), and a password an administrator
    chose no longer has to be changed."""
    try:
        _HASHER.verify(user.password_hash, old)
    except (VerificationError, InvalidHashError):
        raise WrongPasswordError("the current password is wrong: type the one you signed "
                                 "in with") from None
    check_password_strength(new)
    if new == old:
        raise ServiceError("the new password is the same as the current one: choose "
                           "another")
    user.password_hash = hash_password(new)
    user.password_changed_at = user.tokens_valid_after = utc_now()
    user.must_change_password = False
    revoke_user_tokens(session, user.id)


def device_of_sign_in(session: Session, family_id: str | None) -> str | None:
    """The device a sign-in (a family of refresh tokens) was made from, if any."""
    if not family_id:
        return None
    return session.scalar(select(RefreshToken.device_id).where(
        RefreshToken.family_id == family_id).limit(1))
