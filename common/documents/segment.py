"""Where a line of Khmer (and English) text may break.

Khmer is written without spaces between words, so a line can only break where a word
ends; breaking anywhere else cuts a syllable and prints a lone subscript or vowel sign
(docs/DOCUMENTS.md). Word boundaries come from ICU's dictionary-based word break iterator
(PyICU, from the `pyicu-wheels` package, which bundles ICU: nothing to build). Without
ICU the text still breaks safely, between orthographic syllables, only less nicely.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable

try:  # pragma: no cover - which branch runs depends on the machine
    import icu as _icu  # type: ignore[import-untyped]  # PyICU ships no type information
except ImportError:  # pragma: no cover
    _icu = None

COENG = "\u17d2"
NBSP = "\u00a0"
#: Never at the start of a line: closing punctuation, the Khmer full stop and colon, the
#: Riel sign, the repetition sign, and whatever follows a no-break space.
NO_BREAK_BEFORE = frozenset("។៕៖ៗ៛,.;:!?%)]}»”’/" + NBSP)
#: Never at the end of a line: opening brackets and quotes, and a no-break space.
NO_BREAK_AFTER = frozenset("([{«“‘" + NBSP)
_SPACES = re.compile(r"( +|\n)")


def has_icu() -> bool:
    """True when ICU word boundaries are available (else syllable boundaries are used)."""
    return _icu is not None


def _icu_words(text: str) -> list[str]:
    iterator = _icu.BreakIterator.createWordInstance(_icu.Locale("km"))
    iterator.setText(text)
    words, start = [], 0
    for end in iterator:
        words.append(text[start:end])
        start = end
    return words


def syllables(text: str) -> list[str]:
    """Split text into orthographic syllables (a base and everything attached to it).

    A Khmer consonant after a COENG is a subscript of the syllable before it; combining
    marks never start a syllable. ICU's grapheme clusters would cut after the COENG.
    """
    pieces: list[str] = []
    start = 0
    for i in range(1, len(text)):
        char, before = text[i], text[i - 1]
        if before == COENG or unicodedata.category(char).startswith("M") or char == "\u200c" \
                or char == "\u200d" or before in ("\u200c", "\u200d"):
            continue
        pieces.append(text[start:i])
        start = i
    if text:
        pieces.append(text[start:])
    return pieces


@functools.lru_cache(maxsize=8192)
def _words(chunk: str) -> tuple[str, ...]:
    # Cached: the same labels, units and headings come back on every page of a batch.
    split: Callable[[str], list[str]] = _icu_words if _icu is not None else syllables
    pieces = [p for p in split(chunk) if p]
    glued: list[str] = []
    for piece in pieces:
        if glued and (piece[0] in NO_BREAK_BEFORE or glued[-1][-1] in NO_BREAK_AFTER):
            glued[-1] += piece
        else:
            glued.append(piece)
    return tuple(glued)


def tokens(text: str) -> list[str]:
    """The text as tokens between which a line may break: words, runs of spaces, and
    '\\n' for a forced break. Joining the tokens gives the text back."""
    out: list[str] = []
    for part in _SPACES.split(text):
        if not part:
            continue
        if part == "\n" or part.startswith(" "):
            out.append(part)
        else:
            out.extend(_words(part))
    return out
