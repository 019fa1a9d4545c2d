"""No text is cut off: every screen and dialog, in Khmer and English, at the default and
at the largest text size of the settings.

Each screen is opened as the application opens it, with realistic data (a form with
figures and a warning, a conflict, a history, held changes, a sync that ended), at its
natural size: a dialog at the size it chooses or else its size hint (show, adjustSize),
the main window at its default size; nothing is resized by the test. Then every visible
text widget is measured by `clipped` (tests/client/ui/test_layout_check.py: labels,
wrapped labels, buttons, group boxes, tabs, column and row heads, status bar messages,
overlapping widgets).

A failure lists the widget (its path from the screen), the text, the size it needs and
the size it has, the language and the text size.
"""

from __future__ import annotations

import os
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from client.context import AppContext
from client.fonts import DEFAULT_TEXT_SIZE, install_fonts
from client.i18n import apply_language, catalogue, switch_language
from client.qt import (
    QApplication,
    QCoreApplication,
    QDialog,
    QFont,
    QLineEdit,
    QMessageBox,
    Qt,
    QWidget,
)
from client.settings import TEXT_SIZES
from client.store.history import from_server
from client.store.models import LocalConflict
from client.store.repository import LocalStore
from client.sync.transport import TransportError
from client.ui.about_dialog import AboutDialog
from client.ui.conflicts_dialog import ConflictsDialog
from client.ui.document_dialogs import PrintChoices
from client.ui.held_dialog import HeldDialog
from client.ui.history_dialog import HistoryDialog
from client.ui.main_window import CommentDialog, MainWindow
from client.ui.settings_dialog import SettingsDialog
from client.ui.sign_in import SignInDialog
from client.ui.sync_dialog import SyncDialog, plain_error
from client.ui.text import is_khmer
from tests.client.ui.conftest import open_editor
from tests.client.ui.test_layout_check import clipped, settle
from tests.client.ui.test_line_breaking import none_kept_alive  # noqa: F401 - a fixture

pytestmark = pytest.mark.usefixtures("boxes", "none_kept_alive")

#: A folder to save a picture of every screen measured in (for a person to look at).
SHOTS = "ISAF_LAYOUT_SHOTS"
LANGUAGES = ("en", "km")
SIZES = (DEFAULT_TEXT_SIZE, max(TEXT_SIZES))
#: The letter after a mnemonic's "&" ("&&" is a plain ampersand).
_MNEMONIC = re.compile(r"(?<!&)&([^&])")


# ---------------------------------------------------------------------- the screens


def show_dialog(qtbot: QtBot, dialog: QWidget) -> QWidget:
    """Show a dialog at its natural size: the size it chose for itself, else its size
    hint (as show() gives a window that was never resized). The test never resizes it
    afterwards."""
    qtbot.addWidget(dialog)
    chose_its_size = dialog.testAttribute(Qt.WidgetAttribute.WA_Resized)
    dialog.show()
    if not chose_its_size:
        dialog.adjustSize()
    qtbot.waitExposed(dialog)
    return dialog


def translate(context: str, text: str) -> str:
    """A text of the application in the interface language."""
    return QCoreApplication.translate(context, text)


class World:
    """A commune focal point's computer: a health center's form with figures (unsent),
    a conflict on one of them, and the screens opened over it."""

    def __init__(self, context: AppContext, qtbot: QtBot) -> None:
        self.context = context
        self.qtbot = qtbot
        session = context.session
        assert session is not None
        self.store = session.store
        self.unit_id: str = context.units["home"]  # type: ignore[attr-defined]
        self.year = datetime.now(UTC).year
        self.form_id = self.store.create_form(unit_id=self.unit_id, year=self.year,
                                              form_code="health_center")
        self.store.save_values(self.form_id, {"catchment_population": 12000,
                                              "staff_midwives.female": 3,
                                              "staff_midwives.male": 1})
        with self.store.transaction() as db:
            db.add(LocalConflict(id="c1", form_id=self.form_id, field="staff_midwives.female",
                                 status="open", base=2, current=4, incoming=3))

    # -------------------------------------------------------------- windows

    def window(self) -> MainWindow:
        """The main window at its default size, the home unit chosen in the navigator, and
        the notice of an offline sign-in in the status bar (as after signing in)."""
        window = MainWindow(self.context)
        self.qtbot.addWidget(window)
        window.show()
        self.qtbot.waitExposed(window)
        # The navigator reads the units off the GUI thread: wait until they are shown.
        self.qtbot.waitUntil(lambda: window.navigator.scope is not None, timeout=10_000)
        table = window.navigator.table
        for row in range(table.model().rowCount()):
            table.selectRow(row)
            chosen = window.navigator.selected()
            if chosen is not None and chosen.unit_id == self.unit_id:
                break
        else:
            raise AssertionError("the navigator does not list the home unit")
        notice = translate("SignInDialog", "Working offline. {0} Your work is kept on this "
                                           "computer and sent at the next sync.").format(
            translate("LinkProblem", "Nothing answers at {0}: check the server address and "
                                     "its port (the number after the colon), or ask whether "
                                     "the server is running.").format("http://127.0.0.1:9"))
        window.statusBar().showMessage(notice, 60_000)
        settle()
        return window

    def editor_window(self) -> MainWindow:
        """The main window with the form open and a figure typed that asks for a reason."""
        window = self.window()
        editor = open_editor(self.qtbot, window, self.form_id)
        self.qtbot.waitUntil(lambda: editor.isVisible())
        field = editor.field_widget("expected_pregnancies")
        field.setFocus(Qt.FocusReason.TabFocusReason)
        if isinstance(field, QLineEdit):
            field.selectAll()
        self.qtbot.keyClicks(field, "100")  # far above 1 to 5 percent of 12,000: a warning
        settle()
        return window

    def post_on_window(self) -> MainWindow:
        """The main window with the form's Post-on tab shown."""
        window = self.window()
        editor = open_editor(self.qtbot, window, self.form_id)
        tabs = editor.tabs
        tabs.setCurrentIndex(tabs.count() - 1)
        settle()
        return window

    # -------------------------------------------------------------- dialogs

    def sign_in(self) -> QWidget:
        """The sign-in screen after a wrong password with no server to ask."""
        dialog = SignInDialog(self.context)
        show_dialog(self.qtbot, dialog)
        dialog.username.setEditText("focal")
        dialog.password.setText("not the password")
        dialog.server.setText("http://127.0.0.1:9")
        dialog.sign_in_button.click()
        status = dialog.status
        self.qtbot.waitUntil(lambda: bool(status.text()) and not dialog._busy,
                             timeout=20_000)
        settle()
        return dialog

    def sync(self) -> QWidget:
        """The sync dialog once a sync ended (the server could not be reached)."""
        dialog = SyncDialog(self.context)
        show_dialog(self.qtbot, dialog)
        dialog.start()
        self.qtbot.waitUntil(lambda: dialog.error is not None or dialog.report is not None,
                             timeout=20_000)
        settle()
        return dialog

    def conflicts(self) -> QWidget:
        """The conflicts, one open."""
        dialog = ConflictsDialog(self.context)
        show_dialog(self.qtbot, dialog)
        settle()
        return dialog

    def history(self) -> QWidget:
        """The form's history: the changes made here, not sent yet."""
        dialog = HistoryDialog(self.context, self.form_id, title="HC010201 · 2026")
        show_dialog(self.qtbot, dialog)
        self.qtbot.waitUntil(lambda: dialog.result_ is not None or dialog.error is not None,
                             timeout=20_000)
        assert dialog.model.rowCount() > 0
        settle()
        return dialog

    def server_history(self) -> QWidget:
        """The history as the server tells it: submitted, returned with a comment, a
        figure changed, a warning confirmed with a reason, approved, unlocked."""
        dialog = self.history()
        assert isinstance(dialog, HistoryDialog)
        at = datetime.now(UTC).replace(microsecond=0).isoformat()
        events: list[dict[str, Any]] = [
            {"action": "submit", "username": "hc.010201", "at": at, "old_value": "draft",
             "new_value": "submitted"},
            {"action": "return", "username": "dmk.0102", "at": at, "old_value": "submitted",
             "new_value": "returned",
             "comment": "សូមពិនិត្យចំនួនឆ្មបម្ដងទៀត ព្រោះឆ្នាំមុនមានតែ ៣ នាក់ប៉ុណ្ណោះ។"},
            {"action": "value", "username": "hc.010201", "at": at,
             "field": "staff_midwives.female", "old_value": 4, "new_value": 3},
            {"action": "confirm", "username": "hc.010201", "at": at,
             "field": "expected_pregnancies",
             "comment": "expected_pregnancies_plausible: ភូមិថ្មីពីរបានចូលរួមក្នុងតំបន់គ្របដណ្ដប់"},
            {"action": "approve", "username": "dmk.0102", "at": at, "old_value": "submitted",
             "new_value": "approved"},
            {"action": "unlock", "username": "admin", "at": at, "old_value": "approved",
             "new_value": "draft", "comment": "Corrected population figure from the census"},
        ]
        dialog.model.set_entries(from_server(events), dialog.model.definition)
        settle()
        return dialog

    def held(self) -> QWidget:
        """Held changes: the list the server would give (offline, it says it cannot ask)."""
        dialog = HeldDialog(self.context)
        show_dialog(self.qtbot, dialog)
        self.qtbot.waitUntil(lambda: not dialog._busy, timeout=20_000)
        now = datetime.now(UTC).isoformat()
        items = [{"id": "h1", "form_id": self.form_id, "reason": "locked", "created_at": now,
                  "detail": "anc1", "may_decide": True},
                 {"id": "h2", "form_id": self.form_id, "reason": "delete_conflict",
                  "created_at": now, "detail": "", "may_decide": False}]
        from client.store import entry

        header = entry.form_header(self.store, self.form_id)
        dialog.model.set_items(items, [header, header])
        dialog.table.selectRow(0)
        settle()
        return dialog

    def settings(self) -> QWidget:
        return self._settled(SettingsDialog(self.context))

    def about(self) -> QWidget:
        return self._settled(AboutDialog(self.context))

    def comment(self) -> QWidget:
        """The comment asked for when a form is returned."""
        return self._settled(CommentDialog("return"))

    def unlock(self) -> QWidget:
        """The reason asked for when a form is unlocked."""
        return self._settled(CommentDialog("unlock"))

    def print_options(self) -> QWidget:
        window = self.window()
        dialog = window.printing.print_document("form")
        assert dialog is not None
        return self._opened(dialog)

    def batch(self) -> QWidget:
        window = self.window()
        dialog = window.printing.print_batch()
        assert dialog is not None
        return self._opened(dialog)

    def export(self) -> QWidget:
        window = self.window()
        dialog = window.printing.export_excel()
        assert dialog is not None
        return self._opened(dialog)

    def print_preview(self) -> QWidget:
        """A blank form in the print preview."""
        from client.ui.print_preview import PrintPreview

        title = translate("Printing", "Blank form · {0}").format("HC010201 2026")
        dialog = PrintPreview(_blank_form(self.store, self.year), title,
                              "HC010201-2026-form.pdf", interaction=self.context.interaction)
        return self._settled(dialog)

    def messages(self) -> list[QWidget]:
        """The message boxes a person meets most: a delete to confirm, a move of a form
        without a connection, a sync that could not reach the server."""
        boxes: list[QWidget] = []
        question = translate("MainWindow", "Delete the form of {0}, with all its figures?"
                             ).format("HC010201 · 2026") + "\n\n" + translate(
            "MainWindow", "The server has this form: it is deleted there at the next sync. "
                          "If someone changed it there meanwhile, the server keeps it and this "
                          "computer shows it again: nothing is lost.")
        for icon, title, text, buttons in (
                (QMessageBox.Icon.Question, translate("MainWindow", "Delete this form"),
                 question, QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No),
                (QMessageBox.Icon.Warning, translate("MainWindow", "Submit"), translate(
                    "MainWindow", "Moving a form along needs a connection to the server, and "
                                  "the server could not be reached. Nothing changed and "
                                  "nothing is lost: the form and its figures stay on this "
                                  "computer. Try again when connected."),
                 QMessageBox.StandardButton.Ok),
                (QMessageBox.Icon.Warning, translate("MainWindow", "ISAF Desk"),
                 plain_error(TransportError("no route")), QMessageBox.StandardButton.Ok)):
            box = QMessageBox(icon, title, text, buttons)
            self.qtbot.addWidget(box)
            box.show()
            self.qtbot.waitExposed(box)
            boxes.append(box)
        settle()
        return boxes

    def _settled(self, dialog: QWidget) -> QWidget:
        show_dialog(self.qtbot, dialog)
        settle()
        return dialog

    def _opened(self, dialog: QDialog) -> QWidget:
        """A dialog the window opened itself (window-modal, at its natural size)."""
        self.qtbot.waitExposed(dialog)
        settle()
        return dialog


#: The blank form shown in the print preview, built once (the same for every case).
_PDF: dict[str, bytes] = {}


def _blank_form(store: LocalStore, year: int) -> bytes:
    if "form" not in _PDF:
        from client import documents

        _PDF["form"] = documents.write_form(store, "HC010201", year,
                                            PrintChoices().options("form"))
    return _PDF["form"]


# Each screen, and the helper whose file it is (for the expected failures below).
SCREENS: dict[str, Callable[[World], QWidget | list[QWidget]]] = {
    "sign-in": World.sign_in,
    "main window (navigator)": World.window,
    "main window (form editor)": World.editor_window,
    "main window (Post-on)": World.post_on_window,
    "sync dialog": World.sync,
    "conflicts dialog": World.conflicts,
    "history dialog": World.history,
    "history dialog (server's trail)": World.server_history,
    "held changes dialog": World.held,
    "settings": World.settings,
    "about": World.about,
    "return comment": World.comment,
    "unlock reason": World.unlock,
    "print options dialog": World.print_options,
    "batch dialog": World.batch,
    "export dialog": World.export,
    "print preview": World.print_preview,
    "message boxes": World.messages,
}

#: Screens that clip today: (screen, language, size) -> why. Not strict: a fix makes them
#: pass. Empty: every screen fits; a new entry needs a reason naming the screen.
KNOWN: dict[tuple[str, str, int], str] = {}


def _cases() -> Iterator[object]:
    for screen in SCREENS:
        for language in LANGUAGES:
            for size in SIZES:
                reason = KNOWN.get((screen, language, size))
                marks = [pytest.mark.xfail(reason=reason, strict=False)] if reason else []
                yield pytest.param(screen, language, size, marks=marks,
                                   id=f"{screen}-{language}-{size}pt")


@pytest.mark.parametrize(("screen", "language", "size"), list(_cases()))
def test_no_text_is_cut_off(screen: str, language: str, size: int,
                            offline_context: AppContext, qtbot: QtBot, qapp: QApplication,
                            ) -> None:
    font = QFont(qapp.font())
    install_fonts(qapp, text_size=size)
    offline_context.settings.text_size = size
    try:
        switch_language(offline_context, language)
        shown = SCREENS[screen](World(offline_context, qtbot))
        tops = shown if isinstance(shown, list) else [shown]
        problems = [str(p) for top in tops for p in clipped(top)]
        if os.environ.get(SHOTS):  # to look at what was measured
            folder = Path(os.environ[SHOTS])
            folder.mkdir(parents=True, exist_ok=True)
            for number, top in enumerate(tops):
                top.grab().save(str(folder / f"{screen}-{language}-{size}-{number}.png"))
    finally:
        apply_language(qapp, "en")
        offline_context.settings.language = "en"
        qapp.setFont(font)
    assert not problems, (f"{screen}, {language}, {size} pt: {len(problems)} text(s) cut "
                          "off:\n  " + "\n  ".join(problems))


def test_no_keyboard_mnemonic_sits_on_a_khmer_letter() -> None:
    """Qt underlines a mnemonic's letter as a run of its own, so "&បាទ" draws ប apart
    from its vowel sign: a dotted circle on the Yes button of every message box. A Khmer
    text takes a Latin mnemonic in brackets instead, "បាទ/ចាស (&Y)", as the sign-in
    screen does."""
    root = ET.parse(catalogue("km")).getroot()
    wrong = []
    for message in root.iter("message"):
        translation = message.find("translation")
        if translation is None:
            continue
        texts = [n.text or "" for n in translation.iter("numerusform")] or [
            translation.text or ""]
        wrong += [f"{message.findtext('source')!r} -> {text!r}" for text in texts
                  if any(is_khmer(after) for after in _MNEMONIC.findall(text))]
    assert not wrong, "a mnemonic on a Khmer letter:\n  " + "\n  ".join(wrong)
