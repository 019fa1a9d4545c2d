"""The first screen: who works on this computer now, and signing them in.

Several people may share one office computer, so the user name is a list of the accounts
that signed in here, and the password is cleared after every attempt. The sign-in runs
through the operation runner (the server may take seconds to answer, or never); when the
server cannot be reached, the person signs in offline against the verifier this computer
kept at their last online sign-in, for OFFLINE_DAYS days (client/profiles.py), and is told
why it is offline: no network, or an address that names no ISAF Desk server.

The server address is checked and normalised before it is used (client/address.py); a
click into it selects it whole, so typing replaces it instead of adding to it. An account
whose data file is missing is not given a new, empty one: offline the sign-in is refused
with what happened, online the person is asked to start again from the server's copy.

When the server says an administrator chose the password (`must_change_password`), the
person chooses their own right after the online sign-in, before the main window opens
(client/ui/password_dialog.py); cancelling signs out. A password the server refuses but
this computer knew (changed since by an administrator) and a forgotten one are told
apart, each with whom to ask (client/ui/password_dialog.py `help_desk_text`).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from enum import Enum
from typing import Any

from client.address import AddressError, AddressProblem, normalise_server_address
from client.context import AppContext
from client.i18n import LANGUAGE_NAMES, current_language, switch_language
from client.operations import Work
from client.profiles import OFFLINE_DAYS, Profiles, SignInError, wait_minutes
from client.qt import (
    QComboBox,
    QCoreApplication,
    QDialog,
    QFocusEvent,
    QFormLayout,
    QHBoxLayout,
    QKeySequence,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    Qt,
    QTimer,
    QVBoxLayout,
    QWidget,
)
from client.session import UserSession, must_change_password, sign_in
from client.store.errors import StoreLostError, StoreUnavailableError
from client.sync.transport import LinkProblem, ServerRefusal, TransportError
from client.ui.problem_texts import (
    EXAMPLE_ADDRESS,
    address_problem_text,
    link_problem_text,
    store_problem_text,
)
from common.db import utc_now
from common.khmer.digits import to_khmer_digits


class Refusal(Enum):
    """Why a sign-in did not happen, in the terms the person is told."""

    WRONG_PASSWORD = "wrong_password"
    #: The server refused the password this computer knew from the last sign-in: changed
    #: since, by an administrator (or on another computer), or the account deactivated.
    PASSWORD_CHANGED = "password_changed"
    #: Offline, an account that must choose its own password first (needs the server).
    PASSWORD_CHANGE_NEEDS_SERVER = "password_change_needs_server"
    #: The person would not choose their own password: signed out again.
    PASSWORD_NOT_CHANGED = "password_not_changed"
    WRONG_PASSWORD_OFFLINE = "wrong_password_offline"
    TOO_MANY_TRIES = "too_many_tries"
    FIRST_SIGN_IN_NEEDS_SERVER = "first_sign_in_needs_server"
    OFFLINE_EXPIRED = "offline_expired"
    #: Too many wrong passwords on this computer without the server: wait.
    OFFLINE_WAIT = "offline_wait"
    REFUSED_BY_SERVER = "refused_by_server"
    #: The server address as typed is not one (client/address.py says why).
    BAD_ADDRESS = "bad_address"
    #: The account's data file is missing (deleted or moved since the last sign-in).
    STORE_LOST = "store_lost"
    #: The account's data file cannot be used (read-only, damaged, open elsewhere, ...).
    STORE_PROBLEM = "store_problem"
    FAILED = "failed"


#: Refusals of a password the person may have forgotten: whom to ask is said with them.
_FORGOTTEN = frozenset({Refusal.WRONG_PASSWORD, Refusal.WRONG_PASSWORD_OFFLINE,
                        Refusal.TOO_MANY_TRIES, Refusal.OFFLINE_WAIT})


class SignInRefused(Exception):  # noqa: N818 - a refusal is an answer, not a bug
    """A sign-in the server or this computer refused, and why: the link problem that sent
    it offline, the wait before the next try, the store or address error, when known."""

    def __init__(self, reason: Refusal, detail: str = "", *,
                 link: LinkProblem | None = None, wait: timedelta | None = None,
                 store: StoreUnavailableError | None = None,
                 address: AddressError | None = None, role: str | None = None) -> None:
        super().__init__(reason.value, detail)
        self.reason = reason
        self.detail = detail
        self.link = link
        self.wait = wait
        self.store = store
        self.address = address
        #: The account's role as this computer knows it (whom to ask for help), if known.
        self.role = role


def explain(error: Exception, profiles: Profiles, username: str, *,
            now: datetime | None = None, password: str = "") -> SignInRefused:
    """Why `client.session.sign_in` failed, told apart by where the refusal came from.
    With `password`, a password the server refuses but this computer knew from the last
    sign-in is told as changed since, not as mistyped."""
    if isinstance(error, AddressError):
        return SignInRefused(Refusal.BAD_ADDRESS, address=error)
    if isinstance(error, StoreLostError):
        return SignInRefused(Refusal.STORE_LOST, store=error)
    if isinstance(error, StoreUnavailableError):
        return SignInRefused(Refusal.STORE_PROBLEM, store=error)
    # sign_in raises SignInError while handling the server's answer: the online refusal or
    # the link failure that sent it to the offline check is the error's context.
    cause = error.__context__
    known = profiles.profile(username) if username else None
    role = str(known.user.get("role") or "") or None if known is not None else None
    if isinstance(error, SignInError) and isinstance(cause, ServerRefusal):
        if cause.status == 401:
            # The verifier is read, never counted: the server had the last word already.
            if password and known is not None and profiles.knew_password(username, password):
                return SignInRefused(Refusal.PASSWORD_CHANGED, role=role)
            return SignInRefused(Refusal.WRONG_PASSWORD, role=role)
        if cause.status == 429:
            return SignInRefused(Refusal.TOO_MANY_TRIES, role=role)
        return SignInRefused(Refusal.REFUSED_BY_SERVER, str(cause))
    if isinstance(error, SignInError) and isinstance(cause, TransportError):
        link = cause.problem
        profile = profiles.profile(username)
        if profile is None:
            return SignInRefused(Refusal.FIRST_SIGN_IN_NEEDS_SERVER, link=link)
        if error.reason == "must_change_password":
            return SignInRefused(Refusal.PASSWORD_CHANGE_NEEDS_SERVER, link=link)
        if (now or utc_now()) > profile.offline_until:
            # Said even if the password was wrong too: a right one would not help either.
            return SignInRefused(Refusal.OFFLINE_EXPIRED, link=link)
        if error.reason == "wait":
            return SignInRefused(Refusal.OFFLINE_WAIT, link=link, wait=error.wait, role=role)
        return SignInRefused(Refusal.WRONG_PASSWORD_OFFLINE, link=link, wait=error.wait,
                             role=role)
    return SignInRefused(Refusal.FAILED, str(error))


def server_address(text: str) -> str:
    """The server's base address for an address as typed (client/address.py); "" for an
    empty one. An address that is not one comes back as typed, with http:// added when
    the person left it out: a caller that must refuse it uses normalise_server_address."""
    try:
        return normalise_server_address(text)
    except AddressError as error:
        if error.problem is AddressProblem.EMPTY:
            return ""
    address = text.strip().rstrip("/")
    if address and "://" not in address:
        address = f"http://{address}"
    return address


class AddressField(QLineEdit):
    """The server address: a click into it selects it whole, so what is typed replaces
    the address shown instead of being added to it (Tab selects it whole already)."""

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt's name
        """Select everything once the click that gave the focus has placed the cursor."""
        super().focusInEvent(event)
        if event.reason() == Qt.FocusReason.MouseFocusReason:
            QTimer.singleShot(0, self.selectAll)


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
        #: The server address of the last attempt, normalised (for the texts that name it).
        self._server = ""
        #: The question "start again from the server's copy?", while it is asked.
        self.start_again_box: QMessageBox | None = None
        #: How long the server may take to answer a sign-in, in seconds.
        self.timeout = 15.0

        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.RichText)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.language_label = QLabel("ភាសា / Language")  # readable whatever is shown now
        self.language = QComboBox()
        for code, name in LANGUAGE_NAMES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(self.language.findData(
            current_language(QCoreApplication.instance())))  # type: ignore[arg-type]  # the app exists
        self.language.currentIndexChanged.connect(self._language_chosen)

        self.username = QComboBox()
        self.username.setEditable(True)
        self.username.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.username.addItems(context.profiles.usernames())
        self.username.setEditText(context.settings.last_username)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.server = AddressField(context.settings.server)
        self.username_label, self.password_label, self.server_label = QLabel(), QLabel(), QLabel()
        for label, field in ((self.username_label, self.username),
                             (self.password_label, self.password),
                             (self.server_label, self.server)):
            label.setBuddy(field)

        self.help = QLabel()
        self.help.setWordWrap(True)
        self.usual_help = ""  # how sign-in works; after a refused password, whom to ask
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.language_label)
        top.addWidget(self.language)
        form = QFormLayout()
        form.addRow(self.username_label, self.username)
        form.addRow(self.password_label, self.password)
        form.addRow(self.server_label, self.server)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.help)
        layout.addWidget(self.status)
        layout.addStretch(1)
        layout.addLayout(self._buttons())
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 60)

        context.language_changed.connect(self.retranslate)
        self.retranslate()
        (self.password if self.username.currentText() else self.username).setFocus()

    def _buttons(self) -> QHBoxLayout:
        """The row of buttons: Help at the left, Sign in and Cancel at the right."""
        self.sign_in_button = QPushButton()
        self.sign_in_button.setDefault(True)  # Enter in any field signs in
        self.sign_in_button.clicked.connect(self.sign_in)
        self.cancel_button = QPushButton()
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.clicked.connect(self.reject)
        # The user guide, before anyone is signed in: the first sign-in is where people
        # get stuck. F1 too, as in the main window.
        self.guide_button = QPushButton()
        self.guide_button.setAutoDefault(False)
        self.guide_button.clicked.connect(self.show_guide)
        # The copies of the typed account's data (client/ui/restore_dialog.py): reached
        # here because a damaged data file is said at sign-in.
        self.restore_button = QPushButton()
        self.restore_button.setAutoDefault(False)
        self.restore_button.clicked.connect(lambda: self.open_restore(
            self.username.currentText().strip()))
        buttons = QHBoxLayout()
        buttons.addWidget(self.guide_button)
        buttons.addWidget(self.restore_button)
        buttons.addStretch(1)
        buttons.addWidget(self.sign_in_button)
        buttons.addWidget(self.cancel_button)
        return buttons

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
        self.usual_help = self.tr(
            "The first sign-in on this computer needs a connection to the server. After that "
            "you can sign in without a connection for {0} days after your last sign-in with "
            "a connection.").format(self._n(OFFLINE_DAYS))
        self.server.setToolTip(self.tr(
            "The address your district or national office gave you, for example "
            "http://192.168.1.10:5000. It is kept for the next sign-in."))
        self.server.setPlaceholderText(self.tr("for example {0}").format(EXAMPLE_ADDRESS))
        self.password.setToolTip(self.tr(
            "Without a connection, the password of your last sign-in with a connection on "
            "this computer works for {0} days.").format(self._n(OFFLINE_DAYS)))
        self.sign_in_button.setText(self.tr("Sign in"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.restore_button.setText(self.tr("Restore a backup…"))
        self.restore_button.setToolTip(self.tr(
            "Put back a copy of the data of the account typed above"))
        self.guide_button.setText(self.tr("Help"))
        self.guide_button.setToolTip(self.tr("The user guide (F1)"))
        self.guide_button.setShortcut(QKeySequence("F1"))  # after setText, which resets it
        index = self.language.findData(current_language(
            QCoreApplication.instance()))  # type: ignore[arg-type]  # the app exists
        if index != self.language.currentIndex():
            self.language.blockSignals(True)  # it follows a change made elsewhere
            self.language.setCurrentIndex(index)
            self.language.blockSignals(False)
        self._show_status()

    def _show_status(self) -> None:
        from client.ui.password_dialog import help_desk_text  # it imports this module's names

        # After a refused password, in place of the usual help: whom to ask for a new one.
        refused = self._status[1] if self._status and self._status[0] == "refused" else None
        self.help.setText(help_desk_text(refused.role) if refused
                          and refused.reason in _FORGOTTEN else self.usual_help)
        if self._status is None:
            self.status.clear()
            return
        kind, value = self._status
        if kind == "busy":
            text, error = self.tr("Signing in..."), False
        elif kind == "offline":
            text, error = self._offline_notice(value), False
        elif kind == "missing":
            error = True
            text = (self.tr("Type your user name.") if value == "username" else
                    self.tr("Type your password.") if value == "password" else
                    self.tr("Type the server address."))
        else:
            text, error = self._refusal_text(value), True
        self.status.setStyleSheet("color: #b00020;" if error else "")
        self.status.setText(text)

    def _offline_notice(self, link: LinkProblem | None) -> str:
        return self.tr("Working offline. {0} Your work is kept on this computer and sent at "
                       "the next sync.").format(link_problem_text(link, self._server))

    def _refusal_text(self, refused: SignInRefused) -> str:
        reason = refused.reason
        if reason is Refusal.BAD_ADDRESS and refused.address is not None:
            return address_problem_text(refused.address)
        if reason is Refusal.STORE_LOST and refused.store is not None:
            return self._lost_text(refused.store)
        if reason is Refusal.STORE_PROBLEM and refused.store is not None:
            return store_problem_text(refused.store)
        link = link_problem_text(refused.link, self._server)
        if reason is Refusal.WRONG_PASSWORD_OFFLINE:
            text = self.tr(
                "The user name or password is not right. (The server could not be reached, "
                "so the password was checked against your last sign-in on this computer.)")
            if refused.wait is not None:
                text += " " + self._wait_text(refused.wait)
            return text
        if reason is Refusal.OFFLINE_WAIT and refused.wait is not None:
            return self._wait_text(refused.wait)
        from client.ui.sync_dialog import help_desk  # it imports this module's names

        texts = {
            Refusal.WRONG_PASSWORD: self.tr(
                "The user name or password is not right. Check them and try again."),
            Refusal.PASSWORD_CHANGED: self.tr(
                "The server no longer accepts this password, although it is the one of your "
                "last sign-in on this computer: your password was changed by an "
                "administrator, or your account was deactivated. Use the new password you "
                "were given; if you do not have one, ask {0}.").format(help_desk(refused.role)),
            Refusal.PASSWORD_CHANGE_NEEDS_SERVER: self.tr(
                "{0} Your password was set by an administrator, and you must choose your "
                "own before you can work. That needs a connection to the server: connect, "
                "then sign in again.").format(link),
            Refusal.PASSWORD_NOT_CHANGED: self.tr(
                "You are signed out: you must choose your own password before you can work. "
                "Sign in again when you are ready to choose it."),
            Refusal.TOO_MANY_TRIES: self.tr(
                "Too many wrong passwords. Wait 15 minutes, then try again."),
            Refusal.FIRST_SIGN_IN_NEEDS_SERVER: self.tr(
                "{0} This account has never signed in on this computer. The first sign-in "
                "needs a connection to the server: check the network and the server address, "
                "then try again.").format(link),
            Refusal.OFFLINE_EXPIRED: self.tr(
                "{0} Your last sign-in with a connection was more than {1} days ago. Connect "
                "to the server once to keep working on this computer.").format(
                    link, self._n(OFFLINE_DAYS)),
            Refusal.REFUSED_BY_SERVER: self.tr(
                "The server refused the sign-in: {0}").format(refused.detail),
        }
        return texts.get(reason, self.tr("Could not sign in: {0}").format(refused.detail))

    def _n(self, number: int) -> str:
        """A number in the digits of the interface language, as the form shows figures."""
        if current_language(QCoreApplication.instance()) == "km":  # type: ignore[arg-type]  # app exists
            return to_khmer_digits(number)
        return str(number)

    def _wait_text(self, wait: timedelta) -> str:
        return self.tr("Too many wrong passwords on this computer: wait {0} minute(s), then "
                       "try again.").format(self._n(wait_minutes(wait)))

    def _lost_text(self, error: StoreUnavailableError) -> str:
        return self.tr(
            "This account's data is missing from this computer: {0} was not found. It was "
            "there after your last sign-in, so it was deleted or moved. A copy ISAF Desk "
            "kept on this computer may hold the changes that were not sent: Restore a "
            "backup… on this screen. Or sign in with a connection to the server to start "
            "again from the server's copy.").format(error.where)

    # ------------------------------------------------------------------ actions

    def show_guide(self) -> None:
        """The user guide, beside this screen."""
        from client.ui.guide_dialog import open_guide  # it imports this module's names

        open_guide(self.context, self)

    def open_restore(self, username: str) -> QDialog | None:
        """The copies of `username`'s data on this computer, to put one back."""
        from client.ui.restore_dialog import RestoreDialog  # built when asked for

        if not username or self.context.profiles.profile(username) is None:
            self.status.setText(self.tr("Type the user name of an account that signed in "
                                        "on this computer first."))
            return None
        dialog = RestoreDialog(self.context, username, self)
        dialog.show()
        return dialog

    def _language_chosen(self, index: int) -> None:
        switch_language(self.context, str(self.language.itemData(index)))

    def sign_in(self) -> None:
        """Check the fields, then sign in off the GUI thread."""
        if self._busy:
            return
        username = self.username.currentText().strip()
        password = self.password.text()
        for value, name, field in ((username, "username", self.username),
                                   (password, "password", self.password),
                                   (self.server.text().strip(), "server", self.server)):
            if not value:
                self._status = ("missing", name)
                self._show_status()
                field.setFocus()
                return
        try:
            server = normalise_server_address(self.server.text())
        except AddressError as error:
            self._status = ("refused", SignInRefused(Refusal.BAD_ADDRESS, address=error))
            self._show_status()
            self.server.setFocus()
            self.server.selectAll()  # typing replaces it
            return
        self.server.setText(server)  # what is used, as the person may see
        self._server = server
        self._attempt_sign_in(server, username, password, start_again=False)

    def _attempt_sign_in(self, server: str, username: str, password: str, *,
                         start_again: bool) -> None:
        self._set_busy(True)
        profiles, timeout = self.context.profiles, self.timeout

        def attempt(work: Work) -> UserSession:
            try:
                return sign_in(profiles, server, username, password, timeout=timeout,
                               start_again=start_again)
            except SignInRefused:
                raise
            except Exception as error:  # every failure is told in words, never a trace
                raise explain(error, profiles, username, password=password) from error

        self._attempt += 1
        waited_for = self._attempt

        def done(session: UserSession) -> None:
            if waited_for != self._attempt:
                # The person closed the window while the server was answering: nobody is
                # signed in.
                session.close()
                return
            if session.online and must_change_password(session.user):
                self._ask_new_password(session, server, password)
                return
            self._signed_in(session, server)

        def failed(error: Exception) -> None:
            if waited_for != self._attempt:
                return
            if isinstance(error, SignInRefused) and error.reason is Refusal.STORE_LOST \
                    and isinstance(error.store, StoreLostError) and error.store.can_start_again:
                self._ask_start_again(error.store, server, username, password)
                return
            self._refused(error)

        self.context.operations.run(attempt, on_done=done, on_error=failed)

    def _ask_start_again(self, lost: StoreLostError, server: str, username: str,
                         password: str) -> None:
        """The server answered, but this account's data file is gone: start again from the
        server's copy only if the person agrees, knowing what is lost."""
        self._set_busy(False)
        self._status = None
        self._show_status()
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Data missing - ISAF Desk"),
                          self.tr(
            "This account's data is missing from this computer: {0} was not found. It was "
            "deleted or moved since your last sign-in.\n\nStart again from the server's "
            "copy? Changes made on this computer and not yet sent to the server are not in "
            "it. A copy ISAF Desk kept on this computer may still hold them: to look first, "
            "choose Cancel, then Restore a backup….").format(lost.where), parent=self)
        # Our own button texts: Qt ships no Khmer for its standard buttons.
        again = box.addButton(self.tr("Start again from the server's copy"),
                              QMessageBox.ButtonRole.AcceptRole)
        cancel = box.addButton(self.tr("Cancel"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(cancel)
        self.start_again_box = box

        def answered(_result: int) -> None:
            self.start_again_box = None
            box.deleteLater()
            if box.clickedButton() is again:
                self._attempt_sign_in(server, username, password, start_again=True)
                return
            self._status = ("refused", SignInRefused(Refusal.STORE_LOST, store=lost))
            self._show_status()
            self.password.clear()
            self.password.setFocus()

        box.finished.connect(answered)
        box.open()

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        for widget in (self.username, self.password, self.server, self.sign_in_button,
                       self.language):
            widget.setEnabled(not busy)
        if busy:
            self._status = ("busy", None)
            self._show_status()

    def _ask_new_password(self, session: UserSession, server: str, password: str) -> None:
        """The server asks for the person's own password before anything else: the main
        window opens only once it is chosen; cancelling signs out."""
        from client.ui.password_dialog import ask_new_password  # it imports this module

        self._status = None
        self._show_status()
        ask_new_password(self.context, session, self, password,
                         on_changed=lambda: self._signed_in(session, server),
                         on_signed_out=lambda: self._refused(
                             SignInRefused(Refusal.PASSWORD_NOT_CHANGED)))

    def _signed_in(self, session: UserSession, server: str) -> None:
        self._set_busy(False)
        self.password.clear()
        if session.online:
            # Kept only once it answered: a mistyped address that sent the person offline
            # must not come back as the default next time.
            self.context.settings.server = server
            self.server.setText(server)
        self.notice = "" if session.online else self._offline_notice(session.link_problem)
        self._status = None if session.online else ("offline", session.link_problem)
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
        if self.start_again_box is not None:
            self.start_again_box.reject()  # not started again: nobody said yes
        self.password.clear()
        super().reject()
