"""The Restore a backup screen, driven offscreen over a real encrypted laptop: it lists the
copies in words, puts the chosen one back after the password and a confirmation, and says
why when it does not."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from client.context import AppContext
from client.i18n import switch_language
from client.interaction import ScriptedInteraction
from client.profiles import Profiles
from client.session import sign_in
from client.ui.restore_dialog import RestoreDialog
from tests.client.test_store_upgrade import NO_SERVER, RELEASES, _laptop
from tests.fixtures.stores.make_fixture import PASSWORD, USER

USERNAME = USER["username"]
FORM = "kept-form-2026"


@pytest.fixture
def home(tmp_path: Path) -> Path:
    """A laptop that signed in once with this release, then typed a figure."""
    folder = tmp_path / "home"
    profiles = _laptop(RELEASES[0], folder)
    session = sign_in(profiles, NO_SERVER, USERNAME, PASSWORD, timeout=2)
    try:
        session.store.save_values(FORM, {"catchment_population": 4242})
    finally:
        session.close()
    return folder


def _figure(home: Path) -> object:
    session = sign_in(Profiles(home), NO_SERVER, USERNAME, PASSWORD, timeout=2)
    try:
        return session.store.values(FORM).get("catchment_population")
    finally:
        session.close()


def _dialog(home: Path, qtbot: QtBot, language: str = "en") -> tuple[RestoreDialog,
                                                                     ScriptedInteraction]:
    script = ScriptedInteraction()
    context = AppContext(home, interaction=script)
    switch_language(context, language)
    dialog = RestoreDialog(context, USERNAME)
    qtbot.addWidget(dialog)
    return dialog, script


def _row_of(dialog: RestoreDialog, why: str) -> int:
    return next(n for n, b in enumerate(dialog.backups) if b.why == why)


def test_the_chosen_copy_is_put_back_after_the_password_and_a_yes(home: Path,
                                                                   qtbot: QtBot) -> None:
    dialog, script = _dialog(home, qtbot)
    words = [dialog.table.item(r, 1).text() for r in range(dialog.table.rowCount())]
    assert "The day's copy, made at sign-in" in words
    assert "Before an upgrade of ISAF Desk" in words
    dialog.table.selectRow(_row_of(dialog, "daily"))
    dialog.password.setText(PASSWORD)
    script.reply(True)
    with qtbot.waitSignal(dialog.accepted, timeout=20_000):
        dialog.restore_button.click()
    asked = [a for a in script.asked if a.kind == "confirm"]
    assert "not sent to the server is not in it" in asked[0].text
    assert any("is back" in told for told in script.told)
    assert _figure(home) is None  # the day's copy was made before the figure


def test_a_wrong_password_or_a_no_puts_nothing_back(home: Path, qtbot: QtBot) -> None:
    dialog, script = _dialog(home, qtbot)
    dialog.table.selectRow(_row_of(dialog, "daily"))
    dialog.password.setText(PASSWORD)
    script.reply(False)
    dialog.restore_button.click()
    assert dialog.message.text() == ""  # a No: nothing started
    dialog.password.setText("not the password")
    script.reply(True)
    dialog.restore_button.click()
    qtbot.waitUntil(lambda: "Wrong password" in dialog.message.text(), timeout=20_000)
    assert dialog.restore_button.isEnabled()
    assert _figure(home) == 4242


def test_in_khmer_the_list_and_the_question_are_khmer(home: Path, qtbot: QtBot) -> None:
    dialog, _script = _dialog(home, qtbot, "km")
    texts = [dialog.windowTitle(), dialog.intro.text(), dialog.restore_button.text(),
             *(dialog.table.item(r, c).text() for r in range(dialog.table.rowCount())
               for c in range(2))]
    for text in texts:
        assert any("\u1780" <= ch <= "\u17ff" for ch in text), text
    assert not any(ch in "0123456789" for ch in dialog.table.item(0, 0).text())
