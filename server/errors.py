"""Errors the server's services raise, each with its HTTP status and a stable code.

Services raise these; the application turns every error, these and Flask's own (404, 405,
413, 422, 500), into one JSON shape:
`{"status": 404, "code": "not_found", "message": "...", "details": {...}}`.
"""

from __future__ import annotations

from typing import Any


class ServiceError(Exception):
    """An error a client can act on."""

    status = 400
    code = "bad_request"

    def __init__(self, message: str, *, details: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.details = details or {}


class NotFoundError(ServiceError):
    """Nothing there, or nothing the caller may see (the two are not told apart)."""

    status = 404
    code = "not_found"


class ForbiddenError(ServiceError):
    """The caller may see the record but not do this to it."""

    status = 403
    code = "forbidden"


class ConflictError(ServiceError):
    """The request clashes with the current state (a form that exists, a wrong status)."""

    status = 409
    code = "conflict"


class ChangeNumbersBehindError(ServiceError):
    """New changes would be numbered below stored ones (a backup restored into a new
    database cluster, and `isaf db new-epoch` not run): computers would never pull them."""

    status = 503
    code = "change_numbers_behind"


class ValidationFailedError(ServiceError):
    """Values the validation engine rejects; `details.problems` lists them."""

    status = 422
    code = "invalid_values"


class WrongPasswordError(ServiceError):
    """The current password given to change it is wrong (the caller is signed in)."""

    status = 400
    code = "wrong_password"


class AuthenticationError(ServiceError):
    """No valid credentials or token."""

    status = 401
    code = "unauthorized"


class InvalidJSONError(ServiceError):
    """A request body that is not JSON the server takes (common/safe_json.py says why)."""

    status = 400
    code = "invalid_json"
