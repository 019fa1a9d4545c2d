"""Work that reports back never touches a window that is closed or gone (issue 17,
point 14).

The desktop Excel export crashed the process in 5 of 10 scripted runs: the end of the
export closed and deleted its progress dialog while a progress report was still being
shown on it. Here the export, and a batch, run again and again while the person closes
or cancels the progress window at every moment it can happen: at once, with Escape, at
the first report, by deleting it outright, at the end; and the windows that asked for
work (the main window, the Sync dialog) are deleted before the work reports back. No run
may crash, raise, or leave a half-written file; each ends with one outcome, said once.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from client.context import AppContext
from client.interaction import ScriptedInteraction
from client.qt import QApplication, QEvent, Qt
from client.ui.main_window import MainWindow
from client.ui.printing import ProgressWindow
from client.ui.sync_dialog import SyncDialog
from tests.client.ui.test_documents_ui import (  # noqa: F401 - the window fixture
    batch_dialog,
    export_dialog,
    hold,
    window,
)

pytestmark = pytest.mark.usefixtures("boxes")

RUNS = 20


def delete_now(qapp: QApplication, widget: object) -> None:
    """Delete a widget as Qt does at the next turn of the event loop, now."""
    widget.deleteLater()  # type: ignore[attr-defined]
    qapp.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def interfere(run: int, progress: ProgressWindow, qtbot: QtBot, qapp: QApplication) -> str:
    """What the person does to the progress window in this run, and when."""
    moment = run % 7
    if moment == 0:
        progress.cancel_button.click()
        return "cancel at once"
    if moment == 1:
        progress.close()  # the window's close button
        return "close at once"
    if moment == 2:
        qtbot.keyClick(progress, Qt.Key.Key_Escape)
        return "escape at once"
    if moment in (3, 4):
        # At the first report, or a few events later: the end may be arriving too.
        for _ in range(run % 4):
            qapp.processEvents()
        if moment == 3:
            progress.close()
            return "close while reports come"
        delete_now(qapp, progress)
        return "deleted while reports come"
    if moment == 5:
        return "left alone"  # it closes itself at the end; closed again below
    delete_now(qapp, progress)
    return "deleted at once"


def ended_cleanly(shown: MainWindow, folder: Path, ok: bool, text: str, how: str) -> None:
    assert shown.printing.progress is None, how
    files = sorted(p.name for p in folder.iterdir())
    if ok:
        assert files == ["report.xlsx"], (how, files)
        assert "Wrote" in text
        (folder / "report.xlsx").unlink()
    else:
        # Cancelled: no workbook, and no temporary file left beside it.
        assert files == [] and "cancelled" in text, (how, files, text)


def test_the_excel_export_survives_its_progress_window_closed_at_any_moment(
        window: MainWindow, qtbot: QtBot, qapp: QApplication, tmp_path: Path,  # noqa: F811
        scripted: ScriptedInteraction, boxes: list[str]) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    outcomes = set()
    for run in range(RUNS):
        # Every other run the worker is busy first: the person acts before the export
        # begins; otherwise the export runs at once, and the person acts while it runs.
        release = hold(window.context) if run % 2 else threading.Event()
        scripted.reply(folder / "report")  # where the workbook is saved
        dialog = export_dialog(window)
        told = len(boxes)
        with qtbot.waitSignal(window.printing.finished, timeout=60_000) as ended:
            dialog.ok_button.click()
            progress = window.printing.progress
            assert isinstance(progress, ProgressWindow) and progress.isVisible()
            how = interfere(run, progress, qtbot, qapp)
            release.set()
        window.context.operations.wait()
        qapp.processEvents()  # any report still queued arrives now, and is dropped
        _kind, ok, text = ended.args
        ended_cleanly(window, folder, ok, text, how)
        assert boxes[told:] == [text], how  # said once, in words
        outcomes.add((how, ok))
    # Both outcomes happened: the runs really cancelled some exports and finished others.
    assert {ok for _how, ok in outcomes} == {True, False}


def test_a_batch_survives_its_progress_window_closed_at_any_moment(
        window: MainWindow, qtbot: QtBot, qapp: QApplication, tmp_path: Path,  # noqa: F811
        scripted: ScriptedInteraction) -> None:
    runs = 7
    for run in range(runs):
        folder = tmp_path / f"batch-{run}"
        scripted.reply(folder)  # the folder chosen for the files
        release = hold(window.context) if run % 2 else threading.Event()
        dialog = batch_dialog(window, one_file=False)
        with qtbot.waitSignal(window.printing.finished, timeout=60_000) as ended:
            dialog.ok_button.click()
            progress = window.printing.progress
            assert isinstance(progress, ProgressWindow)
            how = interfere(run, progress, qtbot, qapp)
            release.set()
        window.context.operations.wait()
        qapp.processEvents()
        _kind, ok, text = ended.args
        assert window.printing.progress is None, how
        assert ok or "cancelled" in text, (how, text)
        # One whole PDF per unit printed: nothing half written.
        assert all(p.suffix == ".pdf" for p in folder.iterdir()) if folder.exists() else True


def test_work_ending_after_its_window_is_gone_touches_nothing(
        offline_context: AppContext, qtbot: QtBot, qapp: QApplication, tmp_path: Path,
        boxes: list[str], scripted: ScriptedInteraction) -> None:
    """The main window (with its Documents menu) and a Sync dialog are deleted while
    their work still runs: the reports that arrive afterwards are dropped."""
    for _run in range(3):
        scripted.reply(tmp_path / "report")  # where the workbook is saved
        doomed = MainWindow(offline_context)
        doomed.show()
        # Its first read shown: the Documents menu works on what the navigator read.
        qtbot.waitUntil(lambda made=doomed: made.navigator.scope is not None,
                        timeout=10_000)
        release = hold(offline_context)
        export_dialog(doomed).ok_button.click()
        doomed.export_bundle_to(tmp_path / "stick.isafbundle")  # refused: no key yet
        sync = doomed.sync()  # fails: nothing answers at the address
        told = len(boxes)
        delete_now(qapp, sync)
        delete_now(qapp, doomed)
        release.set()
        offline_context.operations.wait()
        qapp.processEvents()
        assert boxes[told:] == []  # nobody left to tell, and nothing raised
    # A Sync dialog on its own, deleted at once.
    dialog = SyncDialog(offline_context)
    dialog.show()
    dialog.start()
    delete_now(qapp, dialog)
    offline_context.operations.wait()
    qapp.processEvents()


def test_a_progress_report_after_the_end_is_dropped(qapp: QApplication, qtbot: QtBot) -> None:
    """The progress window shows nothing once the work ended or the person cancelled."""
    shown: list[Callable[[], None]] = []
    progress = ProgressWindow("Export to Excel", "km")
    qtbot.addWidget(progress)
    progress.show()
    progress.show_progress(1, 4, "១ ក្នុងចំណោម ៤")
    assert progress.bar.value() == 1 and progress.bar.format() == "២៥%"
    progress.canceled.connect(lambda: shown.append(lambda: None))
    qtbot.keyClick(progress, Qt.Key.Key_Escape)
    assert len(shown) == 1 and not progress.isVisible()
    progress.show_progress(3, 4, "៣")  # a report still on its way: not shown
    assert progress.bar.value() == 1
    progress.close()  # closing again cancels nothing more
    assert len(shown) == 1
