"""One district figure everywhere: for the same unit and year, the server's poster, the
desktop poster (after a sync), the Post-on, the national export and the public page of the
district's published unit show the same
district average over the same number of units' approved forms, and a draft in the
district counts in none of them. Against a real server, on SQLite and PostgreSQL."""

from __future__ import annotations

import html
import io
import re
from collections.abc import Callable
from typing import Any

import httpx
import openpyxl
from sqlalchemy.orm import Session

from client.context import AppContext
from client.documents import find_unit, poster_input, write_poster
from client.store.comparisons import comparison, synced_figure
from common.db import make_engine
from common.documents import DocumentOptions, poster_pdf
from common.documents.poster_tables import average_text
from common.units.models import ServiceUnit
from server import documents as server_documents
from server import exports
from server.accounts.models import User
from tests.client.test_synced_figures import (  # noqa: F401 - fixtures
    _post_on,
    _row,
    district,
    sign_in,
)
from tests.common.documents.extract import flat, pdftotext
from tests.server.test_area_figures import DAYS, YEAR
from tests.sync.conftest import Link, link  # noqa: F401 - fixtures

ENGLISH = DocumentOptions(language="en")
NOTE = "District average over the approved forms of {n} units of the district"


def _server_poster(url: str) -> tuple[Any, bytes]:
    engine = make_engine(url)
    try:
        with Session(engine) as session:
            unit = session.query(ServiceUnit).filter_by(code="HC010201").one()
            data = server_documents.poster_input(session, unit, YEAR, ENGLISH)
            return data, poster_pdf(data)
    finally:
        engine.dispose()


def _export_row(url: str, link: Link) -> dict[str, Any]:  # noqa: F811
    """The export's District figures row of district 0102, health centers, days open."""
    engine = make_engine(url)
    out = io.BytesIO()
    try:
        with Session(engine) as session:
            officer = session.get(User, link.world.users["dmk"])
            assert officer is not None
            selection = exports.select_for_user(session, officer, year=YEAR, scope=None,
                                                service=None)
            exports.write_export(session, out, selection, role=officer.role)
    finally:
        engine.dispose()
    sheet = openpyxl.load_workbook(io.BytesIO(out.getvalue()))["District figures"]
    rows = list(sheet.iter_rows(values_only=True))
    header = list(rows[2])
    found = [dict(zip(header, row, strict=True)) for row in rows[4:]]
    return next(r for r in found if r["District code"] == "0102"
                and r["Service"].startswith("Health center") and r["Indicator code"] == DAYS)


def _public_district_cell(base_url: str, unit_code: str) -> tuple[str, str]:
    """The public page's district cell for days open, and its district note."""
    page = httpx.get(f"{base_url}/en/unit/{unit_code}/{YEAR}", timeout=30)
    assert page.status_code == 200
    row = re.search(rf'<tr[^>]*data-indicator="{DAYS}".*?</tr>', page.text, re.S)
    note = re.search(r'<p class="district-note[^"]*">(.*?)</p>', page.text, re.S)
    assert row is not None and note is not None
    cell = re.search(r'<td class="num district"[^>]*>(.*?)</td>', row.group(0), re.S)
    assert cell is not None
    return (html.unescape(re.sub(r"<[^>]+>", "", cell.group(1))).strip(),
            html.unescape(note.group(1)).strip())


def test_poster_desktop_poster_post_on_and_export_agree(
        sign_in: Callable[[str], AppContext], district: dict[str, str],  # noqa: F811
        link: Link, module_database_url: str) -> None:  # noqa: F811
    # The server: approved 7 and published 4 days a week; the draft's 1 never counts.
    server_data, server_pdf = _server_poster(module_database_url)
    assert server_data.district_units == 2
    average = server_data.district_average[DAYS]
    assert average == 5.5

    # A commune's laptop: it holds its own unit only, yet shows the whole district.
    focal = sign_in("focal")
    assert focal.session is not None
    focal.session.engine.sync()
    store = focal.session.store
    desktop = poster_input(store, find_unit(store, "HC010201"), YEAR, ENGLISH)
    assert desktop.district_units == server_data.district_units
    assert desktop.district_average == server_data.district_average
    desktop_pdf = write_poster(store, "HC010201", YEAR, ENGLISH)
    for pdf in (server_pdf, desktop_pdf):
        assert NOTE.format(n=2) in flat(pdftotext(pdf))

    view = _post_on(focal, district["home"])
    shown = _row(view, DAYS).district
    assert shown is not None and (shown.average, shown.units) == (average, 2)
    against = comparison(store, district["home"])
    assert against is not None and against.synced is not None
    indicator = _row(view, DAYS).indicator
    assert synced_figure(indicator, against.synced.figures) == shown

    row = _export_row(module_database_url, link)
    assert row["District average"] == average
    assert row["Units with a value"] == 2
    assert row["Units with approved forms"] == 2
    assert row["Units meeting the standard"] == shown.met == 1

    # Citizens: the district's published unit (the neighbour) shows the same figure.
    # Printed as the poster prints it (a count's average is shown whole).
    cell, note = _public_district_cell(link.direct_url, "HC010202")
    assert cell == average_text(indicator, average, "arabic") == "6"
    assert NOTE.format(n=2) in note
