"""Page furniture shared by every printed document: running header, footer with the form
version and "page N of M", and a QR code naming the unit, year and form version.

One file may hold the documents of many units (a district batch): page numbers count
within each unit's document, so the canvas keeps every page until the end, when the
totals are known, and draws the furniture then.
"""

from __future__ import annotations

import datetime as dt
import io
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, TypeVar

from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib.colors import Color, HexColor
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable

from common.documents.data import DocumentOptions, UnitIdentity
from common.documents.fonts import FontSet
from common.documents.text import TextProblem, TextStyle, draw_text, fit_style, recording
from common.documents.wording import number, word
from common.files import write_bytes_atomic
from common.forms import FormDefinition
from common.khmer import CAMBODIA_TZ, Digits, format_date_en, format_date_km
from common.khmer.digits import render_digits

GREY = HexColor("#555555")
RULE = HexColor("#999999")


def qr_payload(unit_code: str, year: int, definition: FormDefinition) -> str:
    """What the QR code of a document says: unit, year, form and its version."""
    return f"ISAF;unit={unit_code};year={year};form={definition.form};v={definition.version}"


def printed_on(options: DocumentOptions) -> dt.date:
    """The date printed on a document: the one asked for, or today in Cambodia."""
    return options.printed_on or dt.datetime.now(CAMBODIA_TZ).date()


@dataclass(frozen=True)
class Furniture:
    """What the furniture of one unit's document prints on each of its pages."""

    group: int
    qr: str
    header: str  # running header at the top left ('' for none)
    footer: str  # at the bottom left: form version, print date
    fonts: FontSet
    language: str
    digits: Digits
    #: Size of the QR code and of the footer text.
    qr_size: float = 20 * mm
    text_size: float = 8
    qr_at_top: bool = True
    margin: float = 12 * mm


def furniture_for(unit: UnitIdentity, year: int, definition: FormDefinition,
                  options: DocumentOptions, fonts: FontSet, *, group: int, header: bool,
                  scale: float = 1.0, qr_size: float | None = None) -> Furniture:
    """The furniture of one unit's document."""
    language = options.language
    digits = options.effective_digits
    lang = "en" if language == "en" else "km"
    day = printed_on(options)
    date = format_date_en(day) if lang == "en" else format_date_km(day, digits)
    version = render_digits(str(definition.version), digits)
    footer = (f"{definition.form} · {word('form_version', lang)} {version} · "
              f"{word('printed_on', lang)} {date}")
    name = unit.name_en if lang == "en" else unit.name_km
    top = f"{name} · {unit.code} · {word('year', lang)} {render_digits(str(year), digits)}"
    return Furniture(group=group, qr=qr_payload(unit.code, year, definition),
                     header=top if header else "", footer=footer, fonts=fonts,
                     language=lang, digits=digits, qr_size=qr_size or 20 * mm * scale,
                     text_size=8 * scale, qr_at_top=header, margin=12 * mm * scale)


class StartDocument(Flowable):  # type: ignore[misc]  # reportlab is untyped
    """Marks where one unit's document starts in a file (it takes no room)."""

    def __init__(self, furniture: Furniture) -> None:
        super().__init__()
        self.furniture = furniture
        self.width = self.height = 0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        """No room taken."""
        return 0, 0

    def draw(self) -> None:
        """Tell the canvas whose pages follow."""
        self.canv._isaf_furniture = self.furniture


class NumberedCanvas(Canvas):  # type: ignore[misc]  # reportlab is untyped
    """A canvas that draws each page's furniture when the document is complete."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._isaf_pages: list[dict[str, Any]] = []
        self._isaf_furniture: Furniture | None = None
        self._isaf_qr: dict[str, Drawing] = {}

    def showPage(self) -> None:  # noqa: N802 - ReportLab's name
        """Keep the page; it is finished in `save`."""
        self._isaf_pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        """Draw every page's furniture, now that each document's page count is known."""
        totals = Counter(getattr(p.get("_isaf_furniture"), "group", None)
                         for p in self._isaf_pages)
        seen: Counter[int | None] = Counter()
        for state in self._isaf_pages:
            self.__dict__.update(state)
            furniture = self._isaf_furniture
            if furniture is not None:
                seen[furniture.group] += 1
                self._draw_furniture(furniture, seen[furniture.group], totals[furniture.group])
            super().showPage()
        super().save()

    def _qr_drawing(self, payload: str, size: float) -> Drawing:
        key = f"{size:.2f}|{payload}"
        if key not in self._isaf_qr:
            widget = QrCodeWidget(payload, barLevel="M")
            x0, y0, x1, y1 = widget.getBounds()
            drawing = Drawing(size, size, transform=[size / (x1 - x0), 0, 0,
                                                     size / (y1 - y0), 0, 0])
            drawing.add(widget)
            self._isaf_qr[key] = drawing
        return self._isaf_qr[key]

    def _draw_furniture(self, f: Furniture, page: int, total: int) -> None:
        width, height = self._pagesize
        style = TextStyle(f.fonts.body, f.text_size, GREY)
        qr_x = width - f.margin - f.qr_size
        qr_y = height - f.margin - f.qr_size if f.qr_at_top else f.margin * 0.6
        renderPDF.draw(self._qr_drawing(f.qr, f.qr_size), self, qr_x, qr_y)
        pages = (f"{word('page', f.language)} {number(page, f.digits)} "
                 f"{word('of', f.language)} {number(total, f.digits)}")
        base = f.margin * 0.6 + f.text_size * 0.4
        right = qr_x - 4 * mm if not f.qr_at_top else width - f.margin
        draw_text(self, right, base, pages, style, align="right")
        footer_style = fit_style(f.footer, style, right - f.margin - 30 * mm)
        draw_text(self, f.margin, base, f.footer, footer_style)
        self.setStrokeColor(RULE)
        self.setLineWidth(0.4)
        self.line(f.margin, base + f.text_size * 1.4, right, base + f.text_size * 1.4)
        if f.header:
            header_style = fit_style(f.header, style.but(size=f.text_size + 1),
                                     qr_x - f.margin - 6 * mm)
            draw_text(self, f.margin, height - f.margin - f.text_size, f.header, header_style)


class TextCheckError(ValueError):
    """Texts that would print wrongly; nothing was written."""

    def __init__(self, problems: list[TextProblem]) -> None:
        self.problems = problems
        super().__init__("; ".join(str(p) for p in problems[:10]))


def build(doc: BaseDocTemplate, story: list[Flowable], options: DocumentOptions) -> None:
    """Lay out and write a document with its page furniture. With `options.strict`, every
    text drawn is checked first, and the target is written only when all print right
    (TextCheckError otherwise)."""
    if not options.strict:
        doc.build(story, canvasmaker=NumberedCanvas)
        return
    target = doc.filename
    buffer = io.BytesIO()
    doc.filename = buffer
    with recording() as drawn:
        doc.build(story, canvasmaker=NumberedCanvas)
    problems = drawn.problems()
    if problems:
        raise TextCheckError(problems)
    if isinstance(target, str | Path):
        Path(target).write_bytes(buffer.getvalue())
    else:
        target.write(buffer.getvalue())


_Item = TypeVar("_Item")


def pdf_of(build_all: Callable[[Sequence[_Item], io.BytesIO], None], item: _Item,
           target: str | Path | BinaryIO | None) -> bytes:
    """One document as PDF bytes, built by `build_all` (which makes many into one file),
    also written to `target` when given (a path: atomically; a file: as it is)."""
    buffer = io.BytesIO()
    build_all([item], buffer)
    pdf = buffer.getvalue()
    if isinstance(target, str | Path):
        write_bytes_atomic(target, pdf)
    elif target is not None:
        target.write(pdf)
    return pdf


def colour(hex_code: str) -> Color:
    """A colour from '#rrggbb'."""
    return HexColor(hex_code)
