"""Small drawn pieces of printed forms and posters: boxes to write in, tick boxes,
coloured labels, and a text beside its translation, with their words drawn shaped."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.colors import Color, HexColor, white
from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from common.documents.text import Para, TextStyle, draw_text, text_width

BOX_LINE = HexColor("#333333")
COMPUTED_FILL = HexColor("#e3e3e3")


class EntryBoxes(Flowable):  # type: ignore[misc]  # reportlab is untyped
    """A row of labelled boxes to write figures in ('Female | Male | Total', or one box
    with a unit after it). Shaded boxes are computed: nobody writes in them."""

    def __init__(self, boxes: Sequence[tuple[str, float, bool]], *, style: TextStyle,
                 suffix: str = "", box_height: float = 7 * mm, separator: str = "") -> None:
        super().__init__()
        #: (label above the box, box width, shaded)
        self.boxes = list(boxes)
        self.style = style
        self.suffix = suffix
        self.box_height = box_height
        self.separator = separator
        self._labelled = any(label for label, _, _ in self.boxes)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        """As wide as the boxes; label line and box high."""
        self.width = availWidth
        label = self.style.line_height * 0.9 if self._labelled else 0
        self.height = label + self.box_height
        return availWidth, self.height

    def draw(self) -> None:
        """Boxes, labels above them, the unit after the last one."""
        canvas = self.canv
        small = self.style.but(size=self.style.size * 0.85)
        x = 0.0
        gap = 2.5 * mm
        for label, width, shaded in self.boxes:
            canvas.saveState()
            canvas.setStrokeColor(BOX_LINE)
            canvas.setLineWidth(0.8)
            canvas.setFillColor(COMPUTED_FILL if shaded else white)
            canvas.rect(x, 0, width, self.box_height, stroke=1, fill=1)
            canvas.restoreState()
            if label:
                draw_text(canvas, x + width / 2, self.box_height + small.size * 0.45, label,
                          small, align="center")
            if self.separator:
                draw_text(canvas, x + width / 2, self.box_height * 0.3, self.separator,
                          self.style, align="center")
            x += width + gap
        if self.suffix:
            draw_text(canvas, x - gap + 1.5 * mm, self.box_height * 0.3, self.suffix,
                      self.style)


class TickBoxes(Flowable):  # type: ignore[misc]  # reportlab is untyped
    """Options to tick, one per line or side by side: ☐ Yes   ☐ No."""

    def __init__(self, options: Sequence[str], *, style: TextStyle, across: bool) -> None:
        super().__init__()
        self.options = list(options)
        self.style = style
        self.across = across

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        """One line, or one line per option."""
        self.width = availWidth
        lines = 1 if self.across else len(self.options)
        self.height = lines * self.style.line_height * 1.1
        return availWidth, self.height

    def draw(self) -> None:
        """A square and the option's words after it."""
        canvas = self.canv
        side = self.style.size * 1.1
        step = self.style.line_height * 1.1
        x, y = 0.0, self.height - step
        for option in self.options:
            canvas.saveState()
            canvas.setStrokeColor(BOX_LINE)
            canvas.setLineWidth(0.8)
            canvas.rect(x, y + (step - side) / 2, side, side, stroke=1, fill=0)
            canvas.restoreState()
            width = draw_text(canvas, x + side + 1.5 * mm, y + (step - side) / 2 + side * 0.15,
                              option, self.style)
            if self.across:
                x += side + width + 8 * mm
            else:
                y -= step


class Badge(Flowable):  # type: ignore[misc]  # reportlab is untyped
    """A coloured, rounded label with a drawn tick or cross: how a poster says met / not
    met in colour, in words and in shape (for readers who do not tell colours apart)."""

    def __init__(self, text: str, *, fill: Color, style: TextStyle, mark: str = "") -> None:
        super().__init__()
        self.text = text
        self.fill = fill
        self.style = style
        self.mark = mark  # "tick", "cross" or ""

    def natural_width(self) -> float:
        """The width its mark and words need on one line."""
        size = self.style.size
        return size * (1.6 if self.mark else 0.5) + text_width(self.text, self.style) + size * 0.5

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        """Full width of its cell, one line high."""
        self.width = availWidth
        self.height = self.style.line_height * 1.05
        return availWidth, self.height

    def draw(self) -> None:
        """The rounded box, the mark, the words."""
        canvas = self.canv
        canvas.saveState()
        canvas.setFillColor(self.fill)
        canvas.roundRect(0, 0, self.width, self.height, self.height * 0.25, stroke=0, fill=1)
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
            x += size * 1.1
        canvas.restoreState()
        draw_text(self.canv, x, self.height - self.style.baseline * 1.02 - 0.02 * size,
                  self.text, self.style.but(color=white))


class Pair(Flowable):  # type: ignore[misc]  # reportlab is untyped
    """A text and its translation: side by side on one line when both fit (the second
    after the first, on the same baseline), else the second under the first."""

    def __init__(self, first: Para, second: Para, *, gap: float) -> None:
        super().__init__()
        self.first = first
        self.second = second
        self.gap = gap
        self._across = False

    def natural_width(self) -> float:
        """The width both need side by side."""
        return self.first.natural_width() + self.gap + self.second.natural_width()

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        """One line when both fit on it, else the two stacked."""
        self.width = availWidth
        first_width = self.first.natural_width()
        self._across = first_width + self.gap + self.second.natural_width() <= availWidth
        if self._across:
            _, high = self.first.wrap(first_width + 0.01, availHeight)
            self.second.wrap(availWidth - first_width - self.gap, availHeight)
            self.height = max(high, self.second.style.line_height)
        else:
            _, high = self.first.wrap(availWidth, availHeight)
            _, low = self.second.wrap(availWidth, availHeight)
            self.height = high + low
        return availWidth, self.height

    def draw(self) -> None:
        """Both texts, where `wrap` placed them."""
        first, second = self.first, self.second
        if self._across:
            base = self.height - first.style.baseline  # the first's baseline
            first.drawOn(self.canv, 0, self.height - first.height)
            second.drawOn(self.canv, first.width + self.gap,
                          base - second.height + second.style.baseline)
        else:
            first.drawOn(self.canv, 0, self.height - first.height)
            second.drawOn(self.canv, 0, 0)
