"""The national Excel report builder (common/documents/excel.py): what a person opening the
workbook finds, checked by reopening it with openpyxl and comparing with the figures fed in
and with counts made here independently."""

from __future__ import annotations

import copy
import datetime as dt
import os
import random
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from common.documents.excel import (
    REPORTED,
    ExportCancelledError,
    ExportInfo,
    Place,
    UnitReport,
    exported_indicator,
    write_national_workbook,
)
from common.documents.excel_styles import KHMER_FONT
from common.files import write_bytes_atomic
from common.forms import FormDefinition, build_definition, compute, load_definitions
from common.units.models import UNIT_KINDS
from server.cli import FORMS_DIR
from server.demo_values import demo_values
from tests.conftest import form_version

KINDS = ("cs_admin", "health_center", "primary_school")
PROVINCES = {"01": ("បន្ទាយមានជ័យ", "Banteay Meanchey"), "02": ("បាត់ដំបង", "Battambang")}
DISTRICTS = {"0102": ("មង្គលបូរី", "Mongkol Borei"), "0201": ("បាណន់", "Banan")}
COMMUNES = {"010201": ("បន្ទាយនាង", "Banteay Neang"), "020101": ("កន្ទឺ ១", "Kantueu Muoy")}
STATUSES = (None, "draft", "submitted", "returned", "approved", "published")


@pytest.fixture(scope="module")
def forms_by_kind() -> dict[str, FormDefinition]:
    return {d.service_kind: d for d in load_definitions(FORMS_DIR)}


def place(code: str, names: dict[str, tuple[str, str]]) -> Place:
    return Place(code, *names[code])


def make_units(forms: dict[str, FormDefinition], count: int = 36) -> list[UnitReport]:
    """Units of every kind in two provinces, in every status, with demo figures."""
    rng = random.Random(7)
    units = []
    for n in range(count):
        kind = KINDS[n % 3]
        commune = "010201" if n % 36 < 18 else "020101"
        status = STATUSES[(n // 3) % len(STATUSES)]  # every status for every kind
        values = demo_values(forms[kind], rng) if status else {}
        units.append(UnitReport(
            province=place(commune[:2], PROVINCES), district=place(commune[:4], DISTRICTS),
            commune=place(commune, COMMUNES), code=f"U{n:03d}", name_km=f"អង្គភាពទី{n}",
            name_en=f"Unit {n}", kind=kind, status=status,
            definition_version=forms[kind].version if status else None, values=values))
    return units


def write(path: Path, forms: dict[str, FormDefinition], units: list[UnitReport],
          **extra: Any) -> Path:
    info = ExportInfo(year=2026, services=KINDS, generated_by_role="national_admin")
    write_national_workbook(path, info=info,
                            definitions={k: [d] for k, d in forms.items()},
                            units=iter(units), total=len(units), **extra)
    return path


def rows_by_code(sheet: Worksheet) -> tuple[list[Any], dict[str, dict[str, Any]]]:
    rows = list(sheet.iter_rows(values_only=True))
    codes = list(rows[2])
    return rows, {row[codes.index("unit_code")]: dict(zip(codes, row, strict=True))
                  for row in rows[3:]}


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory,
             forms_by_kind: dict[str, FormDefinition]) -> Iterator[Any]:
    units = make_units(forms_by_kind)
    path = write(tmp_path_factory.mktemp("x") / "national.xlsx", forms_by_kind, units)
    workbook = load_workbook(path)
    yield workbook, units, path
    workbook.close()


def test_every_unit_has_its_row_with_its_figures(exported: Any,
                                                  forms_by_kind: dict[str, FormDefinition]
                                                  ) -> None:
    workbook, units, _ = exported
    assert workbook.sheetnames == ["About", "Summary", "Completeness", "CS administration",
                                   "Health centers", "Primary schools"]
    titles = dict(zip(KINDS, workbook.sheetnames[3:], strict=True))
    for kind in KINDS:
        definition = forms_by_kind[kind]
        _, by_code = rows_by_code(workbook[titles[kind]])
        mine = [u for u in units if u.kind == kind]
        assert sorted(by_code) == sorted(u.code for u in mine)
        for unit in mine:
            row = by_code[unit.code]
            assert (row["province_km"], row["district_km"], row["commune_km"]) == (
                unit.province.name_km, unit.district.name_km, unit.commune.name_km)
            assert (row["unit_km"], row["unit_en"]) == (unit.name_km, unit.name_en)
            assert row["status"] == (unit.status or "missing")
            expected = compute(definition, unit.values) if unit.status else {}
            for indicator in definition.indicators():
                if indicator.type == "text":
                    assert indicator.code not in row  # free text never exported
                    continue
                for key in indicator.fields:
                    value = expected.get(key)
                    if indicator.type == "percent" and value is not None:
                        assert row[key] == pytest.approx(value / 100)
                    elif indicator.type == "choice" and value is not None:
                        labels = {c.code: c.label.en for c in indicator.choices}
                        assert row[key] == labels[value]
                    elif indicator.type == "time" and value is not None:
                        # A real Excel time, the very time entered ("07:15").
                        assert isinstance(row[key], dt.time), (unit.code, key)
                        assert row[key].strftime("%H:%M") == value
                    else:
                        assert row[key] == value, (unit.code, key)
                if indicator.standard is not None:
                    met = indicator.standard.is_met(expected.get(indicator.code))
                    assert row[f"{indicator.code}:met"] is met


def test_headers_carry_both_languages_from_the_definition(
        exported: Any, forms_by_kind: dict[str, FormDefinition]) -> None:
    workbook, _, _ = exported
    sheet = workbook["Health centers"]
    english, khmer, codes = (list(r) for r in sheet.iter_rows(max_row=3, values_only=True))
    midwives = forms_by_kind["health_center"].indicator("staff_midwives")
    female = codes.index("staff_midwives.female")
    assert english[female].startswith(f"{midwives.label.en} (female)")
    assert khmer[female].startswith(f"{midwives.label.km} (ស្រី)")
    assert codes[female + 1: female + 3] == ["staff_midwives.male", "staff_midwives"]
    # The header rows and the 15 identity columns (province to form version) stay put.
    assert sheet.freeze_panes == "P4"
    first = next(i for i in forms_by_kind["health_center"].indicators()
                 if exported_indicator(i)).fields[0]
    assert codes[14:16] == ["definition_version", first]
    # Province, district and commune fold away together (a laptop's screen is narrower
    # than the frozen identity); the unit's own columns do not.
    assert codes[8:10] == ["commune_en", "unit_code"]
    assert [sheet.column_dimensions[c].outline_level for c in "ABCDEFGHIJK"] == [1] * 9 + [0] * 2
    assert sheet.sheet_format.outlineLevelCol == 1  # else Excel shows no fold button
    assert sheet.auto_filter.ref == f"A3:{sheet.cell(3, len(codes)).column_letter}" \
                                    f"{sheet.max_row}"
    # Riel grouped without decimals; percentages as percent.
    budget = codes.index(next(c for c in codes if c and c.startswith("income_")))
    percent = codes.index("anc1_coverage")
    data_row = next(r for r in sheet.iter_rows(min_row=4) if r[percent].value is not None)
    assert data_row[budget].number_format == "#,##0"
    assert data_row[percent].number_format == "0.0%"
    assert sheet.column_dimensions["K"].width >= 20  # the Khmer unit name is readable


def test_completeness_matches_counts_made_here(exported: Any) -> None:
    workbook, units, _ = exported
    kind_of = {f"{en} / {km}": kind for kind, (km, en) in UNIT_KINDS.items()}
    rows = list(workbook["Completeness"].iter_rows(min_row=3, values_only=True))
    for row in rows:
        level, province, district, service = row[0], row[1], row[4], row[7]
        mine = [u for u in units
                if (level == "all" or u.province.code == province)
                and (level != "district" or u.district.code == district)
                and kind_of.get(service, u.kind) == u.kind]
        expected = len(mine)
        entered = sum(1 for u in mine if u.status)
        submitted = sum(1 for u in mine if u.status in REPORTED)
        approved = sum(1 for u in mine if u.status in ("approved", "published"))
        published = sum(1 for u in mine if u.status == "published")
        assert row[8:13] == (expected, entered, submitted, approved, published), row
        assert row[13] == pytest.approx(entered / expected)
        assert row[16] == pytest.approx(published / expected)
    # The whole export, each province and each district; each per service and together.
    assert len(rows) == (1 + 2 + 2) * 4


def test_summary_shares_match_counts_made_here(exported: Any,
                                               forms_by_kind: dict[str, FormDefinition]) -> None:
    workbook, units, path = exported
    rows = list(workbook["Summary"].iter_rows(values_only=True))
    start = next(i for i, r in enumerate(rows) if r[0] == "Province code")
    by_province = {r[0]: r for r in rows[start + 1: start + 4]}
    for province in PROVINCES:
        for column, kind in enumerate(KINDS, 3):
            met = assessed = 0
            for unit in units:
                if unit.kind != kind or unit.province.code != province \
                        or unit.status not in REPORTED:
                    continue
                values = compute(forms_by_kind[kind], unit.values)
                for indicator in forms_by_kind[kind].indicators():
                    if indicator.standard is not None:
                        outcome = indicator.standard.is_met(values.get(indicator.code))
                        if outcome is not None:
                            met, assessed = met + outcome, assessed + 1
            assert by_province[province][column] == pytest.approx(met / assessed)
    # One table per service: a share per standard, per province.
    school = next(i for i, r in enumerate(rows) if r[0] and str(r[0]).startswith("Primary"))
    header = rows[school + 1]
    standards = [i for i in forms_by_kind["primary_school"].indicators() if i.standard]
    assert header[3] == "Units reported"
    assert len([h for h in header if h]) == 4 + len(standards) + 1
    reported = [u for u in units if u.kind == "primary_school" and u.status in REPORTED
                and u.province.code == "01"]
    first = standards[0]
    verdicts = [first.standard.is_met(compute(forms_by_kind["primary_school"], u.values)  # type: ignore[union-attr]
                                      .get(first.code)) for u in reported]
    judged = [v for v in verdicts if v is not None]
    line = rows[school + 3]
    assert line[0] == "01" and line[3] == len(reported)
    assert line[4] == (pytest.approx(sum(judged) / len(judged)) if judged else None)
    # The chart is really in the file, drawn from the summary sheet.
    with zipfile.ZipFile(path) as archive:
        charts = [n for n in archive.namelist() if n.startswith("xl/charts/chart")]
        assert len(charts) == 1
        assert "'Summary'!" in archive.read(charts[0]).decode()


def test_about_says_what_the_export_is_and_never_who(exported: Any) -> None:
    workbook, units, _ = exported
    about = {r[0]: r[1:] for r in workbook["About"].iter_rows(values_only=True) if r[0]}
    assert about["Year"][0] == 2026
    assert about["Generated by (role)"] == ("National administrator", "អ្នកគ្រប់គ្រងថ្នាក់ជាតិ")
    assert f"health_center@{form_version('health_center')}" in about["Form versions"][0]
    assert about["Units"][0] == len(units)
    assert "hc_chief_name" in about["Personal data"][0]


def test_no_personal_value_reaches_any_cell(exported: Any) -> None:
    workbook, units, _ = exported
    personal = {str(u.values[k]) for u in units for k in ("hc_chief_name", "hc_phone", "remarks")
                if u.values.get(k)}
    assert personal  # the demo figures do have a chief's name and a phone number
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows(values_only=True):
            for value in row:
                if isinstance(value, str):
                    assert not any(p in value for p in personal), (sheet.title, value)


def test_a_later_version_adds_columns_and_each_form_keeps_its_own(
        tmp_path: Path, forms_by_kind: dict[str, FormDefinition]) -> None:
    first = forms_by_kind["cs_admin"]
    source = copy.deepcopy(dict(first.source))
    source["version"] = first.version + 1
    source["sections"][0]["indicators"].append({
        "code": "new_count", "label": {"km": "ចំនួនថ្មី", "en": "A new count"},
        "type": "count"})
    second = build_definition(source, filename=f"cs_admin@{first.version + 1}")
    rng = random.Random(1)
    old_values, new_values = demo_values(first, rng), {**demo_values(first, rng),
                                                      "new_count": 7}
    units = [UnitReport(place("01", PROVINCES), place("0102", DISTRICTS),
                        place("010201", COMMUNES), code, "ក", "a", "cs_admin", status="draft",
                        definition_version=version, values=values)
             for code, version, values in (("A1", first.version, old_values),
                                           ("A2", second.version, new_values))]
    info = ExportInfo(year=2026, services=("cs_admin",), generated_by_role="dmk_officer",
                      scope=place("0102", DISTRICTS))
    result = write_national_workbook(tmp_path / "v.xlsx", info=info,
                                     definitions={"cs_admin": [first, second]}, units=units)
    assert result.units == 2 and result.forms == 2
    workbook = load_workbook(tmp_path / "v.xlsx")
    assert workbook.sheetnames == ["About", "Summary", "Completeness", "CS administration"]
    _, by_code = rows_by_code(workbook["CS administration"])
    assert by_code["A1"]["new_count"] is None and by_code["A2"]["new_count"] == 7
    assert by_code["A1"]["definition_version"] == first.version
    about = {r[0]: r[1:] for r in workbook["About"].iter_rows(values_only=True) if r[0]}
    assert f"{first.key}, {second.key}" in about["Form versions"][0]
    assert about["Scope"][0] == "Mongkol Borei (0102)"


def test_cancelling_leaves_nothing_behind(tmp_path: Path,
                                          forms_by_kind: dict[str, FormDefinition]) -> None:
    units = make_units(forms_by_kind, count=30)
    seen: list[tuple[int, int]] = []
    target = tmp_path / "cancelled.xlsx"
    with pytest.raises(ExportCancelledError):
        write(target, forms_by_kind, units, progress=lambda d, t: seen.append((d, t)),
              cancelled=lambda: len(seen) >= 2, progress_every=5)
    assert seen == [(5, 30), (10, 30)]
    assert list(tmp_path.iterdir()) == []  # neither the workbook nor its temporary file
    target.write_bytes(b"an older export")
    with pytest.raises(ExportCancelledError):
        write(target, forms_by_kind, units, cancelled=lambda: True, progress_every=5)
    assert target.read_bytes() == b"an older export"


def test_progress_reaches_the_total(tmp_path: Path,
                                    forms_by_kind: dict[str, FormDefinition]) -> None:
    units = make_units(forms_by_kind, count=12)
    seen: list[tuple[int, int]] = []
    write(tmp_path / "p.xlsx", forms_by_kind, units, progress=lambda d, t: seen.append((d, t)),
          progress_every=5)
    assert seen == [(5, 12), (10, 12), (12, 12)]


KHMER = re.compile("[\u1780-\u17ff]")


def test_every_cell_holding_khmer_is_in_a_font_that_has_khmer(exported: Any) -> None:
    workbook, _, _ = exported
    khmer_cells = 0
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and KHMER.search(cell.value):
                    khmer_cells += 1
                    assert cell.font.name == KHMER_FONT, (sheet.title, cell.coordinate)
                    # A theme font would be swapped for the theme's Khmer font by Excel.
                    assert cell.font.scheme is None, (sheet.title, cell.coordinate)
    assert khmer_cells > 100  # names of places and units, headers, the About sheet
    # Cells written without a style of their own (most figures) take it too.
    assert workbook._fonts[0].name == KHMER_FONT
    assert workbook._named_styles["Normal"].font.name == KHMER_FONT


def test_times_are_excel_times(exported: Any) -> None:
    workbook, units, _ = exported
    sheet = workbook["CS administration"]
    codes = [c.value for c in next(sheet.iter_rows(min_row=3, max_row=3))]
    column = codes.index("office_open_time")
    entered = {u.code: u.values["office_open_time"] for u in units
               if u.kind == "cs_admin" and u.status and u.values.get("office_open_time")}
    assert entered
    for row in sheet.iter_rows(min_row=4):
        code = row[codes.index("unit_code")].value
        cell = row[column]
        if code in entered:
            assert isinstance(cell.value, dt.time) and cell.number_format == "hh:mm"
            assert cell.value == dt.datetime.strptime(entered[code], "%H:%M").time()
        else:
            assert cell.value is None


def _with_one_official(definition: FormDefinition, official: str) -> FormDefinition:
    """`definition` with the standard of `official` official (with its source) and every
    other standard proposed by someone."""
    source = copy.deepcopy(dict(definition.source))
    for section in source["sections"]:
        for indicator in section["indicators"]:
            standard = indicator.get("standard")
            if standard is None:
                continue
            if indicator["code"] == official:
                standard.update(status="official", source={
                    "document": "Ministry of Health, Fast Track Road Map", "date": "2016"})
            else:
                standard.update(status="proposed",
                                source={"proposed_by": "the ISAF working group"})
    return build_definition(source, filename=f"{definition.form}@{definition.version}")


def _proposed_export(tmp_path: Path, forms: dict[str, FormDefinition],
                     proposed: bool) -> tuple[Any, FormDefinition, list[UnitReport]]:
    health = _with_one_official(forms["health_center"], "anc1_coverage")
    units = [u for u in make_units(forms) if u.kind == "health_center"]
    info = ExportInfo(year=2026, services=("health_center",),
                      generated_by_role="national_admin", proposed_standards=proposed)
    path = tmp_path / f"proposed-{proposed}.xlsx"
    write_national_workbook(path, info=info, definitions={"health_center": [health]},
                            units=iter(units))
    return load_workbook(path), health, units


def test_proposed_standards_are_marked_wherever_they_are_judged(
        tmp_path: Path, forms_by_kind: dict[str, FormDefinition]) -> None:
    workbook, health, _ = _proposed_export(tmp_path, forms_by_kind, proposed=True)
    english, khmer, codes = (list(r) for r in workbook["Health centers"].iter_rows(
        max_row=3, values_only=True))
    official = codes.index("anc1_coverage:met")
    # The standard in words with its unit, as on the poster; official: no mark.
    assert english[official] == (f"Standard met: {health.indicator('anc1_coverage').label.en}"
                                 " (at least 90.0%)")
    assert "(យ៉ាងតិច ៩០.០%)" in khmer[official]
    assert "proposed" not in english[official] and "ស្តង់ដារស្នើ" not in khmer[official]
    proposed = codes.index("anc4_coverage:met")
    assert english[proposed].endswith("(at least 80.0%) [proposed standard]")
    assert khmer[proposed].endswith("(យ៉ាងតិច ៨០.០%) [ស្តង់ដារស្នើ]")
    judged = [i for i in health.indicators() if i.standard is not None]
    assert sum(1 for c in codes if c and c.endswith(":met")) == len(judged)
    # Summary: the legend, and every proposed standard's header marked in both languages.
    rows = list(workbook["Summary"].iter_rows(values_only=True))
    texts = [v for r in rows for v in r if isinstance(v, str)]
    assert any(t.startswith("[proposed standard] = Proposed standard: not yet an official")
               for t in texts)
    header = next(r for r in rows if r[0] == "Province code" and r[3] == "Units reported")
    marked = [h for h in header[4:] if h and h.endswith("[proposed standard]")]
    # Every standard but the official one, and "All standards", which counts them too.
    assert len(marked) == (len(judged) - 1) + 1
    anc1_label = health.indicator("anc1_coverage").label.en
    assert f"{anc1_label} (at least 90.0%): share met" in header
    assert next(r for r in rows if r[0] == "Province code")[3].endswith(
        "all standards [proposed standard]")
    # About: each standard with its status and source.
    about = {r[0]: r[1:] for r in workbook["About"].iter_rows(values_only=True) if r[0]}
    anc1 = about["health_center: anc1_coverage"]
    assert "Official standard" in anc1[0] and "Fast Track Road Map (2016)" in anc1[0]
    assert "ស្តង់ដារផ្លូវការ" in anc1[1]
    anc4 = about["health_center: anc4_coverage"]
    assert "Proposed standard" in anc4[0] and "proposed by the ISAF working group" in anc4[0]
    assert "not judged" not in anc4[0]


def test_without_proposed_standards_only_official_ones_are_judged(
        tmp_path: Path, forms_by_kind: dict[str, FormDefinition]) -> None:
    workbook, health, units = _proposed_export(tmp_path, forms_by_kind, proposed=False)
    codes = list(next(workbook["Health centers"].iter_rows(min_row=3, max_row=3,
                                                            values_only=True)))
    assert [c for c in codes if c and c.endswith(":met")] == ["anc1_coverage:met"]
    rows = list(workbook["Summary"].iter_rows(values_only=True))
    texts = [v for r in rows for v in r if isinstance(v, str)]
    assert not any("[proposed standard]" in t or "[ស្តង់ដារស្នើ]" in t for t in texts)
    assert any(t.startswith("Proposed standards are not judged in this export") for t in texts)
    # The summary's share of all standards met counts the official standard alone.
    anc1 = health.indicator("anc1_coverage")
    verdicts = [anc1.standard.is_met(compute(health, u.values).get("anc1_coverage"))  # type: ignore[union-attr]
                for u in units if u.status in REPORTED and u.province.code == "01"]
    judged = [v for v in verdicts if v is not None]
    assert judged
    overview = next(i for i, r in enumerate(rows) if r[0] == "Province code")
    assert rows[overview + 1][0] == "01"
    assert rows[overview + 1][3] == pytest.approx(sum(judged) / len(judged))
    about = {r[0]: r[1:] for r in workbook["About"].iter_rows(values_only=True) if r[0]}
    assert "Proposed standards are not judged" in about["Standards"][0]
    assert about["health_center: anc4_coverage"][0].endswith("not judged in this export.")
    assert not about["health_center: anc1_coverage"][0].endswith("not judged in this export.")


def test_the_workbook_gets_the_permissions_of_every_other_document(
        tmp_path: Path, forms_by_kind: dict[str, FormDefinition]) -> None:
    previous = os.umask(0o022)
    try:
        write_bytes_atomic(tmp_path / "poster.pdf", b"%PDF-1.4")
        write(tmp_path / "national.xlsx", forms_by_kind, make_units(forms_by_kind, count=6))
    finally:
        os.umask(previous)
    modes = {name: (tmp_path / name).stat().st_mode & 0o777
             for name in ("poster.pdf", "national.xlsx")}
    assert modes == {"poster.pdf": 0o644, "national.xlsx": 0o644}
