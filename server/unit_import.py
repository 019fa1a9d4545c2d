"""Loading the real service units (commune administrations, health centers, primary
schools) from an Excel sheet: added or updated by code, never deleted, all or none."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from common.geography.models import AdminArea
from common.units.models import UNIT_KINDS, ServiceUnit
from server.sheets import SheetError, read_records

COLUMNS = ("code", "kind", "name_km", "name_en", "commune_code", "active")
REQUIRED = ("code", "kind", "name_km", "name_en", "commune_code")
_NO = {"no", "false", "0", "inactive"}


class UnitImportError(ValueError):
    """A sheet that cannot be imported; nothing was changed."""


@dataclass
class UnitImportReport:
    """What an import did."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    changes: list[str] = field(default_factory=list)


def import_units(session: Session, path: Path) -> UnitImportReport:
    """Add or update a unit per row of the first sheet, in the caller's transaction."""
    existing = {u.code: u for u in session.scalars(select(ServiceUnit))}
    communes = set(session.scalars(select(AdminArea.code).where(AdminArea.level == "commune")))
    report = UnitImportReport()
    seen: dict[str, int] = {}
    try:
        records = list(read_records(path, required=REQUIRED, columns=COLUMNS))
    except SheetError as exc:
        raise UnitImportError(str(exc)) from None
    for number, record in records:
        where = f"row {number}"
        for column in REQUIRED:
            if not record.get(column):
                raise UnitImportError(f"{where}: {column} is empty")
        code, kind = record["code"], record["kind"]
        commune = record["commune_code"]
        if commune.isascii() and commune.isdigit() and len(commune) == 5:
            commune = commune.zfill(6)  # Excel drops the leading zero of '010201'
        if kind not in UNIT_KINDS:
            raise UnitImportError(f"{where}: kind {kind!r} is not one of {', '.join(UNIT_KINDS)}")
        if commune not in communes:
            raise UnitImportError(f"{where}: no commune with code {commune!r}: "
                                  "import the geography first")
        if code in seen:
            raise UnitImportError(f"{where}: code {code} is already on row {seen[code]}")
        seen[code] = number
        wanted = {"kind": kind, "name_km": record["name_km"], "name_en": record["name_en"],
                  "commune_code": commune,
                  "active": record.get("active", "").lower() not in _NO}
        unit = existing.get(code)
        if unit is None:
            session.add(ServiceUnit(code=code, **wanted))
            report.added += 1
            continue
        if unit.kind != kind:
            raise UnitImportError(f"{where}: unit {code} is a {unit.kind}; a unit never "
                                  "changes kind (give the new one its own code)")
        changed = {k: v for k, v in wanted.items() if getattr(unit, k) != v}
        for key, value in changed.items():
            report.changes.append(f"{code} {key}: {getattr(unit, key)!r} -> {value!r}")
            setattr(unit, key, value)
        if changed:
            report.updated += 1
        else:
            report.unchanged += 1
    session.flush()
    return report
