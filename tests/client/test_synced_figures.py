"""The district figures a laptop shows come from the server: the sync brings them down
(approved and published forms of the whole district, with how many units they cover),
the Post-on and the desktop poster show them and say what they cover; a laptop that never
received them uses its own approved forms only and says so. Against a real server."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.orm import Session

from client.context import AppContext
from client.documents import find_unit, poster_input, write_poster
from client.session import UserSession
from client.store import comparisons
from client.store.repository import LocalStore
from client.sync.transport import Transport
from client.ui.post_on import PostOnView
from common.db import make_engine
from common.documents import DocumentOptions
from common.units.models import ServiceUnit
from tests.common.documents.extract import flat, pdftotext
from tests.server.conftest import PASSWORD
from tests.server.test_area_figures import DAYS, YEAR, make_form
from tests.sync.conftest import Link, SettlingEngine, link  # noqa: F401 - fixtures

pytestmark = pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")


@pytest.fixture(scope="module")
def district(link: Link, module_database_url: str) -> dict[str, str]:  # noqa: F811
    """On the server: the home health center approved (7 days open a week), its neighbour
    published (4 days), a third unit's form a draft (1 day). Form ids."""
    engine = make_engine(module_database_url)
    made: dict[str, str] = {}
    with Session(engine) as session, session.begin():
        third = ServiceUnit(code="HC010209", kind="health_center", commune_code="010202",
                            name_km="អង្គភាព HC010209", name_en="Unit HC010209")
        session.add(third)
        session.flush()
        made["draft"] = make_form(session, link.world, third.id, "draft", 1)
        made["home"] = make_form(session, link.world, link.world.units["home"], "approved", 7)
        made["neighbour"] = make_form(session, link.world, link.world.units["other_commune"],
                                      "published", 4)
    engine.dispose()
    return made


@pytest.fixture
def sign_in(link: Link, district: dict[str, str], tmp_path: Path,  # noqa: F811
            qapp: object) -> Iterator[Callable[[str], AppContext]]:
    """A person signed in on a new laptop, in English."""
    made: list[AppContext] = []

    def make(username: str) -> AppContext:
        context = AppContext(tmp_path / f"home-{username}")
        context.settings.language = "en"
        transport = Transport(link.proxy.url, retries=0, backoff=0.01, timeout=30)
        user = transport.login(username, PASSWORD, device_id=None)
        profile = context.profiles.remember(username, PASSWORD, user, link.proxy.url)
        store = LocalStore(profile.store_path)
        transport.login(username, PASSWORD, device_id=store.device_id)
        engine = SettlingEngine(store, transport, server=link.direct_url)
        context.start_session(UserSession(profile, store, transport, engine, online=True))
        made.append(context)
        return context

    yield make
    for context in made:
        context.end_session()


@pytest.fixture
def focal(sign_in: Callable[[str], AppContext]) -> AppContext:
    """The commune focal point of Banteay Neang: their laptop holds their commune only
    (the home unit), not the neighbour of the other commune."""
    return sign_in("focal")


def _store(context: AppContext) -> LocalStore:
    assert context.session is not None
    return context.session.store


def _post_on(context: AppContext, form_id: str) -> PostOnView:
    store = _store(context)
    form = store.form(form_id)
    assert form is not None
    definition = store.definition(form.form_code, form.definition_version)
    assert definition is not None
    view = PostOnView(context, form_id, definition)
    view.set_values(store.values(form_id))
    view.load_comparison()
    return view


def _row(view: PostOnView, code: str) -> Any:
    return next(r for r in view.rows() if r.indicator.code == code)


def test_the_sync_brings_the_district_figures_and_the_post_on_shows_them(
        focal: AppContext, district: dict[str, str]) -> None:
    assert focal.session is not None
    report = focal.session.engine.sync()
    assert report.figures  # the district's, for every service and two years
    store = _store(focal)
    # This laptop holds its own commune only: the neighbour's form never came down.
    assert store.form(district["neighbour"]) is None
    synced = comparisons.synced_figures(store, "0102", YEAR, "health_center")
    assert synced is not None and synced.figures.units == 2
    view = _post_on(focal, district["home"])
    days = _row(view, DAYS).district
    # The server's district: the approved 7 and the published 4, never the draft's 1.
    assert days is not None and days.average == 5.5 and days.units == 2 and days.met == 1
    note = view.comparison_note.text()
    assert "District average: the approved forms of 2 unit(s) of the district, as of" in note
    assert view.model.data(view.model.index(view.rows().index(_row(view, DAYS)), 6)) == "5.5"


def test_the_desktop_poster_prints_the_servers_district_figures(
        focal: AppContext, district: dict[str, str]) -> None:
    assert focal.session is not None
    focal.session.engine.sync()
    store = _store(focal)
    data = poster_input(store, find_unit(store, "HC010201"), YEAR,
                        DocumentOptions(language="en"))
    assert data.district_units == 2 and data.district_average[DAYS] == 5.5
    assert not data.district_local
    text = flat(pdftotext(write_poster(store, "HC010201", YEAR,
                                       DocumentOptions(language="en"))))
    assert "District average over the approved forms of 2 units of the district" in text
    assert "on this computer only" not in text


def test_a_failed_fetch_keeps_the_figures_already_received(
        focal: AppContext, link: Link, district: dict[str, str]) -> None:  # noqa: F811
    assert focal.session is not None
    engine = focal.session.engine
    engine.sync()
    kept = _store(focal).get_state(comparisons.SYNCED_FIGURES)
    assert kept
    link.proxy.cut_response_after = 0  # the link drops as the figures are asked for
    assert engine.fetch_figures() is None
    assert _store(focal).get_state(comparisons.SYNCED_FIGURES) == kept


class _OldServer(BaseHTTPRequestHandler):
    """A server of an earlier release: it has no figures to give (404, in JSON)."""

    def do_GET(self) -> None:
        body = json.dumps({"status": 404, "code": "not_found",
                           "message": "not found"}).encode()
        self.send_response(404)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: Any) -> None:
        pass


def test_an_older_server_without_figures_is_passed_over_silently(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _OldServer)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    store = LocalStore(tmp_path / "old.sqlite")
    transport = Transport(f"http://127.0.0.1:{server.server_address[1]}", retries=0)
    try:
        assert SettlingEngine(store, transport).fetch_figures() is None
        assert store.get_state(comparisons.SYNCED_FIGURES) is None
        assert "district figures" not in caplog.text
    finally:
        transport.close()
        store.close()
        server.shutdown()
        server.server_close()


def test_without_synced_figures_the_laptop_uses_its_own_approved_forms_and_says_so(
        sign_in: Callable[[str], AppContext], district: dict[str, str]) -> None:
    """The district officer's laptop holds the whole district; before it ever received
    the server's figures, its approved and published forms make the average (the draft
    never counts), and the Post-on and poster say the figures are this computer's."""
    officer = sign_in("dmk")
    assert officer.session is not None
    officer.session.engine.sync()
    store = _store(officer)
    assert store.form(district["draft"]) is not None  # the draft is on this laptop
    store.set_state(comparisons.SYNCED_FIGURES, None)  # as before any figures came
    view = _post_on(officer, district["home"])
    days = _row(view, DAYS).district
    assert days is not None and days.average == 5.5 and days.units == 2
    assert ("District average: the approved forms of 2 unit(s) of the district, from this "
            "computer's forms only.") in view.comparison_note.text()
    data = poster_input(store, find_unit(store, "HC010201"), YEAR, DocumentOptions())
    assert data.district_local and data.district_units == 2
    text = flat(pdftotext(write_poster(store, "HC010201", YEAR,
                                       DocumentOptions(language="en"))))
    assert ("District average over the approved forms of 2 units of the district on this "
            "computer only") in text
    # The draft's own Post-on: no final form of its own, so it is not in the average.
    draft = _post_on(officer, district["draft"])
    assert _row(draft, DAYS).district.units == 2
