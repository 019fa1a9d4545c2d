"""A one-file batch takes about as much memory for thirty units as for five: units are
loaded and laid out one at a time and finished pages leave memory, so a district's hundred
forms print on a small office computer."""

from __future__ import annotations

import tracemalloc
from dataclasses import replace
from pathlib import Path

from common.documents import BatchItem, PosterInput, blank_form_pdf, poster_pdf, write_batch
from common.forms import FormDefinition
from tests.common.documents.conftest import form_input, poster_input
from tests.common.documents.pages import page_count


def peak_of_batch(definition: FormDefinition, units: int, target: Path) -> int:
    """The most memory Python held while a batch of `units` blank forms was written."""
    items = [BatchItem(f"u{i}", f"unit {i}",
                       lambda i=i: replace(form_input(definition),
                                           unit=replace(form_input(definition).unit,
                                                        code=f"CS{i:06d}")))
             for i in range(units)]
    tracemalloc.start()
    try:
        write_batch(items, target, one_file=True)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_memory_does_not_grow_with_the_number_of_forms(
        definitions: dict[str, FormDefinition], tmp_path: Path) -> None:
    # Two sections of the form: two pages a unit, enough to tell growth, quick to lay out.
    definition = definitions["cs_admin"]
    definition = replace(definition, sections=definition.sections[:2])
    blank_form_pdf(form_input(definition))  # fonts and caches loaded: not what is measured
    few = peak_of_batch(definition, 5, tmp_path / "five.pdf")
    many = peak_of_batch(definition, 30, tmp_path / "thirty.pdf")
    assert page_count((tmp_path / "thirty.pdf").read_bytes()) == 6 * page_count(
        (tmp_path / "five.pdf").read_bytes())
    assert many < 1.5 * few, (few, many)


def test_memory_does_not_grow_with_the_number_of_posters(
        definitions: dict[str, FormDefinition], tmp_path: Path) -> None:
    data = poster_input(definitions["primary_school"], jaap=False)
    poster_pdf(data)  # fonts and caches loaded: not what is measured

    def peak(units: int, target: Path) -> int:
        items = [BatchItem(f"u{i}", f"unit {i}", lambda i=i: poster_of(data, i))
                 for i in range(units)]
        tracemalloc.start()
        try:
            write_batch(items, target, one_file=True)
            return tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()

    few, many = peak(4, tmp_path / "four.pdf"), peak(20, tmp_path / "twenty.pdf")
    assert page_count((tmp_path / "twenty.pdf").read_bytes()) == 20
    assert many < 1.5 * few, (few, many)


def poster_of(data: PosterInput, number: int) -> PosterInput:
    """The poster of another unit (its own code, so its own QR code and page numbers)."""
    return replace(data, unit=replace(data.unit, code=f"PR{number:06d}"))
