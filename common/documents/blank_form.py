"""The blank data-collection form (PDF, A4): what a unit fills on paper before typing it in.

Generated from the form definition, so a new version of a form prints without code
changes: every section and indicator in order, with its unit and standard, boxes to
write in (female / male / total for split indicators, shaded boxes for what the software
computes), the definition's instructions and help texts, and a signature and date block.
Each page carries the unit, the form version, "page N of M" and a QR code. Side by side
(km+en), every fixed word is printed in Khmer with its English; a proposed standard is
marked as proposed, or left out when proposed standards are not printed.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO

from reportlab.lib.colors import HexColor, white
from reportlab.lib.pagesizes import A2, A3, A4
from reportlab.lib.units import mm
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    Spacer,
    Table,
    TableStyle,
)

from common.documents.data import BlankFormInput, DocumentOptions
from common.documents.fonts import FontSet, fonts
from common.documents.page import (
    StartDocument,
    area_kind,
    build,
    describe,
    furniture_for,
    lazy_story,
    pdf_of,
)
from common.documents.text import Para, TextStyle
from common.documents.widgets import EntryBoxes, TickBoxes
from common.documents.wording import WORDS, both, in_language, number, standard_text, word
from common.forms import Indicator, judged_standard
from common.khmer import Digits
from common.khmer.digits import render_digits
from common.units.models import UNIT_KINDS

PAGE_SIZES = {"A4": A4, "A3": A3, "A2": A2}
MARGIN = 12 * mm
ACCENT = HexColor("#1f4e79")
LIGHT = HexColor("#dce6f0")
GREY = HexColor("#555555")
#: A proposed standard's mark: set apart from the standard, but not an alarm.
PROPOSED = HexColor("#8a5a00")


class _Styles:
    def __init__(self, f: FontSet) -> None:
        self.title = TextStyle(f.heading, 15, ACCENT, bold=f.heading_is_body)
        self.subtitle = TextStyle(f.body, 10.5, GREY)
        self.section = TextStyle(f.heading, 11.5, white, bold=f.heading_is_body)
        self.body = TextStyle(f.body, 9.5)
        self.strong = TextStyle(f.body, 9.5, bold=True)
        self.small = TextStyle(f.body, 8, GREY)
        self.head = TextStyle(f.body, 8.5, white, bold=True)
        self.proposed = TextStyle(f.body, 8, PROPOSED)


def _texts(km: str, en: str, language: str, style: TextStyle, second: TextStyle) -> list[Para]:
    """A text in the document's language: Khmer over English when side by side."""
    if language == "en":
        return [Para(en, style)]
    if language == "km+en":
        return [Para(km, style), Para(en, second)]
    return [Para(km, style)]


def form_story(data: BlankFormInput, f: FontSet, *, group: int = 0) -> list[Flowable]:
    """The flowables of one unit's blank form (for a file of its own or a batch)."""
    options = data.options
    language = options.language
    digits = options.effective_digits
    s = _Styles(f)
    width = PAGE_SIZES[options.page_size or "A4"][0] - 2 * MARGIN
    definition = data.definition
    unit = data.unit
    story: list[Flowable] = [StartDocument(furniture_for(unit, data.year, definition, options,
                                                         f, group=group, header=True))]
    year = number(data.year, digits).replace(",", "")
    story += _texts(f"{definition.title.km} {word('year', 'km')}{year}",
                    f"{definition.title.en}, {data.year}", language, s.title,
                    s.subtitle.but(size=11))
    story.append(Spacer(1, 2 * mm))

    story += _identity_table(data, language, digits, s, width)
    story += _instructions(data, language, s, width)

    columns = [9 * mm, width - 9 * mm - 30 * mm - 62 * mm, 30 * mm, 62 * mm]
    # Side by side, each column head is its Khmer over its English.
    header: list[object] = [_texts(*WORDS[k], language, s.head, s.head.but(size=7.5))
                            for k in ("number", "indicator", "standard", "value")]
    for number_, section in enumerate(definition.sections, start=1):
        title = _texts(section.title.km, section.title.en, language, s.section,
                       s.section.but(size=9, bold=False, font=f.body))
        title[0] = Para(f"{number(number_, digits)}. {title[0].text}", s.section)
        band = Table([[title]], colWidths=[width])
        band.setStyle(TableStyle([("BACKGROUND", (0, 0), (-1, -1), ACCENT),
                                  ("TOPPADDING", (0, 0), (-1, -1), 2),
                                  ("BOTTOMPADDING", (0, 0), (-1, -1), 2)]))
        rows_: list[list[object]] = [header]
        for index, indicator in enumerate(section.indicators, start=1):
            rows_.append(_indicator_row(indicator, f"{number(number_, digits)}."
                                        f"{number(index, digits)}", options, s,
                                        columns[3] - 8))
        table = Table(rows_, colWidths=columns, repeatRows=1)
        table.setStyle(TableStyle([
            ("GRID", (0, 0), (-1, -1), 0.4, HexColor("#aaaaaa")),
            ("BACKGROUND", (0, 0), (-1, 0), GREY),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("TOPPADDING", (0, 0), (-1, -1), 2.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ]))
        story += [CondPageBreak(40 * mm), band, table, Spacer(1, 4 * mm)]

    story.append(KeepTogether(_signatures(language, s, width)))
    return story


def _identity_table(data: BlankFormInput, language: str, digits: Digits, s: _Styles,
                    width: float) -> list[Flowable]:
    """Who the unit is: its name, kind and place with their codes, and the year."""
    unit = data.unit
    kind_km, kind_en = UNIT_KINDS.get(unit.kind, (unit.kind, unit.kind))

    def place(p_km: str, p_en: str, code: str) -> str:
        name = p_en if language == "en" else p_km if language == "km" else f"{p_km} / {p_en}"
        return f"{name} ({code})"

    rows = [
        (both("unit", language), place(unit.name_km, unit.name_en, unit.code)),
        (both("kind", language), kind_en if language == "en" else kind_km if language == "km"
         else f"{kind_km} / {kind_en}"),
        *((in_language(*_capital(area_kind(area, level)), language),
           place(area.name_km, area.name_en, area.code))
          for area, level in ((unit.commune, "commune"), (unit.district, "district"),
                              (unit.province, "province"))),
        (both("year", language), number(data.year, digits).replace(",", "")),
    ]
    identity = Table([[Para(k, s.small.but(color=GREY)), Para(v, s.strong)] for k, v in rows],
                     colWidths=[width * 0.3, width * 0.7])
    identity.setStyle(TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.4, HexColor("#aaaaaa")),
        ("BACKGROUND", (0, 0), (0, -1), LIGHT),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
    ]))
    return [identity, Spacer(1, 3 * mm)]


def _instructions(data: BlankFormInput, language: str, s: _Styles,
                  width: float) -> list[Flowable]:
    """The form's own instructions and how to fill it in, boxed."""
    definition = data.definition
    notes: list[Flowable] = [Para(both("instructions", language), s.strong)]
    if definition.instructions is not None:
        notes += _texts(definition.instructions.km, definition.instructions.en, language,
                        s.body, s.small)
    km_how, en_how = both("how_to_fill", "km"), both("how_to_fill", "en")
    notes += _texts(km_how, en_how, language, s.body, s.small)
    box = Table([[notes]], colWidths=[width])
    box.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 0.8, ACCENT),
                             ("BACKGROUND", (0, 0), (-1, -1), HexColor("#f4f7fb"))]))
    return [box, Spacer(1, 4 * mm)]


def _capital(kind: tuple[str, str]) -> tuple[str, str]:
    """An area kind as a label: 'Commune' for 'commune'."""
    return kind[0], kind[1][:1].upper() + kind[1][1:]


def _indicator_row(indicator: Indicator, label_no: str, options: DocumentOptions,
                   s: _Styles, entry_width: float) -> list[object]:
    language = options.language
    described: list[Flowable] = _texts(indicator.label.km, indicator.label.en, language,
                                       s.body, s.small)
    if indicator.help is not None:
        described += _texts(indicator.help.km, indicator.help.en, language, s.small,
                            s.small.but(size=7))
    unit = _both_texts(indicator.unit.km, indicator.unit.en, language) \
        if indicator.unit is not None else ""
    return [Para(label_no, s.small), described, _standard(indicator, options, s),
            _entry(indicator, language, s, entry_width, unit)]


def _standard(indicator: Indicator, options: DocumentOptions, s: _Styles) -> list[Flowable]:
    """The standard in words (Khmer over English side by side), a proposed one marked as
    proposed; nothing when there is none, or it is proposed and those are left out."""
    standard = judged_standard(indicator, proposed=options.proposed_standards)
    if standard is None:
        return []
    language = options.language
    digits = options.effective_digits
    km = standard_text(indicator, standard, language="km", digits=digits)
    en = standard_text(indicator, standard, language="en", digits=digits)
    cell: list[Flowable] = _texts(km, en, language, s.body, s.small)
    if not standard.official:
        cell += _texts(*WORDS["proposed"], language, s.proposed, s.proposed.but(size=7))
    return cell


def _both_texts(km: str, en: str, language: str) -> str:
    """A unit after a box in the document's language(s): side by side, the Khmer over the
    English (EntryBoxes breaks at the newline)."""
    return f"{km}\n{en}" if language == "km+en" else en if language == "en" else km


def _label(key: str, language: str) -> str:
    """A box label: Khmer over English side by side (EntryBoxes breaks at the newline)."""
    km, en = WORDS[key]
    return f"{km}\n{en}" if language == "km+en" else word(key, language)


def _entry(indicator: Indicator, language: str, s: _Styles, width: float,
           unit: str) -> Flowable | list[Flowable]:
    """How a figure is written on paper, by the indicator's type."""
    if indicator.is_computed:
        return EntryBoxes([(_label("computed", language), width * 0.6, True)], style=s.small,
                          suffix=_suffix(indicator, unit))
    if indicator.disaggregation == "sex":
        third = (width - 2 * 2.5 * mm - 14 * mm) / 3
        return EntryBoxes([(_label("female", language), third, False),
                           (_label("male", language), third, False),
                           (_label("total", language), third, True)], style=s.small,
                          suffix=_suffix(indicator, unit))
    if indicator.type == "yes_no":
        return TickBoxes([both("yes", language), both("no", language)], style=s.body,
                         across=True)
    if indicator.type == "choice":
        return TickBoxes([in_language(c.label.km, c.label.en, language)
                          for c in indicator.choices], style=s.body, across=False)
    if indicator.type == "time":
        return EntryBoxes([("", 24 * mm, False)], style=s.body, separator=":",
                          suffix=f"({both('hours_minutes', language)})")
    if indicator.type == "text":
        lines = 2 if (indicator.max_length or 500) > 100 else 1
        return EntryBoxes([("", width, False)], style=s.body, box_height=lines * 7 * mm)
    return EntryBoxes([("", width * 0.62, False)], style=s.small,
                      suffix=_suffix(indicator, unit))


def _suffix(indicator: Indicator, unit: str) -> str:
    if indicator.type == "money":
        return "៛"
    if indicator.type == "percent":
        return "%"
    return unit


def _signatures(language: str, s: _Styles, width: float) -> list[Flowable]:
    cells = []
    for who in ("prepared_by", "checked_by"):
        block: list[Flowable] = [Para(both(who, language), s.strong), Spacer(1, 2 * mm)]
        for line in ("name", "position", "signature", "date"):
            block += [Para(f"{both(line, language)}:", s.small),
                      EntryBoxes([("", width / 2 - 12 * mm, False)], style=s.small,
                                 box_height=(14 if line == "signature" else 7) * mm),
                      Spacer(1, 1.5 * mm)]
        cells.append(block)
    table = Table([cells], colWidths=[width / 2, width / 2])
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("BOX", (0, 0), (0, 0), 0.6, GREY),
                               ("BOX", (1, 0), (1, 0), 0.6, GREY)]))
    return [Spacer(1, 4 * mm), table]


def document_template(target: str | Path | BinaryIO, page_size: str, *, top: float,
                      bottom: float, title: str) -> BaseDocTemplate:
    """A one-frame document of `page_size` with room for the page furniture."""
    size = PAGE_SIZES[page_size]
    doc = BaseDocTemplate(target, pagesize=size, leftMargin=MARGIN, rightMargin=MARGIN,
                          topMargin=top, bottomMargin=bottom, title=title,
                          author="ISAF Desk", creator="ISAF Desk", invariant=True)
    frame = Frame(MARGIN, bottom, size[0] - 2 * MARGIN, size[1] - top - bottom,
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="body")
    doc.addPageTemplates([PageTemplate("page", [frame])])
    return doc


def build_forms(items: Iterable[BlankFormInput], target: str | Path | BinaryIO) -> None:
    """Write the blank forms of one or more units into one PDF (each starting on a new
    page, with its own page numbers). `items` is read as the layout goes: one unit's form
    is made when the one before it is laid out (a generator may load them one by one)."""
    rest = iter(items)
    first = next(rest, None)
    if first is None:
        raise ValueError("no form to print")
    options = first.options
    f = fonts(use_muol=options.heading_font)

    def story_of(item: BlankFormInput, group: int) -> list[Flowable]:
        if not isinstance(item, BlankFormInput):
            raise TypeError("a file holds posters or blank forms, not both")
        return form_story(item, f, group=group)

    doc = document_template(target, options.page_size or "A4", top=MARGIN + 24 * mm,
                            bottom=MARGIN + 6 * mm, title=first.definition.title.en)
    title = first.definition.title
    year = render_digits(str(first.year), options.effective_digits)
    describe(doc, options.language, (f"{title.km} {word('year', 'km')}{year}",
                                     f"{title.en}, {first.year}"), WORDS["form_subject"])
    build(doc, lazy_story(first, rest, story_of), options)


def blank_form_pdf(data: BlankFormInput, target: str | Path | BinaryIO | None = None) -> bytes:
    """The blank form of one unit as PDF bytes (also written to `target` when given)."""
    return pdf_of(build_forms, data, target)
