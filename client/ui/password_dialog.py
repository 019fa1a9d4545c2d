"""Changing one's own password: the dialog, and the two ways to it.

File > Change password… in the main window opens it, online only (offline it says why);
right after an online sign-in the sign-in screen opens it too, before anything else, when
the server says an administrator chose the password (`must_change_password`): there its
cancel button signs out.

The dialog says the rules before anything is typed, checks what it can itself (the two new
passwords the same, long enough, not the current one), then asks the server off the GUI
thread (client/session.py `change_password`): the session goes on with the server's new
sign-in, and the store's key and the offline verifier follow the new password. Every
refusal is said in words, with what to do.
"""

from __future__ import annotations

from collections.abc import Callable

from client.context import AppContext
from client.operations import Work
from client.qt import (
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
from client.session import MIN_PASSWORD_LENGTH, UserSession, change_password
from client.sync.transport import ServerRefusal, TransportError
from client.ui.problem_texts import link_problem_text
from client.ui.sync_dialog import help_desk


def help_desk_text(role: str | None) -> str:
    """What to do about a forgotten password, in the interface language, naming whom to
    ask by role as every message does (client/ui/sync_dialog.py `help_desk`)."""
    return QCoreApplication.translate(
        "PasswordDialog", "If you forgot your password, ask {0} to reset it; you will choose "
                          "a new one at the next sign-in.").format(help_desk(role))


def password_error_text(error: Exception, role: str | None) -> str:
    """Why the password was not changed, and what to do, in the interface language."""
    translate = QCoreApplication.translate
    if isinstance(error, TransportError):
        return translate("PasswordDialog", "Your password was not changed: {0} Try again "
                                           "once the connection is back.").format(
            link_problem_text(error.problem, error.server))
    if not isinstance(error, ServerRefusal):
        return translate("PasswordDialog", "Your password could not be changed: "
                                           "{0}").format(str(error))
    details = error.body.get("details")
    if error.code == "wrong_password":
        return translate("PasswordDialog", "The current password is not right: type the "
                                           "password you signed in with. Your password was "
                                           "not changed.")
    if error.status == 400 and isinstance(details, dict) and "min_length" in details:
        return translate("PasswordDialog", "The server refused the new password: it needs "
                                           "at least {0} characters.").format(
            details["min_length"])
    if error.status == 401:
        return translate("PasswordDialog", "Your sign-in with the server has ended (your "
                                           "password was changed on another computer or by "
                                           "an administrator, or the account was "
                                           "deactivated). Sign out, then sign in again. "
                                           "{0}").format(help_desk_text(role))
    return translate("PasswordDialog", "The server refused the new password: "
                                       "{0}").format(str(error))


class PasswordDialog(QDialog):
    """Current password, new password twice, the rules said up front. `required`: the
    server asks for it before anything else; the current password is the one the person
    just signed in with (`current`), and the cancel button signs out."""

    def __init__(self, context: AppContext, session: UserSession,
                 parent: QWidget | None = None, *, required: bool = False,
                 current: str = "") -> None:
        super().__init__(parent)
        self.context = context
        self.session = session
        self.required = required
        self._current = current
        self._busy = False
        #: After a change: whether the store's key and the offline verifier here follow
        #: the new password (client/session.py `change_password`).
        self.followed_here = False
        #: Whether the password was changed (the dialog was accepted after a change).
        self.changed = False

        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.rules = QLabel()
        self.rules.setWordWrap(True)
        self.current = QLineEdit()
        self.new = QLineEdit()
        self.again = QLineEdit()
        self.current_label, self.new_label, self.again_label = QLabel(), QLabel(), QLabel()
        form = QFormLayout()
        for label, field in ((self.current_label, self.current), (self.new_label, self.new),
                             (self.again_label, self.again)):
            field.setEchoMode(QLineEdit.EchoMode.Password)
            label.setBuddy(field)
            form.addRow(label, field)
        if required and current:
            # Typed a moment ago at the sign-in: not asked again.
            self.current.setText(current)
            self.current.hide()
            self.current_label.hide()
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.change_button = QPushButton()
        self.change_button.setDefault(True)
        self.change_button.clicked.connect(self.change)
        self.cancel_button = QPushButton()
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.change_button)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.rules)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addStretch(1)
        layout.addLayout(buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 60)
        context.language_changed.connect(self.retranslate)
        self.retranslate()
        (self.new if self.current.isHidden() else self.current).setFocus()

    def retranslate(self) -> None:
        """Every text in the interface language."""
        self.setWindowTitle(self.tr("Change password - ISAF Desk"))
        if self.required:
            self.intro.setText(self.tr(
                "Your password was set by an administrator. Choose your own password now: "
                "nothing else can be done until you do. Sign out if you do not want to "
                "choose it now."))
        else:
            self.intro.setText(self.tr(
                "Choose a new password. From now on it is the one to sign in with, on this "
                "computer and on any other, with or without a connection."))
        self.rules.setText(self.tr(
            "A password needs at least {0} characters, and the new one must not be the "
            "current one. Khmer or English letters, digits and spaces are all allowed. Keep "
            "it to yourself.").format(MIN_PASSWORD_LENGTH))
        self.current_label.setText(self.tr("&Current password"))
        self.new_label.setText(self.tr("&New password"))
        self.again_label.setText(self.tr("New password &again"))
        self.change_button.setText(self.tr("Change password"))
        self.cancel_button.setText(self.tr("Sign out") if self.required else self.tr("Cancel"))

    def _say(self, text: str, *, error: bool = True) -> None:
        self.status.setStyleSheet("color: #b00020;" if error else "")
        self.status.setText(text)

    def problem(self) -> tuple[str, QLineEdit] | None:
        """What is wrong with what was typed, before anything is sent, and where."""
        current, new, again = self.current.text(), self.new.text(), self.again.text()
        if not current:
            return self.tr("Type your current password."), self.current
        if not new:
            return self.tr("Type the new password."), self.new
        if len(new) < MIN_PASSWORD_LENGTH:
            return self.tr("The new password is too short: it has {0} characters, and it "
                           "needs at least {1}.").format(len(new), MIN_PASSWORD_LENGTH), self.new
        if new != again:
            return self.tr("The two new passwords are not the same: type the new password "
                           "again in both boxes."), self.again
        if new == current:
            return self.tr("The new password is the same as the current one: choose "
                           "another."), self.new
        return None

    def change(self) -> None:
        """Check what was typed, then change the password off the GUI thread."""
        if self._busy:
            return
        found = self.problem()
        if found is not None:
            text, field = found
            self._say(text)
            field.setFocus()
            field.selectAll()
            return
        self._set_busy(True)
        self._say(self.tr("Changing the password..."), error=False)
        session, profiles = self.session, self.context.profiles
        old, new = self.current.text(), self.new.text()

        def run(_work: Work) -> bool:
            return change_password(session, profiles, old, new)

        self.context.operations.run(run, on_done=self._changed, on_error=self._refused)

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        for widget in (self.current, self.new, self.again, self.change_button,
                       self.cancel_button):
            widget.setEnabled(not busy)

    def _changed(self, followed: bool) -> None:
        self._set_busy(False)
        self.changed, self.followed_here = True, followed
        for field in (self.current, self.new, self.again):
            field.clear()
        self.accept()

    def _refused(self, error: Exception) -> None:
        self._set_busy(False)
        self._say(password_error_text(error, self.session.role))
        field = self.current if isinstance(error, ServerRefusal) \
            and error.code == "wrong_password" and not self.current.isHidden() else self.new
        for typed in (self.new, self.again) if field is self.new else (self.current,):
            typed.clear()
        field.setFocus()

    def reject(self) -> None:
        """Close, unless the change is under way (its answer decides)."""
        if self._busy:
            return
        for field in (self.current, self.new, self.again):
            field.clear()
        super().reject()


def changed_text(followed_here: bool) -> str:
    """What a changed password means for this person, in the interface language."""
    translate = QCoreApplication.translate
    if followed_here:
        return translate("PasswordDialog", "Your password is changed. Use the new one from "
                                           "now on, on this computer and on any other, with "
                                           "or without a connection.")
    return translate("PasswordDialog", "Your password is changed on the server. On this "
                                       "computer, sign in with a connection once with the "
                                       "new password: until then, without a connection, "
                                       "the password of your last sign-in here still works.")


def open_password_change(context: AppContext, parent: QWidget) -> PasswordDialog | None:
    """File > Change password…: the dialog when online; offline, why it cannot be done."""
    translate = QCoreApplication.translate
    session = context.session
    if session is None:
        return None
    title = translate("PasswordDialog", "Change password")
    if not session.online:
        context.interaction.inform(parent, title, translate(
            "PasswordDialog", "You are working offline: changing your password needs a "
                              "connection to the server. Sync once the connection is back "
                              "(or sign in with a connection), then try again."))
        return None
    dialog = PasswordDialog(context, session, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def finished(_result: int) -> None:
        if dialog.changed:
            context.interaction.inform(parent, title, changed_text(dialog.followed_here))

    dialog.finished.connect(finished)
    dialog.open()
    return dialog


def ask_new_password(context: AppContext, session: UserSession, parent: QWidget,
                     current: str, *, on_changed: Callable[[], None],
                     on_signed_out: Callable[[], None]) -> PasswordDialog:
    """Right after an online sign-in the server answered with `must_change_password`: the
    dialog, with the password just typed as the current one. Once changed, `on_changed`
    (the session goes on); cancelled, the sign-in ends, on the server too (its tokens
    could only change the password anyway), then `on_signed_out`."""
    dialog = PasswordDialog(context, session, parent, required=True, current=current)

    def end(_work: Work) -> None:
        try:
            session.transport.logout()
        except (TransportError, ServerRefusal):
            pass  # its tokens expire anyway, and allow nothing but the change
        finally:
            session.close()

    def finished(_result: int) -> None:
        dialog.deleteLater()
        if dialog.changed:
            on_changed()
            return
        context.operations.run(end, on_done=lambda _none: on_signed_out(),
                               on_error=lambda _error: on_signed_out())

    dialog.finished.connect(finished)
    dialog.open()
    return dialog
