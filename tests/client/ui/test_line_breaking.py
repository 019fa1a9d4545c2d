"""Khmer lines on screen break between words, never inside one.

Every Khmer text the screens wrap - each label, hint, unit, warning and standard of every
form in forms/, the validation messages, and every translation of the Khmer catalogue -
is laid out the way a word-wrapped QLabel lays it out (a QTextLayout in WordWrap mode, the
shipped font, the default and the largest text size, at several narrow widths, down to
one pixel, where Qt breaks at every place it may). Each line must start at a word
boundary of ICU's dictionary-based word break iterator, never inside a word, and never
before closing punctuation or after an opening bracket.
"""

from __future__ import annotations

import ctypes
import re
import string
import sys
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import icu
import pytest
import yaml

from client.fonts import DEFAULT_TEXT_SIZE, install_fonts
from client.i18n import catalogue
from client.qt import QApplication, QFont, QLabel, QTextLayout, QTextOption
from client.settings import TEXT_SIZES
from client.ui.text import ZERO_WIDTH_SPACE, is_khmer, plain, set_wrapped, wrappable
from common.documents.segment import NO_BREAK_AFTER, NO_BREAK_BEFORE
from common.forms import validation
from server.cli import FORMS_DIR

#: Line widths in pixels: one pixel breaks at every opportunity Qt takes; the others are
#: a narrow warning line, a field label's column and a dialog's note.
WIDTHS = (1, 90, 160, 260, 420)
SIZES = (DEFAULT_TEXT_SIZE, max(TEXT_SIZES))
#: A place marker of a catalogue text ({0}, %1, %n).
_MARKER = re.compile(r"\{\w*\}|%\d|%n")
#: The break opportunities the form editor used to add: a zero-width space at the start of
#: every Khmer syllable ("ពិនិ|ត្យ", "សង្កា|ត់" on screen). Kept here to prove the check
#: catches a break inside a word.
_SYLLABLE_START = re.compile("(?<=[\u1780-\u17d3\u17dd])(?<!\u17d2)(?=[\u1780-\u17b3])")


def syllable_wrappable(text: str) -> str:
    """The old way: a break opportunity before every Khmer syllable."""
    return _SYLLABLE_START.sub(ZERO_WIDTH_SPACE, text)


# ---------------------------------------------------------------------- the texts


def _khmer_values(node: Any) -> Iterator[str]:
    """Every string under a `km` key of a form definition, however deep."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "km" and isinstance(value, str):
                yield value
            else:
                yield from _khmer_values(value)
    elif isinstance(node, list):
        for item in node:
            yield from _khmer_values(item)


def form_texts() -> list[str]:
    """The Khmer texts of every form in forms/ (titles, labels, hints, units, choices,
    standards, warnings)."""
    texts: list[str] = []
    for path in sorted(Path(FORMS_DIR).glob("*.yaml")):
        texts.extend(_khmer_values(yaml.safe_load(path.read_text(encoding="utf-8"))))
    return texts


def validation_texts() -> list[str]:
    """The Khmer validation messages (errors and the warnings that ask for a reason), with
    a real label and Khmer digits in their place markers."""
    label = "ចំនួនស្ត្រីមានផ្ទៃពោះដែលបានពិនិត្យផ្ទៃពោះយ៉ាងតិច ៤ ដង"
    values = {"label": label, "limit": "១២៥,០០០", "n": "៤", "key": "anc4"}
    texts = []
    for _english, khmer in validation._MESSAGES.values():
        fields = {name for _, name, _, _ in string.Formatter().parse(khmer) if name}
        texts.append(khmer.format(**{name: values.get(name, label) for name in fields}))
    return texts


def catalogue_texts() -> list[str]:
    """Every translation of the Khmer catalogue that has Khmer in it."""
    root = ET.parse(catalogue("km")).getroot()
    texts = []
    for translation in root.iter("translation"):
        forms = [n.text or "" for n in translation.iter("numerusform")] or [
            translation.text or ""]
        # A place marker holds a number or a name; a number it is here.
        texts.extend(_MARKER.sub("១២", t) for t in forms if any(is_khmer(c) for c in t))
    return texts


def all_texts() -> list[str]:
    """Every Khmer text the screens show, once each."""
    return list(dict.fromkeys(form_texts() + validation_texts() + catalogue_texts()))


# ---------------------------------------------------------------------- the check


def line_starts(text: str, font: QFont, width: int) -> list[int]:
    """Where each line after the first starts (UTF-16 offsets, as Qt counts) when `text`
    is laid out like a word-wrapped QLabel's plain text at `width` pixels."""
    layout = QTextLayout(text.replace("\n", "\u2028"), font)  # as QLabel hands it over
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WordWrap)
    layout.setTextOption(option)
    layout.beginLayout()
    starts = []
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        starts.append(line.textStart())
    layout.endLayout()
    return starts[1:]


def layout_height(text: str, font: QFont, width: int) -> float:
    """The height of `text` laid out as `line_starts` does."""
    layout = QTextLayout(text.replace("\n", "\u2028"), font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WordWrap)
    layout.setTextOption(option)
    layout.beginLayout()
    height = 0.0
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        height += line.height()
    layout.endLayout()
    return height


def _utf16_index(text: str) -> dict[int, int]:
    """UTF-16 offset -> index in the Python string (Qt and ICU count UTF-16 units)."""
    mapping, offset = {}, 0
    for index, char in enumerate(text):
        mapping[offset] = index
        offset += 2 if ord(char) > 0xFFFF else 1
    mapping[offset] = len(text)
    return mapping


def icu_word_boundaries(text: str) -> set[int]:
    """The word boundaries of ICU's dictionary-based iterator, as indices into `text`."""
    iterator = icu.BreakIterator.createWordInstance(icu.Locale("km"))
    iterator.setText(text)
    mapping = _utf16_index(text)
    return {mapping[offset] for offset in [0, *iterator]}


def bad_breaks(text: str, wrap: Callable[[str], str], font: QFont,
               width: int) -> list[str]:
    """Each line break of `text` (as `wrap` prepares it for the screen) that falls inside
    an ICU word or next to punctuation that must stay with its word, shown as "…|…"."""
    shown = wrap(text)
    assert plain(shown) == plain(text), "the text on screen must say the same"
    mapping = _utf16_index(shown)
    original = plain(text)
    boundaries = icu_word_boundaries(original)
    found = []
    for offset in line_starts(shown, font, width):
        at = mapping[offset]
        index = at - shown[:at].count(ZERO_WIDTH_SPACE)  # the same place in the text
        # After a space a line may always break (as in the PDFs: segment.tokens); without
        # one, punctuation stays with its word.
        glued = original[index - 1:index] not in (" ", "\n")
        wrong = index not in boundaries or (glued and (
            original[index:index + 1] in NO_BREAK_BEFORE
            or original[index - 1:index] in NO_BREAK_AFTER))
        if wrong:
            found.append(f"{original[max(0, index - 12):index]}|{original[index:index + 12]}")
    return found


def check(texts: list[str], wrap: Callable[[str], str], font: QFont) -> list[str]:
    """Every wrong break over `texts` at every width, with the width it happened at."""
    problems = []
    for text in texts:
        for width in WIDTHS:
            problems += [f"{width}px: {b}" for b in bad_breaks(text, wrap, font, width)]
    return problems


@pytest.fixture(autouse=True)
def none_kept_alive() -> Iterator[None]:
    """Give back the references to None that PySide6 takes away.

    PySide6 6.12 (shiboken6 6.12, abi3 wheels) on Python 3.11 drops a reference to None
    at every call of a method that returns nothing (setText, setLineWidth,
    beginLayout...): Python 3.12 and later never count None's references, 3.11 does. A
    test that lays out thousands of lines would bring the count to zero and the
    process aborts ("Fatal Python error: none_dealloc"), during the run or at its end.
    What a test took is given back for good (never released, even at exit).
    """
    before = sys.getrefcount(None)
    yield
    lost = before - sys.getrefcount(None)
    if lost > 0 and sys.version_info < (3, 12):
        ctypes.c_ssize_t.from_address(id(None)).value += lost


@pytest.fixture
def shipped_font(qapp: QApplication) -> Iterator[Callable[[int], QFont]]:
    """The application's font (the shipped Khmer font) at a text size; the application
    keeps its own font afterwards."""
    before = QFont(qapp.font())

    def at(size: int) -> QFont:
        install_fonts(qapp, text_size=size)
        return QFont(qapp.font())

    yield at
    qapp.setFont(before)


# ---------------------------------------------------------------------- the tests


def test_the_real_texts_are_many_and_khmer() -> None:
    """The check below runs over what the screens show, not over an empty list."""
    assert len(form_texts()) > 300
    assert len(catalogue_texts()) > 300
    assert any("ពិនិត្យ" in t for t in validation_texts())  # the warnings of the issue
    assert any("សង្កាត់" in t for t in form_texts())


@pytest.mark.parametrize("size", SIZES)
def test_no_line_breaks_inside_a_word(size: int,
                                      shipped_font: Callable[[int], QFont]) -> None:
    font = shipped_font(size)
    problems = check(all_texts(), wrappable, font)
    assert not problems, (f"{len(problems)} line break(s) inside a word at {size} pt:\n"
                          + "\n".join(problems[:40]))


def test_the_check_finds_breaks_between_syllables(
        shipped_font: Callable[[int], QFont]) -> None:
    """A break opportunity at every syllable (what the form editor did) breaks words on
    screen: "ពិនិ|ត្យ" in a warning, "សង្កា|ត់" at a larger text size."""
    font = shipped_font(max(TEXT_SIZES))
    problems = check(all_texts(), syllable_wrappable, font)
    assert len(problems) > 100
    assert any("ពិនិ|ត្យ" in p for p in problems)
    assert any("សង្កា|ត់" in p for p in problems)


def test_qt_itself_does_not_break_unspaced_khmer(shipped_font: Callable[[int], QFont]) -> None:
    """Why the zero-width spaces are needed, and why they are enough: without them Qt
    finds no place to break inside a run of Khmer words (the label would clip it), and it
    adds none of its own between syllables."""
    font = shipped_font(DEFAULT_TEXT_SIZE)
    text = "សូមពិនិត្យតួលេខនេះម្ដងទៀតព្រោះវាខុសពីឆ្នាំមុនច្រើនពេក"
    assert line_starts(text, font, 1) == []
    starts = line_starts(wrappable(text), font, 1)
    words = [w for w in re.split(ZERO_WIDTH_SPACE, wrappable(text)) if w]
    assert len(starts) == len(words) - 1 > 5


def test_a_wrapped_label_is_laid_out_as_checked(
        qapp: QApplication, shipped_font: Callable[[int], QFont]) -> None:
    """The layout checked above is the one a word-wrapped QLabel makes: the same height
    at every width, for every text of a form."""
    font = shipped_font(max(TEXT_SIZES))
    label = QLabel()
    label.setFont(font)
    for text in form_texts()[:80]:
        set_wrapped(label, text)
        assert label.wordWrap()
        assert label.text() == wrappable(text)
        for width in WIDTHS[1:]:
            expected = layout_height(wrappable(text), font, width)
            assert abs(label.heightForWidth(width) - expected) <= 1, (text, width)


def test_wrappable_changes_only_where_a_line_may_break() -> None:
    warning = "តិចខុសធម្មតា៖ ជាធម្មតាយ៉ាងតិច ១០។ សូមពិនិត្យ និងបញ្ជាក់។"
    shown = wrappable(warning)
    assert plain(shown) == warning
    assert "ពិនិត្យ" in shown  # whole: no break opportunity inside the word
    assert wrappable(shown) == shown  # twice is once
    english = "Commune/sangkat council members (persons), 07:30, 1,000,000 Riel"
    assert wrappable(english) == english  # Qt's own breaking for English
    assert wrappable("ចំនួនប្រជាជនក្នុងសង្កាត់") == "\u200b".join(
        ["ចំនួន", "ប្រជាជន", "ក្នុង", "សង្កាត់"])
    # Closing punctuation and the Riel sign stay with their word.
    assert ZERO_WIDTH_SPACE + "។" not in wrappable("សូមបញ្ជាក់។ហើយ")
    assert ZERO_WIDTH_SPACE + "៛" not in wrappable("ប្រាក់១០០៛")
