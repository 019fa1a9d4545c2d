"""A USB round trip told in sentences, in the interface language (issue 17, points 7, 8
and 10), against the real server process of tests/sync.

A commune focal point exports a bundle from the window; the district officer imports it
on an online computer; the focal point imports the return bundle. Every outcome is a
sentence saying what happened and what to do next, for the role at hand: never the
server's report as JSON. And a person signed in offline who syncs sees "online" after.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from client.context import AppContext
from client.i18n import switch_language
from client.qt import QApplication
from client.session import sign_in
from client.ui.main_window import MainWindow
from client.ui.sync_dialog import SyncDialog
from tests.server.conftest import PASSWORD
from tests.sync.conftest import Link, link  # noqa: F401 - the server fixture
from tests.sync.test_failures import fresh_year

pytestmark = pytest.mark.usefixtures("boxes")


@pytest.fixture
def person(link: Link, tmp_path: Path, qapp: QApplication,  # noqa: F811
           qtbot: QtBot) -> Iterator[Callable[[str], MainWindow]]:
    """The main window of a person who signed in online, in English, after a sync."""
    made: list[AppContext] = []

    def open_window(username: str) -> MainWindow:
        context = AppContext(tmp_path / f"home-{username}")
        switch_language(context, "en")
        context.start_session(sign_in(context.profiles, link.proxy.url, username, PASSWORD))
        made.append(context)
        window = MainWindow(context)
        qtbot.addWidget(window)
        synced(window, qtbot)
        return window

    yield open_window
    for context in made:
        context.end_session()


def synced(window: MainWindow, qtbot: QtBot) -> SyncDialog:
    dialog = window.sync()
    qtbot.waitUntil(lambda: dialog.report is not None or dialog.error is not None,
                    timeout=30_000)
    dialog.close()
    return dialog


def told(window: MainWindow, qtbot: QtBot, boxes: list[str], act: Callable[[], None]) -> str:
    """What the window says after `act` (a message box, and the status bar's message)."""
    before = len(boxes)
    act()
    qtbot.waitUntil(lambda: len(boxes) > before, timeout=30_000)
    said = boxes[-1]
    assert window.statusBar().currentMessage() == said.replace("\u200b", "")
    return said


def no_raw_text(said: str) -> None:
    """A sentence: no JSON, no Python names, no exception text."""
    assert not re.search(r"[{}\[\]]|applied\"|Error|Traceback", said), said


def test_a_usb_round_trip_is_told_in_sentences_for_each_role(
        person: Callable[[str], MainWindow], link: Link, qtbot: QtBot,  # noqa: F811
        boxes: list[str], tmp_path: Path) -> None:
    focal, dmk = person("focal"), person("dmk")
    store = focal.context.session.store  # type: ignore[union-attr]
    form_id = store.create_form(unit_id=link.world.units["home"], year=fresh_year(),
                                form_code="health_center")
    store.save_values(form_id, {"anc1": 120})

    stick = tmp_path / "stick"
    stick.mkdir()
    said = told(focal, qtbot, boxes, lambda: focal.export_bundle_to(stick / "b.isafbundle"))
    no_raw_text(said)
    assert said.startswith(f"Wrote 1 change(s) to {stick / 'b.isafbundle'}.")
    assert "Take the USB stick to your district office" in said

    # The officer may not import their own bundle here; another computer's, they carry.
    said = told(dmk, qtbot, boxes, lambda: dmk.import_bundle_from(stick / "b.isafbundle"))
    no_raw_text(said)
    returned = stick / "b-return.isafbundle"
    assert said.startswith("Carried the bundle of focal to the server: 1 change(s) applied.")
    assert f"Give back the return bundle {returned}" in said and returned.exists()

    # The same bundle again: nothing applied twice, and said so.
    said = told(dmk, qtbot, boxes, lambda: dmk.import_bundle_from(stick / "b.isafbundle"))
    assert "already imported: nothing was applied twice" in said

    # Back at the commune, in Khmer: the answer is taken in, in Khmer words and digits.
    switch_language(focal.context, "km")
    try:
        said = told(focal, qtbot, boxes, lambda: focal.import_bundle_from(returned))
        no_raw_text(said)
        assert any("\u1780" <= char <= "\u17ff" for char in said)
        assert "១" in said and not re.search("[0-9]", said), said
        assert store.unsent_count() == 0
        # Taken in twice: nothing changes, and the person is told there is nothing to do.
        again = told(focal, qtbot, boxes, lambda: focal.import_bundle_from(returned))
        assert again != said and not re.search("[0-9]", again)
    finally:
        switch_language(focal.context, "en")

    # The officer's own bundle goes up, not to "your district office".
    said = told(dmk, qtbot, boxes, lambda: dmk.export_bundle_to(stick / "dmk.isafbundle"))
    assert "district office" not in said and "provincial office" in said
    said = told(dmk, qtbot, boxes, lambda: dmk.import_bundle_from(stick / "dmk.isafbundle"))
    assert said.startswith("This is this computer's own bundle")

    # A file that is not a bundle, and a return bundle for another computer.
    (stick / "notes.isafbundle").write_text("not a bundle")
    said = told(focal, qtbot, boxes, lambda: focal.import_bundle_from(stick / "notes.isafbundle"))
    assert "not an ISAF Desk bundle" in said and "Nothing was changed" in said
    said = told(dmk, qtbot, boxes, lambda: dmk.import_bundle_from(returned))
    assert "for another computer" in said
    no_raw_text(said)


def test_after_an_offline_sign_in_a_sync_that_reaches_the_server_shows_online(
        link: Link, tmp_path: Path, qapp: QApplication, qtbot: QtBot) -> None:  # noqa: F811
    context = AppContext(tmp_path / "home")
    switch_language(context, "en")
    context.start_session(sign_in(context.profiles, link.proxy.url, "focal", PASSWORD))
    context.end_session()  # the account is known on this computer now
    link.server.stop()  # the next morning the district's link is down
    try:
        context.start_session(sign_in(context.profiles, link.proxy.url, "focal", PASSWORD))
    finally:
        link.server.start()
    try:
        assert context.session is not None and not context.session.online
        window = MainWindow(context)
        qtbot.addWidget(window)
        assert window.who.text().endswith("offline")
        dialog = synced(window, qtbot)  # the link is back
        assert dialog.error is None, dialog.outcome.text()
        qtbot.waitUntil(lambda: window.who.text().endswith("online"))
        switch_language(context, "km")
        assert window.who.text().replace("\u200b", "").endswith("ភ្ជាប់បណ្ដាញ")
    finally:
        switch_language(context, "en")
        context.end_session()
