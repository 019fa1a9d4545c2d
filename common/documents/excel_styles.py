"""How the national Excel report's cells look: header fonts and fills, number formats, and
the styled cells every sheet of the report shares."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill

from common.documents.openpyxl_internals import WriteOnlyWorksheet

RIEL_FORMAT = "#,##0"
SHARE_FORMAT = "0.0%"

HEADER_FONT = Font(bold=True)
TITLE_FONT = Font(bold=True, size=14)
#: English header rows; Khmer header rows are a lighter blue.
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
KM_FILL = PatternFill("solid", fgColor="EEF5FB")
_WRAP = Alignment(wrap_text=True, vertical="top")


def header_cells(sheet: WriteOnlyWorksheet, texts: Sequence[str | None],
                 fill: PatternFill | None, *, font: Font = HEADER_FONT) -> list[Any]:
    """A header row: bold, wrapped text on `fill`."""
    cells = []
    for text in texts:
        cell = WriteOnlyCell(sheet, value=text)
        cell.font = font
        cell.alignment = _WRAP
        if fill is not None:
            cell.fill = fill
        cells.append(cell)
    return cells


def styled(sheet: WriteOnlyWorksheet, value: Any, number_format: str | None = None,
           font: Font | None = None) -> Any:
    """`value` in a cell with that format or font; the bare value when it needs neither
    (or is empty), since a plain value costs openpyxl far less than a styled cell."""
    if value is None or (number_format is None and font is None):
        return value
    cell = WriteOnlyCell(sheet, value=value)
    if number_format is not None:
        cell.number_format = number_format
    if font is not None:
        cell.font = font
    return cell
