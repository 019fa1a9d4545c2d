"""The national Excel report: one workbook of every unit's yearly figures, for national,
provincial and district staff.

The builder takes plain records (`UnitReport`, one per service unit, with the entered
values of its form of the year) from any iterable, so the server (its database) and the
desktop client (its local store) feed it the same way. Rows are streamed into openpyxl's
write-only worksheets: memory stays flat however many units the country has, and only
small counters (completeness per district, standards met per province) are kept until the
end.

Sheets: "About" (what the export contains), "Summary" (share of reported units meeting
each standard per province, with a chart), "Completeness" (per province and district),
and one sheet per service kind with one row per unit. Totals, computed indicators and
standards are worked out here with the shared engine (`common.forms.validation`), from the
definition version each form was entered against, exactly as the client and the poster do.

No personal data ever reaches the workbook: indicators marked `personal` and every free
text indicator (which can hold a person's name or phone number) are left out, and the
records carry no user, facilitator or phone at all.
"""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from types import MethodType
from typing import Any, BinaryIO

from openpyxl import Workbook
from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from common.db import utc_now
from common.files import replacing
from common.forms.definition import FormDefinition, Indicator, Standard
from common.forms.validation import compute, field_label
from common.khmer import to_cambodia_time, to_khmer_digits
from common.roles import ROLES
from common.units.models import UNIT_KINDS
from common.workflow import STATUS_NAMES

#: The service kinds in the order their sheets appear.
SERVICE_ORDER: tuple[str, ...] = ("cs_admin", "health_center", "primary_school")
SHEET_TITLES: dict[str, str] = {
    "cs_admin": "CS administration",
    "health_center": "Health centers",
    "primary_school": "Primary schools",
}
#: Forms whose figures count in the summary: those that left the unit for review.
#: (A draft may be half typed; a returned form was sent back because something was wrong.)
REPORTED: frozenset[str] = frozenset({"submitted", "approved", "published"})
MISSING = "missing"

RIEL_FORMAT = "#,##0"
SHARE_FORMAT = "0.0%"
CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

_HEADER_FONT = Font(bold=True)
_TITLE_FONT = Font(bold=True, size=14)
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_KM_FILL = PatternFill("solid", fgColor="EEF5FB")
_WRAP = Alignment(wrap_text=True, vertical="top")
_DIRECTION = {"at_least": ("at least", "យ៉ាងតិច"), "at_most": ("at most", "មិនលើស"),
              "equal": ("equal to", "ស្មើ")}


# --------------------------------------------------------------------------- input records


@dataclass(frozen=True)
class Place:
    """A province, district or commune: its official code and names."""

    code: str
    name_km: str
    name_en: str


@dataclass(frozen=True)
class UnitReport:
    """One service unit and its form of the year, as the export reads it.

    `values` are the form's entered values by field ('anc1', 'staff.female'), normalised
    as stored; totals and computed indicators are worked out by the builder. A unit with no
    form for the year has `status` None.
    """

    province: Place
    district: Place
    commune: Place
    code: str
    name_km: str
    name_en: str
    kind: str
    active: bool = True
    status: str | None = None
    definition_version: int | None = None
    values: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class ExportInfo:
    """What the export is: shown on its "About" sheet. Never a person's name or phone."""

    year: int
    services: tuple[str, ...]
    #: The role of whoever asked for it ('national_admin'), not who they are.
    generated_by_role: str
    #: The area the export covers; None for the whole country.
    scope: Place | None = None
    #: Where the figures come from ('server database', 'desktop client, local data').
    source: str = "server database"
    generated_at: datetime = field(default_factory=utc_now)


@dataclass(frozen=True)
class ExportResult:
    """What was written."""

    units: int
    forms: int
    units_per_service: Mapping[str, int]


class ExportCancelledError(Exception):
    """The person cancelled the export; nothing was left at the target."""


ProgressCallback = Callable[[int, int], None]


def exported_indicator(indicator: Indicator) -> bool:
    """Whether an indicator goes into a national export: never personal data, and never
    free text, which can hold a person's name or phone number."""
    return not indicator.personal and indicator.type != "text"


# --------------------------------------------------------------------------- columns


@dataclass(frozen=True)
class _Column:
    """One column of a service sheet."""

    key: str
    header_en: str
    header_km: str
    width: float
    number_format: str | None = None


_IDENTITY: tuple[_Column, ...] = (
    _Column("province_code", "Province code", "លេខកូដខេត្ត/រាជធានី", 10),
    _Column("province_km", "Province (Khmer)", "ខេត្ត/រាជធានី", 20),
    _Column("province_en", "Province", "ខេត្ត/រាជធានី (អង់គ្លេស)", 18),
    _Column("district_code", "District code", "លេខកូដស្រុក/ក្រុង/ខណ្ឌ", 10),
    _Column("district_km", "District (Khmer)", "ស្រុក/ក្រុង/ខណ្ឌ", 20),
    _Column("district_en", "District", "ស្រុក/ក្រុង/ខណ្ឌ (អង់គ្លេស)", 18),
    _Column("commune_code", "Commune code", "លេខកូដឃុំ/សង្កាត់", 10),
    _Column("commune_km", "Commune (Khmer)", "ឃុំ/សង្កាត់", 20),
    _Column("commune_en", "Commune", "ឃុំ/សង្កាត់ (អង់គ្លេស)", 18),
    _Column("unit_code", "Unit code", "លេខកូដអង្គភាព", 13),
    _Column("unit_km", "Unit (Khmer)", "ឈ្មោះអង្គភាព", 30),
    _Column("unit_en", "Unit", "ឈ្មោះអង្គភាព (អង់គ្លេស)", 30),
    _Column("active", "Active unit", "អង្គភាពសកម្ម", 8),
    _Column("status", "Form status", "ស្ថានភាពទម្រង់", 11),
    _Column("definition_version", "Form version", "ជំនាន់ទម្រង់", 8),
)

#: How a value is written: conversion codes of `_convert`.
_CONVERSION = {"count": "number", "money": "number", "percent": "percent", "ratio": "number",
               "yes_no": "plain", "time": "plain", "choice": "choice"}


def _number_format(indicator: Indicator) -> str | None:
    """Riel grouped without decimals, percentages as percent; counts and ratios stay in
    Excel's General format, which shows them as they are (a styled cell costs openpyxl
    several times a plain one, and counts are most of the cells)."""
    if indicator.type == "money":
        return RIEL_FORMAT
    if indicator.type == "percent":
        decimals = indicator.effective_decimals
        return f"0{'.' + '0' * decimals if decimals else ''}%"
    return None


def _unit_suffix(indicator: Indicator) -> tuple[str, str]:
    if indicator.type == "money":
        return " [KHR]", " [រៀល]"
    if indicator.type == "percent":
        return " [%]", " [%]"
    if indicator.unit is not None:
        return f" [{indicator.unit.en}]", f" [{indicator.unit.km}]"
    return "", ""


def _standard_text(standard: Standard) -> tuple[str, str]:
    target = standard.target
    if isinstance(target, bool):
        en_value, km_value = ("yes", "បាទ/ចាស") if target else ("no", "ទេ")
    else:
        en_value = str(target)
        km_value = to_khmer_digits(str(target))
    en, km = _DIRECTION[standard.direction]
    return f"{en} {en_value}", f"{km} {km_value}"


def _indicator_columns(indicator: Indicator) -> list[_Column]:
    en_unit, km_unit = _unit_suffix(indicator)
    width = 14.0 if indicator.type in ("count", "money", "percent", "ratio") else 11.0
    columns = []
    for key in indicator.fields:
        label = field_label(indicator, key)
        if indicator.disaggregation and key == indicator.code:
            label = type(label)(km=f"{label.km} (សរុប)", en=f"{label.en} (total)")
        columns.append(_Column(key, label.en + en_unit, label.km + km_unit, width,
                               _number_format(indicator)))
    if indicator.standard is not None:
        en, km = _standard_text(indicator.standard)
        columns.append(_Column(f"{indicator.code}:met",
                               f"Standard met: {indicator.label.en} ({en})",
                               f"សម្រេចស្តង់ដារ៖ {indicator.label.km} ({km})", 12))
    return columns


class _ServiceSheet:
    """The sheet of one service kind: its columns, how each definition version fills them,
    and the counters the summary needs."""

    def __init__(self, workbook: Workbook, kind: str,
                 definitions: Sequence[FormDefinition]) -> None:
        self.kind = kind
        self.sheet: WriteOnlyWorksheet = workbook.create_sheet(SHEET_TITLES[kind])
        # Rows of this sheet are appended through `_values_to_row` below (see there).
        self.sheet._values_to_row = MethodType(_values_to_row, self.sheet)  # type: ignore[method-assign]
        # Newest version first: its columns lead, and columns only older versions had
        # follow, so every figure entered against any version has a place.
        ordered = sorted(definitions, key=lambda d: d.version, reverse=True)
        self.columns: list[_Column] = list(_IDENTITY)
        self.standards: list[tuple[str, str, str]] = []  # (indicator code, label en, km)
        seen: set[str] = set()
        for definition in ordered:
            for indicator in definition.indicators():
                if not exported_indicator(indicator) or indicator.code in seen:
                    continue
                seen.add(indicator.code)
                self.columns.extend(_indicator_columns(indicator))
                if indicator.standard is not None:
                    self.standards.append((indicator.code, indicator.label.en,
                                           indicator.label.km))
        self.index = {column.key: i for i, column in enumerate(self.columns)}
        self.versions = {d.version: d for d in ordered}
        # One styled cell per formatted column, given each row's value in turn: styling a
        # fresh cell for every value would cost more than writing it.
        self.templates: dict[int, _TemplateCell] = {
            i: _TemplateCell(self.sheet, column.number_format)
            for i, column in enumerate(self.columns) if column.number_format is not None}
        self.plans = {d.version: self._plan(d) for d in ordered}
        self.rows = 0
        self.forms = 0

    def _plan(self, definition: FormDefinition) -> _Plan:
        """Where each exported field of a version goes, grouped by how it is written."""
        plain: list[tuple[int, str]] = []
        formatted: list[tuple[int, _TemplateCell, str, int]] = []
        choices: list[tuple[int, str, dict[str, str]]] = []
        standards: list[tuple[int, str, Standard]] = []
        for indicator in definition.indicators():
            if not exported_indicator(indicator):
                continue
            conversion = _CONVERSION[indicator.type]
            for key in indicator.fields:
                column = self.index[key]
                template = self.templates.get(column)
                if conversion == "choice":
                    choices.append((column, key, {c.code: c.label.en
                                                  for c in indicator.choices}))
                elif template is not None:
                    formatted.append((column, template, key,
                                      100 if conversion == "percent" else 0))
                else:
                    plain.append((column, key))
            if indicator.standard is not None:
                standards.append((self.index[f"{indicator.code}:met"], indicator.code,
                                  indicator.standard))
        return _Plan(tuple(plain), tuple(formatted), tuple(choices), tuple(standards))

    def start(self) -> None:
        """Column widths, frozen headers and the header rows (before any data row)."""
        sheet = self.sheet
        for i, column in enumerate(self.columns, 1):
            sheet.column_dimensions[get_column_letter(i)].width = column.width
        sheet.freeze_panes = "A4"
        sheet.append(_header_cells(sheet, [c.header_en for c in self.columns], _HEADER_FILL))
        sheet.append(_header_cells(sheet, [c.header_km for c in self.columns], _KM_FILL))
        sheet.append(_header_cells(sheet, [c.key for c in self.columns], None))

    def finish(self) -> None:
        """The auto-filter over the field-code row and every data row."""
        last = get_column_letter(len(self.columns))
        self.sheet.auto_filter.ref = f"A3:{last}{3 + self.rows}"


class _TemplateCell(Cell):
    """The styled cell of one formatted column, given a new value for every row.

    openpyxl's write-only sheet recognises a styled cell by first trying to store it as a
    plain value and catching the error, whose message includes the cell's repr; a constant
    repr keeps that detour cheap over hundreds of thousands of cells. The style never
    changes, so its index in the workbook's style table is looked up once, not for every
    cell written (openpyxl hashes the style array each time it asks).
    """

    __slots__ = ("_style_id",)

    def __init__(self, sheet: WriteOnlyWorksheet, number_format: str) -> None:
        super().__init__(sheet)
        self.number_format = number_format
        self._style_id: int = sheet.parent._cell_styles.add(self._style)

    @property
    def style_id(self) -> int:
        return self._style_id

    @property
    def has_style(self) -> bool:
        return True

    def __repr__(self) -> str:
        return "<export template cell>"


def _values_to_row(sheet: WriteOnlyWorksheet, values: Sequence[Any],
                   row_idx: int) -> Iterator[Cell]:
    """The cells of a data row, as openpyxl 3.1's `WriteOnlyWorksheet._values_to_row`
    makes them, with a template cell passed straight through.

    openpyxl recognises a styled cell by trying to store it as a value and catching the
    error, then makes a fresh cell to go on with: an exception and a new cell for each of
    the quarter of a million formatted figures of a national export. Everything else
    takes openpyxl's own path (pinned in setup.cfg; the export tests reopen every workbook
    and compare it with the database).
    """
    cell = WriteOnlyCell(sheet)
    for col_idx, value in enumerate(values, 1):
        if value is None:
            continue
        if type(value) is _TemplateCell:
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


@dataclass(frozen=True)
class _Plan:
    """How the exported fields of one definition version fill a row: by column index,
    plain values (counts, ratios, yes/no, times), values through a formatted column's
    template (money; percentages, divided by 100 into a share), choices as their English
    label, and the standard-met columns."""

    plain: tuple[tuple[int, str], ...]
    formatted: tuple[tuple[int, _TemplateCell, str, int], ...]
    choices: tuple[tuple[int, str, dict[str, str]], ...]
    standards: tuple[tuple[int, str, Standard], ...]


def _header_cells(sheet: WriteOnlyWorksheet, texts: Sequence[str | None],
                  fill: PatternFill | None, *, font: Font = _HEADER_FONT) -> list[Any]:
    cells = []
    for text in texts:
        cell = WriteOnlyCell(sheet, value=text)
        cell.font = font
        cell.alignment = _WRAP
        if fill is not None:
            cell.fill = fill
        cells.append(cell)
    return cells


def _clean(text: str) -> str:
    """Text Excel can store: control characters (never typed on purpose) are dropped."""
    return ILLEGAL_CHARACTERS_RE.sub("", text)


# --------------------------------------------------------------------------- the builder


class _Tally:
    """Counters kept while rows stream: completeness per district and service, and the
    standards met per province and service."""

    def __init__(self) -> None:
        self.completeness: dict[tuple[str, str, str], Counter[str]] = {}
        self.places: dict[str, Place] = {}
        # (kind, province) -> standard code -> [met, assessed]; and units reported.
        self.standards: dict[tuple[str, str], dict[str, list[int]]] = {}
        self.reported: Counter[tuple[str, str]] = Counter()

    def count_unit(self, unit: UnitReport) -> None:
        if not unit.active:
            return  # an inactive unit is not expected to report
        key = (unit.province.code, unit.district.code, unit.kind)
        counts = self.completeness.get(key)
        if counts is None:
            counts = self.completeness[key] = Counter()
            self.places.setdefault(unit.province.code, unit.province)
            self.places.setdefault(unit.district.code, unit.district)
        counts["expected"] += 1
        status = unit.status
        if status is None:
            return
        counts["entered"] += 1
        if status in REPORTED:
            counts["submitted"] += 1
        if status in ("approved", "published"):
            counts["approved"] += 1
        if status == "published":
            counts["published"] += 1


def write_national_workbook(
        target: str | Path | BinaryIO, *, info: ExportInfo,
        definitions: Mapping[str, Sequence[FormDefinition]], units: Iterable[UnitReport],
        total: int | None = None, progress: ProgressCallback | None = None,
        cancelled: Callable[[], bool] | None = None, progress_every: int = 200,
) -> ExportResult:
    """Write the national report of `units` to `target` (a path or a binary file).

    `definitions` gives, per service kind, every definition version the forms were entered
    against (at least the newest, for a kind with no form yet). `units` should come in
    geographic order (commune code, then unit code); units of kinds outside
    `info.services` are skipped. `progress(done, total)` is called every
    `progress_every` units; when `cancelled()` turns true the export stops with
    ExportCancelledError and a path target is left untouched (the workbook is written
    to a temporary file beside it and moved into place only when complete).
    """
    if isinstance(target, str | Path):
        with replacing(target) as temporary:
            return _write(str(temporary), info=info, definitions=definitions, units=units,
                          total=total, progress=progress, cancelled=cancelled,
                          progress_every=progress_every)
    return _write(target, info=info, definitions=definitions, units=units, total=total,
                  progress=progress, cancelled=cancelled, progress_every=progress_every)


def _write(target: str | BinaryIO, *, info: ExportInfo,
           definitions: Mapping[str, Sequence[FormDefinition]], units: Iterable[UnitReport],
           total: int | None, progress: ProgressCallback | None,
           cancelled: Callable[[], bool] | None, progress_every: int) -> ExportResult:
    services = [kind for kind in SERVICE_ORDER if kind in info.services]
    workbook = Workbook(write_only=True)
    about = workbook.create_sheet("About")
    summary = workbook.create_sheet("Summary")
    completeness = workbook.create_sheet("Completeness")
    sheets = {kind: _ServiceSheet(workbook, kind, definitions.get(kind, ()))
              for kind in services}
    for sheet in sheets.values():
        sheet.start()
    tally = _Tally()
    done = 0
    places_clean: dict[str, tuple[str, str]] = {}
    try:
        for unit in units:
            sheet = sheets.get(unit.kind)
            if sheet is None:
                continue
            _write_unit(sheet, unit, tally, places_clean)
            done += 1
            if done % progress_every == 0:
                if cancelled is not None and cancelled():
                    raise ExportCancelledError("the export was cancelled")
                if progress is not None:
                    progress(done, total if total is not None else done)
        if cancelled is not None and cancelled():
            raise ExportCancelledError("the export was cancelled")
    except BaseException:
        _discard(workbook)
        raise
    for sheet in sheets.values():
        sheet.finish()
    _write_summary(summary, sheets, tally, info)
    _write_completeness(completeness, services, tally, info)
    _write_about(about, sheets, info, done)
    workbook.save(target)
    if progress is not None:
        progress(done, total if total is not None else done)
    return ExportResult(units=done, forms=sum(s.forms for s in sheets.values()),
                        units_per_service={k: s.rows for k, s in sheets.items()})


def _discard(workbook: Workbook) -> None:
    """Close an abandoned workbook's sheets and remove their temporary files.

    Each write-only sheet streams into a temporary file through an open generator; left to
    the garbage collector, those close in a random order (noisily) and the files stay
    until the process ends, which on a server is weeks. Saving into memory is openpyxl's
    own way to finish and remove them all.
    """
    with suppress(Exception):
        workbook.save(io.BytesIO())


def _place_names(place: Place, cache: dict[str, tuple[str, str]]) -> tuple[str, str]:
    names = cache.get(place.code)
    if names is None:
        names = cache[place.code] = (_clean(place.name_km), _clean(place.name_en))
    return names


def _write_unit(sheet: _ServiceSheet, unit: UnitReport, tally: _Tally,
                places: dict[str, tuple[str, str]]) -> None:
    row: list[Any] = [None] * len(sheet.columns)
    province, district, commune = unit.province, unit.district, unit.commune
    province_km, province_en = _place_names(province, places)
    district_km, district_en = _place_names(district, places)
    commune_km, commune_en = _place_names(commune, places)
    status = unit.status
    row[0:15] = (province.code, province_km, province_en,
                 district.code, district_km, district_en,
                 commune.code, commune_km, commune_en,
                 unit.code, _clean(unit.name_km), _clean(unit.name_en), unit.active,
                 status or MISSING, unit.definition_version)
    tally.count_unit(unit)
    definition = sheet.versions.get(unit.definition_version or -1)
    if status is not None and definition is not None:
        sheet.forms += 1
        get = compute(definition, unit.values).get
        plan = sheet.plans[definition.version]
        for column, key in plan.plain:
            row[column] = get(key)
        for column, template, key, divisor in plan.formatted:
            value = get(key)
            if value is None:
                continue
            if divisor:
                value = value / divisor
            if type(value) is int or type(value) is float:
                # What openpyxl's value setter would do for a number, without its checks.
                template._value = value
                template.data_type = "n"
            else:
                template.value = value
            row[column] = template
        for column, key, labels in plan.choices:
            value = get(key)
            if value is not None:
                row[column] = labels.get(value, value)
        if unit.active and status in REPORTED:
            area = (unit.kind, province.code)
            tally.reported[area] += 1
            scores = tally.standards.setdefault(area, {})
            for column, code, standard in plan.standards:
                met = row[column] = standard.is_met(get(code))
                score = scores.get(code)
                if score is None:
                    score = scores[code] = [0, 0]
                if met is not None:
                    score[0] += met
                    score[1] += 1
        else:
            for column, code, standard in plan.standards:
                row[column] = standard.is_met(get(code))
    sheet.sheet.append(row)
    sheet.rows += 1


# --------------------------------------------------------------------------- summary sheets


def _share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def _scope_names(info: ExportInfo) -> tuple[str, str]:
    if info.scope is None:
        return "Cambodia (the whole country)", "ព្រះរាជាណាចក្រកម្ពុជា (ទូទាំងប្រទេស)"
    return (f"{info.scope.name_en} ({info.scope.code})",
            f"{info.scope.name_km} ({info.scope.code})")


def _styled(sheet: WriteOnlyWorksheet, value: Any, number_format: str | None = None,
            font: Font | None = None) -> Any:
    if value is None or (number_format is None and font is None):
        return value
    cell = WriteOnlyCell(sheet, value=value)
    if number_format is not None:
        cell.number_format = number_format
    if font is not None:
        cell.font = font
    return cell


def _write_summary(sheet: WriteOnlyWorksheet, sheets: Mapping[str, _ServiceSheet],
                   tally: _Tally, info: ExportInfo) -> None:
    """Share of reported units meeting each standard, per province; a chart of the share
    of all standards met per province and service."""
    kinds = list(sheets)
    provinces = sorted({province for _, province in tally.standards}
                       | {province for province, _, _ in tally.completeness})
    widths = [10, 22, 22] + [16] * max(len(kinds), max(
        (len(s.standards) + 1 for s in sheets.values()), default=1))
    for i, width in enumerate(widths, 1):
        sheet.column_dimensions[get_column_letter(i)].width = width
    sheet.freeze_panes = "A3"
    scope_en, scope_km = _scope_names(info)
    sheet.append([_styled(sheet, f"Standards met, {info.year}: {scope_en}", font=_TITLE_FONT)])
    sheet.append([_styled(sheet, f"ការសម្រេចស្តង់ដារ ឆ្នាំ{to_khmer_digits(info.year)}៖ "
                                 f"{scope_km}", font=_TITLE_FONT)])
    sheet.append(["Share of reported units (forms submitted, approved or published) whose "
                  "figures meet each national standard; a unit without the figure is not "
                  "counted for that standard."])
    sheet.append(["ភាគរយនៃអង្គភាពដែលបានរាយការណ៍ (ទម្រង់បានដាក់ស្នើ អនុម័ត ឬផ្សព្វផ្សាយ) "
                  "ដែលតួលេខសម្រេចតាមស្តង់ដារជាតិនីមួយៗ។"])
    sheet.append([])
    row = 6

    def totals(kind: str, province: str | None) -> tuple[int, int]:
        met = assessed = 0
        for (k, p), scores in tally.standards.items():
            if k == kind and (province is None or p == province):
                for m, a in scores.values():
                    met, assessed = met + m, assessed + a
        return met, assessed

    # The overview table the chart draws: all standards together, per province. The
    # English header sits right above the figures, so the chart takes its series names
    # from it.
    sheet.append(_header_cells(sheet, ["លេខកូដខេត្ត", "ខេត្ត/រាជធានី", "ខេត្ត (អង់គ្លេស)"]
                               + [f"{UNIT_KINDS[k][0]}៖ ស្តង់ដារទាំងអស់" for k in kinds],
                               _KM_FILL))
    sheet.append(_header_cells(sheet, ["Province code", "Province (Khmer)", "Province"]
                               + [f"{UNIT_KINDS[k][1]}: all standards" for k in kinds],
                               _HEADER_FILL))
    header_row = row + 1
    row += 2
    for province in provinces:
        place = tally.places.get(province, Place(province, province, province))
        sheet.append([province, place.name_km, place.name_en]
                     + [_styled(sheet, _share(*totals(k, province)), SHARE_FORMAT)
                        for k in kinds])
        row += 1
    last_province_row = row - 1
    sheet.append([_styled(sheet, "All", font=_HEADER_FONT), "ទាំងអស់", "All"]
                 + [_styled(sheet, _share(*totals(k, None)), SHARE_FORMAT) for k in kinds])
    row += 1
    chart_height = max(7.5, 0.5 * len(provinces) * max(1, len(kinds)))
    if provinces and kinds:
        chart = BarChart()
        chart.type = "bar"
        chart.title = "Share of standards met, by province"
        chart.y_axis.title = "share of standards met"
        chart.y_axis.number_format = "0%"
        chart.y_axis.scaling.min = 0
        chart.y_axis.scaling.max = 1
        chart.height = chart_height
        chart.width = 18
        chart.add_data(Reference(sheet, min_col=4, max_col=3 + len(kinds), min_row=header_row,
                                 max_row=last_province_row), titles_from_data=True)
        chart.set_categories(Reference(sheet, min_col=3, min_row=header_row + 1,
                                       max_row=last_province_row))
        sheet.add_chart(chart, f"{get_column_letter(5 + len(kinds))}{header_row - 1}")
    # Leave room for the chart before the detailed tables.
    # (A row is about 0.5 cm high; the chart's height is in cm.)
    for _ in range(max(0, header_row + int(chart_height * 2) + 2 - row)):
        sheet.append([])
        row += 1
    for kind, service in sheets.items():
        sheet.append([])
        km, en = UNIT_KINDS[kind]
        sheet.append([_styled(sheet, f"{en} / {km}", font=_TITLE_FONT)])
        sheet.append(_header_cells(sheet, ["Province code", "Province (Khmer)", "Province",
                                           "Units reported"]
                                   + [f"{label} (share met)" for _, label, _ in
                                      service.standards] + ["All standards"], _HEADER_FILL))
        sheet.append(_header_cells(sheet, ["លេខកូដខេត្ត", "ខេត្ត/រាជធានី", "ខេត្ត (អង់គ្លេស)",
                                           "អង្គភាពបានរាយការណ៍"]
                                   + [label for _, _, label in service.standards]
                                   + ["ស្តង់ដារទាំងអស់"], _KM_FILL))
        for province in [*provinces, None]:
            if province is None:
                label = ("All", "ទាំងអស់", "All")
                scores: dict[str, list[int]] = {}
                for (k, _), per in tally.standards.items():
                    if k == kind:
                        for code, (m, a) in per.items():
                            total = scores.setdefault(code, [0, 0])
                            total[0], total[1] = total[0] + m, total[1] + a
                reported = sum(n for (k, _), n in tally.reported.items() if k == kind)
            else:
                place = tally.places.get(province, Place(province, province, province))
                label = (province, place.name_km, place.name_en)
                scores = tally.standards.get((kind, province), {})
                reported = tally.reported.get((kind, province), 0)
            shares = [_share(*scores.get(code, (0, 0))) for code, _, _ in service.standards]
            sheet.append([*label, reported]
                         + [_styled(sheet, s, SHARE_FORMAT) for s in shares]
                         + [_styled(sheet, _share(*totals(kind, province)), SHARE_FORMAT)])


def _write_completeness(sheet: WriteOnlyWorksheet, services: Sequence[str], tally: _Tally,
                        info: ExportInfo) -> None:
    """Per province and district (and for the whole scope): units expected, forms
    entered, submitted, approved, published, and their shares."""
    columns = [
        ("Level", "កម្រិត", 10), ("Province code", "លេខកូដខេត្ត", 10),
        ("Province (Khmer)", "ខេត្ត/រាជធានី", 20), ("Province", "ខេត្ត (អង់គ្លេស)", 18),
        ("District code", "លេខកូដស្រុក", 10), ("District (Khmer)", "ស្រុក/ក្រុង/ខណ្ឌ", 20),
        ("District", "ស្រុក (អង់គ្លេស)", 18), ("Service", "សេវា", 24),
        ("Units expected", "អង្គភាពត្រូវរាយការណ៍", 11),
        ("Forms entered", "ទម្រង់បានបញ្ចូល", 11),
        ("Forms submitted", "ទម្រង់បានដាក់ស្នើ", 11),
        ("Forms approved", "ទម្រង់បានអនុម័ត", 11),
        ("Forms published", "ទម្រង់បានផ្សព្វផ្សាយ", 11),
        ("Share entered", "ភាគរយបានបញ្ចូល", 10), ("Share submitted", "ភាគរយបានដាក់ស្នើ", 10),
        ("Share approved", "ភាគរយបានអនុម័ត", 10),
        ("Share published", "ភាគរយបានផ្សព្វផ្សាយ", 10),
    ]
    for i, (_, _, width) in enumerate(columns, 1):
        sheet.column_dimensions[get_column_letter(i)].width = width
    sheet.freeze_panes = "A3"
    sheet.append(_header_cells(sheet, [c[0] for c in columns], _HEADER_FILL))
    sheet.append(_header_cells(sheet, [c[1] for c in columns], _KM_FILL))
    stages = ("expected", "entered", "submitted", "approved", "published")
    rows = 0

    def line(level: str, province: Place | None, district: Place | None, kind: str | None,
             counts: Counter[str]) -> None:
        nonlocal rows
        service = ("All services / សេវាទាំងអស់" if kind is None
                   else f"{UNIT_KINDS[kind][1]} / {UNIT_KINDS[kind][0]}")
        figures = [counts[s] for s in stages]
        shares = [_styled(sheet, _share(counts[s], counts["expected"]), SHARE_FORMAT)
                  for s in stages[1:]]
        sheet.append([level,
                      province.code if province else None,
                      province.name_km if province else None,
                      province.name_en if province else None,
                      district.code if district else None,
                      district.name_km if district else None,
                      district.name_en if district else None,
                      service, *figures, *shares])
        rows += 1

    def block(level: str, province: Place | None, district: Place | None,
              keys: Iterable[tuple[str, str, str]]) -> None:
        per_kind: dict[str, Counter[str]] = {kind: Counter() for kind in services}
        for key in keys:
            per_kind[key[2]].update(tally.completeness[key])
        for kind in services:
            line(level, province, district, kind, per_kind[kind])
        if len(services) > 1:
            line(level, province, district, None, sum(per_kind.values(), Counter()))

    block("all", None, None, tally.completeness)
    provinces = sorted({p for p, _, _ in tally.completeness})
    for province in provinces:
        block("province", tally.places[province], None,
              [k for k in tally.completeness if k[0] == province])
        for district in sorted({d for p, d, _ in tally.completeness if p == province}):
            block("district", tally.places[province], tally.places[district],
                  [k for k in tally.completeness if k[1] == district])
    sheet.auto_filter.ref = f"A2:{get_column_letter(len(columns))}{2 + rows}"


def _write_about(sheet: WriteOnlyWorksheet, sheets: Mapping[str, _ServiceSheet],
                 info: ExportInfo, units: int) -> None:
    """What the export contains, in both languages: never who made it, only their role."""
    sheet.column_dimensions["A"].width = 30
    sheet.column_dimensions["B"].width = 60
    sheet.column_dimensions["C"].width = 60
    scope_en, scope_km = _scope_names(info)
    role_km, role_en = ROLES.get(info.generated_by_role, ("", info.generated_by_role,
                                                          info.generated_by_role))[1:]
    local = to_cambodia_time(info.generated_at)
    versions = "; ".join(
        f"{kind}: " + ", ".join(f"{d.form}@{d.version}" for d in sorted(
            s.versions.values(), key=lambda d: d.version)) if s.versions else f"{kind}: -"
        for kind, s in sheets.items())
    left_out = sorted({i.code for s in sheets.values() for d in s.versions.values()
                       for i in d.indicators() if not exported_indicator(i)})
    statuses = ", ".join(f"{code} ({en} / {km})" for code, (km, en) in STATUS_NAMES.items())
    rows: list[tuple[str, Any, Any]] = [
        ("ISAF national report", "របាយការណ៍ជាតិ ISAF", None),
        ("", "", ""),
        ("Year", info.year, f"ឆ្នាំ {to_khmer_digits(info.year)}"),
        ("Scope", scope_en, scope_km),
        ("Services", ", ".join(f"{UNIT_KINDS[k][1]} ({k})" for k in sheets) or "-",
         ", ".join(UNIT_KINDS[k][0] for k in sheets) or "-"),
        ("Form versions", versions, None),
        ("Units", units, None),
        ("Generated at (Cambodia time, UTC+7)", local.strftime("%Y-%m-%d %H:%M"),
         f"ពេលបង្កើត {to_khmer_digits(local.strftime('%Y-%m-%d %H:%M'))}"),
        ("Generated by (role)", role_en, role_km),
        ("Source of the figures", info.source, None),
        ("", "", ""),
        ("Sheets", "Summary: share of reported units meeting each standard, per province, "
                   "with a chart.", "សង្ខេប៖ ភាគរយនៃអង្គភាពដែលសម្រេចស្តង់ដារ តាមខេត្ត។"),
        ("", "Completeness: units expected and forms entered, submitted, approved and "
             "published, per province and district.",
         "ភាពពេញលេញ៖ អង្គភាព និងទម្រង់ តាមខេត្ត និងស្រុក។"),
        ("", "One sheet per service: one row per unit, every indicator (female, male and "
             "total where split by sex), and whether each standard is met.",
         "សន្លឹកមួយក្នុងមួយសេវា៖ មួយជួរក្នុងមួយអង្គភាព។"),
        ("Header rows", "Row 1 English, row 2 Khmer (from the form definitions), row 3 the "
                        "field code; data from row 4.",
         "ជួរទី ១ ភាសាអង់គ្លេស ជួរទី ២ ភាសាខ្មែរ ជួរទី ៣ លេខកូដ។"),
        ("Form status", statuses + "; missing: no form for the year", None),
        ("Summary counts", "forms submitted, approved or published", None),
        ("Formats", "Money in Riel (KHR) without decimals; percentages as percent; "
                    "yes/no and 'standard met' as TRUE/FALSE; empty: no figure.", None),
        ("Personal data", "None: no names or phone numbers of people, no user accounts. "
                          "Free-text and personal indicators are left out"
                          + (f" ({', '.join(left_out)})." if left_out else "."),
         "គ្មានទិន្នន័យផ្ទាល់ខ្លួន។"),
    ]
    for label, en, km in rows:
        sheet.append([_styled(sheet, label or None, font=_HEADER_FONT), en, km])


__all__ = [
    "CONTENT_TYPE",
    "REPORTED",
    "SERVICE_ORDER",
    "ExportCancelledError",
    "ExportInfo",
    "ExportResult",
    "Place",
    "UnitReport",
    "exported_indicator",
    "write_national_workbook",
]
