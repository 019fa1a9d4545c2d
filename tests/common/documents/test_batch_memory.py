"""A one-file batch takes about as much memory for thirty units as for five: units are
loaded and laid out one at a time and finished pages leave memory, so a district's hundred
forms print on a small office computer."""

from __future__ import annotations

import tracemalloc
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from common.documents import BatchItem, blank_form_pdf, poster_pdf, write_batch
from common.documents.batch import DocumentInput
from common.forms import FormDefinition
from tests.common.documents.conftest import form_input, poster_input
from tests.common.documents.pages import page_count


def peak_of_batch(inputs: Sequence[DocumentInput], target: Path) -> int:
    """The most memory Python held while a batch of these units' documents was written
    (each input handed over only when its unit's turn comes, as a batch loads them)."""
    items = [BatchItem(f"u{i}", f"unit {i}", lambda data=data: data)
             for i, data in enumerate(inputs)]
    tracemalloc.start()
    try:
        write_batch(items, target, one_file=True)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def unit_numbered(data: DocumentInput, number: int) -> DocumentInput:
    """The same document for another unit (its own code: its own QR code and page
    numbers)."""
    return replace(data, unit=replace(data.unit, code=f"{data.unit.code[:2]}{number:06d}"))


def test_memory_does_not_grow_with_the_number_of_forms(
        definitions: dict[str, FormDefinition], tmp_path: Path) -> None:
    # Two sections of the form: two pages a unit, enough to tell growth, quick to lay out.
    definition = definitions["cs_admin"]
    definition = replace(definition, sections=definition.sections[:2])
    blank_form_pdf(form_input(definition))  # fonts and caches loaded: not what is measured
    form = form_input(definition)
    few = peak_of_batch([unit_numbered(form, i) for i in range(5)], tmp_path / "five.pdf")
    many = peak_of_batch([unit_numbered(form, i) for i in range(30)], tmp_path / "thirty.pdf")
    assert page_count((tmp_path / "thirty.pdf").read_bytes()) == 6 * page_count(
        (tmp_path / "five.pdf").read_bytes())
    assert many < 1.5 * few, (few, many)


def test_memory_does_not_grow_with_the_number_of_posters(
        definitions: dict[str, FormDefinition], tmp_path: Path) -> None:
    data = poster_input(definitions["primary_school"], jaap=False)
    poster_pdf(data)  # fonts and caches loaded: not what is measured

    few = peak_of_batch([unit_numbered(data, i) for i in range(4)], tmp_path / "four.pdf")
    many = peak_of_batch([unit_numbered(data, i) for i in range(20)], tmp_path / "twenty.pdf")
    assert page_count((tmp_path / "twenty.pdf").read_bytes()) == 20
    assert many < 1.5 * few, (few, many)

