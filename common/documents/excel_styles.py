"""How the national Excel report's cells look: the font, header fills, number formats, and
the styled cells every sheet of the report shares.

Every cell is in `KHMER_FONT` ("Leelawadee UI"), the workbook's default font as well as
the headers' and titles': it has Khmer and Latin letters and is installed on every
Windows 10 and 11 computer. Why this font, and what LibreOffice does without it:
docs/EXPORTS.md ("Fonts")."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill

from common.documents.openpyxl_internals import WriteOnlyWorksheet

RIEL_FORMAT = "#,##0"
SHARE_FORMAT = "0.0%"
#: A time of day (opening hours), stored as a real Excel time.
TIME_FORMAT = "hh:mm"

#: The font of every cell (docs/EXPORTS.md, "Fonts").
KHMER_FONT = "Leelawadee UI"
#: The workbook's default font. No theme scheme: a theme font would make Excel draw Khmer
#: in the theme's Khmer font (DaunPenh, tiny, and missing from a stock Windows 10 or 11).
BODY_FONT = Font(name=KHMER_FONT, size=11, family=2)
HEADER_FONT = Font(name=KHMER_FONT, size=11, family=2, bold=True)
TITLE_FONT = Font(name=KHMER_FONT, size=14, family=2, bold=True)
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
