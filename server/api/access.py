"""What the API's views share: the caller, their device, and the national-admin gate."""

from __future__ import annotations

from flask import request
from flask_jwt_extended import current_user

from server import db
from server.accounts.models import User
from server.accounts.service import device_of
from server.errors import ForbiddenError

BEARER: list[dict[str, list[str]]] = [{"bearerAuth": []}]
DEVICE_HEADER = "X-Device-Id"


def caller() -> User:
    """The signed-in user of this request (loaded from the database)."""
    return current_user


def caller_device() -> str | None:
    """The caller's device named in the X-Device-Id header, if registered to them."""
    return device_of(db.session(), caller(), request.headers.get(DEVICE_HEADER))


def require_role(*roles: str) -> User:
    """The caller, if their role is one of `roles`."""
    user = caller()
    if user.role not in roles:
        raise ForbiddenError("your role may not do this")
    return user
