"""The openpyxl internals behind the national report's fast path
(common/documents/openpyxl_internals.py): the installed openpyxl is the version the module
was written for, every internal it reaches into is still there, and cells written through
it read back exactly as cells written through openpyxl's documented path.

When one of these tests fails after an openpyxl upgrade, do not loosen it: read the new
openpyxl's `WriteOnlyWorksheet._values_to_row`, `Cell._bind_value` and
`StyleableObject.style_id`, bring `openpyxl_internals` in line, then update
`OPENPYXL_VERSION`, the pin in setup.cfg and the fingerprints below together.
"""

from __future__ import annotations

import configparser
import datetime as dt
import hashlib
import importlib
import inspect
import io
import re
from pathlib import Path
from typing import Any, NoReturn

import openpyxl
import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.cell import cell as openpyxl_cell
from openpyxl.styles import Font
from openpyxl.styles.styleable import StyleableObject

SETUP_CFG = Path(__file__).resolve().parents[3] / "setup.cfg"

#: sha256 (first 16 hex digits) of the source of each openpyxl internal the fast path
#: copies or stands in for, by module and name, as in the version it was written for.
FINGERPRINTS: dict[tuple[str, str], str] = {
    ("openpyxl.worksheet._write_only", "WriteOnlyWorksheet._values_to_row"): "1730ae9899d31788",
    ("openpyxl.cell.cell", "Cell._bind_value"): "f6e44c69a209a48f",
    ("openpyxl.styles.styleable", "StyleableObject.style_id"): "b55df2adfdf835b3",
    ("openpyxl.styles.styleable", "StyleableObject.has_style"): "f77e4a2fd7610ee3",
}

UPGRADE = ("common/documents/openpyxl_internals.py reaches into openpyxl's internals and "
           "was written for openpyxl {expected}; {problem}. Check the module against this "
           "openpyxl (see this test file's docstring) before changing the pin.")


def _fail(problem: str, expected: str | None = None) -> NoReturn:
    expected = expected or openpyxl_internals.OPENPYXL_VERSION
    pytest.fail(UPGRADE.format(expected=expected, problem=problem), pytrace=False)


try:
    from common.documents import openpyxl_internals
except ImportError as error:  # an internal it imports is gone
    _fail(f"importing it fails with openpyxl {openpyxl.__version__}: {error}",
          expected="the version in its OPENPYXL_VERSION")

OPENPYXL_VERSION = openpyxl_internals.OPENPYXL_VERSION
TemplateCell = openpyxl_internals.TemplateCell
WriteOnlyWorksheet = openpyxl_internals.WriteOnlyWorksheet
clean_text = openpyxl_internals.clean_text
pass_template_cells = openpyxl_internals.pass_template_cells
set_default_font = openpyxl_internals.set_default_font


def test_installed_openpyxl_is_the_version_the_fast_path_was_written_for() -> None:
    if openpyxl.__version__ != OPENPYXL_VERSION:
        _fail(f"openpyxl {openpyxl.__version__} is installed")


def test_setup_cfg_pins_the_version_the_fast_path_was_written_for() -> None:
    config = configparser.ConfigParser()
    config.read(SETUP_CFG, encoding="utf-8")
    requirements = config["options"]["install_requires"]
    pins = re.findall(r"^\s*openpyxl\s*==\s*([\w.]+)\s*$", requirements, re.MULTILINE)
    if pins != [OPENPYXL_VERSION]:
        _fail(f"setup.cfg pins openpyxl as {pins or 'nothing'}")


def test_the_internals_the_fast_path_reaches_into_are_there() -> None:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("check")
    missing = []
    if not inspect.isgeneratorfunction(getattr(WriteOnlyWorksheet, "_values_to_row", None)):
        missing.append("the generator WriteOnlyWorksheet._values_to_row")
    if not callable(getattr(getattr(workbook, "_cell_styles", None), "add", None)):
        missing.append("Workbook._cell_styles.add")
    if not callable(getattr(getattr(workbook, "_fonts", None), "add", None)):
        missing.append("Workbook._fonts.add")
    try:
        workbook._named_styles["Normal"].font  # noqa: B018  # only whether it is there
    except (AttributeError, KeyError, TypeError):
        missing.append('Workbook._named_styles["Normal"].font')
    for name in ("_style", "_value", "data_type", "row", "column"):
        if name not in getattr(Cell, "__slots__", ()) + StyleableObject.__slots__:
            missing.append(f"the cell slot {name}")
    for name in ("style_id", "has_style"):
        if not isinstance(getattr(StyleableObject, name, None), property):
            missing.append(f"the property StyleableObject.{name}")
    if not isinstance(sheet, WriteOnlyWorksheet):
        missing.append("write-only sheets of class WriteOnlyWorksheet")
    if not isinstance(getattr(openpyxl_cell, "ILLEGAL_CHARACTERS_RE", None), re.Pattern):
        missing.append("openpyxl.cell.cell.ILLEGAL_CHARACTERS_RE")
    workbook.save(io.BytesIO())  # closes the sheet's temporary file
    if missing:
        _fail("these are gone or changed: " + ", ".join(missing))


def _source_digest(module: str, name: str) -> str | None:
    """The fingerprint of `module`.`name`'s source; None when it is gone."""
    try:
        found: Any = importlib.import_module(module)
        for part in name.split("."):
            found = getattr(found, part)
    except (ImportError, AttributeError):
        return None
    if isinstance(found, property):
        found = found.fget
    return hashlib.sha256(inspect.getsource(found).encode()).hexdigest()[:16]


def test_the_openpyxl_code_the_fast_path_copies_is_unchanged() -> None:
    changed = [f"{module}.{name}" for (module, name), digest in FINGERPRINTS.items()
               if _source_digest(module, name) != digest]
    if changed:
        _fail("the source of these changed or is gone: " + ", ".join(changed))


def _documented(sheet: WriteOnlyWorksheet, value: Any, number_format: str) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=value)
    cell.number_format = number_format
    return cell


ROWS: list[list[Any]] = [
    [1250000, 0.125, "text", None, True, 7],
    [3.5, 1, "ឃុំបន្ទាយនាង", 12, False, None],
    [None, None, None, None, None, None],
    [0, 0.0, "=not a formula?", dt.date(2026, 3, 15), None, 2.25],
]


def _write(fast: bool) -> bytes:
    """ROWS in a write-only workbook: columns 1 and 2 formatted, column 4 bold."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("figures")
    if fast:
        pass_template_cells(sheet)
        riel, share = TemplateCell(sheet, "#,##0"), TemplateCell(sheet, "0.0%")
    for values in ROWS:
        row: list[Any] = list(values)
        for column, number_format in ((0, "#,##0"), (1, "0.0%")):
            if row[column] is None:
                continue
            if fast:
                row[column] = (riel if column == 0 else share).holding(row[column])
            else:
                row[column] = _documented(sheet, row[column], number_format)
        if row[3] is not None:
            bold = WriteOnlyCell(sheet, value=row[3])
            bold.font = Font(bold=True)
            row[3] = bold
        sheet.append(row)
    target = io.BytesIO()
    workbook.save(target)
    return target.getvalue()


def _cells(data: bytes) -> list[list[tuple[Any, str, str, bool]]]:
    sheet = load_workbook(io.BytesIO(data))["figures"]
    return [[(c.value, c.data_type, c.number_format, bool(c.font and c.font.b)) for c in row]
            for row in sheet.iter_rows(min_row=1, max_row=len(ROWS), max_col=len(ROWS[0]))]


def test_cells_written_through_the_fast_path_read_back_as_written() -> None:
    fast, documented = _cells(_write(fast=True)), _cells(_write(fast=False))
    if fast != documented:
        _fail("a workbook written through the fast path reads back differently from one "
              f"written through openpyxl's documented path:\n{fast}\n!=\n{documented}")
    assert fast[0][0] == (1250000, "n", "#,##0", False)
    assert fast[0][1] == (0.125, "n", "0.0%", False)
    assert fast[1][0] == (3.5, "n", "#,##0", False)
    assert fast[1][3] == (12, "n", "General", True)
    assert fast[2] == [(None, "n", "General", False)] * len(ROWS[0])
    assert fast[3][2][:2] == ("=not a formula?", "f")


def test_a_template_cell_keeps_its_style_index_and_takes_any_value() -> None:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("check")
    template = TemplateCell(sheet, "#,##0")
    assert template.style_id == workbook._cell_styles.add(template._style)
    assert template.has_style
    assert template.holding(5) is template and (template.value, template.data_type) == (5, "n")
    assert (template.holding("x").value, template.data_type) == ("x", "s")
    assert (template.holding(2.5).value, template.data_type) == (2.5, "n")
    workbook.save(io.BytesIO())


def test_clean_text_drops_control_characters_only() -> None:
    assert clean_text("ឃុំ\x00 Banteay\x07 Neang\n") == "ឃុំ Banteay Neang\n"


def test_the_default_font_reaches_unstyled_cells_and_the_normal_style() -> None:
    workbook = Workbook(write_only=True)
    font = Font(name="Leelawadee UI", size=11, family=2)
    set_default_font(workbook, font)
    sheet = workbook.create_sheet("figures")
    pass_template_cells(sheet)
    bold = WriteOnlyCell(sheet, value="ក្បាល")
    bold.font = Font(name="Leelawadee UI", bold=True)
    sheet.append(["ឃុំបន្ទាយនាង", 7, TemplateCell(sheet, "#,##0").holding(1250000), bold])
    target = io.BytesIO()
    workbook.save(target)
    reread = load_workbook(io.BytesIO(target.getvalue()))
    cells = next(reread["figures"].iter_rows())
    assert [(c.font.name, c.font.b) for c in cells] == [
        ("Leelawadee UI", False), ("Leelawadee UI", False), ("Leelawadee UI", False),
        ("Leelawadee UI", True)]
    assert cells[0].font.scheme is None  # not the theme's font, which Excel would swap
    assert reread._named_styles["Normal"].font.name == "Leelawadee UI"
    # Too late once a style refers to the font table.
    with pytest.raises(ValueError, match="before any cell is styled"):
        set_default_font(workbook, font)
