"""What the dashboard's pages show, read from the database for one signed-in staff member:
the filters they may choose, completeness per area, and the share of units meeting each
standard. Plain functions over a session (no Flask), each bounded by the user's scope as
the server records it (`service.scope_prefix`), whatever a request asks for.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from common.documents.excel import SERVICE_ORDER
from common.figures import AreaFigures
from common.forms import Indicator
from common.geography.models import AdminArea
from common.units.models import ServiceUnit
from common.workflow import STATUSES
from server.accounts.models import User
from server.data import service
from server.data.figures import figures
from server.data.models import FormRecord
from server.errors import NotFoundError, ServiceError

#: An area a page can be about: a province, a district or a commune ('' is the country).
AREA_PATTERN = re.compile(r"([0-9]{2}|[0-9]{4}|[0-9]{6})\Z")  # \Z: no final newline
#: The columns of completeness, in workflow order; "missing" is a unit with no form yet.
STATES: tuple[str, ...] = ("missing", *STATUSES)


@dataclass(frozen=True)
class Place:
    """An area as a page names it ('' and no names: the country)."""

    code: str
    name_km: str = ""
    name_en: str = ""

    def name(self, lang: str) -> str:
        return self.name_km if lang == "km" else self.name_en


@dataclass(frozen=True)
class Filters:
    """What a page shows, once checked against the user's scope."""

    year: int
    service: str | None
    area: Place
    #: The years that have forms in the user's scope, newest first (the year menu).
    years: tuple[int, ...]
    #: The areas from the user's scope down to `area` (the breadcrumbs).
    trail: tuple[Place, ...] = ()


def _place(session: Session, code: str) -> Place:
    if not code:
        return Place("")
    row = session.get(AdminArea, code)
    if row is None or row.level == "village":
        raise NotFoundError("no such area")
    return Place(row.code, row.name_km, row.name_en)


def checked_area(session: Session, user: User, asked: str | None) -> str:
    """The area a page is about: `asked` when it lies inside the user's scope, the whole
    scope when nothing is asked. Outside the scope an area does not exist (NotFoundError),
    as in the API: a page never tells an area out of reach from one that is not there."""
    own = service.scope_prefix(session, user)
    if not asked:
        return own
    if not AREA_PATTERN.match(asked) or not asked.startswith(own):
        raise NotFoundError("no such area")
    _place(session, asked)
    return asked


def years_with_forms(session: Session, user: User) -> tuple[int, ...]:
    """The years with a form in the user's scope, newest first."""
    query = service.forms_in_scope(user, FormRecord.year).where(
        FormRecord.deleted.is_(False)).distinct()
    return tuple(sorted(session.scalars(query), reverse=True))


def filters(session: Session, user: User, *, year: str | None, service_kind: str | None,
            area: str | None, need_service: bool = False) -> Filters:
    """The checked filters of a page's query (ServiceError with a clear message for a
    year or service that cannot be; NotFoundError for an area out of scope)."""
    code = checked_area(session, user, area)
    years = years_with_forms(session, user)
    if year:
        if not (year.isascii() and year.isdigit() and len(year) == 4) \
                or not service.FIRST_YEAR <= int(year) <= service.LAST_YEAR:
            raise ServiceError(f"the year must be between {service.FIRST_YEAR} and "
                               f"{service.LAST_YEAR}")
        chosen = int(year)
    else:
        chosen = years[0] if years else date.today().year
    if service_kind and service_kind not in SERVICE_ORDER:
        raise ServiceError(f"the service must be one of {', '.join(SERVICE_ORDER)}")
    kind = service_kind or ("health_center" if need_service else None)
    own = service.scope_prefix(session, user)
    # From the top of the user's scope down to the chosen area: the page's breadcrumbs.
    trail = (_place(session, own), *(_place(session, code[:n]) for n in (2, 4, 6)
                                     if len(own) < n <= len(code)))
    return Filters(chosen, kind, _place(session, code), years, trail)


# --------------------------------------------------------------------------- completeness


@dataclass(frozen=True)
class CompletenessRow:
    """One area (or unit) of the completeness table."""

    place: Place
    #: State -> how many units: "missing" and every workflow status, and "units" in all.
    counts: dict[str, int]
    #: Whether the row leads to a page one level down (areas above communes do).
    drill: bool = False
    #: For a unit row: its status.
    status: str | None = None


@dataclass(frozen=True)
class Completeness:
    """Completeness of an area: its total and one row per child area (or per unit)."""

    total: dict[str, int]
    rows: list[CompletenessRow] = field(default_factory=list)
    by_unit: bool = False


def completeness(session: Session, user: User, chosen: Filters) -> Completeness:
    """Units expected (active units of the service), and how far their forms are, per
    child area of the chosen area; per unit for a commune. The server's own completeness
    report (`service.completeness`), named in both languages."""
    kinds = [chosen.service] if chosen.service else None
    report = service.completeness(session, user, chosen.area.code or None, chosen.year, kinds)
    total = dict(report["totals"])
    if len(chosen.area.code) == 6:
        rows = [CompletenessRow(Place(u["code"], u["name_km"], u["name_en"]),
                                {u["status"]: 1}, status=u["status"])
                for u in report["units"]]
        return Completeness(total, rows, by_unit=True)
    codes = [child["area_code"] for child in report["children"]]
    names = {row.code: row for row in session.scalars(
        select(AdminArea).where(AdminArea.code.in_(codes)))} if codes else {}
    rows = []
    for child in report["children"]:
        area = names.get(child["area_code"])
        place = Place(child["area_code"], area.name_km if area else child["area_code"],
                      area.name_en if area else child["area_code"])
        rows.append(CompletenessRow(place, dict(child["counts"]), drill=True))
    return Completeness(total, rows)


# --------------------------------------------------------------------------- standards met


@dataclass(frozen=True)
class Share:
    """How many units met a standard among those with a figure for it."""

    met: int
    units: int

    @property
    def percent(self) -> float | None:
        return 100.0 * self.met / self.units if self.units else None


@dataclass(frozen=True)
class StandardRow:
    """One indicator with a standard, and its share met in each area, both years."""

    indicator: Indicator
    #: Area code -> (this year, last year); None where no unit had a figure.
    shares: dict[str, tuple[Share | None, Share | None]]

    @property
    def proposed(self) -> bool:
        return self.indicator.standard is not None and not self.indicator.standard.official


@dataclass(frozen=True)
class Standards:
    """The standards-met table: its areas (children, then the chosen area as total)."""

    places: list[Place]
    rows: list[StandardRow]
    #: Area code -> (units this year, units last year) the figures are made of.
    units: dict[str, tuple[int, int]]


def child_places(session: Session, code: str) -> list[Place]:
    """The areas one level below `code` ('' = the provinces); a commune has none."""
    if len(code) == 6:
        return []
    query = select(AdminArea).where(AdminArea.active.is_(True))
    query = (query.where(AdminArea.level == "province") if not code
             else query.where(AdminArea.parent_code == code,
                              AdminArea.level.in_(("district", "commune"))))
    return [Place(a.code, a.name_km, a.name_en)
            for a in session.scalars(query.order_by(AdminArea.code))]


def standards(session: Session, chosen: Filters) -> Standards:
    """For each poster indicator of the service with a standard, the share of units (their
    approved and published forms: `server.data.figures`) meeting it in each child area and
    in the chosen area, this year and last year. The area is checked by `filters`."""
    form_code = chosen.service or "health_center"
    definition = service.definition(session, form_code)
    places = [*child_places(session, chosen.area.code), chosen.area]
    now = {p.code: figures(session, p.code, chosen.year, form_code) for p in places}
    before = {p.code: figures(session, p.code, chosen.year - 1, form_code) for p in places}
    rows = []
    for indicator in definition.indicators():
        if not indicator.poster or indicator.personal or indicator.standard is None:
            continue
        rows.append(StandardRow(indicator, {
            p.code: (_share(now[p.code], indicator.code), _share(before[p.code], indicator.code))
            for p in places}))
    units = {p.code: (now[p.code].units, before[p.code].units) for p in places}
    # Areas with no final form in either year add only empty columns.
    shown = [p for p in places[:-1] if any(units[p.code])] + [places[-1]]
    return Standards(shown, rows, units)


def _share(area: AreaFigures, code: str) -> Share | None:
    figure = area.indicators.get(code)
    if figure is None or figure.met is None:
        return None
    return Share(figure.met, figure.units)


def change(shares: Sequence[Share | None]) -> float | None:
    """This year's percentage less last year's, in points; None when either is unknown."""
    now, before = (s.percent if s is not None else None for s in shares)
    return None if now is None or before is None else now - before


def published_forms(session: Session, user: User, chosen: Filters) -> list[FormRecord]:
    """The public forms of the chosen area, year and service (each may be withdrawn)."""
    query = service.forms_in_scope(user, FormRecord).where(
        FormRecord.status == "published", FormRecord.deleted.is_(False),
        FormRecord.year == chosen.year)
    if chosen.area.code:
        query = query.where(ServiceUnit.commune_code.startswith(chosen.area.code))
    if chosen.service:
        query = query.where(FormRecord.form_code == chosen.service)
    return list(session.scalars(query.order_by(ServiceUnit.code, FormRecord.form_code)
                                .limit(1000)))
