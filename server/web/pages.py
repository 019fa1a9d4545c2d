"""What the public pages and the dashboard share: the blueprint, the page language, the
words in both languages, and answers that a second visit gets almost for free (ETag).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from flask import Blueprint, g, make_response, render_template, request
from werkzeug.wrappers import Response

from server.web.words import LANGUAGES, word


class _WebBlueprint(Blueprint):
    """The pages' blueprint: its stylesheet, asked for under its content's digest
    (`?v=`), is kept by browsers for a year; a new release is a new address."""

    def get_send_file_max_age(self, filename: str | None) -> int | None:
        return 365 * 24 * 3600 if request.args.get("v") == STYLE_VERSION else None


#: The digest of the stylesheet, in its address: changed content, changed address.
STYLE_VERSION = hashlib.sha256(
    (Path(__file__).parent / "static" / "site.css").read_bytes()).hexdigest()[:10]

web = _WebBlueprint("web", __name__, url_prefix="/<any(km, en):lang>",
                    template_folder="templates", static_folder="static",
                    static_url_path="/static")


@web.url_value_preprocessor
def _take_language(_endpoint: str | None, values: dict[str, Any] | None) -> None:
    g.lang = (values or {}).pop("lang", "km")


@web.url_defaults
def _keep_language(_endpoint: str, values: dict[str, Any]) -> None:
    values.setdefault("lang", getattr(g, "lang", "km"))


@web.context_processor
def _words() -> dict[str, Any]:
    lang = getattr(g, "lang", "km")
    other = "en" if lang == "km" else "km"
    return {"lang": lang, "other_lang": other, "t": lambda key, **kw: word(key, lang, **kw),
            "switch_url": switch_url(other), "languages": LANGUAGES,
            "style_version": STYLE_VERSION}


def switch_url(lang: str) -> str:
    """This page's address in the other language (query kept)."""
    path = request.path
    rest = path[3:] if path[:4] in ("/km/", "/en/") else "/"
    query = request.query_string.decode("ascii", "replace")
    return f"/{lang}{rest}" + (f"?{query}" if query else "")


def cached_page(tag_parts: tuple[Any, ...], render: Callable[[], str], *,
                max_age: int = 300, public: bool = True) -> Response:
    """A page answered with an ETag made of `tag_parts` (with the language and the
    address, host included: a page printing its own address differs per host): a browser
    that already holds it gets 304 and no body, and the page is not even rendered.
    `tag_parts` must change whenever what the page shows could. `max_age` 0: the browser
    asks every time (a page that must vanish at once when a form is withdrawn)."""
    seed = repr((g.lang, request.url, *tag_parts)).encode("utf-8")
    etag = hashlib.sha256(seed).hexdigest()[:32]
    # The compressor answers with the tag plus ":gzip" or ":br": either is this page.
    held = {tag.split(":")[0] for tag in request.if_none_match.as_set()}
    if etag in held:
        response = make_response("", 304)
    else:
        response = make_response(render())
        response.headers["Content-Type"] = "text/html; charset=utf-8"
    response.set_etag(etag)
    if not public:
        response.headers["Cache-Control"] = "private, no-cache"
    else:
        response.headers["Cache-Control"] = (f"public, max-age={max_age}" if max_age
                                             else "public, no-cache")
    response.headers["Content-Language"] = g.lang
    if not public:
        response.vary.add("Cookie")
    return response


def page(template: str, **context: Any) -> str:
    """A template rendered with the page's language."""
    return render_template(template, **context)
