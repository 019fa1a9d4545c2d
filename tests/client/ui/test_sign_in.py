"""The sign-in screen, driven offscreen over the real widgets: online against the real
server process of tests/sync, offline against the verifier kept on this computer."""

from __future__ import annotations

import json
import os
import socket
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from client.context import AppContext
from client.fonts import install_fonts
from client.i18n import apply_language, current_language
from client.profiles import OFFLINE_DAYS
from client.qt import (
    QApplication,
    QCoreApplication,
    QDialog,
    QEvent,
    QFont,
    QFontMetrics,
    QKeyEvent,
    QLabel,
    Qt,
)
from client.session import UserSession
from client.settings import Settings
from client.ui.sign_in import SignInDialog
from common.db import utc_now
from tests.server.conftest import PASSWORD
from tests.sync.conftest import Link, link  # noqa: F401 - the real server process

KHMER_PASSWORD = "ពាក្យសម្ងាត់ខ្ញុំ ២០២៦"
#: The Khmer the dialog shows for "Password" (client/i18n/isaf_km.ts).
KHMER_PASSWORD_LABEL = "ពាក្យសម្ងាត់"


@pytest.fixture(autouse=True)
def english_afterwards(qapp: QApplication) -> Iterator[None]:
    """Every test starts and ends in English with the application's font, as others expect."""
    font = QFont(qapp.font())
    apply_language(qapp, "en")
    yield
    apply_language(qapp, "en")
    qapp.setFont(font)


@pytest.fixture
def closed_port() -> str:
    """The address of a port nothing listens on: a server that cannot be reached."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"


@pytest.fixture
def context(tmp_path: Path, qapp: QApplication) -> Iterator[AppContext]:
    """A computer nobody signed in on yet."""
    context = AppContext(tmp_path / "home")
    yield context
    context.end_session()


def server_url(link: Link) -> str:  # noqa: F811 - `link` is the fixture's value here
    """The real server's address."""
    return f"http://127.0.0.1:{link.server.port}"


def open_dialog(context: AppContext, qtbot: QtBot, *, server: str) -> SignInDialog:
    """The sign-in screen as a person finds it, showing `server` as the address."""
    dialog = SignInDialog(context)
    qtbot.addWidget(dialog)
    dialog.server.setText(server)
    dialog.show()
    return dialog


def type_text(widget: object, text: str) -> None:
    """Type `text` key by key as a keyboard layout would (Khmer too: qtbot.keyClicks aborts
    the process on Khmer, docs/KHMER.md)."""
    for character in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QCoreApplication.sendEvent(
                widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, character))


def attempt(dialog: SignInDialog, qtbot: QtBot, username: str, password: str) -> None:
    """Type a user name and password, press Enter, and wait for the answer."""
    dialog.username.setEditText(username)
    dialog.password.clear()
    type_text(dialog.password, password)
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog._busy, timeout=30_000)


def sign_in_online(context: AppContext, qtbot: QtBot, link: Link,  # noqa: F811
                   username: str) -> UserSession:
    """An online sign-in through the screen; returns the session it started."""
    dialog = open_dialog(context, qtbot, server=server_url(link))
    attempt(dialog, qtbot, username, PASSWORD)
    assert dialog.result() == QDialog.DialogCode.Accepted, dialog.status.text()
    assert context.session is not None
    return context.session


def test_a_person_signs_in_online_then_offline_with_the_kept_verifier(
        context: AppContext, qtbot: QtBot, link: Link, closed_port: str) -> None:  # noqa: F811
    dialog = open_dialog(context, qtbot, server=server_url(link))
    assert dialog.username.currentText() == ""  # nobody signed in here yet
    dialog.username.setEditText("focal")
    type_text(dialog.password, PASSWORD)
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    # The sign-in runs off the GUI thread: the window answers at once, waiting.
    assert dialog.status.text() == "Signing in..." and not dialog.password.isEnabled()
    qtbot.waitUntil(lambda: context.session is not None, timeout=30_000)
    session = context.session
    assert session is not None and session.online and session.profile.username == "focal"
    assert dialog.result() == QDialog.DialogCode.Accepted and dialog.notice == ""
    assert dialog.password.text() == ""  # nothing of the password stays in the window
    kept = Settings.load(context.home)
    assert kept.server == server_url(link) and kept.last_username == "focal"
    context.end_session()

    dialog = open_dialog(context, qtbot, server=closed_port)
    assert dialog.username.currentText() == "focal"  # the last person, as a default
    assert [dialog.username.itemText(i) for i in range(dialog.username.count())] == ["focal"]
    assert dialog.server.text() == closed_port
    attempt(dialog, qtbot, "focal", PASSWORD)
    session = context.session
    assert session is not None and not session.online
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert "working offline" in dialog.notice and "working offline" in dialog.status.text()
    # The address that did not answer is not kept over the one that did.
    assert Settings.load(context.home).server == server_url(link)


def test_a_wrong_password_is_refused_online_and_offline(
        context: AppContext, qtbot: QtBot, link: Link, closed_port: str) -> None:  # noqa: F811
    dialog = open_dialog(context, qtbot, server=server_url(link))
    attempt(dialog, qtbot, "caf", "not the password")
    assert context.session is None and dialog.isVisible()
    assert dialog.status.text() == ("The user name or password is not right. Check them and "
                                    "try again.")
    assert dialog.password.text() == "" and dialog.username.currentText() == "caf"

    sign_in_online(context, qtbot, link, "caf")
    context.end_session()
    dialog = open_dialog(context, qtbot, server=closed_port)
    attempt(dialog, qtbot, "caf", "not the password")
    assert context.session is None and dialog.isVisible()
    assert dialog.status.text().startswith("The user name or password is not right. (The "
                                           "server could not be reached")


def test_a_first_sign_in_without_the_server_is_refused(
        context: AppContext, qtbot: QtBot, closed_port: str) -> None:
    dialog = open_dialog(context, qtbot, server=closed_port)
    attempt(dialog, qtbot, "dmk", PASSWORD)
    assert context.session is None
    assert "has never signed in on this computer" in dialog.status.text()
    assert "The first sign-in needs a connection to the server" in dialog.status.text()


def test_an_offline_sign_in_after_the_offline_window_is_refused(
        context: AppContext, qtbot: QtBot, link: Link, closed_port: str) -> None:  # noqa: F811
    sign_in_online(context, qtbot, link, "province")
    context.end_session()
    accounts_file = context.home / "accounts.json"
    accounts = json.loads(accounts_file.read_text(encoding="utf-8"))
    long_ago = utc_now() - timedelta(days=OFFLINE_DAYS, hours=1)
    accounts["province"]["last_online"] = long_ago.isoformat()
    accounts_file.write_text(json.dumps(accounts), encoding="utf-8")

    dialog = open_dialog(context, qtbot, server=closed_port)
    attempt(dialog, qtbot, "province", PASSWORD)
    assert context.session is None
    assert f"more than {OFFLINE_DAYS} days ago" in dialog.status.text()
    # The way back is one online sign-in.
    dialog.server.setText(server_url(link))
    attempt(dialog, qtbot, "province", PASSWORD)
    assert context.session is not None and context.session.online


def test_two_people_on_one_computer_get_separate_stores(
        context: AppContext, qtbot: QtBot, link: Link) -> None:  # noqa: F811
    first = sign_in_online(context, qtbot, link, "focal")
    first_folder, first_device = first.profile.folder, first.store.device_id
    context.end_session()
    assert context.session is None
    assert first.store.engine.pool.checkedout() == 0  # its database file is let go
    assert first.transport._client.is_closed  # and its link to the server

    dialog = open_dialog(context, qtbot, server=server_url(link))
    assert dialog.password.text() == ""
    attempt(dialog, qtbot, "editor", PASSWORD)
    second = context.session
    assert second is not None and second.profile.username == "editor"
    assert second.profile.folder != first_folder
    assert second.profile.store_path != first.profile.store_path
    assert second.store.device_id != first_device
    assert second.store.get_state("access_token") != first.transport.access_token
    assert sorted(context.profiles.usernames()) == ["editor", "focal"]


def test_a_khmer_password_typed_on_the_keyboard_signs_in(
        context: AppContext, qtbot: QtBot, closed_port: str) -> None:
    user = {"id": "00000000-0000-4000-8000-00000000c0de", "username": "sokha",
            "role": "caf", "area_code": "010201"}
    context.profiles.remember("sokha", KHMER_PASSWORD, user, closed_port)
    dialog = open_dialog(context, qtbot, server=closed_port)
    dialog.username.setEditText("sokha")
    type_text(dialog.password, KHMER_PASSWORD)
    assert dialog.password.text() == KHMER_PASSWORD
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: context.session is not None, timeout=30_000)
    assert context.session is not None and context.session.profile.username == "sokha"


def test_enter_in_the_user_name_signs_in_too(context: AppContext, qtbot: QtBot,
                                             closed_port: str) -> None:
    dialog = open_dialog(context, qtbot, server=closed_port)
    dialog.password.setText("something")
    dialog.username.setEditText("nobody")
    dialog.username.setFocus()
    qtbot.keyClick(dialog.username.lineEdit(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "never signed in" in dialog.status.text(), timeout=30_000)


def test_empty_fields_are_asked_for_without_a_sign_in(context: AppContext,
                                                      qtbot: QtBot) -> None:
    dialog = open_dialog(context, qtbot, server="")
    dialog.username.setEditText("focal")
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert dialog.status.text() == "Type your password." and not dialog._busy
    dialog.password.setText("x")
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert dialog.status.text() == "Type the server address." and not dialog._busy


def test_the_help_tells_how_long_offline_sign_in_works(context: AppContext,
                                                       qtbot: QtBot) -> None:
    dialog = open_dialog(context, qtbot, server="http://example.invalid")
    assert f"for {OFFLINE_DAYS} days" in dialog.help.text()
    assert f"{OFFLINE_DAYS} days" in dialog.password.toolTip()


def visible_texts(dialog: QDialog) -> list[str]:
    """The texts of the dialog's visible labels and buttons."""
    texts = [dialog.windowTitle()]
    for label in dialog.findChildren(QLabel):
        if label.isVisible():
            texts.append(label.text())
    texts += [dialog.sign_in_button.text(), dialog.cancel_button.text()]  # type: ignore
    return texts


def test_switching_language_retranslates_the_dialog_at_once(
        context: AppContext, qtbot: QtBot, qapp: QApplication, tmp_path: Path) -> None:
    family = install_fonts(qapp)
    dialog = open_dialog(context, qtbot, server="http://192.168.1.10:5000")
    dialog.username.setEditText("focal")
    english = visible_texts(dialog)
    assert "&Password" in english and "Sign in" in english
    folder = Path(os.environ.get("ISAF_TEST_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    assert dialog.grab().save(str(folder / "sign-in-en.png"))

    dialog.language.setCurrentIndex(dialog.language.findData("km"))
    assert current_language(qapp) == "km"
    khmer = visible_texts(dialog)
    assert any(KHMER_PASSWORD_LABEL in text for text in khmer)
    assert "Sign in" not in khmer
    assert Settings.load(context.home).language == "km"
    # Every Khmer letter shown exists in the shipped font: no boxes on any computer.
    metrics = QFontMetrics(QFont(family))
    shown = "".join(khmer)
    assert all(metrics.inFontUcs4(ord(c)) for c in shown if "\u1780" <= c <= "\u17ff")
    # Once laid out again, no label is cut: Khmer labels are wider than the English ones.
    labels = (dialog.username_label, dialog.password_label, dialog.server_label,
              dialog.language_label)
    qtbot.waitUntil(lambda: all(label.width() >= label.sizeHint().width()
                                for label in labels))
    assert dialog.grab().save(str(folder / "sign-in-km.png"))

    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    assert visible_texts(dialog) == english
    assert Settings.load(context.home).language == "en"


def test_a_language_chosen_elsewhere_reaches_the_open_dialog(
        context: AppContext, qtbot: QtBot) -> None:
    from client.i18n import switch_language

    dialog = open_dialog(context, qtbot, server="http://example.invalid")
    switch_language(context, "km")
    assert dialog.language.currentData() == "km"
    assert KHMER_PASSWORD_LABEL in dialog.password_label.text()


def test_closing_the_window_while_signing_in_leaves_nobody_signed_in(
        context: AppContext, qtbot: QtBot, closed_port: str) -> None:
    user = {"id": "00000000-0000-4000-8000-0000000000ab", "username": "dara", "role": "caf"}
    context.profiles.remember("dara", PASSWORD, user, closed_port)
    dialog = open_dialog(context, qtbot, server=closed_port)
    dialog.username.setEditText("dara")
    dialog.password.setText(PASSWORD)
    dialog.sign_in_button.click()
    assert dialog._busy
    dialog.reject()  # the person gave up waiting
    assert dialog.password.text() == "" and dialog.password.isEnabled()
    qtbot.waitUntil(lambda: not context.operations.running, timeout=30_000)
    assert context.session is None and dialog.result() == QDialog.DialogCode.Rejected

    dialog.show()  # the same window, used again, still signs in
    attempt(dialog, qtbot, "dara", PASSWORD)
    assert context.session is not None and dialog.result() == QDialog.DialogCode.Accepted
