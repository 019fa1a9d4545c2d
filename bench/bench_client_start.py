"""Client cold start (target, docs/BENCHMARKS.md: a usable main window <= 2 s).

Each start is a fresh Python process, timed from the moment it is spawned: the interpreter,
the client's imports, the QApplication, the shipped Khmer font, the saved language, the
sign-in screen shown; then an offline sign-in (the password checked against the kept
verifier, the account's store opened) and the main window shown and painted with its
navigator filled from a province's worth of data (the store of bench_client_form: 480
units, 960 filled forms, about 10 MB). Offscreen, in Khmer. The typing of the password is
not timed (it is set in one call).

Baseline, measured in the same run the same way: a process that imports PySide6's
widgets, makes a QApplication and shows an empty QMainWindow.

The operating system's file cache is warm after the first start (the .pyc files, Qt's
libraries, the store); the first start is reported too. A truly cold disk (after a
reboot) is slower on an old laptop's hard disk, and is not what this measures.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.figures import Figure

ROOT = Path(__file__).resolve().parent.parent
REPEATS = 5
PASSWORD = "bench password"
#: Nothing listens here, so the sign-in goes offline at once (a refused connection).
CLOSED_SERVER = "http://127.0.0.1:9"
#: The bare PySide6 process: the least any Qt application pays to show a window.
BASELINE = ("import time\n"
            "from PySide6.QtWidgets import QApplication, QMainWindow\n"
            "app = QApplication([])\n"
            "window = QMainWindow()\n"
            "window.resize(1180, 760)\n"
            "window.show()\n"
            "app.processEvents()\n"
            "print('window', time.monotonic(), time.monotonic(), 0, flush=True)\n")


def _child(home: str) -> None:
    """One start of the client, printing when each screen is shown (monotonic clock, the
    same in every process of the machine)."""
    from client.app import Options, launch  # the client's imports are part of the start

    running = launch(Options(server=CLOSED_SERVER, data_dir=Path(home)))
    app = running.app
    app.processEvents()
    print("signin", time.monotonic(), flush=True)
    dialog = running.desk.sign_in
    assert dialog is not None
    dialog.password.setText(PASSWORD)
    typed = time.monotonic()
    dialog.sign_in()
    while running.desk.window is None or running.desk.window.navigator.scope is None:
        app.processEvents()  # the window, then the navigator's first read (off the GUI thread)
        time.sleep(0.001)
    app.processEvents()  # laid out and painted
    rows = running.desk.window.navigator.model.rowCount()
    print("window", typed, time.monotonic(), rows, flush=True)
    running.close()


def _prepare(home: Path) -> int:
    """A data folder with one account whose store holds a province; the number of forms."""
    from bench.bench_client_form import _context
    from client.qt import QApplication

    app = QApplication.instance() or QApplication([])
    assert app is not None
    context, _made = _context(home)
    try:
        forms = len(context.session.store.forms())  # type: ignore[union-attr]
        context.settings.last_username = "province"
        context.settings.server = CLOSED_SERVER
        context.save_settings()
    finally:
        context.end_session()
    return forms


def _start(command: list[str], environ: dict[str, str]) -> dict[str, float]:
    """Spawn a start; seconds from the spawn to each screen, and the navigator's rows."""
    spawned = time.monotonic()
    done = subprocess.run(command, cwd=ROOT, env=environ, capture_output=True, text=True,
                          timeout=120, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"the start failed:\n{done.stderr[-3000:]}")
    times: dict[str, float] = {}
    for line in done.stdout.splitlines():
        parts = line.split()
        if parts and parts[0] == "signin":
            times["signin"] = float(parts[1]) - spawned
        elif parts and parts[0] == "window":
            times["typed"] = float(parts[1]) - spawned
            times["window"] = float(parts[2]) - spawned
            times["rows"] = float(parts[3])
    return times


def run() -> list[Figure]:
    """Start the client REPEATS times, and the bare PySide6 window as often."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    environ = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder) / "home"
        forms = _prepare(home)
        client = [sys.executable, "-m", "bench.bench_client_start", "child", str(home)]
        starts = [_start(client, environ) for _ in range(REPEATS)]
        bare = [_start([sys.executable, "-c", BASELINE], environ) for _ in range(REPEATS)]
    if any(s["rows"] == 0 for s in starts):
        raise RuntimeError("the navigator showed no units: the store was not opened")
    window = [s["window"] for s in starts]
    signin = [s["signin"] for s in starts]
    after = [s["window"] - s["typed"] for s in starts]
    baseline = min(b["window"] for b in bare)
    rows = int(starts[0]["rows"])
    print(f"client start: to the main window {[round(t, 3) for t in window]} s "
          f"(median {statistics.median(window):.3f}); to sign-in {[round(t, 3) for t in signin]}"
          f"; bare PySide6 window {[round(b['window'], 3) for b in bare]}", file=sys.stderr)
    where = f"{forms} forms, {rows} units shown"
    return [
        Figure(f"client: cold start to a usable main window ({where})", min(window), "s",
               "<= 2 s", baseline, "python + PySide6, empty QMainWindow shown",
               min(window) <= 2.0),
        Figure("client: first start after the store was made (same, slowest cache)",
               window[0], "s", "<= 2 s", baseline,
               "python + PySide6, empty QMainWindow shown", window[0] <= 2.0),
        Figure("client: cold start to the sign-in screen (fonts, language)", min(signin),
               "s", "-", baseline, "python + PySide6, empty QMainWindow shown"),
        Figure("client: offline sign-in to the main window painted", min(after) * 1000,
               "ms", "-"),
    ]


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "child":
        _child(sys.argv[2])
    else:
        for figure in run():
            print(figure)
