"""The national Excel report from this computer's own data, offline.

The same workbook as the server's download (`common.documents.excel`), filled from the
local store: every unit on this computer with its form of the year, local edits included
(what the person sees on screen, sent or not). Long work: it reports progress and stops
when asked, leaving no half-written file behind. Screens call it through an operation,
off the GUI thread; `isaf-desk export national` calls it directly.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import Select, and_, func, select
from sqlalchemy.orm import Session, aliased

from client.store.models import LocalForm, LocalValue
from client.store.repository import LocalStore
from common.documents import units
from common.documents.excel import (
    SERVICE_ORDER,
    ExportInfo,
    ExportResult,
    Place,
    UnitReport,
    write_national_workbook,
)
from common.forms import FormDefinition
from common.forms.store import PublishedDefinition
from common.geography.models import AdminArea
from common.units.models import ServiceUnit

SOURCE = "desktop client: the units on this computer, local changes included"
BATCH = 500


class LocalExportError(ValueError):
    """An export this computer cannot make (a wrong year, service or area, or no form
    definitions yet). The message is for the command line; `reason` ("year", "service",
    "scope", "no_definitions") lets a screen say it in the person's language."""

    def __init__(self, message: str, *, reason: str) -> None:
        super().__init__(message)
        self.reason = reason


#: The row type of a SELECT, kept through the filters added to it.
_Row = TypeVar("_Row", bound=tuple[Any, ...])

def _selected(statement: Select[_Row], year: int, services: tuple[str, ...],
              scope: str | None) -> Select[_Row]:
    statement = statement.outerjoin(LocalForm, and_(
        LocalForm.unit_id == ServiceUnit.id, LocalForm.form_code == ServiceUnit.kind,
        LocalForm.year == year, LocalForm.deleted.is_(False)))
    statement = statement.where(ServiceUnit.kind.in_(services),
                                ServiceUnit.active.is_(True) | LocalForm.id.is_not(None))
    if scope:
        statement = statement.where(ServiceUnit.commune_code.startswith(scope))
    return statement


def _definitions(store: LocalStore, session: Session, year: int, services: tuple[str, ...],
                 scope: str | None) -> dict[str, list[FormDefinition]]:
    used: dict[str, list[FormDefinition]] = {kind: [] for kind in services}
    rows = session.execute(_selected(
        select(LocalForm.form_code, LocalForm.definition_version).distinct()
        .select_from(ServiceUnit), year, services, scope)
        .where(LocalForm.id.is_not(None))).all()
    for form_code, version in sorted(rows):
        found = store.definition(form_code, version)
        if found is not None:
            used[form_code].append(found)
    for kind, definitions in used.items():
        if not definitions:
            latest = store.latest_definition(kind)
            if latest is not None:
                definitions.append(latest)
    return used


def _area_covering(session: Session, scope: str | None) -> Place | None:
    """The asked area, or the smallest area holding every unit on this computer."""
    code = scope
    if code is None:
        communes = list(session.scalars(select(ServiceUnit.commune_code).distinct()))
        if not communes:
            return None
        code = communes[0]
        for commune in communes[1:]:
            while not commune.startswith(code):
                code = code[:-2]
        if not code:
            return None
    area = units.place(session, code)
    return Place(code=area.code, name_km=area.name_km, name_en=area.name_en)


def _reports(session: Session, year: int, services: tuple[str, ...],
             scope: str | None) -> Iterator[UnitReport]:
    commune, district, province = (aliased(AdminArea) for _ in range(3))
    # The local store is SQLite: the database folds each form's values into one JSON
    # object, so a form is one row, not a hundred.
    values = (select(func.json_group_object(LocalValue.field, func.json(LocalValue.value)))
              .where(LocalValue.form_id == LocalForm.id).correlate(LocalForm)
              .scalar_subquery())
    statement = _selected(select(
        ServiceUnit.code, ServiceUnit.name_km, ServiceUnit.name_en, ServiceUnit.kind,
        ServiceUnit.active, commune.code, commune.name_km, commune.name_en,
        district.code, district.name_km, district.name_en,
        province.code, province.name_km, province.name_en,
        LocalForm.status, LocalForm.definition_version, values), year, services, scope)
    statement = (statement
                 .outerjoin(commune, commune.code == ServiceUnit.commune_code)
                 .outerjoin(district, district.code == func.substr(ServiceUnit.commune_code,
                                                                   1, 4))
                 .outerjoin(province, province.code == func.substr(ServiceUnit.commune_code,
                                                                   1, 2))
                 .order_by(ServiceUnit.commune_code, ServiceUnit.code))
    places: dict[str, Place] = {}

    def place(code: str | None, fallback: str, name_km: str | None,
              name_en: str | None) -> Place:
        key = code or fallback
        found = places.get(key)
        if found is None:
            # An area missing here (a partial copy of the geography) still gets its code.
            found = places[key] = Place(key, name_km or key, name_en or key)
        return found

    for row in session.execute(statement, execution_options={"yield_per": BATCH}):
        (code, name_km, name_en, kind, active, c_code, c_km, c_en, d_code, d_km, d_en,
         p_code, p_km, p_en, status, version, folded) = row
        commune_code = str(c_code or "")
        yield UnitReport(
            province=place(p_code, commune_code[:2], p_km, p_en),
            district=place(d_code, commune_code[:4], d_km, d_en),
            commune=place(c_code, commune_code, c_km, c_en),
            code=code, name_km=name_km, name_en=name_en, kind=kind, active=bool(active),
            status=status, definition_version=version,
            values=json.loads(folded) if folded else {})


def export_local(store: LocalStore, path: str | Path, *, year: int,
                 service: str | None = None, scope: str | None = None,
                 progress: Callable[[int, int], None] | None = None,
                 cancelled: Callable[[], bool] | None = None,
                 proposed_standards: bool = True) -> ExportResult:
    """Write the national report of this computer's units for `year` to `path`.

    `service` limits it to one kind, `scope` to an area code; `proposed_standards=False`
    judges official standards only (no met / not met for a proposed one). `progress(done, total)` is
    called as units are written; when `cancelled()` turns true the export stops with
    `common.documents.excel.ExportCancelledError` and `path` is left as it was.
    """
    if not 2015 <= year <= 2100:
        raise LocalExportError("the year must be between 2015 and 2100", reason="year")
    if service is not None and service not in SERVICE_ORDER:
        raise LocalExportError(f"the service must be one of {', '.join(SERVICE_ORDER)}",
                               reason="service")
    if scope is not None and (not scope.isdigit() or len(scope) not in (2, 4, 6)):
        raise LocalExportError("the scope must be the code of a province (2 digits), a "
                               "district (4) or a commune (6)", reason="scope")
    services = (service,) if service else SERVICE_ORDER
    user = json.loads(store.get_state("user") or "{}")
    with store.transaction() as session:
        if not session.scalar(select(func.count()).select_from(PublishedDefinition)):
            raise LocalExportError("no form definitions on this computer yet: sync first",
                                   reason="no_definitions")
        total = session.scalar(_selected(
            select(func.count()).select_from(ServiceUnit), year, services, scope)) or 0
        info = ExportInfo(year=year, services=services,
                          generated_by_role=user.get("role") or "desktop client user",
                          scope=_area_covering(session, scope), source=SOURCE,
                          proposed_standards=proposed_standards)
        return write_national_workbook(
            path, info=info, definitions=_definitions(store, session, year, services, scope),
            units=_reports(session, year, services, scope), total=total,
            progress=progress, cancelled=cancelled)
