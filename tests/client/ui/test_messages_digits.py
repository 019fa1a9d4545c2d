"""In Khmer, the dialogs write their figures in Khmer digits, as the form does (issue 17,
point 6): years, counts, progress, dates and times, text sizes. Paths and unit codes stay
as they are (a path must be found again letter for letter). In English, Arabic digits.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from client.i18n import switch_language
from client.interaction import ScriptedInteraction
from client.ui.document_dialogs import BatchDialog, ExportDialog, PrintOptionsDialog
from client.ui.held_dialog import HeldDialog
from client.ui.main_window import MainWindow
from client.ui.settings_dialog import SettingsDialog
from tests.client.ui.test_documents_ui import (  # noqa: F401 - the window fixture
    export_dialog,
    select,
    window,
)

pytestmark = pytest.mark.usefixtures("boxes")

ARABIC = re.compile("[0-9]")


def khmer_year(year: int) -> str:
    return str(year).translate(str.maketrans("0123456789", "០១២៣៤៥៦៧៨៩"))


def test_the_documents_dialogs_write_years_in_the_interface_digits(
        window: MainWindow, qtbot: QtBot) -> None:  # noqa: F811
    year = window.navigator.model.year
    switch_language(window.context, "km")
    try:
        select(window, "HC010201")
        window.printing.actions["poster"].trigger()
        options = window.printing.dialog
        assert isinstance(options, PrintOptionsDialog)
        heading = options.heading.text().replace("\u200b", "")
        assert heading.endswith(khmer_year(year)) and "HC010201" in heading
        options.reject()
        window.printing.actions["batch"].trigger()
        batch = window.printing.dialog
        assert isinstance(batch, BatchDialog)
        assert batch.year.currentText() == khmer_year(year)
        assert batch.year.currentData() == year  # the figure itself is unchanged
        batch.reject()
        export = export_dialog(window)
        assert export.year.currentText() == khmer_year(year)
        export.reject()
        # The tooltip of a poster names the unit's year in Khmer digits too.
        assert khmer_year(year) in window.printing.actions["poster"].toolTip()
    finally:
        switch_language(window.context, "en")
    window.printing.actions["excel"].trigger()
    english = window.printing.dialog
    assert isinstance(english, ExportDialog) and english.year.currentText() == str(year)
    english.reject()


def test_an_export_says_its_counts_in_khmer_digits_and_its_path_as_it_is(
        window: MainWindow, qtbot: QtBot, tmp_path: Path,  # noqa: F811
        scripted: ScriptedInteraction) -> None:
    folder = tmp_path / "out-2026"
    folder.mkdir()
    scripted.reply(folder / "report")
    switch_language(window.context, "km")
    try:
        dialog = export_dialog(window)
        with qtbot.waitSignal(window.printing.finished, timeout=60_000) as ended:
            dialog.ok_button.click()
        _kind, ok, text = ended.args
        assert ok and str(folder / "report.xlsx") in text
        assert not ARABIC.search(text.replace(str(folder / "report.xlsx"), "")), text
        assert "៣" in text  # three units
    finally:
        switch_language(window.context, "en")


def test_the_print_preview_counts_its_pages_in_the_interface_digits(
        window: MainWindow, qtbot: QtBot) -> None:  # noqa: F811
    from tests.client.ui.test_documents_ui import preview_of

    switch_language(window.context, "km")
    try:
        select(window, "HC010201")
        window.printing.actions["form"].trigger()
        dialog = window.printing.dialog
        assert isinstance(dialog, PrintOptionsDialog)
        preview = preview_of(window, qtbot, dialog)
        count = preview.count_label.text()
        assert not ARABIC.search(count) and str(preview.page_count) not in count
        assert khmer_year(preview.page_count) in count
        preview.close()
    finally:
        switch_language(window.context, "en")


def test_the_text_sizes_are_listed_in_the_interface_digits(window: MainWindow,  # noqa: F811
                                                           qtbot: QtBot) -> None:
    dialog = SettingsDialog(window.context)
    qtbot.addWidget(dialog)
    assert dialog.text_size.itemText(0) == "10"
    switch_language(window.context, "km")
    try:
        assert [dialog.text_size.itemText(i) for i in range(dialog.text_size.count())] == [
            "១០", "១១", "១២", "១៤", "១៦", "១៨"]
        assert dialog.text_size.itemData(5) == 18
    finally:
        switch_language(window.context, "en")
    assert dialog.text_size.itemText(5) == "18"


def test_held_changes_show_their_time_on_cambodia_s_clock_in_the_interface_digits(
        window: MainWindow, qtbot: QtBot) -> None:  # noqa: F811
    dialog = HeldDialog(window.context)  # offline: the list cannot be read, and says so
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: bool(dialog.message) and "Reading" not in dialog.message)
    # What the server lists, once connected: one held change of 22 November, 07:05 UTC.
    item = {"id": "h1", "created_at": datetime(2026, 11, 22, 7, 5, tzinfo=UTC).isoformat(),
            "form_id": None, "reason": "locked", "detail": "", "may_decide": True}
    dialog.model.set_items([item], [None])
    assert dialog.model.data(dialog.model.index(0, 0)) == "2026-11-22 14:05"
    switch_language(window.context, "km")
    try:
        assert dialog.model.data(dialog.model.index(0, 0)) == "២០២៦-១១-២២ ១៤:០៥"
    finally:
        switch_language(window.context, "en")
