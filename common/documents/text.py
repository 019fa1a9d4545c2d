"""Khmer text for ReportLab: shaped, broken into lines at word boundaries, and checked.

ReportLab's own `Paragraph` with `shaping=1` has three traps with Khmer (docs/DOCUMENTS.md): a
paragraph wrapped twice (as `Table` cells and page splits do) prints boxes, lines break
only at spaces (Khmer has none between words), and long words are cut mid-syllable. So
text here is drawn by `Para`, a flowable of its own:

- the text is cut into tokens where a line may break (`segment.tokens`: ICU word
  boundaries, spaces, punctuation kept with its word) and never re-cut: every `wrap`,
  at any width and any number of times, starts again from the same unshaped tokens;
- each token is shaped once by HarfBuzz (through ReportLab's `shapeStr`) and cached, so a
  label printed on sixty posters of a batch is shaped once;
- a token wider than the line is split between syllables, never inside one;
- a line is drawn as one shaped string (`canvas.drawString` with a `ShapedStr`; the
  `shaping=True` argument of drawString does not shape);
- every drawn run carries its original text as a PDF `/ActualText` span (`_draw_run`): the
  shaped glyphs of Khmer (reordered vowels, stacked subscripts, ligatures) map to no
  character or to private-use ones, so without it a viewer's search, copy-paste and a
  screen reader get scrambled text. With it, `pdftotext` and PDFium give the real Unicode.

`draw_text` draws one unwrapped string the same way. Everything drawn is recorded while a
`recording()` block is open, and `check_text` tells whether a text prints correctly in a
font: a glyph for every character, and no dotted circle (U+25CC, what HarfBuzz puts where
a mark has no base) nor .notdef in the shaped output.
"""

from __future__ import annotations

import contextvars
import functools
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from typing import Any, Literal

import uharfbuzz  # type: ignore[import-untyped]  # ships no type information
from reportlab.lib.colors import Color, black
from reportlab.lib.rl_accel import fp_str
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import ShapedStr, shapeStr
from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.textobject import PDFTextObject
from reportlab.platypus import Flowable

from common.documents import segment
from common.documents.fonts import BODY, MUOL
from common.khmer.script import is_khmer

Align = Literal["left", "center", "right"]
DOTTED_CIRCLE = "\u25cc"
#: Characters a font need not have: HarfBuzz hides them (default ignorables) or they are
#: line structure.
_NEEDS_NO_GLYPH = frozenset("\n\u200b\u200c\u200d\u2060\ufeff")
#: Stroke width of the "bold" drawn with a font that has no bold, per point of size.
FAKE_BOLD_STROKE = 0.035


@dataclass(frozen=True)
class TextStyle:
    """How a text is drawn: font, size, colour, line height and alignment."""

    font: str
    size: float
    color: Color = black
    #: Distance between baselines; None: the font's own height (Khmer needs room above
    #: and below for vowels and subscripts).
    leading: float | None = None
    align: Align = "left"
    #: Draw heavier (filled and stroked): for a font that has no bold of its own.
    bold: bool = False

    @property
    def line_height(self) -> float:
        """The distance from one baseline to the next."""
        if self.leading is not None:
            return self.leading
        ascent, descent = _extent(self.font)
        return (ascent - descent) * self.size * 1.08

    @property
    def baseline(self) -> float:
        """From the top of a line box down to its baseline."""
        ascent, descent = _extent(self.font)
        return (self.line_height - (ascent - descent) * self.size) / 2 + ascent * self.size

    def but(self, **changes: Any) -> TextStyle:
        """A copy with some attributes changed."""
        return replace(self, **changes)


@functools.lru_cache(maxsize=16)
def _extent(font: str) -> tuple[float, float]:
    face = pdfmetrics.getFont(font).face
    return face.ascent / 1000, face.descent / 1000


# --------------------------------------------------------------------------- ReportLab fix


def _set_rise(self: PDFTextObject, rise: float) -> None:
    """`PDFTextObject.setRise` without its bookkeeping slip.

    ReportLab 5.1.0 merges two consecutive rise changes into one `Ts` operator but then
    forgets the new rise; the next glyph that needs that old rise is drawn at the wrong
    height. Khmer hits it whenever a word with a subscript or a lower vowel follows
    another one: 'ក្នុងនោះ បុគ្គលិក' prints its subscript on the baseline. Measured, and
    pinned by tests/common/documents/test_text.py.
    """
    operator = f"{fp_str(rise)} Ts"
    if self._code and self._code[-1].endswith(" Ts"):
        self._code[-1] = operator
    else:
        self._code.append(operator)
    self._y += self._rise - rise
    self._rise = rise


PDFTextObject.setRise = _set_rise


# --------------------------------------------------------------------------- shaping


@functools.lru_cache(maxsize=65536)
def shaped(text: str, font: str, size: float) -> tuple[ShapedStr, float]:
    """The text shaped by HarfBuzz for `font` at `size`, and its width in points."""
    result = shapeStr(text, font, size, force=True)
    if not isinstance(result, ShapedStr):  # only for an empty text
        return ShapedStr("", shapeData=[]), 0.0
    return result, sum(d.x_advance for d in result.__shapeData__) * size / 1000


#: Fonts whose Latin letters are made to sit among Khmer, not to be read alone (Khmer OS
#: Muol Light's parentheses hold a third of an em of blank inside: "( I4C )"), and the font
#: a word without any Khmer letter is drawn in instead.
LATIN_FALLBACK: dict[str, str] = {MUOL: BODY}


def _has_khmer(token: str) -> bool:
    return any(is_khmer(c) for c in token)


def token_font(token: str, style: TextStyle) -> str:
    """The font a token is drawn in: the style's, or for a Latin word (letters, digits,
    brackets, no Khmer) in a Khmer heading font, the font its Latin reads right in. Spaces
    and separators stay in the style's font, so a line changes font only around Latin
    words."""
    fallback = LATIN_FALLBACK.get(style.font)
    if fallback is None or _has_khmer(token):
        return style.font
    if any(c.isalnum() or c in "()[]{}" for c in token):
        return fallback
    return style.font


def _width(token: str, style: TextStyle) -> float:
    return shaped(token, token_font(token, style), style.size)[1]


def text_width(text: str, style: TextStyle) -> float:
    """The width of a one-line text, shaped."""
    return sum(_width(t, style) for t in segment.tokens(text) if t != "\n")


@dataclass(frozen=True)
class _Run:
    """Consecutive tokens of a line drawn in one font, shaped as one string."""

    font: str
    text: str
    glyphs: ShapedStr
    width: float


def _shaped_line(tokens: list[str], style: TextStyle) -> tuple[list[_Run], float]:
    """The line's runs (tokens grouped by the font they are drawn in) and its width."""
    runs: list[_Run] = []
    for token in tokens:
        font = token_font(token, style)
        if runs and font == style.font and not _has_khmer(token):
            # A space or a separator goes with the word before it: a Latin line in a
            # heading font stays one run (measured at the heading font's wider space, so
            # it never comes out longer than the line breaking counted).
            font = runs[-1].font
        glyphs, width = shaped(token, font, style.size)
        if runs and runs[-1].font == font:
            last = runs[-1]
            runs[-1] = _Run(font, last.text + token, last.glyphs + glyphs, last.width + width)
        else:
            runs.append(_Run(font, token, glyphs, width))
    return runs, sum(run.width for run in runs)


# --------------------------------------------------------------------------- checking


@dataclass(frozen=True)
class TextProblem:
    """A text that would not print correctly in a font."""

    text: str
    font: str
    message: str

    def __str__(self) -> str:
        return f"{self.font}: {self.message} in {self.text!r}"


@dataclass
class DrawnTexts:
    """Every (font, text) drawn while recording."""

    texts: set[tuple[str, str]] = field(default_factory=set)

    def problems(self) -> list[TextProblem]:
        """The problems of every recorded text."""
        found: list[TextProblem] = []
        for font, text in sorted(self.texts):
            found.extend(check_text(text, font))
        return found


_RECORDING: contextvars.ContextVar[DrawnTexts | None] = contextvars.ContextVar(
    "isaf_drawn_texts", default=None)


@contextmanager
def recording() -> Iterator[DrawnTexts]:
    """Record every text drawn inside the block (to check them afterwards)."""
    drawn = DrawnTexts()
    token = _RECORDING.set(drawn)
    try:
        yield drawn
    finally:
        _RECORDING.reset(token)


def _record(font: str, text: str) -> None:
    drawn = _RECORDING.get()
    if drawn is not None:
        drawn.texts.add((font, text))


@functools.lru_cache(maxsize=16384)
def check_text(text: str, font: str) -> tuple[TextProblem, ...]:
    """Why `text` would print wrongly in the registered `font` (empty when it prints right):
    a character without a glyph, a .notdef or a dotted circle in HarfBuzz's output."""
    ttf = pdfmetrics.getFont(font)
    cmap = ttf.face.charToGlyph
    problems = [TextProblem(text, font, f"no glyph for U+{ord(c):04X} {c!r}")
                for c in dict.fromkeys(text) if c not in _NEEDS_NO_GLYPH and ord(c) not in cmap]
    hb_font = uharfbuzz.Font(ttf.hbFace)
    buffer = uharfbuzz.Buffer()
    buffer.add_str(text)
    buffer.guess_segment_properties()
    uharfbuzz.shape(hb_font, buffer, {})
    dotted = cmap.get(ord(DOTTED_CIRCLE))
    glyphs = [info.codepoint for info in buffer.glyph_infos]
    if 0 in glyphs:
        problems.append(TextProblem(text, font, ".notdef glyph in the shaped text"))
    if dotted is not None and dotted in glyphs and DOTTED_CIRCLE not in text:
        problems.append(TextProblem(text, font, "dotted circle (U+25CC) in the shaped text: "
                                                "a mark without its base"))
    return tuple(problems)


# --------------------------------------------------------------------------- drawing


def _set_style(canvas: Canvas, style: TextStyle) -> int:
    canvas.setFont(style.font, style.size)
    canvas.setFillColor(style.color)
    if style.bold:
        canvas.setStrokeColor(style.color)
        canvas.setLineWidth(style.size * FAKE_BOLD_STROKE)
        return 2  # text render mode: fill, then stroke
    return 0


def actual_text(text: str) -> str:
    """`text` as a PDF text string for /ActualText: UTF-16BE with its byte-order mark, in
    hexadecimal (no escaping to get wrong, any character allowed)."""
    return "<FEFF" + text.encode("utf-16-be").hex().upper() + ">"


def _draw_run(canvas: Canvas, x: float, y: float, line: ShapedStr, text: str,
              mode: int) -> None:
    """Draw one shaped line inside a marked-content span whose /ActualText is `text`, the
    characters the glyphs stand for (PDF 32000-1:2008, 14.9.4)."""
    canvas.addLiteral(f"/Span <</ActualText {actual_text(text)}>> BDC")
    canvas.drawString(x, y, line, mode=mode or None)
    canvas.addLiteral("EMC")


def _draw_line(canvas: Canvas, x: float, y: float, runs: list[_Run], style: TextStyle,
               mode: int) -> None:
    """Draw a line's runs one after the other, each in its font (the style's is set)."""
    current = style.font
    for run in runs:
        if run.font != current:
            canvas.setFont(run.font, style.size)
            current = run.font
        _record(run.font, run.text)
        _draw_run(canvas, x, y, run.glyphs, run.text, mode)
        x += run.width
    if current != style.font:
        canvas.setFont(style.font, style.size)


def draw_text(canvas: Canvas, x: float, y: float, text: str, style: TextStyle,
              *, align: Align | None = None) -> float:
    """Draw one line of text shaped, with its baseline at y, anchored at x by `align`
    (default: the style's); returns its width."""
    tokens = [t for t in segment.tokens(text.replace("\n", " ")) if t]
    if not tokens:
        return 0.0
    runs, width = _shaped_line(tokens, style)
    anchor = align or style.align
    if anchor == "center":
        x -= width / 2
    elif anchor == "right":
        x -= width
    canvas.saveState()
    mode = _set_style(canvas, style)
    _draw_line(canvas, x, y, runs, style, mode)
    canvas.restoreState()
    return width


def fit_style(text: str, style: TextStyle, width: float, *, smallest: float = 6) -> TextStyle:
    """The style, made smaller until `text` fits on one line of `width` (or `smallest`)."""
    size = style.size
    natural = text_width(text, style)
    if natural <= width or natural == 0:
        return style
    size = max(smallest, style.size * width / natural * 0.98)
    leading = None if style.leading is None else style.leading * size / style.size
    return style.but(size=size, leading=leading)


@dataclass(frozen=True)
class _Line:
    start: int  # index of the line's first token in the expanded token list
    tokens: list[str]
    width: float


class Para(Flowable):  # type: ignore[misc]  # reportlab is untyped
    """A paragraph of shaped text in one style, broken at word boundaries.

    Wrapping never changes the paragraph, so it may be wrapped at any width any number of
    times (table cells, page splits).
    """

    def __init__(self, text: str, style: TextStyle, *, tokens: list[str] | None = None,
                 space_before: float = 0, space_after: float = 0) -> None:
        super().__init__()
        self.text = text
        self.style = style
        self._tokens = tokens if tokens is not None else segment.tokens(text)
        self._wrapped: dict[float, tuple[list[str], list[_Line]]] = {}
        self._lines: list[_Line] = []
        self.spaceBefore = space_before
        self.spaceAfter = space_after

    def __repr__(self) -> str:
        return f"Para({self.text[:40]!r})"

    # -- line breaking

    def _break(self, width: float) -> tuple[list[str], list[_Line]]:
        key = round(width, 2)
        if key not in self._wrapped:
            self._wrapped[key] = self._break_lines(width)
        return self._wrapped[key]

    def _break_lines(self, width: float) -> tuple[list[str], list[_Line]]:
        style = self.style
        pending = list(self._tokens)
        expanded: list[str] = []
        lines: list[_Line] = []
        current: list[str] = []
        start = 0
        used = 0.0

        def close(next_start: int) -> None:
            nonlocal current, used, start
            while current and current[-1].startswith(" "):
                used -= _width(current.pop(), style)
            lines.append(_Line(start, current, max(used, 0.0)))
            current, used, start = [], 0.0, next_start

        pending.reverse()
        while pending:
            token = pending.pop()
            if token == "\n":
                expanded.append(token)
                close(len(expanded))
                continue
            if token.startswith(" "):
                expanded.append(token)
                if current:
                    current.append(token)
                    used += _width(token, style)
                else:
                    start = len(expanded)
                continue
            token_width = _width(token, style)
            if used + token_width <= width + 0.01:
                expanded.append(token)
                current.append(token)
                used += token_width
                continue
            if current:
                close(len(expanded))
                pending.append(token)
                continue
            # Alone and still too wide for the line: split between syllables.
            pieces = self._split_word(token, width)
            if len(pieces) == 1:  # one syllable wider than the line: let it overflow
                expanded.append(token)
                current.append(token)
                used += token_width
                close(len(expanded))
                continue
            pending.extend(reversed(pieces))
        if current or not lines:
            close(len(expanded))
        return expanded, lines

    def _split_word(self, word: str, room: float) -> list[str]:
        """The word cut between syllables: a first piece that fits `room`, then the rest."""
        syllables = segment.syllables(word)
        head = ""
        for i, syllable in enumerate(syllables):
            if head and _width(head + syllable, self.style) > room:
                return [head, "".join(syllables[i:])]
            head += syllable
        return [word]

    # -- flowable protocol

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        """Break into lines for `availWidth`; the height those lines take."""
        self._expanded, self._lines = self._break(availWidth)
        self.width = availWidth
        self.height = len(self._lines) * self.style.line_height
        return availWidth, self.height

    def natural_width(self) -> float:
        """The width of the widest forced line, unwrapped."""
        _, lines = self._break(1e9)
        return max((line.width for line in lines), default=0.0)

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        """Two paragraphs: the lines that fit in `availHeight`, and the rest."""
        expanded, lines = self._break(availWidth)
        fit = int((availHeight + 0.01) // self.style.line_height)
        if fit <= 0 or fit >= len(lines):
            return [] if fit <= 0 else [self]
        cut = lines[fit].start
        rest = expanded[cut:]
        while rest and rest[0].startswith(" "):
            rest = rest[1:]
        return [Para(self.text, self.style, tokens=expanded[:cut], space_before=self.spaceBefore),
                Para(self.text, self.style, tokens=rest, space_after=self.spaceAfter)]

    def draw(self) -> None:
        """Draw the lines found by the last wrap."""
        style = self.style
        canvas = self.canv
        canvas.saveState()
        mode = _set_style(canvas, style)
        y = self.height - style.baseline
        for line in self._lines:
            if line.tokens:
                runs, width = _shaped_line(line.tokens, style)
                x = 0.0
                if style.align == "center":
                    x = (self.width - width) / 2
                elif style.align == "right":
                    x = self.width - width
                _draw_line(canvas, x, y, runs, style, mode)
            y -= style.line_height
        canvas.restoreState()
