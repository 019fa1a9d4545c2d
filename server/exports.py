"""The national Excel report from the server's own database: who may have which part of it,
and the units and forms it holds, read one area at a time.

Plain functions over a SQLAlchemy session (no Flask), used by the download endpoint
(`server/api/exports.py`) and by `isaf export national` (`server/export_cli.py`). The
workbook itself is built by `common.documents.excel`. The query reads one row per unit
with its form's values folded into one JSON object by the database (SQLite's
`json_group_object`, PostgreSQL's `jsonb_object_agg`), one area at a time (each province
of the country), the next areas read in a thread while the workbook is written: a country
of 12,500 units never sits in Python's memory at once. The "District figures" sheet is
`server.data.figures`' (approved and published forms only), the very averages the posters,
public pages and laptops' Post-on show; each district's are read after the units, one
district at a time (`district_figures_of`).
"""

from __future__ import annotations

import json
import queue
import re
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from sqlalchemy import JSON, Connection, Select, and_, func, or_, select, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Session, aliased

from common.documents.excel import (
    SERVICE_ORDER,
    ExportInfo,
    ExportResult,
    Place,
    UnitReport,
    write_national_workbook,
)
from common.documents.excel_figures import DistrictFigures
from common.forms import FormDefinition
from common.geography.models import LEVELS, AdminArea
from common.units.models import ServiceUnit
from server.accounts.models import User
from server.data.figures import figures
from server.data.models import FieldValue, FormRecord
from server.data.service import FIRST_YEAR, LAST_YEAR, definition, scope_prefix
from server.errors import ForbiddenError, NotFoundError, ServiceError

#: Roles that may download the report, each for its own scope. National staff export the
#: country (ROLES.md: "national exports"); provincial and DMK officers follow completeness
#: and results across their province or district (docs/EXPORTS.md), so they get their part.
#: Commune and unit roles see their own forms in the desktop client instead.
EXPORT_ROLES: frozenset[str] = frozenset({"national_admin", "provincial_officer",
                                          "dmk_officer"})
#: An area code a report can cover: a province, district or commune.
SCOPE_PATTERN = re.compile(r"([0-9]{2}|[0-9]{4}|[0-9]{6})\Z")  # \Z: no final newline
#: Areas read from the database ahead of the one being written.
AHEAD = 1


@dataclass(frozen=True)
class ExportSelection:
    """What one export covers, once checked: the year, the area code prefix every unit's
    commune code starts with ('' for the country), that area, and the service kinds."""

    year: int
    prefix: str
    area: Place | None
    services: tuple[str, ...]


def check_parameters(year: int, scope: str | None, service: str | None) -> tuple[str, ...]:
    """Raise a clear ServiceError (400) for a year, scope or service that cannot be; the
    service kinds asked for."""
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ServiceError(f"the year must be between {FIRST_YEAR} and {LAST_YEAR}")
    if scope is not None and not SCOPE_PATTERN.match(scope):
        raise ServiceError("the scope must be the code of a province (2 digits), a district "
                           "(4) or a commune (6)", details={"scope": scope})
    if service is not None and service not in SERVICE_ORDER:
        raise ServiceError(f"the service must be one of {', '.join(SERVICE_ORDER)}",
                           details={"service": service})
    return (service,) if service else SERVICE_ORDER


def _area(session: Session, code: str) -> Place:
    area = session.get(AdminArea, code)
    if area is None or area.level == "village":
        raise NotFoundError(f"no area {code}")
    return Place(area.code, area.name_km, area.name_en)


def select_for_user(session: Session, user: User, *, year: int, scope: str | None,
                    service: str | None) -> ExportSelection:
    """The part of the report `user` may have, from the server's own records.

    An area outside the caller's scope does not exist for them (404), as everywhere in
    the API; asking for more than the scope (the country, for a DMK officer) gives the
    scope. A role that may not export is refused (403) only where the request reaches
    something it may read: a unit editor asking about another kind of unit gets 404.
    """
    services = check_parameters(year, scope, service)
    if scope is not None:
        _area(session, scope)
    own = scope_prefix(session, user)
    asked = scope or ""
    if not (asked.startswith(own) or own.startswith(asked)):
        raise NotFoundError("no such area")
    prefix = max(asked, own, key=len)
    if user.role not in EXPORT_ROLES:
        if user.scope.level == "unit":
            unit = session.get(ServiceUnit, user.unit_id) if user.unit_id else None
            if unit is None or unit.kind not in services:
                raise NotFoundError("no such area")
        raise ForbiddenError(f"a {user.role.replace('_', ' ')} may not download national "
                             "exports")
    return ExportSelection(year, prefix, _area(session, prefix) if prefix else None, services)


def select_for_operator(session: Session, *, year: int, scope: str | None,
                        service: str | None) -> ExportSelection:
    """The selection of a command run on the server itself (the operator sees everything)."""
    services = check_parameters(year, scope, service)
    area = _area(session, scope) if scope else None
    return ExportSelection(year, scope or "", area, services)


# --------------------------------------------------------------------------- reading


def _units_filter(statement: Select[Any], selection: ExportSelection) -> Select[Any]:
    statement = statement.where(ServiceUnit.kind.in_(selection.services))
    if selection.prefix:
        statement = statement.where(ServiceUnit.commune_code.startswith(selection.prefix))
    return statement


def _form_join() -> Any:
    # `NOT deleted`, word for word the condition of the partial unique index on (unit,
    # year, form): SQLite then looks each unit's form up by it, instead of scanning the
    # whole year's forms for every unit through the index on the year alone.
    return and_(FormRecord.unit_id == ServiceUnit.id, FormRecord.form_code == ServiceUnit.kind,
                text("NOT form_record.deleted"))


def definitions_used(session: Session,
                     selection: ExportSelection) -> dict[str, list[FormDefinition]]:
    """Per service kind, every definition version its forms of the year were entered
    against; the newest published one for a kind without forms."""
    rows = session.execute(_units_filter(
        select(FormRecord.form_code, FormRecord.definition_version).distinct()
        .join(ServiceUnit, _form_join()).where(FormRecord.year == selection.year),
        selection)).all()
    used: dict[str, list[FormDefinition]] = {kind: [] for kind in selection.services}
    for form_code, version in sorted(rows):
        used[form_code].append(definition(session, form_code, version))
    for kind, found in used.items():
        if not found:
            # Nothing published for this kind: its sheet shows the units only.
            with suppress(NotFoundError):
                found.append(definition(session, kind))
    return used


def district_figures_of(session: Session,
                        selection: ExportSelection) -> Iterator[DistrictFigures]:
    """The figures of every district the selection has units in, for each of its
    services (a commune's export: its district's), one district at a time."""
    length = LEVELS["district"]
    district = func.substr(ServiceUnit.commune_code, 1, length)
    codes = sorted(session.scalars(_units_filter(
        select(district).distinct(), selection)))
    names: dict[str, Place] = {}

    def place(code: str) -> Place:
        if code not in names:
            area = session.get(AdminArea, code)
            names[code] = (Place(code, area.name_km, area.name_en) if area is not None
                           else Place(code, code, code))
        return names[code]

    for code in codes:
        for kind in selection.services:
            try:
                found = figures(session, code, selection.year, kind)
            except NotFoundError:  # a service with no published definition: no figures
                continue
            yield DistrictFigures(place(code[:LEVELS["province"]]), place(code), found)


def _selected_units(selection: ExportSelection) -> Select[Any]:
    """Active units of the selection, and inactive ones that still have a form that year."""
    return _units_filter(
        select(ServiceUnit).outerjoin(FormRecord, _form_join()
                                      & (FormRecord.year == selection.year))
        .where(or_(ServiceUnit.active.is_(True), FormRecord.id.is_not(None))), selection)


def count_units(session: Session, selection: ExportSelection) -> int:
    """How many rows the export will have (for a progress bar)."""
    inner = _selected_units(selection).with_only_columns(ServiceUnit.id).subquery()
    return session.scalar(select(func.count()).select_from(inner)) or 0


def unit_reports(session: Session, selection: ExportSelection) -> Iterator[UnitReport]:
    """Every unit of the selection with its form of the year, in geographic order, read
    one area (a province of the country, a district of a province...) at a time."""
    commune = aliased(AdminArea)
    district = aliased(AdminArea)
    province = aliased(AdminArea)
    if session.get_bind().dialect.name == "postgresql":
        folded = func.jsonb_object_agg(FieldValue.field, FieldValue.value, type_=JSONB)
    else:
        # SQLite keeps JSON as text: json() embeds each value as JSON, not as a string.
        folded = func.json_group_object(FieldValue.field, func.json(FieldValue.value),
                                        type_=JSON)
    values = (select(folded).where(FieldValue.form_id == FormRecord.id)
              .correlate(FormRecord).scalar_subquery())
    statement = (
        _selected_units(selection)
        .with_only_columns(
            ServiceUnit.code, ServiceUnit.name_km, ServiceUnit.name_en, ServiceUnit.kind,
            ServiceUnit.active, commune.code, commune.name_km, commune.name_en,
            district.code, district.name_km, district.name_en,
            province.code, province.name_km, province.name_en,
            FormRecord.status, FormRecord.definition_version, values)
        .join(commune, commune.code == ServiceUnit.commune_code)
        .outerjoin(district, district.code == commune.parent_code)
        .outerjoin(province, province.code == district.parent_code)
        .order_by(ServiceUnit.commune_code, ServiceUnit.code))
    # Areas repeat on thousands of rows: one Place each.
    places: dict[str | None, Place] = {}

    def place(code: str | None, name_km: str | None, name_en: str | None) -> Place:
        found = places.get(code)
        if found is None:
            found = places[code] = Place(code or "", name_km or "", name_en or "")
        return found

    # Plain rows through the session's connection (no ORM result processing per row), one
    # area below the selection at a time (each province of the country, each district of
    # a province...), in code order: the geographic order of the whole. The next areas are
    # read in a thread while the workbook is written, so the database's own work (SQLite's
    # runs outside Python's lock) overlaps with it; at most `AHEAD` areas wait in memory.
    connection = session.connection()
    depth = min(len(selection.prefix) + 2, 6)
    areas = sorted(connection.scalars(_units_filter(
        select(func.substr(ServiceUnit.commune_code, 1, depth)).distinct(), selection)))

    def fetch(area: str) -> Callable[[], Sequence[Any]]:
        return lambda: connection.execute(statement.where(
            func.substr(ServiceUnit.commune_code, 1, depth) == area)).all()

    for row in _read_ahead([fetch(area) for area in areas], threaded=_may_share(connection)):
        (code, name_km, name_en, kind, active, c_code, c_km, c_en, d_code, d_km, d_en,
         p_code, p_km, p_en, status, version, folded_values) = row
        if isinstance(folded_values, str):  # a driver that hands JSON back as text
            folded_values = json.loads(folded_values)
        # A cleared field is stored as null; the engine treats it as no value.
        entered = folded_values or {}
        yield UnitReport(
            province=place(p_code, p_km, p_en), district=place(d_code, d_km, d_en),
            commune=place(c_code, c_km, c_en), code=code, name_km=name_km,
            name_en=name_en, kind=kind, active=bool(active), status=status,
            definition_version=version, values=entered)


def _may_share(connection: Connection) -> bool:
    """Whether a thread may read through `connection` while its own thread waits: not an
    in-memory SQLite database, whose connection belongs to the thread that made it."""
    url = connection.engine.url
    return not (url.get_backend_name() == "sqlite"
                and (url.database in (None, "", ":memory:") or "memory" in str(url)))


_END = object()


def _read_ahead(fetches: Sequence[Callable[[], Sequence[Any]]], *,
                threaded: bool = True) -> Iterator[Any]:
    """The rows of each fetch in turn; with `threaded`, the next fetches run in a thread
    meanwhile, at most AHEAD of them waiting. Stopping early stops the thread (after the
    fetch it is in) before returning; an error in the thread is raised here."""
    if not threaded:
        for fetch in fetches:
            yield from fetch()
        return
    ready: queue.Queue[Any] = queue.Queue(maxsize=AHEAD)
    stop = threading.Event()

    def hand_over(item: Any) -> bool:
        while not stop.is_set():
            with suppress(queue.Full):
                ready.put(item, timeout=0.05)
                return True
        return False

    def read() -> None:
        try:
            for fetch in fetches:
                if not hand_over(fetch()):
                    return
        except BaseException as error:  # raised again in the consumer's thread
            hand_over(error)
            return
        hand_over(_END)

    worker = threading.Thread(target=read, name="isaf-export-reader", daemon=True)
    worker.start()
    try:
        while (item := ready.get()) is not _END:
            if isinstance(item, BaseException):
                raise item
            yield from item
    finally:
        stop.set()
        worker.join()


def write_export(session: Session, target: str | Path | BinaryIO,
                 selection: ExportSelection, *, role: str, source: str = "server database",
                 progress: Callable[[int, int], None] | None = None,
                 cancelled: Callable[[], bool] | None = None,
                 proposed_standards: bool = True, total: int | None = None) -> ExportResult:
    """Write the report of `selection` to `target`; `role` is named on its About sheet.
    `proposed_standards=False` judges official standards only; `total`: the number of
    units, when the caller has counted them already (for its progress display)."""
    info = ExportInfo(year=selection.year, services=selection.services,
                      generated_by_role=role, scope=selection.area, source=source,
                      proposed_standards=proposed_standards)
    return write_national_workbook(
        target, info=info, definitions=definitions_used(session, selection),
        units=unit_reports(session, selection),
        total=count_units(session, selection) if total is None else total,
        progress=progress, cancelled=cancelled,
        district_figures=district_figures_of(session, selection))


def export_filename(selection: ExportSelection) -> str:
    """'isaf-national-2026-0102-health_center.xlsx': what the download is called."""
    service = selection.services[0] if len(selection.services) == 1 else "all"
    return f"isaf-national-{selection.year}-{selection.prefix or 'country'}-{service}.xlsx"
