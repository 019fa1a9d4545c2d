"""The tables of the I4C poster and the text styles they share with the rest of it: each
standard judged met / not met (a proposed standard marked as proposed, in every language
printed), the other figures, the year's JAAP actions.

A side-by-side (km+en) poster has both languages in every cell of words: the English
beside the Khmer when both fit on the line, else under it, smaller and grey.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from reportlab.lib.colors import Color, HexColor, white
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from common.documents import segment
from common.documents.charts import MET, NO_DATA, NOT_MET, Pill
from common.documents.data import PosterInput
from common.documents.fonts import FontSet
from common.documents.text import Para, TextStyle, text_width
from common.documents.widgets import Pair
from common.documents.wording import (
    change_text,
    english_digits,
    number,
    standard_text,
    value_text,
    word,
)
from common.forms import Indicator, Standard
from common.khmer import Digits, format_riel

ACCENT = HexColor("#1f4e79")
LIGHT = HexColor("#e8eef5")
GRID = HexColor("#b8c4d0")
GREY = HexColor("#555555")
#: The proposed-standard mark: amber, apart from the verdict's green and red.
PROPOSED = HexColor("#9a5800")


def latin(font: str, size: float, color: Color) -> TextStyle:
    """A style for English under its Khmer: lines as high as Latin letters need, not the
    room above and below that Khmer vowels and subscripts take (the font's own height)."""
    return TextStyle(font, size, color, leading=size * 1.15)


class PosterStyles:
    """The poster's text styles at scale `k` (page and text scale), with the small texts
    kept from shrinking below what reads on a wall, 8 pt on A3 (`page` is the page's
    scale alone)."""

    def __init__(self, f: FontSet, k: float, page: float) -> None:
        heavy = f.heading_is_body
        self.kicker = TextStyle(f.heading, 18 * k, HexColor("#ffd966"), bold=heavy)
        self.kicker_en = latin(f.body, 13 * k, HexColor("#ffd966"))
        self.name = TextStyle(f.heading, 34 * k, white, bold=heavy)
        self.name_en = latin(f.body, 18 * k, white)
        self.place = TextStyle(f.body, 13 * k, white)
        self.place_en = latin(f.body, max(11 * k, 8 * page), HexColor("#dbe6f2"))
        self.heading = TextStyle(f.heading, 18 * k, ACCENT, bold=heavy)
        self.heading_en = latin(f.body, max(11 * k, 8 * page), GREY)
        self.body = TextStyle(f.body, 12 * k)
        self.body_en = latin(f.body, max(9.5 * k, 8 * page), GREY)
        self.strong = TextStyle(f.body, 12 * k, bold=True)
        self.head = TextStyle(f.body, max(11 * k, 8 * page), white, bold=True)
        self.head_en = latin(f.body, max(9 * k, 8 * page), HexColor("#dbe6f2"))
        self.small = TextStyle(f.body, max(10.5 * k, 8 * page), GREY)
        self.small_en = latin(f.body, max(9.5 * k, 8 * page), GREY)
        #: The other figures: labels and figures, last year's.
        self.figure = TextStyle(f.body, max(11 * k, 9 * page))
        self.figure_en = latin(f.body, max(9 * k, 8 * page), GREY)
        self.figure_before = TextStyle(f.body, max(10.5 * k, 8.5 * page), GREY)
        self.big = TextStyle(f.body, 30 * k, ACCENT, bold=True)
        self.badge = TextStyle(f.body, 12 * k, white, bold=True)
        self.badge_en = latin(f.body, max(9 * k, 8 * page), white)
        self.proposed = TextStyle(f.body, max(10 * k, 8 * page), PROPOSED, bold=True)
        self.proposed_en = latin(f.body, max(9 * k, 8 * page), PROPOSED)
        self.draft = TextStyle(f.body, 16 * k, white, bold=True, align="center")
        self.draft_en = latin(f.body, max(12 * k, 8 * page), white).but(align="center")


def pair(km: str, en: str, language: str, style: TextStyle,
         second: TextStyle) -> list[Flowable]:
    """A text in the poster's language: the Khmer, the English, or the English under the
    Khmer (side by side)."""
    if language == "en":
        return [Para(en, style)]
    if language == "km+en":
        return [Para(km, style), Para(en, second)]
    return [Para(km, style)]


def words(key: str, language: str, style: TextStyle, second: TextStyle) -> list[Flowable]:
    """A fixed phrase (wording.WORDS) as `pair` prints it."""
    return pair(word(key, "km"), word(key, "en"), language, style, second)


def beside(km: str, en: str, language: str, style: TextStyle,
           second: TextStyle) -> Flowable:
    """A text in the poster's language; side by side, the English after the Khmer when
    both fit on the line (a `Pair`), under it otherwise."""
    lines = pair(km, en, language, style, second)
    if language == "km+en":
        return Pair(lines[0], lines[1], gap=style.size * 0.6)
    return lines[0]


def natural(cell: object) -> float:
    """The width a cell's content needs on one line."""
    if isinstance(cell, list):
        return max((natural(c) for c in cell), default=0.0)
    if isinstance(cell, Para | Pill | Pair):
        return cell.natural_width()
    return 0.0


def widest_word(cell: object) -> float:
    """The width of a cell's widest word (a heading may wrap, but between words)."""
    if isinstance(cell, list):
        return max((widest_word(c) for c in cell), default=0.0)
    if isinstance(cell, Para):
        return max((text_width(t, cell.style) for t in segment.tokens(cell.text)
                    if t.strip()), default=0.0)
    return 0.0


def columns(rows: Sequence[Sequence[object]], width: float, flexible: int,
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
        need = max([widest_word(rows[0][c]), *(natural(r[c]) for r in rows[1:])]) + padding
        if natural(rows[0][c]) + padding <= high * width:  # the heading on one line
            need = max(need, natural(rows[0][c]) + padding)
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


def row_padding(language: str, top: float, bottom: float) -> list[tuple[object, ...]]:
    """A table's padding above and below the text of its rows: half as much side by side,
    where a row of two lines already has the air of its English line between them."""
    if language == "km+en":
        top, bottom = top / 2, bottom / 2
    return [("TOPPADDING", (0, 0), (-1, -1), top), ("BOTTOMPADDING", (0, 0), (-1, -1), bottom)]


def _heads(keys: Sequence[str], language: str, s: PosterStyles) -> list[object]:
    return [words(key, language, s.head, s.head_en) for key in keys]


def verdict_pill(verdict: bool | None, language: str, s: PosterStyles) -> Pill:
    """Met (green, a tick), not met (red, a cross) or no data (grey), in the poster's
    language(s)."""
    key = "no_data" if verdict is None else "met" if verdict else "not_met"
    fill = NO_DATA if verdict is None else MET if verdict else NOT_MET
    mark = "" if verdict is None else "tick" if verdict else "cross"
    first = word(key, "en" if language == "en" else "km")
    second = word(key, "en") if language == "km+en" else ""
    return Pill(first, fill=fill, style=s.badge, mark=mark, second=second,
                second_style=s.badge_en)


def _standard_cell(indicator: Indicator, standard: Standard, language: str,
                   digits: Digits, s: PosterStyles) -> list[Flowable]:
    """The standard in words, a proposed standard marked as proposed after them (on their
    line when both fit): side by side, the Khmer line, then the English line."""
    proposed = not standard.official

    def line(lang: str, style: TextStyle, mark: TextStyle) -> Flowable:
        shown = english_digits(digits, language) if lang == "en" else digits
        text = Para(standard_text(indicator, standard, language=lang, digits=shown), style)
        if not proposed:
            return text
        return Pair(text, Para(word("proposed", lang), mark), gap=style.size * 0.5)

    if language == "km+en":
        return [line("km", s.body, s.proposed), line("en", s.body_en, s.proposed_en)]
    return [line(language, s.body, s.proposed)]


def standards_table(data: PosterInput, standards: Sequence[tuple[Indicator, Standard]],
                    s: PosterStyles, digits: Digits, width: float, k: float) -> Table:
    """Each judged standard: the indicator, the standard in words (marked when only
    proposed), this year's figure, met or not, last year's, the change, the district
    average."""
    language = data.options.language
    lang = "en" if language == "en" else "km"
    rows: list[list[object]] = [_heads(["indicator", "standard", "this_year", "status",
                                        "last_year", "change", "district_average"],
                                       language, s)]
    styles: list[tuple[object, ...]] = []
    last = data.last_year
    for index, (indicator, standard) in enumerate(standards, start=1):
        value = data.values.get(indicator.code)
        before = last.get(indicator.code) if last is not None else None
        rows.append([
            beside(indicator.label.km, indicator.label.en, language, s.body, s.body_en),
            _standard_cell(indicator, standard, language, digits, s),
            Para(value_text(indicator, value, language=lang, digits=digits), s.strong),
            verdict_pill(standard.is_met(value), language, s),
            Para(value_text(indicator, before, language=lang, digits=digits)
                 if last is not None else "-", s.body),
            Para(change_text(indicator, value, before, digits=digits)
                 if last is not None else "", s.body),
            Para(average_text(indicator, data.district_average.get(indicator.code), digits),
                 s.body),
        ])
        if index % 2 == 0:
            styles.append(("BACKGROUND", (0, index), (-1, index), LIGHT))
    # Each figure column as wide as its figures need, the indicator the rest.
    widths = columns(rows, width, 0, ((0.28, 1), (0.09, 0.24), (0.07, 0.15), (0.08, 0.15),
                                      (0.06, 0.13), (0.045, 0.08), (0.06, 0.12)), 14 * k)
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle([
        ("BACKGROUND", (0, 0), (-1, 0), ACCENT),
        ("LINEBELOW", (0, 0), (-1, -1), 0.5, GRID),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        *row_padding(language, 1.5 * k, 2 * k),
        ("LEFTPADDING", (0, 0), (-1, -1), 3 * k), ("RIGHTPADDING", (0, 0), (-1, -1), 3 * k),
        *styles,
    ]))
    return table


def table_notes(data: PosterInput, standards: Sequence[tuple[Indicator, Standard]],
                s: PosterStyles, digits: Digits, width: float) -> list[Flowable]:
    """Under the standards table: what the proposed mark means (when a standard carries
    it), and what the district average is made of; on one line when both fit on it."""
    language = data.options.language
    notes: list[Flowable] = []
    if any(not standard.official for _, standard in standards):
        notes.append(beside(word("proposed_note", "km"), word("proposed_note", "en"),
                            language, s.proposed, s.proposed_en))
    if data.district_units:
        n = number(data.district_units, digits)
        n_en = number(data.district_units, english_digits(digits, language))
        key = "district_note_local" if data.district_local else "district_note"
        notes.append(beside(word(key, "km").format(n=n),
                            word(key, "en").format(n=n_en), language, s.small,
                            s.small_en))
    gap = s.small.size * 2
    if len(notes) == 2 and sum(natural(n) for n in notes) + gap <= width:
        first = natural(notes[0]) + gap
        row = Table([notes], colWidths=[first, width - first])
        row.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                                 ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                 ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                                 ("TOPPADDING", (0, 0), (-1, -1), 0),
                                 ("BOTTOMPADDING", (0, 0), (-1, -1), 0)]))
        return [row]
    return notes


def average_text(indicator: Indicator, average: float | None, digits: Digits) -> str:
    """A district average as printed: '-' when no unit has a value, a share of yes for a
    yes / no indicator."""
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


#: Row index of a section's title -> a maker of that title's row (anew, for a column that
#: goes on with the section).
Titles = dict[int, Callable[[], list[Flowable]]]


def _figure_cells(data: PosterInput, others: Sequence[Indicator], s: PosterStyles,
                  digits: Digits) -> tuple[list[list[Flowable]], Titles]:
    """The other figures' rows (label, this year, last year), a section's title before
    its figures; and which rows are titles."""
    language = data.options.language
    lang = "en" if language == "en" else "km"
    strong = s.figure.but(bold=True)
    cells: list[list[Flowable]] = []
    titles: Titles = {}
    sections = {sec.code: sec for sec in data.definition.sections}
    current = None
    last = data.last_year
    for indicator in others:
        if indicator.section != current:
            current = indicator.section
            title = sections[current].title

            def title_row(km: str = title.km, en: str = title.en) -> list[Flowable]:
                return [beside(km, en, language, strong.but(color=ACCENT),
                               s.figure_en.but(color=ACCENT)), Spacer(1, 1), Spacer(1, 1)]

            titles[len(cells)] = title_row
            cells.append(title_row())
        value = value_text(indicator, data.values.get(indicator.code), language=lang,
                           digits=digits)
        # Last year's figure without its unit: the column is narrow, and this year's
        # figure beside it names the unit.
        last_text = (value_text(indicator, last.get(indicator.code), language=lang,
                                digits=digits, with_unit=False)
                     if last is not None else "")
        cells.append([beside(indicator.label.km, indicator.label.en, language, s.figure,
                             s.figure_en), Para(value, strong), Para(last_text, s.figure_before)])
    return cells, titles


def figures_table(data: PosterInput, others: Sequence[Indicator], s: PosterStyles,
                  digits: Digits, width: float, k: float, *, balanced: bool = True) -> Table:
    """Two columns of label, this year's figure and last year's, section by section.

    Balanced (a poster laid out to fit one sheet), each column stacks its figures on its
    own and the figures are split between them where both come out as high: a label that
    takes two lines on one side does not hold a one-line label on the other side apart
    from the next. Else the two columns run side by side, row by row: a table that may
    continue on the next page, its head repeated."""
    cells, titles = _figure_cells(data, others, s, digits)
    language = data.options.language

    def heading() -> list[object]:
        return [Spacer(1, 1), words("this_year", language, s.figure_before, s.figure_en),
                words("last_year", language, s.figure_before, s.figure_en)]

    gap = 4 * mm * k
    figures = [row for i, row in enumerate(cells) if i not in titles]
    this, before = columns([heading(), *figures], width, 0,
                           ((0, 1), (0.07, 0.13), (0.06, 0.11)), 9 * k)[1:]
    half = [(width - gap) / 2 - this - before, this, before]
    if balanced:
        return _balanced(cells, titles, heading, half, gap, language, k)
    middle = (len(cells) + 1) // 2
    if middle > 1 and middle - 1 in titles:  # no section title at the foot of a column
        middle -= 1
    left, right = cells[:middle], cells[middle:]
    rows_needed = max(len(left), len(right))
    blank: list[Flowable] = [Spacer(1, 1)] * 3
    left += [blank] * (rows_needed - len(left))
    right += [blank] * (rows_needed - len(right))
    rows = [heading() + heading()] + [[*a, *b] for a, b in zip(left, right, strict=True)]
    spans: list[tuple[object, ...]] = []
    for r in range(1, rows_needed + 1):
        if r - 1 in titles:
            spans.append(("SPAN", (0, r), (2, r)))
        if middle + r - 1 in titles:
            spans.append(("SPAN", (3, r), (5, r)))
    table = Table(rows, colWidths=[*half, half[0] + gap, *half[1:]], repeatRows=1)
    table.setStyle(TableStyle([
        *_figure_style(language, k), *spans,
        ("LINEBELOW", (3, 1), (5, -1), 0.3, GRID),
        ("LEFTPADDING", (3, 0), (3, -1), gap + 2 * k),
    ]))
    return table


def _figure_style(language: str, k: float) -> list[tuple[object, ...]]:
    return [("VALIGN", (0, 0), (-1, -1), "TOP"), ("LINEBELOW", (0, 1), (2, -1), 0.3, GRID),
            *row_padding(language, 1 * k, 1.5 * k),
            ("LEFTPADDING", (0, 0), (-1, -1), 2 * k), ("RIGHTPADDING", (0, 0), (-1, -1), 2 * k)]


def _half(rows: Sequence[list[Flowable]], titles: Iterable[int], heading: list[object],
          widths: Sequence[float], language: str, k: float) -> Table:
    """One column of the other figures: its head, and its rows (a section's title across
    the column)."""
    table = Table([heading, *rows], colWidths=list(widths), repeatRows=1)
    table.setStyle(TableStyle([*_figure_style(language, k),
                               *(("SPAN", (0, r + 1), (2, r + 1)) for r in titles)]))
    return table


def _balanced(cells: list[list[Flowable]], titles: Titles,
              heading: Callable[[], list[object]], half: Sequence[float], gap: float,
              language: str, k: float) -> Table:
    """The figures in two columns of about the same height, each stacked on its own; a
    section that goes on at the top of the second column has its title again there."""
    whole = _half(cells, titles, heading(), half, language, k)
    whole.wrap(sum(half), 1e9)
    heights = [float(h) for h in whole._rowHeights[1:]]

    def going_on(n: int) -> int | None:
        """The title of the section that row n continues, when n is not a title."""
        if n >= len(cells) or n in titles:
            return None
        return max(t for t in titles if t < n) if any(t < n for t in titles) else None

    def taller(n: int) -> float:
        title = going_on(n)
        again = heights[title] if title is not None else 0.0
        return max(sum(heights[:n]), sum(heights[n:]) + again)

    # Split after a figure (never after a section's title), where the taller side is
    # lowest.
    splits = [n for n in range(1, len(cells) + 1) if n - 1 not in titles or n == len(cells)]
    split = min(splits, key=taller)
    left = _half(cells[:split], [t for t in titles if t < split], heading(), half, language, k)
    right: Flowable = Spacer(1, 1)
    if split < len(cells):
        rest, rest_titles = cells[split:], [t - split for t in titles if t >= split]
        title = going_on(split)
        if title is not None:
            rest, rest_titles = [titles[title](), *rest], [0, *(t + 1 for t in rest_titles)]
        right = _half(rest, rest_titles, heading(), half, language, k)
    outer = Table([[left, right]], colWidths=[sum(half), sum(half) + gap])
    outer.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                               ("TOPPADDING", (0, 0), (-1, -1), 0),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                               ("LEFTPADDING", (1, 0), (1, 0), gap)]))
    return outer


def _lines(text: str, style: TextStyle, second: TextStyle) -> list[Flowable]:
    """A text's first line in `style`, the lines after it (its English, on a side-by-side
    poster: common/documents/jaap.py) in `second`."""
    first, _, rest = text.partition("\n")
    return [Para(first, style)] + ([Para(rest, second)] if rest else [])


def jaap_table(data: PosterInput, s: PosterStyles, digits: Digits, width: float,
               k: float) -> Table:
    """The year's JAAP actions: what, who, when, how far; side by side, the English of an
    action under its Khmer."""
    language = data.options.language
    rows: list[list[object]] = [_heads(["number", "activity", "responsible", "timeline",
                                        "status"], language, s)]
    for index, action in enumerate(data.jaap_actions or (), start=1):
        if language == "en":
            activity = [Para(action.activity_en or action.activity_km, s.body)]
        elif language == "km+en" and action.activity_en:
            activity = [Para(action.activity_km, s.body), Para(action.activity_en, s.body_en)]
        else:
            activity = [Para(action.activity_km, s.body)]
        rows.append([Para(number(index, digits), s.body), activity,
                     Para(action.responsible, s.body), Para(action.timeline, s.body),
                     _lines(action.status, s.body, s.body_en)])
    widths = columns(rows, width, 1, ((0.03, 0.08), (0.3, 1), (0.12, 0.25), (0.08, 0.17),
                                      (0.07, 0.17)), 12 * k)
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle([
        ("BACKGROUND", (0, 0), (-1, 0), ACCENT),
        ("LINEBELOW", (0, 0), (-1, -1), 0.5, GRID),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        *row_padding(language, 1.5 * k, 2 * k),
        ("LEFTPADDING", (0, 0), (-1, -1), 3 * k), ("RIGHTPADDING", (0, 0), (-1, -1), 3 * k),
    ]))
    return table
