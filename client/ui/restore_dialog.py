"""Restore a backup: the copies ISAF Desk keeps of an account's data, and putting one back.

Reached from the sign-in screen (for the account typed there), and from the main window's
File menu, which signs out first (a store in use is never replaced). The list says when
each copy was made and why (the daily copy, before an upgrade, before an earlier restore);
putting one back asks the account's password and says, before anything happens, that
what was typed after the copy and not sent is not in it, and that the data as it is now
is kept as a copy too. The work is client/restore.py's.
"""

from __future__ import annotations

from typing import Protocol

from client import restore
from client.context import AppContext
from client.operations import Work
from client.profiles import SignInError, wait_minutes
from client.qt import (
    QAbstractItemView,
    QCoreApplication,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from client.session import StoreInUseError
from client.store.errors import StoreError
from client.store.migrations import KEEP_DAILY, Backup
from client.ui.help_texts import help_desk
from client.ui.post_on import in_digits, time_text
from client.ui.sync_dialog import plain_store_error, while_alive
from client.ui.text import set_wrapped


class RestoreDialog(QDialog):
    """The copies of one account's data on this computer, newest first."""

    def __init__(self, context: AppContext, username: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.username = username
        self.backups: list[Backup] = restore.backups_of(context.profiles, username)
        language = context.settings.language
        self.setWindowTitle(self.tr("Restore a backup - ISAF Desk"))
        self.resize(640, 420)
        self.intro = QLabel()
        self.table = QTableWidget(len(self.backups), 2)
        self.table.setHorizontalHeaderLabels([self.tr("Made on"), self.tr("Copy")])
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        for row, backup in enumerate(self.backups):
            self.table.setItem(row, 0, QTableWidgetItem(time_text(backup.made_at, language)))
            self.table.setItem(row, 1, QTableWidgetItem(self.why_text(backup.why)))
        if self.backups:
            self.table.selectRow(0)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("Your password"))
        self.message = QLabel()
        self.restore_button = QPushButton(self.tr("Put this copy back…"))
        self.restore_button.clicked.connect(self.put_back)
        self.restore_button.setEnabled(bool(self.backups))
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.password, 1)
        buttons.addWidget(self.restore_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        set_wrapped(self.intro, self.tr(
            "ISAF Desk keeps copies of the data of {0} on this computer: one a day (the last "
            "{1}) and one before each upgrade. Put one back only when the data cannot be "
            "used any more, or on the advice of {2}.").format(
            username, in_digits(KEEP_DAILY, language), help_desk(self._role()))
            if self.backups else self.tr(
            "There is no copy of the data of {0} on this computer yet: ISAF Desk makes one "
            "at the first sign-in of each day.").format(username))
        self.message.setWordWrap(True)

    def _role(self) -> str | None:
        profile = self.context.profiles.profile(self.username)
        return str(profile.user.get("role")) if profile is not None else None

    def why_text(self, why: str) -> str:
        """Why a copy was made, in words."""
        if why == "daily":
            return self.tr("The day's copy, made at sign-in")
        if why == "before-restore":
            return self.tr("The data as it was before a copy was put back")
        if why.startswith("before-v"):
            return self.tr("Before an upgrade of ISAF Desk")
        return why

    def chosen(self) -> Backup | None:
        """The copy selected in the list."""
        rows = self.table.selectionModel().selectedRows()
        return self.backups[rows[0].row()] if rows else None

    def put_back(self) -> None:
        """Ask once more, then put the chosen copy back off the GUI thread."""
        backup = self.chosen()
        password = self.password.text()
        if backup is None or not password:
            self.message.setText(self.tr("Choose a copy and type your password."))
            return
        when = time_text(backup.made_at, self.context.settings.language)
        if not self.context.interaction.confirm(
                self, self.tr("Restore a backup"), self.tr(
                    "Put back the copy of {0}?\n\nWhat was typed on this computer after "
                    "{0} and not sent to the server is not in it. The data as it is now is "
                    "kept as a copy too, so this can be undone.").format(when),
                accept=self.tr("Put this copy back"), reject=self.tr("Cancel"),
                destructive=True):
            return
        profiles, username = self.context.profiles, self.username

        def work(_work: Work) -> restore.Restored:
            return restore.restore(profiles, username, password, backup)

        self.restore_button.setEnabled(False)
        self.message.setText(self.tr("Putting the copy back…"))
        self.context.operations.run(work, on_done=while_alive(self, self._done),
                                    on_error=while_alive(self, self._failed))

    def _done(self, done: restore.Restored) -> None:
        when = time_text(done.backup.made_at, self.context.settings.language)
        self.context.interaction.inform(self, self.tr("Restore a backup"), self.tr(
            "The copy of {0} is back. Sign in to go on; your next sync sends what it holds "
            "and brings what the server has.").format(when))
        self.accept()

    def _failed(self, error: Exception) -> None:
        self.restore_button.setEnabled(True)
        self.message.setText(self.error_text(error))

    def error_text(self, error: Exception) -> str:
        """Why nothing was put back, and what to do."""
        if isinstance(error, SignInError):
            if error.reason == "wait" and error.wait is not None:
                return self.tr("Too many wrong passwords: wait {0} minute(s), then try "
                               "again.").format(in_digits(wait_minutes(error.wait),
                                                          self.context.settings.language))
            return self.tr("Wrong password: nothing was put back.")
        if isinstance(error, StoreInUseError):
            return self.tr("This account's data is open in ISAF Desk or in a command on this "
                           "computer: close it first. Nothing was put back.")
        if isinstance(error, StoreError):
            return self.tr("This copy cannot be put back: {0}").format(
                plain_store_error(error, self._role()))
        return self.tr("Nothing was put back: {0}").format(error)


class SignsOut(Protocol):
    """A window that can sign its person out (the main window), and remembers whose copies
    the sign-in screen opens after it."""

    restore_for: str | None

    def sign_out(self) -> None:
        """End the session and close."""


def sign_out_to_restore(context: AppContext, window: SignsOut) -> bool:
    """File > Restore a backup…: say why ISAF Desk signs out first, then sign out; the
    sign-in screen that follows opens the list of copies (client/app.py, `restore_for`).
    False when the person said no."""
    session = context.session
    if session is None:
        return False
    translate = QCoreApplication.translate
    if not context.interaction.confirm(
            window, translate("RestoreDialog", "Restore a backup"), translate(
                "RestoreDialog", "To put a copy of your data back, ISAF Desk signs you out "
                "first: nothing unsaved is lost (typing is kept as a draft). Then choose the "
                "copy and type your password."),
            accept=translate("RestoreDialog", "Sign out and choose a copy"),
            reject=translate("RestoreDialog", "Cancel")):
        return False
    window.restore_for = session.profile.username
    window.sign_out()
    return True
