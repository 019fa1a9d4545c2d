"""The account's data file in trouble, as a focal point meets it: deleted while the
application is open, replaced, read-only, damaged, or open in the application while a
command wants it. Nothing is reported saved that was not; nothing empty replaces it; every
message is a sentence, never the database's error text."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from pytestqt.qtbot import QtBot

from client.cli import main as cli
from client.context import AppContext
from client.qt import QApplication, QDialog, QLineEdit, Qt
from client.session import UserSession, lock_store, sign_in
from client.store.errors import (
    StoreError,
    StoreInUseError,
    StoreLostError,
    StoreReadOnlyError,
    StoreUnreadableError,
)
from client.store.repository import LocalStore
from client.sync.engine import SyncEngine
from client.sync.transport import Transport
from client.ui.form_editor import FormEditor
from client.ui.sign_in import SignInDialog
from tests.client.ui.conftest import seed_store
from tests.conftest import ROOT

PASSWORD = "a commune password"
USER = {"id": "00000000-0000-4000-8000-0000000000f1", "username": "focal",
        "full_name": "Focal Point", "role": "commune_focal_point", "area_code": "010201",
        "unit_id": None, "language": "km"}
#: What a database error shown to a person would give away.
RAW = ("sqlalche.me", "OperationalError", "DatabaseError", "sqlite3", "readonly database",
       "not a database")


@pytest.fixture
def closed_port() -> str:
    """An address nothing answers at: the sign-ins here are offline."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{sock.getsockname()[1]}"


@pytest.fixture
def home(tmp_path: Path, closed_port: str) -> Path:
    """A computer where the focal point signed in before: their seeded store, with a new
    health-center form, as a first sync leaves it."""
    home = tmp_path / "home"
    context = AppContext(home)
    profile = context.profiles.remember("focal", PASSWORD, USER, closed_port)
    store = LocalStore(profile.store_path)
    try:
        units = seed_store(store)
        store.set_state("form", store.create_form(unit_id=units["home"], year=2026,
                                                   form_code="health_center"))
    finally:
        store.close()
    return home


@pytest.fixture
def context(home: Path, qapp: QApplication) -> Iterator[AppContext]:
    """The application's context on that computer, in English, nobody signed in yet."""
    context = AppContext(home)
    context.settings.language = "en"
    yield context
    context.end_session()


def store_path(context: AppContext) -> Path:
    profile = context.profiles.profile("focal")
    assert profile is not None
    return profile.store_path


def sign_in_through_the_screen(context: AppContext, qtbot: QtBot, server: str) -> SignInDialog:
    """Type the password on the sign-in screen and press Enter; the screen, answered."""
    dialog = SignInDialog(context)
    qtbot.addWidget(dialog)
    dialog.server.setText(server)
    dialog.show()
    dialog.username.setEditText("focal")
    qtbot.keyClicks(dialog.password, PASSWORD)
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog._busy, timeout=30_000)
    return dialog


def open_form(context: AppContext, qtbot: QtBot) -> FormEditor:
    assert context.session is not None
    form_id = context.session.store.get_state("form")
    assert form_id is not None
    editor = FormEditor(context, form_id)
    qtbot.addWidget(editor)
    editor.resize(1100, 800)
    editor.show()
    qtbot.waitExposed(editor)
    return editor


def type_figure(qtbot: QtBot, editor: FormEditor, key: str, text: str) -> None:
    widget = editor.field_widget(key)
    assert isinstance(widget, QLineEdit)
    widget.setFocus(Qt.FocusReason.TabFocusReason)
    widget.selectAll()
    qtbot.keyClicks(widget, text)
    qtbot.keyClick(widget, Qt.Key.Key_Return)


def press_save(qtbot: QtBot, editor: FormEditor) -> None:
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)


# --------------------------------------------------------------------------- lost


def test_a_store_deleted_while_open_never_says_saved_and_is_not_replaced_by_an_empty_one(
        context: AppContext, qtbot: QtBot, closed_port: str) -> None:
    dialog = sign_in_through_the_screen(context, qtbot, closed_port)
    assert dialog.result() == QDialog.DialogCode.Accepted
    editor = open_form(context, qtbot)
    saves: list[bool] = []
    editor.saved.connect(lambda: saves.append(True))
    type_figure(qtbot, editor, "anc1", "120")
    press_save(qtbot, editor)
    qtbot.waitUntil(lambda: bool(saves), timeout=10_000)
    assert editor.message.text() == "Saved."

    # Someone deletes the account's folder (a clean-up, a virus scanner) while it is open.
    path = store_path(context)
    shutil.rmtree(path.parent)
    type_figure(qtbot, editor, "anc4", "95")
    press_save(qtbot, editor)
    qtbot.waitUntil(lambda: "Not saved" in editor.message.text(), timeout=10_000)
    shown = editor.message.text()
    assert "deleted or moved" in shown and str(path) in shown
    assert "Saved." not in shown and not any(raw in shown for raw in RAW)
    assert saves == [True]  # the second save was never announced
    editor.close()
    context.end_session()

    # The next offline sign-in says what happened, and makes no new, empty store.
    dialog = sign_in_through_the_screen(context, qtbot, closed_port)
    assert context.session is None and dialog.isVisible()
    told = dialog.status.text()
    assert "missing from this computer" in told and str(path) in told
    assert "Restore a backup" in told  # the copies kept beside it may hold them
    assert "sign in with a connection to the server to start again" in told.lower()
    assert not path.exists()


def test_a_store_replaced_while_open_refuses_the_save(tmp_path: Path) -> None:
    path = tmp_path / "store.sqlite"
    store = LocalStore(path)
    units = seed_store(store)
    form_id = store.create_form(unit_id=units["home"], year=2026, form_code="health_center")
    # A copy put in its place (an old copy from a USB stick, say).
    shutil.copy(path, tmp_path / "copy.sqlite")
    os.replace(tmp_path / "copy.sqlite", path)
    with pytest.raises(StoreLostError) as lost:
        store.save_values(form_id, {"anc1": 120})
    assert lost.value.replaced and "replaced by another file" in str(lost.value)
    assert isinstance(lost.value, StoreError)
    store.close()
    # The file in place was not written.
    assert LocalStore(path).values(form_id) == {}


def test_a_store_deleted_under_a_command_is_said_in_words(tmp_path: Path) -> None:
    path = tmp_path / "store.sqlite"
    store = LocalStore(path)
    store.set_state("server", "http://127.0.0.1:9")
    os.remove(path)
    with pytest.raises(StoreLostError) as lost:
        store.set_state("server", "http://127.0.0.1:10")
    assert "deleted or moved" in str(lost.value)
    # The deleted file still answers reads: what it held, never the refused write.
    assert store.get_state("server") == "http://127.0.0.1:9"
    store.close()


# --------------------------------------------------------------------------- read-only


def test_a_read_only_store_says_so_in_words(tmp_path: Path, qtbot: QtBot,
                                            qapp: QApplication, closed_port: str) -> None:
    home = tmp_path / "home"
    context = AppContext(home)
    context.settings.language = "en"
    profile = context.profiles.remember("focal", PASSWORD, USER, closed_port)
    writable = LocalStore(profile.store_path)
    units = seed_store(writable)
    form_id = writable.create_form(unit_id=units["home"], year=2026, form_code="health_center")
    writable.close()
    # The same file opened read-only (as from a CD, or a share without write access).
    store = LocalStore(f"sqlite:///file:{profile.store_path}?mode=ro&uri=true")
    transport = Transport(closed_port, retries=0, timeout=1)
    context.start_session(UserSession(profile, store, transport, SyncEngine(store, transport),
                                      online=False))
    try:
        with pytest.raises(StoreReadOnlyError) as refused:
            store.save_values(form_id, {"anc1": 1})
        assert "read-only" in str(refused.value)
        assert not any(raw in str(refused.value) for raw in RAW)

        editor = FormEditor(context, form_id)
        qtbot.addWidget(editor)
        editor.resize(1100, 800)
        editor.show()
        qtbot.waitExposed(editor)
        type_figure(qtbot, editor, "anc1", "120")
        press_save(qtbot, editor)
        qtbot.waitUntil(lambda: "read-only" in editor.message.text(), timeout=10_000)
        shown = editor.message.text()
        assert "Nothing was saved" in shown and str(profile.store_path) in shown
        assert not any(raw in shown for raw in RAW)
        editor.close()
    finally:
        context.end_session()


@pytest.fixture
def read_only_file() -> Iterator[list[Path]]:
    """Files made read-only for the test, writable again afterwards (root ignores the
    permission bits: it gets the immutable attribute instead)."""
    made: list[Path] = []
    yield made
    for path in made:
        if os.geteuid() == 0:
            subprocess.run(["chattr", "-i", str(path)], check=False)
        path.chmod(0o644)


def make_read_only(path: Path, made: list[Path]) -> None:
    made.append(path)
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        done = subprocess.run(["chattr", "+i", str(path)], capture_output=True)
        if done.returncode != 0:
            pytest.skip(f"cannot make a file read-only for root here: {done.stderr!r}")
    else:
        path.chmod(0o444)


def test_signing_in_to_a_read_only_store_is_refused_in_words(
        context: AppContext, qtbot: QtBot, closed_port: str,
        read_only_file: list[Path]) -> None:
    path = store_path(context)
    make_read_only(path, read_only_file)
    dialog = sign_in_through_the_screen(context, qtbot, closed_port)
    assert context.session is None and dialog.isVisible()
    told = dialog.status.text()
    assert "read-only" in told and str(path) in told
    assert not any(raw in told for raw in RAW)


# --------------------------------------------------------------------------- unreadable


def test_a_damaged_store_is_said_and_left_as_it_is(context: AppContext, qtbot: QtBot,
                                                   closed_port: str) -> None:
    path = store_path(context)
    damaged = b"this is no database at all " * 200
    path.write_bytes(damaged)
    for suffix in ("-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)
    dialog = sign_in_through_the_screen(context, qtbot, closed_port)
    assert context.session is None
    told = dialog.status.text()
    assert "cannot be read" in told and "damaged" in told and str(path) in told
    assert not any(raw in told for raw in RAW)
    assert path.read_bytes() == damaged  # never a new, empty store over it

    result = CliRunner().invoke(cli, ["--store", str(path), "sync", "status"])
    assert result.exit_code == 1
    assert "cannot be read" in result.output and "Traceback" not in result.output
    with pytest.raises(StoreUnreadableError):
        LocalStore(path)


# --------------------------------------------------------------------------- in use


def test_a_command_is_refused_while_the_application_holds_the_store(
        context: AppContext, qtbot: QtBot, closed_port: str) -> None:
    dialog = sign_in_through_the_screen(context, qtbot, closed_port)
    assert dialog.result() == QDialog.DialogCode.Accepted
    path = store_path(context)
    result = CliRunner().invoke(cli, ["--store", str(path), "sync", "status"])
    assert result.exit_code == 1, result.output
    assert "is open in ISAF Desk on this computer: close it first" in result.output
    # A second sign-in of the same account (another window) is refused too.
    with pytest.raises(StoreInUseError):
        sign_in(context.profiles, closed_port, "focal", PASSWORD, timeout=2)

    context.end_session()  # signing out lets it go
    # The store is encrypted since the sign-in: the command asks its password.
    result = CliRunner().invoke(cli, ["--store", str(path), "sync", "status"],
                                env={"ISAF_DESK_PASSWORD": PASSWORD})
    assert result.exit_code == 0, result.output
    assert '"forms": 1' in result.output


def test_the_application_is_refused_while_a_command_holds_the_store(
        context: AppContext, qtbot: QtBot, closed_port: str) -> None:
    path = store_path(context)
    command = lock_store(path)  # as `isaf-desk sync now` holds it while it runs
    try:
        dialog = sign_in_through_the_screen(context, qtbot, closed_port)
        assert context.session is None
        assert "already open in ISAF Desk on this computer" in dialog.status.text()
    finally:
        command.release()
    dialog = sign_in_through_the_screen(context, qtbot, closed_port)
    assert context.session is not None


def test_a_killed_application_lets_the_store_go(tmp_path: Path) -> None:
    path = tmp_path / "store.sqlite"
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys, time\n"
         "from pathlib import Path\n"
         "from client.session import lock_store\n"
         "held = lock_store(Path(sys.argv[1]))\n"
         "print('HELD', flush=True)\n"
         "time.sleep(120)\n", str(path)],
        cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "HELD"
        with pytest.raises(StoreInUseError):
            lock_store(path)
    finally:
        holder.kill()  # no goodbye: the system lets its lock go
        holder.wait(timeout=30)
        if holder.stdout is not None:
            holder.stdout.close()
    lock_store(path).release()


def test_wrong_passwords_typed_while_the_clock_ran_ahead_do_not_lock_out_for_good(
        tmp_path: Path) -> None:
    from datetime import timedelta

    from client.profiles import OFFLINE_LONGEST_WAIT, Profiles, SignInError
    from common.db import utc_now

    profiles = Profiles(tmp_path)
    user = {"id": "7d3c3a4e-0000-4000-8000-000000000001", "username": "focal",
            "role": "commune_focal_point"}
    profiles.remember("focal", "the right one", user, "http://127.0.0.1:9")
    ahead = utc_now() + timedelta(days=365)
    for _ in range(8):
        with pytest.raises(SignInError):
            profiles.sign_in_offline("focal", "wrong", now=ahead)
    # The clock is put right: the wait is never longer than the longest one, and ends.
    now = utc_now()
    wait = profiles.offline_wait(" FOCAL ", now=now)
    assert wait is not None and wait <= OFFLINE_LONGEST_WAIT
    later = now + OFFLINE_LONGEST_WAIT + timedelta(seconds=1)
    assert profiles.sign_in_offline("focal", "the right one", now=later).username == "focal"

