"""The fonts of printed documents, registered with ReportLab once per process.

Body text uses Noto Sans Khmer, shipped as a Python package (fontpkg-noto-sans-khmer), so
every machine prints the same letters, Khmer and Latin alike. Headings use Khmer OS Muol
Light, the heading font of Cambodian government documents, when the machine has it
(Debian fonts-khmeros, or the Khmer OS fonts of a Windows computer); otherwise the
shipped font, drawn bold.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import fontpkg_noto_sans_khmer  # type: ignore[import-untyped]  # a font package, untyped
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

#: The shipped variable font; ReportLab draws its default instance (Regular).
BODY_FONT_FILE: Path = fontpkg_noto_sans_khmer.ROOT / "files" / "NotoSansKhmer[wdth,wght].ttf"
BODY = "IsafNotoSansKhmer"
MUOL = "IsafKhmerOSMuolLight"
MUOL_FAMILY = "Khmer OS Muol Light"
#: Where Khmer OS Muol Light is usually found, tried before asking fontconfig (which a
#: Windows computer does not have).
MUOL_PATHS: tuple[Path, ...] = (
    Path("/usr/share/fonts/truetype/khmeros/KhmerOSmuollight.ttf"),
    Path("/usr/local/share/fonts/KhmerOSmuollight.ttf"),
    Path(os.environ.get("WINDIR", "C:/Windows")) / "Fonts" / "KhmerOSmuollight.ttf",
    Path.home() / "AppData/Local/Microsoft/Windows/Fonts/KhmerOSmuollight.ttf",
    Path.home() / ".local/share/fonts/KhmerOSmuollight.ttf",
)
#: Set to a font file to choose the heading font, or to "none" to use the shipped one.
HEADING_FONT_ENV = "ISAF_HEADING_FONT"


@dataclass(frozen=True)
class FontSet:
    """The registered fonts a document draws with."""

    body: str
    heading: str
    #: True when headings have no font of their own and are drawn as bold body text.
    heading_is_body: bool


def find_muol_light() -> Path | None:
    """The Khmer OS Muol Light file on this machine, or None."""
    return _find_muol_light(os.environ.get(HEADING_FONT_ENV))


@functools.lru_cache(maxsize=4)
def _find_muol_light(chosen: str | None) -> Path | None:
    # Cached: a batch of one file per unit would otherwise ask fontconfig for every unit.
    if chosen:
        return None if chosen.lower() == "none" else Path(chosen)
    for path in MUOL_PATHS:
        if path.is_file():
            return path
    return _fontconfig_match(MUOL_FAMILY)


def _fontconfig_match(family: str) -> Path | None:
    fc_match = shutil.which("fc-match")
    if fc_match is None:
        return None
    try:
        out = subprocess.run([fc_match, "-f", "%{family}|%{file}", family], capture_output=True,
                             text=True, timeout=5, check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    # fc-match always answers, with a fallback font when the family is missing.
    families, _, file = out.partition("|")
    if family.lower() in families.lower() and file and Path(file).is_file():
        return Path(file)
    return None


@functools.lru_cache(maxsize=4)
def _register(name: str, path: str) -> str:
    if name not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(name, path))
    return name


def fonts(*, use_muol: bool | None = None) -> FontSet:
    """Register and return the document fonts. `use_muol=False` forces the shipped font for
    headings (tests of the fallback); None uses Muol Light when it is installed."""
    body = _register(BODY, str(BODY_FONT_FILE))
    muol = find_muol_light() if use_muol is not False else None
    if muol is not None:
        try:
            return FontSet(body, _register(MUOL, str(muol)), False)
        except Exception:
            pass
    return FontSet(body, body, True)
