"""Who a printed unit is, read from the tables server and client share.

The server's database and the desktop's local store both hold the geography
(`AdminArea`) and the service units (`ServiceUnit`) with the same models; both sides
gather a document's input through these functions, each over its own session. The
builders themselves read no database.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import select
from sqlalchemy.orm import Session

from common.documents.batch import BatchItem
from common.documents.data import BlankFormInput, Place, PosterInput, UnitIdentity
from common.geography.models import LEVELS, AdminArea
from common.units.models import ServiceUnit


class PrintError(LookupError):
    """Nothing to print for what was asked: no such unit, form or definition.

    `reason` names the case ("no_unit", "no_definition", "no_form", "not_approved",
    "no_units") and `facts` its particulars, so a screen can say it in the person's
    language; the message is for commands and logs."""

    def __init__(self, message: str, *, reason: str = "", **facts: object) -> None:
        super().__init__(message)
        self.reason = reason
        self.facts = facts


def place(session: Session, code: str) -> Place:
    """The area of `code` with its names (the code itself when the area is unknown)."""
    area = session.get(AdminArea, code)
    if area is None:
        return Place(code, code, code)
    return Place(area.code, area.name_km, area.name_en, area.kind)


def unit_identity(session: Session, unit: ServiceUnit) -> UnitIdentity:
    """Who the unit is, with the names of its commune, district and province."""
    commune = unit.commune_code
    return UnitIdentity(code=unit.code, kind=unit.kind, name_km=unit.name_km,
                        name_en=unit.name_en, commune=place(session, commune),
                        district=place(session, commune[:LEVELS["district"]]),
                        province=place(session, commune[:LEVELS["province"]]))


def find_unit(session: Session, code: str, *, where: str = "") -> ServiceUnit:
    """The unit with this code; PrintError if there is none (`where` ends the message,
    as " on this computer")."""
    unit = session.scalars(select(ServiceUnit).where(ServiceUnit.code == code)).first()
    if unit is None:
        raise PrintError(f"no unit with code {code!r}{where}", reason="no_unit", unit=code)
    return unit


def units_in_area(session: Session, area_code: str) -> list[ServiceUnit]:
    """The active units of a province, district or commune, by code."""
    return list(session.scalars(
        select(ServiceUnit).where(ServiceUnit.commune_code.startswith(area_code, autoescape=True),
                                  ServiceUnit.active.is_(True))
        .order_by(ServiceUnit.commune_code, ServiceUnit.code)))


def batch_items(units: list[ServiceUnit], year: int, document: str,
                blank_form: Callable[[ServiceUnit], BlankFormInput],
                poster: Callable[[ServiceUnit], PosterInput]) -> list[BatchItem]:
    """One batch item per unit, its input gathered when its turn comes: a blank form, or
    a poster (a unit with nothing to print, PrintError, is skipped)."""
    def item(unit: ServiceUnit) -> BatchItem:
        def load() -> PosterInput | BlankFormInput | None:
            if document == "form":
                return blank_form(unit)
            try:
                return poster(unit)
            except PrintError:
                return None
        return BatchItem(name=f"{unit.code}-{year}-{document}",
                         label=f"{unit.code} {unit.name_en}", load=load)

    return [item(unit) for unit in units]


__all__ = ["PrintError", "batch_items", "find_unit", "place",
           "unit_identity", "units_in_area"]
