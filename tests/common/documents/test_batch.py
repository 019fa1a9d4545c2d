"""Batches: many units into one file or one file per unit, with progress and cancel."""

from __future__ import annotations

from pathlib import Path

import pytest

from common.documents import BatchItem, DocumentCancelled, recording, write_batch
from common.forms import FormDefinition
from common.khmer import to_khmer_digits
from tests.common.documents.conftest import form_input, poster_input
from tests.common.documents.pages import page_count, qr_codes, render
from tests.conftest import form_version


def items(definitions: dict[str, FormDefinition], kinds: list[str | None]) -> list[BatchItem]:
    """Poster items for these kinds (None: a unit with nothing to print)."""
    return [BatchItem(f"unit{i}", f"unit {i}",
                      (lambda kind=kind: None if kind is None else poster_input(
                          definitions[kind], jaap=False)))
            for i, kind in enumerate(kinds)]


def test_one_file_numbers_pages_per_unit_and_reports_progress(
        definitions: dict[str, FormDefinition], tmp_path: Path) -> None:
    seen: list[tuple[int, int, str]] = []
    batch = items(definitions, ["cs_admin", None, "primary_school"])
    with recording() as drawn:
        result = write_batch(batch, tmp_path / "all.pdf", one_file=True,
                             progress=lambda *a: seen.append(a))
    assert drawn.problems() == []
    assert seen == [(1, 3, "unit 0"), (2, 3, "unit 1"), (3, 3, "unit 2")]
    assert result.printed == ("unit0", "unit2") and result.skipped == ("unit1",)
    pdf = (tmp_path / "all.pdf").read_bytes()
    pages = page_count(pdf)
    texts = {t for _, t in drawn.texts}
    # Each poster counts its own pages: "page 1 of N" for both, and nothing of `pages`.
    firsts = [t for t in texts if t.startswith("ទំព័រ ១ នៃ ")]
    assert len(firsts) >= 1 and f"ទំព័រ {to_khmer_digits(pages)} នៃ" not in "".join(texts)
    codes = {c for page in render(pdf, dpi=90) for c in qr_codes(page)}
    assert codes == {
        f"ISAF;unit=CS010201;year=2026;form=cs_admin;v={form_version('cs_admin')}",
        f"ISAF;unit=PR010201;year=2026;form=primary_school;v={form_version('primary_school')}"}


def test_per_unit_files_and_blank_forms(definitions: dict[str, FormDefinition],
                                        tmp_path: Path) -> None:
    batch = [BatchItem(f"form{i}", "", lambda d=d: form_input(d))
             for i, d in enumerate(definitions.values())]
    result = write_batch(batch, tmp_path / "out", one_file=False)
    assert sorted(p.name for p in result.files) == ["form0.pdf", "form1.pdf", "form2.pdf"]
    assert all(page_count(p.read_bytes()) >= 2 for p in result.files)


def test_cancel_stops_and_writes_nothing(definitions: dict[str, FormDefinition],
                                         tmp_path: Path) -> None:
    batch = items(definitions, ["cs_admin", "cs_admin", "cs_admin"])
    calls: list[int] = []

    def progress(done: int, total: int, label: str) -> bool:
        calls.append(done)
        return done < 2
    with pytest.raises(DocumentCancelled):
        write_batch(batch, tmp_path / "all.pdf", one_file=True, progress=progress)
    assert calls == [1, 2] and not (tmp_path / "all.pdf").exists()


def test_a_file_holds_one_kind_of_document(definitions: dict[str, FormDefinition],
                                           tmp_path: Path) -> None:
    definition = definitions["cs_admin"]
    batch = [BatchItem("a", "", lambda: poster_input(definition)),
             BatchItem("b", "", lambda: form_input(definition))]
    with pytest.raises(TypeError):
        write_batch(batch, tmp_path / "mixed.pdf", one_file=True)
