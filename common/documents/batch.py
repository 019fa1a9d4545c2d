"""Many units' documents at once: a district's posters in one file, or one file per unit,
with progress reported after each unit and a way to cancel.

The caller (server or client) gives one `BatchItem` per unit, whose `load` gathers that
unit's input only when its turn comes, so memory stays flat and progress moves while data
is read as well as while pages are drawn.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from common.documents.blank_form import build_forms
from common.documents.data import BlankFormInput, DocumentCancelled, PosterInput, Progress
from common.documents.poster import build_posters
from common.files import write_bytes_atomic

DocumentInput = PosterInput | BlankFormInput


@dataclass(frozen=True)
class BatchItem:
    """One unit of a batch: a file name stem, words for the progress display, and how to
    gather its input (None when the unit has nothing to print: it is skipped)."""

    name: str
    label: str
    load: Callable[[], DocumentInput | None]


@dataclass(frozen=True)
class BatchResult:
    """What a batch wrote, and which units had nothing to print."""

    files: tuple[Path, ...]
    printed: tuple[str, ...]
    skipped: tuple[str, ...]


def render(items: Sequence[DocumentInput], target: str | Path | io.BytesIO) -> None:
    """Write posters or blank forms (all of one kind) into one PDF."""
    posters = [i for i in items if isinstance(i, PosterInput)]
    forms = [i for i in items if isinstance(i, BlankFormInput)]
    if len(posters) == len(items):
        build_posters(posters, target)
    elif len(forms) == len(items):
        build_forms(forms, target)
    else:
        raise TypeError("a file holds posters or blank forms, not both")


def _tell(progress: Progress | None, done: int, total: int, label: str) -> None:
    if progress is not None and progress(done, total, label) is False:
        raise DocumentCancelled("cancelled")


def write_batch(items: Sequence[BatchItem], out: str | Path, *, one_file: bool,
                progress: Progress | None = None) -> BatchResult:
    """Print every item: into the file `out` (one_file), or into the folder `out`, one
    file per unit named after the item. `progress(done, total, label)` is called after each
    unit; returning False cancels, and a cancelled one-file batch writes nothing."""
    out = Path(out)
    total = len(items)
    printed: list[str] = []
    skipped: list[str] = []
    files: list[Path] = []
    if one_file:
        inputs: list[DocumentInput] = []
        for done, item in enumerate(items, start=1):
            data = item.load()
            if data is None:
                skipped.append(item.name)
            else:
                inputs.append(data)
                printed.append(item.name)
            _tell(progress, done, total, item.label)
        if inputs:
            buffer = io.BytesIO()
            render(inputs, buffer)
            write_bytes_atomic(out, buffer.getvalue())
            files.append(out)
        return BatchResult(tuple(files), tuple(printed), tuple(skipped))
    out.mkdir(parents=True, exist_ok=True)
    for done, item in enumerate(items, start=1):
        data = item.load()
        if data is None:
            skipped.append(item.name)
        else:
            buffer = io.BytesIO()
            render([data], buffer)
            path = out / f"{item.name}.pdf"
            write_bytes_atomic(path, buffer.getvalue())
            files.append(path)
            printed.append(item.name)
        _tell(progress, done, total, item.label)
    return BatchResult(tuple(files), tuple(printed), tuple(skipped))


__all__ = ["BatchItem", "BatchResult", "render", "write_batch"]
