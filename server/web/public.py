"""The citizens' pages (Information for Citizens): browse and search units, and read a
unit's published I4C, or download its poster. Only published forms; nothing personal.

Every page answers with an ETag built from what it shows (the forms' change number moves
with every publication or withdrawal), so a second visit costs a 304 and no rendering.
A rendered page is also kept in memory under that tag: many phones asking for the same
unit page get the same bytes without the page being built again.
"""

from __future__ import annotations

import hashlib
import re
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from flask import abort, g, make_response, redirect, request, url_for
from sqlalchemy import func, select
from werkzeug.exceptions import NotFound
from werkzeug.wrappers import Response

from common import documents
from common.documents import DocumentOptions, poster_pdf
from common.geography.models import LEVELS
from common.khmer import Digits, format_number
from common.khmer.digits import render_digits
from common.units.models import UNIT_KINDS, ServiceUnit
from server import db
from server.data.figures import data_version
from server.documents import poster_input
from server.web import public_data as data
from server.web.pages import cached_page, page, web
from server.web.words import WORDS

_POSTER_LANGUAGES = ("km", "en", "km+en")


class _Kept:
    """The last `room` things made, by key (keys are ETag parts: a kept one is never
    stale, only pushed out by newer ones)."""

    def __init__(self, room: int) -> None:
        self.room = room
        self.held: OrderedDict[tuple[Any, ...], Any] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: tuple[Any, ...], make: Callable[[], Any]) -> Any:
        """What `make` gives for `key`, made once while the key is kept."""
        with self.lock:
            if key in self.held:
                self.held.move_to_end(key)
                return self.held[key]
        made = make()
        with self.lock:
            self.held[key] = made
            while len(self.held) > self.room:
                self.held.popitem(last=False)
        return made


#: Rendered pages (a few KB each) and posters (a few hundred) kept per worker.
_pages = _Kept(512)
_posters = _Kept(16)


def _release() -> str:
    """A digest of the pages' templates and words: a new release that changes how a
    page looks changes its ETag, so no browser keeps the old look of unchanged data."""
    folder = Path(__file__).parent / "templates"
    digest = hashlib.sha256(repr(sorted(WORDS.items())).encode("utf-8"))
    for path in sorted(folder.rglob("*.html")):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


_RELEASE = _release()
#: The poster's own release: a digest of the code that draws it (common/documents), so
#: a browser never keeps a poster drawn by an older release.
_POSTER_RELEASE = hashlib.sha256(b"".join(
    path.read_bytes() for path in sorted(
        (Path(documents.__file__).parent).glob("*.py")))).hexdigest()[:12]


def _answer(tag_parts: tuple[Any, ...], render: Callable[[], str], *,
            max_age: int = 300) -> Response:
    """A public page with an ETag of `tag_parts`, rendered at most once per tag."""
    tag_parts = (_RELEASE, *tag_parts)
    # The host too: a page prints its own address (the share box), and a request naming
    # another host must not put that host in the page everyone else gets.
    key = ("page", g.lang, request.url, *tag_parts)
    return cached_page(tag_parts, lambda: _pages.get(key, render), max_age=max_age)


def _units_version() -> tuple[Any, ...]:
    """What changes when a unit is added, renamed, moved or closed."""
    row = db.session().execute(select(func.count(ServiceUnit.id),
                                      func.max(ServiceUnit.updated_at))).one()
    return tuple(row)


def _kind_names(lang: str) -> dict[str, str]:
    return {kind: names[1] if lang == "en" else names[0]
            for kind, names in UNIT_KINDS.items()}


@web.get("/")
def home() -> Response:
    """The start page: the search box, and the provinces that have units."""
    session = db.session()
    return _answer(("home", *_units_version()), lambda: page(
        "public/home.html", areas=data.areas_with_units(session, None)))


@web.get("/area/<code>")
def area(code: str) -> Response:
    """A province's districts, a district's communes, or a commune's units."""
    if not (code.isascii() and code.isdigit() and len(code) in (2, 4, 6)):
        abort(404)
    session = db.session()
    crumbs = data.places(session, code)
    if not crumbs or crumbs[-1].code != code:
        abort(404)
    tag = ("area", *_units_version(), *(a.updated_at for a in crumbs))

    def render() -> str:
        if len(code) == LEVELS["commune"]:
            return page("public/area.html", area=crumbs[-1], crumbs=crumbs[:-1], areas=[],
                        units=data.units_of_commune(session, code), kinds=_kind_names(g.lang))
        return page("public/area.html", area=crumbs[-1], crumbs=crumbs[:-1],
                    areas=data.areas_with_units(session, code), units=[], kinds={})

    return _answer(tag, render)


@web.get("/search")
def search() -> Response:
    """Units found by a part of their name, in Khmer or Latin letters, or their code."""
    raw = request.args.get("q", "")
    query = data.clean_query(raw)
    if len(raw) > data.QUERY_LIMIT * 4 or len(query) > data.QUERY_LIMIT:
        response = make_response(page("public/search.html", q=query[:data.QUERY_LIMIT],
                                      too_long=True, units=[], more=False,
                                      limit=data.RESULT_LIMIT, kinds=_kind_names(g.lang)))
        response.status_code = 400
        return response
    session = db.session()

    def render() -> str:
        units, more = data.search_units(session, query) if query else ([], False)
        return page("public/search.html", q=query, too_long=False, units=units, more=more,
                    limit=data.RESULT_LIMIT, kinds=_kind_names(g.lang))

    return _answer(("search", data_version(session), *_units_version()), render)


def _unit(code: str) -> ServiceUnit:
    unit = data.find_unit(db.session(), code)
    if unit is None:
        abort(404)
    return unit


@web.get("/unit/<code>")
def unit(code: str) -> Response:
    """A unit: its newest published year, or a page saying it has none yet."""
    session = db.session()
    found = _unit(code)
    years = data.published_years(session, found)
    if years:
        kept: dict[str, Any] = {k: v for k, v in request.args.items()
                                if k == "official_only"}
        response = redirect(url_for("web.unit_year", code=found.code, year=years[0],
                                    **kept), code=302)
        response.headers["Cache-Control"] = "public, no-cache"
        return response
    crumbs = data.places(session, found.commune_code)
    return _answer(("unit", data_version(session), found.updated_at), lambda: page(
        "public/unit_none.html", unit=found, crumbs=crumbs, kinds=_kind_names(g.lang)),
        max_age=0)


def _official_only() -> bool:
    return request.args.get("official_only", "") in ("1", "true", "yes", "on")


@web.get("/unit/<code>/<int:year>")
def unit_year(code: str, year: int) -> Response:
    """A unit's published I4C of a year."""
    session = db.session()
    found = _unit(code)
    form = data.published_form(session, found, year)
    if form is None:
        abort(404)
    crumbs = data.places(session, found.commune_code)
    tag = ("unit_year", data_version(session), data.jaap_version(session, found, year),
           found.updated_at, *(a.updated_at for a in crumbs))
    official_only = _official_only()

    def render() -> str:
        shown = data.unit_year(session, found, form, lang=g.lang, official_only=official_only)
        digits: Digits = "arabic" if g.lang == "en" else "khmer"
        return page("public/unit.html", p=shown, unit=found, crumbs=crumbs,
                    years=data.published_years(session, found), official_only=official_only,
                    kinds=_kind_names(g.lang), share=request.url,
                    keep={"official_only": 1} if official_only else {},
                    sections={s.code: s.title.get(g.lang) for s in shown.definition.sections},
                    dig=lambda year: render_digits(str(year), digits),
                    num=lambda n: format_number(n, digits=digits))

    return _answer(tag, render, max_age=0)


def _poster_language() -> str:
    # A '+' in a query reads as a space: "km+en" arrives as "km en".
    asked = request.args.get("language", g.lang).replace(" ", "+")
    if asked not in _POSTER_LANGUAGES:
        abort(404)
    return asked


@web.get("/unit/<code>/<int:year>/poster.pdf")
def poster(code: str, year: int) -> Response:
    """The unit's I4C poster of a published year as a PDF, built only when the browser
    does not already hold this very one."""
    session = db.session()
    found = _unit(code)
    form = data.published_form(session, found, year)
    if form is None:
        abort(404)
    language = _poster_language()
    official_only = _official_only()
    crumbs = data.places(session, found.commune_code)
    parts = (_POSTER_RELEASE, form.id, form.revision, data_version(session),
             data.jaap_version(session, found, year), found.updated_at,
             *(a.updated_at for a in crumbs), language, official_only)
    etag = hashlib.sha256(repr(("poster", *parts)).encode()).hexdigest()[:32]
    if etag in request.if_none_match:
        response = make_response("", 304)
    else:
        options = DocumentOptions(language=language,  # type: ignore[arg-type]
                                  proposed_standards=not official_only)
        pdf = _posters.get(parts, lambda: _poster_bytes(found, year, options))
        response = make_response(pdf)
        response.headers["Content-Type"] = "application/pdf"
        name = re.sub(r"[^A-Za-z0-9._-]", "_", f"i4c-{found.code}-{year}-{language}.pdf")
        response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    response.set_etag(etag)
    # Asked again every time (a 304 costs no building): a withdrawn form's poster must
    # not stay in a browser or a proxy.
    response.headers["Cache-Control"] = "public, no-cache"
    return response


def _poster_bytes(found: ServiceUnit, year: int, options: DocumentOptions) -> bytes:
    """The poster of a published form; last year's figures only when last year's form is
    published too (a draft's figures are not for the public)."""
    session = db.session()
    made = poster_input(session, found, year, options)
    if data.published_form(session, found, year - 1) is None:
        made = replace(made, last_year=None)
    return poster_pdf(made)


@web.get("/<path:_rest>")
def unknown(_rest: str) -> Response:
    """Any other address under a language: the page that says there is no such page."""
    abort(404)


@web.errorhandler(404)
def not_found(_error: NotFound) -> tuple[str, int]:
    """The web's own 'no such page', in the page's language (the API keeps its JSON)."""
    return page("not_found.html"), 404
