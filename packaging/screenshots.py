"""Pictures of the desktop client's main screens, in Khmer and English, for the README and
docs/CLIENT.md.

    .venv/bin/python packaging/screenshots.py [OUTDIR]      # default: docs/screenshots

It prepares a demo database in a temporary folder (`isaf demo`), starts the demo server,
signs in as the district officer `dmk.0102` into a temporary profile, lets the first sync
bring the district, makes one real conflict (the commune focal point and the district
officer change the same figure), then one held change (the focal point deletes a form
the district officer changed meanwhile), and saves PNGs of the sign-in screen, the main
window with its navigator, a form, its Post-on, the sync dialog, the conflicts dialog, the
held changes, the print options of a poster and the message after a USB bundle export,
each in both languages (`NAME-km.png`, `NAME-en.png`), and the print preview of a health
center's I4C poster in Khmer (`print-preview-km.png`). The user guides (docs/guide-*.md)
show these pictures. It draws offscreen, so no display is needed;
under Xvfb (`xvfb-run -a ...` with QT_QPA_PLATFORM=xcb) it draws the same.
"""

from __future__ import annotations

import argparse
import os
import socket
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import demo  # noqa: E402 - packaging/demo.py, found through the line above

from client import actions  # noqa: E402
from client.app import Options, Running, launch  # noqa: E402
from client.i18n import switch_language  # noqa: E402
from client.interaction import ScriptedInteraction  # noqa: E402
from client.qt import QApplication, QImage, QMessageBox, QWidget  # noqa: E402
from client.store.overview import UnitRow, unit_rows  # noqa: E402
from client.store.repository import LocalStore  # noqa: E402
from client.sync import bundles  # noqa: E402
from client.sync.engine import SyncEngine  # noqa: E402
from client.sync.transport import Transport  # noqa: E402
from client.ui.conflicts_dialog import ConflictsDialog  # noqa: E402
from client.ui.document_dialogs import ChosenUnit, PrintChoices, PrintOptionsDialog  # noqa: E402
from client.ui.form_editor import FormEditor  # noqa: E402
from client.ui.held_dialog import HeldDialog  # noqa: E402
from client.ui.main_window import MainWindow  # noqa: E402
from client.ui.text import wrappable  # noqa: E402

#: Wide enough for the toolbar and the navigator's columns, small enough for a README.
WINDOW_SIZE = (1180, 760)
#: The picture of a screen stays small in the repository.
MAX_BYTES = 150_000
USER = "dmk.0102"
#: The commune whose focal point makes the conflict (in the district officer's scope).
COMMUNE = "010201"
#: The demo's round: forms of this year are shown.
YEAR = 2026


def _wait(app: QApplication, done: Callable[[], bool], timeout: float = 180.0) -> None:
    limit = time.monotonic() + timeout
    while not done():
        if time.monotonic() > limit:
            raise TimeoutError("the screen did not get ready in time")
        app.processEvents()
        time.sleep(0.01)


def save(widget: QWidget, path: Path) -> Path:
    """The widget as a PNG; reduced to 256 colours when the full picture is too big (text
    and flat colours lose nothing visible)."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    for _ in range(3):
        app.processEvents()
    image = widget.grab().toImage()
    image.save(str(path), "PNG", 9)
    if path.stat().st_size > MAX_BYTES:
        image.convertToFormat(QImage.Format.Format_Indexed8).save(str(path), "PNG", 9)
    print(f"  {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path} "
          f"({path.stat().st_size // 1000} KB)")
    return path


def _commune_draft(store: LocalStore, *, statuses: tuple[str, ...] = ("draft",),
                   besides: str | None = None) -> tuple[str, str, int]:
    """A form of the demo commune in one of `statuses` (not `besides`): its id, a count
    field over 10 and that field's value."""
    form = next(f for f in store.forms() if f.year == YEAR and f.status in statuses
                and f.id != besides
                and f.unit_id in {r.unit_id for r in unit_rows(store, YEAR)
                                  if r.commune_code == COMMUNE})
    values = store.values(form.id)
    field = next(k for k, v in sorted(values.items()) if isinstance(v, int) and v > 10)
    return form.id, field, values[field]


@contextmanager
def _focal_point(server: str, folder: Path) -> Iterator[tuple[LocalStore, SyncEngine]]:
    """The demo commune's focal point on a computer of their own, signed in and synced."""
    other = LocalStore(folder / "focal.sqlite")
    transport = Transport(server, timeout=30)
    try:
        transport.login(f"focal.{COMMUNE}", demo.DEMO_PASSWORD, device_id=other.device_id)
        focal = SyncEngine(other, transport)
        focal.sync()
        yield other, focal
    finally:
        transport.close()
        other.close()


def make_conflict(server: str, store: LocalStore, engine: SyncEngine, folder: Path) -> str:
    """The focal point and the district officer change the same figure of a draft form from
    the same starting value: the server keeps the first and records a conflict."""
    form_id, field, value = _commune_draft(store)
    with _focal_point(server, folder) as (other, focal):
        other.save_values(form_id, {field: value + 7})
        focal.sync()
    store.save_values(form_id, {field: value + 3})
    engine.sync()
    return form_id


def make_held(server: str, store: LocalStore, engine: SyncEngine, folder: Path,
              conflict_form: str) -> str:
    """The focal point deletes a draft or returned form offline while the district officer
    changes one of its figures and syncs first: the server holds the focal point's delete,
    and the district officer (who approves the form) sees it in Held changes."""
    form_id, field, value = _commune_draft(store, statuses=("draft", "returned"),
                                           besides=conflict_form)
    with _focal_point(server, folder) as (other, focal):
        actions.delete_form(other, form_id)
        store.save_values(form_id, {field: value + 1})
        engine.sync()
        focal.sync()
    engine.sync()
    return form_id


def poster_row(store: LocalStore) -> ChosenUnit:
    """A health center whose poster prints: an approved form's when there is one."""
    rows = [r for r in unit_rows(store, YEAR) if r.kind == "health_center" and r.form_id]
    row = next((r for r in rows if r.status in ("approved", "published")), rows[0])
    return ChosenUnit(row.code, row.name_km, row.name_en, YEAR, row.status)


def bundle_message(app: QApplication, window: MainWindow, folder: Path,
                   language: str) -> QMessageBox:
    """Export a USB bundle as Sync ▸ Export USB bundle… does once the file is chosen, and
    the message the person is shown then."""
    context = window.context
    shown, told = context.interaction, ScriptedInteraction()
    context.interaction = told  # the message is drawn below, not waited on
    session = context.session
    assert session is not None
    target = folder / language / bundles.default_name(session.store)
    target.parent.mkdir()
    try:
        window.export_bundle_to(target)
        _wait(app, lambda: bool(told.told))
        context.operations.wait()
    finally:
        context.interaction = shown
    # The temporary folder's name means nothing to a reader: the picture shows the bundle
    # on a USB stick, as Windows names it.
    text = told.told[-1].replace(str(target), f"E:\\{target.name}")
    return QMessageBox(QMessageBox.Icon.Information, window.tr("Export USB bundle"),
                       wrappable(text), parent=window)


def poster_preview(app: QApplication, window: MainWindow, store: LocalStore) -> QWidget:
    """The print preview of a health center's poster in Khmer, built as the Documents
    menu builds it (an approved form's when there is one, else marked as a draft)."""
    rows = [r for r in unit_rows(store, YEAR) if r.kind == "health_center" and r.form_id]
    row = next((r for r in rows if r.status in ("approved", "published")), rows[0])
    opened: list[QWidget] = []
    window.printing.preview_opened.connect(opened.append)
    window.printing.build("poster", ChosenUnit(row.code, row.name_km, row.name_en, YEAR,
                                               row.status),
                          PrintChoices(any_status=row.status not in ("approved", "published")))
    _wait(app, lambda: bool(opened))
    return opened[0]


def take(out: Path, server: str, folder: Path) -> list[Path]:
    """Sign in, sync, and save every screen in both languages."""
    saved: list[Path] = []
    running: Running = launch(Options(server=server, username=USER,
                                      data_dir=folder / "desk"))
    app, context, desk = running.app, running.context, running.desk
    try:
        for language in ("km", "en"):
            switch_language(context, language)
            dialog = desk.sign_in
            assert dialog is not None
            dialog.resize(620, dialog.sizeHint().height())
            saved.append(save(dialog, out / f"sign-in-{language}.png"))
        dialog.password.setText(demo.DEMO_PASSWORD)
        dialog.sign_in()
        _wait(app, lambda: desk.window is not None)
        window = desk.window
        assert isinstance(window, MainWindow)
        window.resize(*WINDOW_SIZE)
        first = desk.sync_dialog
        _wait(app, lambda: first is not None and (first.report or first.error) is not None)
        if first is not None:
            first.accept()
        session = context.session
        assert session is not None
        context.operations.wait()
        conflict = make_conflict(server, session.store, session.engine, folder)
        make_held(server, session.store, session.engine, folder, conflict)
        row = next(r for r in unit_rows(session.store, YEAR)
                   if r.kind == "health_center" and r.form_id and r.status == "draft")
        for language in ("km", "en"):
            switch_language(context, language)
            saved += window_shots(app, window, row, out, language)
            saved += dialog_shots(app, window, session.store, out, language)
        saved += bundle_shots(app, window, session.store, row, folder, out)
    finally:
        running.close()
    return saved


def window_shots(app: QApplication, window: MainWindow, row: UnitRow, out: Path,
                 language: str) -> list[Path]:
    """The main window with its navigator, a form and its Post-on, and the sync dialog."""
    saved = []
    window.tabs.setCurrentIndex(0)
    loaded: list[bool] = []
    window.navigator.loaded.connect(lambda: loaded.append(True))
    window.navigator.reload()  # read off the GUI thread
    _wait(app, lambda: bool(loaded))
    window.navigator.tree.expandAll()  # the district's communes, with their counts
    saved.append(save(window, out / f"main-window-{language}.png"))

    opened: list[object] = []
    window.forms.opened.connect(opened.append)
    window.open_unit(row)  # the form is read off the GUI thread, then shown
    _wait(app, lambda: bool(opened))
    window.forms.opened.disconnect(opened.append)
    editor = window.tabs.currentWidget()
    assert isinstance(editor, FormEditor)
    saved.append(save(window, out / f"form-{language}.png"))
    editor.tabs.setCurrentWidget(editor.post_on)
    saved.append(save(window, out / f"post-on-{language}.png"))
    editor.tabs.setCurrentIndex(0)

    sync = window.sync()
    _wait(app, lambda: (sync.report or sync.error) is not None)
    saved.append(save(sync, out / f"sync-{language}.png"))
    sync.accept()
    return saved


def dialog_shots(app: QApplication, window: MainWindow, store: LocalStore, out: Path,
                 language: str) -> list[Path]:
    """The conflicts, held changes and print options dialogs, and (in Khmer) the print
    preview of a poster."""
    saved = []
    context = window.context
    conflicts = ConflictsDialog(context, window)
    conflicts.resize(980, 420)
    conflicts.show()
    if conflicts.table.rowCount():
        conflicts.table.selectRow(0)
    saved.append(save(conflicts, out / f"conflicts-{language}.png"))
    conflicts.close()

    held = HeldDialog(context, window)
    read: list[bool] = []
    held.loaded.connect(lambda: read.append(True))
    held.resize(980, 420)
    held.show()
    _wait(app, lambda: bool(read))
    if held.model.rowCount():
        held.table.selectRow(0)
    saved.append(save(held, out / f"held-{language}.png"))
    held.close()

    options = PrintOptionsDialog("poster", poster_row(store), PrintChoices(), language,
                                 window)
    options.show()
    saved.append(save(options, out / f"print-options-{language}.png"))
    options.reject()

    if language == "km":
        preview = poster_preview(app, window, store)
        preview.resize(900, 760)
        preview.set_zoom(0.75)  # the whole width of the A3 page
        saved.append(save(preview, out / f"print-preview-{language}.png"))
        preview.close()
    return saved


def bundle_shots(app: QApplication, window: MainWindow, store: LocalStore, row: UnitRow,
                 folder: Path, out: Path) -> list[Path]:
    """The message after a USB bundle is written, in both languages. Last: the bundle's
    change stays unsent, and the pictures before it show none."""
    saved = []
    form_id = row.form_id
    assert form_id is not None
    values = store.values(form_id)
    field = next(k for k, v in sorted(values.items()) if isinstance(v, int))
    store.save_values(form_id, {field: values[field] + 1})
    for language in ("km", "en"):
        switch_language(window.context, language)
        box = bundle_message(app, window, folder, language)
        box.show()
        saved.append(save(box, out / f"usb-export-{language}.png"))
        box.close()
    return saved


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def main(argv: list[str] | None = None) -> int:
    """`python packaging/screenshots.py [OUTDIR]`."""
    parser = argparse.ArgumentParser(prog="packaging/screenshots.py", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("outdir", nargs="?", type=Path, default=ROOT / "docs" / "screenshots")
    options = parser.parse_args(sys.argv[1:] if argv is None else argv)
    out: Path = options.outdir.resolve()
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        settings = demo.DemoOptions(database_url=f"sqlite:///{folder / 'demo.sqlite'}",
                                    port=_free_port(), data_dir=folder / "desk")
        print("preparing the demo database ...", flush=True)
        demo.prepare(settings.database_url)
        server = demo.start_server(settings)
        try:
            print(f"saving screenshots to {out}:", flush=True)
            take(out, settings.server_url, folder)
        finally:
            demo.stop_server(server)
    return 0


if __name__ == "__main__":
    sys.exit(main())
