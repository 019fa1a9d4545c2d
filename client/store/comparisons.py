"""What the Post-on compares a form with: the same unit's form of the year before, and the
other units of the same district for the same year, from what this computer holds.

Read-only queries over the local store; the values of each form are completed (totals,
computed indicators) with the shared engine, so a comparison reads the same figures a
poster would print. No Qt here.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select

from client.store.models import LocalForm, LocalValue
from client.store.repository import LocalStore
from common.forms import Indicator, compute, judged_standard, numeric
from common.forms.expressions import Value
from common.geography.models import LEVELS
from common.units.models import ServiceUnit


@dataclass(frozen=True)
class Comparison:
    """The figures a form's Post-on is set against."""

    year: int
    #: Completed values of the unit's form of `year - 1`; None when this computer has none.
    previous: Mapping[str, Value] | None = None
    district_code: str = ""
    #: Completed values of the other units' forms of the district for `year`.
    others: Sequence[Mapping[str, Value]] = field(default_factory=tuple)


@dataclass(frozen=True)
class DistrictFigure:
    """One indicator over the district's forms that have a value for it."""

    #: The mean: of numbers, of minutes after midnight for a time, of 1/0 for a yes/no
    #: (so the share of units answering yes).
    average: float
    units: int
    #: How many of those units meet the standard (None when there is no standard).
    met: int | None


def comparison(store: LocalStore, form_id: str) -> Comparison | None:
    """The comparison for a form, or None when the form is not on this computer."""
    with store.transaction() as session:
        form = session.get(LocalForm, form_id)
        if form is None:
            return None
        unit = session.get(ServiceUnit, form.unit_id)
        district = unit.commune_code[:LEVELS["district"]] if unit else ""
        previous = session.scalars(select(LocalForm).where(
            LocalForm.unit_id == form.unit_id, LocalForm.year == form.year - 1,
            LocalForm.form_code == form.form_code, LocalForm.deleted.is_(False))).first()
        others: list[LocalForm] = []
        if district:
            others = list(session.scalars(
                select(LocalForm).join(ServiceUnit, ServiceUnit.id == LocalForm.unit_id)
                .where(ServiceUnit.commune_code.startswith(district, autoescape=True),
                       LocalForm.year == form.year, LocalForm.form_code == form.form_code,
                       LocalForm.deleted.is_(False), LocalForm.unit_id != form.unit_id)))
        wanted = [f for f in [previous, *others] if f is not None]
        entered: dict[str, dict[str, Any]] = defaultdict(dict)
        if wanted:
            rows = session.execute(select(LocalValue.form_id, LocalValue.field, LocalValue.value)
                                   .where(LocalValue.form_id.in_([f.id for f in wanted]),
                                          LocalValue.value.is_not(None)))
            for row_form, key, value in rows:
                entered[row_form][key] = value
        headers = [(f.id, f.form_code, f.definition_version) for f in wanted]
    completed = {}
    for row_form, code, version in headers:
        definition = store.definition(code, version)
        values = entered.get(row_form, {})
        completed[row_form] = compute(definition, values) if definition else dict(values)
    return Comparison(
        year=form.year,
        previous=completed[previous.id] if previous is not None else None,
        district_code=district,
        others=tuple(completed[f.id] for f in others))


def district_figure(indicator: Indicator, own: Value, others: Sequence[Mapping[str, Value]],
                    *, proposed: bool = True) -> DistrictFigure | None:
    """The district's average of an indicator over this unit's value (as it stands now)
    and the other units' saved ones; None when no other unit has a value. How many units
    meet its standard is counted unless the standard is proposed and `proposed` is
    False."""
    values = [v for v in (o.get(indicator.code) for o in others) if v is not None]
    if not values:
        return None
    if own is not None:
        values.append(own)
    numbers = [n for n in (numeric(indicator, v) for v in values) if n is not None]
    if not numbers:
        return None
    met = None
    standard = judged_standard(indicator, proposed=proposed)
    if standard is not None:
        met = sum(1 for v in values if standard.is_met(v))
    return DistrictFigure(sum(numbers) / len(numbers), len(numbers), met)
