"""Deleting a form from the main window (Form menu, "Delete this form…"): offline over a
real local store, and over the real server process of tests/sync, where another
computer sees the form go."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from pytestqt.qtbot import QtBot

from client.context import AppContext
from client.interaction import ScriptedInteraction
from client.qt import QPushButton
from client.ui.held_dialog import HeldDialog
from client.ui.main_window import MainWindow
from tests.client.ui.conftest import shown
from tests.client.ui.test_main_window import _set_status
from tests.client.ui.test_workflow import (  # noqa: F401 - fixtures
    TYPED,
    complete_values,
    online_context,
    open_window,
    show_form,
    status_shown,
    sync,
    type_figure,
)
from tests.sync.conftest import Link, link  # noqa: F401 - fixtures
from tests.sync.test_failures import fresh_year

pytestmark = pytest.mark.usefixtures("boxes")


@dataclass
class Answers:
    """The confirmation's answers to give, in order ("yes" or "no"), and the questions
    it asked (through the scripted interaction)."""

    script: ScriptedInteraction

    def give(self, answer: str) -> None:
        """The answer to the next confirmation."""
        self.script.reply(answer == "yes")

    @property
    def asked(self) -> list[str]:
        """The confirmations asked, in order."""
        return [asked.text for asked in self.script.asked if asked.kind == "confirm"]


@pytest.fixture
def answers(scripted: ScriptedInteraction) -> Answers:
    """The confirmation answered from a queue instead of waiting for a click."""
    return Answers(scripted)


def delete(window: MainWindow, qtbot: QtBot) -> tuple[bool, str]:
    """Trigger the menu action and wait for the delete to end."""
    with qtbot.waitSignal(window.form_deleted, timeout=10_000) as blocker:
        window.actions_["delete"].trigger()
    _form_id, ok, said = blocker.args
    return ok, said


def test_a_form_made_here_is_deleted_after_confirmation_and_nothing_is_left(
        offline_context: AppContext, qtbot: QtBot, answers: Answers) -> None:
    store = offline_context.session.store  # type: ignore[union-attr]
    units = offline_context.units  # type: ignore[attr-defined]
    window = MainWindow(offline_context)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.navigator.scope is not None, timeout=10_000)
    year = window.navigator.model.year
    form_id = store.create_form(unit_id=units["home"], year=year, form_code="health_center")
    store.save_values(form_id, {"anc1": 12})
    shown(qtbot, window.navigator)
    editor = show_form(qtbot, window, form_id, year)
    type_figure(qtbot, editor, TYPED, "7")  # typed, not saved
    action = window.actions_["delete"]
    assert action in window.form_menu.actions()
    assert action not in window.toolbar.actions()  # never one click away
    assert action.isEnabled(), action.toolTip()

    # "No": nothing happens.
    answers.give("no")
    assert not window.delete_form()
    assert store.form(form_id) is not None
    assert window.editor_of(form_id) is editor

    answers.give("yes")
    ok, said = delete(window, qtbot)
    asked = answers.asked
    assert "HC010201" in asked[-1] and str(year) in asked[-1]
    assert "not saved" in asked[-1]  # the typed figure goes with the form, and it says so
    assert "server" not in asked[-1]  # the server never had it
    assert ok and said == "The form was deleted."
    assert store.form(form_id) is None
    assert store.unsent_count() == 0  # nothing to tell the server
    assert window.editor_of(form_id) is None  # its tab is closed
    assert status_shown_for_unit(window, "HC010201") == "no form"
    assert not window.actions_["delete"].isEnabled()  # no form left to delete


def status_shown_for_unit(window: MainWindow, code: str) -> str:
    model = window.navigator.model
    rows = [r for r in range(model.rowCount()) if model.data(model.index(r, 0)) == code]
    assert rows, f"{code} is not in the navigator"
    return str(model.data(model.index(rows[0], 3)))


def test_delete_is_offered_only_where_the_rules_allow_and_says_why(
        offline_context: AppContext, qtbot: QtBot, boxes: list[str],
        answers: Answers) -> None:
    session = offline_context.session
    assert session is not None
    store = session.store
    units = offline_context.units  # type: ignore[attr-defined]
    window = MainWindow(offline_context)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.navigator.scope is not None, timeout=10_000)
    year = window.navigator.model.year
    assert not window.actions_["delete"].isEnabled()
    assert "Choose a unit" in window.actions_["delete"].toolTip()
    form_id = store.create_form(unit_id=units["home"], year=year, form_code="health_center")
    _set_status(offline_context, form_id, "submitted")
    shown(qtbot, window.navigator)
    show_form(qtbot, window, form_id, year)
    window.update_actions()
    action = window.actions_["delete"]
    assert not action.isEnabled()
    assert "this one is submitted" in action.toolTip()
    # Asked anyway (a shortcut, a script): it says why, asks nothing and deletes nothing.
    assert not window.delete_form()
    assert "this one is submitted" in boxes[-1]
    assert not answers.asked
    assert store.form(form_id) is not None
    # A role that may not make forms may not delete them either.
    _set_status(offline_context, form_id, "draft")
    session.user["role"] = "provincial_officer"
    window.update_actions()
    assert not action.isEnabled()
    assert "may not delete" in action.toolTip()


def test_a_form_the_server_has_goes_there_at_the_next_sync(
        online_context: Callable[[str], AppContext], link: Link,  # noqa: F811
        qtbot: QtBot, answers: Answers) -> None:
    year = fresh_year()
    focal = online_context("focal")
    window = open_window(focal, qtbot)
    store = focal.session.store  # type: ignore[union-attr]
    form_id = store.create_form(unit_id=link.world.units["home"], year=year,
                                form_code="health_center")
    values, confirmations = complete_values()
    store.save_values(form_id, values, confirmations=confirmations)
    sync(window, qtbot)
    officer = online_context("dmk")
    officer_window = open_window(officer, qtbot)
    navigator = officer_window.navigator
    shown(qtbot, navigator, lambda: navigator.show_year(year))
    assert status_shown(officer_window, form_id) == "draft"

    show_form(qtbot, window, form_id, year)
    answers.give("yes")
    ok, said = delete(window, qtbot)
    assert ok and "next sync" in said
    assert "The server has this form" in answers.asked[-1]
    assert store.form(form_id) is None or store.form(form_id).deleted  # type: ignore[union-attr]
    assert store.unsent_count() == 1  # the delete waits in the outbox
    sync(window, qtbot)
    assert store.unsent_count() == 0

    # The district officer's computer: the form is gone after its sync, and the unit can
    # have a new form for the year.
    sync(officer_window, qtbot)
    shown(qtbot, navigator)
    model = navigator.model
    assert all(model.row_at(r).form_id != form_id for r in range(model.rowCount()))


@dataclass
class HeldScene:
    """The focal point's window and the district officer's, over one form the server has."""

    qtbot: QtBot
    answers: Answers
    window: MainWindow
    officer_window: MainWindow
    form_id: str
    year: int

    def held_delete(self, anc1: int) -> None:
        """The officer changes the form; the focal point's computer, not having seen
        that, deletes it: the server holds the delete, and the form comes back there."""
        qtbot, form_id = self.qtbot, self.form_id
        store = self.window.context.session.store  # type: ignore[union-attr]
        sync(self.officer_window, qtbot)
        self.officer_window.context.session.store.save_values(  # type: ignore[union-attr]
            form_id, {"anc1": anc1})
        sync(self.officer_window, qtbot)
        show_form(qtbot, self.window, form_id, self.year)
        self.answers.give("yes")
        assert delete(self.window, qtbot)[0]
        sync(self.window, qtbot)
        assert not store.form(form_id).deleted  # type: ignore[union-attr]

    def choose_held(self) -> HeldDialog:
        """The officer's held changes, the held delete of the form chosen."""
        form_id = self.form_id
        dialog = self.officer_window.show_held()
        assert dialog is not None
        self.qtbot.waitUntil(
            lambda: any(i["form_id"] == form_id for i in dialog.model.items), timeout=20_000)
        (row,) = [r for r, i in enumerate(dialog.model.items) if i["form_id"] == form_id]
        assert "A delete" in dialog.model.data(dialog.model.index(row, 2))
        assert "HC010201" in dialog.model.data(dialog.model.index(row, 1))
        assert not dialog.dismiss_button.isEnabled()  # nothing chosen yet
        dialog.table.selectRow(row)
        assert dialog.dismiss_button.isEnabled() and dialog.reapply_button.isEnabled()
        return dialog

    def decide(self, dialog: HeldDialog, button: QPushButton) -> str:
        """Click a decision; what the dialog said."""
        with self.qtbot.waitSignal(dialog.acted, timeout=30_000) as blocker:
            button.click()
        _held, ok, said = blocker.args
        assert ok, said
        self.qtbot.waitUntil(lambda: all(i["form_id"] != self.form_id
                                         for i in dialog.model.items), timeout=20_000)
        dialog.close()
        return str(said)


def _seen_but_not_decided_by(window: MainWindow, qtbot: QtBot, form_id: str) -> None:
    """Someone else in the form's scope sees the clash, and may not decide on it: the
    buttons stay disabled and say whose decision it is."""
    seen = window.show_held()
    assert seen is not None
    qtbot.waitUntil(lambda: any(i["form_id"] == form_id for i in seen.model.items),
                    timeout=20_000)
    (row,) = [r for r, i in enumerate(seen.model.items) if i["form_id"] == form_id]
    seen.table.selectRow(row)
    assert not seen.dismiss_button.isEnabled() and not seen.reapply_button.isEnabled()
    assert "approver" in seen.dismiss_button.toolTip()
    seen.close()


def test_a_held_delete_is_decided_by_the_district_officer_from_held_changes(
        online_context: Callable[[str], AppContext], link: Link,  # noqa: F811
        qtbot: QtBot, answers: Answers) -> None:
    year = fresh_year()
    focal = online_context("focal")
    window = open_window(focal, qtbot)
    store = focal.session.store  # type: ignore[union-attr]
    officer = online_context("dmk")
    officer_window = open_window(officer, qtbot)
    officer_store = officer.session.store  # type: ignore[union-attr]
    form_id = store.create_form(unit_id=link.world.units["home"], year=year,
                                form_code="health_center")
    store.save_values(form_id, {"anc1": 30})
    sync(window, qtbot)
    scene = HeldScene(qtbot, answers, window, officer_window, form_id, year)

    # Closed before the server answered: the answer finds no screen, and nothing breaks.
    early = officer_window.show_held()
    assert early is not None
    early.close()
    officer.operations.wait()
    qtbot.wait(50)  # the answer's callback runs now, on a closed dialog

    # Dismissed with a reason: the form stays, on every computer.
    scene.held_delete(31)
    # Someone else in the form's scope (the commune's CAF) sees the clash, and may not
    # decide on it.
    _seen_but_not_decided_by(open_window(online_context("caf"), qtbot), qtbot, form_id)
    assert officer_window.actions_["held"] in officer_window.sync_menu.actions()
    dialog = scene.choose_held()
    answers.script.reply("the unit still reports this year")  # the reason asked for
    assert scene.decide(dialog, dialog.dismiss_button).startswith("Dismissed")
    sync(window, qtbot)
    assert not store.form(form_id).deleted  # type: ignore[union-attr]
    assert not officer_store.form(form_id).deleted  # type: ignore[union-attr]

    # Applied again: the officer decides to delete it; both computers lose the form.
    scene.held_delete(32)
    dialog = scene.choose_held()
    assert scene.decide(dialog, dialog.reapply_button) == "Applied again."
    assert officer_store.form(form_id).deleted  # type: ignore[union-attr]
    sync(window, qtbot)
    mine = store.form(form_id)
    assert mine is None or mine.deleted
