"""Khmer that can be searched and copied out of every printed PDF: each shaped run carries
its text as /ActualText, so poppler (`pdftotext`) and PDFium give back the very characters
printed, for names the tests make up at random."""

from __future__ import annotations

import dataclasses
import io
import random
from collections.abc import Callable

import pytest

from common.documents import (
    BlankFormInput,
    DocumentOptions,
    Place,
    UnitIdentity,
    blank_form_pdf,
    poster_pdf,
)
from common.documents.batch import render
from common.documents.wording import word
from common.forms import FormDefinition
from tests.common.documents.conftest import PRINTED_ON, form_input, poster_input
from tests.common.documents.extract import (
    PRIVATE_USE,
    flat,
    khmer_name,
    pdfium_text,
    pdftotext,
)

EXTRACTORS: dict[str, Callable[[bytes], str]] = {"pdftotext": pdftotext, "pdfium": pdfium_text}


def random_unit(kind: str, seed: int) -> UnitIdentity:
    """A unit whose Khmer names nobody has printed before."""
    rng = random.Random(seed)
    return UnitIdentity(
        code=f"{kind[:2].upper()}0{seed % 10}0201", kind=kind,
        name_km=khmer_name(rng, (4, 7)), name_en=f"Unit {seed}",
        commune=Place("010201", khmer_name(rng), "Commune", "commune"),
        district=Place("0102", khmer_name(rng), "District", "district"),
        province=Place("01", khmer_name(rng), "Province", "province"))


def squeezed(text: str) -> str:
    """Without white space: a label wrapped over two lines still reads as one."""
    return "".join(text.split())


def labels(definition: FormDefinition, *, poster: bool) -> list[str]:
    """The Khmer labels of the indicators a document prints."""
    return [i.label.km for i in definition.indicators()
            if not poster or (i.poster and not i.personal and i.type != "text")]


@pytest.mark.parametrize("extract", EXTRACTORS)
@pytest.mark.parametrize("seed", [11, 12])
@pytest.mark.parametrize("language", ["km", "km+en"])
def test_poster_khmer_is_found_exactly(definitions: dict[str, FormDefinition], extract: str,
                                       seed: int, language: str) -> None:
    definition = definitions["health_center"]
    unit = random_unit("health_center", seed)
    data = dataclasses.replace(
        poster_input(definition, options=DocumentOptions(language=language,  # type: ignore[arg-type]
                                                         printed_on=PRINTED_ON)),
        unit=unit)
    text = EXTRACTORS[extract](poster_pdf(data))
    assert not PRIVATE_USE.search(text), "glyphs without text came out"
    found = flat(text)
    for name in (unit.name_km, unit.commune.name_km, unit.district.name_km,
                 unit.province.name_km):
        assert name in found, f"{name!r} not found by {extract} (seed {seed})"
    for phrase in (word("poster_heading", "km"), word("standards_met", "km"), "២០២៦"):
        assert phrase in found
    for label in labels(definition, poster=True):
        assert squeezed(label) in squeezed(text), label


@pytest.mark.parametrize("extract", EXTRACTORS)
@pytest.mark.parametrize("kind", ["cs_admin", "health_center", "primary_school"])
def test_blank_form_khmer_is_found_exactly(definitions: dict[str, FormDefinition],
                                           extract: str, kind: str) -> None:
    definition = definitions[kind]
    unit = random_unit(kind, 21)
    data = dataclasses.replace(form_input(definition), unit=unit)
    text = EXTRACTORS[extract](blank_form_pdf(data))
    assert not PRIVATE_USE.search(text)
    found = flat(text)
    assert unit.name_km in found and unit.district.name_km in found
    assert word("form_heading", "km") in found
    assert squeezed(definition.title.km) in squeezed(text)
    for section in definition.sections:
        assert squeezed(section.title.km) in squeezed(text), section.title.km
    for label in labels(definition, poster=False):
        assert squeezed(label) in squeezed(text), label


def test_every_unit_of_a_batch_is_found(definitions: dict[str, FormDefinition]) -> None:
    definition = definitions["primary_school"]
    units = [random_unit("primary_school", seed) for seed in (31, 32, 33)]
    forms = [BlankFormInput(u, 2026, definition, DocumentOptions(printed_on=PRINTED_ON))
             for u in units]
    buffer = io.BytesIO()
    render(forms, buffer)
    found = flat(pdftotext(buffer.getvalue()))
    for unit in units:
        assert unit.name_km in found


def test_english_and_figures_come_out_as_printed(definitions: dict[str, FormDefinition]
                                                 ) -> None:
    definition = definitions["cs_admin"]
    data = poster_input(definition, options=DocumentOptions(language="en",
                                                            printed_on=PRINTED_ON))
    found = flat(pdftotext(poster_pdf(data)))
    assert data.unit.name_en in found
    assert word("standards_met", "en") in found
    assert "2026" in found


def test_actual_text_is_utf16_with_its_byte_order_mark() -> None:
    from common.documents.text import actual_text
    assert actual_text("ក A") == "<FEFF178000200041>"
    # Beyond the basic plane: a surrogate pair, not a lost character.
    assert actual_text("\U0001F600") == "<FEFFD83DDE00>"


def test_every_document_module_draws_text_through_the_searchable_runs() -> None:
    """Text drawn any other way would carry no /ActualText: it could not be found."""
    from pathlib import Path

    import common.documents
    folder = Path(common.documents.__file__).parent
    direct = ("drawString(", "drawCentredString(", "drawRightString(", "Paragraph(",
              "textLine(", "textOut(")
    offenders = [f"{path.name}: {call}" for path in sorted(folder.glob("*.py"))
                 if path.name != "text.py"
                 for call in direct if call in path.read_text(encoding="utf-8")]
    assert offenders == []
