"""The citizens' pages (Information for Citizens): browse and search units, and read a
unit's published I4C. Only published forms; nothing personal."""

from __future__ import annotations

from werkzeug.wrappers import Response

from server.web.pages import cached_page, page, web


@web.get("/")
def home() -> Response:
    """The start page: the provinces, and a search box."""
    return cached_page(("home",), lambda: page("public/home.html"))
