"""The navigator and an open form read the store off the GUI thread: after an operation the
runner reads what they show right after the operation's function, on its worker, and they
show it before anyone hears of the change; the navigator's first fill, another year and
a form opened in the window are read on the runner's read thread; a change of language
re-reads nothing."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from client import editing
from client.context import AppContext
from client.i18n import switch_language
from client.operations import Work
from client.qt import QApplication, QLineEdit, isValid
from client.store import overview
from client.ui.form_editor import FormEditor
from client.ui.form_tabs import OpeningForm
from client.ui.navigator import Navigator
from tests.client.ui.conftest import open_window, shown


class Reads:
    """Every read of the store's units and areas, and whether it ran on the GUI thread."""

    def __init__(self) -> None:
        self.on_gui_thread: list[bool] = []

    def wrap(self, read: Callable[..., Any]) -> Callable[..., Any]:
        def recorded(*args: Any, **kwargs: Any) -> Any:
            self.on_gui_thread.append(threading.current_thread() is threading.main_thread())
            return read(*args, **kwargs)

        return recorded


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> Reads:
    recorder = Reads()
    for name in ("unit_rows", "areas", "years"):
        monkeypatch.setattr(overview, name, recorder.wrap(getattr(overview, name)))
    return recorder


@pytest.fixture
def navigator(offline_context: AppContext, qtbot: QtBot) -> Navigator:
    switch_language(offline_context, "en")
    widget = Navigator(offline_context)
    qtbot.addWidget(widget)
    qtbot.waitUntil(lambda: widget.scope is not None, timeout=10_000)  # its first read
    return widget


def settle(context: AppContext) -> None:
    """Wait for the runner, then let its reports reach the GUI thread."""
    assert context.operations.wait()
    QApplication.processEvents()


def root_text(navigator: Navigator) -> str:
    root = navigator.tree.topLevelItem(0)
    assert root is not None
    return root.text(0)


def status_of(navigator: Navigator, code: str) -> str:
    model = navigator.model
    rows = [r for r in range(model.rowCount()) if model.data(model.index(r, 0)) == code]
    assert rows, f"{code} is not in the navigator"
    return str(model.data(model.index(rows[0], 3)))


def test_after_an_operation_the_units_are_read_on_the_worker_and_shown_before_changed(
        offline_context: AppContext, navigator: Navigator, reads: Reads,
        qtbot: QtBot) -> None:
    store = offline_context.session.store  # type: ignore[union-attr]
    units = offline_context.units  # type: ignore[attr-defined]
    year = navigator.model.year
    assert status_of(navigator, "HC010201") == "no form"
    # Every state of the table a person could see from now on, and what `changed`'s
    # listeners and the operation's own callback find.
    frames: list[str] = []
    navigator.model.modelReset.connect(lambda: frames.append(status_of(navigator,
                                                                       "HC010201")))
    heard: list[str] = []
    offline_context.operations.changed.connect(
        lambda _kinds: heard.append(status_of(navigator, "HC010201")))
    finished: list[str] = []
    reads.on_gui_thread.clear()

    def create(_work: Work) -> str:
        return store.create_form(unit_id=units["home"], year=year, form_code="health_center")

    offline_context.operations.run(
        create, changes={"forms", "outbox"},
        on_done=lambda _form_id: finished.append(status_of(navigator, "HC010201")))
    qtbot.waitUntil(lambda: bool(finished), timeout=10_000)
    assert reads.on_gui_thread and not any(reads.on_gui_thread)
    assert heard == ["draft"] and finished == ["draft"]
    assert frames == ["draft"]  # one reset, straight to the new status: no stale frame
    assert "(0/5" in root_text(navigator)


def test_another_year_is_read_off_the_gui_thread(
        offline_context: AppContext, navigator: Navigator, reads: Reads,
        qtbot: QtBot) -> None:
    store = offline_context.session.store  # type: ignore[union-attr]
    units = offline_context.units  # type: ignore[attr-defined]
    year = navigator.model.year
    store.create_form(unit_id=units["home"], year=year - 1, form_code="health_center")
    reads.on_gui_thread.clear()
    navigator.year.setCurrentIndex(navigator.year.findData(year - 1))
    qtbot.waitUntil(lambda: navigator.model.year == year - 1, timeout=10_000)
    assert reads.on_gui_thread and not any(reads.on_gui_thread)
    assert status_of(navigator, "HC010201") == "draft"
    assert navigator.year.currentData() == year - 1
    assert "(0/5" in root_text(navigator)


def test_a_change_of_language_reads_nothing(offline_context: AppContext,
                                            navigator: Navigator, reads: Reads) -> None:
    reads.on_gui_thread.clear()
    switch_language(offline_context, "km")
    assert reads.on_gui_thread == []
    # What was read is shown again in Khmer digits.
    assert "/៥" in root_text(navigator)
    assert navigator.summary.text() and not any(c in navigator.summary.text()
                                                for c in "0123456789")


def test_an_older_read_arriving_late_is_not_shown(offline_context: AppContext,
                                                  navigator: Navigator, qtbot: QtBot) -> None:
    store = offline_context.session.store  # type: ignore[union-attr]
    units = offline_context.units  # type: ignore[attr-defined]
    year = navigator.model.year
    old = navigator._read(year)  # a read that took long, begun before the next
    store.create_form(unit_id=units["home"], year=year, form_code="health_center")
    shown(qtbot, navigator)
    assert status_of(navigator, "HC010201") == "draft"
    navigator._show_scope(old)
    assert status_of(navigator, "HC010201") == "draft"


def test_a_closed_navigator_is_not_refreshed(offline_context: AppContext,
                                             qtbot: QtBot) -> None:
    switch_language(offline_context, "en")
    navigator = Navigator(offline_context)
    navigator.deleteLater()
    qtbot.waitUntil(lambda: not isValid(navigator))
    store = offline_context.session.store  # type: ignore[union-attr]
    units = offline_context.units  # type: ignore[attr-defined]
    done: list[object] = []
    offline_context.operations.run(
        lambda _work: store.create_form(unit_id=units["home"], year=2026,
                                        form_code="health_center"),
        changes={"forms"}, on_done=done.append)
    qtbot.waitUntil(lambda: bool(done), timeout=10_000)
    settle(offline_context)


def test_a_reader_reads_on_the_worker_and_applies_before_changed_and_the_callbacks(
        offline_context: AppContext, qtbot: QtBot) -> None:
    operations = offline_context.operations
    order: list[str] = []
    threads: list[bool] = []

    def read() -> str:
        threads.append(threading.current_thread() is threading.main_thread())
        order.append("read")
        return "data"

    remove = operations.add_reader({"values"}, read, lambda data: order.append(f"apply {data}"))
    operations.changed.connect(lambda kinds: order.append("changed"))
    try:
        operations.run(lambda _work: order.append("operation"), changes={"values"},
                       on_done=lambda _result: order.append("done"))
        qtbot.waitUntil(lambda: "done" in order, timeout=10_000)
        assert order == ["operation", "read", "apply data", "changed", "done"]
        # A failed operation may have committed part of its work: the view reads anyway.
        order.clear()

        def fail(_work: Work) -> None:
            raise OSError("the disk went away")

        operations.run(fail, changes={"values"}, on_error=lambda _error: order.append("error"))
        qtbot.waitUntil(lambda: "error" in order, timeout=10_000)
        assert order == ["read", "apply data", "changed", "error"]
        # An operation that changes nothing the reader shows does not read it.
        order.clear()
        operations.run(lambda _work: None, changes={"settings"},
                       on_done=lambda _result: order.append("done"))
        qtbot.waitUntil(lambda: "done" in order, timeout=10_000)
        assert order == ["changed", "done"]
    finally:
        remove()
    assert threads and not any(threads)


def test_a_reader_that_fails_leaves_the_operation_done(offline_context: AppContext,
                                                       qtbot: QtBot) -> None:
    operations = offline_context.operations
    applied: list[object] = []
    done: list[object] = []

    def read() -> None:
        raise OSError("the disk went away")

    remove = operations.add_reader({"forms"}, read, applied.append)
    try:
        operations.run(lambda _work: 42, changes={"forms"}, on_done=done.append)
        qtbot.waitUntil(lambda: bool(done), timeout=10_000)
    finally:
        remove()
    assert done == [42] and applied == []
    with pytest.raises(ValueError, match="unknown kinds"):
        operations.add_reader({"everything"}, read, applied.append)


def test_an_open_form_reads_a_change_made_elsewhere_on_the_worker(
        offline_context: AppContext, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    switch_language(offline_context, "en")
    store = offline_context.session.store  # type: ignore[union-attr]
    form_id = store.create_form(unit_id=offline_context.units["home"],  # type: ignore[attr-defined]
                                year=2026, form_code="health_center")
    editor = FormEditor(offline_context, form_id)
    qtbot.addWidget(editor)
    recorder = Reads()
    monkeypatch.setattr(editing, "read_form", recorder.wrap(editing.read_form))
    shown = editor.field_widget("anc1")
    assert isinstance(shown, QLineEdit)
    heard: list[str] = []
    offline_context.operations.changed.connect(lambda _kinds: heard.append(shown.text()))
    done: list[object] = []
    # Another screen (a conflict settled, a sync) writes the figure.
    offline_context.operations.run(lambda _work: store.save_values(form_id, {"anc1": 17}),
                                   changes={"values", "outbox"}, on_done=done.append)
    qtbot.waitUntil(lambda: bool(done), timeout=10_000)
    assert recorder.on_gui_thread == [False]
    assert heard == ["17"] and shown.text() == "17"


def test_the_first_fill_is_read_off_the_gui_thread_and_shown_all_at_once(
        offline_context: AppContext, reads: Reads, qtbot: QtBot,
        monkeypatch: pytest.MonkeyPatch) -> None:
    switch_language(offline_context, "en")
    # The units' read waits until the test lets it go: a read on the GUI thread would hold
    # the constructor (and fail below once the wait gives up).
    release = threading.Event()
    unit_rows = overview.unit_rows

    def held(*args: Any, **kwargs: Any) -> Any:
        release.wait(timeout=5)
        return unit_rows(*args, **kwargs)

    monkeypatch.setattr(overview, "unit_rows", held)
    navigator = Navigator(offline_context)
    qtbot.addWidget(navigator)
    qtbot.wait(100)  # the window goes on drawing while the store is read
    assert navigator.scope is None
    assert navigator.model.rowCount() == 0 and navigator.tree.topLevelItemCount() == 0
    assert navigator.summary.text() == "Reading the units…"
    with qtbot.waitSignal(navigator.loaded, timeout=10_000):
        release.set()
    # units, areas and years: each read once, none on the GUI thread.
    assert len(reads.on_gui_thread) == 3 and not any(reads.on_gui_thread)
    assert navigator.scope is not None and navigator.model.rowCount() == 5
    assert "(0/5" in root_text(navigator)
    assert navigator.summary.text() == "0 of 5 units reported"


def test_a_form_opened_in_the_window_is_read_off_the_gui_thread_in_its_own_tab(
        offline_context: AppContext, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    switch_language(offline_context, "en")
    store = offline_context.session.store  # type: ignore[union-attr]
    units = offline_context.units  # type: ignore[attr-defined]
    form_id = store.create_form(unit_id=units["home"], year=2026, form_code="health_center")
    other_id = store.create_form(unit_id=units["home_cs"], year=2026, form_code="cs_admin")
    window = open_window(qtbot, offline_context)
    recorder = Reads()
    monkeypatch.setattr(editing, "read_form", recorder.wrap(editing.read_form))
    heard: list[object] = []
    window.forms.opened.connect(heard.append)
    window.open_form(form_id)
    # At once, before anything is read: a tab of its own says the form is opening.
    opening = window.tabs.currentWidget()
    index = window.tabs.currentIndex()
    assert isinstance(opening, OpeningForm) and opening.form_id == form_id
    assert index == window.tabs.count() - 1 == 1
    assert window.editor_of(form_id) is None and recorder.on_gui_thread == []
    qtbot.waitUntil(lambda: bool(heard), timeout=10_000)
    assert recorder.on_gui_thread == [False]
    # The entry screen takes the opening tab's place, with its title, and is current.
    editor = heard[0]
    assert isinstance(editor, FormEditor) and editor.form_id == form_id
    assert window.tabs.count() == 2 and window.tabs.indexOf(editor) == index
    assert window.tabs.currentWidget() is editor and window.editor_of(form_id) is editor
    assert window.tabs.tabText(index) == form_id[:8]
    qtbot.waitUntil(lambda: not isValid(opening))

    # Closing the tab of a form still opening drops its read: no entry screen appears.
    heard.clear()
    window.open_form(other_id)
    closing = window.tabs.currentIndex()
    assert isinstance(window.tabs.widget(closing), OpeningForm)
    window.tabs.tabCloseRequested.emit(closing)
    assert window.tabs.count() == 2
    settle(offline_context)
    qtbot.wait(100)
    assert recorder.on_gui_thread == [False, False]  # it was read, off the GUI thread
    assert heard == [] and window.editor_of(other_id) is None
    assert window.tabs.count() == 2 and window.tabs.widget(1) is editor
