"""Server configuration, read from the environment.

| variable | meaning | default |
|---|---|---|
| ISAF_ENV | production, development or testing (nothing else starts) | development |
| DATABASE_URL | SQLAlchemy URL | sqlite:///instance/isaf.sqlite |
| ISAF_SECRET_KEY | signs tokens; required in production, 32+ characters | a development key |
| ISAF_RATELIMIT_STORAGE | where login-attempt counts live (redis:// with workers) | memory:// |
| ISAF_RATELIMIT_PREFIX | a prefix for the counts' keys (several servers, one Redis) | isaf |
| ISAF_LOGIN_LIMIT_ACCOUNT | failed sign-ins allowed per account | 5 per 15 minutes |
| ISAF_LOGIN_LIMIT_ADDRESS | failed sign-ins allowed per address | 30 per 15 minutes |
| ISAF_ACCESS_MINUTES / ISAF_REFRESH_DAYS | token lifetimes | 15 / 30 |
| ISAF_MAX_REQUEST_MB | the largest request body accepted | 8 |
| ISAF_PROXY_COUNT | proxies in front (nginx: 1) whose X-Forwarded-For is trusted | 0 |

Every value is checked when the server starts: a misspelt mode (`Production`, `prod`, a
trailing space), a number that is no number or out of its range, an unknown rate-limit
storage or an unreadable limit stops the server with a message naming the variable,
instead of quietly running with a default (a development key in production, say).
"""

from __future__ import annotations

import os
from datetime import timedelta
from typing import Any

from limits import parse as parse_limit
from limits.storage import SCHEMES as LIMIT_STORAGE_SCHEMES
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from server.database import DEFAULT_DATABASE_URL

#: The modes a server runs in; any other ISAF_ENV is refused.
MODES = ("production", "development", "testing")

#: Known only to development: a production server refuses to start with it.
DEVELOPMENT_SECRET = "isaf-desk-development-secret-do-not-use-in-production"
MIN_SECRET_LENGTH = 32


class ConfigurationError(RuntimeError):
    """A configuration the server refuses to run with."""


def from_env(environ: dict[str, str] | None = None, **overrides: Any) -> dict[str, Any]:
    """The Flask configuration from environment variables (and explicit overrides)."""
    env = dict(os.environ if environ is None else environ)
    mode = overrides.get("ISAF_ENV", env.get("ISAF_ENV", "development"))
    if mode not in MODES:
        raise ConfigurationError(
            f"ISAF_ENV is {mode!r}: it must be exactly one of {', '.join(MODES)} (lower "
            "case, no spaces); the server did not start")
    secret = env.get("ISAF_SECRET_KEY") or (None if mode == "production" else DEVELOPMENT_SECRET)
    config: dict[str, Any] = {
        "ISAF_ENV": mode,
        "TESTING": mode == "testing",
        "DATABASE_URL": env.get("DATABASE_URL") or DEFAULT_DATABASE_URL,
        "SECRET_KEY": secret,
        "JWT_SECRET_KEY": secret,
        "JWT_ACCESS_TOKEN_EXPIRES": timedelta(
            minutes=_number(env, "ISAF_ACCESS_MINUTES", 15, 1, 24 * 60)),
        "JWT_REFRESH_TOKEN_EXPIRES": timedelta(
            days=_number(env, "ISAF_REFRESH_DAYS", 30, 1, 365)),
        # The JSON API reads tokens from the Authorization header only. The dashboard's
        # pages (server/web/auth.py) ask for the cookie explicitly: a cookie never signs a
        # request to the API, so the API needs no CSRF defence.
        "JWT_TOKEN_LOCATION": ["headers"],
        "JWT_ERROR_MESSAGE_KEY": "message",
        "JWT_ACCESS_COOKIE_NAME": "isaf_session",
        "JWT_ACCESS_COOKIE_PATH": "/",  # both /km/dashboard and /en/dashboard
        "JWT_COOKIE_SAMESITE": "Lax",
        "JWT_COOKIE_SECURE": mode == "production",  # HTTPS only, behind nginx
        "JWT_SESSION_COOKIE": True,  # gone when the browser closes
        # Double submit: every POST form carries the token's "csrf" claim in a hidden field.
        # No CSRF cookie: the pages have no script that would read one.
        "JWT_COOKIE_CSRF_PROTECT": True,
        "JWT_CSRF_CHECK_FORM": True,
        "JWT_CSRF_IN_COOKIES": False,
        "COMPRESS_MIMETYPES": ["text/html", "text/css", "image/svg+xml"],
        "COMPRESS_ALGORITHM": ["br", "gzip"],
        "RATELIMIT_STORAGE_URI": env.get("ISAF_RATELIMIT_STORAGE", "memory://"),
        "RATELIMIT_KEY_PREFIX": env.get("ISAF_RATELIMIT_PREFIX", "isaf"),
        # Redis down must not stop every sign-in: each worker counts alone meanwhile.
        "RATELIMIT_IN_MEMORY_FALLBACK_ENABLED": True,
        # How many proxies (nginx) stand in front: their X-Forwarded-For is then trusted
        # for the caller's address, which login limits count by.
        "PROXY_COUNT": _number(env, "ISAF_PROXY_COUNT", 0, 0, 5),
        "RATELIMIT_HEADERS_ENABLED": True,
        "LOGIN_LIMIT_PER_ACCOUNT": env.get("ISAF_LOGIN_LIMIT_ACCOUNT", "5 per 15 minutes"),
        "LOGIN_LIMIT_PER_ADDRESS": env.get("ISAF_LOGIN_LIMIT_ADDRESS", "30 per 15 minutes"),
        "MAX_CONTENT_LENGTH": _number(env, "ISAF_MAX_REQUEST_MB", 8, 1, 64) * 1024 * 1024,
        "API_TITLE": "ISAF Desk API",
        "API_VERSION": "v1",
        "OPENAPI_VERSION": "3.0.3",
        "OPENAPI_URL_PREFIX": "/api/v1",
        "OPENAPI_JSON_PATH": "openapi.json",
        "OPENAPI_SWAGGER_UI_PATH": "/docs",
        "OPENAPI_SWAGGER_UI_URL": "/api/v1/docs/assets/",
    }
    config.update(overrides)
    if "SECRET_KEY" in overrides and "JWT_SECRET_KEY" not in overrides:
        config["JWT_SECRET_KEY"] = overrides["SECRET_KEY"]  # one key signs everything
    _check_readable(config)
    return config


def _number(env: dict[str, str], name: str, default: int, low: int, high: int) -> int:
    """A whole number setting within [low, high], or a ConfigurationError naming it."""
    text = env.get(name)
    if text is None:
        return default
    stripped = text.strip()
    if not (stripped.isascii() and stripped.isdigit() and len(stripped) <= len(str(high))) \
            or not low <= int(stripped) <= high:
        raise ConfigurationError(
            f"{name} is {text!r}: it must be a whole number from {low} to {high}")
    return int(stripped)


def _check_readable(config: dict[str, Any]) -> None:
    """Refuse settings the server would only trip on later, at a request."""
    storage = str(config.get("RATELIMIT_STORAGE_URI", ""))
    if storage.partition("://")[0] not in LIMIT_STORAGE_SCHEMES or "://" not in storage:
        raise ConfigurationError(
            f"ISAF_RATELIMIT_STORAGE is {storage!r}: use redis://HOST:6379/0 (or memory:// "
            "for a single process)")
    for key, name in (("LOGIN_LIMIT_PER_ACCOUNT", "ISAF_LOGIN_LIMIT_ACCOUNT"),
                      ("LOGIN_LIMIT_PER_ADDRESS", "ISAF_LOGIN_LIMIT_ADDRESS")):
        try:
            parse_limit(str(config.get(key, "")))
        except ValueError:
            raise ConfigurationError(
                f"{name} is {config.get(key)!r}: write a limit such as '5 per 15 minutes'") \
                from None
    try:
        make_url(str(config.get("DATABASE_URL", "")))
    except ArgumentError:
        raise ConfigurationError(
            "DATABASE_URL is not a database address: write it as "
            "postgresql+psycopg://USER@HOST:5432/NAME or sqlite:///PATH") from None


def check_production(config: dict[str, Any]) -> None:
    """Refuse to run in production with a missing, default or short secret key."""
    if config.get("ISAF_ENV") != "production":
        return
    for key in ("SECRET_KEY", "JWT_SECRET_KEY"):
        secret = config.get(key)
        if not secret:
            raise ConfigurationError(
                "ISAF_SECRET_KEY is not set: a production server needs one")
        if secret != DEVELOPMENT_SECRET and len(secret) >= MIN_SECRET_LENGTH:
            continue
        raise ConfigurationError(
            f"ISAF_SECRET_KEY is the development key or shorter than {MIN_SECRET_LENGTH} "
            "characters: generate one, e.g. python -c 'import secrets; "
            "print(secrets.token_urlsafe(48))'")
    if config.get("RATELIMIT_STORAGE_URI", "").startswith("memory://"):
        raise ConfigurationError(
            "ISAF_RATELIMIT_STORAGE is memory://: with several workers each would count "
            "login attempts alone; point it at Redis (redis://HOST:6379/0)")
