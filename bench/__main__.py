"""Run every benchmark, print a table, and write bench/results.json (merged into the
figures already there when only some benchmarks run)."""

from __future__ import annotations

import importlib
import json
import platform
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench.figures import Figure

HERE = Path(__file__).resolve().parent


def main(selected: list[str]) -> int:
    """Run the benchmark modules (all, or those whose name contains an argument)."""
    figures: list[Figure] = []
    modules: dict[str, list[Figure]] = {}
    for path in sorted(HERE.glob("bench_*.py")):
        if selected and not any(s in path.stem for s in selected):
            continue
        print(f"running {path.stem} ...", file=sys.stderr, flush=True)
        modules[path.stem] = importlib.import_module(f"bench.{path.stem}").run()
        figures.extend(modules[path.stem])
    print(f"{'benchmark':<58} {'value':>10} {'unit':<5} {'target':<12} {'baseline':>9} "
          f"{'ratio':>6}")
    for f in figures:
        baseline = f"{f.baseline:.3f}" if f.baseline is not None else "-"
        ratio = f"{f.ratio:.2f}" if f.ratio is not None else "-"
        verdict = {True: "ok", False: "MISSED", None: ""}[f.meets_target]
        print(f"{f.name:<58} {f.value:>10.3f} {f.unit:<5} {f.target:<12} {baseline:>9} "
              f"{ratio:>6} {verdict}")
    write_results(HERE / "results.json", modules, everything=not selected)
    return 0


def write_results(path: Path, modules: dict[str, list[Figure]], *, everything: bool) -> None:
    """Write the figures of the modules run (module name -> figures) to `path`, each with
    its module and when it was measured. A run of some modules only keeps the figures
    already in the file that those modules did not measure again (matched by module, and
    by figure name for a file written before figures named their module), so a partial
    run never erases the others; a full run replaces the file."""
    now = datetime.now(UTC).isoformat(timespec="seconds")
    machine = {"python": platform.python_version(), "platform": platform.platform(),
               "processor": platform.processor() or platform.machine()}
    fresh = [{**f.as_dict(), "module": module, "when": now}
             for module, figures in modules.items() for f in figures]
    kept: list[dict[str, Any]] = []
    if not everything and path.exists():
        try:
            old = json.loads(path.read_text(encoding="utf-8"))
            names = {f["name"] for f in fresh}
            # A module that measured nothing (skipped: no PostgreSQL, say) leaves its
            # earlier figures in place.
            measured = {module for module, figures in modules.items() if figures}
            kept = [{"when": old.get("when"), **f} for f in old.get("figures", [])
                    if isinstance(f, dict) and f.get("module") not in measured
                    and f.get("name") not in names]
        except (OSError, ValueError, AttributeError):
            kept = []  # an unreadable file is replaced, not merged
    results = {"when": now, "machine": machine, "figures": kept + fresh}
    path.write_text(json.dumps(results, indent=2), encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
