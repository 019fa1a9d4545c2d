"""Changing one's password in the desktop application, over the real widgets and the real
server process of tests/sync: File > Change password… online (then the new password opens
this computer's data without a connection, and the old one no longer does), the same
asked for right after the sign-in of an account whose password an administrator chose
(before the main window; cancelling signs out), and what is said offline or on a mistake.

Every test makes its own account on the server, so the world's stay as they are.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import select
from sqlalchemy.orm import Session

from client.context import AppContext
from client.i18n import apply_language
from client.interaction import ScriptedInteraction
from client.qt import QApplication, QDialog, Qt
from client.store import crypto
from client.ui.password_dialog import PasswordDialog
from client.ui.sign_in import Refusal, SignInDialog
from common.db import make_engine
from server.accounts.models import User
from server.accounts.service import create_user, update_user
from tests.client.ui.conftest import open_window
from tests.client.ui.test_sign_in import attempt, closed_port, open_dialog  # noqa: F401
from tests.server.conftest import PASSWORD
from tests.sync.conftest import Link, link  # noqa: F401 - the real server process

NEW_PASSWORD = "my very own password"


@pytest.fixture(autouse=True)
def english(qapp: QApplication) -> Iterator[None]:
    apply_language(qapp, "en")
    yield
    apply_language(qapp, "en")


@pytest.fixture
def context(tmp_path: Path, qapp: QApplication) -> Iterator[AppContext]:
    """A computer nobody signed in on yet."""
    context = AppContext(tmp_path / "home")
    yield context
    context.end_session()


@pytest.fixture
def account(link: Link, module_database_url: str) -> Iterator[Callable[..., str]]:  # noqa: F811
    """Makes a CAF of commune 010201 on the server (its password PASSWORD), as an
    administrator's `isaf users create` does (`must_change`), or not; its username."""
    engine = make_engine(module_database_url)

    def make(*, must_change: bool) -> str:
        username = f"caf.{uuid.uuid4().hex[:8]}"
        with Session(engine) as session, session.begin():
            create_user(session, username=username, full_name="Person", password=PASSWORD,
                        role="caf", area_code="010201", must_change_password=must_change)
        return username

    yield make
    engine.dispose()


def server_url(link: Link) -> str:  # noqa: F811 - `link` is the fixture's value here
    return f"http://127.0.0.1:{link.server.port}"


def fill(dialog: PasswordDialog, current: str | None, new: str, again: str | None = None) -> None:
    """Type into the dialog (the current password only where it is asked)."""
    if current is not None:
        dialog.current.setText(current)
    dialog.new.setText(new)
    dialog.again.setText(new if again is None else again)


def change(qtbot: QtBot, dialog: PasswordDialog) -> None:
    """Click "Change password" and wait for the server's answer."""
    qtbot.mouseClick(dialog.change_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog._busy, timeout=30_000)


def the_password_dialog(qtbot: QtBot, parent: object) -> PasswordDialog:
    found: list[PasswordDialog] = []

    def shown() -> bool:
        found[:] = [d for d in parent.findChildren(PasswordDialog)  # type: ignore[attr-defined]
                    if d.isVisible()]
        return bool(found)

    qtbot.waitUntil(shown, timeout=10_000)
    return found[0]


def signed_in(context: AppContext, qtbot: QtBot, server: str, username: str,
              password: str) -> SignInDialog:
    dialog = open_dialog(context, qtbot, server=server)
    attempt(dialog, qtbot, username, password)
    return dialog


def asked_a_new_password(context: AppContext, qtbot: QtBot, server: str,
                         username: str) -> tuple[SignInDialog, PasswordDialog]:
    """An online sign-in with PASSWORD that the server answers with "must change
    password": the sign-in screen, and the dialog it opens over itself."""
    dialog = open_dialog(context, qtbot, server=server)
    dialog.username.setEditText(username)
    dialog.password.setText(PASSWORD)
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    return dialog, the_password_dialog(qtbot, dialog)


# ----------------------------------------------------------------- File > Change password


def test_a_password_changed_online_opens_this_computer_offline_and_the_old_one_not(
        context: AppContext, qtbot: QtBot, link: Link, account: Callable[..., str],  # noqa: F811
        told_script: ScriptedInteraction, closed_port: str) -> None:  # noqa: F811
    username = account(must_change=False)
    first = signed_in(context, qtbot, server_url(link), username, PASSWORD)
    assert first.result() == QDialog.DialogCode.Accepted, first.status.text()
    session = context.session
    assert session is not None and session.online
    session.store.set_state("kept_across", "yes")  # something of this person's, to find again
    window = open_window(qtbot, context)
    window.actions_["password"].trigger()
    dialog = the_password_dialog(qtbot, window)
    assert "at least 10 characters" in dialog.rules.text()  # the rules, before any typing

    fill(dialog, PASSWORD, NEW_PASSWORD)
    change(qtbot, dialog)  # closes it (and Qt deletes it)
    qtbot.waitUntil(lambda: bool(told_script.told), timeout=10_000)
    assert not [d for d in window.findChildren(PasswordDialog) if d.isVisible()]
    assert told_script.told[-1].startswith("Your password is changed. Use the new one")
    # The session goes on, with the server's new sign-in: no sign-in again.
    assert context.session is session and session.online
    session.transport.check()
    assert session.user["must_change_password"] is False
    context.end_session()
    window.close()

    # Without a connection: the new password opens the data (its key follows), the old
    # one is refused as a wrong password.
    old = signed_in(context, qtbot, closed_port, username, PASSWORD)
    assert old.result() != QDialog.DialogCode.Accepted
    assert old._status is not None and old._status[1].reason is Refusal.WRONG_PASSWORD_OFFLINE
    new = signed_in(context, qtbot, closed_port, username, NEW_PASSWORD)
    assert new.result() == QDialog.DialogCode.Accepted, new.status.text()
    assert context.session is not None and not context.session.online
    assert context.session.store.get_state("kept_across") == "yes"
    assert not crypto.is_plain(context.session.profile.store_path)


def test_offline_the_menu_says_why_it_cannot_change_the_password(
        offline_context: AppContext, qtbot: QtBot, told_script: ScriptedInteraction) -> None:
    window = open_window(qtbot, offline_context)
    window.actions_["password"].trigger()
    assert told_script.asked[-1].title == "Change password"
    assert "You are working offline: changing your password needs a connection" \
        in told_script.told[-1]
    assert not [d for d in window.findChildren(PasswordDialog) if d.isVisible()]


def test_mistakes_are_said_in_words_and_change_nothing(
        context: AppContext, qtbot: QtBot, link: Link,  # noqa: F811
        account: Callable[..., str], told_script: ScriptedInteraction) -> None:
    username = account(must_change=False)
    signed_in(context, qtbot, server_url(link), username, PASSWORD)
    window = open_window(qtbot, context)
    window.actions_["password"].trigger()
    dialog = the_password_dialog(qtbot, window)

    for current, new, again, said in (
            (PASSWORD, "short", None, "The new password is too short: it has 5 characters, "
                                      "and it needs at least 10."),
            (PASSWORD, NEW_PASSWORD, "another password", "The two new passwords are not "
                                                         "the same"),
            (PASSWORD, PASSWORD, None, "The new password is the same as the current one"),
            ("", NEW_PASSWORD, None, "Type your current password.")):
        fill(dialog, current, new, again)
        change(qtbot, dialog)
        assert dialog.status.text().startswith(said), dialog.status.text()
        assert dialog.isVisible()

    fill(dialog, "not my password", NEW_PASSWORD)
    change(qtbot, dialog)  # the server's refusal
    assert dialog.status.text().startswith("The current password is not right"), \
        dialog.status.text()
    assert dialog.isVisible() and dialog.current.hasFocus()
    dialog.reject()
    assert context.session is not None
    context.session.transport.check()  # the sign-in goes on
    assert not told_script.told  # no "changed" message


# ----------------------------------------------------------------- must change at sign-in


def test_a_password_an_administrator_chose_is_changed_before_the_main_window(
        context: AppContext, qtbot: QtBot, link: Link, account: Callable[..., str],  # noqa: F811
        closed_port: str) -> None:  # noqa: F811
    username = account(must_change=True)
    dialog, asked = asked_a_new_password(context, qtbot, server_url(link), username)
    # Not signed in yet: nothing opens before the new password.
    assert context.session is None and dialog.result() != QDialog.DialogCode.Accepted
    assert asked.required and asked.current.isHidden()  # typed a moment ago
    assert asked.cancel_button.text() == "Sign out"
    assert "Your password was set by an administrator" in asked.intro.text()

    fill(asked, None, NEW_PASSWORD)
    change(qtbot, asked)
    qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted, timeout=10_000)
    session = context.session
    assert session is not None and session.online
    assert session.user["must_change_password"] is False
    assert session.transport.get("/api/v1/units") is not None  # no longer held
    context.end_session()

    again = signed_in(context, qtbot, closed_port, username, NEW_PASSWORD)
    assert again.result() == QDialog.DialogCode.Accepted, again.status.text()


def test_cancelling_the_new_password_signs_out(
        context: AppContext, qtbot: QtBot, link: Link, account: Callable[..., str],  # noqa: F811
        closed_port: str) -> None:  # noqa: F811
    username = account(must_change=True)
    dialog, asked = asked_a_new_password(context, qtbot, server_url(link), username)
    qtbot.mouseClick(asked.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog._busy, timeout=10_000)
    assert context.session is None and dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.status.text().startswith("You are signed out: you must choose your own "
                                           "password"), dialog.status.text()
    assert dialog.isVisible() and dialog.password.text() == ""

    # Without a connection the password an administrator chose opens nothing either.
    offline = signed_in(context, qtbot, closed_port, username, PASSWORD)
    assert offline.result() != QDialog.DialogCode.Accepted
    assert offline._status is not None
    assert offline._status[1].reason is Refusal.PASSWORD_CHANGE_NEEDS_SERVER
    assert "you must choose your own before you can work" in offline.status.text()


# ----------------------------------------------------------------- refusals at sign-in


def test_a_password_reset_by_an_administrator_is_told_apart_from_a_mistyped_one(
        context: AppContext, qtbot: QtBot, link: Link, account: Callable[..., str],  # noqa: F811
        module_database_url: str) -> None:
    username = account(must_change=False)
    first = signed_in(context, qtbot, server_url(link), username, PASSWORD)
    assert first.result() == QDialog.DialogCode.Accepted
    context.end_session()
    engine = make_engine(module_database_url)
    with Session(engine) as session, session.begin():
        user_id = session.scalars(select(User.id).where(User.username == username)).one()
        update_user(session, user_id, {"password": "the administrator's choice",
                                       "must_change_password": True})
    engine.dispose()

    known = signed_in(context, qtbot, server_url(link), username, PASSWORD)
    assert known._status is not None and known._status[1].reason is Refusal.PASSWORD_CHANGED
    assert known.status.text().endswith(
        "your password was changed by an administrator, or your account was deactivated. "
        "Use the new password you were given; if you do not have one, ask your district "
        "office."), known.status.text()
    assert known.help.text().startswith("The first sign-in on this computer")

    typo = signed_in(context, qtbot, server_url(link), username, "not it at all")
    assert typo._status is not None and typo._status[1].reason is Refusal.WRONG_PASSWORD
    assert typo.status.text() == ("The user name or password is not right. Check them and "
                                  "try again.")
    # Whom to ask, with the refusal (in place of the usual help): a CAF's district office.
    assert typo.help.text() == ("If you forgot your password, ask your district office "
                                     "to reset it; you will choose a new one at the next "
                                     "sign-in.")
