"""The server's side of printing: gather a unit's document input from the database.

The builders (`common.documents`) draw; this module only reads: the unit and its places,
the published definition, the form's completed values, last year's, and the district's
for the averages. A district batch reads each district's forms once (`DistrictCache`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from common.documents import (
    BatchItem,
    BlankFormInput,
    DocumentOptions,
    JaapAction,
    Place,
    PosterInput,
    UnitIdentity,
    district_averages,
)
from common.documents.data import FINAL_STATUSES
from common.geography.models import AdminArea
from common.units.models import ServiceUnit
from server.data import service
from server.data.models import FormRecord

#: A district's code is the first four digits of its communes' codes.
DISTRICT_CODE_LENGTH = 4


class PrintError(LookupError):
    """There is nothing to print for what was asked (no such unit, no form)."""


def _place(session: Session, code: str) -> Place:
    area = session.get(AdminArea, code)
    if area is None:
        return Place(code, code, code)
    return Place(area.code, area.name_km, area.name_en, area.kind)


def unit_identity(session: Session, unit: ServiceUnit) -> UnitIdentity:
    """Who the unit is, with the names of its commune, district and province."""
    commune = unit.commune_code
    return UnitIdentity(code=unit.code, kind=unit.kind, name_km=unit.name_km,
                        name_en=unit.name_en, commune=_place(session, commune),
                        district=_place(session, commune[:DISTRICT_CODE_LENGTH]),
                        province=_place(session, commune[:2]))


def find_unit(session: Session, code: str) -> ServiceUnit:
    """The unit with this code; PrintError if there is none."""
    unit = session.scalars(select(ServiceUnit).where(ServiceUnit.code == code)).first()
    if unit is None:
        raise PrintError(f"no unit with code {code!r}")
    return unit


def units_in_area(session: Session, area_code: str) -> list[ServiceUnit]:
    """The active units of a province, district or commune, by code."""
    return list(session.scalars(
        select(ServiceUnit).where(ServiceUnit.commune_code.startswith(area_code, autoescape=True),
                                  ServiceUnit.active.is_(True))
        .order_by(ServiceUnit.commune_code, ServiceUnit.code)))


def _form(session: Session, unit: ServiceUnit, year: int) -> FormRecord | None:
    return session.scalars(select(FormRecord).where(
        FormRecord.unit_id == unit.id, FormRecord.year == year,
        FormRecord.form_code == unit.kind, FormRecord.deleted.is_(False))).first()


def blank_form_input(session: Session, unit: ServiceUnit, year: int,
                     options: DocumentOptions) -> BlankFormInput:
    """The blank form of a unit for a year: on the version its form already uses, or the
    newest published one."""
    form = _form(session, unit, year)
    definition = service.definition(session, unit.kind,
                                    form.definition_version if form is not None else None)
    return BlankFormInput(unit_identity(session, unit), year, definition, options)


@dataclass
class DistrictCache:
    """Completed values of every form of a district, year and form code, read once."""

    forms: dict[tuple[str, int, str], list[dict[str, Any]]] = field(default_factory=dict)

    def values(self, session: Session, district: str, year: int,
               form_code: str) -> list[dict[str, Any]]:
        """The completed values of the district's forms (every status but deleted)."""
        key = (district, year, form_code)
        if key not in self.forms:
            records = session.scalars(
                select(FormRecord).join(ServiceUnit, FormRecord.unit_id == ServiceUnit.id)
                .where(ServiceUnit.commune_code.startswith(district, autoescape=True),
                       FormRecord.year == year, FormRecord.form_code == form_code,
                       FormRecord.deleted.is_(False)))
            self.forms[key] = [service.view(session, r).values for r in records]
        return self.forms[key]


def poster_input(session: Session, unit: ServiceUnit, year: int, options: DocumentOptions,
                 *, any_status: bool = False, jaap_actions: Sequence[JaapAction] | None = None,
                 cache: DistrictCache | None = None) -> PosterInput:
    """A unit's poster input for a year. Only an approved or published form is printed
    unless `any_status` (a draft's poster says it is a draft); PrintError otherwise."""
    form = _form(session, unit, year)
    if form is None:
        raise PrintError(f"{unit.code} has no form for {year}")
    if form.status not in FINAL_STATUSES and not any_status:
        raise PrintError(f"{unit.code}'s form for {year} is {form.status}, not approved: "
                         "give --any-status to print it marked as a draft")
    current = service.view(session, form)
    previous = _form(session, unit, year - 1)
    last_year = service.view(session, previous).values if previous is not None else None
    district = unit.commune_code[:DISTRICT_CODE_LENGTH]
    cache = cache or DistrictCache()
    district_forms = cache.values(session, district, year, unit.kind)
    return PosterInput(
        unit=unit_identity(session, unit), year=year, definition=current.definition,
        values=current.values, status=form.status, last_year=last_year,
        district_average=district_averages(current.definition, district_forms),
        district_units=len(district_forms), jaap_actions=jaap_actions, options=options)


def batch_items(session: Session, area_code: str, year: int, *, document: str,
                options: DocumentOptions, any_status: bool = False) -> list[BatchItem]:
    """One batch item per active unit of the area; a unit without a printable form is
    skipped when its turn comes."""
    cache = DistrictCache()
    items = []
    for unit in units_in_area(session, area_code):
        def load(unit: ServiceUnit = unit) -> PosterInput | BlankFormInput | None:
            if document == "form":
                return blank_form_input(session, unit, year, options)
            try:
                return poster_input(session, unit, year, options, any_status=any_status,
                                    cache=cache)
            except PrintError:
                return None
        items.append(BatchItem(name=f"{unit.code}-{year}-{document}",
                               label=f"{unit.code} {unit.name_en}", load=load))
    return items
