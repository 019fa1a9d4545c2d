"""The frozen desktop app (`make bundle`): its size on disk and its cold start.

Targets (docs/BENCHMARKS.md): the bundle <= 200 MB, what a field laptop downloads and
keeps; the start to the sign-in screen <= 2 s. The bundle is ISAF_TEST_BUNDLE, else
dist/isaf-desk/; without one the bench says so and measures nothing.

Size: every file under the bundle's folder, in MB (10^6 bytes). Baseline: PySide6's own
installed package folder, the least a bundle of a Qt application can weigh.

Start: each is a fresh process of the bundle's executable with `--smoke-screenshot`
(client/app.py), offscreen, with a fresh data folder (so in Khmer), timed from its spawn
to the line it prints once the sign-in screen is shown and saved as a picture. Baseline
in the same run: bench_client_start's bare Python process that imports PySide6 and shows
an empty QMainWindow, timed to its own line; and, for what freezing costs or saves, the
same `--smoke-screenshot` start from the source tree (`python -m client.app`). Best of
REPEATS each.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.bench_client_start import BASELINE
from bench.figures import Figure

ROOT = Path(__file__).resolve().parent.parent
REPEATS = 5
EXECUTABLE = "isaf-desk.exe" if sys.platform == "win32" else "isaf-desk"


def folder_size(folder: Path) -> int:
    """The bytes of every file under `folder` (links counted once each, as installed)."""
    return sum(path.stat().st_size for path in folder.rglob("*")
               if path.is_file() and not path.is_symlink())


def time_to_line(command: list[str], word: str, environ: dict[str, str]) -> float:
    """Seconds from spawning `command` to the first line it prints that starts with `word`."""
    spawned = time.monotonic()
    process = subprocess.Popen(command, cwd=ROOT, env=environ, stdout=subprocess.PIPE,
                               stderr=subprocess.DEVNULL, text=True, encoding="utf-8")
    assert process.stdout is not None
    seen = None
    for line in process.stdout:
        if seen is None and line.startswith(word):
            seen = time.monotonic() - spawned
    if process.wait(timeout=120) != 0 or seen is None:
        raise RuntimeError(f"{command[0]} did not start (exit status {process.returncode})")
    return seen


def run() -> list[Figure]:
    """Measure the bundle's size and REPEATS cold starts of it and of the bare window."""
    bundle = Path(os.environ.get("ISAF_TEST_BUNDLE") or ROOT / "dist" / "isaf-desk")
    if not (bundle / EXECUTABLE).is_file():
        print(f"bench_bundle: no bundle at {bundle}: run `make bundle` first",
              file=sys.stderr)
        return []
    spec = importlib.util.find_spec("PySide6")
    assert spec is not None and spec.origin is not None
    size = folder_size(bundle) / 1e6
    pyside = folder_size(Path(spec.origin).parent) / 1e6
    environ = {key: value for key, value in os.environ.items()
               if not key.startswith(("PYTHON", "VIRTUAL_ENV", "ISAF_"))}
    environ["QT_QPA_PLATFORM"] = "offscreen"
    starts, bare, source = [], [], []
    with tempfile.TemporaryDirectory() as folder:
        for number in range(REPEATS):
            home, picture = Path(folder) / f"home-{number}", Path(folder) / f"{number}.png"
            options = ["--data-dir", str(home), "--smoke-screenshot", str(picture)]
            starts.append(time_to_line([str(bundle / EXECUTABLE), *options], "picture:",
                                       environ))
            source.append(time_to_line([sys.executable, "-m", "client.app", *options[:1],
                                        str(home) + "-source", *options[2:]], "picture:",
                                       environ))
            bare.append(time_to_line([sys.executable, "-c", BASELINE], "window", environ))
    print(f"bundle: {size:.1f} MB (PySide6 {pyside:.1f} MB); starts "
          f"{[round(t, 3) for t in starts]} s; from the source tree "
          f"{[round(t, 3) for t in source]} s; bare PySide6 window "
          f"{[round(t, 3) for t in bare]} s", file=sys.stderr)
    return [
        Figure("bundle: size on disk (dist/isaf-desk)", size, "MB", "<= 200 MB", pyside,
               "PySide6's installed package folder", size <= 200),
        Figure("bundle: cold start to the sign-in screen (frozen, Khmer)", min(starts), "s",
               "<= 2 s", min(bare), "python + PySide6, empty QMainWindow shown",
               min(starts) <= 2.0),
        Figure("bundle: first start (slowest cache)", starts[0], "s", "<= 2 s", min(bare),
               "python + PySide6, empty QMainWindow shown", starts[0] <= 2.0),
        Figure("bundle: the same start from the source tree (python -m client.app)",
               min(source), "s", "-", min(bare), "python + PySide6, empty QMainWindow shown"),
    ]


if __name__ == "__main__":
    for figure in run():
        print(figure)
