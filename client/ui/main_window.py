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

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from client import actions
from client.context import AppContext
from client.i18n import current_language
from client.operations import Work
from client.qt import (
    QAction,
    QApplication,
    QCloseEvent,
    QDialog,
    QKeySequence,
    QMainWindow,
    QTabWidget,
    QToolBar,
    QWidget,
    Signal,
)
from client.store import entry
from client.store.errors import StoreError
from client.store.models import LocalForm
from client.store.overview import UnitRow
from client.sync import bundles
from client.sync.engine import SyncReport
from client.ui import bundle_texts, work_texts
from client.ui.comment_dialog import CommentDialog
from client.ui.conflicts_dialog import ConflictsDialog
from client.ui.form_tabs import FormTabs
from client.ui.guide_dialog import open_guide
from client.ui.held_dialog import HeldDialog
from client.ui.history_dialog import HistoryDialog
from client.ui.navigator import Navigator
from client.ui.password_dialog import open_password_change
from client.ui.post_on import in_digits, time_text
from client.ui.printing import Printing
from client.ui.publish_dialog import PublishActions
from client.ui.restore_dialog import sign_out_to_restore
from client.ui.status_bar import StatusBar
from client.ui.sync_dialog import (
    SyncDialog,
    plain_store_error,
    while_alive,
)
from common.forms.validation import field_label
from common.roles import ROLES, may
from common.sync.bundle import SUFFIX, BundleError, read_bundle, save
from common.workflow import TRANSITIONS

if TYPE_CHECKING:
    from client.ui.form_editor import FormEditor

#: The moves of a form on the toolbar, in order (publishing: client/ui/publish_dialog.py).
WORKFLOW_ACTIONS = ("submit", "return", "approve", "unlock")


class MainWindow(QMainWindow):
    """The window a signed-in person works in."""

    #: A move of a form ended: the action, whether the server took it, and what was said.
    transition_finished = Signal(str, bool, str)
    #: A delete ended: the form, whether it was deleted here, and what was said.
    form_deleted = Signal(str, bool, str)
    #: Whose copies the sign-in screen opens after a sign-out to restore a backup.
    restore_for: str | None = None

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
        #: The tabs of open forms.
        self.forms = FormTabs(context, self.tabs, self)
        self.tabs.tabCloseRequested.connect(self.forms.close)
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
        self._add_actions()
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

    def _add_actions(self) -> None:
        """The toolbar and the menus, with every action of the window."""
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
        self.printing = Printing(self, self.context, self.navigator, self.tab_form_id)
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
        # Changing one's password: in the File menu only, before Settings (online only).
        password = self.actions_["password"] = QAction(self)
        password.triggered.connect(lambda: open_password_change(self.context, self))
        self.file_menu.insertAction(self.actions_["settings"], password)
        restore = self.actions_["restore"] = QAction(self)
        restore.triggered.connect(lambda: sign_out_to_restore(self.context, self))
        self.file_menu.insertAction(self.actions_["settings"], restore)
        self.help_menu = self.menuBar().addMenu("")
        # The user guide, first in Help and on F1, where a person looks for help.
        guide = self.actions_["guide"] = QAction(self)
        guide.setShortcut(QKeySequence("F1"))
        guide.triggered.connect(lambda: open_guide(self.context, self))
        self.help_menu.addAction(guide)
        self.help_menu.addAction(self.actions_["about"])
        self.publishing = PublishActions(self)  # the national office's, in the Form menu

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
                 "delete": self.tr("Delete this form…"), "held": self.tr("Held changes…"),
                 "guide": self.tr("User guide"), "password": self.tr("Change password…"),
                 "restore": self.tr("Restore a backup…")}
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
            self.context.interaction.inform(self, self.tr("No form yet"), self.tr(
                "This unit has no form for {0} yet. Its form is made by the unit, its "
                "commune focal point or the district officer; it shows here after your next "
                "sync.").format(in_digits(self.navigator.model.year,
                                          self.shown_language())))
            return
        store, year = session.store, self.navigator.model.year

        def create(_work: Work) -> str:
            return actions.create_form(store, unit_id=row.unit_id, year=year,
                                       form_code=row.kind)

        self.context.operations.run(
            create, changes={"forms", "outbox"},
            on_done=while_alive(self, lambda form_id: self.open_form(form_id, row)),
            on_error=while_alive(self, self._error))

    def open_form(self, form_id: str, row: UnitRow | None = None) -> None:
        """Show a form in its own tab (or bring its tab forward); `forms.opened` once its
        entry screen is shown (client/ui/form_tabs.py)."""
        self.forms.open(form_id, row.code if row else form_id[:8])

    def tab_form_id(self) -> str | None:
        """The form of the current tab, if the tab shows one."""
        return self.forms.tab_form_id()

    def current_form_id(self) -> str | None:
        """The form of the current tab, or of the unit selected in the navigator."""
        form_id = self.tab_form_id()
        if form_id:
            return form_id
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
        waiting = self._transition is not None
        if form is None and not waiting:
            form = self._current_form()
        return work_texts.move_state(
            action, role=session.role, form=form, waiting=waiting,
            delegated_approval=bool(session.user.get("delegated_approval")))

    def delete_state(self, form: LocalForm | None) -> tuple[bool, str]:
        """Whether the current form may be deleted now, and the tooltip: what deleting
        does, or why it is not offered (the server applies the same rules)."""
        session = self.context.session
        if session is None:
            return False, ""
        return work_texts.delete_state(
            form, role=session.role,
            delegated_approval=bool(session.user.get("delegated_approval")))

    def delete_form(self) -> bool:
        """Delete the current form after a confirmation; False when nothing was done."""
        session = self.context.session
        title = self.tr("Delete this form")
        form = self._current_form()
        enabled, why = self.delete_state(form)
        if session is None or form is None or not enabled:
            if why:
                self.context.interaction.inform(self, title, why)
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
        if not self.context.interaction.confirm(self, title, question):
            return False
        def run(_work: Work) -> None:
            actions.delete_form(store, form_id)

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
            self.last_outcome = work_texts.delete_refusal_text(error, self._role())
            self.context.interaction.warn(self, title, self.last_outcome)
            self.form_deleted.emit(form_id, False, self.last_outcome)

        self.context.operations.run(run, changes={"forms", "values", "outbox"},
                                    on_done=while_alive(self, done),
                                    on_error=while_alive(self, failed))
        return True

    def take_action(self, action: str, comment: str | None = None) -> bool:
        """Submit, return, approve or unlock the current form: checks, asks for the
        comment or reason when one is needed, then runs it. False when nothing was sent."""
        title = self.action_names()[action].rstrip("…")
        enabled, why = self.action_state(action)
        if not enabled:
            if why:
                self.context.interaction.inform(self, title, why)
            return False
        form_id = self.current_form_id()
        assert form_id is not None
        editor = self.editor_of(form_id)
        if editor is not None and action in ("submit", "approve") \
                and editor.has_unsaved_changes():
            self.context.interaction.inform(self, title, self.tr(
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
        self._transition = action
        self.update_actions()
        self.tell(self.tr("Asking the server…"), 0)

        def run(work: Work) -> SyncReport:
            return actions.move_form(engine, transport, form_id=form_id, action=action,
                                     comment=comment, cancelled=work.cancelled)

        def done(_report: Any) -> None:
            self._finish_transition(action, True, work_texts.done_text(action, self._role()))

        def failed(error: Exception) -> None:
            text = self.refusal_text(action, form_id, error)
            self._finish_transition(action, False, text)
            self.context.interaction.warn(self, self.action_names()[action].rstrip("…"), text)

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

    def refusal_text(self, action: str, form_id: str, error: Exception) -> str:
        """Why a move did not happen, in words a person can act on."""
        return work_texts.refusal_text(
            action, form_id, error, role=self._role(), language=self.shown_language(),
            problem_text=lambda problem: self._problem_text(form_id, problem))

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

    def editor_of(self, form_id: str) -> FormEditor | None:
        """The open entry screen of a form, or None."""
        return self.forms.editor_of(form_id)

    def show_history(self) -> HistoryDialog | None:
        """The history of the current form: every change, author and status move."""
        session = self.context.session
        form_id = self.current_form_id()
        if session is None or form_id is None:
            self.context.interaction.inform(self, self.tr("History"),
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
        chosen = self.context.interaction.save_path(
            self, self.tr("Export USB bundle"), suggested,
            self.tr("ISAF Desk bundles (*{0})").format(SUFFIX))
        if chosen is not None:
            path = str(chosen)
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
        return bundle_texts.exported_text(changes, path, role=self._role(),
                                          language=self.shown_language())

    def bundle_next_step(self) -> str:
        """Where the signed-in person takes a bundle of theirs: who may import it."""
        return bundle_texts.bundle_next_step(self._role())

    def import_bundle(self) -> None:
        """Take in a return bundle, or carry another computer's bundle to the server."""
        path = self.context.interaction.open_path(
            self, self.tr("Import USB bundle"), str(Path.home()),
            self.tr("ISAF Desk bundles (*{0})").format(SUFFIX))
        if path is not None:
            self.import_bundle_from(path)

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
            language = self.shown_language()
            text = (bundle_texts.returned_text(outcome, language)
                    if isinstance(outcome, bundles.ReturnResult)
                    else bundle_texts.carried_text(*outcome, language))
            self._tell_bundle(title, text)

        self.context.operations.run(
            run, changes={"forms", "values", "outbox", "conflicts"},
            on_done=while_alive(self, done),
            on_error=while_alive(self, lambda error: self._tell_bundle(
                title, self.bundle_error_text(error, exporting=False), warning=True)))

    def _tell_bundle(self, title: str, text: str, *, warning: bool = False) -> None:
        self.last_outcome = text
        self.tell(text, 30_000)
        (self.context.interaction.warn if warning else self.context.interaction.inform)(
            self, title, text)

    def bundle_error_text(self, error: Exception, *, exporting: bool) -> str:
        """Why a bundle was not written or taken in, and what to do: never the error's own
        (English) text."""
        return bundle_texts.bundle_error_text(error, exporting=exporting, role=self._role())

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
        return work_texts.work_error_text(error, self._role())

    def _error(self, error: Exception) -> None:
        self.context.interaction.warn(self, self.tr("ISAF Desk"), self.error_text(error))

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        """Let running work finish before the window goes (nothing is cut halfway)."""
        self.context.operations.wait()
        event.accept()
