"""Page furniture shared by every printed document: running header, footer with the form
version and "page N of M", a QR code naming the unit, year and form version; the PDF's
title, subject and language; and the words that place a unit in the country.

One file may hold the documents of many units (a district batch): page numbers count
within each unit's document, so the canvas keeps the pages of the document being laid out
until the next one starts (then its total is known), draws their furniture and hands them
to the PDF, compressed. A batch's story is fed one unit at a time (`lazy_story`), so the
memory a file takes to make does not grow with the number of units in it.
"""

from __future__ import annotations

import datetime as dt
import io
import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, TypeVar

from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib.colors import Color, HexColor
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfdoc
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, PageBreak
from reportlab.platypus.doctemplate import ActionFlowable

from common.documents.data import DocumentOptions, Place, UnitIdentity
from common.documents.fonts import FontSet
from common.documents.text import Para, TextProblem, TextStyle, draw_text, fit_style, recording
from common.documents.wording import WORDS, in_language, number, word
from common.files import replacing, write_bytes_atomic
from common.forms import FormDefinition
from common.geography.models import KIND_KM
from common.khmer import CAMBODIA_TZ, Digits, format_date_en, format_date_km
from common.khmer.digits import render_digits
from common.units.models import UNIT_KINDS

GREY = HexColor("#555555")
RULE = HexColor("#999999")
#: Who made the PDF, in its properties.
AUTHOR = "ISAF Desk"
#: At most this many lines of running header; past them its text gets smaller.
HEADER_LINES = 3


def qr_payload(unit_code: str, year: int, definition: FormDefinition) -> str:
    """What the QR code of a document says: unit, year, form and its version."""
    return f"ISAF;unit={unit_code};year={year};form={definition.form};v={definition.version}"


def printed_on(options: DocumentOptions) -> dt.date:
    """The date printed on a document: the one asked for, or today in Cambodia."""
    return options.printed_on or dt.datetime.now(CAMBODIA_TZ).date()


def area_kind(area: Place, level: str) -> tuple[str, str]:
    """What an area is called, in Khmer and English: its real kind (ឃុំ or សង្កាត់, ស្រុក,
    ក្រុង or ខណ្ឌ, ខេត្ត or រាជធានី), or the words for any kind of its level (`level`:
    commune, district, province) when its kind is not known."""
    kind = area.kind.strip().lower()
    if kind in KIND_KM:
        return KIND_KM[kind], kind
    return WORDS[level]


def place_lines(unit: UnitIdentity) -> tuple[str, str]:
    """Where a unit is, as one Khmer line and one English line: its kind, commune,
    district, province and code, each area named by its real kind."""
    kind_km, kind_en = UNIT_KINDS.get(unit.kind, (unit.kind, unit.kind))
    areas = [(unit.commune, "commune"), (unit.district, "district"),
             (unit.province, "province")]
    kinds = [area_kind(area, level) for area, level in areas]
    km = " · ".join([kind_km, *(f"{k}{area.name_km}" for (area, _), (k, _) in
                                zip(areas, kinds, strict=True)), f"លេខកូដ {unit.code}"])
    # The English kind after the name ("Mongkol Borei district"); the generic words of an
    # unknown kind are "District/municipality/khan", so lower case reads in the line.
    en = " · ".join([kind_en, *(f"{area.name_en} {e.lower()}" for (area, _), (_, e) in
                                zip(areas, kinds, strict=True)), f"code {unit.code}"])
    return km, en


@dataclass(frozen=True)
class Furniture:
    """What the furniture of one unit's document prints on each of its pages."""

    group: int
    qr: str
    header: str  # running header at the top left ('' for none)
    footer: str  # at the bottom left: form version, print date
    fonts: FontSet
    language: str  # km, en or km+en
    digits: Digits
    #: Size of the QR code and of the footer text.
    qr_size: float = 20 * mm
    text_size: float = 8
    qr_at_top: bool = True
    margin: float = 12 * mm

    def pages(self, page: int, total: int) -> str:
        """'page N of M' in the document's language(s); the English in Arabic digits,
        as an English date is written."""
        km = f"{word('page', 'km')} {number(page, self.digits)} {word('of', 'km')} " \
             f"{number(total, self.digits)}"
        digits: Digits = self.digits if self.language == "en" else "arabic"
        en = f"{word('page', 'en')} {number(page, digits)} {word('of', 'en')} " \
             f"{number(total, digits)}"
        return in_language(km, en, self.language)


def furniture_for(unit: UnitIdentity, year: int, definition: FormDefinition,
                  options: DocumentOptions, fonts: FontSet, *, group: int, header: bool,
                  scale: float = 1.0, qr_size: float | None = None) -> Furniture:
    """The furniture of one unit's document."""
    language = options.language
    digits = options.effective_digits
    day = printed_on(options)
    # The English of a side-by-side document is in Arabic digits, as its date is.
    en_digits: Digits = digits if language == "en" else "arabic"
    km = (f"{word('form_version', 'km')} {render_digits(str(definition.version), digits)}"
          f" · {word('printed_on', 'km')} {format_date_km(day, digits)}")
    en = (f"{word('form_version', 'en')} {render_digits(str(definition.version), en_digits)}"
          f" · {word('printed_on', 'en')} {format_date_en(day)}")
    footer = f"{definition.form} · {in_language(km, en, language)}"
    name = in_language(unit.name_km, unit.name_en, language)
    year_text = render_digits(str(year), digits)
    top = f"{name} · {unit.code} · {in_language(*WORDS['year'], language)} {year_text}"
    return Furniture(group=group, qr=qr_payload(unit.code, year, definition),
                     header=top if header else "", footer=footer, fonts=fonts,
                     language=language, digits=digits,
                     qr_size=qr_size or 20 * mm * scale, text_size=8 * scale,
                     qr_at_top=header, margin=12 * mm * scale)


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


_Item = TypeVar("_Item")


class _Later(ActionFlowable):  # type: ignore[misc]  # reportlab is untyped
    """Where the next unit's document goes in a story: it is made only when the layout
    reaches this point, and put in front of what is left of the story."""

    def __init__(self, story: list[Flowable], make: Callable[[], list[Flowable]]) -> None:
        super().__init__()
        self.story = story
        self.make = make

    def apply(self, doc: BaseDocTemplate) -> None:
        """Make the next unit's flowables (the layout has just taken this one off)."""
        self.story[0:0] = self.make()


def lazy_story(first: _Item, rest: Iterator[_Item],
               story_of: Callable[[_Item, int], list[Flowable]]) -> list[Flowable]:
    """The story of many units' documents in one file, each starting on a new page:
    `story_of(item, group)` is called for the next item only when the layout reaches it,
    so only one unit's flowables are held at a time (`rest` may load items as it goes)."""
    story: list[Flowable] = []

    def more(group: int) -> list[Flowable]:
        for item in rest:
            return [PageBreak(), *story_of(item, group), _Later(story, lambda: more(group + 1))]
        return []

    story += [*story_of(first, 0), _Later(story, lambda: more(1))]
    return story


def _group(state: dict[str, Any]) -> int | None:
    return getattr(state.get("_isaf_furniture"), "group", None)


class NumberedCanvas(Canvas):  # type: ignore[misc]  # reportlab is untyped
    """A canvas that draws each page's furniture once its document's page count is known:
    it keeps the pages of the current document only, and finishes them when the first
    page of the next document, or the end of the file, comes."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._isaf_pages: list[dict[str, Any]] = []
        self._isaf_furniture: Furniture | None = None
        self._isaf_qr: dict[str, Drawing] = {}
        # A list, changed in place: a kept page's state, put back, must not lose it.
        self._isaf_spill: list[BinaryIO] = []

    def showPage(self) -> None:  # noqa: N802 - ReportLab's name
        """Keep the page; the pages of the document before it, if it starts another one,
        are complete: finish them first."""
        state = dict(self.__dict__)
        pending = self._isaf_pages
        if pending and _group(pending[-1]) != _group(state):
            self._finish_pending()
            self.__dict__.update(state)
        pending.append(state)
        self._startPage()

    def save(self) -> None:
        """Finish the last document's pages, and write the file part by part."""
        self._finish_pending()
        target = self._filename
        try:
            if hasattr(target, "write"):
                _write_pdf(self._doc, self, target)
            else:
                with open(target, "wb") as out:
                    _write_pdf(self._doc, self, out)
        finally:
            for spill in self._isaf_spill:
                spill.close()

    def _spill_page(self) -> None:
        """Move the content of the page just added to the PDF to the temporary file."""
        page = self._doc.Pages.pages[-1]
        stream = getattr(page, "stream", None)
        if not page.compression or not stream or page.Contents:
            return  # left as ReportLab keeps it
        if not self._isaf_spill:
            self._isaf_spill.append(tempfile.TemporaryFile())  # noqa: SIM115 - closed in save
        page.Contents = _SpilledStream(self._isaf_spill[0], stream)
        page.stream = None

    def _finish_pending(self) -> None:
        """Draw the furniture of the kept pages (all of one document) and emit them."""
        pending = list(self._isaf_pages)
        self._isaf_pages.clear()  # in place: every kept state refers to this list
        total = len(pending)
        for page, state in enumerate(pending, start=1):
            self.__dict__.update(state)
            furniture = self._isaf_furniture
            if furniture is not None:
                self._draw_furniture(furniture, page, total)
            super().showPage()
            self._spill_page()
        self._isaf_qr.clear()  # one QR code per document: no need to keep it

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
        base = f.margin * 0.6 + f.text_size * 0.4
        right = qr_x - 4 * mm if not f.qr_at_top else width - f.margin
        pages_width = draw_text(self, right, base, f.pages(page, total), style, align="right")
        footer_style = fit_style(f.footer, style,
                                 right - f.margin - max(30 * mm, pages_width + 4 * mm))
        draw_text(self, f.margin, base, f.footer, footer_style)
        self.setStrokeColor(RULE)
        self.setLineWidth(0.4)
        self.line(f.margin, base + f.text_size * 1.4, right, base + f.text_size * 1.4)
        if f.header:
            self._draw_header(f, qr_x - f.margin - 6 * mm, height - f.margin)

    def _draw_header(self, f: Furniture, room: float, top: float) -> None:
        """The running header from `top` down, left of the QR code: wrapped over up to
        three lines, smaller only when three lines at its size do not hold it, so a long
        unit name never runs onto the QR code."""
        style = TextStyle(f.fonts.body, f.text_size + 1, GREY)
        header = Para(f.header, style)
        _, high = header.wrap(room, top)
        while high > HEADER_LINES * style.line_height + 0.01 and style.size > 5:
            style = style.but(size=style.size * 0.92)
            header = Para(f.header, style)
            _, high = header.wrap(room, top)
        header.drawOn(self, f.margin, top - high)


class _SpilledStream(pdfdoc.PDFStream):  # type: ignore[misc]  # reportlab is untyped
    """A page's content stream, compressed and kept in a temporary file until the PDF is
    written (ReportLab keeps every page's drawing commands in memory until the end: for
    a district's hundred forms, hundreds of megabytes)."""

    def __init__(self, spill: BinaryIO, stream: str | bytes) -> None:
        # Flate only: the ASCII85 step ReportLab may add makes a stream a quarter larger
        # for 7-bit channels nobody sends a PDF through.
        data = pdfdoc.PDFZCompress.encode(stream)
        super().__init__(pdfdoc.PDFDictionary(
            {"Filter": pdfdoc.PDFArray([pdfdoc.PDFName(pdfdoc.PDFZCompress.pdfname)])}), None)
        self.__Comment__ = "page stream"
        self.content: bytes | None = None
        spill.seek(0, io.SEEK_END)
        self._spill, self._at, self._size = spill, spill.tell(), len(data)
        spill.write(data)

    def format(self, document: pdfdoc.PDFDocument) -> bytes:
        """The stream read back from the temporary file, only while it is written."""
        self._spill.seek(self._at)
        self.content = self._spill.read(self._size)
        try:
            return bytes(super().format(document))
        finally:
            self.content = None


class _WrittenFile(pdfdoc.PDFFile):  # type: ignore[misc]  # reportlab is untyped
    """ReportLab's collector of a PDF's parts, writing each to the file as it comes
    instead of joining them all in memory."""

    def __init__(self, out: BinaryIO, version: tuple[int, int]) -> None:
        super().__init__(version)  # collects the header in `strings`: write it out
        out.write(b"".join(self.strings))
        self.strings: list[bytes] = []
        self.write = out.write

    def format(self, document: pdfdoc.PDFDocument) -> bytes:
        """Everything is written already."""
        return b""


def _write_pdf(doc: pdfdoc.PDFDocument, canvas: Canvas, out: BinaryIO) -> None:
    """Write `doc` to `out` object by object: ReportLab's `GetPDFData` and `format`
    (reportlab 4-5), with each formatted object written at once rather than kept."""
    for font in doc.delayedFonts:
        font.addObjects(doc)
    doc.info.invariant = doc.invariant
    doc.info.digest(doc.signature)
    doc.Outlines.prepare(doc, canvas)
    if doc.Outlines.ready < 0:
        doc.Catalog.Outlines = None
    doc.encrypt.prepare(doc)
    catalog, info = doc.Reference(doc.Catalog), doc.Reference(doc.info)
    encryption = doc.encrypt.info()
    encrypt_ref = doc.Reference(encryption) if encryption else None
    written = _WrittenFile(out, doc._pdfVersion)
    doc.__accum__ = written
    ids = []
    counter = 1
    while counter in doc.numberToId:
        oid = doc.numberToId[counter]
        formatted = pdfdoc.PDFIndirectObject(oid, doc.idToObject[oid]).format(doc)
        doc.idToOffset[oid] = written.add(formatted)
        ids.append(oid)
        counter += 1
    del doc.__accum__
    xref = pdfdoc.PDFCrossReferenceTable()
    xref.addsection(0, ids)
    start = written.add(xref.format(doc))
    written.add(pdfdoc.PDFTrailer(startxref=start, Size=len(ids) + 1, Root=catalog,
                                  Info=info, Encrypt=encrypt_ref, ID=doc.ID()).format(doc))


class TextCheckError(ValueError):
    """Texts that would print wrongly; nothing was written."""

    def __init__(self, problems: list[TextProblem]) -> None:
        self.problems = problems
        super().__init__("; ".join(str(p) for p in problems[:10]))


def describe(doc: BaseDocTemplate, language: str, title: tuple[str, str],
             subject: tuple[str, str]) -> None:
    """The PDF's properties: title and subject (each a Khmer and an English text) in the
    document's language(s), ISAF Desk as author and creator, and the catalog language
    (/Lang: km, or en for an English-only document) that screen readers and search use."""
    doc.title = in_language(*title, language)
    doc.subject = in_language(*subject, language)
    doc.author = doc.creator = AUTHOR
    doc.lang = "en" if language == "en" else "km"


def build(doc: BaseDocTemplate, story: list[Flowable], options: DocumentOptions) -> None:
    """Lay out and write a document with its page furniture. With `options.strict`, every
    text drawn is checked first, and the target is written only when all print right
    (TextCheckError otherwise)."""
    if not options.strict:
        _lay_out(doc, story)
        return
    target = doc.filename
    if isinstance(target, str | Path):
        # Written beside the target and moved over it only when every text is right.
        with replacing(target) as temporary:
            doc.filename = str(temporary)
            _build_checked(doc, story)
        doc.filename = target
        return
    buffer = io.BytesIO()
    doc.filename = buffer
    _build_checked(doc, story)
    target.write(buffer.getvalue())


def _lay_out(doc: BaseDocTemplate, story: list[Flowable]) -> None:
    """Build with the numbering canvas; its temporary file is closed even when the build
    stops half way (a cancel, an error)."""
    try:
        doc.build(story, canvasmaker=NumberedCanvas)
    finally:
        for spill in getattr(getattr(doc, "canv", None), "_isaf_spill", []):
            spill.close()


def _build_checked(doc: BaseDocTemplate, story: list[Flowable]) -> None:
    with recording() as drawn:
        _lay_out(doc, story)
    problems = drawn.problems()
    if problems:
        raise TextCheckError(problems)


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
