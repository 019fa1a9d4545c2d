"""The server's side of printing: gather a unit's document input from the database.

The builders (`common.documents`) draw; this module only reads: the unit and its places,
the published definition, the form's completed values, last year's, the district's for
the averages, and the unit's JAAP actions of the year (synced records). The district's
figures are `server.data.figures`' (approved and published forms only, as on the public
pages, the exports and the laptops' Post-on), computed once per district and data version,
so a district batch reads each district's forms once.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from common.documents import (
    BatchItem,
    BlankFormInput,
    DocumentOptions,
    JaapAction,
    PosterInput,
    units,
)
from common.documents.data import FINAL_STATUSES
from common.documents.jaap import jaap_actions
from common.documents.units import PrintError, find_unit, unit_identity, units_in_area
from common.sync.kinds import JAAP_ACTION
from common.units.models import ServiceUnit
from server.data import service
from server.data.figures import district_figures
from server.data.models import FormRecord, RecordValue, SyncRecord


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


def poster_input(session: Session, unit: ServiceUnit, year: int, options: DocumentOptions,
                 *, any_status: bool = False,
                 jaap_actions: Sequence[JaapAction] | None = None) -> PosterInput:
    """A unit's poster input for a year. Only an approved or published form is printed
    unless `any_status` (a draft's poster says it is a draft); PrintError otherwise."""
    form = _form(session, unit, year)
    if form is None:
        raise PrintError(f"{unit.code} has no form for {year}", reason="no_form",
                         unit=unit.code, year=year)
    if form.status not in FINAL_STATUSES and not any_status:
        raise PrintError(f"{unit.code}'s form for {year} is {form.status}, not approved: "
                         "give --any-status to print it marked as a draft",
                         reason="not_approved", unit=unit.code, year=year, status=form.status)
    current = service.view(session, form)
    previous = _form(session, unit, year - 1)
    last_year = service.view(session, previous).values if previous is not None else None
    district = district_figures(session, unit.commune_code, year, unit.kind)
    return PosterInput(
        unit=unit_identity(session, unit), year=year, definition=current.definition,
        values=current.values, status=form.status, last_year=last_year,
        district_average=district.averages(), district_units=district.units,
        jaap_actions=jaap_actions if jaap_actions is not None
        else unit_jaap_actions(session, unit.id, year, options), options=options)


def unit_jaap_actions(session: Session, unit_id: str, year: int,
                      options: DocumentOptions) -> list[JaapAction]:
    """The year's JAAP actions naming the unit, from the synced records (deleted ones
    left out)."""
    ids = list(session.scalars(select(SyncRecord.id).where(
        SyncRecord.kind == JAAP_ACTION.name, SyncRecord.unit_id == unit_id,
        SyncRecord.year == year, SyncRecord.deleted.is_(False))))
    columns: dict[str, dict[str, Any]] = {record_id: {} for record_id in ids}
    if ids:
        for record_id, key, value in session.execute(
                select(RecordValue.record_id, RecordValue.field, RecordValue.value)
                .where(RecordValue.record_id.in_(ids))):
            columns[record_id][key] = value
    return jaap_actions(columns.values(), options)


def batch_items(session: Session, area_code: str, year: int, *, document: str,
                options: DocumentOptions, any_status: bool = False) -> list[BatchItem]:
    """One batch item per active unit of the area; a unit without a printable form is
    skipped when its turn comes. Each district's figures are computed once."""
    return units.batch_items(
        units.units_in_area(session, area_code), year, document,
        lambda unit: blank_form_input(session, unit, year, options),
        lambda unit: poster_input(session, unit, year, options, any_status=any_status))


__all__ = ["PrintError", "batch_items", "blank_form_input", "find_unit",
           "poster_input", "units_in_area"]
