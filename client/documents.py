"""The desktop client's side of printing: gather document input from the local store,
offline, and write PDFs (for the screens' preview and print, and for `isaf-desk print`).

Everything is read from this computer's copy: the unit, its places, the published
definition, the form's values with local edits, last year's form, and the district's
figures the server sent with the last sync (over its approved and published forms, as
the server's posters print them); a computer that never received them averages the
approved and published forms of the district it holds, and the poster says so
(`client.store.comparisons`). The builders are the server's.
Long batches report progress after each unit and can be cancelled (`Progress` returning
False raises `DocumentCancelled`; a one-file batch then writes nothing).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import BinaryIO

from sqlalchemy import select

from client.store.comparisons import comparison
from client.store.models import LocalForm
from client.store.repository import LocalStore
from common.documents import (
    BatchResult,
    BlankFormInput,
    DocumentOptions,
    JaapAction,
    PosterInput,
    Progress,
    UnitIdentity,
    blank_form_pdf,
    poster_pdf,
    units,
    write_batch,
)
from common.documents.data import FINAL_STATUSES
from common.documents.jaap import jaap_actions
from common.documents.units import PrintError
from common.figures import FIGURE_STATUSES, area_figures
from common.forms import compute, validate
from common.geography.models import LEVELS
from common.sync.kinds import JAAP_ACTION
from common.units.models import ServiceUnit


def find_unit(store: LocalStore, code: str) -> ServiceUnit:
    """The unit with this code on this computer; PrintError if there is none."""
    with store.transaction() as session:
        return units.find_unit(session, code, where=" on this computer")


def unit_identity(store: LocalStore, unit: ServiceUnit) -> UnitIdentity:
    """Who the unit is, with the names of its commune, district and province."""
    with store.transaction() as session:
        return units.unit_identity(session, unit)


def _form(store: LocalStore, unit: ServiceUnit, year: int) -> LocalForm | None:
    with store.transaction() as session:
        return session.scalars(select(LocalForm).where(
            LocalForm.unit_id == unit.id, LocalForm.year == year,
            LocalForm.form_code == unit.kind, LocalForm.deleted.is_(False))).first()


def blank_form_input(store: LocalStore, unit: ServiceUnit, year: int,
                     options: DocumentOptions) -> BlankFormInput:
    """The blank form of a unit for a year, on the version its form uses (or the newest)."""
    form = _form(store, unit, year)
    definition = (store.definition(unit.kind, form.definition_version) if form is not None
                  else store.latest_definition(unit.kind))
    if definition is None:
        raise PrintError(f"no definition of {unit.kind} on this computer: sync first",
                         reason="no_definition", unit=unit.code)
    return BlankFormInput(unit_identity(store, unit), year, definition, options)


def poster_input(store: LocalStore, unit: ServiceUnit, year: int, options: DocumentOptions,
                 *, any_status: bool = False,
                 jaap_actions: Sequence[JaapAction] | None = None) -> PosterInput:
    """A unit's poster input for a year from this computer's data (approved or published
    forms only, unless `any_status`: the poster then says it is a draft)."""
    form = _form(store, unit, year)
    if form is None:
        raise PrintError(f"{unit.code} has no form for {year} on this computer",
                         reason="no_form", unit=unit.code, year=year)
    if form.status not in FINAL_STATUSES and not any_status:
        raise PrintError(f"{unit.code}'s form for {year} is {form.status}, not approved",
                         reason="not_approved", unit=unit.code, year=year, status=form.status)
    definition = store.definition(form.form_code, form.definition_version)
    if definition is None:
        raise PrintError(f"no definition {form.form_code}@{form.definition_version} here",
                         reason="no_definition", unit=unit.code)
    values = compute(definition, validate(definition, store.values(form.id)).values)
    against = comparison(store, form.id)
    last_year = against.previous if against is not None else None
    if against is not None and against.synced is not None:
        district = against.synced.figures
    else:
        others = list(against.others) if against is not None else []
        own = [values] if form.status in FIGURE_STATUSES else []
        district = area_figures(unit.commune_code[:LEVELS["district"]], year, definition,
                                [*own, *others])
    return PosterInput(
        unit=unit_identity(store, unit), year=year, definition=definition, values=values,
        status=form.status, last_year=last_year,
        district_average=district.averages(), district_units=district.units,
        district_local=against is None or against.synced is None,
        jaap_actions=jaap_actions if jaap_actions is not None
        else unit_jaap_actions(store, unit.id, year, options), options=options)


def unit_jaap_actions(store: LocalStore, unit_id: str, year: int,
                      options: DocumentOptions) -> list[JaapAction]:
    """The year's JAAP actions naming the unit on this computer (local edits included)."""
    return jaap_actions([store.values(record.id) for record in
                         store.records(JAAP_ACTION.name, year=year)
                         if record.unit_id == unit_id], options)


def write_form(store: LocalStore, unit_code: str, year: int, options: DocumentOptions,
               target: str | Path | BinaryIO | None = None) -> bytes:
    """The blank form of a unit as PDF bytes (also written to `target` when given)."""
    unit = find_unit(store, unit_code)
    return blank_form_pdf(blank_form_input(store, unit, year, options), target)


def write_poster(store: LocalStore, unit_code: str, year: int, options: DocumentOptions,
                 target: str | Path | BinaryIO | None = None, *, any_status: bool = False,
                 jaap_actions: Sequence[JaapAction] | None = None) -> bytes:
    """A unit's I4C poster as PDF bytes (also written to `target` when given)."""
    unit = find_unit(store, unit_code)
    return poster_pdf(poster_input(store, unit, year, options, any_status=any_status,
                                   jaap_actions=jaap_actions), target)


def units_in_area(store: LocalStore, area_code: str) -> list[ServiceUnit]:
    """The active units of a district or commune on this computer, by code."""
    with store.transaction() as session:
        return units.units_in_area(session, area_code)


def write_batch_for_area(store: LocalStore, area_code: str, year: int, out: str | Path, *,
                         document: str = "poster", one_file: bool = True,
                         options: DocumentOptions | None = None,
                         any_status: bool = False,
                         progress: Progress | None = None) -> BatchResult:
    """Every unit of a district or commune: posters or blank forms, into one file or one
    file per unit, with progress after each unit (return False from it to cancel)."""
    chosen = options or DocumentOptions()
    items = units.batch_items(
        units_in_area(store, area_code), year, document,
        lambda unit: blank_form_input(store, unit, year, chosen),
        lambda unit: poster_input(store, unit, year, chosen, any_status=any_status))
    if not items:
        raise PrintError(f"no active unit in {area_code} on this computer",
                         reason="no_units", area=area_code)
    return write_batch(items, out, one_file=one_file, progress=progress)


__all__ = ["PrintError", "blank_form_input", "find_unit", "poster_input", "unit_identity",
           "units_in_area", "write_batch_for_area", "write_form", "write_poster"]
