"""Many units' documents at once: a district's posters in one file, or one file per unit,
with progress reported after each unit and a way to cancel.

The caller (server or client) gives one `BatchItem` per unit, whose `load` gathers that
unit's input only when its turn comes. A one-file batch streams: each unit is loaded
when the layout reaches it, its pages finished when the next unit starts, and the file
written beside the target and moved into place at the end, so the memory a batch takes
does not grow with the number of units and a cancelled or failed batch writes nothing.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from common.documents.blank_form import build_forms
from common.documents.data import BlankFormInput, DocumentCancelled, PosterInput, Progress
from common.documents.poster import build_posters
from common.files import replacing, write_bytes_atomic

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


def render(items: Iterable[DocumentInput], target: str | Path | BinaryIO) -> None:
    """Write posters or blank forms (all of one kind) into one PDF. Blank forms are laid
    out as `items` yields them (a generator may load them one at a time)."""
    rest = iter(items)
    first = next(rest, None)
    if first is None:
        raise ValueError("nothing to print")
    # Each builder checks, as the items come, that every one is of its kind.
    if isinstance(first, BlankFormInput):
        build_forms(_chain(first, rest), target)  # type: ignore[arg-type]  # checked there
    else:
        build_posters(_chain(first, rest), target)  # type: ignore[arg-type]  # checked there


def _chain(first: DocumentInput, rest: Iterator[DocumentInput]) -> Iterator[DocumentInput]:
    """The first item, then the rest, read only as the layout asks for them."""
    yield first
    yield from rest


def _tell(progress: Progress | None, done: int, total: int, label: str) -> None:
    if progress is not None and progress(done, total, label) is False:
        raise DocumentCancelled("cancelled")


def _loaded(items: Sequence[BatchItem], progress: Progress | None, printed: list[str],
            skipped: list[str]) -> Iterator[DocumentInput]:
    """Each unit's input, loaded when asked for; progress told after each load (a unit
    with nothing to print is skipped and told too)."""
    for done, item in enumerate(items, start=1):
        data = item.load()
        if data is None:
            skipped.append(item.name)
        else:
            printed.append(item.name)
        _tell(progress, done, len(items), item.label)
        if data is not None:
            yield data


def write_batch(items: Sequence[BatchItem], out: str | Path, *, one_file: bool,
                progress: Progress | None = None) -> BatchResult:
    """Print every item: into the file `out` (one_file), or into the folder `out`, one
    file per unit named after the item. `progress(done, total, label)` is called after each
    unit; returning False cancels, and a cancelled one-file batch writes nothing."""
    out = Path(out)
    printed: list[str] = []
    skipped: list[str] = []
    files: list[Path] = []
    if one_file:
        inputs = _loaded(items, progress, printed, skipped)
        first = next(inputs, None)
        if first is not None:
            # Loading the rest happens inside the layout; a cancel or an error there
            # leaves the temporary file, which `replacing` removes.
            with replacing(out) as temporary, open(temporary, "wb") as file:
                render(_chain(first, inputs), file)
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
        _tell(progress, done, len(items), item.label)
    return BatchResult(tuple(files), tuple(printed), tuple(skipped))


__all__ = ["BatchItem", "BatchResult", "render", "write_batch"]
