"""Charts of the I4C poster, drawn with reportlab.graphics shapes; their words are drawn
shaped on top (reportlab.graphics strings are not shaped, so Khmer would break there).
A side-by-side (km+en) poster gives every chart word in both languages: the English
after the Khmer on its line, or under it in a smaller grey."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.graphics import renderPDF
from reportlab.graphics.shapes import Circle, Drawing, Line, Rect, Wedge
from reportlab.lib.colors import Color, HexColor, white
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from common.documents.text import TextStyle, draw_text, fit_style, text_width

MET = HexColor("#1b7a3a")
NOT_MET = HexColor("#c0392b")
NO_DATA = HexColor("#9e9e9e")
RECEIVED = HexColor("#1f4e79")
SPENT = HexColor("#e08a00")
FADED = 0.45

#: One line of words in more than one style, drawn one after the other on one baseline
#: (a Khmer text and its English, say).
Runs = Sequence[tuple[str, TextStyle]]


def runs_height(runs: Runs) -> float:
    """The height of a line of runs: its tallest style's line."""
    return max((style.line_height for text, style in runs if text), default=0.0)


def draw_runs(canvas: Canvas, x: float, y: float, runs: Runs, width: float) -> None:
    """Draw the runs from x on the baseline y, all made smaller alike when they would not
    fit in `width` (so the English stays the size it has beside its Khmer)."""
    runs = [(text, style) for text, style in runs if text]
    if not runs:
        return
    gap = runs[0][1].size * 0.5
    natural = sum(text_width(t, s) for t, s in runs) + gap * (len(runs) - 1)
    factor = min(1.0, width / natural) * (0.98 if natural > width else 1.0)
    for text, style in runs:
        if factor < 1:
            style = style.but(size=style.size * factor, leading=None)
        x += draw_text(canvas, x, y, text, style) + gap * factor


class StandardsDonut(Flowable):  # type: ignore[misc]  # reportlab is untyped
    """A ring of met / not met / no data standards, with 'met of all' in its middle, its
    caption under it (a line of runs), its legend beside it, and notes under the legend
    (how many of the standards are official and how many proposed)."""

    def __init__(self, met: int, not_met: int, no_data: int, *, centre: str,
                 caption: Runs, legend: Sequence[str], style: TextStyle, big: TextStyle,
                 diameter: float, notes: Sequence[tuple[str, TextStyle]] = ()) -> None:
        super().__init__()
        self.counts = (met, not_met, no_data)
        self.centre = centre
        self.caption = list(caption)
        self.legend = list(legend)
        self.notes = list(notes)
        self.style = style
        self.big = big
        self.diameter = diameter

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        """The ring, its caption below it, and the legend beside it."""
        self.width = availWidth
        step = self.style.line_height * 1.1
        side = step * (len(self.legend) + len(self.notes))  # legend and notes
        self.height = max(self.diameter, side) + runs_height(self.caption) * 1.25
        return availWidth, self.height

    def draw(self) -> None:
        """Wedges from twelve o'clock, clockwise: met, not met, no data."""
        d = self.diameter
        r = d / 2
        drawing = Drawing(d, d)
        total = sum(self.counts) or 1
        angle = 90.0
        for count, fill in zip(self.counts, (MET, NOT_MET, NO_DATA), strict=True):
            if count == 0:
                continue
            sweep = 360.0 * count / total
            if count == total:
                drawing.add(Circle(r, r, r, fillColor=fill, strokeColor=None))
            else:
                drawing.add(Wedge(r, r, r, angle - sweep, angle, fillColor=fill,
                                  strokeColor=white, strokeWidth=1.5))
            angle -= sweep
        drawing.add(Circle(r, r, r * 0.58, fillColor=white, strokeColor=None))
        caption = runs_height(self.caption) * 1.05  # the caption's line, a little air above
        top = self.height - d
        renderPDF.draw(drawing, self.canv, 0, top)
        big = fit_style(self.centre, self.big, d * 0.52)  # inside the ring
        draw_text(self.canv, r, top + r - big.size * 0.35, self.centre, big, align="center")
        baseline = max((s.baseline for t, s in self.caption if t), default=0.0)
        draw_runs(self.canv, 0, caption - baseline, self.caption, self.width)
        # Legend beside the ring, one swatch per kind; the notes under it.
        x = d + self.style.size
        y = self.height - self.style.line_height
        for text, fill in zip(self.legend, (MET, NOT_MET, NO_DATA), strict=True):
            self.canv.saveState()
            self.canv.setFillColor(fill)
            self.canv.rect(x, y, self.style.size, self.style.size, stroke=0, fill=1)
            self.canv.restoreState()
            label = fit_style(text, self.style, self.width - x - self.style.size * 1.5)
            draw_text(self.canv, x + self.style.size * 1.5, y + 0.1 * self.style.size, text,
                      label)
            y -= self.style.line_height * 1.1
        for text, style in self.notes:
            draw_text(self.canv, x, y + 0.1 * self.style.size, text,
                      fit_style(text, style, self.width - x))
            y -= self.style.line_height * 1.1


@dataclass(frozen=True)
class Bar:
    """One bar: its label (and the label's English, on a side-by-side poster), value, the
    value's words, and its colour."""

    label: str
    value: float
    text: str
    fill: Color
    faded: bool = False
    label_en: str = ""


class BarChart(Flowable):  # type: ignore[misc]  # reportlab is untyped
    """Horizontal bars with a label on the left (its English after it, grey, when given)
    and the figure at the end of the bar, under a title (a line of runs)."""

    def __init__(self, title: Runs, bars: Sequence[Bar], *, style: TextStyle,
                 title_style: TextStyle, label_width: float,
                 second: TextStyle | None = None) -> None:
        super().__init__()
        self.title = list(title)
        self.bars = list(bars)
        self.style = style
        self.title_style = title_style
        self.label_width = label_width
        self.second = second or style

    @property
    def _row(self) -> float:
        return self.style.line_height * 1.25

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        """Title line and one row per bar."""
        self.width = availWidth
        self.height = self.title_style.line_height + len(self.bars) * self._row
        return availWidth, self.height

    def draw(self) -> None:
        """Bars scaled to the largest value, leaving room for the figures."""
        canvas = self.canv
        draw_runs(canvas, 0, self.height - self.title_style.baseline, self.title, self.width)
        row = self._row
        bar_room = self.width - self.label_width - self.style.size * 9
        largest = max((b.value for b in self.bars), default=0) or 1
        drawing = Drawing(self.width, self.height)
        y = self.height - self.title_style.line_height - row
        for bar in self.bars:
            length = max(bar.value, 0) / largest * bar_room
            fill = bar.fill
            if bar.faded:
                fill = Color(fill.red + (1 - fill.red) * FADED,
                             fill.green + (1 - fill.green) * FADED,
                             fill.blue + (1 - fill.blue) * FADED)
            drawing.add(Rect(self.label_width, y + row * 0.15, max(length, 0.5), row * 0.7,
                             fillColor=fill, strokeColor=None))
            y -= row
        drawing.add(Line(self.label_width, 0, self.label_width,
                         self.height - self.title_style.line_height, strokeColor=NO_DATA,
                         strokeWidth=0.8))
        renderPDF.draw(drawing, canvas, 0, 0)
        y = self.height - self.title_style.line_height - row
        room = self.label_width - self.style.size * 0.5
        for bar in self.bars:
            length = max(bar.value, 0) / largest * bar_room
            base = y + row * 0.5 - self.style.size * 0.35
            runs = [(bar.label, self.style), (bar.label_en, self.second)]
            gap = self.style.size * 0.5
            wide = sum(text_width(t, s) for t, s in runs if t) + (gap if bar.label_en else 0)
            draw_runs(canvas, max(0.0, room - wide), base, runs, room)  # flush right
            draw_text(canvas, self.label_width + length + self.style.size * 0.4, base,
                      bar.text, self.style.but(bold=True))
            y -= row


class Pill(Flowable):  # type: ignore[misc]  # reportlab is untyped
    """A coloured, rounded label with a drawn tick or cross: how a poster says met / not
    met in colour, in words and in shape (for readers who do not tell colours apart). On a
    side-by-side poster its English stands under its Khmer, inside the pill."""

    def __init__(self, text: str, *, fill: Color, style: TextStyle, mark: str = "",
                 second: str = "", second_style: TextStyle | None = None) -> None:
        super().__init__()
        self.text = text
        self.second = second
        self.fill = fill
        self.style = style
        self.second_style = (second_style or style).but(color=white)
        self.mark = mark  # "tick", "cross" or ""

    def _mark_room(self) -> float:
        return self.style.size * (1.1 if self.mark else 0.0)

    def natural_width(self) -> float:
        """The width its mark and words need on one line."""
        words = max(text_width(self.text, self.style),
                    text_width(self.second, self.second_style) if self.second else 0.0)
        return self.style.size + self._mark_room() + words

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        """Full width of its cell, one line high (two with its English)."""
        self.width = availWidth
        self.height = self.style.line_height * 1.05
        if self.second:
            self.height = self.style.line_height * 0.92 + self.second_style.line_height * 0.85
        return availWidth, self.height

    def draw(self) -> None:
        """The rounded box, the mark, the words."""
        canvas = self.canv
        canvas.saveState()
        canvas.setFillColor(self.fill)
        canvas.roundRect(0, 0, self.width, self.height, self.style.line_height * 0.26,
                         stroke=0, fill=1)
        size = self.style.size
        x = size * 0.5
        if self.mark:
            canvas.setStrokeColor(white)
            canvas.setLineWidth(size * 0.16)
            canvas.setLineCap(1)
            mid = self.height / 2
            if self.mark == "tick":
                low = (x + size * 0.3, mid - size * 0.3)
                canvas.lines([(x, mid, *low), (*low, x + size * 0.8, mid + size * 0.35)])
            else:
                half = size * 0.3
                canvas.lines([(x + 0.1 * size, mid - half, x + 0.1 * size + 2 * half, mid + half),
                              (x + 0.1 * size, mid + half, x + 0.1 * size + 2 * half, mid - half)])
        canvas.restoreState()
        x += self._mark_room()
        room = self.width - x - size * 0.3
        first = fit_style(self.text, self.style.but(color=white), room)
        if not self.second:
            draw_text(self.canv, x, self.height - self.style.baseline * 1.02 - 0.02 * size,
                      self.text, first)
            return
        top = self.style.line_height * 0.92
        draw_text(self.canv, x, self.height - self.style.baseline * 0.96, self.text, first)
        second = fit_style(self.second, self.second_style, room)
        draw_text(self.canv, x, self.height - top - self.second_style.baseline * 0.85,
                  self.second, second)
