"""The interface in Khmer or English, switched while the application runs.

Source strings are English, written in `self.tr("...")` inside a QObject class or
`QCoreApplication.translate("Context", "...")` elsewhere. The Khmer catalogue is a Qt
Linguist file, `client/i18n/isaf_km.ts`, compiled to `isaf_km.qm` next to it; English needs
no catalogue. Commands keep the catalogue in step with the code (docs/TRANSLATING.md):

    python -m client.i18n update    # collect the strings of client/ into the .ts
    python -m client.i18n compile   # the .ts -> the .qm the application loads
    python -m client.i18n check     # fail when a string lacks Khmer or the .qm is stale
"""

from __future__ import annotations

import argparse
import importlib.util
import logging
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import TYPE_CHECKING

from client.qt import QCoreApplication, QTranslator
from client.settings import LANGUAGES

if TYPE_CHECKING:
    from client.context import AppContext

log = logging.getLogger(__name__)

CLIENT = Path(__file__).resolve().parent
ROOT = CLIENT.parent
#: Where the catalogues live (a data folder, not a package: no __init__.py).
CATALOGUES = CLIENT / "i18n"
#: Languages with a catalogue; the others are the source language.
TRANSLATED = ("km",)
SOURCE_LANGUAGE = "en"
_TRANSLATOR = "isaf_translator"
_EXTRA_COMMENT = re.compile(r"^[ \t]*<extracomment>.*?</extracomment>\r?\n",
                            re.MULTILINE | re.DOTALL)
#: Place markers a translation must keep: str.format's, and Qt's own.
_MARKER = re.compile(r"\{\w*\}|%\d|%n")
#: A file is scanned when it calls a translation function.
_USES_TR = re.compile(r"\btr\(|\btranslate\(|\bQT_TR_NOOP\(|\bQT_TRANSLATE_NOOP\(")


#: The interface languages, each named in itself (for the choosers of the screens).
LANGUAGE_NAMES = {"km": "ខ្មែរ", "en": "English"}


def catalogue(language: str) -> Path:
    """The Linguist source (.ts) of a language."""
    return CATALOGUES / f"isaf_{language}.ts"


def compiled(language: str) -> Path:
    """The compiled catalogue (.qm) the application loads."""
    return catalogue(language).with_suffix(".qm")


# ---------------------------------------------------------------------- at run time

def apply_language(app: QCoreApplication, language: str) -> None:
    """Show the interface in `language` from now on ("km" or "en").

    Qt then sends every widget a LanguageChange event; screens also listen to
    AppContext.language_changed (see `switch_language`) and set their texts again.
    """
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}: one of {', '.join(LANGUAGES)}")
    old = app.findChild(QTranslator, _TRANSLATOR)
    if old is not None:
        app.removeTranslator(old)
        old.setParent(None)  # Python owns it again and frees it
    if language == SOURCE_LANGUAGE:
        return
    translator = QTranslator(app)  # the application keeps it alive
    translator.setObjectName(_TRANSLATOR)
    if not translator.load(str(compiled(language))):
        # The screens stay usable in English rather than not starting at all.
        log.error("could not load the %s catalogue %s", language, compiled(language))
        translator.setParent(None)
        return
    app.installTranslator(translator)


def current_language(app: QCoreApplication) -> str:
    """The language the interface shows now."""
    translator = app.findChild(QTranslator, _TRANSLATOR)
    if translator is None:
        return SOURCE_LANGUAGE
    return str(translator.language()) or TRANSLATED[0]


def switch_language(context: AppContext, language: str) -> None:
    """The person chose a language: show it at once, keep it for this computer, and tell
    every screen to re-translate itself."""
    app = QCoreApplication.instance()
    if app is None:
        raise RuntimeError("no application: create the QApplication first")
    apply_language(app, language)
    context.settings.language = language
    context.save_settings()
    context.language_changed.emit(language)


# ---------------------------------------------------------------------- the catalogues

def sources(root: Path = CLIENT) -> list[Path]:
    """The client's Python files that call a translation function."""
    found = []
    for path in sorted(root.rglob("*.py")):
        if "__pycache__" in path.parts or path == Path(__file__).resolve():
            continue
        if _USES_TR.search(path.read_text(encoding="utf-8")):
            found.append(path)
    return found


def tool(name: str) -> Path:
    """A Qt Linguist tool shipped with PySide6 (lupdate, lrelease)."""
    executable = name + (".exe" if sys.platform == "win32" else "")
    spec = importlib.util.find_spec("PySide6")
    shipped = Path(spec.origin).resolve().parent / executable if spec and spec.origin else None
    if shipped is not None and shipped.exists():
        return shipped
    wrapper = shutil.which(f"pyside6-{name}")
    if wrapper:
        return Path(wrapper)
    raise FileNotFoundError(f"{name} not found: install the client's extras "
                            "(pip install -e '.[client]')")


def update(language: str = "km", *, ts: Path | None = None, prune: bool = False,
           quiet: bool = False) -> Path:
    """Collect every translatable string of client/ into the language's .ts.

    Existing translations are kept; a new or changed English string comes in as unfinished.
    A note for translators goes in the call: `self.tr("Open", "a form, not a file")`.
    A string gone from the code stays in the file as "vanished" (Linguist shows it to reuse
    its translation) unless `prune` drops it. Locations are not written: a moved line would
    otherwise change the file, and several people edit the screens at once.
    """
    target = ts or catalogue(language)
    target.parent.mkdir(parents=True, exist_ok=True)
    files = [str(path.relative_to(ROOT)) for path in sources()]
    command = [str(tool("lupdate")), "-locations", "none", "-source-language", SOURCE_LANGUAGE,
               "-target-language", language, *(["-no-obsolete"] if prune else []),
               *(["-silent"] if quiet else []), *files, "-ts", str(target)]
    subprocess.run(command, cwd=ROOT, check=True)
    # lupdate takes every "#:" comment before a tr() call as a note to translators, and
    # the code's "#:" comments document attributes: drop them rather than mislead.
    text = target.read_text(encoding="utf-8")
    target.write_text(_EXTRA_COMMENT.sub("", text), encoding="utf-8", newline="\n")
    return target


def compile_catalogue(language: str = "km", *, ts: Path | None = None, qm: Path | None = None,
                      quiet: bool = False) -> Path:
    """Compile the .ts into the .qm the application loads (next to the .ts by default)."""
    source = ts or catalogue(language)
    target = qm or source.with_suffix(".qm")
    command = [str(tool("lrelease")), *(["-silent"] if quiet else []), str(source),
               "-qm", str(target)]
    subprocess.run(command, cwd=ROOT, check=True)
    return target


def untranslated(ts: Path) -> list[str]:
    """"context: source" of every live message of a .ts without a finished translation."""
    missing = []
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            translation = message.find("translation")
            kind = translation.get("type", "") if translation is not None else "unfinished"
            if kind in ("vanished", "obsolete"):
                continue
            texts = [] if translation is None else (
                [form.text or "" for form in translation.iter("numerusform")]
                or [translation.text or ""])
            if kind == "unfinished" or not all(text.strip() for text in texts):
                missing.append(f"{name}: {message.findtext('source', '')}")
    return missing


def misplaced_markers(ts: Path) -> list[str]:
    """Translations whose place markers ({0}, {1}, %1, %n) differ from their source's: the
    figure would be lost, or str.format would fail on the screen."""
    wrong = []
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation is None or translation.get("type") in ("vanished", "obsolete"):
                continue
            source = message.findtext("source", "")
            texts = [form.text or "" for form in translation.iter("numerusform")] or [
                translation.text or ""]
            expected = sorted(_MARKER.findall(source))
            if any(text and sorted(_MARKER.findall(text)) != expected for text in texts):
                wrong.append(f"{name}: {source}")
    return wrong


def check(language: str = "km") -> list[str]:
    """What keeps the catalogue from being commit-ready, in words; [] when it is."""
    problems = []
    with tempfile.TemporaryDirectory() as folder:
        fresh = Path(folder) / catalogue(language).name
        if catalogue(language).exists():
            shutil.copyfile(catalogue(language), fresh)
        update(language, ts=fresh, quiet=True)
        missing = untranslated(fresh)
        if missing:
            problems.append("strings without a Khmer translation (run python -m client.i18n "
                            "update, then translate):\n  " + "\n  ".join(missing))
        wrong = misplaced_markers(fresh)
        if wrong:
            problems.append("translations whose {0}/%1 markers differ from the English:\n  "
                            + "\n  ".join(wrong))
        if not catalogue(language).exists():
            return problems
        qm = compile_catalogue(language, ts=catalogue(language), qm=Path(folder) / "fresh.qm",
                               quiet=True)
        shipped = compiled(language)
        if not shipped.exists() or shipped.read_bytes() != qm.read_bytes():
            problems.append(f"{shipped.name} is not compiled from {catalogue(language).name} "
                            "(run python -m client.i18n compile)")
    return problems


def main(argv: list[str] | None = None) -> int:
    """`python -m client.i18n update|compile|check`."""
    parser = argparse.ArgumentParser(prog="python -m client.i18n", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    updating = commands.add_parser("update", help="collect the strings of client/ into the .ts")
    updating.add_argument("--prune", action="store_true",
                          help="drop strings the code no longer has, with their translations")
    commands.add_parser("compile", help="compile the .ts into the .qm")
    commands.add_parser("check", help="fail when a string lacks Khmer or the .qm is stale")
    options = parser.parse_args(argv)
    for language in TRANSLATED:
        if options.command == "update":
            path = update(language, prune=options.prune)
            missing = untranslated(path)
            if missing:
                print(f"{len(missing)} string(s) to translate in {path.relative_to(ROOT)} "
                      "(open it with pyside6-linguist, then run python -m client.i18n compile)")
        elif options.command == "compile":
            compile_catalogue(language)
        else:
            problems = check(language)
            for problem in problems:
                print(problem, file=sys.stderr)
            if problems:
                return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
