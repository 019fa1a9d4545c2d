"""The status bar and the Sync dialog show every text whole (issue 17, points 5 and 6).

In Khmer and English, at the default and at the largest text size: the status bar's
message, who is signed in and the sync state never overlap and are never cut, however
narrow the window; the Sync dialog, at the size it takes by itself, shows its outcome
whole. Figures are in the digits of the interface language.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from client.context import AppContext
from client.fonts import DEFAULT_TEXT_SIZE, apply_text_size, install_fonts
from client.i18n import switch_language
from client.qt import (
    QAbstractButton,
    QApplication,
    QDialogButtonBox,
    QFont,
    QLabel,
    QPoint,
    QRect,
    QWidget,
)
from client.settings import TEXT_SIZES
from client.sync.engine import SyncReport
from client.ui.main_window import MainWindow
from client.ui.sync_dialog import SyncDialog

pytestmark = pytest.mark.usefixtures("boxes")

LANGUAGES_AND_SIZES = [(language, size) for language in ("en", "km")
                       for size in (DEFAULT_TEXT_SIZE, max(TEXT_SIZES))]
#: What a person is told at an offline sign-in: a long message, as the status bar gets.
OFFLINE_NOTICE = ("You are working offline: the server at http://127.0.0.1:5000 could not be "
                  "reached. Your changes are kept on this computer and are sent at the next "
                  "sync. If the address is wrong, correct it in Settings.")


@pytest.fixture
def sized(qapp: QApplication) -> Iterator[None]:
    """The shipped font; afterwards the application's font as it was."""
    font = QFont(qapp.font())
    install_fonts(qapp)
    yield
    qapp.setFont(font)


def text_fits(label: QLabel) -> bool:
    """True when the label shows its whole text: wrapped, every line within its height and
    no word wider than it; not wrapped, the whole line within its width."""
    if label.wordWrap():
        return (label.heightForWidth(label.width()) <= label.height()
                and label.minimumSizeHint().width() <= label.width())
    return label.sizeHint().width() <= label.width() \
        and label.sizeHint().height() <= label.height()


def area(widget: QWidget, within: QWidget) -> QRect:
    """Where a widget is, in the coordinates of `within`."""
    return QRect(widget.mapTo(within, QPoint(0, 0)), widget.size())


def check_status_bar(window: MainWindow) -> None:
    bar = window.status
    labels = [label for label in (bar.message, bar.who, bar.sync_state) if label.isVisible()]
    for label in labels:
        assert label.text() and text_fits(label), (label.text(), label.size())
        # Inside the bar, and inside the window: nothing drawn past an edge.
        assert area(bar, window).contains(area(label, window)), label.text()
    for first in labels:
        for second in labels:
            if first is not second:
                assert not area(first, bar).intersects(area(second, bar)), (
                    first.text(), second.text())


@pytest.mark.parametrize(("language", "size"), LANGUAGES_AND_SIZES)
def test_the_status_bar_never_overlaps_nor_cuts_its_texts(
        offline_context: AppContext, qtbot: QtBot, qapp: QApplication, sized: None,
        language: str, size: int) -> None:
    switch_language(offline_context, language)
    apply_text_size(qapp, size)
    try:
        window = MainWindow(offline_context)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        window.statusBar().showMessage(OFFLINE_NOTICE if language == "en" else
                                       "អ្នកកំពុងធ្វើការក្រៅបណ្ដាញ៖ មិនអាចភ្ជាប់ទៅម៉ាស៊ីនមេ "
                                       "http://127.0.0.1:5000 បានទេ។ ការផ្លាស់ប្ដូររបស់អ្នក "
                                       "ត្រូវបានរក្សាទុក នៅលើកុំព្យូទ័រនេះ។")
        # The message has a line of its own; who is signed in stays on screen.
        assert window.status.message.isVisible() and window.who.isVisible()
        narrowest = window.minimumSizeHint().width()
        for asked in (narrowest, 640, 1180, 1600):
            width = max(asked, narrowest)
            window.resize(width, 700)
            qtbot.waitUntil(lambda width=width: window.width() == width)
            qapp.processEvents()
            check_status_bar(window)
        window.statusBar().clearMessage()
        qapp.processEvents()
        assert not window.status.message.isVisible()
        check_status_bar(window)
    finally:
        apply_text_size(qapp, DEFAULT_TEXT_SIZE)
        switch_language(offline_context, "en")


def test_the_status_bar_draws_no_message_over_its_labels(
        offline_context: AppContext, qtbot: QtBot, qapp: QApplication, sized: None) -> None:
    """What is on screen where the sync state is, is the sync state alone: the status bar
    paints no text of its own under it (Qt paints a message across the whole bar)."""
    switch_language(offline_context, "en")
    window = MainWindow(offline_context)
    qtbot.addWidget(window)
    window.resize(700, 500)
    window.show()
    qtbot.waitExposed(window)
    window.statusBar().showMessage(OFFLINE_NOTICE * 2)  # as wide as any window
    qapp.processEvents()
    assert window.statusBar().currentMessage() == OFFLINE_NOTICE * 2
    for label in (window.status.message, window.who, window.sync_state):
        on_screen = window.status.grab(area(label, window.status)).toImage()
        alone = label.grab().toImage()
        assert on_screen.size() == alone.size()
        assert on_screen.convertToFormat(alone.format()) == alone, label.text()


def test_the_status_bar_counts_in_khmer_digits(offline_context: AppContext,
                                               qtbot: QtBot) -> None:
    store = offline_context.session.store  # type: ignore[union-attr]
    form_id = store.create_form(unit_id=offline_context.units["home"],  # type: ignore[attr-defined]
                                year=2026, form_code="health_center")
    store.save_values(form_id, {"anc1": 12})
    store.set_state("last_sync", "2026-11-22T07:05:00+00:00")
    window = MainWindow(offline_context)
    qtbot.addWidget(window)
    try:
        switch_language(offline_context, "km")
        state = window.sync_state.text()
        # 14:05 in Cambodia; one unsent change (the form); no conflict.
        assert "២០២៦-១១-២២ ១៤:០៥" in state and "១" in state and "០" in state
        assert not re.search("[0-9]", state), state
        switch_language(offline_context, "en")
        assert "2026-11-22 14:05" in window.sync_state.text()
        assert "Unsent: 1" in window.sync_state.text()
    finally:
        switch_language(offline_context, "en")


def check_dialog(dialog: SyncDialog) -> None:
    layout = dialog.layout()
    assert dialog.height() >= layout.totalHeightForWidth(dialog.width())
    for label in dialog.findChildren(QLabel):
        if label.isVisible():
            assert text_fits(label), (label.text(), label.size(), dialog.size())
    for button in dialog.findChildren(QAbstractButton):
        if button.isVisible():
            assert button.sizeHint().width() <= button.width(), button.text()


@pytest.mark.parametrize(("language", "size"), LANGUAGES_AND_SIZES)
def test_the_sync_dialog_shows_its_outcome_whole_at_its_own_size(
        offline_context: AppContext, qtbot: QtBot, qapp: QApplication, sized: None,
        language: str, size: int) -> None:
    switch_language(offline_context, language)
    apply_text_size(qapp, size)
    try:
        window = MainWindow(offline_context)
        qtbot.addWidget(window)
        window.show()
        dialog = window.sync()  # nothing answers at the address: the sync fails
        qtbot.waitUntil(lambda: dialog.error is not None, timeout=20_000)
        qapp.processEvents()
        assert dialog.outcome.isVisible() and dialog.outcome.text()
        check_dialog(dialog)
        close = dialog.buttons.button(QDialogButtonBox.StandardButton.Close)
        assert close is not None and close.isVisible()
        # A long report (held changes, conflicts, a server still writing): still whole.
        dialog._done(SyncReport(pushed=12, pulled=340, conflicts=3,
                                results={"applied": 9, "rejected_locked": 3},
                                behind={"reason": "write_in_progress", "running_for": 900}))
        qapp.processEvents()
        check_dialog(dialog)
        if language == "km":
            assert "១២" in dialog.outcome.text() and not re.search(
                "[0-9]", dialog.outcome.text())
        dialog.close()
    finally:
        apply_text_size(qapp, DEFAULT_TEXT_SIZE)
        switch_language(offline_context, "en")


def test_the_sync_dialog_grows_when_the_text_size_grows(
        offline_context: AppContext, qtbot: QtBot, qapp: QApplication, sized: None) -> None:
    switch_language(offline_context, "km")
    try:
        dialog = SyncDialog(offline_context)
        qtbot.addWidget(dialog)
        dialog.show()
        dialog.start()
        qtbot.waitUntil(lambda: dialog.error is not None, timeout=20_000)
        check_dialog(dialog)
        apply_text_size(qapp, max(TEXT_SIZES))  # in Settings, while the dialog is open
        qapp.processEvents()
        check_dialog(dialog)
    finally:
        apply_text_size(qapp, DEFAULT_TEXT_SIZE)
        switch_language(offline_context, "en")
