"""The words of the web pages in Khmer and English (Khmer first: it is the default).

Kept here, not in templates, so both languages of a page are checked together
(tests/server/web) and a missing English or Khmer word is a failed test, not a blank.
"""

from __future__ import annotations

from typing import Any

from server.web.words_dashboard import DASHBOARD_WORDS
from server.web.words_public import PUBLIC_WORDS

LANGUAGES: dict[str, str] = {"km": "ខ្មែរ", "en": "English"}

#: key -> (Khmer, English). `{name}` placeholders are filled by `word(..., name=...)`.
#: The public pages' words are in words_public.py, the dashboard's in words_dashboard.py.
COMMON_WORDS: dict[str, tuple[str, str]] = {
    "site_title": ("ព័ត៌មានសម្រាប់ប្រជាពលរដ្ឋ", "Information for Citizens"),
    "site_subtitle": ("គណនេយ្យភាពសង្គម (ISAF)", "Social Accountability (ISAF)"),
    "switch_language": ("English", "ភាសាខ្មែរ"),
    "home": ("ទំព័រដើម", "Home"),
    "dashboard": ("ផ្ទាំងគ្រប់គ្រង", "Dashboard"),
    "not_found": ("រកមិនឃើញទំព័រនេះទេ", "This page does not exist"),
}

WORDS: dict[str, tuple[str, str]] = {**COMMON_WORDS, **PUBLIC_WORDS, **DASHBOARD_WORDS}


def word(key: str, lang: str, **values: Any) -> str:
    """The word `key` in `lang` ('km' or 'en'), placeholders filled."""
    km, en = WORDS[key]
    text = en if lang == "en" else km
    return text.format(**values) if values else text
