"""Printed documents (targets: docs/BENCHMARKS.md): one I4C poster with Khmer text and charts
<= 0.5 s; a district batch of about 60 units' posters into one file <= 20 s; the peak memory
of a district's blank forms in one file (10, 50 and 100 forms) <= 150 MB and flat.

Memory is the peak resident size of a child process that prints one batch (a child per
batch size, so an earlier batch's memory does not count in a later one).

The inputs are made in memory (no database: the figure is the builders'): the real form
definitions, demo figures for each unit (seeded), last year's form, a district of 60
units' forms for the averages, and one JAAP action. A district is mixed as the field is:
8 communes, each with its commune administration, a health center (most of them) and six
primary schools, so 60 units.

Each figure is measured cold (every shaping, word-break and glyph-check cache emptied
first, as for the first poster printed after start-up) and compared with a baseline
measured in the same run: the same documents drawn in English with shaping switched off
(plain `canvas.drawString` of unshaped Latin text, widths from the font's metrics), which
is what ReportLab costs without Khmer.
"""

from __future__ import annotations

import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

from reportlab.pdfbase import pdfmetrics

from bench.figures import Figure
from common.documents import (
    BatchItem,
    BlankFormInput,
    DocumentOptions,
    JaapAction,
    Place,
    PosterInput,
    UnitIdentity,
    poster_pdf,
    segment,
    text,
    write_batch,
)
from common.figures import area_figures
from common.forms import FormDefinition, compute, load_definitions, validate
from common.forms.expressions import Value
from server.cli import FORMS_DIR
from server.demo_values import demo_values

DISTRICT_UNITS = 60


def _values(definition: FormDefinition, seed: int) -> dict[str, Value]:
    values = demo_values(definition, random.Random(seed), size=0.6 + (seed % 10) / 10)
    return compute(definition, validate(definition, values).values)


def _posters(language: str) -> list[PosterInput]:
    definitions = {d.form: d for d in load_definitions(FORMS_DIR)}
    kinds = []
    for commune in range(8):
        kinds.append(("cs_admin", commune))
        if commune % 5 != 4:
            kinds.append(("health_center", commune))
        kinds += [("primary_school", commune)] * 6
    kinds = kinds[:DISTRICT_UNITS]
    current = {i: _values(definitions[k], i) for i, (k, _) in enumerate(kinds)}
    # The district's figures as the server computes them (every unit's form final here).
    figures = {form: area_figures("0102", 2026, d, [current[i] for i, (k, _) in
                                                    enumerate(kinds) if k == form])
               for form, d in definitions.items()}
    district = Place("0102", "មង្គលបូរី", "Mongkol Borei", "district")
    province = Place("01", "បន្ទាយមានជ័យ", "Banteay Meanchey", "province")
    posters = []
    for i, (kind, commune) in enumerate(kinds):
        place = Place(f"0102{commune + 1:02d}", f"ឃុំទី{commune + 1}ស្រះរាំង",
                      f"Commune {commune + 1}", "commune")
        unit = UnitIdentity(f"{kind[:2].upper()}0102{commune + 1:02d}{i:02d}", kind,
                            f"អង្គភាពក្រសួងសុខាភិបាលស្ត្រីលេខ{i}", f"Unit {i}", place,
                            district, province)
        posters.append(PosterInput(
            unit=unit, year=2026, definition=definitions[kind], values=current[i],
            last_year=_values(definitions[kind], 1000 + i),
            district_average=figures[kind].averages(), district_units=figures[kind].units,
            jaap_actions=[JaapAction("ជួសជុលបង្គន់អនាម័យសម្រាប់ស្ត្រីនិងកុមារ",
                                     "Repair the toilets", "គណៈកម្មការ", "០១/២០២៦", "")],
            options=DocumentOptions(language=language)))  # type: ignore[arg-type]
    return posters


def _clear_caches() -> None:
    if hasattr(text.shaped, "cache_clear"):  # not the unshaped stand-in
        text.shaped.cache_clear()
    text.check_text.cache_clear()
    segment._words.cache_clear()


@contextmanager
def _unshaped() -> Iterator[None]:
    """Draw without HarfBuzz: plain strings measured by the font's metrics."""
    original = text.shaped

    def plain(value: str, font: str, size: float) -> tuple[str, float]:
        return value, pdfmetrics.stringWidth(value, font, size)

    text.shaped = plain  # type: ignore[assignment]
    try:
        yield
    finally:
        text.shaped = original


def _cold(work: Callable[[], object], repeats: int) -> float:
    """The fastest of `repeats` runs, each with every text cache emptied first."""
    times = []
    for _ in range(repeats):
        _clear_caches()
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def _batch(posters: list[PosterInput], target: Path) -> None:
    items = [BatchItem(p.unit.code, p.unit.code, lambda p=p: p) for p in posters]
    write_batch(items, target, one_file=True)


def _one_file(document: str, units: int, target: Path) -> None:
    """A district's blank forms or posters (the mix of `_posters`), `units` of them, in
    one file."""
    posters = _posters("km")
    chosen = (posters * (units // len(posters) + 1))[:units]
    inputs: list[PosterInput | BlankFormInput] = (
        list(chosen) if document == "poster" else
        [BlankFormInput(p.unit, p.year, p.definition, p.options) for p in chosen])
    items = [BatchItem(f"u{i}", f"u{i}", lambda d=d: d) for i, d in enumerate(inputs)]
    write_batch(items, target, one_file=True)


def _peak_rss(document: str, units: int) -> float:
    """The peak resident memory (MB) of a child process printing `units` documents."""
    with tempfile.TemporaryDirectory() as folder:
        result = subprocess.run(
            [sys.executable, "-m", "bench.bench_documents", document, str(units),
             str(Path(folder) / "batch.pdf")], capture_output=True, text=True, check=True,
            cwd=Path(__file__).resolve().parents[1])
    return float(result.stdout.split()[-1])


def memory() -> list[Figure]:
    """Peak memory of 10, 50 and 100 blank forms, and of 10 and 60 posters, in one file;
    each against the smallest batch of its kind."""
    figures = []
    for document, sizes in (("form", (10, 50, 100)), ("poster", (10, 60))):
        peaks = {units: _peak_rss(document, units) for units in sizes}
        first = peaks[sizes[0]]
        figures += [Figure(f"documents: {units} {document}s in one file, peak memory", peak,
                           "MB", "<= 150 MB", first, f"{sizes[0]} {document}s",
                           peak <= 150 and peak <= 1.2 * first)
                    for units, peak in peaks.items()]
    return figures


def run() -> list[Figure]:
    """One health-center poster and a district batch of 60 posters, shaped Khmer against
    unshaped English."""
    folder = Path(tempfile.mkdtemp())
    khmer = _posters("km")
    english = _posters("en")
    one_km = next(p for p in khmer if p.definition.form == "health_center")
    one_en = replace(one_km, options=DocumentOptions(language="en"))
    poster_pdf(one_km)  # fonts registered, modules imported: not what is measured
    poster = _cold(lambda: poster_pdf(one_km), 5)
    batch = _cold(lambda: _batch(khmer, folder / "km.pdf"), 2)
    with _unshaped():
        poster_base = _cold(lambda: poster_pdf(one_en), 5)
        batch_base = _cold(lambda: _batch(english, folder / "en.pdf"), 2)
    shutil.rmtree(folder, ignore_errors=True)
    return [
        Figure("documents: one I4C poster (health center, Khmer, A3)", poster, "s",
               "<= 0.5 s", poster_base, "same poster, English, unshaped", poster <= 0.5),
        Figure(f"documents: district batch, {len(khmer)} posters, one file", batch, "s",
               "<= 20 s", batch_base, "same batch, English, unshaped", batch <= 20),
        *memory(),
    ]


if __name__ == "__main__":  # the child of `_peak_rss`: form|poster, units, target
    _one_file(sys.argv[1], int(sys.argv[2]), Path(sys.argv[3]))
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
