"""Small drawn pieces of printed forms and posters: boxes to write in, tick boxes,
coloured labels, and a text beside its translation, with their words drawn shaped."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.colors import HexColor, white
from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from common.documents.text import Para, TextStyle, draw_text, fit_style

BOX_LINE = HexColor("#333333")
COMPUTED_FILL = HexColor("#e3e3e3")


class EntryBoxes(Flowable):  # type: ignore[misc]  # reportlab is untyped
    """A row of labelled boxes to write figures in ('Female | Male | Total', or one box
    with a unit after it). Shaded boxes are computed: nobody writes in them.

    A label or the unit may hold a newline: its lines are stacked (a Khmer word over its
    English), the label's above the box, the unit's beside it, made smaller when they
    would not fit the room there."""

    def __init__(self, boxes: Sequence[tuple[str, float, bool]], *, style: TextStyle,
                 suffix: str = "", box_height: float = 7 * mm, separator: str = "") -> None:
        super().__init__()
        #: (label above the box, box width, shaded)
        self.boxes = list(boxes)
        self.style = style
        self.suffix = suffix
        self.box_height = box_height
        self.separator = separator
        self._label_lines = max((len(label.split("\n")) for label, _, _ in self.boxes
                                 if label), default=0)

    @property
    def _label_style(self) -> TextStyle:
        return self.style.but(size=self.style.size * 0.85)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        """As wide as the boxes; label lines and box high."""
        self.width = availWidth
        label = self._label_style.line_height * 0.9 * self._label_lines
        self.height = label + self.box_height
        return availWidth, self.height

    def draw(self) -> None:
        """Boxes, labels above them, the unit after the last one."""
        canvas = self.canv
        small = self._label_style
        step = small.line_height * 0.9
        x = 0.0
        gap = 2.5 * mm
        for label, width, shaded in self.boxes:
            canvas.saveState()
            canvas.setStrokeColor(BOX_LINE)
            canvas.setLineWidth(0.8)
            canvas.setFillColor(COMPUTED_FILL if shaded else white)
            canvas.rect(x, 0, width, self.box_height, stroke=1, fill=1)
            canvas.restoreState()
            lines = label.split("\n") if label else []
            for row, line in enumerate(lines):  # the first line on top
                style = fit_style(line, small, width)
                draw_text(canvas, x + width / 2, self.box_height + small.size * 0.45
                          + step * (len(lines) - 1 - row), line, style, align="center")
            if self.separator:
                draw_text(canvas, x + width / 2, self.box_height * 0.3, self.separator,
                          self.style, align="center")
            x += width + gap
        if self.suffix:
            self._draw_suffix(x - gap + 1.5 * mm)

    def _draw_suffix(self, x: float) -> None:
        """The unit after the boxes: one line centred on the box height, or its lines
        stacked within it, each no wider than the room left."""
        lines = self.suffix.split("\n")
        room = max(self.width - x, 6.0)
        if len(lines) == 1:
            draw_text(self.canv, x, self.box_height * 0.3, self.suffix,
                      fit_style(self.suffix, self.style, room))
            return
        style = self.style
        while style.line_height * len(lines) > self.box_height * 1.15 and style.size > 5:
            style = style.but(size=style.size * 0.92)
        step = style.line_height * 0.85
        top = (self.box_height + step * (len(lines) - 1)) / 2 - style.size * 0.3
        for row, line in enumerate(lines):
            draw_text(self.canv, x, top - row * step, line, fit_style(line, style, room))


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
