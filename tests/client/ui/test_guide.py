"""The user guide (docs/guide-km.md, docs/guide-en.md) and the dialog that shows it: Help ▸
User guide and F1 in the main window, Help on the sign-in screen; the guide in the interface
language, with its pictures, and every section the guide must have in both languages."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from pytestqt.qtbot import QtBot

from client.context import AppContext
from client.fonts import install_fonts
from client.i18n import switch_language
from client.qt import QApplication, QFont, QFontMetrics, QKeySequence, Qt
from client.ui import guide_dialog
from client.ui.guide_dialog import GuideDialog, guide_folder, guide_path, split_anchors
from client.ui.main_window import MainWindow
from client.ui.sign_in import SignInDialog
from client.ui.text import plain
from tests.client.ui.conftest import open_window

#: The sections the guide must have (issue 19), by their names in both guides.
SECTIONS = ("install", "first-sign-in", "offline-entry", "sync", "conflicts", "printing",
            "usb-bundles", "troubleshooting")
#: A heading of each guide, as the reader sees it.
KHMER_HEADING = "ធ្វើសមកាលកម្ម៖ ផ្ញើ និងទទួល"
ENGLISH_HEADING = "Sync: send and receive"
_IMAGE = re.compile(r"!\[[^\]]*\]\(([^)\s]+)\)")


#: Every test starts and ends in English with the application's font, as others expect.
pytestmark = pytest.mark.usefixtures("english_afterwards")


def shown_guide(window: MainWindow) -> GuideDialog:
    """The guide dialog the window opened."""
    dialogs = [d for d in window.findChildren(GuideDialog) if d.isVisible()]
    assert len(dialogs) == 1
    return dialogs[0]


def test_f1_opens_the_guide_in_english(offline_context: AppContext, qtbot: QtBot) -> None:
    window = open_window(qtbot, offline_context)
    with qtbot.waitActive(window):  # a shortcut reaches the active window only
        window.show()
        window.activateWindow()
    action = window.actions_["guide"]
    assert action.shortcut() == QKeySequence("F1")
    assert action in window.help_menu.actions() and action.text() == "User guide"
    qtbot.keyClick(window, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: any(d.isVisible() for d in window.findChildren(GuideDialog)))
    dialog = shown_guide(window)
    assert dialog.path == guide_path("en")
    assert ENGLISH_HEADING in plain(dialog.browser.toPlainText())
    # F1 again brings the same guide forward rather than a second one.
    window.actions_["guide"].trigger()
    assert shown_guide(window) is dialog
    dialog.close()


def test_the_menu_opens_the_khmer_guide_in_khmer(offline_context: AppContext, qtbot: QtBot,
                                                  qapp: QApplication) -> None:
    family = install_fonts(qapp)
    switch_language(offline_context, "km")
    window = open_window(qtbot, offline_context)
    assert window.help_menu.title() == "ជំនួយ"
    window.actions_["guide"].trigger()
    dialog = shown_guide(window)
    assert dialog.path == guide_path("km")
    text = plain(dialog.browser.toPlainText())
    assert KHMER_HEADING in text and ENGLISH_HEADING not in text
    # The application's Khmer font draws it: every Khmer letter has a glyph in it.
    assert family in dialog.browser.document().defaultFont().families()
    metrics = QFontMetrics(QFont(family))
    assert all(metrics.inFontUcs4(ord(char)) for char in text if "\u1780" <= char <= "\u17ff")

    # The switch inside the dialog shows the other language; the interface stays Khmer.
    dialog.language_box.setCurrentIndex(dialog.language_box.findData("en"))
    assert dialog.path == guide_path("en")
    assert ENGLISH_HEADING in plain(dialog.browser.toPlainText())
    assert window.help_menu.title() == "ជំនួយ"
    dialog.close()


def test_the_sign_in_screen_opens_the_guide(tmp_path: Path, qtbot: QtBot,
                                            qapp: QApplication) -> None:
    context = AppContext(tmp_path / "home")
    dialog = SignInDialog(context)
    qtbot.addWidget(dialog)
    assert dialog.guide_button.text() == "Help"
    assert dialog.guide_button.shortcut() == QKeySequence("F1")
    qtbot.mouseClick(dialog.guide_button, Qt.MouseButton.LeftButton)
    guides = [d for d in dialog.findChildren(GuideDialog) if d.isVisible()]
    assert len(guides) == 1 and guides[0].path == guide_path("en")
    guides[0].close()


@pytest.mark.parametrize("language", ["km", "en"])
def test_every_picture_of_the_guide_exists_and_loads(offline_context: AppContext,
                                                     qtbot: QtBot, language: str) -> None:
    path = guide_path(language)
    named = _IMAGE.findall(path.read_text(encoding="utf-8"))
    assert len(named) >= 8
    for name in named:
        assert (path.parent / name).is_file(), name
    dialog = GuideDialog(offline_context)
    qtbot.addWidget(dialog)
    dialog.show_guide(language)
    assert dialog.images() == named
    for name in named:
        assert dialog.image_loaded(name), name


@pytest.mark.parametrize("language", ["km", "en"])
def test_every_section_is_in_both_guides_and_its_links_lead_to_it(
        offline_context: AppContext, qtbot: QtBot, language: str) -> None:
    text = guide_path(language).read_text(encoding="utf-8")
    _markdown, names = split_anchors(text)
    assert set(SECTIONS) <= set(names.values())
    dialog = GuideDialog(offline_context)
    qtbot.addWidget(dialog)
    dialog.show_guide(language)
    assert set(SECTIONS) <= dialog.anchors()
    # The contents at the top link to every section.
    for name in SECTIONS:
        assert f"](#{name})" in text, name
    # Both guides hold the same sections, in the same order.
    other = guide_path("en" if language == "km" else "km").read_text(encoding="utf-8")
    assert list(split_anchors(other)[1].values()) == list(names.values())
    assert len(text.splitlines()) <= 400


def test_links_lead_to_a_section_or_to_the_other_language(offline_context: AppContext,
                                                         qtbot: QtBot) -> None:
    dialog = GuideDialog(offline_context)
    qtbot.addWidget(dialog)
    dialog.resize(700, 500)
    dialog.show()
    bar = dialog.browser.verticalScrollBar()
    assert bar.value() == 0
    dialog.browser.anchorClicked.emit(QUrl("#troubleshooting"))
    assert bar.value() > 0
    dialog.browser.anchorClicked.emit(QUrl("guide-km.md"))
    assert dialog.path == guide_path("km")
    assert dialog.language_box.currentData() == "km"


def test_a_missing_guide_is_said_in_words(offline_context: AppContext, qtbot: QtBot,
                                          tmp_path: Path) -> None:
    dialog = GuideDialog(offline_context, folder=tmp_path)
    qtbot.addWidget(dialog)
    assert dialog.path is None
    said = plain(dialog.error.text())
    assert "is not on this computer" in said and str(tmp_path / "guide-en.md") in said
    assert "your district office" in said  # the focal point's help desk


def test_a_frozen_bundle_finds_the_guides_at_its_root(monkeypatch: pytest.MonkeyPatch,
                                                      tmp_path: Path) -> None:
    assert guide_folder() == Path(guide_dialog.__file__).resolve().parents[2] / "docs"
    monkeypatch.setattr("sys.frozen", True, raising=False)
    monkeypatch.setattr("sys._MEIPASS", str(tmp_path), raising=False)
    assert guide_folder() == tmp_path / "docs"
