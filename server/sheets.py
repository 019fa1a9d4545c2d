"""Reading an administrator's Excel sheet of records (accounts, units): the first sheet,
a header row naming the columns, one record per row."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from openpyxl import load_workbook


class SheetError(ValueError):
    """A sheet that cannot be read as records; nothing was changed."""


def cell(value: Any) -> str:
    """A cell as text: a code typed as a number loses its '.0', spaces are trimmed."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def read_records(path: Path, *, required: Sequence[str],
                 columns: Sequence[str]) -> Iterator[tuple[int, dict[str, str]]]:
    """(row number, {column: text}) for every non-empty row of the first sheet."""
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
        raise SheetError(f"{path.name}: not an Excel workbook ({exc})") from None
    try:
        rows = list(workbook.worksheets[0].iter_rows(values_only=True))
    finally:
        workbook.close()
    if not rows:
        raise SheetError(f"{path.name}: the first sheet is empty")
    header = [cell(c).lower() for c in rows[0]]
    missing = [c for c in required if c not in header]
    if missing:
        raise SheetError(f"row 1: missing column(s) {', '.join(missing)}; "
                         f"the columns are {', '.join(columns)}")
    for number, row in enumerate(rows[1:], start=2):
        record = {name: cell(row[i]) if i < len(row) else "" for i, name in enumerate(header)}
        if any(record.values()):
            yield number, record
