"""The main window: the navigator, forms open in tabs, and the actions of the day (sync,
conflicts, USB bundles, moving a form along, a form's history, printing and exporting,
settings, about, sign out).

Every action is one call into the domain layer run by the operation runner; the window
listens for what changed and refreshes, it never holds a database session.

Moving a form along (submit, return with a comment, approve, unlock with a reason) is
online only: the server decides and records it. Each of the four is its own action,
enabled only for the roles allowed and the statuses it applies to, its tooltip saying
why not; the server's answer, a refusal included, is told in plain words.

Deleting a form works offline, like an edit: after a confirmation the form leaves this
computer, and a form the server already has is deleted there at the next sync, unless
someone changed it meanwhile (the server then keeps it, and this computer shows it again).

The status bar tells the truth at all times: who is signed in, online or not (read from
the session after every piece of work, so a sync that reached the server shows "online"),
the last sync, unsent changes and conflicts, in the interface language and its digits.
Its texts wrap rather than overlap, at any width and text size.
"""

from __future__ import annotations

import logging
from datetime import datetime
from pathlib import Path
from typing import Any

from client.context import AppContext
from client.i18n import current_language
from client.operations import Work
from client.qt import (
    QAction,
    QApplication,
    QCloseEvent,
    QDialog,
    QDialogButtonBox,
    QEvent,
    QGridLayout,
    QInputDialog,
    QKeySequence,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPaintEvent,
    QPlainTextEdit,
    QSizePolicy,
    QStatusBar,
    Qt,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
    Signal,
)
from client.store import entry
from client.store.errors import StoreError
from client.store.models import LocalForm
from client.store.overview import UnitRow
from client.sync import bundles
from client.sync.transport import ServerRefusal, TransportError
from client.ui.conflicts_dialog import ConflictsDialog
from client.ui.held_dialog import HeldDialog
from client.ui.history_dialog import HistoryDialog
from client.ui.navigator import Navigator, status_text
from client.ui.post_on import in_digits, time_text
from client.ui.printing import Printing
from client.ui.qt_strings import open_file_name, save_file_name
from client.ui.sync_dialog import (
    SyncDialog,
    help_desk,
    plain_error,
    plain_file_error,
    plain_store_error,
    size_to_content,
    while_alive,
)
from client.ui.text import plain, set_wrapped, wrappable
from common.forms.validation import field_label
from common.roles import ROLES, may
from common.sync.bundle import SUFFIX, BundleError, read_bundle, save
from common.sync.protocol import ProtocolError
from common.workflow import DELETABLE_STATUSES, TRANSITIONS

log = logging.getLogger(__name__)

#: The moves of a form the window offers, in the order of the toolbar (publishing is the
#: national office's, outside this window).
WORKFLOW_ACTIONS = ("submit", "return", "approve", "unlock")
#: How many of the server's problems a refusal lists before "and n more".
_PROBLEMS_SHOWN = 8


class CommentDialog(QDialog):
    """Asks for the comment of a return or the reason of an unlock; refuses empty text."""

    def __init__(self, action: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.action = action
        self.prompt = QLabel(self)
        self.prompt.setWordWrap(True)
        self.text = QPlainTextEdit(self)
        self.text.setTabChangesFocus(True)
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        self.buttons = QDialogButtonBox(self)
        # Our own button texts: Qt ships no Khmer for its standard buttons.
        self.ok_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.prompt)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.hint)
        layout.addWidget(self.buttons)
        self.text.textChanged.connect(self._update)
        self.retranslate()
        self._update()
        # Wide enough for a few lines of comment; as tall as the wrapped texts need.
        size_to_content(self, characters=55)

    def retranslate(self) -> None:
        """Texts in the interface language."""
        if self.action == "unlock":
            self.setWindowTitle(self.tr("Unlock with a reason"))
            set_wrapped(self.prompt, self.tr("Why must this approved form be changed? The "
                                             "reason is kept in the form's history and shown "
                                             "to the unit."))
            self.ok_button.setText(self.tr("Unlock the form"))
        else:
            self.setWindowTitle(self.tr("Return with a comment"))
            set_wrapped(self.prompt, self.tr("What must the unit check or correct? Your "
                                             "comment goes back with the form."))
            self.ok_button.setText(self.tr("Return the form"))
        self.cancel_button.setText(self.tr("Cancel"))
        self._update()

    def comment(self) -> str:
        """The text typed, without surrounding spaces."""
        return self.text.toPlainText().strip()

    def _update(self) -> None:
        empty = not self.comment()
        self.ok_button.setEnabled(not empty)
        set_wrapped(self.hint, self.tr("A comment is needed: the unit must know why.")
                    if empty and self.action != "unlock" else
                    self.tr("A reason is needed: every unlock is audited.")
                    if empty else "")

    def accept(self) -> None:
        """Close with the text, never without one."""
        if not self.comment():
            self.text.setFocus()
            return
        super().accept()


class StatusBar(QStatusBar):
    """The window's status bar: the latest message on a line of its own, then who is
    signed in (online or not) and the sync state, each on a label that wraps.

    QStatusBar shows a message (showMessage, or an action's status tip while the mouse is
    over it) as one line it paints itself, cut where its labels begin, and hides its
    other labels meanwhile: a long notice lost its end and who was signed in. Here Qt
    keeps the message (its timeout, `currentMessage()`), but it is shown on a
    word-wrapped label above the others: nothing is painted under or over a label, who is
    signed in stays in view, and a long text takes another line instead of being cut, at
    any width and text size."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.box = QWidget(self)
        self.message = QLabel(self.box)
        self.who = QLabel(self.box)
        self.sync_state = QLabel(self.box)
        self.sync_state.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        for label in (self.message, self.who, self.sync_state):
            label.setWordWrap(True)
            label.setSizePolicy(QSizePolicy.Policy.Preferred,
                                QSizePolicy.Policy.MinimumExpanding)
        grid = QGridLayout(self.box)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self.message, 0, 0, 1, 2)
        grid.addWidget(self.who, 1, 0)
        grid.addWidget(self.sync_state, 1, 1)
        self.grid = grid
        self.message.hide()
        self.addPermanentWidget(self.box, 1)
        self.messageChanged.connect(self._message_changed)

    def _message_changed(self, text: str) -> None:
        set_wrapped(self.message, text)
        self.message.setVisible(bool(text))
        self.updateGeometry()  # the bar takes the lines the texts need, no more

    def set_texts(self, who: str, sync_state: str) -> None:
        """Who is signed in, and the state of the sync."""
        set_wrapped(self.who, who)
        set_wrapped(self.sync_state, sync_state)
        self._balance()

    def _balance(self) -> None:
        # Each label gets the width in proportion to its text: both stay on one line when
        # the bar is wide enough, and when it is not, neither is squeezed to a word a line.
        for column, label in enumerate((self.who, self.sync_state)):
            width = label.fontMetrics().horizontalAdvance(plain(label.text()))
            self.grid.setColumnStretch(column, max(1, width))
        self.updateGeometry()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        """Another text size: the texts' widths change."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._balance()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        """Paint no message of Qt's own: the message label shows it."""
        del event


class MainWindow(QMainWindow):
    """The window a signed-in person works in."""

    #: A move of a form ended: the action, whether the server took it, and what was said.
    transition_finished = Signal(str, bool, str)
    #: A delete ended: the form, whether it was deleted here, and what was said.
    form_deleted = Signal(str, bool, str)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        #: The move of a form waiting for the server's answer, if any.
        self._transition: str | None = None
        #: What the last move of a form ended with, in words.
        self.last_outcome = ""
        self.actions_: dict[str, QAction] = {}
        self.resize(1180, 760)
        self.tabs = QTabWidget()
        self.tabs.setTabsClosable(True)
        self.tabs.tabCloseRequested.connect(self._close_tab)
        self.tabs.currentChanged.connect(lambda _index: self.update_actions())
        self.navigator = Navigator(context)
        self.navigator.unit_opened.connect(self.open_unit)
        self.navigator.table.selectionModel().selectionChanged.connect(
            lambda *_args: self.update_actions())
        self.tabs.addTab(self.navigator, "")
        self.tabs.tabBar().setTabButton(0, self.tabs.tabBar().ButtonPosition.RightSide, None)
        self.setCentralWidget(self.tabs)
        self.toolbar = QToolBar()
        self.toolbar.setMovable(False)
        self.addToolBar(self.toolbar)
        # Every action is in a menu: the toolbar may not show them all on a small screen.
        self.file_menu = self.menuBar().addMenu("")
        self.sync_menu = self.menuBar().addMenu("")
        self.form_menu = self.menuBar().addMenu("")
        menus = {"sync": self.sync_menu, "conflicts": self.sync_menu,
                 "export": self.sync_menu, "import": self.sync_menu,
                 **dict.fromkeys((*WORKFLOW_ACTIONS, "history"), self.form_menu),
                 "settings": self.file_menu, "sign_out": self.file_menu}
        for name, shortcut, handler in (
                ("sync", "Ctrl+R", self.sync), ("conflicts", None, self.show_conflicts),
                ("submit", None, lambda: self.take_action("submit")),
                ("return", None, lambda: self.take_action("return")),
                ("approve", None, lambda: self.take_action("approve")),
                ("unlock", None, lambda: self.take_action("unlock")),
                ("history", "Ctrl+H", self.show_history),
                ("export", None, self.export_bundle),
                ("import", None, self.import_bundle), ("settings", None, self.show_settings),
                ("about", None, self.show_about), ("sign_out", None, self.sign_out)):
            action = QAction(self)
            if shortcut:
                action.setShortcut(QKeySequence(shortcut))
            action.triggered.connect(handler)
            if name == "submit":
                self.toolbar.addSeparator()
            self.toolbar.addAction(action)
            if name == "export":
                self.sync_menu.addSeparator()
            if name in menus:
                menus[name].addAction(action)
            if name == "history":
                self.toolbar.addSeparator()
            self.actions_[name] = action
        # Printing and exporting: the Documents menu, its single prints on the toolbar too.
        self.printing = Printing(self)
        self.documents_menu = self.menuBar().addMenu("")
        for name, action in self.printing.actions.items():
            self.documents_menu.addAction(action)
            if name in ("poster", "form"):
                self.toolbar.insertAction(self.actions_["export"], action)
        self.toolbar.insertSeparator(self.actions_["export"])
        # Held changes: in the Sync menu, after Conflicts (a decision for a few people).
        held = self.actions_["held"] = QAction(self)
        held.triggered.connect(self.show_held)
        menu = self.sync_menu.actions()
        self.sync_menu.insertAction(menu[menu.index(self.actions_["export"]) - 1], held)
        # Deleting is in the Form menu only, apart: not a click away on the toolbar.
        self.form_menu.addSeparator()
        delete = self.actions_["delete"] = QAction(self)
        delete.triggered.connect(self.delete_form)
        self.form_menu.addAction(delete)
        self.help_menu = self.menuBar().addMenu("")
        self.help_menu.addAction(self.actions_["about"])
        # A new year or area empties the table's selection without selectionChanged.
        self.navigator.model.modelReset.connect(self.update_actions)
        self.status = StatusBar(self)
        self.setStatusBar(self.status)
        self.who = self.status.who
        self.sync_state = self.status.sync_state
        # Bound methods, not lambdas: the context outlives this window, and Qt drops a
        # bound method's connection when the window is deleted (a lambda's it keeps).
        context.operations.changed.connect(self._data_changed)
        context.operations.busy.connect(self._busy)
        context.language_changed.connect(self._language_changed)
        self.retranslate()

    # ------------------------------------------------------------------ texts

    def retranslate(self) -> None:
        """Every text of the window in the interface language."""
        self.setWindowTitle(self.tr("ISAF Desk"))
        self.tabs.setTabText(0, self.tr("Units"))
        names = {"sync": self.tr("Sync"), "conflicts": self.tr("Conflicts"),
                 **self.action_names(), "history": self.tr("History"),
                 "export": self.tr("Export USB bundle…"),
                 "import": self.tr("Import USB bundle…"), "settings": self.tr("Settings"),
                 "about": self.tr("About"), "sign_out": self.tr("Sign out"),
                 "delete": self.tr("Delete this form…"), "held": self.tr("Held changes…")}
        for name, text in names.items():
            self.actions_[name].setText(text)
        self.file_menu.setTitle(self.tr("File"))
        self.sync_menu.setTitle(self.tr("Sync"))
        self.form_menu.setTitle(self.tr("Form"))
        self.help_menu.setTitle(self.tr("Help"))
        self.documents_menu.setTitle(self.printing.menu_title())
        self.printing.retranslate()
        self.update_status()
        self.update_actions()

    def action_names(self) -> dict[str, str]:
        """The workflow actions' names."""
        return {"submit": self.tr("Submit"), "return": self.tr("Return with a comment…"),
                "approve": self.tr("Approve"), "unlock": self.tr("Unlock with a reason…")}

    def update_status(self) -> None:
        """Who is signed in, online or not, the last sync, unsent changes, conflicts.

        Everything is read again each time, the session's `online` included: a sync after
        an offline sign-in that reached the server makes it true, and the bar must say so.
        """
        session = self.context.session
        if session is None:
            self.status.set_texts("", "")
            return
        language = self.shown_language()
        role = ROLES.get(session.role, ("", session.role, session.role))
        role_name = role[1] if language == "km" else role[2]
        mode = self.tr("online") if session.online else self.tr("offline")
        store = session.store
        try:
            last = store.get_state("last_sync")
            unsent, conflicts = store.unsent_count(), len(store.open_conflicts())
        except StoreError as error:
            # The data file went away: the bar says so instead of figures it cannot read.
            self.status.set_texts(f"{session.profile.username} · {role_name} · {mode}",
                                  plain_store_error(error, session.role))
            return
        when = time_text(datetime.fromisoformat(last), language) if last else self.tr("never")
        self.status.set_texts(
            f"{session.profile.username} · {role_name} · {mode}",
            self.tr("Last sync: {0} · Unsent: {1} · Conflicts: {2}").format(
                when, in_digits(unsent, language), in_digits(conflicts, language)))

    def shown_language(self) -> str:
        """The language the window's words are in now: its figures are written in the
        same language's digits (the settings say the same once the application runs)."""
        app = QApplication.instance()
        return current_language(app) if app is not None else self.context.settings.language

    def tell(self, text: str, milliseconds: int = 15_000) -> None:
        """Say what just happened in the status bar, for a while."""
        self.statusBar().showMessage(text, milliseconds)

    def _data_changed(self, _kinds: object) -> None:
        self.update_status()
        self.update_actions()

    def _language_changed(self, _language: str) -> None:
        self.retranslate()

    def _busy(self, busy: bool) -> None:
        for name in ("sync", "export", "import", "sign_out"):
            self.actions_[name].setEnabled(not busy)
        if not busy:
            # Any work may have reached the server (or lost it): online or not is read anew.
            self.update_status()

    # ------------------------------------------------------------------ forms

    def open_unit(self, row: UnitRow) -> None:
        """Open the unit's form of the navigator's year, making it when there is none."""
        session = self.context.session
        if session is None:
            return
        if row.form_id is not None:
            self.open_form(row.form_id, row)
            return
        if not may(session.role, "create"):
            QMessageBox.information(self, self.tr("No form yet"), wrappable(self.tr(
                "This unit has no form for {0} yet. Its form is made by the unit, its "
                "commune focal point or the district officer; it shows here after your next "
                "sync.").format(in_digits(self.navigator.model.year,
                                          self.shown_language()))))
            return
        store, year = session.store, self.navigator.model.year

        def create(_work: Work) -> str:
            return store.create_form(unit_id=row.unit_id, year=year, form_code=row.kind)

        self.context.operations.run(
            create, changes={"forms", "outbox"},
            on_done=while_alive(self, lambda form_id: self.open_form(form_id, row)),
            on_error=while_alive(self, self._error))

    def open_form(self, form_id: str, row: UnitRow | None = None) -> QWidget:
        """Show a form in its own tab (or bring its tab forward)."""
        for index in range(1, self.tabs.count()):
            if getattr(self.tabs.widget(index), "form_id", None) == form_id:
                self.tabs.setCurrentIndex(index)
                return self.tabs.widget(index)
        from client.ui.form_editor import FormEditor

        editor = FormEditor(self.context, form_id)
        title = row.code if row else form_id[:8]
        index = self.tabs.addTab(editor, title)
        self.tabs.setCurrentIndex(index)
        return editor

    def _close_tab(self, index: int) -> None:
        widget = self.tabs.widget(index)
        if index == 0 or widget is None:
            return
        # Unsaved edits are kept as a draft by the editor: closing loses nothing.
        self.tabs.removeTab(index)
        widget.deleteLater()

    def current_form_id(self) -> str | None:
        """The form of the current tab, or of the unit selected in the navigator."""
        widget = self.tabs.currentWidget()
        if getattr(widget, "form_id", None):
            return str(widget.form_id)  # type: ignore[union-attr]
        row = self.navigator.selected()
        return row.form_id if row else None

    # ------------------------------------------------------------------ actions

    def sync(self) -> SyncDialog:
        """Sync now, with progress and a cancel button."""
        dialog = SyncDialog(self.context, self)
        dialog.finished.connect(self._sync_closed)
        dialog.show()
        dialog.start()
        return dialog

    def _sync_closed(self, _result: int) -> None:
        self.update_status()

    def show_conflicts(self) -> ConflictsDialog:
        """The open conflicts, to resolve."""
        dialog = ConflictsDialog(self.context, self)
        dialog.show()
        return dialog

    # ------------------------------------------------------------------ workflow

    def update_actions(self) -> None:
        """Enable each move of the current form only when this person may take it now;
        the tooltip says why not."""
        if not hasattr(self, "printing"):
            return  # still being built
        form = self._current_form()
        for name in WORKFLOW_ACTIONS:
            enabled, why = self.action_state(name, form=form)
            action = self.actions_[name]
            action.setEnabled(enabled)
            action.setToolTip(why)
            action.setStatusTip(why)
        enabled, why = self.delete_state(form)
        delete = self.actions_["delete"]
        delete.setEnabled(enabled)
        delete.setToolTip(why)
        delete.setStatusTip(why)
        history = self.actions_["history"]
        history.setEnabled(form is not None)
        history.setToolTip(self.tr("Who changed which figure, and every status change, with "
                                   "comments") if form is not None else
                           self.tr("Choose a unit with a form first."))
        self.printing.update_actions()

    def _current_form(self) -> LocalForm | None:
        session = self.context.session
        form_id = self.current_form_id()
        form = session.store.form(form_id) if session is not None and form_id else None
        return None if form is None or form.deleted else form

    def action_state(self, action: str, *, form: LocalForm | None = None) -> tuple[bool, str]:
        """Whether `action` may be taken on the current form now, and the tooltip: what it
        does, or why it is not offered. `form`: the current form when already read."""
        session = self.context.session
        if session is None:
            return False, ""
        if self._transition is not None:
            return False, self.tr("Waiting for the server's answer…")
        if form is None:
            form = self._current_form()
        if form is None:
            return False, self.tr("Choose a unit with a form first.")
        if not may(session.role, action,
                   delegated_approval=bool(session.user.get("delegated_approval"))):
            return False, self.not_allowed_text(action, session.role)
        if form.status not in TRANSITIONS[action].sources:
            status = status_text(form.status)
            return False, {
                "submit": self.tr("Only a draft or returned form can be submitted; this one "
                                  "is {0}."),
                "return": self.tr("Only a submitted form can be returned; this one is {0}."),
                "approve": self.tr("Only a submitted form can be approved; this one is {0}."),
                "unlock": self.tr("Only an approved or published form can be unlocked; this "
                                  "one is {0}."),
            }[action].format(status)
        if action == "submit" and session.role != "dmk_officer":
            return True, self.tr("Send this form to the district office for review. Needs a "
                                 "connection to the server.")
        return True, {
            "submit": self.tr("Mark this form as submitted, ready for approval (by you or "
                              "a provincial officer with delegated approval). Needs a "
                              "connection to the server."),
            "return": self.tr("Send this form back to the unit with a comment saying what to "
                              "correct. Needs a connection to the server."),
            "approve": self.tr("Approve this form: its figures are locked. Needs a connection "
                               "to the server."),
            "unlock": self.tr("Unlock this form with a reason, so it can be corrected. Needs "
                              "a connection to the server."),
        }[action]

    def not_allowed_text(self, action: str, role: str) -> str:
        """Why `role` may not take `action` at all, naming who does, as the person with
        that role would need to hear it."""
        if action == "submit":
            return self.tr("Your role may not submit forms: the unit, its commune focal point "
                           "or the district officer submits them.")
        if action == "unlock":
            if role in ("dmk_officer", "provincial_officer"):
                return self.tr("Only national staff (a national administrator) unlock an "
                               "approved form. Ask the national office, saying what must be "
                               "corrected.")
            return self.tr("Only national staff (a national administrator) unlock an approved "
                           "form. Ask your district office to request it from the national "
                           "office, saying what must be corrected.")
        if role == "provincial_officer":
            return {
                "return": self.tr("Your account has no delegated approval: the district "
                                  "officer returns forms. The national office can delegate "
                                  "approval to you."),
                "approve": self.tr("Your account has no delegated approval: the district "
                                   "officer approves forms. The national office can delegate "
                                   "approval to you."),
            }[action]
        if role == "national_admin":
            return {
                "return": self.tr("The district officer (or a provincial officer with "
                                  "delegated approval) returns forms; national staff unlock "
                                  "approved ones."),
                "approve": self.tr("The district officer (or a provincial officer with "
                                   "delegated approval) approves forms; national staff "
                                   "publish approved ones."),
            }[action]
        return {
            "return": self.tr("Only the district officer (or a provincial officer with "
                              "delegated approval) returns forms."),
            "approve": self.tr("Only the district officer (or a provincial officer with "
                               "delegated approval) approves forms."),
        }[action]

    def delete_state(self, form: LocalForm | None) -> tuple[bool, str]:
        """Whether the current form may be deleted now, and the tooltip: what deleting
        does, or why it is not offered (the server applies the same rules)."""
        session = self.context.session
        if session is None:
            return False, ""
        if form is None:
            return False, self.tr("Choose a unit with a form first.")
        if not may(session.role, "create",
                   delegated_approval=bool(session.user.get("delegated_approval"))):
            return False, self.tr("Your role may not delete forms: deleting undoes the "
                                  "making of a form, which the unit, its commune focal point "
                                  "or the district officer does.")
        if form.status not in DELETABLE_STATUSES:
            return False, self.tr("Only a draft or returned form can be deleted; this one "
                                  "is {0}.").format(status_text(form.status))
        return True, self.tr("Delete this form and its figures, for instance one made for "
                             "the wrong unit or year. A form the server has is deleted there "
                             "at the next sync.")

    def delete_form(self) -> bool:
        """Delete the current form after a confirmation; False when nothing was done."""
        session = self.context.session
        title = self.tr("Delete this form")
        form = self._current_form()
        enabled, why = self.delete_state(form)
        if session is None or form is None or not enabled:
            if why:
                QMessageBox.information(self, title, why)
            return False
        form_id, store = form.id, session.store
        server_has_it = form.server_revision is not None
        editor = self.editor_of(form_id)
        unsaved = editor is not None and editor.has_unsaved_changes()
        question = self.tr("Delete the form of {0}, with all its figures?").format(
            self._form_title(form_id))
        if unsaved:
            question += "\n\n" + self.tr("Changes not saved yet go with it.")
        if server_has_it:
            question += "\n\n" + self.tr(
                "The server has this form: it is deleted there at the next sync. If someone "
                "changed it there meanwhile, the server keeps it and this computer shows it "
                "again: nothing is lost.")
        answer = QMessageBox.question(
            self, title, wrappable(question),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return False
        def run(_work: Work) -> None:
            store.delete_form(form_id)
            entry.write_draft(store, form_id, None)  # a kept draft goes with its form

        def done(_result: object) -> None:
            # Only now: had the delete failed, the editor and what it holds would stay.
            open_editor = self.editor_of(form_id)
            if open_editor is not None:
                self.tabs.removeTab(self.tabs.indexOf(open_editor))
                open_editor.deleteLater()
            self.last_outcome = self.tr("The form was deleted.") if not server_has_it \
                else self.tr("The form was deleted here; the server deletes it at "
                                     "the next sync.")
            self.tell(self.last_outcome)
            self.form_deleted.emit(form_id, True, self.last_outcome)

        def failed(error: Exception) -> None:
            self.last_outcome = self.delete_refusal_text(error)
            QMessageBox.warning(self, title, wrappable(self.last_outcome))
            self.form_deleted.emit(form_id, False, self.last_outcome)

        self.context.operations.run(run, changes={"forms", "values", "outbox"},
                                    on_done=while_alive(self, done),
                                    on_error=while_alive(self, failed))
        return True

    def delete_refusal_text(self, error: Exception) -> str:
        """Why a form was not deleted, and what to do."""
        if isinstance(error, StoreError) and not getattr(error, "reason", ""):
            if "sync, then delete" in str(error):
                # Its changes are on their way, or the server's copy has not come back yet.
                return self.tr("The form was not deleted: the server has not answered for "
                               "its latest changes yet. Sync, then delete it again.")
            return self.tr("The form was not deleted: it can no longer be deleted here (its "
                           "status changed, or it is gone). Sync to see it as it is now.")
        if isinstance(error, StoreError):
            return self.tr("The form was not deleted: {0}").format(
                plain_store_error(error, self._role()))
        return self.tr("The form was not deleted: {0}").format(plain_error(error, self._role()))

    def allowed_now(self) -> list[str]:
        """The moves of the current form this person may take now."""
        return [name for name in WORKFLOW_ACTIONS if self.action_state(name)[0]]

    def move_along(self) -> None:
        """Choose among the moves this person may take on the current form (the toolbar
        has each of them too)."""
        actions = self.allowed_now()
        title = self.tr("Move the form along")
        if not actions:
            why = {self.action_state(name)[1] for name in WORKFLOW_ACTIONS}
            QMessageBox.information(self, title, "\n".join(sorted(t for t in why if t)))
            return
        names = self.action_names()
        if len(actions) == 1:
            self.take_action(actions[0])
            return
        choice, ok = QInputDialog.getItem(self, title,
                                          self.tr("What should happen to this form?"),
                                          [names[a] for a in actions], 0, False)
        if ok:
            self.take_action(actions[[names[a] for a in actions].index(choice)])

    def take_action(self, action: str, comment: str | None = None) -> bool:
        """Submit, return, approve or unlock the current form: checks, asks for the
        comment or reason when one is needed, then runs it. False when nothing was sent."""
        title = self.action_names()[action].rstrip("…")
        enabled, why = self.action_state(action)
        if not enabled:
            if why:
                QMessageBox.information(self, title, why)
            return False
        form_id = self.current_form_id()
        assert form_id is not None
        editor = self.editor_of(form_id)
        if editor is not None and action in ("submit", "approve") \
                and editor.has_unsaved_changes():
            QMessageBox.information(self, title, self.tr(
                "This form has changes that are not saved. Save them first (Ctrl+S), or "
                "discard them: the server decides on the saved figures."))
            return False
        if TRANSITIONS[action].needs_comment and not (comment and comment.strip()):
            comment = self.ask_comment(action)
            if comment is None:
                return False
        self.run_transition(form_id, action, comment)
        return True

    def ask_comment(self, action: str) -> str | None:
        """The comment of a return or the reason of an unlock; None when cancelled."""
        dialog = CommentDialog(action, self)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            return dialog.comment() or None
        finally:
            dialog.deleteLater()

    def run_transition(self, form_id: str, action: str, comment: str | None) -> None:
        """Ask the server to move a form along, then sync (changes and the new status).

        Values go up first, so the server decides on what this computer has; after a
        refusal a sync still runs, so the screen shows the server's current status."""
        session = self.context.session
        if session is None:
            return
        engine, transport = session.engine, session.transport
        target = TRANSITIONS[action].target
        self._transition = action
        self.update_actions()
        self.tell(self.tr("Asking the server…"), 0)

        def run(work: Work) -> Any:
            transport.check()  # offline: said at once, not after a sync's retries
            engine.sync(cancelled=work.cancelled)  # the server must have every value first
            try:
                transport.post(f"/api/v1/forms/{form_id}/{action}", json={"comment": comment})
            except ServerRefusal as refusal:
                details = refusal.body.get("details") or {}
                if refusal.status == 409 and details.get("status") == target \
                        and not TRANSITIONS[action].needs_comment:
                    # A retry after a lost answer: the first attempt went through. (With a
                    # comment it may have been someone else's move: that is told instead.)
                    return engine.sync(cancelled=work.cancelled)
                try:
                    engine.sync(cancelled=work.cancelled)
                except Exception:  # the refusal is what the person must hear
                    log.warning("sync after a refused %s failed", action, exc_info=True)
                raise
            return engine.sync(cancelled=work.cancelled)

        def done(_report: Any) -> None:
            self._finish_transition(action, True, self.done_text(action))

        def failed(error: Exception) -> None:
            text = self.refusal_text(action, form_id, error)
            self._finish_transition(action, False, text)
            QMessageBox.warning(self, self.action_names()[action].rstrip("…"), wrappable(text))

        self.context.operations.run(
            run, changes={"forms", "values", "outbox", "conflicts"},
            on_done=while_alive(self, done), on_error=while_alive(self, failed))

    def _finish_transition(self, action: str, ok: bool, text: str) -> None:
        self._transition = None
        self.last_outcome = text
        self.tell(text)
        self.update_actions()
        self.transition_finished.emit(action, ok, text)

    def _role(self) -> str | None:
        session = self.context.session
        return session.role if session is not None else None

    def done_text(self, action: str) -> str:
        """What a move that went through did, in words (and what comes next, for the
        person who did it)."""
        if action == "submit" and self._role() == "dmk_officer":
            return self.tr("Submitted. You (or a provincial officer with delegated approval) "
                           "can now approve it, or return it with a comment.")
        return {
            "submit": self.tr("Submitted. The district office can now review the form."),
            "return": self.tr("Returned with your comment. The unit sees it at its next "
                              "sync."),
            "approve": self.tr("Approved. The form's figures are now locked: only national "
                               "staff can unlock them."),
            "unlock": self.tr("Unlocked. The form can be corrected and submitted again."),
        }.get(action, self.tr("Done."))

    def refusal_text(self, action: str, form_id: str, error: Exception) -> str:
        """Why a move did not happen, in words a person can act on."""
        if isinstance(error, TransportError):
            return self.tr("Moving a form along needs a connection to the server, and the "
                           "server could not be reached. Nothing changed and nothing is "
                           "lost: the form and its figures stay on this computer. Try again "
                           "when connected.")
        role = self._role()
        if not isinstance(error, ServerRefusal):
            return plain_error(error, role)
        details = error.body.get("details") or {}
        language = self.shown_language()
        if error.status == 401:
            return plain_error(error, role)
        if error.status == 409 and details.get("open_conflicts"):
            count = in_digits(int(details["open_conflicts"]), language)
            if may(role or "", "resolve_conflict"):
                return self.tr("The form cannot be approved: {0} figure(s) have open "
                               "conflicts (two people changed the same figure). Resolve them "
                               "first (Conflicts in the toolbar), then approve.").format(count)
            return self.tr("The form cannot be approved: {0} figure(s) have open conflicts "
                           "(two people changed the same figure). The district officer "
                           "resolves them; approve once they are resolved.").format(count)
        if error.status == 409 and details.get("held_deletes"):
            return self.tr("The form cannot be approved: someone asked to delete it while it "
                           "was being changed, and that delete is held for a decision. In "
                           "Sync ▸ Held changes…, dismiss the delete with a reason to keep "
                           "the form, then approve; or return the form and apply the delete "
                           "again.")
        if error.status == 409 and details.get("status"):
            return self.tr("This cannot be done: on the server the form is {0} now. This "
                           "computer shows its current status.").format(
                status_text(str(details["status"])))
        if error.status == 422 and details.get("problems"):
            lines = [self._problem_text(form_id, p) for p in details["problems"]]
            shown = lines[:_PROBLEMS_SHOWN]
            if len(lines) > len(shown):
                shown.append(self.tr("and {0} more").format(
                    in_digits(len(lines) - len(shown), language)))
            head = (self.tr("Every warning needs a confirmation with a reason first:")
                    if all(p.get("severity") == "warning" for p in details["problems"])
                    else self.tr("The form has figures to correct or fill in first:"))
            return "\n".join([head, *("• " + line for line in shown)])
        if error.status in (403, 404):
            return self.tr("The server refused: this form is not in your area, or your "
                           "account may not do this. Sync, and ask {0} if it "
                           "persists.").format(help_desk(role))
        log.warning("the server refused to %s %s: %s %s", action, form_id, error.status, error)
        return self.tr("The server refused this move, and nothing changed. Sync to see the "
                       "form as the server has it; if it persists, ask {0}.").format(
            help_desk(role))

    def _problem_text(self, form_id: str, problem: dict[str, Any]) -> str:
        language = self.context.settings.language
        message = str(problem.get(f"message_{language}") or problem.get("message_en")
                      or problem.get("code", ""))
        session = self.context.session
        form = session.store.form(form_id) if session else None
        definition = (session.store.definition(form.form_code, form.definition_version)
                      if session and form else None)
        key = str(problem.get("field") or "")
        if definition is None or not definition.has_field(key):
            return message
        label = field_label(definition.field(key).indicator, key).get(language)
        return f"{label}: {message}"

    def editor_of(self, form_id: str) -> Any:
        """The open editor of a form, or None."""
        for index in range(1, self.tabs.count()):
            widget = self.tabs.widget(index)
            if getattr(widget, "form_id", None) == form_id:
                return widget
        return None

    def show_history(self) -> HistoryDialog | None:
        """The history of the current form: every change, author and status move."""
        session = self.context.session
        form_id = self.current_form_id()
        if session is None or form_id is None:
            QMessageBox.information(self, self.tr("History"),
                                    self.tr("Choose a unit with a form first."))
            return None
        dialog = HistoryDialog(self.context, form_id, self, title=self._form_title(form_id),
                               delete_on_close=True)
        dialog.show()
        return dialog

    def show_held(self) -> HeldDialog | None:
        """The changes the server kept aside, to apply again or dismiss (online)."""
        if self.context.session is None:
            return None
        dialog = HeldDialog(self.context, self)
        dialog.show()
        return dialog

    def _form_title(self, form_id: str) -> str:
        session = self.context.session
        if session is None:
            return ""
        header = entry.form_header(session.store, form_id)
        if header is None:
            return ""
        return f"{header.unit_code} {header.unit_name(self.context.settings.language)} · " \
               f"{in_digits(header.year, self.shown_language())}"

    def export_bundle(self) -> None:
        """Write a USB bundle of everything not yet acknowledged."""
        session = self.context.session
        if session is None:
            return
        suggested = str(Path.home() / bundles.default_name(session.store))
        path = save_file_name(self, self.tr("Export USB bundle"), suggested,
                              self.tr("ISAF Desk bundles (*{0})").format(SUFFIX))
        if path:
            self.export_bundle_to(Path(path if path.endswith(SUFFIX) else path + SUFFIX))

    def export_bundle_to(self, path: Path) -> None:
        """Export to a chosen file (the dialog's second half; tests call it directly)."""
        session = self.context.session
        if session is None:
            return
        store, engine = session.store, session.engine
        title = self.tr("Export USB bundle")

        def done(result: bundles.ExportResult) -> None:
            self._tell_bundle(title, self.exported_text(int(result.manifest["op_count"]),
                                                        result.path))

        self.context.operations.run(
            lambda _work: bundles.export_bundle(store, engine, path), changes={"outbox"},
            on_done=while_alive(self, done),
            on_error=while_alive(self, lambda error: self._tell_bundle(
                title, self.bundle_error_text(error, exporting=True), warning=True)))

    def exported_text(self, changes: int, path: Path) -> str:
        """What an export wrote, and where the bundle goes next for this person."""
        language = self.shown_language()
        said = self.tr("Wrote {0} change(s) to {1}.").format(in_digits(changes, language),
                                                             path) if changes else self.tr(
            "Wrote a bundle to {0}. It holds no change of yours (everything was sent "
            "already); it still brings back the server's news.").format(path)
        return f"{said} {self.bundle_next_step()}"

    def bundle_next_step(self) -> str:
        """Where the signed-in person takes a bundle of theirs: who may import it."""
        role = self._role()
        if role == "dmk_officer":
            return self.tr("Import it on another computer that is online, signed in as "
                           "yourself (Import USB bundle…), or give it to your provincial "
                           "office. Then import the return bundle it gives back here.")
        if role == "provincial_officer":
            return self.tr("Import it on another computer that is online, signed in as "
                           "yourself (Import USB bundle…), or give it to the national "
                           "office. Then import the return bundle it gives back here.")
        if role == "national_admin":
            return self.tr("Import it on another computer that is online, signed in as "
                           "yourself (Import USB bundle…), or on the server with the command "
                           "isaf sync import-bundle. Then import the return bundle here.")
        return self.tr("Take the USB stick to your district office: a district officer "
                       "imports the bundle there and gives you back a return bundle. Import "
                       "that one here (Import USB bundle…).")

    def import_bundle(self) -> None:
        """Take in a return bundle, or carry another computer's bundle to the server."""
        path = open_file_name(self, self.tr("Import USB bundle"), str(Path.home()),
                              self.tr("ISAF Desk bundles (*{0})").format(SUFFIX))
        if path:
            self.import_bundle_from(Path(path))

    def import_bundle_from(self, path: Path) -> None:
        """Import a chosen file (the dialog's second half; tests call it directly)."""
        session = self.context.session
        if session is None:
            return
        store, engine, transport = session.store, session.engine, session.transport
        title = self.tr("Import USB bundle")

        def run(_work: Work) -> bundles.ReturnResult | tuple[dict[str, Any], Path]:
            data = path.read_bytes()
            bundle = read_bundle(data)
            if bundle.kind == "return":
                return bundles.import_return(store, engine, data)
            if bundle.manifest.get("device_id") == store.device_id:
                raise BundleError("this is this computer's own bundle", code="own_bundle")
            report, returned = bundles.deliver(transport, data)
            target = path.with_name(f"{path.stem}-return{SUFFIX}")
            save(target, returned)
            return report, target

        def done(outcome: bundles.ReturnResult | tuple[dict[str, Any], Path]) -> None:
            text = (self.returned_text(outcome) if isinstance(outcome, bundles.ReturnResult)
                    else self.carried_text(*outcome))
            self._tell_bundle(title, text)

        self.context.operations.run(
            run, changes={"forms", "values", "outbox", "conflicts"},
            on_done=while_alive(self, done),
            on_error=while_alive(self, lambda error: self._tell_bundle(
                title, self.bundle_error_text(error, exporting=False), warning=True)))

    def _tell_bundle(self, title: str, text: str, *, warning: bool = False) -> None:
        self.last_outcome = text
        self.tell(text, 30_000)
        (QMessageBox.warning if warning else QMessageBox.information)(
            self, title, wrappable(text))

    def _results_text(self, results: dict[str, int]) -> list[str]:
        """What became of the changes a bundle carried, beyond "applied"."""
        language = self.shown_language()
        lines = []
        conflicts = results.get("conflict", 0)
        if conflicts:
            lines.append(self.tr("{0} met another person's change of the same figure: see "
                                 "Conflicts.").format(in_digits(conflicts, language)))
        held = sum(results.get(name, 0) for name in ("rejected_locked", "rejected_scope",
                                                     "needs_mapping", "rejected"))
        if held:
            lines.append(self.tr("{0} were held by the server, nothing lost: see Sync ▸ Held "
                                 "changes… when connected.").format(in_digits(held, language)))
        return lines

    def returned_text(self, outcome: bundles.ReturnResult) -> str:
        """What taking in a return bundle did, and what follows."""
        language = self.shown_language()
        if outcome.already_imported:
            return self.tr("This return bundle was already taken in: nothing changed, and "
                           "there is nothing more to do with it.")
        lines = [self.tr("Took in the server's answer: {0} of your change(s) are settled.")
                 .format(in_digits(outcome.receipts, language))]
        lines += self._results_text(outcome.results)
        if outcome.pages_applied:
            lines.append(self.tr("{0} change(s) came from the server.").format(
                in_digits(outcome.changes, language)))
        else:
            lines.append(self.tr("This computer synced with the server after the bundle was "
                                 "made: only the answers were taken in, its newer data is "
                                 "kept."))
        if outcome.checksum_ok is False:
            lines.append(self.tr("This computer still differs from the server: your next "
                                 "bundle or sync brings the rest."))
        return " ".join(lines)

    def carried_text(self, report: dict[str, Any], target: Path) -> str:
        """What carrying another computer's bundle to the server did, and what to do with
        the return bundle."""
        language = self.shown_language()
        user = str(report.get("user") or "")
        results: dict[str, int] = dict(report.get("results") or {})
        if report.get("already_imported"):
            lines = [self.tr("This bundle of {0} was already imported: nothing was applied "
                             "twice.").format(user)]
        else:
            lines = [self.tr("Carried the bundle of {0} to the server: {1} change(s) "
                             "applied.").format(user, in_digits(results.get("applied", 0),
                                                                language))]
            lines += self._results_text(results)
        notes = [str(note) for note in report.get("notes") or []]
        if any(note.startswith("bundle(s)") for note in notes):
            lines.append(self.tr("Some earlier bundles of that computer never arrived; this "
                                 "one carries what they held, so nothing is missing."))
        if any(note.startswith("operations") for note in notes):
            lines.append(self.tr("Some changes of that computer have never reached the "
                                 "server: its next bundle carries them, if it still holds "
                                 "them."))
        for note in notes:
            log.info("bundle of %s: %s", user, note)
        lines.append(self.tr("Give back the return bundle {0} on the USB stick: {1} imports "
                             "it on their computer (Import USB bundle…).").format(target, user))
        return " ".join(lines)

    def bundle_error_text(self, error: Exception, *, exporting: bool) -> str:
        """Why a bundle was not written or taken in, and what to do: never the error's own
        (English) text."""
        role = self._role()
        if isinstance(error, BundleError):
            code = error.code
            if code == "no_key":
                if exporting:
                    return self.tr("This computer cannot make USB bundles yet: sign in online "
                                   "once (with a connection to the server), then export again. "
                                   "Nothing is lost: your changes stay on this computer.")
                return self.tr("This computer cannot check a return bundle yet: sign in "
                               "online once (with a connection to the server), then import "
                               "it again. Nothing was changed.")
            if code == "own_bundle":
                return self.tr("This is this computer's own bundle: it is imported on "
                               "another computer, not here. Nothing was changed.") + " " + \
                    self.bundle_next_step()
            if code == "other_computer":
                return self.tr("This return bundle is for another computer: take it back to "
                               "the computer whose bundle it answers. Nothing was changed.")
            if code == "bundle_tampered":
                return self.tr("This bundle was changed after it was written, so it is "
                               "refused whole and nothing was changed. Ask for a new bundle "
                               "from the computer that made it.")
            if error.manifest is not None:
                return self.tr("This bundle was made by another version of ISAF Desk, which "
                               "this one cannot read. Nothing was changed: put the same "
                               "version on both computers, then export and import again.")
            return self.tr("This file is not an ISAF Desk bundle, or it is damaged (was "
                           "copying to the USB stick finished?). Nothing was changed: copy "
                           "the bundle again and import the new copy.")
        if isinstance(error, ProtocolError) and error.code == "unsupported_protocol":
            return self.tr("This bundle comes from a version of ISAF Desk this one cannot "
                           "read. Nothing was changed: put the same version on both "
                           "computers, then try again.")
        if isinstance(error, TransportError):
            return self.tr("Carrying a bundle to the server needs a connection, and the "
                           "server could not be reached. Nothing was changed: try again "
                           "when connected.")
        if isinstance(error, ServerRefusal) and error.status != 401:
            reason = (error.body.get("details") or {}).get("reason")
            log.warning("the server refused a bundle: %s %s %s", error.status, reason, error)
            if error.status == 403:
                return self.tr("Your account may not carry bundles to the server: a district, "
                               "provincial or national officer imports them. Nothing was "
                               "applied.")
            if error.status == 413:
                return self.tr("This file is too large to be a bundle. Nothing was applied: "
                               "check that it is the bundle you meant.")
            if reason == "unknown_device":
                return self.tr("The server does not know the computer that made this bundle "
                               "for you: it never signed in online, or it works outside your "
                               "area. Nothing was applied.")
            if reason == "bundle_tampered":
                return self.tr("This bundle was changed after it was written, so the server "
                               "refused it whole and nothing was applied. Ask for a new "
                               "bundle from the computer that made it.")
            if reason == "bundle_forbidden":
                return self.tr("The person who made this bundle is no longer that computer's "
                               "active user, so nothing was applied. Ask {0}.").format(
                    help_desk(role))
            return self.tr("The server refused this bundle, and nothing was applied. Ask {0}; "
                           "the refusal is kept on the server for an administrator.").format(
                help_desk(role))
        if isinstance(error, OSError):
            return plain_file_error(error)
        return self.error_text(error)

    def show_settings(self) -> None:
        """The settings screen."""
        from client.ui.settings_dialog import SettingsDialog

        SettingsDialog(self.context, self).exec()

    def show_about(self) -> None:
        """Versions, and where the data and the logs are."""
        from client.ui.about_dialog import AboutDialog

        AboutDialog(self.context, self).exec()

    def sign_out(self) -> None:
        """End this person's session; the sign-in screen comes back."""
        self.context.end_session()
        self.close()

    def error_text(self, error: Exception) -> str:
        """What went wrong in work this window ran, in plain words with what to do."""
        role = self._role()
        if isinstance(error, (TransportError, ServerRefusal)):
            return plain_error(error, role)
        if isinstance(error, StoreError):
            return plain_store_error(error, role)
        if isinstance(error, OSError):
            return plain_file_error(error)
        log.error("work of the main window failed: %r", error)
        return self.tr("Something went wrong, and it was not finished. Nothing you typed is "
                       "lost. Try again; if it happens again, tell {0} and send them the log "
                       "file (Help ▸ About shows where it is).").format(help_desk(role))

    def _error(self, error: Exception) -> None:
        QMessageBox.warning(self, self.tr("ISAF Desk"), wrappable(self.error_text(error)))

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        """Let running work finish before the window goes (nothing is cut halfway)."""
        self.context.operations.wait()
        event.accept()
