"""Reading the text back out of printed PDFs, as a viewer's search, copy-paste or a screen
reader would: poppler's `pdftotext` (Debian poppler-utils) and PDFium (pypdfium2, the
engine of Chrome's viewer), two independent extractors. Also Khmer names made up at random
from Khmer syllables, so the tests search for words no code has seen before."""

from __future__ import annotations

import random
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pypdfium2

from common.documents.fonts import fonts
from common.documents.text import check_text

#: Private-use characters: what shaped Khmer glyphs extract as when they carry no text.
PRIVATE_USE = re.compile("[\ue000-\uf8ff]")

_CONSONANTS = [chr(c) for c in range(0x1780, 0x17A3)]
#: Consonants that take a subscript form after COENG (all but a few rare ones do).
_SUBSCRIPTS = [c for c in _CONSONANTS if c not in "ឡអ"]
_VOWELS = ["", "", "ា", "ិ", "ី", "ឹ", "ឺ", "ុ", "ូ", "ួ", "ើ", "ឿ", "ៀ", "េ", "ែ", "ៃ", "ោ", "ៅ"]
_FINALS = ["", "", "", "ំ", "ះ", "ង", "ន", "ម", "ក", "ត់", "ល់", "ស់"]
COENG = "\u17d2"


def pdftotext(pdf: bytes, *, layout: bool = False) -> str:
    """The text of every page as poppler extracts it."""
    program = shutil.which("pdftotext")
    assert program, "pdftotext is missing: apt-get install poppler-utils"
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "doc.pdf"
        source.write_bytes(pdf)
        command = [program, "-enc", "UTF-8", *(["-layout"] if layout else []), str(source), "-"]
        return subprocess.run(command, check=True, capture_output=True, timeout=120,
                              text=True, encoding="utf-8").stdout


def pdfium_text(pdf: bytes) -> str:
    """The text of every page as PDFium extracts it."""
    document = pypdfium2.PdfDocument(pdf)
    try:
        pages = []
        for page in document:
            textpage = page.get_textpage()
            pages.append(textpage.get_text_range())
            textpage.close()
            page.close()
        return "\n".join(pages)
    finally:
        document.close()


def flat(text: str) -> str:
    """Runs of white space (line ends, the layout's gaps) as one space."""
    return re.sub(r"\s+", " ", text)


def khmer_syllable(rng: random.Random) -> str:
    """A made-up Khmer syllable: consonant, maybe a subscript, a vowel, a final."""
    syllable = rng.choice(_CONSONANTS)
    if rng.random() < 0.35:
        syllable += COENG + rng.choice(_SUBSCRIPTS)
    return syllable + rng.choice(_VOWELS) + rng.choice(_FINALS)


def khmer_name(rng: random.Random, syllables: tuple[int, int] = (3, 6)) -> str:
    """A made-up Khmer name (no spaces) that prints right in the body and heading fonts."""
    used = fonts()
    while True:
        name = "".join(khmer_syllable(rng) for _ in range(rng.randint(*syllables)))
        if not check_text(name, used.body) and not check_text(name, used.heading):
            return name
