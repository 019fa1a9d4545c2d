"""District and province figures: each poster indicator's average over an area's final
forms, and how many units each average covers.

One computation for everyone who shows an area's figure: the server computes it from its
approved and published forms (`server.data.figures`) for posters, public pages, exports
and the dashboard, and sends it down with the sync, so a commune's laptop shows the same
district figure the district office prints. Plain data, no database: `as_dict` and
`from_dict` carry it over JSON.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from common.forms import FormDefinition, judged_standard, numeric
from common.forms.expressions import Value

#: The statuses whose forms an area's figures are made of: checked by the district, final.
FIGURE_STATUSES: frozenset[str] = frozenset({"approved", "published"})


@dataclass(frozen=True)
class IndicatorFigure:
    """One indicator over an area's final forms that have a value for it."""

    #: The mean: of numbers, of minutes after midnight for a time, of 1/0 for a yes/no
    #: (so the share of units answering yes).
    average: float
    #: How many units' forms have a value for this indicator (what the average covers).
    units: int
    #: How many of them meet the indicator's standard; None when it has none.
    met: int | None = None


@dataclass(frozen=True)
class AreaFigures:
    """An area's figures for one form (service) and year."""

    area_code: str
    year: int
    form_code: str
    #: How many units' final forms the figures are made of.
    units: int = 0
    indicators: Mapping[str, IndicatorFigure] = field(default_factory=dict)

    def average(self, code: str) -> float | None:
        """The average of indicator `code`, or None when no unit has a value for it."""
        figure = self.indicators.get(code)
        return figure.average if figure is not None else None

    def averages(self) -> dict[str, float]:
        """Indicator code -> average (what a poster's average column prints)."""
        return {code: figure.average for code, figure in self.indicators.items()}

    def as_dict(self) -> dict[str, Any]:
        """The figures as JSON-ready data (the API's and the sync's shape)."""
        return {"area_code": self.area_code, "year": self.year, "form_code": self.form_code,
                "units": self.units,
                "indicators": {code: {"average": f.average, "units": f.units, "met": f.met}
                               for code, f in self.indicators.items()}}

    @classmethod
    def from_dict(cls, data: Any) -> AreaFigures:
        """Figures read back from `as_dict`'s shape; ValueError when they are not (a
        figure that is not a finite number, a negative count, a wrong type anywhere)."""
        try:
            indicators = {str(code): IndicatorFigure(_finite(f["average"]), _count(f["units"]),
                                                     None if f.get("met") is None
                                                     else _count(f["met"]))
                          for code, f in dict(data.get("indicators") or {}).items()}
            return cls(str(data["area_code"]), _count(data["year"]), str(data["form_code"]),
                       _count(data["units"]), indicators)
        except (AttributeError, KeyError, TypeError, ValueError) as error:
            raise ValueError(f"not area figures: {error!r}") from error


def _finite(value: Any) -> float:
    number = float(value)
    if isinstance(value, bool) or not math.isfinite(number):
        raise ValueError(f"{value!r} is not a figure")
    return number


def _count(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int | str) or int(value) < 0:
        raise ValueError(f"{value!r} is not a count")
    return int(value)


def area_figures(area_code: str, year: int, definition: FormDefinition,
                 forms: Sequence[Mapping[str, Value]]) -> AreaFigures:
    """The figures of `forms` (each a final form's completed values, as
    `common.forms.compute` gives them) for every poster indicator of `definition`.
    A standard is counted as met whether official or proposed: whoever shows the count
    decides whether to show a proposed standard's."""
    indicators: dict[str, IndicatorFigure] = {}
    for indicator in definition.indicators():
        if not indicator.poster or indicator.personal:
            continue
        values = [v for v in (f.get(indicator.code) for f in forms) if v is not None]
        numbers = [n for n in (numeric(indicator, v) for v in values) if n is not None]
        if not numbers:
            continue
        standard = judged_standard(indicator, proposed=True)
        met = sum(1 for v in values if standard.is_met(v)) if standard is not None else None
        indicators[indicator.code] = IndicatorFigure(sum(numbers) / len(numbers),
                                                     len(numbers), met)
    return AreaFigures(area_code, year, definition.form, len(forms), indicators)
