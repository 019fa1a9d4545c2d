"""The frozen desktop app (`make bundle`, dist/isaf-desk/) starts without Python and draws
Khmer with what it carries inside: the shipped font, the Khmer catalogue, Qt's plugins.

ISAF_TEST_BUNDLE names the bundle's folder (.ci/run sets it after `make bundle`); without
it these tests are skipped, and when it names no bundle they fail. The bundle's
`--smoke-screenshot` start (client/app.py) saves the sign-in screen as a picture; the
check below compares it with the same screen drawn in the same run by the source tree
(same Qt, same font), and the window title with the Khmer catalogue's text. The last tests
take a file out of a copy of the bundle and expect the check to fail. The bundle must be
built from the same source tree as the one tested: after a change to the screens, run
`make bundle` again.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import QTranslator
from PySide6.QtGui import QImage

ROOT = Path(__file__).resolve().parents[2]
BUNDLE_ENV = "ISAF_TEST_BUNDLE"
EXECUTABLE = "isaf-desk.exe" if sys.platform == "win32" else "isaf-desk"
#: Where PyInstaller puts everything but the executable.
CONTENTS = "_internal"
CATALOGUE = ROOT / "client" / "i18n" / "isaf_km.qm"
TITLE = ("SignInDialog", "Sign in - ISAF Desk")
#: Pixels allowed to differ from the source's picture: a text cursor's blink, no more. A
#: missing font changes thousands (every Khmer letter).
TOLERANCE = 0.002
#: The screen the tests draw on.
PLATFORM_PLUGIN = "qoffscreen.dll" if sys.platform == "win32" else "libqoffscreen.so"


@dataclass
class Start:
    """One `--smoke-screenshot` start: its exit status, what it printed, its picture."""

    returncode: int
    facts: dict[str, str]
    picture: QImage | None
    output: str


def smoke(command: list[str], folder: Path) -> Start:
    """Start `command` offscreen, from the repository's root (where `python -m client.app`
    finds the client), with a fresh data folder, and take its picture."""
    folder.mkdir(parents=True, exist_ok=True)
    picture = folder / "sign-in.png"
    # Nothing of this Python may help the bundle: no PYTHON* or virtualenv variable, no
    # ISAF_DESK_HOME, no Qt setting but the offscreen screen.
    environ = {key: value for key, value in os.environ.items()
               if not key.startswith(("PYTHON", "VIRTUAL_ENV", "QT_", "ISAF_"))}
    environ["QT_QPA_PLATFORM"] = "offscreen"
    done = subprocess.run([*command, "--data-dir", str(folder / "home"),
                           "--smoke-screenshot", str(picture)],
                          cwd=ROOT, env=environ, capture_output=True, text=True,
                          encoding="utf-8", errors="replace", timeout=120, check=False)
    facts = dict(line.split(": ", 1) for line in done.stdout.splitlines() if ": " in line)
    image = QImage(str(picture)) if picture.is_file() else None
    return Start(done.returncode, facts, image, done.stdout + done.stderr)


def differing_pixels(one: QImage, other: QImage) -> float:
    """The share of pixels that differ between two pictures of the same size."""
    first = one.convertToFormat(QImage.Format.Format_RGB32)
    second = other.convertToFormat(QImage.Format.Format_RGB32)
    left = memoryview(first.constBits()).cast("I")
    right = memoryview(second.constBits()).cast("I")
    return sum(a != b for a, b in zip(left, right, strict=True)) / len(left)


def khmer_title() -> str:
    """The sign-in screen's title as the source tree's Khmer catalogue has it."""
    translator = QTranslator()
    assert translator.load(str(CATALOGUE)), CATALOGUE
    text = translator.translate(*TITLE)
    assert text and text != TITLE[1], "the catalogue has no Khmer title"
    return text


def inside(path: str, folder: Path) -> bool:
    """Whether `path` lies inside `folder`."""
    return Path(path).resolve().is_relative_to(folder.resolve())


def check_bundle(bundle: Path, reference: Start, folder: Path) -> list[str]:
    """What is wrong with the bundle's start, in words; [] when it draws the sign-in screen
    exactly as the source tree does, from files of its own."""
    start = smoke([str(bundle / EXECUTABLE)], folder)
    problems = []
    if start.returncode != 0:
        problems.append(f"exit status {start.returncode}:\n{start.output[-2000:]}")
    if start.facts.get("frozen") != "yes":
        problems.append("the executable does not say it is frozen")
    for key in ("font file", "catalogue", "qt plugins"):
        if not inside(start.facts.get(key, "/nowhere"), bundle):
            problems.append(f"{key} not taken from the bundle: {start.facts.get(key)}")
    if start.facts.get("title") != khmer_title():
        problems.append(f"title {start.facts.get('title')!r} is not the catalogue's Khmer")
    if start.picture is None or reference.picture is None:
        problems.append("no picture of the sign-in screen")
    elif start.picture.size() != reference.picture.size():
        problems.append(f"picture differs from the source's: size {start.picture.size()} "
                        f"instead of {reference.picture.size()}")
    else:
        share = differing_pixels(start.picture, reference.picture)
        if share > TOLERANCE:
            problems.append(f"picture differs from the source's: {share:.1%} of the pixels")
    return problems


def without(bundle: Path, target: Path, *relative: str) -> Path:
    """A copy of the bundle at `target` (hard links where possible: fast, and the
    original's files stay) without the files at the given paths."""
    def link(source: str, destination: str) -> None:
        try:
            os.link(source, destination)
        except OSError:
            shutil.copy2(source, destination)

    shutil.copytree(bundle, target, copy_function=link, symlinks=True)
    for path in relative:
        found = list(target.glob(path))
        assert found, f"nothing to remove at {path}"
        for item in found:
            item.unlink()
    return target


@pytest.fixture(scope="module")
def bundle() -> Path:
    """The bundle's folder; the tests are skipped when ISAF_TEST_BUNDLE is not set."""
    named = os.environ.get(BUNDLE_ENV)
    if not named:
        pytest.skip(f"{BUNDLE_ENV} is not set: run `make bundle`, then set it to "
                    "dist/isaf-desk to test the frozen app")
    folder = Path(named)
    if not (folder / EXECUTABLE).is_file():
        pytest.fail(f"{BUNDLE_ENV}={named}: no {EXECUTABLE} there (run `make bundle`)")
    return folder


@pytest.fixture(scope="module")
def reference(bundle: Path, tmp_path_factory: pytest.TempPathFactory) -> Start:
    """The sign-in screen drawn by the source tree, with this Python."""
    start = smoke([sys.executable, "-m", "client.app"], tmp_path_factory.mktemp("source"))
    assert start.returncode == 0 and start.picture is not None, start.output
    return start


def test_the_bundle_draws_the_sign_in_screen_in_khmer_like_the_source(
        bundle: Path, reference: Start, tmp_path: Path) -> None:
    assert reference.facts["title"] == khmer_title()
    assert check_bundle(bundle, reference, tmp_path) == []


def test_the_bundle_carries_the_screens_plugins(bundle: Path) -> None:
    # PySide6's wheels keep Qt's plugins in PySide6/plugins on Windows, in Qt/plugins elsewhere.
    if sys.platform == "win32":
        plugins = bundle / CONTENTS / "PySide6" / "plugins"
        # (Qt prints through Windows itself: no print plugin there.)
        wanted = ["platforms/qwindows.dll", "platforms/qoffscreen.dll"]
    else:
        plugins = bundle / CONTENTS / "PySide6" / "Qt" / "plugins"
        wanted = ["platforms/libqxcb.so", "platforms/libqoffscreen.so",
                  "printsupport/libcupsprintersupport.so"]
    missing = [name for name in wanted if not (plugins / name).is_file()]
    assert missing == []


@pytest.mark.skipif(sys.platform != "linux" or shutil.which("ldd") is None,
                    reason="checks Linux shared libraries with ldd")
def test_the_xcb_plugin_finds_its_qt_libraries_in_the_bundle(bundle: Path) -> None:
    # No X server here to start it: at least every Qt library it links is in the bundle.
    plugin = bundle / CONTENTS / "PySide6" / "Qt" / "plugins" / "platforms" / "libqxcb.so"
    linked = subprocess.run(["ldd", str(plugin)], capture_output=True, text=True,
                            check=True).stdout
    qt = [line.split() for line in linked.splitlines() if "libQt6" in line]
    assert qt and all(inside(parts[2], bundle) for parts in qt if len(parts) > 2), linked
    assert "libQt6" not in "".join(line for line in linked.splitlines() if "not found" in line)


def test_the_check_fails_without_the_khmer_font(
        bundle: Path, reference: Start, tmp_path: Path) -> None:
    broken = without(bundle, tmp_path / "bundle", f"{CONTENTS}/fontpkg_noto_sans_khmer/files/*")
    problems = check_bundle(broken, reference, tmp_path / "start")
    assert any("picture differs" in problem for problem in problems), problems


def test_the_check_fails_without_the_khmer_catalogue(
        bundle: Path, reference: Start, tmp_path: Path) -> None:
    broken = without(bundle, tmp_path / "bundle", f"{CONTENTS}/client/i18n/isaf_km.qm")
    problems = check_bundle(broken, reference, tmp_path / "start")
    assert any("is not the catalogue's Khmer" in problem for problem in problems), problems
    assert any("picture differs" in problem for problem in problems), problems


def test_the_check_fails_without_the_offscreen_platform_plugin(
        bundle: Path, reference: Start, tmp_path: Path) -> None:
    broken = without(bundle, tmp_path / "bundle", f"{CONTENTS}/**/platforms/{PLATFORM_PLUGIN}")
    problems = check_bundle(broken, reference, tmp_path / "start")
    assert any("no picture" in problem for problem in problems), problems
    assert any("exit status" in problem for problem in problems), problems
