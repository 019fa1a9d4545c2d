"""The Save-as and Open dialogs speak the interface language (issue 17, point 7).

Qt ships no Khmer for its own dialogs: the client uses Qt's widget-based file dialog,
whose every text Qt asks of the installed translator, and lists those texts in
client/ui/qt_strings.py so the Khmer catalogue carries them. Driven as a person does:
the menu action opens the dialog, the person reads it and cancels.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from client.context import AppContext
from client.i18n import switch_language
from client.qt import (
    QAbstractButton,
    QApplication,
    QCoreApplication,
    QFileDialog,
    QLabel,
    Qt,
    QTimer,
    QTranslator,
    QTreeView,
)
from client.ui import qt_strings, standard_texts
from client.ui.main_window import MainWindow

pytestmark = pytest.mark.usefixtures("boxes")


def is_khmer(text: str) -> bool:
    """True when the text holds Khmer letters."""
    return any("\u1780" <= char <= "\u17ff" for char in text)


def shown(text: str) -> str:
    """A button's or label's words, without its keyboard mnemonic: "&Save", or in Khmer
    the Latin letter in brackets, "រក្សាទុក (&S)"."""
    return re.sub(r"\s*\(&\w\)", "", text).replace("&", "")


@pytest.fixture
def window(offline_context: AppContext, qtbot: QtBot) -> Iterator[MainWindow]:
    made = MainWindow(offline_context)
    qtbot.addWidget(made)
    made.show()
    yield made
    switch_language(offline_context, "en")


def read_file_dialog(open_it: Callable[[], object], qtbot: QtBot) -> dict[str, list[str]]:
    """Open a file dialog the way the person does, read what it shows, then cancel it."""
    seen: dict[str, list[str]] = {}

    def read() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QFileDialog):
            QTimer.singleShot(20, read)  # not shown yet
            return
        seen["title"] = [dialog.windowTitle()]
        seen["labels"] = [label.text() for label in dialog.findChildren(QLabel)
                          if label.isVisible() and label.text()]
        seen["buttons"] = [button.text() for button in dialog.findChildren(QAbstractButton)
                           if button.isVisible() and button.text()]
        seen["tooltips"] = [button.toolTip() for button in dialog.findChildren(QAbstractButton)
                            if button.isVisible() and button.toolTip()]
        tree = next(view for view in dialog.findChildren(QTreeView) if view.model() is not None
                    and view.model().columnCount() >= 4)
        model = tree.model()
        seen["columns"] = [str(model.headerData(column, Qt.Orientation.Horizontal))
                           for column in range(model.columnCount())]
        dialog.reject()

    QTimer.singleShot(0, read)
    open_it()
    qtbot.waitUntil(lambda: "title" in seen)
    return seen


def test_the_save_as_dialog_of_a_usb_bundle_is_in_khmer(window: MainWindow,
                                                        qtbot: QtBot) -> None:
    switch_language(window.context, "km")
    seen = read_file_dialog(window.actions_["export"].trigger, qtbot)
    assert seen["title"] == ["នាំចេញកញ្ចប់ USB"]
    # Qt's own words: the labels, the Save and Cancel buttons, the column heads.
    assert any(shown(text) == "ឈ្មោះឯកសារ៖" for text in seen["labels"]), seen
    assert any(shown(text) == "ប្រភេទឯកសារ៖" for text in seen["labels"]), seen
    assert {"រក្សាទុក", "បោះបង់"} <= {shown(text) for text in seen["buttons"]}, seen
    assert seen["columns"][:2] == ["ឈ្មោះ", "ទំហំ"] and "ថ្ងៃកែប្រែ" in seen["columns"]
    assert {"ថយក្រោយ", "ទៅមុខ", "ថតមេ", "បង្កើតថតថ្មី"} <= set(seen["tooltips"]), seen
    # Nothing of it left in English.
    for texts in seen.values():
        assert all(is_khmer(text) for text in texts if text.strip("&:.()*")), texts
    assert window.context.session.store.unsent_count() == 0  # type: ignore[union-attr]


def test_the_open_dialog_of_a_usb_bundle_and_the_batch_folder_are_in_khmer(
        window: MainWindow, qtbot: QtBot, tmp_path: Path) -> None:
    switch_language(window.context, "km")
    seen = read_file_dialog(window.actions_["import"].trigger, qtbot)
    assert seen["title"] == ["នាំចូលកញ្ចប់ USB"]
    assert {"បើក", "បោះបង់"} <= {shown(text) for text in seen["buttons"]}, seen
    assert seen["columns"][0] == "ឈ្មោះ"
    # The same words in English once the person switches back.
    switch_language(window.context, "en")
    seen = read_file_dialog(window.actions_["import"].trigger, qtbot)
    assert {"Open", "Cancel"} <= {shown(text) for text in seen["buttons"]}
    assert seen["columns"][0] == "Name"


class _Asked(QTranslator):
    """Records what Qt asks a translator for (and answers nothing)."""

    def __init__(self) -> None:
        super().__init__()
        self.asked: set[tuple[str, str]] = set()

    def translate(self, context: str, source: str, disambiguation: str | None = None,
                  n: int = -1) -> str | None:
        self.asked.add((context, source))
        return None

    def isEmpty(self) -> bool:
        return False


#: What Qt asks for that is not words: keyboard shortcuts (translated, they would stop
#: working) and key names (Cambodian keyboards are labelled in Latin).
_NOT_WORDS = {("QFileDialog", "Alt+Left"), ("QFileDialog", "Alt+Right"),
              ("QFileDialog", "Alt+Up"), ("QProgressBar", "%p%")}


def test_every_text_qt_asks_for_in_a_file_dialog_is_in_the_catalogue(
        window: MainWindow, qtbot: QtBot) -> None:
    """Should a Qt update bring a new text, this names it, instead of an English word
    turning up in a Khmer dialog."""
    app = QCoreApplication.instance()
    asked = _Asked()
    app.installTranslator(asked)
    try:
        for action in ("export", "import"):
            read_file_dialog(window.actions_[action].trigger, qtbot)
    finally:
        app.removeTranslator(asked)
    listed = {(context, text) for context, text in (
        *((c, t) for c in ("QFileDialog",) for t in qt_strings.FILE_DIALOG),
        *(("QFileSystemModel", t) for t in qt_strings.FILE_SYSTEM_MODEL),
        *(("QAbstractFileIconProvider", t) for t in qt_strings.FILE_KINDS),
        *(("QPlatformTheme", t) for t in standard_texts.STANDARD_BUTTONS))}
    qt_contexts = {"QFileDialog", "QFileSystemModel", "QAbstractFileIconProvider",
                   "QPlatformTheme", "QMessageBox"}
    missing = sorted(pair for pair in asked.asked
                     if pair[0] in qt_contexts and pair not in listed and pair not in _NOT_WORDS)
    assert missing == []
    assert ("QFileDialog", "File &name:") in asked.asked  # the dialog was really asked about
