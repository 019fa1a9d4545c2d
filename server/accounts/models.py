"""Tables of accounts: users with their role and scope, devices, and token bookkeeping.

Everything a request needs to decide who the caller is and what they may do is read from
here on every request, so any worker on any host answers the same, and deactivating a user
or revoking a token takes effect at once.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from common.db import Base, new_id, utc_now
from common.roles import Scope, scope_level

_ROLE_CHECK = ("role IN ('unit_editor', 'commune_focal_point', 'caf', 'dmk_officer', "
               "'provincial_officer', 'national_admin')")


class User(Base):
    """A person with an account. Never deleted: deactivated, so the audit trail keeps names."""

    __tablename__ = "app_user"
    __table_args__ = (CheckConstraint(_ROLE_CHECK, name="role"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    username: Mapped[str] = mapped_column(String(80), unique=True)
    full_name: Mapped[str] = mapped_column(String(200))
    password_hash: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(24))
    #: The area the role covers (province, district or commune code), None for a unit
    #: editor (see unit_id) or a national admin (the country).
    area_code: Mapped[str | None] = mapped_column(ForeignKey("admin_area.code"), default=None)
    unit_id: Mapped[str | None] = mapped_column(ForeignKey("service_unit.id"), default=None)
    #: A provincial officer to whom the province delegated approval.
    delegated_approval: Mapped[bool] = mapped_column(default=False)
    language: Mapped[str] = mapped_column(String(2), default="km")
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(default=utc_now)
    password_changed_at: Mapped[datetime] = mapped_column(default=utc_now)
    #: Set when an administrator chose the password (a new account, a reset): until the
    #: person chooses their own, their tokens only change the password, say who they are
    #: and sign out (server/api/auth.py); cleared by their own change.
    must_change_password: Mapped[bool] = mapped_column(default=False)
    #: Tokens issued before this moment are refused: set by a password change and by a
    #: deactivation, so neither a stolen token nor a reactivation revives an old sign-in.
    tokens_valid_after: Mapped[datetime] = mapped_column(default=utc_now)

    @property
    def scope(self) -> Scope:
        """Where this user may work, from the server's own records."""
        return Scope(scope_level(self.role), unit_id=self.unit_id, area_code=self.area_code)


class Device(Base):
    """A computer a user signed in from; its id is made by the client."""

    __tablename__ = "device"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("app_user.id"), index=True)
    name: Mapped[str] = mapped_column(String(200), default="")
    registered_at: Mapped[datetime] = mapped_column(default=utc_now)
    last_seen_at: Mapped[datetime] = mapped_column(default=utc_now)
    #: The Ed25519 key (base64) the computer signs its USB bundles with, registered once
    #: from a signed-in session; None until then.
    public_key: Mapped[str | None] = mapped_column(String(64), default=None)
    #: A random secret (hex) the computer's local store key is also wrapped under, so a
    #: sign-in with a connection opens the store after the password was changed elsewhere
    #: (client/store/crypto.py). Sent only in the answer to a sign-in with the password
    #: from this device; made at the first such sign-in, made again when the device
    #: passes to another account.
    store_key: Mapped[str | None] = mapped_column(String(64), default=None)


class RefreshToken(Base):
    """One issued refresh token. Tokens of one sign-in form a family: using a token that
    was already used (a stolen copy) revokes the whole family."""

    __tablename__ = "refresh_token"

    jti: Mapped[str] = mapped_column(String(36), primary_key=True)
    family_id: Mapped[str] = mapped_column(String(36), index=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("app_user.id"), index=True)
    device_id: Mapped[str | None] = mapped_column(String(36), default=None)
    issued_at: Mapped[datetime] = mapped_column(default=utc_now)
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None] = mapped_column(default=None)
    revoked_at: Mapped[datetime | None] = mapped_column(default=None)


class RevokedAccessToken(Base):
    """An access token revoked before it expired (at logout); rows can go once expired."""

    __tablename__ = "revoked_access_token"

    jti: Mapped[str] = mapped_column(String(36), primary_key=True)
    expires_at: Mapped[datetime] = mapped_column(index=True)
