"""The settings and about screens, and the fonts, driven offscreen over the real widgets."""

from __future__ import annotations

import configparser
import os
import platform
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from client.context import AppContext
from client.fonts import FONT_FILE, install_fonts
from client.i18n import apply_language, catalogue, current_language
from client.qt import (
    PYSIDE_VERSION,
    QApplication,
    QDialog,
    QFont,
    QFontMetrics,
    QGuiApplication,
    QLibraryInfo,
    Qt,
)
from client.settings import TEXT_SIZES, Settings
from client.ui.about_dialog import AboutDialog
from client.ui.settings_dialog import SettingsDialog
from tests.conftest import ROOT

#: Every test starts and ends in English with the application's font, as others expect.
pytestmark = pytest.mark.usefixtures("english_afterwards")


def open_settings(context: AppContext, qtbot: QtBot) -> SettingsDialog:
    """The settings screen, shown."""
    dialog = SettingsDialog(context)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_a_new_text_size_shows_at_once_and_is_kept(offline_context: AppContext,
                                                    qtbot: QtBot, qapp: QApplication) -> None:
    install_fonts(qapp, text_size=offline_context.settings.text_size)
    dialog = open_settings(offline_context, qtbot)
    about = AboutDialog(offline_context)  # another screen open at the same time
    qtbot.addWidget(about)
    assert dialog.text_size.currentData() == 11
    assert [dialog.text_size.itemData(i) for i in range(dialog.text_size.count())] == list(
        TEXT_SIZES)
    dialog.text_size.setCurrentIndex(dialog.text_size.findData(16))
    assert qapp.font().pointSize() == 16
    # Every open screen follows, as soon as the event loop turns.
    qtbot.waitUntil(lambda: dialog.server_label.font().pointSize() == 16)
    qtbot.waitUntil(lambda: about.summary.font().pointSize() == 16)
    assert Settings.load(offline_context.home).text_size == 16


def test_a_new_language_shows_at_once_everywhere_and_is_kept(
        offline_context: AppContext, qtbot: QtBot, qapp: QApplication) -> None:
    dialog = open_settings(offline_context, qtbot)
    about = AboutDialog(offline_context)
    qtbot.addWidget(about)
    assert dialog.language_label.text() == "&Language" and about.windowTitle() == (
        "About ISAF Desk")
    dialog.language.setCurrentIndex(dialog.language.findData("km"))
    assert current_language(qapp) == "km"
    assert Settings.load(offline_context.home).language == "km"
    assert dialog.language_label.text() == "ភាសា (&L)"
    assert dialog.windowTitle() == "ការកំណត់"
    assert about.windowTitle() == "អំពី ISAF Desk"  # a screen that did nothing itself
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    assert current_language(qapp) == "en" and dialog.windowTitle() == "Settings"
    assert Settings.load(offline_context.home).language == "en"


def test_a_server_address_is_completed_and_kept(offline_context: AppContext,
                                                qtbot: QtBot) -> None:
    dialog = open_settings(offline_context, qtbot)
    dialog.server.clear()
    qtbot.keyClicks(dialog.server, "192.168.1.10:5000")
    qtbot.keyClick(dialog.server, Qt.Key.Key_Return)  # Enter closes, keeping what was typed
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert Settings.load(offline_context.home).server == "http://192.168.1.10:5000"


def test_an_emptied_server_address_is_not_kept(offline_context: AppContext,
                                               qtbot: QtBot) -> None:
    before = offline_context.settings.server
    dialog = open_settings(offline_context, qtbot)
    dialog.server.clear()
    dialog.accept()
    assert dialog.server.text() == before
    assert Settings.load(offline_context.home).server == before


def test_the_about_screen_tells_versions_and_where_the_data_is(
        offline_context: AppContext, qtbot: QtBot) -> None:
    setup = configparser.ConfigParser()
    setup.read(ROOT / "setup.cfg")
    dialog = AboutDialog(offline_context)
    qtbot.addWidget(dialog)
    session = offline_context.session
    assert session is not None
    details = dialog.details()
    assert f"Version: {setup['metadata']['version']}" in details
    assert f"Python: {platform.python_version()}" in details
    assert f"Qt: {QLibraryInfo.version().toString()}" in details
    assert f"PySide: {PYSIDE_VERSION}" in details
    assert f"Data folder: {offline_context.home}" in details
    assert f"Your local database: {session.profile.store_path}" in details
    assert f"Log file: {offline_context.log_file}" in details
    dialog.copy_details()
    assert QGuiApplication.clipboard().text() == details

    offline_context.end_session()
    assert "Your local database: nobody is signed in" in dialog.details()


def test_the_shipped_font_has_every_khmer_letter_of_the_interface(qapp: QApplication,
                                                                  tmp_path: Path) -> None:
    # This machine has no Khmer font of its own (Debian without fonts-khmeros): the
    # shipped one must be enough.
    family = install_fonts(qapp, text_size=12)
    assert family == "Noto Sans Khmer" and FONT_FILE.exists()
    assert qapp.font().families()[0] == family and qapp.font().pointSize() == 12
    assert install_fonts(qapp) == family  # a second call loads nothing twice
    translations = "".join(
        element.text or "" for element in ET.parse(catalogue("km")).getroot().iter()
        if element.tag in ("translation", "numerusform"))
    khmer = {c for c in translations if "\u1780" <= c <= "\u17ff"}
    assert len(khmer) > 40
    metrics = QFontMetrics(QFont(family))
    assert [c for c in sorted(khmer) if not metrics.inFontUcs4(ord(c))] == []


def test_the_screens_render_in_khmer(offline_context: AppContext, qtbot: QtBot,
                                     qapp: QApplication, tmp_path: Path) -> None:
    """Grabs the screens in both languages; ISAF_TEST_SCREENSHOTS=folder keeps the PNGs to
    look at (docs/TRANSLATING.md)."""
    folder = Path(os.environ.get("ISAF_TEST_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    family = install_fonts(qapp)
    metrics = QFontMetrics(QFont(family))
    # Shaped, a subscript consonant takes no room of its own; unshaped it would follow
    # the base as a sign and a full letter.
    assert metrics.horizontalAdvance("ស្ម") < (metrics.horizontalAdvance("ស")
                                               + metrics.horizontalAdvance("ម"))
    images = {}
    for language in ("en", "km"):
        apply_language(qapp, language)
        offline_context.language_changed.emit(language)
        for name, dialog in (("settings", SettingsDialog(offline_context)),
                             ("about", AboutDialog(offline_context))):
            qtbot.addWidget(dialog)
            dialog.show()
            pixmap = dialog.grab()
            assert pixmap.save(str(folder / f"{name}-{language}.png"))
            images[name, language] = pixmap.toImage()
    assert images["settings", "en"] != images["settings", "km"]
    assert images["about", "en"] != images["about", "km"]


def test_a_mistyped_server_address_is_said_and_never_kept(offline_context: AppContext,
                                                          qtbot: QtBot) -> None:
    before = offline_context.settings.server
    dialog = open_settings(offline_context, qtbot)
    dialog.server.clear()
    qtbot.keyClicks(dialog.server, "http://127.0.0.1:5000127.0.0.1:5702")
    qtbot.keyClick(dialog.server, Qt.Key.Key_Return)  # Close: the dialog stays, and says why
    assert dialog.isVisible()
    assert "port" in dialog.server_help.text().lower()
    assert Settings.load(offline_context.home).server == before
    qtbot.keyClick(dialog.server, Qt.Key.Key_Escape)  # giving up puts the kept one back
    assert not dialog.isVisible()
    assert dialog.server.text() == before
    assert Settings.load(offline_context.home).server == before
