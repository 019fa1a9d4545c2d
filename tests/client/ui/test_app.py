"""The application as a person starts it: sign-in screen, main window, the sync right after
an online sign-in, sign-out and back, an offline start; offscreen, against the real server
process of tests/sync."""

from __future__ import annotations

import logging
import os
import socket
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from pytestqt.qtbot import QtBot

from client import app as desk_app
from client.app import ErrorReporter, Options, Running, display_problem, launch
from client.cli import main as cli
from client.qt import QApplication, QMessageBox, Qt
from client.sync.engine import SyncReport
from client.ui.sync_dialog import SyncDialog
from tests.conftest import ROOT
from tests.server.conftest import PASSWORD
from tests.sync.conftest import Link, link  # noqa: F401 - the real server process

#: The district officer of the test world sees district 0102: two communes' units.
DISTRICT_UNITS = {"HC010201", "CS010201", "HC010202"}


#: Every test starts and ends in English with the application's font, as others expect.
pytestmark = pytest.mark.usefixtures("english_afterwards")


@pytest.fixture
def start(qtbot: QtBot) -> Iterator[Callable[..., Running]]:
    """Start the application as `isaf-desk gui` would (without its event loop)."""
    started: list[Running] = []

    def run(**options: object) -> Running:
        running = launch(Options(**options))  # type: ignore[arg-type]
        started.append(running)
        return running

    yield run
    for running in started:
        running.close()


def english_home(folder: Path) -> Path:
    """A data folder whose settings say English (the default is Khmer)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "settings.json").write_text('{"language": "en"}', encoding="utf-8")
    return folder


@pytest.fixture
def closed_port() -> str:
    """An address nothing answers at."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"


def server_url(link: Link) -> str:  # noqa: F811 - the fixture's value
    return f"http://127.0.0.1:{link.server.port}"


def sign_in(running: Running, qtbot: QtBot, password: str = PASSWORD) -> None:
    """Type the password into the shown sign-in screen and press Enter."""
    dialog = running.desk.sign_in
    assert dialog is not None and dialog.isVisible()
    dialog.password.clear()
    qtbot.keyClicks(dialog.password, password)  # Latin only: keyClicks aborts on Khmer
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)


def navigator_codes(running: Running) -> set[str]:
    window = running.desk.window
    assert window is not None
    model = window.navigator.model
    return {model.row_at(r).code for r in range(model.rowCount())}


def test_a_first_start_signs_in_online_and_syncs_the_scope_then_works_offline(
        start: Callable[..., Running], qtbot: QtBot, link: Link,  # noqa: F811
        tmp_path: Path, closed_port: str) -> None:
    home = english_home(tmp_path / "home")
    running = start(server=server_url(link), username="dmk", data_dir=home)
    dialog = running.desk.sign_in
    assert dialog is not None and dialog.isVisible() and running.desk.window is None
    # The command line's server and user are filled in; the password is the person's.
    assert dialog.server.text() == server_url(link)
    assert dialog.username.currentText() == "dmk" and dialog.password.text() == ""
    with qtbot.waitSignal(running.desk.synced, timeout=60_000) as synced:
        sign_in(running, qtbot)
    window = running.desk.window
    assert window is not None and window.isVisible()
    assert running.context.session is not None and running.context.session.online
    # The first sync shows its progress, and brought the district's units.
    assert isinstance(running.desk.sync_dialog, SyncDialog)
    assert isinstance(synced.args[0], SyncReport) and synced.args[0].checksum_ok
    # The navigator reads its units off the GUI thread: they arrive a moment after.
    qtbot.waitUntil(lambda: navigator_codes(running) == DISTRICT_UNITS, timeout=30_000)
    assert running.context.log_file.exists()
    log_text = running.context.log_file.read_text(encoding="utf-8")
    assert "signed in as dmk (dmk_officer, online)" in log_text
    assert PASSWORD not in log_text
    with qtbot.waitSignal(running.desk.done, timeout=30_000):
        window.close()
    assert running.context.session is None
    running.close()  # as `main` does once the event loop ends

    # A second start with the server out of reach: the kept verifier signs the person in,
    # and what the first sync brought is there.
    again = start(server=closed_port, data_dir=home)
    assert again.desk.sign_in is not None
    assert again.desk.sign_in.username.currentText() == "dmk"  # the last person, kept
    sign_in(again, qtbot)
    qtbot.waitUntil(lambda: again.desk.window is not None, timeout=30_000)
    session = again.context.session
    assert session is not None and not session.online
    qtbot.waitUntil(lambda: navigator_codes(again) == DISTRICT_UNITS, timeout=30_000)
    assert again.desk.sync_dialog is None and not again.context.operations.running
    assert "offline" in again.desk.window.statusBar().currentMessage()  # type: ignore[union-attr]


def test_sign_out_brings_the_sign_in_back_and_a_later_sign_in_syncs_quietly(
        start: Callable[..., Running], qtbot: QtBot, link: Link,  # noqa: F811
        tmp_path: Path) -> None:
    running = start(server=server_url(link), username="focal",
                    data_dir=english_home(tmp_path / "home"))
    with qtbot.waitSignal(running.desk.synced, timeout=60_000):
        sign_in(running, qtbot)
    assert running.desk.sync_dialog is not None
    running.desk.sync_dialog.accept()
    window = running.desk.window
    assert window is not None
    # The closed window is deleted, not kept hidden, and leaves nothing connected to the
    # context behind (a slot of a deleted window would fail at the next sync or switch).
    with qtbot.waitSignal(window.destroyed, timeout=10_000):
        window.sign_out()
    qtbot.waitUntil(lambda: running.desk.sign_in is not None, timeout=10_000)
    assert running.desk.window is None and running.context.session is None
    assert running.desk.sign_in.isVisible()  # type: ignore[union-attr]
    running.context.language_changed.emit("en")
    running.context.operations.changed.emit(frozenset({"forms"}))

    with qtbot.waitSignal(running.desk.synced, timeout=60_000) as synced:
        sign_in(running, qtbot)
    # Not the first sync on this computer: no dialog, the outcome in the status bar.
    assert running.desk.sync_dialog is None
    assert isinstance(synced.args[0], SyncReport)
    window = running.desk.window
    assert window is not None
    assert window.statusBar().currentMessage().startswith("Sent 0 change(s)")


def test_after_an_offline_start_a_sync_that_reaches_the_server_says_online(
        start: Callable[..., Running], qtbot: QtBot, link: Link,  # noqa: F811
        tmp_path: Path, closed_port: str) -> None:
    home = english_home(tmp_path / "home")
    running = start(server=server_url(link), username="focal", data_dir=home)
    with qtbot.waitSignal(running.desk.synced, timeout=60_000):
        sign_in(running, qtbot)
    assert running.desk.sync_dialog is not None
    running.desk.sync_dialog.accept()
    window = running.desk.window
    assert window is not None
    with qtbot.waitSignal(running.desk.done, timeout=30_000):
        window.close()
    running.close()  # as `main` does once the event loop ends

    # Started again with a mistyped address: offline, and the status bar says so.
    again = start(server=closed_port, data_dir=home)
    sign_in(again, qtbot)
    qtbot.waitUntil(lambda: again.desk.window is not None, timeout=30_000)
    window = again.desk.window
    session = again.context.session
    assert window is not None and session is not None and not session.online
    assert window.who.text().endswith("offline")
    # The person presses Sync: the server kept from the last online sign-in answers.
    window.actions_["sync"].trigger()
    dialog = window.findChild(SyncDialog)
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.report is not None or dialog.error is not None,
                    timeout=60_000)
    assert isinstance(dialog.report, SyncReport), dialog.error
    assert session.online and session.link_problem is None
    dialog.accept()
    qtbot.waitUntil(lambda: window.who.text().endswith("online"))


def test_closing_the_sign_in_ends_the_application(start: Callable[..., Running],
                                                  qtbot: QtBot, tmp_path: Path) -> None:
    running = start(data_dir=tmp_path / "home")
    assert running.desk.sign_in is not None
    with qtbot.waitSignal(running.desk.done, timeout=5_000):
        running.desk.sign_in.reject()
    assert running.desk.window is None and running.context.session is None


def test_the_saved_language_and_text_size_are_applied_at_start(
        start: Callable[..., Running], qapp: QApplication, tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    (home / "settings.json").write_text('{"language": "en", "text_size": 16}',
                                        encoding="utf-8")
    running = start(data_dir=home)
    assert qapp.font().pointSize() == 16
    assert running.desk.sign_in is not None
    assert running.desk.sign_in.sign_in_button.text() == "Sign in"

    running.close()  # one copy of the application per data folder
    (home / "settings.json").write_text('{"language": "km", "text_size": 12}',
                                        encoding="utf-8")
    khmer = start(data_dir=home)
    assert qapp.font().pointSize() == 12
    assert khmer.desk.sign_in is not None
    assert khmer.desk.sign_in.sign_in_button.text() not in ("", "Sign in")


def test_an_unexpected_error_is_told_in_words_and_logged_with_its_trace(
        qapp: QApplication, tmp_path: Path) -> None:
    log_file = tmp_path / "isaf-desk.log"
    handler = desk_app.start_logging(log_file)
    reporter = ErrorReporter(log_file)
    try:
        try:
            raise KeyError("form-123")
        except KeyError as error:
            reporter.report(KeyError, error, error.__traceback__)
        box = reporter.boxes[0]
        assert isinstance(box, QMessageBox) and box.isVisible()
        assert "form-123" in box.text() and str(log_file) in box.text()
        assert "Traceback" not in box.text()
        box.close()
    finally:
        desk_app.stop_logging(handler)
    assert "Traceback" in log_file.read_text(encoding="utf-8")


def test_without_a_display_the_reason_is_said_instead_of_a_qt_abort() -> None:
    assert display_problem(environ={}, platform="linux") is not None
    assert "xvfb-run -a isaf-desk gui" in display_problem(  # type: ignore[operator]
        environ={}, platform="linux")
    assert display_problem(environ={"DISPLAY": ":0"}, platform="linux") is None
    assert display_problem(environ={"WAYLAND_DISPLAY": "w"}, platform="linux") is None
    assert display_problem(environ={"QT_QPA_PLATFORM": "offscreen"}, platform="linux") is None
    assert display_problem(environ={}, platform="win32") is None

    environ = {k: v for k, v in os.environ.items()
               if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    done = subprocess.run([sys.executable, "-c", "from client.cli import main; main()", "gui"],
                          cwd=ROOT, env=environ, capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert "No display was found" in done.stderr and "xvfb-run" in done.stderr
    assert "qt.qpa" not in done.stderr and "Aborted" not in done.stderr


def test_the_gui_command_passes_its_options(monkeypatch: pytest.MonkeyPatch,
                                            tmp_path: Path) -> None:
    seen: list[list[str]] = []
    monkeypatch.setattr(desk_app, "main", lambda argv: seen.append(argv) or 0)
    result = CliRunner().invoke(cli, ["gui", "--server", "http://10.0.0.5:5000", "--user",
                                      "dmk.0102", "--data-dir", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert seen == [["--server", "http://10.0.0.5:5000", "--user", "dmk.0102",
                     "--data-dir", str(tmp_path)]]
    assert desk_app.parse_options(seen[0]) == Options(
        server="http://10.0.0.5:5000", username="dmk.0102", data_dir=tmp_path)


@pytest.fixture(autouse=True)
def _quiet_root_logger() -> Iterator[None]:
    """start_logging raises the root logger to INFO: put it back."""
    level = logging.getLogger().level
    yield
    logging.getLogger().setLevel(level)
