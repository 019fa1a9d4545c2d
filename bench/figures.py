"""What a benchmark reports: one figure, its target, and the baseline it is compared with."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any


@dataclass(frozen=True)
class Figure:
    """One measured figure. `ratio` is value / baseline when a baseline was measured."""

    name: str
    value: float
    unit: str
    target: str
    baseline: float | None = None
    baseline_name: str | None = None
    meets_target: bool | None = None

    @property
    def ratio(self) -> float | None:
        """How many times the baseline the value is."""
        return None if not self.baseline else self.value / self.baseline

    def as_dict(self) -> dict[str, Any]:
        """Plain data for bench/results.json."""
        return {**asdict(self), "ratio": self.ratio}


def best_of(repeats: int, work: Callable[[], object]) -> float:
    """The fastest of `repeats` runs of `work`, in seconds: the least disturbed by a shared
    machine's other load."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)
