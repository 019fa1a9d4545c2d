"""What the navigator reads and compares: the search key a unit's code and names are
matched by, their place in the dictionary order of the interface language, and everything
the navigator shows, read at once (`read_scope`) off the GUI thread.

Everything here is plain Python over the store's rows, safe on any thread.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from typing import Any

from client.store import overview
from client.store.overview import UnitRow
from client.store.repository import LocalStore
from common.khmer import to_arabic_digits

try:  # ICU sorts Khmer names as a dictionary does; without it, by character order
    import icu as _icu  # type: ignore[import-untyped]  # PyICU ships no type information
except ImportError:  # pragma: no cover - pyicu-wheels is a dependency
    _icu = None

#: Characters that change nothing a reader sees: zero-width space (the NiDA keyboard types
#: it on the space bar), zero-width (non-)joiners, and the byte-order mark.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\ufeff"), " ")
#: Khmer spellings that are stored in one order and drawn alike when typed in another:
#: (pattern, replacement), applied until nothing changes.
_KHMER_ORDER = (
    # A vowel typed before a subscript: the subscript belongs to the consonant first.
    (re.compile("([\u17b6-\u17c5])(\u17d2[\u1780-\u17a2])"), r"\2\1"),
    # The subscript RO typed before another subscript: it is written last (ស្ត្រី).
    (re.compile("(\u17d2\u179a)(\u17d2[\u1780-\u1799\u179b-\u17a2])"), r"\2\1"),
    # A register shifter typed after the vowel: it comes before it.
    (re.compile("([\u17b6-\u17c5])([\u17c9\u17ca])"), r"\2\1"),
    # NIKAHIT typed before AA (ំា): stored as AA then NIKAHIT (ាំ).
    (re.compile("\u17c6\u17b6"), "\u17b6\u17c6"),
)


def search_key(text: str) -> str:
    """`text` as the search compares it: NFC, case folded, Khmer digits as 0-9, invisible
    characters as spaces, Khmer signs in their stored order, spaces collapsed. Applied to
    both what is typed and what is searched, so a name matches however it was typed."""
    text = unicodedata.normalize("NFC", text).casefold().translate(_INVISIBLE)
    text = to_arabic_digits(text)
    for _ in range(4):  # each pass moves a sign one place; names need one or two
        before = text
        for pattern, replacement in _KHMER_ORDER:
            text = pattern.sub(replacement, text)
        if text == before:
            break
    return " ".join(text.split())


def _collation_keys(names: list[str], language: str) -> list[Any]:
    """Sort keys of `names` in the order of `language`'s dictionary."""
    if _icu is None:
        return [search_key(name) for name in names]
    collator = _icu.Collator.createInstance(_icu.Locale("km" if language == "km" else "en"))
    return [collator.getSortKey(name) for name in names]



@dataclass(frozen=True)
class RowIndex:
    """What sorting by name and searching compare, worked out once per read: each unit's
    place in `language`'s dictionary order and its search text."""

    language: str
    name_rank: dict[str, int]
    search: dict[str, str]


def index_rows(rows: list[UnitRow], language: str) -> RowIndex:
    """The sort and search keys of `rows` (pure: runs on any thread)."""
    # Worked out once per read, not per comparison or per keystroke: sorting and searching
    # a few hundred units then costs nothing noticeable.
    names = [r.name_km if language == "km" else r.name_en for r in rows]
    keys = _collation_keys(names, language)
    order = sorted(range(len(rows)), key=lambda i: (keys[i], rows[i].code))
    # Without spaces, so that a name matches whether its words were typed with a space, a
    # zero-width space or nothing between them; fields apart, so no word spans two.
    search = {r.unit_id: "\n".join(search_key(text).replace(" ", "")
                                   for text in (r.code, r.name_km, r.name_en))
              for r in rows}
    return RowIndex(language, {rows[i].unit_id: rank for rank, i in enumerate(order)}, search)


@dataclass(frozen=True)
class Scope:
    """Everything the navigator shows, read at once: the years to offer, the year shown,
    the areas and the units with their forms of that year. `signed_in` is False when
    nobody is (everything empty)."""

    generation: int
    signed_in: bool
    years: list[int]
    year: int
    areas: list[overview.Area]
    rows: list[UnitRow]
    index: RowIndex


def read_scope(store: LocalStore | None, year: int, language: str,
               generation: int) -> Scope:
    """Read what the navigator shows for `year` (the first year offered when `year` is not
    one of them). Runs off the GUI thread."""
    if store is None:
        return Scope(generation, False, [], year, [], [], index_rows([], language))
    years = overview.years(store, around=date.today().year)
    shown = year if year in years else years[0]
    rows = overview.unit_rows(store, shown)
    return Scope(generation, True, years, shown, overview.areas(store), rows,
                 index_rows(rows, language))
