"""The print preview shows every page of a document, prints it on a printer and saves it.

The printer here is Qt's PDF printer (what a person gets by choosing "Print to File"), so
what the printer received can be opened again and looked at.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pytest
from pytestqt.qtbot import QtBot
from reportlab.lib.pagesizes import A3, A4
from reportlab.pdfgen.canvas import Canvas

from client.interaction import ScriptedInteraction
from client.qt import QPrinter
from client.ui.print_preview import PrintPreview, page_image


def _document() -> bytes:
    """Two pages: an A4 page with a black box in its top-left quarter, an A3 page with a
    black box in its bottom-right quarter."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4)
    width, height = A4
    canvas.rect(0, height / 2, width / 2, height / 2, fill=1)
    canvas.showPage()
    canvas.setPageSize(A3)
    width, height = A3
    canvas.rect(width / 2, 0, width / 2, height / 2, fill=1)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _dark(image: Any, x: float, y: float) -> bool:
    """Whether the pixel at the fractions (x, y) of the image is dark."""
    colour = image.pixelColor(int(x * (image.width() - 1)), int(y * (image.height() - 1)))
    return colour.lightness() < 60


@pytest.fixture
def preview(qtbot: QtBot, scripted: ScriptedInteraction) -> PrintPreview:
    dialog = PrintPreview(_document(), "Poster", "poster.pdf", interaction=scripted)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_every_page_is_shown_at_its_size(preview: PrintPreview) -> None:
    labels = preview.page_labels()
    assert len(labels) == 2
    assert "2" in preview.count_label.text()
    first, second = (label.pixmap().toImage() for label in labels)
    # Printed size on a 96 dpi screen: A4 is 794 x 1123 pixels; A3 is twice its area.
    assert abs(first.width() - 794) <= 1 and abs(first.height() - 1123) <= 1
    assert abs(second.width() - 1123) <= 1
    assert _dark(first, 0.25, 0.25) and not _dark(first, 0.75, 0.75)
    assert _dark(second, 0.75, 0.75) and not _dark(second, 0.25, 0.25)


def test_zoom_changes_the_size_of_the_pages(preview: PrintPreview) -> None:
    width = preview.page_labels()[0].pixmap().width()
    preview.zoom_in.click()
    assert preview.page_labels()[0].pixmap().width() > width
    preview.zoom_out.click()
    preview.zoom_out.click()
    assert preview.page_labels()[0].pixmap().width() < width


def _printer(path: Path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    printer.setResolution(150)
    return printer


def test_what_the_printer_receives_is_every_page(preview: PrintPreview, tmp_path: Path) -> None:
    out = tmp_path / "printed.pdf"
    assert preview.print_on(_printer(out)) == 2
    printed = pdfium.PdfDocument(out.read_bytes())
    try:
        assert len(printed) == 2
        first = page_image(printed[0], 0.5)
        second = page_image(printed[1], 0.5)
        # Each page fills the printer's paper the right way up: the boxes stay where
        # they were drawn (the A3 page is scaled down onto the printer's A4 paper).
        assert _dark(first, 0.3, 0.3) and not _dark(first, 0.7, 0.7)
        assert _dark(second, 0.7, 0.7) and not _dark(second, 0.3, 0.3)
    finally:
        printed.close()


def test_a_page_range_chosen_in_the_print_dialog_is_honoured(preview: PrintPreview,
                                                              tmp_path: Path) -> None:
    out = tmp_path / "page2.pdf"
    printer = _printer(out)
    printer.setFromTo(2, 2)
    assert preview.print_on(printer) == 1
    printed = pdfium.PdfDocument(out.read_bytes())
    try:
        assert len(printed) == 1
        assert _dark(page_image(printed[0], 0.5), 0.7, 0.7)
    finally:
        printed.close()


def test_save_as_pdf_keeps_the_document_as_it_is(preview: PrintPreview, tmp_path: Path) -> None:
    out = tmp_path / "sub" / "poster.pdf"
    assert preview.save_to(out)
    assert out.read_bytes() == preview.pdf


def test_a_failed_save_is_told_in_plain_words_and_leaves_nothing(
        preview: PrintPreview, tmp_path: Path, scripted: ScriptedInteraction) -> None:
    told = scripted.told
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    assert not preview.save_to(blocked / "poster.pdf")
    assert told and "could not be saved" in told[0] and "Traceback" not in told[0]
    assert blocked.read_text() == "not a folder"
