"""Screens driven offscreen with pytest-qt, over a real local store.

`offline_context` is an application context whose signed-in person works offline: their
store holds the test geography, units and the published form definitions, as after a
first sync, and their link points nowhere. Screens that need a server use the real server
process of tests/sync (`link`, `make_client`); there, every sync engine the client makes
waits before each pull until the server's scope settled, as tests/sync's do
(`SettlingEngine`): a screen that syncs right after another computer pushed shows it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy.orm import Session

from client import session as client_session
from client.context import AppContext
from client.i18n import apply_language
from client.interaction import ScriptedInteraction
from client.qt import QApplication, QFont
from client.session import UserSession
from client.store.repository import LocalStore
from client.sync.engine import SyncEngine
from client.sync.transport import Transport
from client.ui.form_editor import FormEditor
from client.ui.interaction import QtInteraction
from client.ui.main_window import MainWindow
from client.ui.navigator import Navigator
from common.forms import load_definitions
from common.forms.store import publish_definition
from common.geography.importers import AreaRecord, AreaSource, apply_import
from common.units.models import ServiceUnit
from server.cli import FORMS_DIR
from tests.server.conftest import AREAS, UNITS
from tests.sync.conftest import SettlingEngine

PASSWORD = "a commune password"
_DEFINITIONS = load_definitions(FORMS_DIR)


def seed_store(store: LocalStore) -> dict[str, str]:
    """The test world's areas, units and definitions in a client store; unit key -> id."""
    ids = {}
    with store.transaction() as session:
        _seed(session, ids)
    return ids


def _seed(session: Session, ids: dict[str, str]) -> None:
    apply_import(session, AreaSource("test", [AreaRecord(*a) for a in AREAS]))
    for definition in _DEFINITIONS:
        publish_definition(session, definition)
    for key, (code, kind, commune) in UNITS.items():
        unit = ServiceUnit(code=code, kind=kind, commune_code=commune,
                           name_km=f"អង្គភាព {code}", name_en=f"Unit {code}")
        session.add(unit)
        session.flush()
        ids[key] = unit.id


@pytest.fixture(autouse=True)
def _pulls_wait_for_a_settled_scope(request: pytest.FixtureRequest,
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """With the real server (a test that uses `link`), the engines of signed-in sessions
    wait before each pull until their scope settled (tests/sync/conftest.py)."""
    if "link" not in request.fixturenames:
        return
    link = request.getfixturevalue("link")
    monkeypatch.setattr(client_session, "SyncEngine",
                        partial(SettlingEngine, server=link.direct_url))


@pytest.fixture
def told_script(monkeypatch: pytest.MonkeyPatch) -> ScriptedInteraction:
    """The messages every screen shows (QtInteraction's `inform` and `warn`, on every
    context) recorded by a ScriptedInteraction instead of waiting for a click; questions
    and file dialogs stay Qt's."""
    script = ScriptedInteraction()
    for name in ("inform", "warn"):
        monkeypatch.setattr(QtInteraction, name, _delegate(script, name))
    return script


@pytest.fixture
def scripted(told_script: ScriptedInteraction,
             monkeypatch: pytest.MonkeyPatch) -> ScriptedInteraction:
    """Every dialog the screens show goes to one ScriptedInteraction: messages are recorded,
    questions and file dialogs take the replies a test queues (`scripted.reply(...)`), and
    one nobody queued a reply for fails the test at once instead of waiting for a click."""
    for name in ("confirm", "choose", "ask_text", "save_path", "open_path", "folder"):
        monkeypatch.setattr(QtInteraction, name, _delegate(told_script, name))
    return told_script


def _delegate(script: ScriptedInteraction, name: str) -> Callable[..., object]:
    method = getattr(script, name)

    def ask(_self: QtInteraction, *args: object, **kwargs: object) -> object:
        return method(*args, **kwargs)

    return ask


@pytest.fixture
def boxes(told_script: ScriptedInteraction) -> list[str]:
    """Message boxes would wait for a click: record their text instead (a module that
    shows them uses it for every test: `pytestmark = pytest.mark.usefixtures("boxes")`)."""
    return told_script.told


@pytest.fixture
def offline_context(tmp_path: Path, qapp: object) -> Iterator[AppContext]:
    """A context with a commune focal point signed in offline over a seeded store."""
    context = AppContext(tmp_path / "home")
    user = {"id": "00000000-0000-4000-8000-000000000001", "username": "focal",
            "full_name": "Focal Point", "role": "commune_focal_point", "area_code": "010201",
            "unit_id": None, "language": "km"}
    profile = context.profiles.remember("focal", PASSWORD, user, "http://127.0.0.1:9")
    store = LocalStore(profile.store_path)
    context.units = seed_store(store)  # type: ignore[attr-defined]
    transport = Transport("http://127.0.0.1:9", retries=0, timeout=1)
    context.start_session(UserSession(profile, store, transport, SyncEngine(store, transport),
                                      online=False))
    yield context
    context.end_session()


def shown(qtbot: QtBot, navigator: Navigator,
          read: Callable[[], object] | None = None) -> Navigator:
    """`navigator` once what `read()` (default: `navigator.reload`) asked for is shown: the
    navigator reads off the GUI thread, so its table fills a moment later."""
    with qtbot.waitSignal(navigator.loaded, timeout=10_000):
        (read or navigator.reload)()
    return navigator


def open_window(qtbot: QtBot, context: AppContext) -> MainWindow:
    """A main window whose navigator shows the units (its first read arrived)."""
    window = MainWindow(context)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.navigator.scope is not None, timeout=10_000)
    return window


def open_editor(qtbot: QtBot, window: MainWindow, form_id: str) -> FormEditor:
    """The entry screen of `form_id` in `window`, once read (forms open off the GUI
    thread, in their own tab)."""
    with qtbot.waitSignal(window.forms.opened, timeout=10_000) as opened:
        window.open_form(form_id)
    editor = opened.args[0] if opened.args else None
    assert isinstance(editor, FormEditor)
    return editor


@pytest.fixture
def english_afterwards(qapp: QApplication) -> Iterator[None]:
    """The test starts in English, and whatever language and font it switched to (a
    start applies the saved ones), the next test finds English and the application's font
    again."""
    font = QFont(qapp.font())
    apply_language(qapp, "en")
    yield
    apply_language(qapp, "en")
    qapp.setFont(font)
