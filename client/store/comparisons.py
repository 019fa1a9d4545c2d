"""What the Post-on and the desktop poster compare a form with: the same unit's form of
the year before, and the district's figures for the same year.

The district's figures are the server's (`common.figures.AreaFigures`, over its approved
and published forms), received with the sync and kept in the store's state
(`keep_synced_figures`), so a commune's laptop shows the district the district office
prints. A laptop that never received them falls back to the approved and published forms
of the district it holds itself, and says so. The values of each local form are completed
(totals, computed indicators) with the shared engine, so a comparison reads the same
figures a poster would print. No Qt here.
"""

from __future__ import annotations

import json
import logging
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select

from client.store.models import LocalForm, LocalValue
from client.store.repository import LocalStore
from common.figures import FIGURE_STATUSES, AreaFigures
from common.forms import Indicator, compute, judged_standard, numeric
from common.forms.expressions import Value
from common.geography.models import LEVELS
from common.units.models import ServiceUnit

log = logging.getLogger(__name__)

#: The store's state key of the server's figures (JSON: `computed_at` and `figures`).
SYNCED_FIGURES = "area_figures"


@dataclass(frozen=True)
class SyncedFigures:
    """An area's figures as the server computed them, and when."""

    figures: AreaFigures
    #: When the server computed them (UTC).
    computed_at: datetime


@dataclass(frozen=True)
class Comparison:
    """The figures a form's Post-on is set against."""

    year: int
    #: Completed values of the unit's form of `year - 1`; None when this computer has none.
    previous: Mapping[str, Value] | None = None
    district_code: str = ""
    #: Completed values of the other units' approved and published forms of the district
    #: for `year` on this computer (the fallback when `synced` is None).
    others: Sequence[Mapping[str, Value]] = field(default_factory=tuple)
    #: The server's figures of the district for the year and service, when received.
    synced: SyncedFigures | None = None
    #: Whether the form itself is approved or published (so counts in the district's).
    final: bool = False


@dataclass(frozen=True)
class DistrictFigure:
    """One indicator over the district's final forms that have a value for it."""

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
                       LocalForm.status.in_(sorted(FIGURE_STATUSES)),
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
        others=tuple(completed[f.id] for f in others),
        synced=synced_figures(store, district, form.year, form.form_code) if district else None,
        final=form.status in FIGURE_STATUSES)


def keep_synced_figures(store: LocalStore, answer: Mapping[str, Any]) -> int:
    """Keep the server's figures (`GET /api/v1/figures/mine`'s answer) in place of the
    ones kept before; how many areas' figures were kept. ValueError when the answer is not
    such figures: the old ones are then kept."""
    try:
        computed_at = datetime.fromisoformat(str(answer["computed_at"]))
        figures = [AreaFigures.from_dict(item) for item in answer["figures"]]
    except (AttributeError, KeyError, TypeError, ValueError) as error:
        raise ValueError(f"not the server's figures: {error}") from error
    store.set_state(SYNCED_FIGURES, json.dumps({
        "computed_at": computed_at.isoformat(timespec="seconds"),
        "figures": [f.as_dict() for f in figures]}))
    return len(figures)


def synced_figures(store: LocalStore, area_code: str, year: int,
                   form_code: str) -> SyncedFigures | None:
    """The server's figures of an area for a year and service, as last received; None
    when this computer never received them."""
    kept = store.get_state(SYNCED_FIGURES)
    if not kept:
        return None
    try:
        data = json.loads(kept)
        computed_at = datetime.fromisoformat(data["computed_at"])
        for item in data["figures"]:
            if (item.get("area_code"), item.get("year"), item.get("form_code")) == \
                    (area_code, year, form_code):
                return SyncedFigures(AreaFigures.from_dict(item), computed_at)
    except (KeyError, TypeError, ValueError) as error:
        # Kept by this program, so never expected; the local fallback still works.
        log.warning("the kept district figures cannot be read: %s", error)
    return None


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


def synced_figure(indicator: Indicator, figures: AreaFigures, *,
                  proposed: bool = True) -> DistrictFigure | None:
    """An indicator's figure from the server's district figures; None when no unit has a
    value. The count of units meeting the standard is left out when the standard is not
    judged (a proposed one with `proposed` False)."""
    figure = figures.indicators.get(indicator.code)
    if figure is None:
        return None
    judged = judged_standard(indicator, proposed=proposed) is not None
    return DistrictFigure(figure.average, figure.units, figure.met if judged else None)
