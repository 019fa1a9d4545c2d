"""Charts of the I4C poster, drawn with reportlab.graphics shapes; their words are drawn
shaped on top (reportlab.graphics strings are not shaped, so Khmer would break there)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.graphics import renderPDF
from reportlab.graphics.shapes import Circle, Drawing, Line, Rect, Wedge
from reportlab.lib.colors import Color, HexColor, white
from reportlab.platypus import Flowable

from common.documents.text import TextStyle, draw_text, fit_style

MET = HexColor("#1b7a3a")
NOT_MET = HexColor("#c0392b")
NO_DATA = HexColor("#9e9e9e")
RECEIVED = HexColor("#1f4e79")
SPENT = HexColor("#e08a00")
FADED = 0.45


class StandardsDonut(Flowable):  # type: ignore[misc]  # reportlab is untyped
    """A ring of met / not met / no data standards, with 'met of all' in its middle."""

    def __init__(self, met: int, not_met: int, no_data: int, *, centre: str, caption: str,
                 legend: Sequence[str], style: TextStyle, big: TextStyle,
                 diameter: float) -> None:
        super().__init__()
        self.counts = (met, not_met, no_data)
        self.centre = centre
        self.caption = caption
        self.legend = list(legend)
        self.style = style
        self.big = big
        self.diameter = diameter

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        """The ring, its caption below it, and the legend beside it."""
        self.width = availWidth
        self.height = self.diameter + self.style.line_height * 1.6
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
        top = self.height - d
        renderPDF.draw(drawing, self.canv, 0, top)
        big = fit_style(self.centre, self.big, d * 0.52)  # inside the ring
        draw_text(self.canv, r, top + r - big.size * 0.35, self.centre, big, align="center")
        caption = fit_style(self.caption, self.style.but(bold=True), self.width)
        draw_text(self.canv, 0, top - caption.line_height * 0.9, self.caption, caption)
        # Legend beside the ring, one swatch per kind.
        x = d + self.style.size
        y = top + d - self.style.line_height
        for text, fill in zip(self.legend, (MET, NOT_MET, NO_DATA), strict=True):
            self.canv.saveState()
            self.canv.setFillColor(fill)
            self.canv.rect(x, y, self.style.size, self.style.size, stroke=0, fill=1)
            self.canv.restoreState()
            label = fit_style(text, self.style, self.width - x - self.style.size * 1.5)
            draw_text(self.canv, x + self.style.size * 1.5, y + 0.1 * self.style.size, text,
                      label)
            y -= self.style.line_height * 1.1


@dataclass(frozen=True)
class Bar:
    """One bar: its label, value, the value's words, and its colour."""

    label: str
    value: float
    text: str
    fill: Color
    faded: bool = False


class BarChart(Flowable):  # type: ignore[misc]  # reportlab is untyped
    """Horizontal bars with a label on the left and the figure at the end of the bar."""

    def __init__(self, title: str, bars: Sequence[Bar], *, style: TextStyle,
                 title_style: TextStyle, label_width: float) -> None:
        super().__init__()
        self.title = title
        self.bars = list(bars)
        self.style = style
        self.title_style = title_style
        self.label_width = label_width

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        """Title line and one row per bar."""
        self.width = availWidth
        self.height = self.title_style.line_height + len(self.bars) * self.style.line_height * 1.25
        return availWidth, self.height

    def draw(self) -> None:
        """Bars scaled to the largest value, leaving room for the figures."""
        canvas = self.canv
        draw_text(canvas, 0, self.height - self.title_style.baseline, self.title,
                  fit_style(self.title, self.title_style, self.width))
        row = self.style.line_height * 1.25
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
        for bar in self.bars:
            length = max(bar.value, 0) / largest * bar_room
            base = y + row * 0.5 - self.style.size * 0.35
            label = fit_style(bar.label, self.style, self.label_width - self.style.size * 0.5)
            draw_text(canvas, self.label_width - self.style.size * 0.5, base, bar.label, label,
                      align="right")
            draw_text(canvas, self.label_width + length + self.style.size * 0.4, base, bar.text,
                      self.style.but(bold=True))
            y -= row
