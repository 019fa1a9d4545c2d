"""Run every benchmark, print a table, and write bench/results.json."""

from __future__ import annotations

import importlib
import json
import platform
import sys
from datetime import UTC, datetime
from pathlib import Path

from bench.figures import Figure

HERE = Path(__file__).resolve().parent


def main(selected: list[str]) -> int:
    """Run the benchmark modules (all, or those whose name contains an argument)."""
    figures: list[Figure] = []
    for path in sorted(HERE.glob("bench_*.py")):
        if selected and not any(s in path.stem for s in selected):
            continue
        print(f"running {path.stem} ...", file=sys.stderr, flush=True)
        figures.extend(importlib.import_module(f"bench.{path.stem}").run())
    print(f"{'benchmark':<58} {'value':>10} {'unit':<5} {'target':<12} {'baseline':>9} "
          f"{'ratio':>6}")
    for f in figures:
        baseline = f"{f.baseline:.3f}" if f.baseline is not None else "-"
        ratio = f"{f.ratio:.2f}" if f.ratio is not None else "-"
        verdict = {True: "ok", False: "MISSED", None: ""}[f.meets_target]
        print(f"{f.name:<58} {f.value:>10.3f} {f.unit:<5} {f.target:<12} {baseline:>9} "
              f"{ratio:>6} {verdict}")
    results = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {"python": platform.python_version(), "platform": platform.platform(),
                    "processor": platform.processor() or platform.machine()},
        "figures": [f.as_dict() for f in figures],
    }
    (HERE / "results.json").write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
