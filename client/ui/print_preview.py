"""Preview of a generated PDF (blank form, I4C poster, batch), printing it, saving it.

The documents are built by `common/documents` as PDF (the same file the server and the
command line make), so what the person sees here is exactly what prints. Qt's own PDF
module is not part of PySide6-Essentials; pages are rasterised with PDFium (pypdfium2)
for the screen and again, at the printer's resolution, for the printer. PDFium is not
thread-safe: every use stays on the GUI thread.
"""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium

from client.i18n import current_language
from client.interaction import Interaction
from client.qt import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QImage,
    QLabel,
    QPainter,
    QPixmap,
    QPrintDialog,
    QPrinter,
    QPushButton,
    QRect,
    QScrollArea,
    QSize,
    Qt,
    QVBoxLayout,
    QWidget,
)
from client.ui.post_on import in_digits
from client.ui.sync_dialog import plain_file_error
from common.files import write_bytes_atomic

#: PDF points per inch.
_POINTS = 72.0
#: The largest page image sent to a printer, in pixels: an A2 poster at 600 dpi would be
#: half a gigabyte; this keeps one page near 160 MB of RGBX at most.
_MAX_PRINT_PIXELS = 40_000_000
_ZOOMS = (0.5, 0.75, 1.0, 1.25, 1.5, 2.0)


def page_image(page: pdfium.PdfPage, scale: float) -> QImage:
    """One page as a QImage, `scale` pixels per PDF point (white background)."""
    bitmap = page.render(scale=scale, prefer_bgrx=True, rev_byteorder=True)
    image = QImage(bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride,
                   QImage.Format.Format_RGBX8888)
    return image.copy()  # own the pixels: the bitmap's buffer is freed with it


def print_pdf(pdf: bytes, printer: QPrinter) -> int:
    """Print every page (or the range chosen in the print dialog) on `printer`, each page
    scaled to fit the printer's paper without distortion. Returns the pages printed."""
    document = pdfium.PdfDocument(pdf)
    try:
        count = len(document)
        first, last = printer.fromPage(), printer.toPage()
        pages = range(first - 1, min(last, count)) if first > 0 and last > 0 else range(count)
        painter = QPainter()
        if not painter.begin(printer):
            raise OSError("the printer could not be opened")
        try:
            dpi = printer.resolution()
            printed = 0
            for number in pages:
                if printed:
                    printer.newPage()
                page = document[number]
                width, height = page.get_size()
                scale = dpi / _POINTS
                if width * height * scale * scale > _MAX_PRINT_PIXELS:
                    scale = (_MAX_PRINT_PIXELS / (width * height)) ** 0.5
                image = page_image(page, scale)
                area = painter.viewport()
                size = image.size().scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
                target = QRect(area.x() + (area.width() - size.width()) // 2,
                               area.y() + (area.height() - size.height()) // 2,
                               size.width(), size.height())
                painter.drawImage(target, image)
                printed += 1
        finally:
            painter.end()
        return printed
    finally:
        document.close()


def save_pdf(pdf: bytes, path: Path) -> None:
    """Write the PDF atomically: a failed write never leaves half a file under the name."""
    write_bytes_atomic(path, pdf)


class PrintPreview(QDialog):
    """Every page of a PDF, with zoom, a Print button (printer chosen by the person) and
    Save as PDF."""

    def __init__(self, pdf: bytes, title: str, suggested_name: str,
                 parent: QWidget | None = None, *, interaction: Interaction) -> None:
        super().__init__(parent)
        self.pdf, self.suggested_name = pdf, suggested_name
        self.interaction = interaction
        self._document = pdfium.PdfDocument(pdf)
        self.setWindowTitle(title)
        self.resize(900, 760)
        self.zoom = 1.0

        self.pages = QWidget()
        self.pages_layout = QVBoxLayout(self.pages)
        self.pages_layout.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.pages_layout.setSpacing(12)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setWidget(self.pages)
        self.scroll_area.setStyleSheet("QScrollArea { background: #808080; }")

        self.count_label = QLabel()
        self.zoom_out = QPushButton("−")
        self.zoom_in = QPushButton("+")
        self.print_button = QPushButton()
        self.save_button = QPushButton()
        self.close_button = QPushButton()
        self.zoom_out.clicked.connect(lambda: self.set_zoom(self._next_zoom(-1)))
        self.zoom_in.clicked.connect(lambda: self.set_zoom(self._next_zoom(+1)))
        self.print_button.clicked.connect(self.choose_printer)
        self.save_button.clicked.connect(self.choose_file)
        self.close_button.clicked.connect(self.reject)
        self.print_button.setDefault(True)

        bar = QHBoxLayout()
        bar.addWidget(self.count_label)
        bar.addStretch(1)
        for button in (self.zoom_out, self.zoom_in, self.save_button, self.print_button,
                       self.close_button):
            bar.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.scroll_area, 1)
        layout.addLayout(bar)
        self.retranslate()
        self.render_pages()

    @staticmethod
    def _language() -> str:
        app = QApplication.instance()
        return current_language(app) if app is not None else "en"

    def retranslate(self) -> None:
        """Texts in the current language (counts in its digits)."""
        self.count_label.setText(self.tr("{0} page(s)").format(
            in_digits(self.page_count, self._language())))
        self.print_button.setText(self.tr("Print…"))
        self.save_button.setText(self.tr("Save as PDF…"))
        self.close_button.setText(self.tr("Close"))
        self.zoom_out.setToolTip(self.tr("Smaller"))
        self.zoom_in.setToolTip(self.tr("Larger"))

    @property
    def page_count(self) -> int:
        """How many pages the document has."""
        return len(self._document)

    def page_labels(self) -> list[QLabel]:
        """The shown pages, in order (tests look at their pixels)."""
        labels = []
        for index in range(self.pages_layout.count()):
            item = self.pages_layout.itemAt(index)
            widget = item.widget() if item is not None else None
            if isinstance(widget, QLabel):
                labels.append(widget)
        return labels

    def render_pages(self) -> None:
        """(Re)draw every page at the current zoom: 1.0 is the page's printed size on a
        96 dpi screen."""
        while self.pages_layout.count():
            item = self.pages_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()  # gone from the screen now, not at the next loop
                widget.deleteLater()
        scale = self.zoom * 96 / _POINTS
        for number in range(self.page_count):
            label = QLabel()
            label.setPixmap(QPixmap.fromImage(page_image(self._document[number], scale)))
            label.setAccessibleName(self.tr("Page {0}").format(
                in_digits(number + 1, self._language())))
            self.pages_layout.addWidget(label)

    def _next_zoom(self, step: int) -> float:
        index = min(range(len(_ZOOMS)), key=lambda i: abs(_ZOOMS[i] - self.zoom))
        return _ZOOMS[max(0, min(len(_ZOOMS) - 1, index + step))]

    def set_zoom(self, zoom: float) -> None:
        """Show the pages at another size."""
        if zoom != self.zoom:
            self.zoom = zoom
            self.render_pages()

    def choose_printer(self) -> None:
        """Ask for a printer (and pages, copies), then print."""
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.suggested_name)
        printer.setFromTo(1, self.page_count)
        dialog = QPrintDialog(printer, self)
        dialog.setMinMax(1, self.page_count)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.print_on(printer)

    def print_on(self, printer: QPrinter) -> int:
        """Print on a printer already set up; a failure is told in plain words."""
        try:
            printed = print_pdf(self.pdf, printer)
        except OSError:
            self.interaction.warn(self, self.tr("Print"), self.tr(
                "Nothing was printed: the printer could not be opened. Check that the printer "
                "is on and connected, or save the document as PDF and print it from another "
                "computer."))
            return 0
        return printed

    def choose_file(self) -> None:
        """Ask where to save the PDF, then save it."""
        chosen = self.interaction.save_path(self, self.tr("Save as PDF"),
                                            str(Path.home() / self.suggested_name),
                                            self.tr("PDF documents (*.pdf)"))
        if chosen is not None:
            name = str(chosen)
            self.save_to(Path(name if name.lower().endswith(".pdf") else name + ".pdf"))

    def save_to(self, path: Path) -> bool:
        """Save the PDF under `path`; a failure is told in plain words."""
        try:
            save_pdf(self.pdf, path)
        except OSError as exc:
            self.interaction.warn(self, self.tr("Save as PDF"), self.tr(
                "The file could not be saved: {0}").format(plain_file_error(exc)))
            return False
        return True

    def done(self, result: int) -> None:
        """Close the dialog, and PDFium's handle on the document with it."""
        self._document.close()
        super().done(result)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(900, 760)
