"""A client killed in the middle of work loses nothing: a real child process types figures
into the entry screen, saves some, leaves others typed and unsaved, and is killed with
SIGKILL (no close, no flush, no goodbye). The client started again on the same data folder
has the saved figures with their outbox operation, and gives back the unsaved ones as the
form's draft."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from client.context import AppContext
from client.profiles import Profiles
from client.qt import QApplication, QLineEdit
from client.session import UserSession
from client.store import entry
from client.store.repository import LocalStore
from client.sync.engine import SyncEngine
from client.sync.transport import Transport
from client.ui.form_editor import FormEditor
from tests.client.ui.conftest import PASSWORD, seed_store
from tests.conftest import ROOT

NOWHERE = "http://127.0.0.1:9"
USER = {"id": "00000000-0000-4000-8000-000000000001", "username": "focal",
        "full_name": "Focal Point", "role": "commune_focal_point", "area_code": "010201",
        "unit_id": None, "language": "km"}
#: Saved before the kill (typed as a person types: Latin and Khmer digits).
SAVED = {"anc1": "120", "penta1": "៨០"}
#: Typed after the save and never saved: only the draft keeps them.
UNSAVED = {"anc4": "95", "penta3": "៧៥"}

#: The client in a child process: opens the form's entry screen offscreen, types, saves
#: some figures, types others, waits until the draft mechanism (a timer after the last
#: keystroke) has written them, says READY, and works on until it is killed.
CHILD = r'''
import json
import sys
import time
from pathlib import Path

from client.context import AppContext
from client.qt import QApplication, QEvent, QKeyEvent, Qt
from client.session import UserSession
from client.store import entry
from client.store.repository import LocalStore
from client.sync.engine import SyncEngine
from client.sync.transport import Transport
from client.ui.form_editor import FormEditor

home, form_id = Path(sys.argv[1]), sys.argv[2]
saved, unsaved = json.loads(sys.argv[3]), json.loads(sys.argv[4])
app = QApplication([])
context = AppContext(home)
profile = context.profiles.profile("focal")
store = LocalStore(profile.store_path)
transport = Transport("http://127.0.0.1:9", retries=0, timeout=1)
context.start_session(UserSession(profile, store, transport, SyncEngine(store, transport),
                                  online=False))
editor = FormEditor(context, form_id)
editor.resize(1100, 800)
editor.show()


def wait_until(condition, what, timeout=30.0):
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            sys.exit(f"timed out waiting for {what}")
        app.processEvents()
        time.sleep(0.01)


def type_into(key, text):
    widget = editor.field_widget(key)
    widget.setFocus()
    widget.selectAll()
    for char in text:
        code = ord(char) if char.isascii() else 0
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, code, Qt.KeyboardModifier.NoModifier,
                                                     char))


saves = []
editor.saved.connect(lambda: saves.append(1))
for key, text in saved.items():
    type_into(key, text)
if not editor.save():
    sys.exit("nothing to save")
wait_until(lambda: saves, "the save")
for key, text in unsaved.items():
    type_into(key, text)
draft = lambda: entry.read_draft(store, form_id)  # noqa: E731
wait_until(lambda: draft() is not None and draft().values == unsaved, "the draft")
print("READY", flush=True)
app.exec()
'''


@pytest.fixture
def data_folder(tmp_path: Path) -> tuple[Path, str]:
    """A computer's data folder with the focal point's seeded store and a new form."""
    home = tmp_path / "home"
    profile = Profiles(home).remember("focal", PASSWORD, USER, NOWHERE)
    store = LocalStore(profile.store_path)
    try:
        units = seed_store(store)
        form_id = store.create_form(unit_id=units["home"], year=2026,
                                    form_code="health_center")
    finally:
        store.close()
    return home, form_id


def run_until_ready(tmp_path: Path, home: Path, form_id: str) -> subprocess.Popen[str]:
    """Start the child client and wait for its READY line."""
    script = tmp_path / "typing_client.py"
    script.write_text(CHILD, encoding="utf-8")
    errors = (tmp_path / "child.err").open("w")
    process = subprocess.Popen(
        [sys.executable, str(script), str(home), form_id, json.dumps(SAVED),
         json.dumps(UNSAVED)],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=errors, text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen",
             "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])})
    errors.close()
    watchdog = threading.Timer(90, process.kill)  # a stuck child fails the test, not CI
    watchdog.start()
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
    finally:
        watchdog.cancel()
    if line.strip() != "READY":
        process.kill()
        process.wait()
        pytest.fail(f"the child client did not get ready: {line!r}\n"
                    + (tmp_path / "child.err").read_text())
    return process


def test_a_killed_client_keeps_saved_figures_and_the_unsaved_draft(
        data_folder: tuple[Path, str], tmp_path: Path, qapp: QApplication,
        qtbot: QtBot) -> None:
    home, form_id = data_folder
    process = run_until_ready(tmp_path, home, form_id)
    os.kill(process.pid, signal.SIGKILL)  # in the middle of work: nothing is closed
    process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL
    assert process.stdout is not None
    process.stdout.close()

    # The client starts again on the same data folder.
    context = AppContext(home)
    context.settings.language = "en"
    profile = context.profiles.profile("focal")
    assert profile is not None
    store = LocalStore(profile.store_path)
    transport = Transport(NOWHERE, retries=0, timeout=1)
    context.start_session(UserSession(profile, store, transport, SyncEngine(store, transport),
                                      online=False))
    try:
        # The saved figures, and the operation that will carry them to the server.
        assert store.values(form_id) == {"anc1": 120, "penta1": 80}
        [operation] = store.outbox("pending")
        assert operation.record_id == form_id
        assert operation.payload["fields"] == {"anc1": [120, 0], "penta1": [80, 0]}
        assert operation.payload["natural_key"]["form_code"] == "health_center"
        assert store.unsent_count() == 1

        # The figures typed and not saved come back when the form is opened again.
        editor = FormEditor(context, form_id)
        qtbot.addWidget(editor)
        editor.show()
        assert editor.has_unsaved_changes()
        assert editor.note.isVisible() and "restored" in editor.note.text()
        for key, text in {**SAVED, **UNSAVED}.items():
            widget = editor.field_widget(key)
            assert isinstance(widget, QLineEdit)
            shown = widget.text()
            assert shown == (text if key in UNSAVED else {"anc1": "120", "penta1": "80"}[key])
        with qtbot.waitSignal(editor.saved, timeout=10_000):
            assert editor.save()
        assert store.values(form_id) == {"anc1": 120, "penta1": 80, "anc4": 95, "penta3": 75}
        context.operations.wait()
        assert entry.read_draft(store, form_id) is None
    finally:
        context.end_session()
