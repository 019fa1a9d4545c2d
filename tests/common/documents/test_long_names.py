"""Units with very long names (up to 200 characters, as accepted): the running header of a
blank form wraps and never runs onto the QR code, which reads on every page."""

from __future__ import annotations

import random
from dataclasses import replace

import pytest
import zxingcpp
from PIL import Image

from common.documents import DocumentOptions, blank_form_pdf, qr_payload
from common.forms import FormDefinition
from tests.common.documents.conftest import PRINTED_ON, form_input
from tests.common.documents.pages import ink, render

DPI = 100
#: Khmer syllables (consonant, subscript, vowel) names are made of.
CONSONANTS = "កខគឃងចឆជឈញដឋឌឍណតថទធនបផពភមយរលវសហឡអ"
VOWELS = ["ា", "ិ", "ី", "ឹ", "ឺ", "ុ", "ូ", "ួ", "ើ", "ៀ", "េ", "ែ", "ៃ", "ោ", "ៅ", "ុំ", "ាំ", ""]
LATIN = "abcdefghijklmnopqrstuvwxyz"


def khmer_name(length: int, seed: int) -> str:
    """A Khmer name of exactly `length` characters: random whole syllables and a few
    spaces, made up to the length with consonants (each a syllable of its own)."""
    rng = random.Random(seed)
    text = ""
    while True:
        syllable = rng.choice(CONSONANTS)
        if rng.random() < 0.3:
            syllable += "្" + rng.choice(CONSONANTS)
        syllable += rng.choice(VOWELS) + (" " if rng.random() < 0.08 else "")
        if len(text) + len(syllable) > length:
            return text.rstrip() + "ក" * (length - len(text.rstrip()))
        text += syllable


def latin_name(length: int, seed: int) -> str:
    """A Latin name of exactly `length` characters: words of 3 to 12 letters."""
    rng = random.Random(seed)
    words: list[str] = []
    while len(" ".join(words)) < length:
        words.append("".join(rng.choice(LATIN) for _ in range(rng.randint(3, 12))).title())
    return " ".join(words)[:length].rstrip().ljust(length, "x")


def qr_area_is_clear(page: Image.Image, result: zxingcpp.Result) -> bool:
    """Nothing drawn in a band left of and below the QR code (text that ran onto it would
    cross the band)."""
    xs = [p.x for p in (result.position.top_left, result.position.top_right,
                        result.position.bottom_left, result.position.bottom_right)]
    ys = [p.y for p in (result.position.top_left, result.position.top_right,
                        result.position.bottom_left, result.position.bottom_right)]
    left, right, top, bottom = min(xs), max(xs), min(ys), max(ys)
    mm = DPI / 25.4
    w, h = page.size
    left_band = (left - 5 * mm) / w, top / h, (left - 0.5 * mm) / w, bottom / h
    return ink(page, left_band) == 0.0 and right > left and bottom > top


@pytest.mark.parametrize("length", [150, 200])
@pytest.mark.parametrize("language", ["km", "en", "km+en"])
@pytest.mark.parametrize("script", ["khmer", "latin"])
def test_long_unit_names_wrap_off_the_qr_code(
        definitions: dict[str, FormDefinition], length: int, language: str,
        script: str) -> None:
    definition = definitions["cs_admin"]
    data = form_input(definition, DocumentOptions(language=language,  # type: ignore[arg-type]
                                                   printed_on=PRINTED_ON))
    name = khmer_name(length, length) if script == "khmer" else latin_name(length, length)
    assert len(name) == length
    data = replace(data, unit=replace(data.unit, name_km=name if script == "khmer" else
                                      data.unit.name_km,
                                      name_en=name if script == "latin" else data.unit.name_en))
    pdf = blank_form_pdf(data)
    expected = qr_payload(data.unit.code, 2026, definition)
    pages = render(pdf, dpi=DPI)
    assert len(pages) >= 2
    for number, page in enumerate(pages, start=1):
        found = [r for r in zxingcpp.read_barcodes(page)
                 if r.format == zxingcpp.BarcodeFormat.QRCode]
        assert [r.text for r in found] == [expected], number
        assert qr_area_is_clear(page, found[0]), number
