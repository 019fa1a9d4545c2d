"""The fonts of the screens: Khmer that renders on any computer, in the chosen text size.

Noto Sans Khmer ships inside a Python package (fontpkg-noto-sans-khmer), so a fresh
Windows or Linux machine with no Khmer font at all still draws Khmer correctly; its Latin
glyphs cover the English interface too. Khmer OS fonts, common on Cambodian government
computers, are used as fallbacks when the system has them.
"""

from __future__ import annotations

import logging
from pathlib import Path

import fontpkg_noto_sans_khmer  # type: ignore[import-untyped]  # ships no type information

from client.qt import QFont, QFontDatabase, QGuiApplication
from client.settings import TEXT_SIZES

log = logging.getLogger(__name__)

#: The shipped font: one variable file with every weight.
FONT_FILE: Path = fontpkg_noto_sans_khmer.ROOT / "files" / "NotoSansKhmer[wdth,wght].ttf"
#: Khmer OS families worth falling back to when installed (fonts-khmeros, Windows installers).
KHMER_OS_FAMILIES = ("Khmer OS System", "Khmer OS Battambang", "Khmer OS Siemreap", "Khmer OS")
#: The text size when the settings hold none (settings.Settings.text_size).
DEFAULT_TEXT_SIZE = 11
_LOADED = "isaf_khmer_font_family"


def install_fonts(app: QGuiApplication, *, text_size: int = DEFAULT_TEXT_SIZE) -> str:
    """Load the shipped Khmer font, make it the application font at `text_size` points, and
    return its family name."""
    family = _load_shipped_font(app)
    installed = set(QFontDatabase.families())
    fallbacks = [name for name in KHMER_OS_FAMILIES if name in installed]
    font = QFont(app.font())
    # The shipped family comes first, so every computer shows the same letters; a Khmer OS
    # font only fills in a glyph the shipped one lacks.
    font.setFamilies([family, *fallbacks])
    font.setPointSize(_valid_size(text_size))
    app.setFont(font)
    return family


def apply_text_size(app: QGuiApplication, text_size: int) -> None:
    """Change the application's text size at once (every widget without its own font)."""
    font = QFont(app.font())
    font.setPointSize(_valid_size(text_size))
    app.setFont(font)


def _load_shipped_font(app: QGuiApplication) -> str:
    # Qt registers a file again at every call; a second call (tests, a restart of the main
    # window) reuses the family the application already loaded.
    loaded = app.property(_LOADED)
    if loaded:
        return str(loaded)
    font_id = QFontDatabase.addApplicationFont(str(FONT_FILE))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if not families:
        # Without it Khmer may show as boxes; say so in the log rather than refuse to start.
        log.error("could not load the Khmer font %s", FONT_FILE)
        return fontpkg_noto_sans_khmer.FAMILY
    app.setProperty(_LOADED, families[0])
    return str(families[0])


def _valid_size(text_size: int) -> int:
    return text_size if text_size in TEXT_SIZES else DEFAULT_TEXT_SIZE
