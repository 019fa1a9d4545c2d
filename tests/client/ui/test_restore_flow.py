"""File > Restore a backup… as a person meets it in the running application: it signs out
first (a store in use is never replaced), the sign-in screen opens the list of copies for
that account, and after a copy is put back the next sign-in shows the copy's figures."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from client.app import Options, Running, launch
from client.interaction import ScriptedInteraction
from client.ui.restore_dialog import RestoreDialog
from tests.client.test_store_upgrade import RELEASES, _laptop
from tests.fixtures.stores.make_fixture import PASSWORD, USER

FORM = "kept-form-2026"
#: Nothing listens here: every sign-in is offline.
CLOSED = "http://127.0.0.1:9"


@pytest.fixture
def running(tmp_path: Path, qtbot: QtBot) -> Iterator[Running]:
    """The application started on a laptop of the kept release, in English."""
    home = tmp_path / "home"
    _laptop(RELEASES[0], home)
    (home / "settings.json").write_text(json.dumps({"language": "en"}), encoding="utf-8")
    started = launch(Options(server=CLOSED, username=USER["username"], data_dir=home))
    yield started
    started.close()


def _sign_in(running: Running, qtbot: QtBot) -> None:
    dialog = running.desk.sign_in
    assert dialog is not None
    dialog.password.setText(PASSWORD)
    dialog.sign_in()
    qtbot.waitUntil(lambda: running.desk.window is not None, timeout=20_000)
    window = running.desk.window
    assert window is not None
    qtbot.waitUntil(lambda: window.navigator.scope is not None, timeout=20_000)


def _restore_dialog(running: Running) -> RestoreDialog | None:
    sign_in = running.desk.sign_in
    found = sign_in.findChildren(RestoreDialog) if sign_in is not None else []
    return next((d for d in found if d.isVisible()), None)


def test_file_restore_signs_out_then_puts_the_chosen_copy_back(
        running: Running, qtbot: QtBot, scripted: ScriptedInteraction) -> None:
    _sign_in(running, qtbot)
    session = running.context.session
    assert session is not None
    session.store.save_values(FORM, {"catchment_population": 4242})  # after today's copy
    window = running.desk.window
    assert window is not None
    scripted.reply(True)  # "ISAF Desk signs you out first"
    window.actions_["restore"].trigger()
    qtbot.waitUntil(lambda: _restore_dialog(running) is not None, timeout=20_000)
    assert running.context.session is None  # signed out before anything is replaced
    dialog = _restore_dialog(running)
    assert dialog is not None and dialog.username == USER["username"]
    dialog.table.selectRow(next(n for n, b in enumerate(dialog.backups) if b.why == "daily"))
    dialog.password.setText(PASSWORD)
    scripted.reply(True)  # "Put back the copy of …?"
    with qtbot.waitSignal(dialog.accepted, timeout=20_000):
        dialog.restore_button.click()
    _sign_in(running, qtbot)
    session = running.context.session
    assert session is not None
    assert session.store.values(FORM).get("catchment_population") is None


def test_a_no_keeps_the_person_signed_in(running: Running, qtbot: QtBot,
                                         scripted: ScriptedInteraction) -> None:
    _sign_in(running, qtbot)
    window = running.desk.window
    assert window is not None
    scripted.reply(False)
    window.actions_["restore"].trigger()
    assert running.context.session is not None and running.desk.window is window
