"""What the navigator shows: the areas and units of the person's scope, and for a year each
unit's form with its status, unsent changes and open conflicts. Read-only queries over the
local store, so screens never hold a session.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import func, select

from client.store.models import UNSENT_STATES, LocalConflict, LocalForm, OutboxOperation
from client.store.repository import LocalStore
from common.geography.models import AdminArea
from common.units.models import ServiceUnit


@dataclass(frozen=True)
class Area:
    """A province, district or commune that holds units of the scope."""

    code: str
    level: str
    name_km: str
    name_en: str
    parent_code: str | None


@dataclass(frozen=True)
class UnitRow:
    """One unit and its form of the year, as a row of the navigator's table."""

    unit_id: str
    code: str
    kind: str
    name_km: str
    name_en: str
    commune_code: str
    form_id: str | None
    status: str | None
    unsent: int
    conflicts: int

    @property
    def reported(self) -> bool:
        """The unit's form reached the district: submitted or further."""
        return self.status in ("submitted", "approved", "published")


def areas(store: LocalStore) -> list[Area]:
    """Provinces, districts and communes that contain a unit on this computer, parents
    first."""
    with store.transaction() as session:
        communes = set(session.scalars(select(ServiceUnit.commune_code)
                                       .where(ServiceUnit.active.is_(True))))
        wanted = {c[:n] for c in communes for n in (2, 4, 6)}
        rows = session.scalars(select(AdminArea).where(AdminArea.code.in_(wanted)))
        found = [Area(a.code, a.level, a.name_km, a.name_en, a.parent_code) for a in rows]
    return sorted(found, key=lambda a: (len(a.code), a.code))


def unit_rows(store: LocalStore, year: int) -> list[UnitRow]:
    """Every active unit on this computer with its form of `year` (if any)."""
    with store.transaction() as session:
        forms = {f.unit_id: f for f in session.scalars(select(LocalForm).where(
            LocalForm.year == year, LocalForm.deleted.is_(False)))}
        form_ids = [f.id for f in forms.values()]
        unsent = dict(session.execute(
            select(OutboxOperation.record_id, func.count())
            .where(OutboxOperation.state.in_(UNSENT_STATES),
                   OutboxOperation.record_id.in_(form_ids))
            .group_by(OutboxOperation.record_id)).tuples().all())
        conflicts = dict(session.execute(
            select(LocalConflict.form_id, func.count())
            .where(LocalConflict.status == "open", LocalConflict.form_id.in_(form_ids))
            .group_by(LocalConflict.form_id)).tuples().all())
        rows = []
        for unit in session.scalars(select(ServiceUnit).where(ServiceUnit.active.is_(True))
                                    .order_by(ServiceUnit.commune_code, ServiceUnit.code)):
            form = forms.get(unit.id)
            rows.append(UnitRow(
                unit_id=unit.id, code=unit.code, kind=unit.kind, name_km=unit.name_km,
                name_en=unit.name_en, commune_code=unit.commune_code,
                form_id=form.id if form else None, status=form.status if form else None,
                unsent=unsent.get(form.id, 0) if form else 0,
                conflicts=conflicts.get(form.id, 0) if form else 0))
    return rows


def years(store: LocalStore, *, around: int) -> list[int]:
    """Years to offer: those with forms on this computer, and `around` with its
    neighbours (the current reporting year and the next)."""
    with store.transaction() as session:
        known = set(session.scalars(select(LocalForm.year).distinct()))
    return sorted(known | {around - 1, around, around + 1}, reverse=True)


def unit_names(store: LocalStore, unit_ids: Iterable[str]) -> dict[str, tuple[str, str, str]]:
    """(code, Khmer name, English name) of each unit asked for that is on this computer."""
    wanted = set(unit_ids)
    if not wanted:
        return {}
    with store.transaction() as session:
        rows = session.execute(select(ServiceUnit.id, ServiceUnit.code, ServiceUnit.name_km,
                                      ServiceUnit.name_en).where(ServiceUnit.id.in_(wanted)))
        return {row.id: (row.code, row.name_km, row.name_en) for row in rows}
