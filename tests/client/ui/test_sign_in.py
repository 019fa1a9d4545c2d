"""The sign-in screen, driven offscreen over the real widgets: online against the real
server process of tests/sync, offline against the verifier kept on this computer."""

from __future__ import annotations

import json
import os
import socket
import threading
from collections.abc import Iterator
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from client.context import AppContext
from client.fonts import install_fonts
from client.i18n import current_language
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
from client.store.repository import LocalStore
from client.ui.sign_in import SignInDialog
from common.db import utc_now
from tests.server.conftest import PASSWORD
from tests.sync.conftest import Link, link  # noqa: F401 - the real server process

KHMER_PASSWORD = "ពាក្យសម្ងាត់ខ្ញុំ ២០២៦"
#: The Khmer the dialog shows for "Password" (client/i18n/isaf_km.ts).
KHMER_PASSWORD_LABEL = "ពាក្យសម្ងាត់"


#: Every test starts and ends in English with the application's font, as others expect.
pytestmark = pytest.mark.usefixtures("english_afterwards")


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


def signed_in_before(context: AppContext, username: str, password: str,
                     user: dict[str, object], server: str) -> Path:
    """This computer as an online sign-in of the account left it: its verifier, and its
    store (made at that sign-in); the store's path."""
    profile = context.profiles.remember(username, password, user, server)
    LocalStore(profile.store_path).close()
    return profile.store_path


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
    the process on Khmer)."""
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
    # Offline, and why: nothing answers at that port (the network itself works).
    assert dialog.notice.startswith("Working offline. Nothing answers at " + closed_port)
    assert "check the server address and its port" in dialog.notice
    assert dialog.status.text() == dialog.notice
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
    assert dialog.status.text().startswith(f"Nothing answers at {closed_port}")


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
    signed_in_before(context, "sokha", KHMER_PASSWORD, user, closed_port)
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
    # The days of offline sign-in in Khmer digits, as the form shows figures.
    assert "៣០" in dialog.help.text() and "30" not in dialog.help.text()
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
    signed_in_before(context, "dara", PASSWORD, user, closed_port)
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


# --------------------------------------------------------------------------- the address


def test_a_click_into_the_address_selects_it_so_typing_replaces_it(
        context: AppContext, qtbot: QtBot) -> None:
    dialog = open_dialog(context, qtbot, server="http://127.0.0.1:5000")
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.username.setFocus()
    qtbot.mouseClick(dialog.server, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.server.selectedText() == "http://127.0.0.1:5000")
    qtbot.keyClicks(dialog.server, "192.168.1.10:5702")
    assert dialog.server.text() == "192.168.1.10:5702"
    # Emptied, it shows how an address is written.
    dialog.server.clear()
    assert dialog.server.placeholderText() == "for example http://192.168.1.10:5000"


@pytest.mark.parametrize(("typed", "told"), [
    # Typed after the address that was there: the old error was "Invalid port: '...'".
    ("http://127.0.0.1:5000127.0.0.1:5702",
     'The port "5000127.0.0.1:5702" in the server address is not right: it is one number, '
     "from 1 to 65535. Type it like http://192.168.1.10:5000"),
    ("http://192.168.1 .10:5000", "The server address cannot contain spaces."),
    ("ftp://192.168.1.10", "starts with http:// or https://, not ftp://."),
    ("http://focal:secret@192.168.1.10", "Do not put a user name or password in the server "
                                         "address"),
    ("http://192.168.1.10/5000", 'Remove "/5000" from the server address'),
    ("http://10.0.0.256:5000", '"10.0.0.256" in the server address is not a computer name'),
])
def test_a_mistyped_address_is_said_before_anything_is_sent(
        context: AppContext, qtbot: QtBot, typed: str, told: str) -> None:
    dialog = open_dialog(context, qtbot, server=typed)
    dialog.username.setEditText("focal")
    dialog.password.setText("anything")
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert not dialog._busy and not context.operations.running  # nothing was sent
    assert told in dialog.status.text()
    assert "secret" not in dialog.status.text() and "Invalid" not in dialog.status.text()
    assert dialog.server.hasFocus() or dialog.server.selectedText() == dialog.server.text()


def test_the_api_or_its_documentation_address_signs_in_to_the_server(
        context: AppContext, qtbot: QtBot, link: Link) -> None:  # noqa: F811
    base = server_url(link)
    dialog = open_dialog(context, qtbot, server=f" {base}/api/v1/docs/ ")
    attempt(dialog, qtbot, "focal", PASSWORD)
    assert context.session is not None and context.session.online, dialog.status.text()
    # The server's base is what is shown, kept and used.
    assert dialog.server.text() == base
    assert Settings.load(context.home).server == base
    assert context.session.transport.base_url == base


# --------------------------------------------------------------------------- why offline


class NotFoundPage(BaseHTTPRequestHandler):
    """Another web server: a "not found" page for any sign-in."""

    status = 404

    def do_POST(self) -> None:
        page = b"<html><body><h1>404 Not Found</h1>nginx</body></html>"
        self.send_response(self.status)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(page)))
        self.end_headers()
        self.wfile.write(page)

    def log_message(self, *_args: object) -> None:
        """Quiet."""


class PortalPage(NotFoundPage):
    """A Wi-Fi sign-in page, answered (200) for any address."""

    status = 200


def serve(handler: type[BaseHTTPRequestHandler]) -> Iterator[str]:
    """The address of a web server with this handler, while the test runs."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()
    thread.join(timeout=10)


@pytest.fixture
def web_server() -> Iterator[str]:
    """The address of a web server that is not an ISAF Desk server."""
    yield from serve(NotFoundPage)


@pytest.fixture
def portal() -> Iterator[str]:
    """The address of a Wi-Fi sign-in page."""
    yield from serve(PortalPage)


@pytest.fixture
def silent_server() -> Iterator[str]:
    """The address of a computer that takes the connection and never answers."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen(8)
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"


KNOWN = {"id": "00000000-0000-4000-8000-0000000000c1", "username": "vanna", "role": "caf",
         "area_code": "010201"}


def test_an_offline_sign_in_says_whether_the_network_or_the_address_is_at_fault(
        context: AppContext, qtbot: QtBot, web_server: str, portal: str,
        silent_server: str, closed_port: str) -> None:
    signed_in_before(context, "vanna", PASSWORD, KNOWN, closed_port)
    cases = [
        # A typo in the port: the computer answers, nothing listens there.
        (closed_port, f"Nothing answers at {closed_port}: check the server address and its "
                      "port"),
        # A typo in the name: no such computer.
        ("http://isaf-serevr.invalid:5000", "No computer with the address "
                                            "http://isaf-serevr.invalid:5000 was found"),
        # Another web server (its "not found" page), and a Wi-Fi sign-in page.
        (web_server, f"{web_server} is not an ISAF Desk server: check the server address."),
        (portal, f"{portal} is not an ISAF Desk server: check the server address."),
        # Nothing answers in time.
        (silent_server, f"The server at {silent_server} did not answer in time"),
        # https typed for a server that speaks http.
        (web_server.replace("http://", "https://"), "No secure connection could be made "
         f"with {web_server.replace('http://', 'https://')}: check whether the address "
         "starts with http:// or https://."),
    ]
    for server, told in cases:
        dialog = open_dialog(context, qtbot, server=server)
        dialog.timeout = 1.0
        attempt(dialog, qtbot, "vanna", PASSWORD)
        session = context.session
        assert session is not None and not session.online, dialog.status.text()
        assert dialog.notice.startswith("Working offline. " + told), dialog.notice
        assert dialog.notice.endswith("Your work is kept on this computer and sent at the "
                                      "next sync.")
        context.end_session()


def test_a_web_page_that_is_not_an_isaf_desk_server_is_told_at_a_first_sign_in(
        context: AppContext, qtbot: QtBot, web_server: str) -> None:
    dialog = open_dialog(context, qtbot, server=web_server)
    attempt(dialog, qtbot, "nobody", PASSWORD)
    assert context.session is None
    assert dialog.status.text().startswith(
        f"{web_server} is not an ISAF Desk server: check the server address. This account "
        "has never signed in on this computer.")
    assert "<html>" not in dialog.status.text() and "404" not in dialog.status.text()


# --------------------------------------------------------------------------- wrong passwords


def wrong_offline(context: AppContext, qtbot: QtBot, server: str, password: str) -> str:
    dialog = open_dialog(context, qtbot, server=server)
    attempt(dialog, qtbot, "vanna", password)
    assert context.session is None
    return dialog.status.text()


def move_wait_into_the_past(context: AppContext) -> None:
    """The wait goes by (no test waits for minutes)."""
    accounts_file = context.home / "accounts.json"
    accounts = json.loads(accounts_file.read_text(encoding="utf-8"))
    accounts["vanna"]["retry_after"] = (utc_now() - timedelta(seconds=1)).isoformat()
    accounts_file.write_text(json.dumps(accounts), encoding="utf-8")


def test_wrong_offline_passwords_are_slowed_down_across_restarts(
        context: AppContext, qtbot: QtBot, closed_port: str, qapp: QApplication) -> None:
    signed_in_before(context, "vanna", PASSWORD, KNOWN, closed_port)
    for _ in range(4):
        told = wrong_offline(context, qtbot, closed_port, "guess")
        assert told.startswith("The user name or password is not right.")
        assert "wait" not in told
    told = wrong_offline(context, qtbot, closed_port, "guess")
    assert told.endswith("Too many wrong passwords on this computer: wait 1 minute(s), then "
                         "try again.")
    # Even the right password waits; starting the application again does not help.
    again = AppContext(context.home)
    assert wrong_offline(again, qtbot, closed_port, PASSWORD) == (
        "Too many wrong passwords on this computer: wait 1 minute(s), then try again.")

    move_wait_into_the_past(again)
    # Each further failure waits longer.
    told = wrong_offline(again, qtbot, closed_port, "guess again")
    assert told.endswith("wait 1 minute(s), then try again.")
    move_wait_into_the_past(again)
    told = wrong_offline(again, qtbot, closed_port, "and again")
    assert told.endswith("wait 2 minute(s), then try again.")

    move_wait_into_the_past(again)
    dialog = open_dialog(again, qtbot, server=closed_port)
    attempt(dialog, qtbot, "vanna", PASSWORD)  # right, after the wait
    assert again.session is not None
    again.end_session()
    # The count starts again from nothing.
    told = wrong_offline(again, qtbot, closed_port, "one slip")
    assert "wait" not in told


def test_an_online_sign_in_clears_the_wrong_offline_passwords(
        context: AppContext, qtbot: QtBot, link: Link, closed_port: str) -> None:  # noqa: F811
    sign_in_online(context, qtbot, link, "caf")
    context.end_session()
    for _ in range(6):
        dialog = open_dialog(context, qtbot, server=closed_port)
        attempt(dialog, qtbot, "caf", "guess")
    assert "Too many wrong passwords on this computer" in dialog.status.text()
    sign_in_online(context, qtbot, link, "caf")
    context.end_session()
    dialog = open_dialog(context, qtbot, server=closed_port)
    attempt(dialog, qtbot, "caf", PASSWORD)
    assert context.session is not None and not context.session.online


# --------------------------------------------------------------------------- a lost store


def test_a_lost_store_is_started_again_online_only_when_the_person_agrees(
        context: AppContext, qtbot: QtBot, link: Link, closed_port: str) -> None:  # noqa: F811
    first = sign_in_online(context, qtbot, link, "focal")
    path, device = first.profile.store_path, first.store.device_id
    context.end_session()
    path.unlink()  # deleted by someone, with whatever it held

    dialog = open_dialog(context, qtbot, server=server_url(link))
    attempt(dialog, qtbot, "focal", PASSWORD)
    box = dialog.start_again_box
    assert box is not None and box.isVisible() and context.session is None
    assert str(path) in box.text() and "Changes made on this computer and not yet sent to " \
        "the server are not in it" in box.text() and "Restore a backup" in box.text()
    assert not path.exists()  # nothing made while the person reads
    cancel = next(b for b in box.buttons() if b.text() == "Cancel")
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.start_again_box is None)
    assert context.session is None and not path.exists()
    assert "missing from this computer" in dialog.status.text()

    attempt(dialog, qtbot, "focal", PASSWORD)
    box = dialog.start_again_box
    assert box is not None
    again = next(b for b in box.buttons() if b.text() == "Start again from the server's copy")
    qtbot.mouseClick(again, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: context.session is not None, timeout=30_000)
    session = context.session
    assert session is not None and session.online and path.exists()
    assert session.store.device_id != device  # a new start is a new device for the server
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_a_first_sign_in_refused_for_its_store_lets_the_store_go(
        context: AppContext, qtbot: QtBot, link: Link) -> None:  # noqa: F811
    from client.sync.transport import Transport

    probe = Transport(server_url(link), retries=0)
    user_id = probe.login("focal", PASSWORD, device_id=None)["id"]
    probe.close()
    # Something that is not a database where the new store must go: the screen says so...
    folder = context.profiles.root / "profiles" / str(user_id)
    folder.mkdir(parents=True)
    (folder / "store.sqlite").write_bytes(b"not a database" * 100)
    dialog = open_dialog(context, qtbot, server=server_url(link))
    attempt(dialog, qtbot, "focal", PASSWORD)
    assert context.session is None
    assert "cannot be read" in dialog.status.text()
    # ... and once it is put right, signing in again is not told the store is in use.
    (folder / "store.sqlite").unlink()
    attempt(dialog, qtbot, "focal", PASSWORD)
    assert dialog.result() == QDialog.DialogCode.Accepted, dialog.status.text()
    assert context.session is not None and context.session.online
