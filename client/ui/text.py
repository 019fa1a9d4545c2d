"""Wrapped text on screen: Khmer lines break between words, never inside one.

Khmer is written without spaces between words. Qt's own line breaker (Unicode line
breaking, with Khmer treated as one long word) finds no place to break inside unspaced
Khmer at all: a long label is clipped, not wrapped. Measured with PySide6 6.11 and 6.12 (see
tests/client/ui/test_line_breaking.py): in a word-wrapped QLabel, a QTextDocument or a
QTextLayout in WordWrap mode, Qt breaks a line only at spaces, after some punctuation
(។, hyphens, slashes between words) and at a zero-width space (U+200B); never between
two Khmer syllables by itself.

So every wrapped text gets a zero-width space where a word of ICU's dictionary ends,
the same word boundaries the PDFs break at (common/documents/segment.py, which also keeps
closing punctuation and the Riel sign with their word). The break opportunities are only
added between two Khmer characters: English, numbers and times keep Qt's own line
breaking, which already breaks at word boundaries only. A zero-width space is drawn as
nothing and does not touch shaping (it sits between words, never inside a cluster).

`set_wrapped` puts a text on a word-wrapped QLabel; `wrappable` gives the text for any
other place that wraps (a QMessageBox, a table cell with word wrap, a rich-text label:
markup has no Khmer, so tags are left alone). `plain` takes the zero-width spaces out
again, for a text that is copied or compared.
"""

from __future__ import annotations

import re

from client.qt import QFont, QFontMetrics, QHeaderView, QLabel, QStyle
from common.documents import segment
from common.khmer.script import is_khmer

#: Where a line may break; drawn as nothing.
ZERO_WIDTH_SPACE = "\u200b"


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name lupdate reads
    """Mark `text` for the catalogue under `context` and give it back untranslated, as Qt's
    own does (whose stubs say it returns `object`)."""
    del context
    return text


def wrappable(text: str) -> str:
    """`text` with a zero-width space at every word boundary inside Khmer, so that Qt may
    break a line there and nowhere else inside Khmer words.

    Zero-width spaces already in the text (typed ones, or from an earlier call) are
    dropped first: the result depends on the words only, and calling it twice changes
    nothing.
    """
    text = text.replace(ZERO_WIDTH_SPACE, "")
    if not any(is_khmer(char) for char in text):
        return text  # nothing for Qt to miss: English breaks at its spaces
    out: list[str] = []
    previous = ""
    for token in segment.tokens(text):
        # Between two Khmer words only: next to a space, a digit group or a bracket Qt
        # decides as it does for English, and a break there is at a word boundary too.
        if previous and is_khmer(previous[-1]) and is_khmer(token[0]):
            out.append(ZERO_WIDTH_SPACE)
        out.append(token)
        previous = token
    return "".join(out)


def plain(text: str) -> str:
    """A wrapped text as it was written (without the added break opportunities)."""
    return text.replace(ZERO_WIDTH_SPACE, "")


def set_wrapped(label: QLabel, text: str) -> None:
    """Show `text` on `label`, word-wrapped, breaking Khmer between words only.

    Use it for every label that wraps: a label made with setWordWrap(True) and given its
    text with setText clips long Khmer (or, with zero-width spaces at every syllable,
    breaks inside words).
    """
    label.setWordWrap(True)
    label.setText(wrappable(text))


_BREAKS = re.compile(f"( +|{ZERO_WIDTH_SPACE})")


def line_pieces(text: str) -> list[tuple[str, str]]:
    """The pieces of `text` a line may not break inside, each with what goes before it
    on a line (" " or nothing): spaces, and word boundaries inside Khmer
    (`wrappable`)."""
    found: list[tuple[str, str]] = []
    gap = ""
    for part in _BREAKS.split(wrappable(text)):
        if not part or part == ZERO_WIDTH_SPACE:
            continue
        if part.isspace():
            gap = " "
            continue
        found.append((gap if found else "", part))
        gap = ""
    return found


def fold(text: str, width: int, metrics: QFontMetrics) -> str:
    """`text` on as few lines as fit `width` pixels, broken between words only (a word
    wider than `width` keeps a line of its own): a table's column head, which Qt never
    wraps by itself."""
    lines: list[str] = []
    for gap, word in line_pieces(text):
        if lines and metrics.horizontalAdvance(lines[-1] + gap + word) <= width:
            lines[-1] += gap + word
        else:
            lines.append(word)
    return "\n".join(lines)


def head_metrics(header: QHeaderView) -> tuple[QFontMetrics, int]:
    """How a table's column head is measured: Qt draws it bold while a row is selected,
    with the style's margin on each side (the metrics, and both margins with the line)."""
    font = QFont(header.font())
    font.setBold(True)
    margin = header.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
    return QFontMetrics(font), 2 * margin + 2
