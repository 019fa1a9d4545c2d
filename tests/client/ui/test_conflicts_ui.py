"""A conflict as a commune focal point meets it, over two computers and the real server
process of tests/sync: the field whose value another person's replaced at a sync is
marked; its mark opens the Conflicts dialog on that conflict, which names who entered the
other value and when, in the interface language's digits; the focal point, who may not
decide, proposes a value, and the district officer finds it held and applies it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from client.context import AppContext
from client.fonts import apply_text_size, install_fonts
from client.i18n import switch_language
from client.qt import (
    QApplication,
    QFont,
    QLineEdit,
    QPushButton,
    Qt,
    QTableWidget,
)
from client.session import sign_in
from client.settings import TEXT_SIZES
from client.store import entry
from client.store.models import LocalConflict, LocalConflictAuthors
from client.ui.conflicts_dialog import COLUMNS, ConflictsDialog, moment_text, words
from client.ui.form_editor import CONFLICT_COLOUR, FormEditor
from client.ui.held_dialog import HeldDialog
from client.ui.main_window import MainWindow
from client.ui.text import plain
from tests.client.ui.conftest import open_editor, shown
from tests.server.conftest import PASSWORD
from tests.sync.conftest import Client, Link, link, make_client  # noqa: F401 - fixtures
from tests.sync.test_failures import fresh_year

pytestmark = pytest.mark.usefixtures("boxes")


@pytest.fixture
def online_context(link: Link, tmp_path: Path,  # noqa: F811 - the fixture imported above
                   qapp: QApplication) -> Iterator[Callable[[str], AppContext]]:
    """Sign a person in online, on a computer of their own, the interface in English."""
    made: list[AppContext] = []

    def make(username: str) -> AppContext:
        context = AppContext(tmp_path / f"home-{username}-{len(made)}")
        context.settings.language = "en"
        context.start_session(sign_in(context.profiles, link.proxy.url, username, PASSWORD))
        made.append(context)
        return context

    yield make
    for context in made:
        context.end_session()


def open_window(context: AppContext, qtbot: QtBot) -> MainWindow:
    window = MainWindow(context)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.navigator.scope is not None, timeout=10_000)
    window.show()
    qtbot.waitExposed(window)
    sync(window, qtbot)
    return window


def sync(window: MainWindow, qtbot: QtBot) -> None:
    dialog = window.sync()
    qtbot.waitUntil(lambda: dialog.report is not None or dialog.error is not None,
                    timeout=30_000)
    assert dialog.error is None, dialog.error
    dialog.accept()


def open_form(qtbot: QtBot, window: MainWindow, form_id: str, year: int) -> FormEditor:
    """Choose the form's year in the navigator and open the form, once both are read."""
    navigator = window.navigator
    shown(qtbot, navigator, lambda: navigator.show_year(year))
    return open_editor(qtbot, window, form_id)


def type_and_save(qtbot: QtBot, editor: FormEditor, key: str, text: str) -> None:
    widget = editor.field_widget(key)
    assert isinstance(widget, QLineEdit)
    widget.setFocus()
    widget.selectAll()
    qtbot.keyClicks(widget, text)
    with qtbot.waitSignal(editor.saved, timeout=10_000):
        assert editor.save()


def mark_of(editor: FormEditor, key: str) -> QPushButton | None:
    """The conflict mark under a field, when it shows."""
    button = editor.findChild(QPushButton, f"conflict:{key}")
    return button if button is not None and button.isVisible() else None


def cells(dialog: ConflictsDialog, row: int) -> dict[str, list[str]]:
    """A row's cells as shown, each a list of its lines (without the line-break marks)."""
    return {name: plain(dialog.table.item(row, number).text()).splitlines()
            for number, name in enumerate(COLUMNS)}


def cut_off(table: QTableWidget) -> list[str]:
    """The column heads and cell texts that do not fit where the table draws them: a head
    narrower than it needs or past the table's edge; a word of a cell wider than its
    column (a cell wraps between words only); a row lower than its cells need at their
    columns' widths (measured by the view itself)."""
    header = table.horizontalHeader()
    metrics = table.fontMetrics()
    found = []
    for column in range(table.columnCount()):
        head = table.horizontalHeaderItem(column).text()
        start, size = header.sectionViewportPosition(column), header.sectionSize(column)
        if size < header.sectionSizeHint(column) or start + size > table.viewport().width():
            found.append(head)
        for row in range(table.rowCount()):
            text = table.item(row, column).text()
            if any(metrics.horizontalAdvance(w) > size for w in words(text)):
                found.append(plain(text))
    found += [f"row {row}" for row in range(table.rowCount())
              if table.rowHeight(row) < table.sizeHintForRow(row)]
    return found


def state_of(dialog: ConflictsDialog, form_id: str) -> str | None:
    """The state the dialog shows for the form's conflict (None: not listed)."""
    rows = [r for r, c in enumerate(dialog.conflicts) if c.form_id == form_id]
    return " ".join(cells(dialog, rows[0])["state"]) if rows else None


def a_conflict_for_the_focal_point(
        online_context: Callable[[str], AppContext], make_client: Callable[..., Client],  # noqa: F811
        link: Link, qtbot: QtBot) -> tuple[MainWindow, FormEditor, Client, str, int]:  # noqa: F811
    """The focal point enters ANC1 = 100 and syncs; the district officer changes it to 310
    and syncs; the focal point, offline meanwhile, typed 305 and now syncs."""
    year = fresh_year()
    focal = online_context("focal")
    window = open_window(focal, qtbot)
    store = focal.session.store  # type: ignore[union-attr]
    form_id = store.create_form(unit_id=link.world.units["home"], year=year,
                                form_code="health_center")
    store.save_values(form_id, {"anc1": 100})
    sync(window, qtbot)
    officer = make_client("dmk")
    officer.engine.sync()
    officer.store.save_values(form_id, {"anc1": 310})
    editor = open_form(qtbot, window, form_id, year)
    type_and_save(qtbot, editor, "anc1", "305")
    officer.engine.sync()
    sync(window, qtbot)  # the focal point's 305 meets the officer's 310
    return window, editor, officer, form_id, year


def test_the_field_whose_value_was_replaced_is_marked_and_opens_its_conflict(
        online_context: Callable[[str], AppContext], make_client: Callable[..., Client],  # noqa: F811
        link: Link, qtbot: QtBot) -> None:  # noqa: F811
    window, editor, _officer, form_id, _year = a_conflict_for_the_focal_point(
        online_context, make_client, link, qtbot)
    field = editor.field_widget("anc1")
    assert isinstance(field, QLineEdit)
    qtbot.waitUntil(lambda: mark_of(editor, "anc1") is not None, timeout=10_000)
    # The server kept the officer's 310: the field shows it, outlined, with its mark.
    assert field.text() == "310"
    assert CONFLICT_COLOUR in field.styleSheet()
    mark = mark_of(editor, "anc1")
    assert mark is not None and mark.text() == "Conflict: see the other value"
    assert "Dmk (dmk)" in mark.toolTip() and "305" in mark.toolTip()
    assert mark_of(editor, "anc4") is None and CONFLICT_COLOUR not in \
        editor.field_widget("anc4").styleSheet()

    # Clicking the mark opens the Conflicts dialog on this very conflict.
    qtbot.mouseClick(mark, Qt.MouseButton.LeftButton)
    dialog = editor.conflicts_dialog
    assert dialog is not None and dialog.isVisible()
    chosen = dialog.selected()
    assert chosen is not None and (chosen.form_id, chosen.field) == (form_id, "anc1")
    row = dialog.conflicts.index(chosen)
    shown = cells(dialog, row)
    # Each value with who entered it and when (Cambodia time): the officer's is on the
    # form now, the focal point's own is set aside.
    today = moment_text(datetime.now(UTC), "en").rsplit(" ", 1)[0]  # "3 Dec 2026"
    assert shown["base"] == ["100"]
    assert shown["current"][:2] == ["310", "Dmk (dmk)"]
    assert shown["current"][2].startswith(today)
    assert shown["incoming"][:2] == ["305", "you"] and shown["incoming"][2].startswith(today)
    assert not cut_off(dialog.table)

    # Closed, and opened again from the mark: on the same conflict.
    dialog.close()
    qtbot.mouseClick(mark, Qt.MouseButton.LeftButton)
    assert editor.conflicts_dialog is dialog and dialog.isVisible()
    assert dialog.selected() is not None and dialog.selected().field == "anc1"  # type: ignore[union-attr]

    # In Khmer, the figures and the time in Khmer digits.
    try:
        switch_language(window.context, "km")
        shown = cells(dialog, dialog.conflicts.index(dialog.selected()))  # type: ignore[arg-type]
        assert (shown["base"][0], shown["current"][0], shown["incoming"][0]) \
            == ("១០០", "៣១០", "៣០៥")
        assert shown["current"][1] == "Dmk (dmk)"
        when = shown["current"][2]
        assert when.startswith(moment_text(datetime.now(UTC), "km").rsplit(" ", 1)[0])
        assert not any(ch.isascii() and ch.isdigit() for ch in when)
        assert field.text() == "៣១០"
        assert not cut_off(dialog.table)
    finally:
        switch_language(window.context, "en")


def test_a_focal_point_proposes_and_the_district_officer_applies_the_proposal(
        online_context: Callable[[str], AppContext], make_client: Callable[..., Client],  # noqa: F811
        link: Link, qtbot: QtBot) -> None:  # noqa: F811
    window, editor, officer, form_id, _year = a_conflict_for_the_focal_point(
        online_context, make_client, link, qtbot)
    qtbot.waitUntil(lambda: mark_of(editor, "anc1") is not None, timeout=10_000)
    dialog = editor.open_conflict("anc1")
    assert dialog is not None
    qtbot.addWidget(dialog)
    # The focal point may not decide, but may propose: the buttons say so.
    assert dialog.keep_mine.isEnabled() and dialog.keep_mine.text() == "Propose my value"
    assert dialog.keep_theirs.text() == "Propose the other value"
    assert dialog.use_typed.text() == "Propose this value"
    assert "district officer decides" in dialog.note.text()
    row = dialog.conflicts.index(dialog.selected())  # type: ignore[arg-type]
    assert cells(dialog, row)["state"] == ["Waiting for the district officer"]

    dialog.keep_mine.click()  # proposes 305, the focal point's own value
    qtbot.waitUntil(lambda: "Proposal of 305" in dialog.said.text(), timeout=10_000)
    row = dialog.conflicts.index(dialog.selected())  # type: ignore[arg-type]
    assert cells(dialog, row)["state"] == ["You propose 305: it is sent at the next sync"]
    assert not dialog.keep_mine.isEnabled()  # one proposal; it waits
    qtbot.waitUntil(lambda: mark_of(editor, "anc1") is not None and "proposal" in
                    mark_of(editor, "anc1").text(), timeout=10_000)  # type: ignore[union-attr]

    sync(window, qtbot)
    qtbot.waitUntil(lambda: state_of(dialog, form_id)
                    == "You proposed 305: the district officer decides", timeout=10_000)
    # The server keeps 310 until the officer decides; the field says the proposal waits.
    field = editor.field_widget("anc1")
    assert isinstance(field, QLineEdit) and field.text() == "310"
    assert "waits for the district officer" in mark_of(editor, "anc1").text()  # type: ignore[union-attr]
    assert [c.field for c in entry.conflicts(window.context.session.store, form_id)] \
        == ["anc1"]  # type: ignore[union-attr]

    # The district officer finds the proposal among the held changes and applies it.
    district = online_context("dmk")
    held = HeldDialog(district)
    qtbot.addWidget(held)
    qtbot.waitUntil(lambda: held.model.rowCount() > 0 and not held._busy, timeout=30_000)
    rows = [r for r, item in enumerate(held.model.items)
            if item.get("form_id") == form_id and item.get("reason") == "resolver_needed"]
    assert len(rows) == 1 and held.model.items[rows[0]]["may_decide"]
    held.table.selectRow(rows[0])
    assert held.reapply_button.isEnabled()
    with qtbot.waitSignal(held.acted, timeout=60_000) as acted:
        held.reapply_button.click()
    _held_id, ok, said = acted.args
    assert ok, said
    assert officer.transport.get(f"/api/v1/forms/{form_id}")["values"]["anc1"] == 305

    # Back at the commune: the next sync brings 305, and the mark is gone.
    sync(window, qtbot)
    qtbot.waitUntil(lambda: field.text() == "305", timeout=10_000)
    qtbot.waitUntil(lambda: mark_of(editor, "anc1") is None, timeout=10_000)
    assert CONFLICT_COLOUR not in field.styleSheet()
    # The dialog no longer lists it (other tests' conflicts of the scope may remain).
    assert form_id not in [c.form_id for c in dialog.conflicts]
    assert dialog.table.rowCount() == len(dialog.conflicts)


# --------------------------------------------------------------------------- layout


def test_the_dialog_cuts_off_no_column_in_either_language_or_text_size(
        offline_context: AppContext, qtbot: QtBot, qapp: QApplication) -> None:
    """At its natural size, every column head and value is whole: in Khmer and English,
    at the default text size and the largest the settings offer."""
    store = offline_context.session.store  # type: ignore[union-attr]
    me = str(offline_context.session.user["id"])  # type: ignore[union-attr]
    form_id = store.create_form(unit_id=offline_context.units["home"],  # type: ignore[attr-defined]
                                year=2026, form_code="health_center")
    with store.transaction() as session:
        session.add(LocalConflict(id="c-layout", form_id=form_id, field="staff_nurses.female",
                                  status="open", base=1200, current=1310, incoming=1305,
                                  current_by="someone-else", incoming_by=me))
        session.add(LocalConflictAuthors(
            conflict_id="c-layout", current_name="Sok Dara (dmk.0102)",
            current_at=datetime(2026, 12, 3, 7, 5, tzinfo=UTC),
            incoming_at=datetime(2026, 12, 3, 8, 10, tzinfo=UTC)))
    kept = QFont(qapp.font())
    install_fonts(qapp)  # Khmer drawn as the application draws it, not as boxes
    try:
        for language, size in (("km", 11), ("km", TEXT_SIZES[-1]), ("en", 11),
                               ("en", TEXT_SIZES[-1])):
            switch_language(offline_context, language)
            apply_text_size(qapp, size)
            dialog = ConflictsDialog(offline_context)
            qtbot.addWidget(dialog)
            dialog.show()
            qtbot.waitExposed(dialog)
            table, header = dialog.table, dialog.table.horizontalHeader()
            assert not cut_off(table), (language, size)
            # Every column side by side, in a dialog that fits the screen.
            whole = sum(header.sectionSize(c) for c in range(table.columnCount()))
            assert whole <= table.viewport().width(), (language, size)
            assert dialog.width() <= dialog.screen().availableGeometry().width()
            shown = cells(dialog, 0)
            if language == "km":
                assert shown["base"] == ["១,២០០"]
                assert shown["current"] == ["១,៣១០", "Sok Dara (dmk.0102)", "៣ ធ្នូ ២០២៦ ១៤:០៥"]
                assert shown["incoming"][0] == "១,៣០៥"
            else:
                assert shown["current"] == ["1,310", "Sok Dara (dmk.0102)", "3 Dec 2026 14:05"]
                assert shown["incoming"] == ["1,305", "you", "3 Dec 2026 15:10"]
            dialog.close()
    finally:
        qapp.setFont(kept)
        switch_language(offline_context, "en")
