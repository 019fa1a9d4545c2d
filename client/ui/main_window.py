"""The main window: the navigator, forms open in tabs, and the actions of the day (sync,
conflicts, USB bundles, moving a form along, settings, about, sign out).

Every action is one call into the domain layer run by the operation runner; the window
listens for what changed and refreshes, it never holds a database session.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

from client.context import AppContext
from client.operations import Work
from client.qt import (
    QAction,
    QCloseEvent,
    QFileDialog,
    QInputDialog,
    QKeySequence,
    QLabel,
    QMainWindow,
    QMessageBox,
    QTabWidget,
    QToolBar,
    QWidget,
)
from client.store.overview import UnitRow
from client.store.repository import StoreError
from client.sync import bundles
from client.sync.transport import ServerRefusal, TransportError
from client.ui.conflicts_dialog import ConflictsDialog
from client.ui.navigator import Navigator, status_text
from client.ui.sync_dialog import SyncDialog, plain_error
from common.khmer import to_cambodia_time
from common.roles import ROLES, may
from common.sync.bundle import SUFFIX, BundleError, read_bundle, save
from common.workflow import allowed_actions


class MainWindow(QMainWindow):
    """The window a signed-in person works in."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.resize(1180, 760)
        self.tabs = QTabWidget()
        self.tabs.setTabsClosable(True)
        self.tabs.tabCloseRequested.connect(self._close_tab)
        self.navigator = Navigator(context)
        self.navigator.unit_opened.connect(self.open_unit)
        self.tabs.addTab(self.navigator, "")
        self.tabs.tabBar().setTabButton(0, self.tabs.tabBar().ButtonPosition.RightSide, None)
        self.setCentralWidget(self.tabs)
        self.toolbar = QToolBar()
        self.toolbar.setMovable(False)
        self.addToolBar(self.toolbar)
        self.actions_: dict[str, QAction] = {}
        for name, shortcut, handler in (
                ("sync", "Ctrl+R", self.sync), ("conflicts", None, self.show_conflicts),
                ("move", None, self.move_along), ("export", None, self.export_bundle),
                ("import", None, self.import_bundle), ("settings", None, self.show_settings),
                ("about", None, self.show_about), ("sign_out", None, self.sign_out)):
            action = QAction(self)
            if shortcut:
                action.setShortcut(QKeySequence(shortcut))
            action.triggered.connect(handler)
            self.toolbar.addAction(action)
            self.actions_[name] = action
        self.who = QLabel()
        self.sync_state = QLabel()
        self.statusBar().addWidget(self.who)
        self.statusBar().addPermanentWidget(self.sync_state)
        context.operations.changed.connect(lambda _kinds: self.update_status())
        context.operations.busy.connect(self._busy)
        context.language_changed.connect(lambda _language: self.retranslate())
        self.retranslate()

    # ------------------------------------------------------------------ texts

    def retranslate(self) -> None:
        """Every text of the window in the interface language."""
        self.setWindowTitle(self.tr("ISAF Desk"))
        self.tabs.setTabText(0, self.tr("Units"))
        names = {"sync": self.tr("Sync"), "conflicts": self.tr("Conflicts"),
                 "move": self.tr("Submit / approve…"), "export": self.tr("Export USB bundle…"),
                 "import": self.tr("Import USB bundle…"), "settings": self.tr("Settings"),
                 "about": self.tr("About"), "sign_out": self.tr("Sign out")}
        for name, text in names.items():
            self.actions_[name].setText(text)
        self.update_status()

    def update_status(self) -> None:
        """Who is signed in, online or not, the last sync, unsent changes, conflicts."""
        session = self.context.session
        if session is None:
            self.who.setText("")
            self.sync_state.setText("")
            return
        role = ROLES.get(session.role, ("", session.role, session.role))
        role_name = role[1] if self.context.settings.language == "km" else role[2]
        mode = self.tr("online") if session.online else self.tr("offline")
        self.who.setText(f"{session.profile.username} · {role_name} · {mode}")
        store = session.store
        last = store.get_state("last_sync")
        when = (to_cambodia_time(datetime.fromisoformat(last)).strftime("%Y-%m-%d %H:%M")
                if last else self.tr("never"))
        self.sync_state.setText(self.tr("Last sync: {0} · Unsent: {1} · Conflicts: {2}").format(
            when, store.unsent_count(), len(store.open_conflicts())))

    def _busy(self, busy: bool) -> None:
        for name in ("sync", "export", "import", "sign_out"):
            self.actions_[name].setEnabled(not busy)

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
            QMessageBox.information(self, self.tr("No form yet"), self.tr(
                "This unit has no form for {0} yet.").format(self.navigator.model.year))
            return
        store, year = session.store, self.navigator.model.year

        def create(_work: Work) -> str:
            return store.create_form(unit_id=row.unit_id, year=year, form_code=row.kind)

        self.context.operations.run(create, changes={"forms", "outbox"},
                                    on_done=lambda form_id: self.open_form(form_id, row),
                                    on_error=self._error)

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
        dialog.finished.connect(lambda _result: self.update_status())
        dialog.show()
        dialog.start()
        return dialog

    def show_conflicts(self) -> ConflictsDialog:
        """The open conflicts, to resolve."""
        dialog = ConflictsDialog(self.context, self)
        dialog.show()
        return dialog

    def move_along(self) -> None:
        """Submit, return, approve or unlock the current form (online: the server decides
        and records it), then sync so this computer shows the new status."""
        session = self.context.session
        form_id = self.current_form_id()
        form = session.store.form(form_id) if session and form_id else None
        if session is None or form is None:
            QMessageBox.information(self, self.tr("Submit / approve"),
                                    self.tr("Choose a unit with a form first."))
            return
        actions = allowed_actions(session.role, form.status,
                                  delegated_approval=bool(session.user.get(
                                      "delegated_approval")))
        actions = [a for a in actions if a != "publish"]
        if not actions:
            QMessageBox.information(self, self.tr("Submit / approve"), self.tr(
                "Your role cannot move a form that is {0}.").format(status_text(form.status)))
            return
        names = {"submit": self.tr("Submit"), "return": self.tr("Return with a comment"),
                 "approve": self.tr("Approve"), "unlock": self.tr("Unlock with a reason")}
        choice, ok = QInputDialog.getItem(self, self.tr("Submit / approve"),
                                          self.tr("What should happen to this form?"),
                                          [names[a] for a in actions], 0, False)
        if not ok:
            return
        action = actions[[names[a] for a in actions].index(choice)]
        comment = None
        if action in ("return", "unlock"):
            comment, ok = QInputDialog.getText(self, names[action], self.tr("Why?"))
            if not ok or not comment.strip():
                return
        self.run_transition(form_id, action, comment)  # type: ignore[arg-type]

    def run_transition(self, form_id: str, action: str, comment: str | None) -> None:
        """Ask the server to move a form along, then sync (changes and the new status)."""
        session = self.context.session
        if session is None:
            return
        engine, transport = session.engine, session.transport

        def run(work: Work) -> Any:
            engine.sync(cancelled=work.cancelled)  # the server must have every value first
            transport.post(f"/api/v1/forms/{form_id}/{action}", json={"comment": comment})
            return engine.sync(cancelled=work.cancelled)

        self.context.operations.run(
            run, changes={"forms", "values", "outbox", "conflicts"},
            on_done=lambda _report: self.statusBar().showMessage(self.tr("Done."), 8000),
            on_error=self._error)

    def export_bundle(self) -> None:
        """Write a USB bundle of everything not yet acknowledged."""
        session = self.context.session
        if session is None:
            return
        suggested = str(Path.home() / bundles.default_name(session.store))
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export USB bundle"), suggested,
                                              self.tr("ISAF Desk bundles (*{0})").format(SUFFIX))
        if path:
            self.export_bundle_to(Path(path))

    def export_bundle_to(self, path: Path) -> None:
        """Export to a chosen file (the dialog's second half; tests call it directly)."""
        session = self.context.session
        if session is None:
            return
        store, engine = session.store, session.engine
        self.context.operations.run(
            lambda _work: bundles.export_bundle(store, engine, path), changes={"outbox"},
            on_done=lambda result: QMessageBox.information(
                self, self.tr("Export USB bundle"),
                self.tr("Wrote {0} change(s) to {1}. Take it to your district office.").format(
                    result.manifest["op_count"], result.path)),
            on_error=self._error)

    def import_bundle(self) -> None:
        """Take in a return bundle, or carry another computer's bundle to the server."""
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Import USB bundle"),
                                              str(Path.home()),
                                              self.tr("ISAF Desk bundles (*{0})").format(SUFFIX))
        if path:
            self.import_bundle_from(Path(path))

    def import_bundle_from(self, path: Path) -> None:
        """Import a chosen file (the dialog's second half; tests call it directly)."""
        session = self.context.session
        if session is None:
            return
        store, engine, transport = session.store, session.engine, session.transport

        def run(_work: Work) -> str:
            data = path.read_bytes()
            bundle = read_bundle(data)
            if bundle.kind == "return":
                outcome = bundles.import_return(store, engine, data)
                if outcome.already_imported:
                    return self.tr("This return bundle was already taken in; nothing changed.")
                return self.tr("Took in {0} answer(s) and {1} change(s) from the server.").format(
                    outcome.receipts, outcome.changes)
            if bundle.manifest.get("device_id") == store.device_id:
                raise BundleError(self.tr("This is this computer's own bundle: take it to the "
                                          "district office."))
            report, returned = bundles.deliver(transport, data)
            target = path.with_name(f"{path.stem}-return{SUFFIX}")
            save(target, returned)
            return self.tr("Imported for {0}: {1}. Return bundle written to {2}.").format(
                report["user"], json.dumps(report["results"]), target)

        self.context.operations.run(
            run, changes={"forms", "values", "outbox", "conflicts"},
            on_done=lambda text: QMessageBox.information(self, self.tr("Import USB bundle"),
                                                         text),
            on_error=self._error)

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

    def _error(self, error: Exception) -> None:
        if isinstance(error, (TransportError, ServerRefusal)):
            text = plain_error(error)
        elif isinstance(error, (StoreError, BundleError, ValueError)):
            text = getattr(error, "message", None) or str(error)
        else:
            text = self.tr("Something went wrong: {0}").format(error)
        QMessageBox.warning(self, self.tr("ISAF Desk"), text)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        """Let running work finish before the window goes (nothing is cut halfway)."""
        self.context.operations.wait()
        event.accept()
