"""The I4C poster ("Information for Citizens"), A3 (or A2), for one unit and year.

Khmer first (English on request, or side by side): who the unit is, how many national
standards it meets (a ring chart), its budget received and spent (bars, against last
year), each standard with this year's figure marked met / not met in colour, words and a
tick or cross, last year's figure, the change and the district average, the other
poster figures of the definition, and the year's JAAP actions when there are any.

A poster goes on a wall, so it is one sheet: it is laid out at the largest text scale, down
to a readable minimum, at which it fits one page (`fitted_story`); only what does not fit
even then continues on a second page.

Only indicators marked `poster: true` are printed, and never one marked `personal` nor a
free-text one (where a person's name or phone would hide): the poster is public.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
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
    PageBreak,
    PageTemplate,
    Spacer,
    Table,
    TableStyle,
)

from common.documents import segment
from common.documents.charts import (
    MET,
    NO_DATA,
    NOT_MET,
    RECEIVED,
    SPENT,
    Bar,
    BarChart,
    StandardsDonut,
)
from common.documents.data import FINAL_STATUSES, PosterInput
from common.documents.fonts import FontSet, fonts
from common.documents.page import StartDocument, build, furniture_for, pdf_of
from common.documents.text import Para, TextStyle, fit_style, text_width
from common.documents.widgets import Badge, Pair
from common.documents.wording import (
    change_text,
    number,
    standard_text,
    value_text,
    word,
)
from common.forms import Indicator
from common.khmer import Digits, format_riel
from common.units.models import UNIT_KINDS

PAGE_SIZES = {"A4": A4, "A3": A3, "A2": A2}
ACCENT = HexColor("#1f4e79")
LIGHT = HexColor("#e8eef5")
GRID = HexColor("#b8c4d0")
GREY = HexColor("#555555")
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


class _Styles:
    """The poster's text styles at scale `k` (page and text scale), with the small texts
    kept from shrinking below what reads on a wall (`page` is the page's scale alone)."""

    def __init__(self, f: FontSet, k: float, page: float) -> None:
        heavy = f.heading_is_body
        self.kicker = TextStyle(f.heading, 18 * k, HexColor("#ffd966"), bold=heavy)
        self.name = TextStyle(f.heading, 34 * k, white, bold=heavy)
        self.name_en = TextStyle(f.body, 18 * k, white)
        self.place = TextStyle(f.body, 13 * k, white)
        self.place_en = TextStyle(f.body, 11 * k, HexColor("#dbe6f2"))
        self.heading = TextStyle(f.heading, 18 * k, ACCENT, bold=heavy)
        self.heading_en = TextStyle(f.body, 11 * k, GREY)
        self.body = TextStyle(f.body, 12 * k)
        self.body_en = TextStyle(f.body, max(9.5 * k, 8 * page), GREY)
        self.strong = TextStyle(f.body, 12 * k, bold=True)
        self.head = TextStyle(f.body, 11 * k, white, bold=True)
        self.small = TextStyle(f.body, max(10.5 * k, 8 * page), GREY)
        #: The other figures: labels and figures, last year's.
        self.figure = TextStyle(f.body, max(11 * k, 9 * page))
        self.figure_before = TextStyle(f.body, max(10.5 * k, 8.5 * page), GREY)
        self.big = TextStyle(f.body, 30 * k, ACCENT, bold=True)
        self.badge = TextStyle(f.body, 12 * k, white, bold=True)
        self.draft = TextStyle(f.body, 16 * k, white, bold=True, align="center")


def _pair(km: str, en: str, language: str, style: TextStyle,
          second: TextStyle) -> list[Flowable]:
    if language == "en":
        return [Para(en, style)]
    if language == "km+en":
        return [Para(km, style), Para(en, second)]
    return [Para(km, style)]


def _words(key: str, language: str, style: TextStyle, second: TextStyle) -> list[Flowable]:
    return _pair(word(key, "km"), word(key, "en"), language, style, second)


def _heading(key: str, language: str, s: _Styles, width: float) -> list[Flowable]:
    """A section's heading; side by side, the English after the Khmer on its line."""
    if language != "km+en":
        return _words(key, language, s.heading, s.heading_en)
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
    lang = "en" if language == "en" else "km"
    digits = options.effective_digits
    s = _Styles(f, k, page_k)
    unit = data.unit
    definition = data.definition
    year = number(data.year, digits).replace(",", "")
    story: list[Flowable] = [StartDocument(furniture_for(
        unit, data.year, definition, options, f, group=group, header=False, scale=page_k * 1.3,
        qr_size=24 * mm * page_k))]

    story += _identity_band(data, s, lang, year, width, k)
    indicators = public_indicators(data)
    standards = [i for i in indicators if i.standard is not None]
    story += _summary_row(data, standards, s, lang, digits, width, k)

    # Each standard: this year, met or not, last year, change, district average.
    if standards:
        story += _heading("performance", language, s, width)
        story.append(Spacer(1, 1.5 * mm * k))
        story.append(_standards_table(data, standards, s, lang, language, digits, width, k))
        if data.district_units:
            story.append(Para(word("district_note", lang).format(
                n=number(data.district_units, digits)), s.small))
        story.append(Spacer(1, 4 * mm * k))

    # Every other poster figure, by section of the form.
    others = [i for i in indicators if i.standard is None]
    if others:
        if breaks:
            story.append(CondPageBreak(40 * mm * k))
        story += _heading("other_figures", language, s, width)
        story.append(Spacer(1, 1.5 * mm * k))
        story.append(_figures_table(data, others, s, lang, digits, width, k))
        story.append(Spacer(1, 4 * mm * k))

    # The year's JAAP actions, only when given.
    if data.jaap_actions:
        if breaks:
            story.append(CondPageBreak(50 * mm * k))
        story += _heading("jaap", language, s, width)
        story.append(Spacer(1, 1.5 * mm * k))
        story.append(_jaap_table(data, s, lang, digits, width, k))
    return story


def _identity_band(data: PosterInput, s: _Styles, lang: str, year: str, width: float,
                   k: float) -> list[Flowable]:
    """Who the unit is, on the accent band; a "draft" band under it while the form is not
    final."""
    unit = data.unit
    language = data.options.language
    kind_km, kind_en = UNIT_KINDS.get(unit.kind, (unit.kind, unit.kind))
    kicker = (f"{word('poster_heading', lang)} (I4C) · {word('year', lang)} {year}"
              if lang == "en" else f"{word('poster_heading', 'km')} ឆ្នាំ{year}")
    place_km = (f"{kind_km} · ឃុំ/សង្កាត់{unit.commune.name_km} · "
                f"ស្រុក/ក្រុង/ខណ្ឌ{unit.district.name_km} · ខេត្ត/រាជធានី{unit.province.name_km}"
                f" · លេខកូដ {unit.code}")
    place_en = (f"{kind_en} · {unit.commune.name_en} commune · {unit.district.name_en} "
                f"district · {unit.province.name_en} province · code {unit.code}")
    # The name on one line when it can be (down to two thirds of its size): a heading
    # line of the Muol font is two of its sizes high.
    inner = width - 14 * mm * k
    name = unit.name_en if language == "en" else unit.name_km
    name_style = fit_style(name, s.name, inner, smallest=s.name.size * 0.67)
    band: list[Flowable] = [Para(kicker, s.kicker), Para(name, name_style)]
    if language == "km+en":
        band.append(Para(unit.name_en, s.name_en))
    band += _pair(place_km, place_en, language, s.place, s.place_en)
    header = Table([[band]], colWidths=[width])
    header.setStyle(TableStyle([("BACKGROUND", (0, 0), (-1, -1), ACCENT),
                                ("LEFTPADDING", (0, 0), (-1, -1), 7 * mm * k),
                                ("RIGHTPADDING", (0, 0), (-1, -1), 7 * mm * k),
                                ("TOPPADDING", (0, 0), (-1, -1), 2.5 * mm * k),
                                ("BOTTOMPADDING", (0, 0), (-1, -1), 3 * mm * k)]))
    story: list[Flowable] = [header]
    if data.status not in FINAL_STATUSES:
        draft = Table([[Para(word("draft", lang), s.draft)]], colWidths=[width])
        draft.setStyle(TableStyle([("BACKGROUND", (0, 0), (-1, -1), NOT_MET)]))
        story.append(draft)
    story.append(Spacer(1, 3 * mm * k))
    return story


def _summary_row(data: PosterInput, standards: Sequence[Indicator], s: _Styles, lang: str,
                 digits: Digits, width: float, k: float) -> list[Flowable]:
    """Standards met (a donut) beside the budget; nothing when there is neither."""
    values = data.values
    verdicts = [i.standard.is_met(values.get(i.code)) for i in standards
                if i.standard is not None]
    met = sum(1 for v in verdicts if v is True)
    not_met = sum(1 for v in verdicts if v is False)
    summary: list[list[Flowable]] = [[], []]
    if standards:
        summary[0] = [StandardsDonut(
            met, not_met, len(standards) - met - not_met,
            centre=f"{number(met, digits)}/{number(len(standards), digits)}",
            caption=word("standards_met", lang),
            legend=[f"{word(key, lang)}: {number(n, digits)}" for key, n in (
                ("met", met), ("not_met", not_met),
                ("no_data", len(standards) - met - not_met))],
            style=s.body, big=s.big, diameter=36 * mm * k)]
    budget = _budget_chart(data, s, lang, digits, width * 0.55, k)
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


def _natural(cell: object) -> float:
    """The width a cell's content needs on one line."""
    if isinstance(cell, list):
        return max((_natural(c) for c in cell), default=0.0)
    if isinstance(cell, Para | Badge | Pair):
        return cell.natural_width()
    return 0.0


def _widest_word(cell: object) -> float:
    """The width of a cell's widest word (a heading may wrap, but between words)."""
    if isinstance(cell, list):
        return max((_widest_word(c) for c in cell), default=0.0)
    if isinstance(cell, Para):
        return max((text_width(t, cell.style) for t in segment.tokens(cell.text)
                    if t.strip()), default=0.0)
    return 0.0


def _columns(rows: Sequence[Sequence[object]], width: float, flexible: int,
             bounds: Sequence[tuple[float, float]], padding: float) -> list[float]:
    """Column widths summing to `width`: each column but `flexible` as wide as its widest
    cell (below the heading row) needs and its heading (on one line, or else its widest
    word), kept within its bounds (shares of `width`); the `flexible` one gets the rest, and no
    less than its own lower bound (the others are then narrowed towards theirs)."""
    lows = [low * width for low, _ in bounds]
    widths = []
    for c, (_, high) in enumerate(bounds):
        if c == flexible:
            widths.append(0.0)
            continue
        need = max([_widest_word(rows[0][c]), *(_natural(r[c]) for r in rows[1:])]) + padding
        if _natural(rows[0][c]) + padding <= high * width:  # the heading on one line
            need = max(need, _natural(rows[0][c]) + padding)
        widths.append(min(max(need, lows[c]), high * width))
    rest = width - sum(widths)
    if rest < lows[flexible]:
        spare = sum(w - lows[c] for c, w in enumerate(widths) if c != flexible)
        cut = min(lows[flexible] - rest, spare)
        if spare > 0:
            widths = [w - cut * (w - lows[c]) / spare if c != flexible else w
                      for c, w in enumerate(widths)]
    widths[flexible] = width - sum(widths)
    return widths


def _budget_chart(data: PosterInput, s: _Styles, lang: str, digits: Digits, width: float,
                  k: float) -> BarChart | None:
    codes = BUDGET_TOTALS.get(data.definition.form)
    if codes is None or not all(data.definition.has_field(c) for c in codes):
        return None
    received, spent = (data.values.get(c) for c in codes)
    if not isinstance(received, int | float) or not isinstance(spent, int | float):
        return None
    bars = []
    last = data.last_year or {}
    this, before = word("this_year", lang), word("last_year", lang)
    for key, code, now, fill in (("received", codes[0], received, RECEIVED),
                                 ("spent", codes[1], spent, SPENT)):
        then = last.get(code)
        bars.append(Bar(f"{word(key, lang)} · {this}", float(now or 0),
                        format_riel(now or 0, digits=digits), fill))
        if isinstance(then, int | float):
            bars.append(Bar(f"{word(key, lang)} · {before}", float(then),
                            format_riel(then, digits=digits), fill,
                            faded=True))
    return BarChart(word("budget_chart", lang), bars, style=s.body.but(size=11.5 * k),
                    title_style=s.strong, label_width=width * 0.38)


def _standards_table(data: PosterInput, standards: Sequence[Indicator], s: _Styles,
                     lang: str, language: str, digits: Digits, width: float, k: float) -> Table:
    heads = ["indicator", "standard", "this_year", "status", "last_year", "change",
             "district_average"]
    rows: list[list[object]] = [[Para(word(h, lang), s.head) for h in heads]]
    styles: list[tuple[object, ...]] = []
    last = data.last_year
    for index, indicator in enumerate(standards, start=1):
        standard = indicator.standard
        if standard is None:  # only indicators with a standard are passed
            continue
        value = data.values.get(indicator.code)
        verdict = standard.is_met(value)
        before = last.get(indicator.code) if last is not None else None
        lines = _pair(indicator.label.km, indicator.label.en, language, s.body, s.body_en)
        # The English beside the Khmer when both fit on a line.
        label: object = Pair(*lines, gap=s.body.size) if language == "km+en" else lines
        if verdict is None:
            badge: Flowable = Badge(word("no_data", lang), fill=NO_DATA, style=s.badge)
        else:
            badge = Badge(word("met" if verdict else "not_met", lang),
                          fill=MET if verdict else NOT_MET, style=s.badge,
                          mark="tick" if verdict else "cross")
        average = data.district_average.get(indicator.code)
        rows.append([
            label,
            Para(standard_text(indicator, standard, language=lang,
                               digits=digits), s.body),
            Para(value_text(indicator, value, language=lang, digits=digits),
                 s.strong),
            badge,
            Para(value_text(indicator, before, language=lang, digits=digits)
                 if last is not None else "-", s.body),
            Para(change_text(indicator, value, before, digits=digits)
                 if last is not None else "", s.body),
            Para(_average_text(indicator, average, lang, digits), s.body),
        ])
        if index % 2 == 0:
            styles.append(("BACKGROUND", (0, index), (-1, index), LIGHT))
    # Each figure column as wide as its figures need, the indicator the rest.
    widths = _columns(rows, width, 0, ((0.28, 1), (0.09, 0.2), (0.07, 0.15), (0.08, 0.15),
                                       (0.06, 0.13), (0.045, 0.08), (0.06, 0.12)), 14 * k)
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle([
        ("BACKGROUND", (0, 0), (-1, 0), ACCENT),
        ("LINEBELOW", (0, 0), (-1, -1), 0.5, GRID),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5 * k), ("BOTTOMPADDING", (0, 0), (-1, -1), 2 * k),
        ("LEFTPADDING", (0, 0), (-1, -1), 3 * k), ("RIGHTPADDING", (0, 0), (-1, -1), 3 * k),
        *styles,
    ]))
    return table


def _average_text(indicator: Indicator, average: float | None, lang: str, digits: Digits) -> str:
    if average is None:
        return "-"
    if indicator.type == "yes_no":  # the share of units answering yes
        return f"{number(round(average * 100), digits)}%"
    if indicator.type == "time":
        minutes = round(average)
        return f"{minutes // 60:02d}:{minutes % 60:02d}" if digits == "arabic" else number(
            minutes // 60, digits).rjust(2, "០") + ":" + number(minutes % 60, digits).rjust(2, "០")
    decimals = indicator.effective_decimals if indicator.type in ("percent", "ratio") else 0
    if indicator.type == "money":
        return format_riel(average, digits=digits)
    text = number(average, digits, decimals)
    return text + "%" if indicator.type == "percent" else text


def _figures_table(data: PosterInput, others: Sequence[Indicator], s: _Styles, lang: str,
                   digits: Digits, width: float, k: float) -> Table:
    """Two columns of label, this year's figure and last year's, section by section."""
    small = s.figure
    strong = s.figure.but(bold=True)
    faint = s.figure_before
    cells: list[list[Flowable]] = []
    sections = {sec.code: sec for sec in data.definition.sections}
    current = None
    last = data.last_year
    for indicator in others:
        if indicator.section != current:
            current = indicator.section
            cells.append([Para(sections[current].title.get(lang), strong.but(color=ACCENT)),
                          Spacer(1, 1), Spacer(1, 1)])
        value = value_text(indicator, data.values.get(indicator.code), language=lang,
                           digits=digits)
        # Last year's figure without its unit: the column is narrow, and this year's
        # figure beside it names the unit.
        last_text = (value_text(indicator, last.get(indicator.code), language=lang,
                             digits=digits, with_unit=False)
                  if last is not None else "")
        cells.append([Para(indicator.label.get(lang), small), Para(value, strong),
                      Para(last_text, faint)])
    half = (len(cells) + 1) // 2
    if half > 1 and isinstance(cells[half - 1][1], Spacer):  # no section title at the foot
        half -= 1
    left, right = cells[:half], cells[half:]
    rows_needed = max(len(left), len(right))
    left += [[Spacer(1, 1)] * 3] * (rows_needed - len(left))
    right += [[Spacer(1, 1)] * 3] * (rows_needed - len(right))
    heading = [Spacer(1, 1), Para(word("this_year", lang), faint),
               Para(word("last_year", lang), faint)]
    rows = [heading + heading] + [[*a, *b] for a, b in zip(left, right, strict=True)]
    # A section's title spans its half; the figures' columns are as wide as they need.
    spans: list[tuple[object, ...]] = []
    for r, (a, b) in enumerate(zip(left, right, strict=True), start=1):
        for c, cell in ((0, a), (3, b)):
            if isinstance(cell[1], Spacer) and isinstance(cell[0], Para):
                spans.append(("SPAN", (c, r), (c + 2, r)))
    gap = 4 * mm * k
    figures = [row for row in cells if not isinstance(row[1], Spacer)]
    this, before = _columns([heading, *figures], width, 0,
                            ((0, 1), (0.07, 0.13), (0.06, 0.11)), 9 * k)[1:]
    label = (width - gap) / 2 - this - before
    widths = [label, this, before, label + gap, this, before]
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 1), (2, -1), 0.3, GRID), ("LINEBELOW", (3, 1), (5, -1), 0.3, GRID),
        ("TOPPADDING", (0, 0), (-1, -1), 1 * k), ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5 * k),
        ("LEFTPADDING", (0, 0), (-1, -1), 2 * k), ("RIGHTPADDING", (0, 0), (-1, -1), 2 * k),
        ("LEFTPADDING", (3, 0), (3, -1), gap + 2 * k),
        *spans,
    ]))
    return table


def _jaap_table(data: PosterInput, s: _Styles, lang: str, digits: Digits, width: float,
                k: float) -> Table:
    heads = ["number", "activity", "responsible", "timeline", "status"]
    rows: list[list[object]] = [[Para(word(h, lang), s.head) for h in heads]]
    for index, action in enumerate(data.jaap_actions or (), start=1):
        activity = (action.activity_en or action.activity_km) if lang == "en" else \
            action.activity_km
        rows.append([Para(number(index, digits), s.body), Para(activity, s.body),
                     Para(action.responsible, s.body), Para(action.timeline, s.body),
                     Para(action.status, s.body)])
    widths = _columns(rows, width, 1, ((0.03, 0.08), (0.3, 1), (0.12, 0.25), (0.08, 0.17),
                                       (0.07, 0.17)), 12 * k)
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle([
        ("BACKGROUND", (0, 0), (-1, 0), ACCENT),
        ("LINEBELOW", (0, 0), (-1, -1), 0.5, GRID),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5 * k), ("BOTTOMPADDING", (0, 0), (-1, -1), 2 * k),
        ("LEFTPADDING", (0, 0), (-1, -1), 3 * k), ("RIGHTPADDING", (0, 0), (-1, -1), 3 * k),
    ]))
    return table


#: The smallest text scale: body text at 9 pt on A3 (12.7 pt on A2), headings at 13.5 pt.
SMALLEST_SCALE = 0.75
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
    SMALLEST_SCALE) at which it fits one frame of `width` by `height`: a poster goes on a
    wall, on one sheet. Everything on it scales alike while its widths stay, so line breaks
    only get fewer as it shrinks and its height falls at least in proportion: the first
    smaller scale tried, in proportion, fits; one more try, between that and the larger
    scale that did not, gets close to the largest (three layouts at most, as a rule).
    What does not fit even at SMALLEST_SCALE continues on further pages, at that scale,
    its sections kept from starting at the foot of a page."""
    room = height - 1  # a point to spare for Frame's own rounding
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
            if scale <= SMALLEST_SCALE:
                break
            guess = max(SMALLEST_SCALE, _step_down(min(scale * room / needed,
                                                       scale - SCALE_STEP)))
        scale = guess
    if fitting is not None:
        return fitting
    return poster_story(data, f, group=group, scale=SMALLEST_SCALE, breaks=True)


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


def build_posters(items: Sequence[PosterInput], target: str | Path | BinaryIO) -> None:
    """Write the posters of one or more units into one PDF (each starting on a new page,
    with its own page numbers)."""
    if not items:
        raise ValueError("no poster to print")
    options = items[0].options
    size = options.page_size or "A3"
    if size not in ("A3", "A2"):
        raise ValueError(f"a poster is A3 or A2, not {size}")
    page = PAGE_SIZES[size]
    f = fonts(use_muol=options.heading_font)
    margin, top, bottom = _margins(size)
    frame = Frame(margin, bottom, *frame_size(size), leftPadding=0, rightPadding=0,
                  topPadding=0, bottomPadding=0, id="body")
    story: list[Flowable] = []
    for group, item in enumerate(items):
        if story:
            story.append(PageBreak())
        story += fitted_story(item, f, *frame_size(size), group=group)
    doc = BaseDocTemplate(target, pagesize=page, leftMargin=margin, rightMargin=margin,
                          topMargin=top, bottomMargin=bottom,
                          title=f"I4C {items[0].unit.code} {items[0].year}",
                          author="ISAF Desk", creator="ISAF Desk", invariant=True)
    doc.addPageTemplates([PageTemplate("poster", [frame])])
    build(doc, story, options)


def poster_pdf(data: PosterInput, target: str | Path | BinaryIO | None = None) -> bytes:
    """One unit's poster as PDF bytes (also written to `target` when given)."""
    return pdf_of(build_posters, data, target)
