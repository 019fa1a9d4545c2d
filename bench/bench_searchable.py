"""What searchable text costs a poster: the time to render one health center's I4C poster
(A3, Khmer, one JAAP action: the documents bench's) with every shaped run carrying its
/ActualText, against the same poster drawn without it, in the same run (target: at most
1.2 times).

Both are rendered REPEATS times, alternating, and the best of each is kept: shaping is
cached across renders in both cases, as it is in a batch.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from bench.bench_documents import _posters
from bench.figures import Figure, best_of
from common.documents import poster_pdf
from common.documents import text as text_module

REPEATS = 7


@contextmanager
def _without_actual_text() -> Iterator[None]:
    """Draw runs as plain shaped strings, as before they carried their text."""
    searchable = text_module._draw_run

    def plain(canvas, x, y, line, text, mode):  # type: ignore[no-untyped-def]
        canvas.drawString(x, y, line, mode=mode or None)

    text_module._draw_run = plain
    try:
        yield
    finally:
        text_module._draw_run = searchable


def run() -> list[Figure]:
    """Render the poster with and without /ActualText, REPEATS times each, alternating."""
    data = next(p for p in _posters("km") if p.unit.kind == "health_center")
    poster_pdf(data)  # warm the fonts and the shaping cache for both
    with_text, without = [], []
    for _ in range(REPEATS):
        with_text.append(best_of(1, lambda: poster_pdf(data)))
        with _without_actual_text():
            without.append(best_of(1, lambda: poster_pdf(data)))
    searchable, plain = min(with_text), min(without)
    size_with = len(poster_pdf(data))
    with _without_actual_text():
        size_without = len(poster_pdf(data))
    return [
        Figure("poster: render with searchable Khmer (/ActualText)", searchable * 1000, "ms",
               "<= 1.2x", plain * 1000, "the same poster without /ActualText",
               searchable <= 1.2 * plain),
        Figure("poster: PDF size with searchable Khmer", size_with / 1024, "KB", "-",
               size_without / 1024, "the same poster without /ActualText"),
    ]


if __name__ == "__main__":
    for figure in run():
        print(figure)
