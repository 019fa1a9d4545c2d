"""The first screen: who works on this computer now, and signing them in.

Several people may share one office computer, so the user name is a list of the accounts
that signed in here, and the password is cleared after every attempt. The sign-in runs
through the operation runner (the server may take seconds to answer, or never); when the
server cannot be reached, the person signs in offline against the verifier this computer
kept at their last online sign-in, for OFFLINE_DAYS days (client/profiles.py).
"""

from __future__ import annotations

from datetime import datetime
from enum import Enum
from typing import Any

from client.context import AppContext
from client.i18n import current_language, switch_language
from client.operations import Work
from client.profiles import OFFLINE_DAYS, Profiles, SignInError
from client.qt import (
    QComboBox,
    QCoreApplication,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    Qt,
    QVBoxLayout,
    QWidget,
)
from client.session import UserSession, sign_in
from client.sync.transport import ServerRefusal, TransportError
from common.db import utc_now

#: Each language named in itself, so a person who cannot read the current one finds theirs.
LANGUAGE_NAMES = {"km": "ខ្មែរ", "en": "English"}


class Refusal(Enum):
    """Why a sign-in did not happen, in the terms the person is told."""

    WRONG_PASSWORD = "wrong_password"
    WRONG_PASSWORD_OFFLINE = "wrong_password_offline"
    TOO_MANY_TRIES = "too_many_tries"
    FIRST_SIGN_IN_NEEDS_SERVER = "first_sign_in_needs_server"
    OFFLINE_EXPIRED = "offline_expired"
    REFUSED_BY_SERVER = "refused_by_server"
    FAILED = "failed"


class SignInRefused(Exception):  # noqa: N818 - a refusal is an answer, not a bug
    """A sign-in the server or this computer refused, and why."""

    def __init__(self, reason: Refusal, detail: str = "") -> None:
        super().__init__(reason.value, detail)
        self.reason = reason
        self.detail = detail


def explain(error: Exception, profiles: Profiles, username: str, *,
            now: datetime | None = None) -> SignInRefused:
    """Why `client.session.sign_in` failed, told apart by where the refusal came from."""
    # sign_in raises SignInError while handling the server's answer: the online refusal or
    # the link failure that sent it to the offline check is the error's context.
    cause = error.__context__
    if isinstance(error, SignInError) and isinstance(cause, ServerRefusal):
        if cause.status == 401:
            return SignInRefused(Refusal.WRONG_PASSWORD)
        if cause.status == 429:
            return SignInRefused(Refusal.TOO_MANY_TRIES)
        return SignInRefused(Refusal.REFUSED_BY_SERVER, str(cause))
    if isinstance(error, SignInError) and isinstance(cause, TransportError):
        profile = profiles.profile(username)
        if profile is None:
            return SignInRefused(Refusal.FIRST_SIGN_IN_NEEDS_SERVER)
        if (now or utc_now()) > profile.offline_until:
            # Said even if the password was wrong too: a right one would not help either.
            return SignInRefused(Refusal.OFFLINE_EXPIRED)
        return SignInRefused(Refusal.WRONG_PASSWORD_OFFLINE)
    return SignInRefused(Refusal.FAILED, str(error))


def server_address(text: str) -> str:
    """The address as typed, with http:// added when the person left it out."""
    address = text.strip().rstrip("/")
    if address and "://" not in address:
        address = f"http://{address}"
    return address


class SignInDialog(QDialog):
    """User name, password, server address and language; signs the person in."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        #: What the main window should tell after a sign-in ("working offline"), or "".
        self.notice = ""
        self._busy = False
        self._attempt = 0  # the sign-in whose answer the window waits for
        self._status: tuple[str, Any] | None = None  # shown again in a new language

        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.RichText)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.language_label = QLabel("ភាសា / Language")  # readable whatever is shown now
        self.language = QComboBox()
        for code, name in LANGUAGE_NAMES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(self.language.findData(
            current_language(QCoreApplication.instance())))  # type: ignore[arg-type]
        self.language.currentIndexChanged.connect(self._language_chosen)

        self.username = QComboBox()
        self.username.setEditable(True)
        self.username.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.username.addItems(context.profiles.usernames())
        self.username.setEditText(context.settings.last_username)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.server = QLineEdit(context.settings.server)
        self.username_label, self.password_label, self.server_label = QLabel(), QLabel(), QLabel()
        for label, field in ((self.username_label, self.username),
                             (self.password_label, self.password),
                             (self.server_label, self.server)):
            label.setBuddy(field)

        self.help = QLabel()
        self.help.setWordWrap(True)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.sign_in_button = QPushButton()
        self.sign_in_button.setDefault(True)  # Enter in any field signs in
        self.sign_in_button.clicked.connect(self.sign_in)
        self.cancel_button = QPushButton()
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.clicked.connect(self.reject)

        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.language_label)
        top.addWidget(self.language)
        form = QFormLayout()
        form.addRow(self.username_label, self.username)
        form.addRow(self.password_label, self.password)
        form.addRow(self.server_label, self.server)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.sign_in_button)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.help)
        layout.addWidget(self.status)
        layout.addStretch(1)
        layout.addLayout(buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 60)

        context.language_changed.connect(self.retranslate)
        self.retranslate()
        (self.password if self.username.currentText() else self.username).setFocus()

    # ------------------------------------------------------------------ texts

    def retranslate(self) -> None:
        """Set every text in the interface language."""
        self.setWindowTitle(self.tr("Sign in - ISAF Desk"))
        name = self.tr("ISAF Desk")
        self.title.setText(f"<big><b>{name}</b></big>")
        self.intro.setText(self.tr("Sign in with the user name and password your district "
                                   "or national office gave you."))
        self.username_label.setText(self.tr("&User name"))
        self.password_label.setText(self.tr("&Password"))
        self.server_label.setText(self.tr("&Server address"))
        self.help.setText(self.tr(
            "The first sign-in on this computer needs a connection to the server. After that "
            "you can sign in without a connection for {0} days after your last sign-in with "
            "a connection.").format(OFFLINE_DAYS))
        self.server.setToolTip(self.tr(
            "The address your district or national office gave you, for example "
            "http://192.168.1.10:5000. It is kept for the next sign-in."))
        self.password.setToolTip(self.tr(
            "Without a connection, the password of your last sign-in with a connection on "
            "this computer works for {0} days.").format(OFFLINE_DAYS))
        self.sign_in_button.setText(self.tr("Sign in"))
        self.cancel_button.setText(self.tr("Cancel"))
        index = self.language.findData(current_language(
            QCoreApplication.instance()))  # type: ignore[arg-type]
        if index != self.language.currentIndex():
            self.language.blockSignals(True)  # it follows a change made elsewhere
            self.language.setCurrentIndex(index)
            self.language.blockSignals(False)
        self._show_status()

    def _show_status(self) -> None:
        if self._status is None:
            self.status.clear()
            return
        kind, value = self._status
        if kind == "busy":
            text, error = self.tr("Signing in..."), False
        elif kind == "offline":
            text, error = self._offline_notice(), False
        elif kind == "missing":
            error = True
            text = (self.tr("Type your user name.") if value == "username" else
                    self.tr("Type your password.") if value == "password" else
                    self.tr("Type the server address."))
        else:
            text, error = self._refusal_text(value), True
        self.status.setStyleSheet("color: #b00020;" if error else "")
        self.status.setText(text)

    def _offline_notice(self) -> str:
        return self.tr("The server could not be reached: working offline. Your work is kept "
                       "on this computer and sent at the next sync.")

    def _refusal_text(self, refused: SignInRefused) -> str:
        texts = {
            Refusal.WRONG_PASSWORD: self.tr(
                "The user name or password is not right. Check them and try again."),
            Refusal.WRONG_PASSWORD_OFFLINE: self.tr(
                "The user name or password is not right. (The server could not be reached, "
                "so the password was checked against your last sign-in on this computer.)"),
            Refusal.TOO_MANY_TRIES: self.tr(
                "Too many wrong passwords. Wait 15 minutes, then try again."),
            Refusal.FIRST_SIGN_IN_NEEDS_SERVER: self.tr(
                "The server could not be reached, and this account has never signed in on "
                "this computer. The first sign-in needs a connection to the server: check the "
                "network and the server address, then try again."),
            Refusal.OFFLINE_EXPIRED: self.tr(
                "The server could not be reached, and your last sign-in with a connection was "
                "more than {0} days ago. Connect to the server once to keep working on this "
                "computer.").format(OFFLINE_DAYS),
            Refusal.REFUSED_BY_SERVER: self.tr(
                "The server refused the sign-in: {0}").format(refused.detail),
        }
        return texts.get(refused.reason, self.tr("Could not sign in: {0}").format(
            refused.detail))

    # ------------------------------------------------------------------ actions

    def _language_chosen(self, index: int) -> None:
        switch_language(self.context, str(self.language.itemData(index)))

    def sign_in(self) -> None:
        """Check the fields, then sign in off the GUI thread."""
        if self._busy:
            return
        username = self.username.currentText().strip()
        password = self.password.text()
        server = server_address(self.server.text())
        for value, name, field in ((username, "username", self.username),
                                   (password, "password", self.password),
                                   (server, "server", self.server)):
            if not value:
                self._status = ("missing", name)
                self._show_status()
                field.setFocus()
                return
        self._set_busy(True)
        profiles = self.context.profiles

        def attempt(work: Work) -> UserSession:
            try:
                return sign_in(profiles, server, username, password)
            except SignInRefused:
                raise
            except Exception as error:  # every failure is told in words, never a trace
                raise explain(error, profiles, username) from error

        self._attempt += 1
        waited_for = self._attempt

        def done(session: UserSession) -> None:
            if waited_for != self._attempt:
                # The person closed the window while the server was answering: nobody is
                # signed in.
                session.close()
                return
            self._signed_in(session, server)

        def failed(error: Exception) -> None:
            if waited_for == self._attempt:
                self._refused(error)

        self.context.operations.run(attempt, on_done=done, on_error=failed)

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        for widget in (self.username, self.password, self.server, self.sign_in_button,
                       self.language):
            widget.setEnabled(not busy)
        if busy:
            self._status = ("busy", None)
            self._show_status()

    def _signed_in(self, session: UserSession, server: str) -> None:
        self._set_busy(False)
        self.password.clear()
        if session.online:
            # Kept only once it answered: a mistyped address that sent the person offline
            # must not come back as the default next time.
            self.context.settings.server = server
            self.server.setText(server)
        self.notice = "" if session.online else self._offline_notice()
        self._status = None if session.online else ("offline", None)
        self._show_status()
        self.context.start_session(session)  # saves the settings, with the server address
        self.accept()

    def _refused(self, error: Exception) -> None:
        self._set_busy(False)
        refused = error if isinstance(error, SignInRefused) else SignInRefused(
            Refusal.FAILED, str(error))
        self._status = ("refused", refused)
        self._show_status()
        self.password.clear()
        self.password.setFocus()

    def reject(self) -> None:
        """Close; a sign-in still waiting for the server is dropped when it answers."""
        if self._busy:
            self._attempt += 1  # its answer, when it comes, is for nobody
            self._set_busy(False)
            self._status = None
            self._show_status()
        self.password.clear()
        super().reject()
