"""The application factory: `create_app(config)` builds a configured ISAF Desk server."""

from __future__ import annotations

import logging
from typing import Any

from flask import Flask, Request, Response, jsonify, request, send_from_directory
from flask.json.provider import DefaultJSONProvider
from flask_smorest import Api  # type: ignore[import-untyped]  # ships no type information
from sqlalchemy.exc import DataError
from werkzeug.exceptions import HTTPException

from common import safe_json
from common.sync.protocol import (
    PROTOCOL_HEADER,
    SUPPORTED_VERSIONS,
    parse_versions,
    upgrade_needed,
    versions_text,
)
from server import db
from server.api.schemas import ErrorSchema
from server.config import check_production, from_env
from server.errors import InvalidJSONError, ServiceError
from server.extensions import compress, jwt, limiter
from server.web import register_web

log = logging.getLogger(__name__)

#: Stable codes for the HTTP errors Flask and its extensions raise themselves.
_HTTP_CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
               405: "method_not_allowed", 409: "conflict", 413: "request_too_large",
               415: "unsupported_media_type", 422: "invalid_request", 426: "upgrade_required",
               429: "too_many_requests", 500: "server_error"}


def create_app(config: dict[str, Any] | None = None) -> Flask:
    """A server configured from the environment, with `config` overriding it."""
    settings = from_env(**(config or {}))
    check_production(settings)
    app = Flask(__name__, instance_relative_config=False)
    app.request_class = _Request
    app.json = _JSONProvider(app)
    app.config.update(settings)
    if settings["PROXY_COUNT"]:
        from werkzeug.middleware.proxy_fix import ProxyFix

        count = settings["PROXY_COUNT"]
        proxy = ProxyFix(app.wsgi_app, x_for=count, x_proto=count, x_host=count)
        app.wsgi_app = proxy  # type: ignore[method-assign]  # middleware, as Flask documents
    app.json.ensure_ascii = False  # Khmer stays readable

    db.init_app(app)
    jwt.init_app(app)
    limiter.init_app(app)
    # flask-smorest keeps one OpenAPI document per Api object: one per application.
    api = _Api(app)
    api.spec.components.security_scheme(
        "bearerAuth", {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"})
    _register_blueprints(api)
    _register_error_handlers(app)
    _check_protocols(app)
    _serve_api_page_assets(app)
    register_web(app)
    compress.init_app(app)
    return app


class _JSONProvider(DefaultJSONProvider):
    """Flask's JSON, reading request bodies with the hardened reader (common/safe_json.py):
    lone surrogates, NULs, deep nesting and huge numbers are refused, not parsed."""

    def loads(self, s: str | bytes, **kwargs: Any) -> Any:
        return safe_json.loads(s)


class _Request(Request):
    """A request whose unreadable JSON body is a 400 saying what is wrong with it."""

    def on_json_loading_failed(self, e: ValueError | None) -> Any:
        if e is None:  # not JSON at all: Flask's 415
            return super().on_json_loading_failed(e)
        message = e.message if isinstance(e, safe_json.JSONRefusedError) \
            else "the body is not valid JSON"
        raise InvalidJSONError(message)


class _Api(Api):
    """flask-smorest's Api, documenting errors in the shape the server really sends."""

    ERROR_SCHEMA = ErrorSchema


def _register_blueprints(api: Api) -> None:
    from server.api import (
        auth,
        completeness,
        definitions,
        exports,
        figures,
        forms,
        geography,
        public,
        publishing,
        sync,
        units,
        users,
    )

    for module in (auth, users, geography, units, definitions, forms, completeness, public,
                   sync, exports, figures, publishing):
        api.register_blueprint(module.blp)


def error_response(status: int, message: str, code: str | None = None,
                   details: dict[str, Any] | None = None) -> tuple[Response, int]:
    """The one JSON shape of every error."""
    body = {"status": status, "code": code or _HTTP_CODES.get(status, "error"),
            "message": message, "details": details or {}}
    return jsonify(body), status


def _check_protocols(app: Flask) -> None:
    """Every answer names the sync protocol versions this server speaks; a sync request
    from a client that names a range sharing none of them is refused before its body is
    read (426: "client_too_old" or "server_too_old"), so nothing it sent is misread and
    its changes stay on the computer. A client that names no range is checked on the
    version inside its request, as before."""
    ours: range = app.config.get("SYNC_PROTOCOLS") or SUPPORTED_VERSIONS

    @app.before_request
    def _refuse_a_foreign_protocol() -> tuple[Response, int] | None:
        if not request.path.startswith("/api/v1/sync/"):
            return None
        theirs = parse_versions(request.headers.get(PROTOCOL_HEADER))
        side = upgrade_needed(theirs, ours) if theirs is not None else None
        if theirs is None or side is None:
            return None
        details = {"server": versions_text(ours), "client": versions_text(theirs)}
        if side == "client":
            return error_response(426, "this version of ISAF Desk is too old for the "
                                  "server: install the new version (your unsent changes "
                                  "are kept)", "client_too_old", details)
        return error_response(426, "the server is older than this version of ISAF Desk: "
                              "the server must be upgraded before this computer can sync "
                              "(your unsent changes are kept)", "server_too_old", details)

    @app.after_request
    def _name_our_protocol(response: Response) -> Response:
        response.headers[PROTOCOL_HEADER] = versions_text(ours)
        return response


def _register_error_handlers(app: Flask) -> None:
    @app.errorhandler(ServiceError)
    def _service_error(error: ServiceError) -> tuple[Response, int]:
        return error_response(error.status, error.message, error.code, error.details)

    @app.errorhandler(HTTPException)
    def _http_error(error: HTTPException) -> tuple[Response, int]:
        status = error.code or 500
        details: dict[str, Any] = {}
        data = getattr(error, "data", None) or {}
        if "messages" in data:  # webargs: which fields of the request were wrong
            details["fields"] = data["messages"]
        message = data.get("message") or error.description or "error"
        if status == 422 and "fields" in details:
            message = "the request is not valid; see details.fields"
        if status == 413:
            message = f"the request is larger than {_size(app.config['MAX_CONTENT_LENGTH'])}"
        response = error_response(status, message, details=details)
        allowed = getattr(error, "valid_methods", None)  # MethodNotAllowed names them
        if status == 405 and allowed:
            response[0].headers["Allow"] = ", ".join(allowed)
        return response

    @app.errorhandler(DataError)
    def _unstorable(error: DataError) -> tuple[Response, int]:
        # PostgreSQL refuses some values SQLite takes (a NUL character, a number beyond
        # its column): the request is at fault, not the server.
        db.session().rollback()
        return error_response(400, "a value in the request cannot be stored or looked up "
                                   "(a text too long for its field, or a number out of range)",
                              "invalid_value")

    @app.errorhandler(UnicodeEncodeError)
    @app.errorhandler(OverflowError)
    def _unencodable(error: Exception) -> tuple[Response, int]:
        # A backstop behind the request readers' own checks: a text that is no UTF-8
        # (a lone surrogate) or an integer beyond 64 bits met the database driver, which
        # raises these before anything is written. Logged: a reader let it through.
        log.warning("a request value the database driver cannot take", exc_info=error)
        db.session().rollback()
        return error_response(400, "a value in the request cannot be stored or looked up "
                                   "(a text that is not Unicode, or a number out of range)",
                              "invalid_value")

    @app.errorhandler(Exception)
    def _unexpected(error: Exception) -> tuple[Response, int]:
        log.exception("unexpected error")
        return error_response(500, "the server met an unexpected error; nothing was saved")

    @jwt.unauthorized_loader
    def _no_token(reason: str) -> tuple[Response, int]:
        return error_response(401, "sign in first: this needs an access token")

    @jwt.invalid_token_loader
    def _bad_token(reason: str) -> tuple[Response, int]:
        return error_response(401, "the token is not valid; sign in again")

    @jwt.expired_token_loader
    def _expired(header: dict[str, Any], payload: dict[str, Any]) -> tuple[Response, int]:
        return error_response(401, "the token has expired; refresh it or sign in again",
                              "token_expired")

    @jwt.revoked_token_loader
    def _revoked(header: dict[str, Any], payload: dict[str, Any]) -> tuple[Response, int]:
        return error_response(401, "the token was revoked; sign in again", "token_revoked")

    @jwt.user_lookup_error_loader
    def _no_user(header: dict[str, Any], payload: dict[str, Any]) -> tuple[Response, int]:
        return error_response(401, "this sign-in has ended (the account was deactivated or "
                              "its password changed); sign in again", "session_ended")

    @jwt.needs_fresh_token_loader
    def _not_fresh(header: dict[str, Any], payload: dict[str, Any]) -> tuple[Response, int]:
        return error_response(401, "sign in again to do this", "fresh_login_required")


def _size(count: int) -> str:
    """A byte count as people read it: '8 MB', '512 KB', '100 bytes'."""
    for unit, factor in (("MB", 1024 * 1024), ("KB", 1024)):
        if count >= factor:
            return f"{count / factor:g} {unit}"
    return f"{count} bytes"


def _serve_api_page_assets(app: Flask) -> None:
    """The interactive API page's scripts, served from a package: no CDN needed offline."""
    from swagger_ui_bundle import swagger_ui_path

    @app.route("/api/v1/docs/assets/<path:filename>")
    def api_page_asset(filename: str) -> Response:
        return send_from_directory(str(swagger_ui_path), filename)
