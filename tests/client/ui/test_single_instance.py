"""One ISAF Desk per data folder, as a person meets it: a double click too many starts a
second copy, which brings the first one's window to the front and ends without opening
anything; a first copy that does not answer is explained; one that ended (or died) leaves
the way open."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from client import app as desk_app
from client.app import Options, Running, launch
from client.instance import LOCK_NAME, AlreadyRunning, instance_name
from client.qt import QApplication
from tests.conftest import ROOT

#: Starts the application as `isaf-desk gui` does, in a process of its own.
MAIN = "import sys\nfrom client.app import main\nsys.exit(main(sys.argv[1:]))\n"


#: Every test starts and ends in English with the application's font, as others expect.
pytestmark = pytest.mark.usefixtures("english_afterwards")


@pytest.fixture
def start(qtbot: QtBot) -> Iterator[Callable[..., Running]]:
    """Start the application in this process (without its event loop)."""
    started: list[Running] = []

    def run(**options: object) -> Running:
        running = launch(Options(**options))  # type: ignore[arg-type]
        started.append(running)
        return running

    yield run
    for running in started:
        running.close()


@pytest.fixture
def home(tmp_path: Path) -> Path:
    """A data folder whose settings say English."""
    folder = tmp_path / "home"
    folder.mkdir()
    (folder / "settings.json").write_text('{"language": "en"}', encoding="utf-8")
    return folder


def child_env() -> dict[str, str]:
    return {**os.environ, "QT_QPA_PLATFORM": "offscreen",
            "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}


def starts_logged(home: Path) -> int:
    log = home / "isaf-desk.log"
    return log.read_text(encoding="utf-8").count("ISAF Desk starts") if log.exists() else 0


def test_a_second_start_brings_the_first_to_the_front_and_ends(
        start: Callable[..., Running], qtbot: QtBot, home: Path) -> None:
    first = start(data_dir=home)
    dialog = first.desk.sign_in
    assert dialog is not None
    dialog.showMinimized()  # the person put it aside, then double-clicks the icon again
    qtbot.waitUntil(dialog.isMinimized)
    before = sorted(p.name for p in home.rglob("*"))

    second = subprocess.Popen([sys.executable, "-c", MAIN, "--data-dir", str(home)],
                              cwd=ROOT, env=child_env(), stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True)
    try:
        # This process's events run meanwhile: the first copy answers the second.
        qtbot.waitUntil(lambda: second.poll() is not None, timeout=60_000)
    finally:
        if second.poll() is None:
            second.kill()
        _out, err = second.communicate(timeout=30)
    assert second.returncode == 0, err
    assert "already open: its window is brought to the front" in err
    assert "Traceback" not in err
    # The first copy's screen is in front again, and the second opened nothing: no log
    # of its own start, no store, no file of any kind.
    assert not dialog.isMinimized() and dialog.isVisible()
    assert starts_logged(home) == 1
    assert sorted(p.name for p in home.rglob("*")) == before


def test_a_second_start_in_the_same_process_is_refused_too(
        start: Callable[..., Running], qtbot: QtBot, home: Path) -> None:
    first = start(data_dir=home)
    with qtbot.waitSignal(first.instance.show_requested,  # type: ignore[union-attr]
                          timeout=10_000), pytest.raises(AlreadyRunning) as refused:
        start(data_dir=home / ".." / home.name)  # the same folder, named another way
    assert refused.value.answered
    assert starts_logged(home) == 1
    first.close()
    # Once the first has ended, a new start opens.
    again = start(data_dir=home)
    assert again.desk.sign_in is not None and again.desk.sign_in.isVisible()


def test_a_first_copy_that_does_not_answer_is_explained(
        home: Path, qapp: QApplication, boxes: list[str]) -> None:
    # A first copy stuck before it could listen (it holds the data folder, answers
    # nothing): another process holding the lock.
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys, time\n"
         "from filelock import FileLock\n"
         "held = FileLock(sys.argv[1], thread_local=False)\n"
         "held.acquire()\n"
         "print('HELD', flush=True)\n"
         "time.sleep(120)\n", str(home / LOCK_NAME)],
        cwd=ROOT, env=child_env(), stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "HELD"
        assert desk_app.main(["--data-dir", str(home)]) == 1
    finally:
        holder.kill()
        holder.wait(timeout=30)
        if holder.stdout is not None:
            holder.stdout.close()
    [told] = boxes
    assert told.startswith("ISAF Desk is already open on this computer with the same data "
                           f"folder ({home}), but it does not answer.")
    assert "Wait a minute and start it again" in told
    assert starts_logged(home) == 0


def test_a_first_copy_that_died_leaves_the_way_open(
        start: Callable[..., Running], qtbot: QtBot, home: Path) -> None:
    first = subprocess.Popen([sys.executable, "-c", MAIN, "--data-dir", str(home)],
                             cwd=ROOT, env=child_env(), stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while starts_logged(home) == 0 and first.poll() is None \
                and time.monotonic() < deadline:
            time.sleep(0.05)
        assert first.poll() is None and starts_logged(home) == 1
    finally:
        first.send_signal(signal.SIGKILL)  # no goodbye: its lock and socket stay behind
        first.wait(timeout=30)
    again = start(data_dir=home)
    assert again.desk.sign_in is not None and again.desk.sign_in.isVisible()
    assert again.instance is not None and again.instance.held


def test_each_data_folder_has_its_own_name(tmp_path: Path) -> None:
    one, other = tmp_path / "one", tmp_path / "other"
    assert instance_name(one) == instance_name(tmp_path / "x" / ".." / "one")
    assert instance_name(one) != instance_name(other)
