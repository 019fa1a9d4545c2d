"""Moving a form along from the main window (submit, return with a comment, approve,
unlock with a reason) and a form's history, over the real widgets and the real server
process of tests/sync, on SQLite and PostgreSQL; and what happens without a connection."""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from client.context import AppContext
from client.qt import QApplication, QLineEdit, Qt, QTimer
from client.session import sign_in
from client.ui.form_editor import FormEditor
from client.ui.history_dialog import HistoryDialog
from client.ui.main_window import CommentDialog, MainWindow
from common.forms import load_definition
from common.forms.validation import field_label
from server.cli import FORMS_DIR
from server.demo_values import demo_values_with_warnings
from tests.client.ui.conftest import open_editor, shown
from tests.server.conftest import PASSWORD
from tests.sync.conftest import Client, Link, link, make_client  # noqa: F401 - fixtures
from tests.sync.test_failures import fresh_year

pytestmark = pytest.mark.usefixtures("boxes")

DEFINITION = load_definition(FORMS_DIR / "health_center.yaml")
#: Typed in the entry screen by the focal point; every other figure is saved beforehand.
TYPED = "anc4"


def complete_values() -> tuple[dict[str, Any], dict[str, str]]:
    """Every figure of a health-center form, consistent, with reasons for its warnings."""
    return demo_values_with_warnings(DEFINITION, random.Random(7))


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
    """The main window after a first sync."""
    window = MainWindow(context)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.navigator.scope is not None, timeout=10_000)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    sync(window, qtbot)
    return window


def sync(window: MainWindow, qtbot: QtBot) -> None:
    dialog = window.sync()
    qtbot.waitUntil(lambda: dialog.report is not None or dialog.error is not None,
                    timeout=30_000)
    assert dialog.error is None, dialog.error
    dialog.accept()


def answer_comment(qtbot: QtBot, text: str | None, *, seen: list[CommentDialog]) -> None:
    """When the comment dialog shows: check it refuses empty text, then type `text` and
    accept (or cancel when `text` is None)."""
    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, CommentDialog):
            QTimer.singleShot(20, answer)
            return
        seen.append(dialog)
        assert not dialog.ok_button.isEnabled()  # nothing typed yet
        dialog.text.setPlainText("   ")
        assert not dialog.ok_button.isEnabled()  # spaces are no comment
        dialog.accept()
        assert dialog.isVisible()
        if text is None:
            dialog.cancel_button.click()
            return
        dialog.text.setPlainText(text)
        assert dialog.ok_button.isEnabled()
        dialog.ok_button.click()

    QTimer.singleShot(0, answer)


def act(window: MainWindow, qtbot: QtBot, action: str,
        comment: str | None = None) -> tuple[bool, str]:
    """Take a workflow action from its toolbar action, answering the comment dialog when
    it asks; (whether the server took it, what the window said)."""
    seen: list[CommentDialog] = []
    if comment is not None:
        answer_comment(qtbot, comment, seen=seen)
    with qtbot.waitSignal(window.transition_finished, timeout=60_000) as blocker:
        window.actions_[action].trigger()
    if comment is not None:
        assert seen, "the comment dialog did not show"
    _action, ok, text = blocker.args
    assert _action == action
    return ok, text


def type_figure(qtbot: QtBot, editor: FormEditor, key: str, text: str) -> None:
    """Type a figure (Latin digits) into its field, replacing what was there."""
    widget = editor.field_widget(key)
    assert isinstance(widget, QLineEdit)
    widget.setFocus()
    widget.selectAll()
    qtbot.keyClicks(widget, text)


def save(qtbot: QtBot, editor: FormEditor) -> None:
    window = editor.window()
    window.raise_()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    with qtbot.waitSignal(editor.saved, timeout=10_000):
        qtbot.keyClick(editor.field_widget(TYPED), Qt.Key.Key_S,
                       Qt.KeyboardModifier.ControlModifier)


def status_shown(window: MainWindow, form_id: str) -> str:
    """The status the navigator shows for the form."""
    model = window.navigator.model
    rows = [r for r in range(model.rowCount()) if model.row_at(r).form_id == form_id]
    assert rows, "the form is not in the navigator"
    return str(model.data(model.index(rows[0], 3)))


def show_form(qtbot: QtBot, window: MainWindow, form_id: str, year: int) -> FormEditor:
    """Choose the form's year in the navigator and open the form, once both are read."""
    navigator = window.navigator
    shown(qtbot, navigator, lambda: navigator.show_year(year))
    return open_editor(qtbot, window, form_id)


def first_submission(focal_window: MainWindow, qtbot: QtBot, boxes: list[str], form_id: str,
                     year: int, figure: int) -> FormEditor:
    """The focal point types the last figure; submitting before saving is refused; then
    saves and submits. The form's editor."""
    editor = show_form(qtbot, focal_window, form_id, year)
    type_figure(qtbot, editor, TYPED, str(figure))
    assert editor.has_unsaved_changes()
    assert focal_window.actions_["submit"].isEnabled()
    assert not focal_window.take_action("submit")
    assert "not saved" in boxes[-1]
    save(qtbot, editor)
    # The focal point may neither return, approve nor unlock: those are disabled, saying why.
    for action in ("return", "approve", "unlock"):
        assert not focal_window.actions_[action].isEnabled()
    assert "district officer" in focal_window.actions_["approve"].toolTip()
    assert "national administrator" in focal_window.actions_["unlock"].toolTip()

    ok, said = act(focal_window, qtbot, "submit")
    assert ok, said
    assert "Submitted" in said and focal_window.statusBar().currentMessage() == said
    assert status_shown(focal_window, form_id) == "submitted"
    assert "Submitted" in editor.subtitle.text()
    assert not focal_window.actions_["submit"].isEnabled()
    assert "this one is submitted" in focal_window.actions_["submit"].toolTip()
    return editor


def history_lists_the_round(admin_window: MainWindow, qtbot: QtBot,
                            qtmodeltester: ModelTester, figure: int, comment: str,
                            reason: str) -> None:
    """The history lists the changes and the moves, with their authors and comments."""
    dialog = admin_window.show_history()
    assert dialog is not None
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.result_ is not None, timeout=30_000)
    qtmodeltester.check(dialog.model)
    rows = dialog.rows()
    label = field_label(DEFINITION.field(TYPED).indicator, TYPED).en
    typed = [r for r in rows if r[3] == label]
    assert [(r[1], r[2], r[4], r[5]) for r in typed] == [
        ("focal", "Figure changed", "—", str(figure)),
        ("focal", "Figure changed", str(figure), str(figure + 4))]
    moves = [(r[1], r[2], r[4], r[5], r[6]) for r in rows
             if r[2] in ("Submitted", "Returned with a comment", "Approved",
                         "Unlocked with a reason")]
    assert moves == [
        ("focal", "Submitted", "Draft", "Submitted", ""),
        ("dmk", "Returned with a comment", "Submitted", "Returned", comment),
        ("focal", "Submitted", "Returned", "Submitted", ""),
        ("dmk", "Approved", "Submitted", "Approved", ""),
        ("admin", "Unlocked with a reason", "Approved", "Returned", reason)]
    assert "from the server" in dialog.note.text()


# --------------------------------------------------------------------------- the round


def test_a_form_goes_from_the_focal_point_to_approval_and_back_by_unlock(
        online_context: Callable[[str], AppContext], link: Link,  # noqa: F811
        qtbot: QtBot, qtmodeltester: ModelTester, boxes: list[str]) -> None:
    year = fresh_year()
    focal = online_context("focal")
    focal_window = open_window(focal, qtbot)
    store = focal.session.store  # type: ignore[union-attr]
    form_id = store.create_form(unit_id=link.world.units["home"], year=year,
                                form_code="health_center")
    values, confirmations = complete_values()
    store.save_values(form_id, {k: v for k, v in values.items() if k != TYPED},
                      confirmations=confirmations)

    # The focal point types the last figure; submitting before saving is refused.
    editor = first_submission(focal_window, qtbot, boxes, form_id, year, values[TYPED])
    # The district officer returns it with a comment (an empty one is refused).
    officer = online_context("dmk")
    officer_window = open_window(officer, qtbot)
    show_form(qtbot, officer_window, form_id, year)
    assert officer_window.actions_["return"].isEnabled()
    assert officer_window.actions_["approve"].isEnabled()
    assert not officer_window.actions_["unlock"].isEnabled()
    seen: list[CommentDialog] = []
    answer_comment(qtbot, None, seen=seen)  # cancelled: nothing is sent
    assert not officer_window.take_action("return")
    assert seen and status_shown(officer_window, form_id) == "submitted"
    comment = "ANC4 looks low for this catchment: check the register."
    ok, said = act(officer_window, qtbot, "return", comment)
    assert ok, said
    assert status_shown(officer_window, form_id) == "returned"

    # The focal point sees "returned" and the comment, corrects a figure and resubmits.
    sync(focal_window, qtbot)
    assert status_shown(focal_window, form_id) == "returned"
    assert editor.note.isVisible() and comment in editor.note.text().replace("\u200b", "")
    assert not editor.read_only
    type_figure(qtbot, editor, TYPED, str(values[TYPED] + 4))
    save(qtbot, editor)
    ok, said = act(focal_window, qtbot, "submit")
    assert ok, said

    # The officer approves; the focal point's form is then read-only.
    sync(officer_window, qtbot)
    ok, said = act(officer_window, qtbot, "approve")
    assert ok, said
    assert "locked" in said and status_shown(officer_window, form_id) == "approved"
    sync(focal_window, qtbot)
    assert status_shown(focal_window, form_id) == "approved"
    assert editor.read_only and editor.field_widget(TYPED).isReadOnly()
    assert not editor.save_button.isEnabled()
    assert "this one is approved" in focal_window.actions_["submit"].toolTip()
    assert not officer_window.actions_["unlock"].isEnabled()

    # Only the national administrator unlocks, with a reason.
    admin = online_context("admin")
    admin_window = open_window(admin, qtbot)
    show_form(qtbot, admin_window, form_id, year)
    for action in ("submit", "return", "approve"):
        assert not admin_window.actions_[action].isEnabled(), action
    reason = "The district found a typing error in the staff figures."
    ok, said = act(admin_window, qtbot, "unlock", reason)
    assert ok, said
    sync(focal_window, qtbot)
    assert status_shown(focal_window, form_id) == "returned"
    assert not editor.read_only and focal_window.actions_["submit"].isEnabled()

    # The history lists the changes and the moves, with their authors and comments.
    history_lists_the_round(admin_window, qtbot, qtmodeltester, values[TYPED], comment,
                            reason)


def test_approval_with_open_conflicts_is_refused_in_plain_words(
        online_context: Callable[[str], AppContext], make_client: Callable[..., Client],  # noqa: F811
        link: Link, qtbot: QtBot, boxes: list[str]) -> None:  # noqa: F811
    editor, focal = make_client("editor"), make_client("focal")
    editor.engine.refresh_reference_data()
    year = fresh_year()
    form_id = editor.store.create_form(unit_id=link.world.units["home"], year=year,
                                       form_code="health_center")
    values, confirmations = complete_values()
    editor.store.save_values(form_id, values, confirmations=confirmations)
    editor.engine.sync()
    editor.transport.post(f"/api/v1/forms/{form_id}/submit", json={})
    focal.engine.sync()
    editor.store.save_values(form_id, {"anc1": 331})
    focal.store.save_values(form_id, {"anc1": 329})
    editor.engine.sync()
    focal.engine.sync()  # the second writer meets the first: a conflict

    officer = online_context("dmk")
    window = open_window(officer, qtbot)
    show_form(qtbot, window, form_id, year)
    assert window.actions_["approve"].isEnabled()  # the server decides, and says why not
    ok, said = act(window, qtbot, "approve")
    assert not ok
    assert "open conflicts" in said and "Resolve them first" in said
    assert boxes[-1] == said and "1 figure(s)" in said
    assert status_shown(window, form_id) == "submitted"
    assert window.actions_["approve"].isEnabled()  # it may be tried again once resolved


# --------------------------------------------------------------------------- offline


def test_offline_a_move_is_refused_clearly_and_nothing_is_lost(
        offline_context: AppContext, qtbot: QtBot, boxes: list[str],
        qtmodeltester: ModelTester) -> None:
    offline_context.settings.language = "en"
    store = offline_context.session.store  # type: ignore[union-attr]
    form_id = store.create_form(unit_id=offline_context.units["home"],  # type: ignore[attr-defined]
                                year=2026, form_code="health_center")
    store.save_values(form_id, {"anc1": 120, "anc4": 80})
    store.save_values(form_id, {"anc4": 85})
    before = [(op.op_id, op.payload) for op in store.outbox()]
    window = MainWindow(offline_context)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.navigator.scope is not None, timeout=10_000)
    show_form(qtbot, window, form_id, 2026)
    assert window.actions_["submit"].isEnabled()
    assert "Needs a connection to the server" in window.actions_["submit"].toolTip()
    transport = offline_context.session.transport  # type: ignore[union-attr]
    asked = transport.requests
    ok, said = act(window, qtbot, "submit")
    assert not ok
    # Said after one attempt, not after a sync's retries and their backoff.
    assert transport.requests - asked == 1
    assert "needs a connection to the server" in said and "nothing is lost" in said
    assert boxes[-1] == said
    assert store.form(form_id).status == "draft"  # type: ignore[union-attr]
    assert store.values(form_id) == {"anc1": 120, "anc4": 85}
    assert [(op.op_id, op.payload) for op in store.outbox()] == before
    assert window.actions_["submit"].isEnabled()  # it may be tried again when connected

    # Offline, the history shows the unsent changes and says the rest needs the server.
    dialog = window.show_history()
    assert isinstance(dialog, HistoryDialog)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.result_ is not None, timeout=10_000)
    qtmodeltester.check(dialog.model)
    rows = dialog.rows()
    assert rows[0][1:3] == ["focal", "Form created (not sent yet)"]
    changes = [(r[3], r[4], r[5]) for r in rows if r[2].startswith("Figure changed")]
    anc1 = field_label(DEFINITION.field("anc1").indicator, "anc1").en
    anc4 = field_label(DEFINITION.field("anc4").indicator, "anc4").en
    assert sorted(changes) == sorted([(anc1, "—", "120"), (anc4, "—", "85")])
    assert "needs the server" in dialog.note.text()

    # Closed while it still reads: it goes when the reading ends, without an error.
    closed = window.show_history()
    assert closed is not None
    closed.close()
    offline_context.operations.wait()
    with qtbot.waitSignal(closed.destroyed, timeout=5_000):
        pass


def test_the_comment_dialog_refuses_empty_text(qapp: QApplication, qtbot: QtBot) -> None:
    dialog = CommentDialog("unlock")
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.ok_button.isEnabled() and "reason is needed" in dialog.hint.text()
    dialog.text.setPlainText(" \n ")
    dialog.accept()
    assert dialog.isVisible() and dialog.result() != CommentDialog.DialogCode.Accepted
    dialog.text.setPlainText("  a typing error  ")
    assert dialog.ok_button.isEnabled() and dialog.hint.text() == ""
    dialog.ok_button.click()
    assert dialog.result() == CommentDialog.DialogCode.Accepted
    assert dialog.comment() == "a typing error"


def test_history_in_khmer_names_figures_from_the_definition(
        offline_context: AppContext, qtbot: QtBot) -> None:
    store = offline_context.session.store  # type: ignore[union-attr]
    form_id = store.create_form(unit_id=offline_context.units["home"],  # type: ignore[attr-defined]
                                year=2026, form_code="health_center")
    store.save_values(form_id, {"staff_nurses.female": 3})
    dialog = HistoryDialog(offline_context, form_id)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.result_ is not None, timeout=10_000)
    [row] = [r for r in dialog.rows() if r[3]]
    assert row[3] == "គិលានុបដ្ឋាក/គិលានុបដ្ឋាយិកា (ស្រី)"
    assert row[5] == "៣"
    offline_context.settings.language = "en"
    offline_context.language_changed.emit("en")
    [row] = [r for r in dialog.rows() if r[3]]
    assert row[3] == "Nurses (female)" and row[5] == "3"
