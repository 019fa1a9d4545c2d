"""The Blueprint every API module uses: flask-smorest's, reading JSON bodies through the
application's hardened reader (common/safe_json.py) instead of webargs' bare `json.loads`.

webargs parses request bodies itself, so without this a lone surrogate, a deeply nested
document or a huge integer would reach the views, or crash the parser, before the
application's own JSON rules could refuse them.
"""

from __future__ import annotations

from typing import Any

import flask_smorest  # type: ignore[import-untyped]  # ships no type information
from flask import Request
from webargs import core
from webargs.flaskparser import FlaskParser, is_json_request


class _Parser(FlaskParser):
    """webargs' Flask parser, taking JSON bodies from `Request.get_json` (the app's
    hardened reader; a refusal is a 400 with the reason)."""

    def _raw_load_json(self, req: Request) -> Any:
        if not is_json_request(req):
            return core.missing
        if not req.get_data(cache=True).strip():
            return core.missing  # as webargs: no body, then the schema says what is missing
        return req.get_json(cache=True)


class Blueprint(flask_smorest.Blueprint):
    """A flask-smorest Blueprint whose arguments are read by `_Parser`."""

    ARGUMENTS_PARSER = _Parser()
