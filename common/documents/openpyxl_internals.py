"""The parts of openpyxl's internals the national Excel report relies on for speed.

A national export writes about a quarter of a million formatted figures (Riel, percent).
Through openpyxl's documented path each would be a fresh styled `WriteOnlyCell`, whose
style openpyxl hashes again when it writes it, and which its write-only sheet recognises
only after trying to store the cell as a plain value and catching the error. This module
writes such figures through one reused `TemplateCell` per column instead, and replaces the
sheet's row builder with `_values_to_row` below, a copy of openpyxl's that passes a
template cell straight through.

Everything here reaches into openpyxl's undocumented internals: the private module
`openpyxl.worksheet._write_only`, `WriteOnlyWorksheet._values_to_row`, the workbook's
`_cell_styles` and `_fonts` tables and its `_named_styles`, a cell's `_style` and
`_value`, and `ILLEGAL_CHARACTERS_RE`. It was
written for `OPENPYXL_VERSION`, the version pinned in setup.cfg;
tests/common/documents/test_openpyxl_internals.py fails when another version is
installed or when any of these internals is gone or behaves differently. Nothing else in
the project touches openpyxl's internals.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from types import MethodType
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils.indexed_list import IndexedList
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

#: The openpyxl version this module was written and checked against (setup.cfg pins it).
OPENPYXL_VERSION = "3.1.5"


def clean_text(text: str) -> str:
    """Text Excel can store: control characters (never typed on purpose) are dropped."""
    cleaned: str = ILLEGAL_CHARACTERS_RE.sub("", text)
    return cleaned


class TemplateCell(Cell):  # type: ignore[misc]  # openpyxl ships no type information
    """The styled cell of one formatted column, given a new value for every row.

    openpyxl's write-only sheet recognises a styled cell by first trying to store it as a
    plain value and catching the error, whose message includes the cell's repr; a constant
    repr keeps that detour cheap wherever it still happens. The style never changes, so
    its index in the workbook's style table is looked up once, not for every cell written
    (openpyxl hashes the style array each time it asks).
    """

    def __init__(self, sheet: WriteOnlyWorksheet, number_format: str) -> None:
        super().__init__(sheet)
        self.number_format = number_format
        self._style_id: int = sheet.parent._cell_styles.add(self._style)

    def holding(self, value: Any) -> TemplateCell:
        """This cell, now holding `value` (for the next row written)."""
        if type(value) is int or type(value) is float:
            # What openpyxl's value setter does for a number, without its checks.
            self._value = value
            self.data_type = "n"
        else:
            self.value = value
        return self

    @property
    def style_id(self) -> int:
        return self._style_id

    @property
    def has_style(self) -> bool:
        return True

    def __repr__(self) -> str:
        return "<export template cell>"


def set_default_font(workbook: Workbook, font: Font) -> None:
    """Make `font` the font of every cell without a font of its own and of the workbook's
    "Normal" style, in a workbook that has no styled cell yet.

    openpyxl has no documented way to do this: a cell without a style uses the first font
    of the workbook's font table, which openpyxl fills with Calibri tied to the theme, and
    Excel draws Khmer in a theme font with the theme's Khmer font (DaunPenh), or whatever
    it finds when that is missing. The table is replaced here before anything refers to
    it, and the "Normal" style, which Excel also measures column widths with, follows.
    """
    if len(workbook._fonts) != 1 or len(workbook._cell_styles) != 1:
        raise ValueError("the default font can only be set before any cell is styled")
    workbook._fonts = IndexedList([font])
    # Setting a bound named style's font adds it to the table: index 0, the same font.
    workbook._named_styles["Normal"].font = font


def pass_template_cells(sheet: WriteOnlyWorksheet) -> None:
    """Make `sheet.append` take `TemplateCell`s straight through (see `_values_to_row`)."""
    sheet._values_to_row = MethodType(_values_to_row, sheet)


def _values_to_row(sheet: WriteOnlyWorksheet, values: Sequence[Any],
                   row_idx: int) -> Iterator[Cell]:
    """The cells of a data row, as openpyxl 3.1's `WriteOnlyWorksheet._values_to_row`
    makes them, with a template cell passed straight through.

    openpyxl recognises a styled cell by trying to store it as a value and catching the
    error, then makes a fresh cell to go on with: an exception and a new cell for each of
    the quarter of a million formatted figures of a national export. Everything else
    takes openpyxl's own path.
    """
    cell = WriteOnlyCell(sheet)
    for col_idx, value in enumerate(values, 1):
        if value is None:
            continue
        if type(value) is TemplateCell:
            value.column, value.row = col_idx, row_idx
            yield value
            continue
        try:
            cell.value = value
        except ValueError:
            if not isinstance(value, Cell):
                raise
            cell = value
        cell.column, cell.row = col_idx, row_idx
        if cell.hyperlink is not None:
            cell.hyperlink.ref = cell.coordinate
        yield cell
        if cell.has_style or cell.hyperlink:
            cell = WriteOnlyCell(sheet)


__all__ = [
    "OPENPYXL_VERSION",
    "TemplateCell",
    "WriteOnlyWorksheet",
    "clean_text",
    "pass_template_cells",
    "set_default_font",
]
