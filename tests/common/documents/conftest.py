"""Inputs for the document tests: the real form definitions, a unit with hard Khmer names,
and believable values (the demo generator, seeded)."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Mapping
from typing import Any

import pytest

from common.documents import (
    BlankFormInput,
    DocumentOptions,
    JaapAction,
    Place,
    PosterInput,
    UnitIdentity,
)
from common.figures import area_figures
from common.forms import FormDefinition, compute, load_definitions, validate
from server.cli import FORMS_DIR
from server.demo_values import demo_values

PRINTED_ON = dt.date(2026, 3, 15)
#: A unit whose names hold stacked subscripts and a long unspaced phrase.
UNIT = UnitIdentity(
    code="HC010201", kind="health_center",
    name_km="មណ្ឌលសុខភាពក្រសួងសុខាភិបាលស្ត្រីនិងកុមារបន្ទាយនាង",
    name_en="Banteay Neang Health Center",
    commune=Place("010201", "បន្ទាយនាង", "Banteay Neang", "commune"),
    district=Place("0102", "មង្គលបូរី", "Mongkol Borei", "district"),
    province=Place("01", "បន្ទាយមានជ័យ", "Banteay Meanchey", "province"))


@pytest.fixture(scope="session")
def definitions() -> dict[str, FormDefinition]:
    """The three real definitions, by form code."""
    return {d.form: d for d in load_definitions(FORMS_DIR)}


def completed(definition: FormDefinition, seed: int) -> dict[str, Any]:
    """A complete form's values with totals and computed indicators."""
    values = demo_values(definition, random.Random(seed))
    return compute(definition, validate(definition, values).values)


def unit_for(kind: str) -> UnitIdentity:
    """The test unit as a unit of `kind`."""
    return UnitIdentity(**{**UNIT.__dict__, "kind": kind, "code": f"{kind[:2].upper()}010201"})


def poster_input(definition: FormDefinition, *, options: DocumentOptions | None = None,
                 jaap: bool = True, status: str = "published",
                 values: Mapping[str, Any] | None = None) -> PosterInput:
    """A poster's input with last year's values, a district of five and a JAAP action."""
    district = [completed(definition, seed) for seed in range(5)]
    return PosterInput(
        unit=unit_for(definition.form), year=2026, definition=definition,
        values=values if values is not None else district[0], status=status,
        last_year=completed(definition, 99), district_average=area_figures(
            "0102", 2026, definition, district).averages(), district_units=len(district),
        jaap_actions=[JaapAction("ជួសជុលបង្គន់អនាម័យសម្រាប់ស្ត្រីនិងកុមារនៅមណ្ឌលសុខភាព",
                                 "Repair the toilets", "គណៈកម្មការគ្រប់គ្រងមណ្ឌលសុខភាព",
                                 "០១/២០២៦ - ០៦/២០២៦", "កំពុងអនុវត្ត")] if jaap else None,
        options=options or DocumentOptions(printed_on=PRINTED_ON))


def form_input(definition: FormDefinition, options: DocumentOptions | None = None
               ) -> BlankFormInput:
    """A blank form's input for the test unit."""
    return BlankFormInput(unit_for(definition.form), 2026, definition,
                          options or DocumentOptions(printed_on=PRINTED_ON))
