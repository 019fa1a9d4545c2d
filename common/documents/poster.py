"""The I4C poster ("Information for Citizens"), A3 (or A2), for one unit and year.

Khmer first (English on request, or side by side: then every word on it in both
languages): who the unit is, how many standards it meets (a ring chart), its budget
received and spent (bars, against last year), each standard with this year's figure
marked met / not met in colour, words and a tick or cross, last year's figure, the change
and the district average, the other poster figures of the definition, and the year's
JAAP actions when there are any (the tables: `common.documents.poster_tables`).

A standard that is only proposed (not yet an official national standard) is marked as
such wherever it is judged, and the ring chart says how many of its standards are
official and how many proposed; `DocumentOptions(proposed_standards=False)` judges only
official ones, and prints the figures of the others, without a verdict, among the other
figures.

A poster goes on a wall, so it is one sheet: it is laid out at the largest text scale, down
to a readable minimum, at which it fits one page (`fitted_story`); only what does not fit
even then continues on a second page.

Only indicators marked `poster: true` are printed, and never one marked `personal` nor a
free-text one (where a person's name or phone would hide): the poster is public.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import BinaryIO

from reportlab.lib.pagesizes import A2, A3, A4
from reportlab.lib.units import mm
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    PageTemplate,
    Spacer,
    Table,
    TableStyle,
)

from common.documents.charts import (
    NOT_MET,
    RECEIVED,
    SPENT,
    Bar,
    BarChart,
    Runs,
    StandardsDonut,
)
from common.documents.data import FINAL_STATUSES, PosterInput
from common.documents.fonts import FontSet, fonts
from common.documents.page import (
    StartDocument,
    build,
    describe,
    furniture_for,
    lazy_story,
    pdf_of,
    place_lines,
)
from common.documents.poster_tables import (
    ACCENT,
    GRID,
    PosterStyles,
    figures_table,
    jaap_table,
    pair,
    standards_table,
    table_notes,
    words,
)
from common.documents.text import Para, TextStyle, fit_style
from common.documents.widgets import Pair
from common.documents.wording import both, english_digits, number, word
from common.forms import Indicator, Standard, judged_standard
from common.khmer import Digits, format_riel
from common.khmer.digits import render_digits

PAGE_SIZES = {"A4": A4, "A3": A3, "A2": A2}
#: The totals the budget chart compares, per form. The definition format has no way yet
#: to say "this is the year's total received" (a `poster_role` key would be the place);
#: a form that lacks these codes simply gets no budget chart.
BUDGET_TOTALS: dict[str, tuple[str, str]] = {
    "cs_admin": ("received_total", "spent_total"),
    "health_center": ("income_total", "spending_total"),
    "primary_school": ("sob_received_total", "sob_spent_total"),
}


def public_indicators(data: PosterInput) -> list[Indicator]:
    """The indicators a poster may show: marked for the poster, not personal, not free
    text."""
    return [i for i in data.definition.indicators()
            if i.poster and not i.personal and i.type != "text"]


def _heading(key: str, language: str, s: PosterStyles, width: float) -> list[Flowable]:
    """A section's heading; side by side, the English after the Khmer on its line."""
    if language != "km+en":
        return [Para(word(key, language), s.heading)]
    km = Para(word(key, "km"), s.heading)
    first = min(km.natural_width() + s.heading.size, width * 0.7)
    row = Table([[km, Para(word(key, "en"), s.heading_en)]],
                colWidths=[first, width - first])
    row.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                             ("LEFTPADDING", (0, 0), (-1, -1), 0),
                             ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                             ("TOPPADDING", (0, 0), (-1, -1), 0),
                             ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                             ("BOTTOMPADDING", (1, 0), (1, 0), s.heading.size * 0.45)]))
    return [row]


def judged(data: PosterInput) -> list[tuple[Indicator, Standard]]:
    """The poster's indicators judged met or not met, with the standard each is judged
    against (proposed ones only when the options say so)."""
    proposed = data.options.proposed_standards
    return [(i, standard) for i in public_indicators(data)
            if (standard := judged_standard(i, proposed=proposed)) is not None]


def poster_story(data: PosterInput, f: FontSet, *, group: int = 0, scale: float = 1.0,
                 breaks: bool = True) -> list[Flowable]:
    """The flowables of one unit's poster (for a file of its own or a batch), its text and
    spacing at `scale` times their designed size (the page, margins and furniture stay)."""
    options = data.options
    size = options.page_size or "A3"
    page_width = PAGE_SIZES[size][0]
    page_k = page_width / A3[0]
    k = page_k * scale
    width = frame_size(size)[0]
    language = options.language
    digits = options.effective_digits
    s = PosterStyles(f, k, page_k)
    story: list[Flowable] = [StartDocument(furniture_for(
        data.unit, data.year, data.definition, options, f, group=group, header=False,
        scale=page_k * 1.3, qr_size=24 * mm * page_k))]

    story += _identity_band(data, s, width, k)
    standards = judged(data)
    story += _summary_row(data, standards, s, digits, width, k)

    # Each standard: this year, met or not, last year, change, district average.
    if standards:
        story += _heading("performance", language, s, width)
        story.append(Spacer(1, 1.5 * mm * k))
        story.append(standards_table(data, standards, s, digits, width, k))
        story += table_notes(data, standards, s, digits, width)
        story.append(Spacer(1, 4 * mm * k))
    elif any(i.standard is not None for i in public_indicators(data)):
        # Every standard is only proposed and proposed ones are left out: say so, rather
        # than let a citizen think the unit has none to meet.
        story += words("no_official_standard", language, s.small, s.small_en)
        story.append(Spacer(1, 4 * mm * k))

    # Every other poster figure, by section of the form (a figure whose standard is left
    # out is printed here, without a verdict).
    judged_codes = {i.code for i, _ in standards}
    others = [i for i in public_indicators(data) if i.code not in judged_codes]
    if others:
        if breaks:
            story.append(CondPageBreak(40 * mm * k))
        story += _heading("other_figures", language, s, width)
        story.append(Spacer(1, 1.5 * mm * k))
        story.append(figures_table(data, others, s, digits, width, k, balanced=not breaks))
        story.append(Spacer(1, 4 * mm * k))

    # The year's JAAP actions, only when given.
    if data.jaap_actions:
        if breaks:
            story.append(CondPageBreak(50 * mm * k))
        story += _heading("jaap", language, s, width)
        story.append(Spacer(1, 1.5 * mm * k))
        story.append(jaap_table(data, s, digits, width, k))
    return story


def _kicker(data: PosterInput, s: PosterStyles) -> Flowable:
    """'Information for Citizens (I4C) · Year 2026', in the poster's language(s)."""
    language = data.options.language
    digits = data.options.effective_digits
    year = number(data.year, digits).replace(",", "")
    year_en = number(data.year, english_digits(digits, language)).replace(",", "")
    km = f"{word('poster_heading', 'km')} ឆ្នាំ{year}"
    en = f"{word('poster_heading', 'en')} (I4C) · {word('year', 'en')} {year_en}"
    if language == "en":
        return Para(en, s.kicker)
    if language == "km":
        return Para(km, s.kicker)
    return Pair(Para(km, s.kicker), Para(en, s.kicker_en), gap=s.kicker.size)


def _identity_band(data: PosterInput, s: PosterStyles, width: float,
                   k: float) -> list[Flowable]:
    """Who the unit is, on the accent band; a "draft" band under it while the form is not
    final."""
    unit = data.unit
    language = data.options.language
    place_km, place_en = place_lines(unit)
    # The name on one line when it can be (down to two thirds of its size): a heading
    # line of the Muol font is two of its sizes high.
    inner = width - 14 * mm * k
    name = unit.name_en if language == "en" else unit.name_km
    name_style = fit_style(name, s.name, inner, smallest=s.name.size * 0.67)
    band: list[Flowable] = [_kicker(data, s), Para(name, name_style)]
    if language == "km+en":
        band.append(Para(unit.name_en, s.name_en))
    band += pair(place_km, place_en, language, s.place, s.place_en)
    header = Table([[band]], colWidths=[width])
    header.setStyle(TableStyle([("BACKGROUND", (0, 0), (-1, -1), ACCENT),
                                ("LEFTPADDING", (0, 0), (-1, -1), 7 * mm * k),
                                ("RIGHTPADDING", (0, 0), (-1, -1), 7 * mm * k),
                                ("TOPPADDING", (0, 0), (-1, -1), 2.5 * mm * k),
                                ("BOTTOMPADDING", (0, 0), (-1, -1), 3 * mm * k)]))
    story: list[Flowable] = [header]
    if data.status not in FINAL_STATUSES:
        draft = Table([[pair(word("draft", "km"), word("draft", "en"), language, s.draft,
                             s.draft_en)]], colWidths=[width])
        draft.setStyle(TableStyle([("BACKGROUND", (0, 0), (-1, -1), NOT_MET)]))
        story.append(draft)
    story.append(Spacer(1, 3 * mm * k))
    return story


def _ring_words(standards: Sequence[tuple[Indicator, Standard]], s: PosterStyles,
                language: str, digits: Digits) -> tuple[Runs, list[tuple[str, TextStyle]]]:
    """The ring's caption (what it counts) and its notes: when any of its standards is
    only proposed, how many are official and how many proposed; side by side, in both
    languages."""
    lang = "en" if language == "en" else "km"
    caption: list[tuple[str, TextStyle]] = [(word("standards_met", lang),
                                             s.body.but(bold=True))]
    if language == "km+en":
        caption.append((word("standards_met", "en"), s.body_en))
    proposed = sum(1 for _, standard in standards if not standard.official)
    notes: list[tuple[str, TextStyle]] = []
    if proposed:
        official = len(standards) - proposed
        notes = [(f"{both(key, language)}: {number(n, digits)}", style)
                 for key, n, style in (("official_standards", official, s.body),
                                       ("proposed_standards", proposed, s.proposed)) if n]
    return caption, notes


def _summary_row(data: PosterInput, standards: Sequence[tuple[Indicator, Standard]],
                 s: PosterStyles, digits: Digits, width: float, k: float) -> list[Flowable]:
    """Standards met (a donut) beside the budget; nothing when there is neither."""
    language = data.options.language
    verdicts = [standard.is_met(data.values.get(i.code)) for i, standard in standards]
    met = sum(1 for v in verdicts if v is True)
    not_met = sum(1 for v in verdicts if v is False)
    summary: list[list[Flowable]] = [[], []]
    if standards:
        caption, notes = _ring_words(standards, s, language, digits)
        summary[0] = [StandardsDonut(
            met, not_met, len(standards) - met - not_met,
            centre=f"{number(met, digits)}/{number(len(standards), digits)}",
            caption=caption, notes=notes,
            legend=[f"{both(key, language)}: {number(n, digits)}" for key, n in (
                ("met", met), ("not_met", not_met),
                ("no_data", len(standards) - met - not_met))],
            style=s.body, big=s.big, diameter=36 * mm * k)]
    budget = _budget_chart(data, s, digits, width * 0.55, k)
    if budget is not None:
        summary[1] = [budget]
    if not standards and budget is None:
        return []
    row = Table([summary], colWidths=[width * 0.42, width * 0.58])
    row.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                             ("BOX", (0, 0), (-1, -1), 0.8, GRID),
                             ("LINEAFTER", (0, 0), (0, 0), 0.8, GRID),
                             ("TOPPADDING", (0, 0), (-1, -1), 3 * mm * k),
                             ("LEFTPADDING", (0, 0), (-1, -1), 4 * mm * k),
                             ("BOTTOMPADDING", (0, 0), (-1, -1), 2 * mm * k)]))
    return [row, Spacer(1, 3 * mm * k)]


def _budget_chart(data: PosterInput, s: PosterStyles, digits: Digits, width: float,
                  k: float) -> BarChart | None:
    """The year's total received and spent, and last year's, as bars."""
    codes = BUDGET_TOTALS.get(data.definition.form)
    if codes is None or not all(data.definition.has_field(c) for c in codes):
        return None
    received, spent = (data.values.get(c) for c in codes)
    if not isinstance(received, int | float) or not isinstance(spent, int | float):
        return None
    language = data.options.language
    lang = "en" if language == "en" else "km"
    bars = []
    last = data.last_year or {}

    def label(key: str, year: str, lang: str) -> str:
        return f"{word(key, lang)} · {word(year, lang)}"

    for key, code, now, fill in (("received", codes[0], received, RECEIVED),
                                 ("spent", codes[1], spent, SPENT)):
        for year, value in (("this_year", now), ("last_year", last.get(code))):
            if not isinstance(value, int | float):  # no figure last year: no bar
                continue
            english = label(key, year, "en") if language == "km+en" else ""
            bars.append(Bar(label(key, year, lang), float(value or 0),
                            format_riel(value or 0, digits=digits), fill,
                            faded=year == "last_year", label_en=english))
    title: list[tuple[str, TextStyle]] = [(word("budget_chart", lang), s.strong)]
    if language == "km+en":
        title.append((word("budget_chart", "en"), s.body_en))
    return BarChart(title, bars, style=s.body.but(size=11.5 * k), title_style=s.strong,
                    label_width=width * 0.38, second=s.body_en)


#: The smallest text scale: body text at 9 pt on A3 (12.7 pt on A2), headings at 13.5 pt.
SMALLEST_SCALE = 0.75
#: Side by side, a poster says everything twice: its smallest scale is a little smaller
#: (body text at 8 pt on A3, as small as its notes) so that a commune's Khmer and English
#: still fit one sheet.
SMALLEST_SCALE_BILINGUAL = 0.67


def smallest_scale(language: str) -> float:
    """How far a poster in `language` may shrink to fit one sheet."""
    return SMALLEST_SCALE_BILINGUAL if language == "km+en" else SMALLEST_SCALE
#: Scales are tried in steps of this much.
SCALE_STEP = 0.01


def story_height(story: Sequence[Flowable], width: float) -> float:
    """The height a story takes in one frame of `width` (as `Frame` stacks it)."""
    total = 0.0
    for index, flowable in enumerate(story):
        _, height = flowable.wrap(width, 1e6)
        total += height + flowable.getSpaceAfter()
        if index:
            total += flowable.getSpaceBefore()
    return total


def fitted_story(data: PosterInput, f: FontSet, width: float, height: float, *,
                 group: int = 0) -> list[Flowable]:
    """The poster's story at the largest scale (in steps of SCALE_STEP, down to
    `smallest_scale`) at which it fits one frame of `width` by `height`: a poster goes on a
    wall, on one sheet. Everything on it scales alike while its widths stay, so line breaks
    only get fewer as it shrinks and its height falls at least in proportion: the first
    smaller scale tried, in proportion, fits; one more try, between that and the larger
    scale that did not, gets close to the largest (three layouts at most, as a rule).
    What does not fit even at the smallest scale continues on further pages, at that scale,
    its sections kept from starting at the foot of a page."""
    room = height - 1  # a point to spare for Frame's own rounding
    smallest = smallest_scale(data.options.language)
    scale = 1.0
    too_big: tuple[float, float] | None = None  # the smallest scale found too big, its height
    fitting: list[Flowable] | None = None
    for _ in range(5):
        story = poster_story(data, f, group=group, scale=scale, breaks=False)
        needed = story_height(story, width)
        if needed <= room:
            if too_big is None or fitting is not None:
                return story
            fitting = story
            larger, over = too_big
            guess = scale + (larger - scale) * (room - needed) / (over - needed)
            guess = _step_down(min(guess, larger - SCALE_STEP))
            if guess < scale + SCALE_STEP / 2:
                return story
        else:
            if fitting is not None:  # a larger one was worth a try; the fitting one stays
                return fitting
            too_big = (scale, needed)
            if scale <= smallest:
                break
            guess = max(smallest, _step_down(min(scale * room / needed,
                                                       scale - SCALE_STEP)))
        scale = guess
    if fitting is not None:
        return fitting
    return poster_story(data, f, group=group, scale=smallest, breaks=True)


def _step_down(scale: float) -> float:
    return math.floor(scale / SCALE_STEP + 1e-6) * SCALE_STEP


def _margins(size: str) -> tuple[float, float, float]:
    """A poster page's side, top and bottom margins."""
    k = PAGE_SIZES[size][0] / A3[0]
    margin = 14 * mm * k
    # Nothing runs above the poster's band; the footer and the QR code are below.
    return margin, 10 * mm * k, margin + 20 * mm * k


def frame_size(size: str) -> tuple[float, float]:
    """The width and height a poster's story has on a page of `size` (A3 or A2)."""
    page = PAGE_SIZES[size]
    margin, top, bottom = _margins(size)
    return page[0] - 2 * margin, page[1] - top - bottom


def build_posters(items: Iterable[PosterInput], target: str | Path | BinaryIO) -> None:
    """Write the posters of one or more units into one PDF (each starting on a new page,
    with its own page numbers). `items` is read as the layout goes: one unit's poster is
    made when the one before it is laid out (a generator may load them one by one)."""
    rest = iter(items)
    first = next(rest, None)
    if first is None:
        raise ValueError("no poster to print")
    # One more, looked at now: a file of many units' posters is not titled after the first.
    second = next(rest, None)
    if second is not None:
        rest = itertools.chain([second], rest)
    options = first.options
    size = options.page_size or "A3"
    if size not in ("A3", "A2"):
        raise ValueError(f"a poster is A3 or A2, not {size}")
    page = PAGE_SIZES[size]
    f = fonts(use_muol=options.heading_font)
    margin, top, bottom = _margins(size)
    frame = Frame(margin, bottom, *frame_size(size), leftPadding=0, rightPadding=0,
                  topPadding=0, bottomPadding=0, id="body")

    def story_of(item: PosterInput, group: int) -> list[Flowable]:
        if not isinstance(item, PosterInput):
            raise TypeError("a file holds posters or blank forms, not both")
        return fitted_story(item, f, *frame_size(size), group=group)

    doc = BaseDocTemplate(target, pagesize=page, leftMargin=margin, rightMargin=margin,
                          topMargin=top, bottomMargin=bottom, invariant=True)
    doc.addPageTemplates([PageTemplate("poster", [frame])])
    year = render_digits(str(first.year), options.effective_digits)
    named_km, named_en = ((f" {first.unit.name_km}", f": {first.unit.name_en},")
                          if second is None else ("", ","))
    describe(doc, options.language,
             (f"{word('poster_heading', 'km')}{named_km} {word('year', 'km')}{year}",
              f"{word('poster_heading', 'en')} (I4C){named_en} {first.year}"),
             (word("poster_heading", "km") + " (I4C)", "Information for Citizens (I4C)"))
    build(doc, lazy_story(first, rest, story_of), options)


def poster_pdf(data: PosterInput, target: str | Path | BinaryIO | None = None) -> bytes:
    """One unit's poster as PDF bytes (also written to `target` when given)."""
    return pdf_of(build_posters, data, target)
