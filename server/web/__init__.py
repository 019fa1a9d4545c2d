"""The web pages: Information for Citizens (public, no account) and the staff dashboard.

Server-rendered HTML (Jinja2) for cheap phones on slow links: no script framework, system
fonts with a Khmer fallback, one small stylesheet, compressed answers and ETags. Every
page lives under its language, `/km/...` (the default: `/` leads there) or `/en/...`, so a
shared link opens in the language it was shared in and each language caches on its own.

`pages.py` holds what the two halves share (the language, the words, the ETag answer);
`public.py` the citizens' pages; `dashboard.py` the signed-in staff's.
"""

from __future__ import annotations

from flask import Flask, redirect
from werkzeug.wrappers import Response

from server.web.pages import web


def register_web(app: Flask) -> None:
    """Add the web pages to an application."""
    from server.web import dashboard, public  # noqa: F401 - their routes join `web`

    app.register_blueprint(web)

    @app.get("/")
    def _home() -> Response:
        return redirect("/km/", code=302)
