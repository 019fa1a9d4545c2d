"""The Documents menu of the main window, over a real local store: a unit's poster and
blank form open in the print preview, a batch writes its files and stops when cancelled,
the Excel export writes a workbook (or, cancelled, nothing), and the actions say why they
are not available."""

from __future__ import annotations

import random
import threading
from collections.abc import Iterator
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from openpyxl import load_workbook
from pytestqt.qtbot import QtBot

from client import documents
from client.context import AppContext
from client.i18n import switch_language
from client.interaction import ScriptedInteraction
from client.store.models import LocalForm
from client.ui import document_dialogs
from client.ui.document_dialogs import BatchDialog, ExportDialog, PrintOptionsDialog
from client.ui.main_window import MainWindow
from client.ui.print_preview import PrintPreview
from common.documents import DocumentOptions
from common.documents.data import FINAL_STATUSES
from common.documents.excel import SERVICE_ORDER
from common.forms import load_definitions
from server.cli import FORMS_DIR
from server.demo_values import demo_values
from tests.client.ui.conftest import open_window, shown

pytestmark = pytest.mark.usefixtures("boxes")

DEFINITIONS = {d.service_kind: d for d in load_definitions(FORMS_DIR)}
#: unit key -> the status of its form of the year (None: no form).
FORMS = {"home": "approved", "home_cs": "approved", "other_commune": "draft",
         "other_district": None}
#: A3 and A4 in PDF points (width).
A3_WIDTH, A2_WIDTH, A4_WIDTH = 842, 1191, 595


@pytest.fixture
def window(offline_context: AppContext, qtbot: QtBot) -> Iterator[MainWindow]:
    """The main window in English over the test district, with forms of the navigator's
    year: two approved, one draft, and a unit without a form."""
    switch_language(offline_context, "en")
    made = open_window(qtbot, offline_context)
    year = made.navigator.model.year
    store = offline_context.session.store  # type: ignore[union-attr]
    units = offline_context.units  # type: ignore[attr-defined]
    rng = random.Random(11)
    for key, status in FORMS.items():
        if status is None:
            continue
        kind = "cs_admin" if key == "home_cs" else "health_center"
        form_id = store.create_form(unit_id=units[key], year=year, form_code=kind)
        store.save_values(form_id, demo_values(DEFINITIONS[kind], rng))
        with store.transaction() as session:
            session.get(LocalForm, form_id).status = status  # type: ignore[union-attr]
    shown(qtbot, made.navigator)
    made.show()
    qtbot.waitExposed(made)
    yield made
    offline_context.operations.wait()


def select(window: MainWindow, code: str) -> None:
    """Select a unit's row in the navigator (all units shown)."""
    model = window.navigator.model
    row = next(i for i in range(model.rowCount()) if model.row_at(i).code == code)
    window.navigator.table.selectRow(row)


def choose(combo: object, value: object) -> None:
    """Pick the item of a combo box holding `value`, as a person would."""
    index = combo.findData(value)  # type: ignore[attr-defined]
    assert index >= 0, value
    combo.setCurrentIndex(index)  # type: ignore[attr-defined]


def page_texts(pdf: bytes) -> list[str]:
    document = pdfium.PdfDocument(pdf)
    try:
        return [document[i].get_textpage().get_text_range() for i in range(len(document))]
    finally:
        document.close()


def page_widths(pdf: bytes) -> list[int]:
    document = pdfium.PdfDocument(pdf)
    try:
        return [round(document[i].get_size()[0]) for i in range(len(document))]
    finally:
        document.close()


def preview_of(window: MainWindow, qtbot: QtBot, dialog: PrintOptionsDialog) -> PrintPreview:
    """Accept the options dialog and wait for the preview."""
    with qtbot.waitSignal(window.printing.preview_opened, timeout=30_000) as opened:
        dialog.ok_button.click()
    preview = opened.args[0]
    assert isinstance(preview, PrintPreview)
    qtbot.waitExposed(preview)
    return preview


def hold(context: AppContext) -> threading.Event:
    """Occupy the one worker until the returned event is set: what is asked next waits,
    so a Cancel clicked meanwhile is seen from the first unit on."""
    release = threading.Event()
    context.operations.run(lambda _work: release.wait(20))
    return release


def test_the_window_names_the_builders_constants_without_loading_them() -> None:
    assert document_dialogs.SERVICES == SERVICE_ORDER
    assert document_dialogs.FINAL_STATUSES == FINAL_STATUSES


def test_single_prints_need_a_unit_and_say_why(window: MainWindow, qtbot: QtBot) -> None:
    actions = window.printing.actions
    window.navigator.table.clearSelection()
    for name in ("poster", "form"):
        assert not actions[name].isEnabled()
        assert actions[name].toolTip() == "Choose a unit in the list first."
    assert actions["batch"].isEnabled() and actions["excel"].isEnabled()
    assert window.printing.print_document("poster") is None  # refused, no dialog

    select(window, "HC010301")  # no form this year
    assert actions["form"].isEnabled()
    assert not actions["poster"].isEnabled()
    assert "no form" in actions["poster"].toolTip()

    select(window, "HC010202")  # a draft: printable, marked as a draft
    assert actions["poster"].isEnabled() and "draft" in actions["poster"].toolTip()

    select(window, "HC010201")
    assert actions["poster"].isEnabled() and actions["form"].isEnabled()
    assert "HC010201" in actions["poster"].toolTip()
    # A year without forms empties the selection: the actions follow.
    navigator = window.navigator
    shown(qtbot, navigator, lambda: navigator.show_year(navigator.model.year + 1))
    assert not actions["poster"].isEnabled()
    # The menu holds all four; the toolbar the two single prints.
    assert [a.text() for a in window.documents_menu.actions()] == [
        "Print poster…", "Print blank form…", "Print a batch…", "Export to Excel…"]
    assert actions["poster"] in window.toolbar.actions()


def test_an_english_poster_opens_in_the_preview_with_every_page(window: MainWindow,
                                                                qtbot: QtBot) -> None:
    select(window, "HC010201")
    window.printing.actions["poster"].trigger()
    dialog = window.printing.dialog
    assert isinstance(dialog, PrintOptionsDialog)
    options = dialog.options
    assert options.paper_size.isVisible() and options.any_status.isVisible()
    choose(options.language, "en")
    assert options.digits.currentData() == "arabic"  # follows the language
    choose(options.paper_size, "A2")
    preview = preview_of(window, qtbot, dialog)
    texts = page_texts(preview.pdf)
    # The preview shows every page of the poster the builder makes, each one drawn.
    store = window.context.session.store  # type: ignore[union-attr]
    year = window.navigator.model.year
    expected = documents.write_poster(store, "HC010201", year,
                                      DocumentOptions(language="en", page_size="A2"))
    pages = len(page_texts(expected))
    assert preview.page_count == len(texts) == pages
    assert f"Page {pages} of {pages}" in texts[-1]
    assert len(preview.page_labels()) == pages
    assert all(not label.pixmap().isNull() for label in preview.page_labels())
    assert page_widths(preview.pdf) == [A2_WIDTH] * pages
    assert "Unit HC010201" in texts[0] and "Banteay Neang" in texts[0]
    assert "HC010201" in preview.windowTitle()
    assert preview.suggested_name.startswith("HC010201-")
    # The next print offers the same options again.
    assert window.printing.last_choices.language == "en"
    preview.close()


def test_a_khmer_poster_is_drawn_in_khmer(window: MainWindow, qtbot: QtBot) -> None:
    select(window, "HC010201")
    dialog = window.printing.print_document("poster")
    assert dialog is not None
    assert dialog.options.language.currentData() == "km"
    assert dialog.options.digits.currentData() == "khmer"
    preview = preview_of(window, qtbot, dialog)
    assert len(preview.page_labels()) == preview.page_count >= 1
    assert page_widths(preview.pdf) == [A3_WIDTH] * preview.page_count
    # Khmer comes back from a shaped PDF as private-use glyphs: the unit's code and
    # Khmer digits say it is this unit's poster; the page is drawn.
    text = page_texts(preview.pdf)[0]
    assert "HC010201" in text
    image = preview.page_labels()[0].pixmap().toImage()
    dark = sum(image.pixelColor(x, y).lightness() < 128
               for x in range(0, image.width(), 8) for y in range(0, image.height(), 8))
    assert dark > 200
    preview.close()


def test_a_draft_poster_is_refused_in_words_unless_asked_for(
        window: MainWindow, qtbot: QtBot, boxes: list[str]) -> None:
    select(window, "HC010202")
    dialog = window.printing.print_document("poster")
    assert dialog is not None and dialog.note.isVisible()
    assert "not yet approved" in dialog.note.text()
    with qtbot.waitSignal(window.printing.finished, timeout=30_000) as ended:
        dialog.ok_button.click()
    kind, ok, text = ended.args
    assert (kind, ok) == ("poster", False)
    assert "not yet approved" in text and "Traceback" not in text
    assert boxes == [text]
    assert window.printing.actions["poster"].isEnabled()  # ready for another try

    dialog = window.printing.print_document("poster")
    assert dialog is not None
    dialog.options.any_status.setChecked(True)
    choose(dialog.options.language, "en")
    preview = preview_of(window, qtbot, dialog)
    assert "draft" in page_texts(preview.pdf)[0].lower()
    preview.close()


def test_a_blank_form_for_a_unit_without_a_form(window: MainWindow, qtbot: QtBot) -> None:
    select(window, "HC010301")
    dialog = window.printing.print_document("form")
    assert dialog is not None
    assert not dialog.options.paper_size.isVisible()  # a blank form is A4
    assert not dialog.options.any_status.isVisible()
    choose(dialog.options.language, "en")
    preview = preview_of(window, qtbot, dialog)
    texts = page_texts(preview.pdf)
    pages = preview.page_count
    assert len(texts) == len(preview.page_labels()) == pages
    assert f"Page {pages} of {pages}" in texts[-1]
    assert set(page_widths(preview.pdf)) == {A4_WIDTH}
    assert "Unit HC010301" in texts[0] and "Nam Tau" in texts[0]
    preview.close()


def batch_dialog(window: MainWindow, *, one_file: bool) -> BatchDialog:
    window.navigator.table.clearSelection()
    window.printing.actions["batch"].trigger()
    dialog = window.printing.dialog
    assert isinstance(dialog, BatchDialog)
    choose(dialog.area, "0102")
    choose(dialog.document, "poster")
    choose(dialog.output, one_file)
    choose(dialog.options.language, "en")
    return dialog


def run_batch(window: MainWindow, qtbot: QtBot, dialog: BatchDialog, *,
              cancel: bool = False) -> tuple[bool, str]:
    """Accept the batch dialog (the file dialog is answered by the test); with `cancel`,
    click Cancel in the progress before the batch gets to its first unit."""
    release = hold(window.context) if cancel else None
    with qtbot.waitSignal(window.printing.finished, timeout=60_000) as ended:
        dialog.ok_button.click()
        progress = window.printing.progress
        assert progress is not None and progress.isVisible()
        if release is not None:
            progress.cancel_button.click()
            release.set()
    assert window.printing.progress is None
    _kind, ok, text = ended.args
    return ok, text


def test_a_batch_into_one_file_and_a_cancelled_one(
        window: MainWindow, qtbot: QtBot, tmp_path: Path,
        scripted: ScriptedInteraction) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    scripted.reply(folder / "district", folder / "district")  # where each batch is saved
    ok, text = run_batch(window, qtbot, batch_dialog(window, one_file=True))
    asked = [question.text for question in scripted.asked if question.kind == "save_path"]
    year = window.navigator.model.year
    assert ok and Path(asked[0]).name == f"posters-0102-{year}.pdf"
    out = folder / "district.pdf"
    texts = page_texts(out.read_bytes())
    # The two approved units of the district, each poster starting on a new page.
    starts = [t.split("Unit ", 1)[1][:8] for t in texts if "Page 1 of" in t]
    assert starts == ["CS010201", "HC010201"]
    assert not any("HC010202" in t or "HC010301" in t for t in texts)
    assert f"Printed 2 unit(s) into {out}" in text
    assert "Skipped 1 unit(s)" in text
    assert "HC010202 Unit HC010202: its form is draft, not yet approved" in text

    out.unlink()
    ok, text = run_batch(window, qtbot, batch_dialog(window, one_file=True), cancel=True)
    assert not ok and "cancelled" in text and "Nothing was written" in text
    assert list(folder.iterdir()) == []


def test_a_batch_per_unit_and_cancel_stops_it_early(
        window: MainWindow, qtbot: QtBot, tmp_path: Path,
        scripted: ScriptedInteraction) -> None:
    year = window.navigator.model.year
    folder = tmp_path / "all"
    scripted.reply(folder)
    ok, _text = run_batch(window, qtbot, batch_dialog(window, one_file=False))
    assert ok
    assert sorted(p.name for p in folder.iterdir()) == [
        f"CS010201-{year}-poster.pdf", f"HC010201-{year}-poster.pdf"]

    folder = tmp_path / "cancelled"
    folder.mkdir()
    scripted.reply(folder)
    ok, text = run_batch(window, qtbot, batch_dialog(window, one_file=False), cancel=True)
    assert not ok and "cancelled" in text and str(folder) in text
    # It stopped after the first unit: one whole PDF, nothing half written.
    files = list(folder.iterdir())
    assert [p.name for p in files] == [f"CS010201-{year}-poster.pdf"]
    assert "Unit CS010201" in page_texts(files[0].read_bytes())[0]


def export_dialog(window: MainWindow) -> ExportDialog:
    window.printing.actions["excel"].trigger()
    dialog = window.printing.dialog
    assert isinstance(dialog, ExportDialog)
    assert dialog.year.currentData() == window.navigator.model.year
    assert dialog.scope.currentData() is None  # the navigator shows all units
    choose(dialog.scope, "0102")
    return dialog


def test_the_excel_export_and_a_cancelled_one(window: MainWindow, qtbot: QtBot,
                                              tmp_path: Path,
                                              scripted: ScriptedInteraction) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    scripted.reply(folder / "report", folder / "report")  # where each workbook is saved
    dialog = export_dialog(window)
    with qtbot.waitSignal(window.printing.finished, timeout=60_000) as ended:
        dialog.ok_button.click()
    _kind, ok, text = ended.args
    out = folder / "report.xlsx"
    assert ok and str(out) in text and "Wrote 3 unit(s) and 3 form(s)" in text
    workbook = load_workbook(out, read_only=True)
    try:
        sheet = list(workbook["Health centers"].iter_rows(values_only=True))
    finally:
        workbook.close()
    codes = list(sheet[2])
    statuses = {row[codes.index("unit_code")]: row[codes.index("status")] for row in sheet[3:]}
    assert statuses == {"HC010201": "approved", "HC010202": "draft"}

    out.unlink()
    release = hold(window.context)
    dialog = export_dialog(window)
    with qtbot.waitSignal(window.printing.finished, timeout=60_000) as ended:
        dialog.ok_button.click()
        window.printing.progress.cancel_button.click()  # type: ignore[union-attr]
        release.set()
    _kind, ok, text = ended.args
    assert not ok and "cancelled" in text
    assert list(folder.iterdir()) == []  # no workbook, no temporary file


def test_nothing_to_print_is_said_in_the_interface_language(window: MainWindow) -> None:
    from client.documents import PrintError

    missing = PrintError("HC010201 has no form for 2031 on this computer", reason="no_form",
                         unit="HC010201", year=2031)
    assert window.printing.print_error_text(missing) == \
        "HC010201 has no form for 2031 on this computer"
    switch_language(window.context, "km")
    try:
        said = window.printing.print_error_text(missing)
        # The year in Khmer digits, as every figure of a Khmer sentence; the code as it is.
        assert "HC010201" in said and "២០៣១" in said and "គ្មានទម្រង់" in said
        # A reason without words here is still said in Khmer, never the English message.
        odd = window.printing.print_error_text(PrintError("a case without words",
                                                          reason="something new"))
        assert "a case without words" not in odd and "ធ្វើសមកាលកម្ម" in odd
    finally:
        switch_language(window.context, "en")
