"""The national Excel report: one workbook of every unit's yearly figures, for national,
provincial and district staff. `write_national_workbook` is its entry point.

The builder takes plain records (`UnitReport`, one per service unit, with the entered
values of its form of the year; `common.documents.excel_records`) from any iterable, so the
server (its database) and the desktop client (its local store) feed it the same way. Rows
are streamed into openpyxl's write-only worksheets: memory stays flat however many units
the country has, and only small counters (completeness per district, standards met per
province) are kept until the end. Formatted figures take a fast path through openpyxl's
internals, kept apart in `common.documents.openpyxl_internals`.

Sheets: "About" (what the export contains), "Summary" (share of reported units meeting
each standard per province, with a chart), "Completeness" (per province and district),
written by `common.documents.excel_summary`; "District figures" (the server's district
averages over approved and published forms, with the units they cover; written by
`common.documents.excel_figures`) when the caller hands them over; and one sheet per
service kind with one row per unit, written here. Totals, computed indicators and
standards are worked out here with the shared engine (`common.forms.validation`), from
the definition version each form was entered against, exactly as the client and the
poster do. A standard is judged only when
`common.forms.judged_standard` says so (`ExportInfo.proposed_standards`), and a proposed
one is marked as proposed wherever it is judged.

No personal data ever reaches the workbook: indicators marked `personal` and every free
text indicator (which can hold a person's name or phone number) are left out, and the
records carry no user, facilitator or phone at all.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable, Iterable, Mapping, Sequence
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from common.documents.excel_figures import SHEET_TITLE as FIGURES_TITLE
from common.documents.excel_figures import DistrictFigures, write_district_figures
from common.documents.excel_records import (
    ExportCancelledError,
    ExportInfo,
    ExportResult,
    Place,
    ProgressCallback,
    UnitReport,
    exported_indicator,
)
from common.documents.excel_styles import (
    BODY_FONT,
    HEADER_FILL,
    KM_FILL,
    RIEL_FORMAT,
    TIME_FORMAT,
    header_cells,
)
from common.documents.excel_summary import (
    REPORTED,
    StandardColumn,
    Tally,
    proposed_mark,
    standard_words,
    write_about,
    write_completeness,
    write_summary,
)
from common.documents.openpyxl_internals import (
    TemplateCell,
    WriteOnlyWorksheet,
    clean_text,
    pass_template_cells,
    set_default_font,
)
from common.files import replacing
from common.forms import judged_standard
from common.forms.definition import FormDefinition, Indicator, Standard
from common.forms.validation import compute, field_label

#: The service kinds in the order their sheets appear.
SERVICE_ORDER: tuple[str, ...] = ("cs_admin", "health_center", "primary_school")
SHEET_TITLES: dict[str, str] = {
    "cs_admin": "CS administration",
    "health_center": "Health centers",
    "primary_school": "Primary schools",
}
#: The status column of a unit with no form for the year.
MISSING = "missing"

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


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

#: The identity columns of the province, district and commune, which fold as a group.
_GEOGRAPHY = 9

#: How the figures of each indicator type are written (see `_ServiceSheet._plan`).
_CONVERSION = {"count": "number", "money": "number", "percent": "percent", "ratio": "number",
               "yes_no": "plain", "time": "time", "choice": "choice"}


def _number_format(indicator: Indicator) -> str | None:
    """Riel grouped without decimals, percentages as percent, times of day as hh:mm;
    counts and ratios stay in Excel's General format, which shows them as they are (a
    styled cell costs openpyxl several times a plain one, and counts are most of the
    cells)."""
    if indicator.type == "money":
        return RIEL_FORMAT
    if indicator.type == "time":
        return TIME_FORMAT
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


_TIMES: dict[str, dt.time | str] = {}


def _excel_time(value: str) -> dt.time | str:
    """A stored time of day ("07:30") as a time Excel stores as one; text it cannot read
    stays text rather than vanish. (A day has 1,440 minutes: each is parsed once.)"""
    found = _TIMES.get(value)
    if found is None:
        try:
            hours, minutes = value.split(":")
            found = dt.time(int(hours), int(minutes))
        except ValueError:
            found = value
        if len(_TIMES) < 4096:
            _TIMES[value] = found
    return found


def _indicator_columns(indicator: Indicator, standard: Standard | None) -> list[_Column]:
    """The columns of an indicator: its fields, then whether `standard` (the standard it
    is judged against in this export, if any) is met."""
    en_unit, km_unit = _unit_suffix(indicator)
    width = 14.0 if indicator.type in ("count", "money", "percent", "ratio") else 11.0
    columns = []
    for key in indicator.fields:
        label = field_label(indicator, key)
        if indicator.disaggregation and key == indicator.code:
            label = type(label)(km=f"{label.km} (សរុប)", en=f"{label.en} (total)")
        columns.append(_Column(key, label.en + en_unit, label.km + km_unit, width,
                               _number_format(indicator)))
    if standard is not None:
        en, km = standard_words(indicator, standard)
        mark_en, mark_km = proposed_mark(standard.official)
        columns.append(_Column(f"{indicator.code}:met",
                               f"Standard met: {indicator.label.en} ({en}){mark_en}",
                               f"សម្រេចស្តង់ដារ៖ {indicator.label.km} ({km}){mark_km}", 12))
    return columns


class _ServiceSheet:
    """The sheet of one service kind: its columns, how each definition version fills them,
    and the counters the summary needs."""

    def __init__(self, workbook: Workbook, kind: str,
                 definitions: Sequence[FormDefinition], *, proposed: bool) -> None:
        self.kind = kind
        self.proposed = proposed
        self.sheet: WriteOnlyWorksheet = workbook.create_sheet(SHEET_TITLES[kind])
        # Formatted figures go into rows as template cells (see `openpyxl_internals`).
        pass_template_cells(self.sheet)
        # Newest version first: its columns lead, and columns only older versions had
        # follow, so every figure entered against any version has a place.
        ordered = sorted(definitions, key=lambda d: d.version, reverse=True)
        self.columns: list[_Column] = list(_IDENTITY)
        self.standards: list[StandardColumn] = []
        seen: set[str] = set()
        for definition in ordered:
            for indicator in definition.indicators():
                if not exported_indicator(indicator) or indicator.code in seen:
                    continue
                seen.add(indicator.code)
                standard = judged_standard(indicator, proposed=proposed)
                self.columns.extend(_indicator_columns(indicator, standard))
                if standard is not None:
                    self.standards.append(StandardColumn.of(indicator, standard))
        self.index = {column.key: i for i, column in enumerate(self.columns)}
        self.versions = {d.version: d for d in ordered}
        # One styled cell per formatted column, given each row's value in turn: styling a
        # fresh cell for every value would cost more than writing it.
        self.templates: dict[int, TemplateCell] = {
            i: TemplateCell(self.sheet, column.number_format)
            for i, column in enumerate(self.columns) if column.number_format is not None}
        self.plans = {d.version: self._plan(d) for d in ordered}
        self.rows = 0
        self.forms = 0

    def _plan(self, definition: FormDefinition) -> _Plan:
        """Where each exported field of a version goes, grouped by how it is written."""
        plain: list[tuple[int, str]] = []
        formatted: list[tuple[int, TemplateCell, str, int]] = []
        times: list[tuple[int, TemplateCell, str]] = []
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
                elif conversion == "time" and template is not None:
                    times.append((column, template, key))
                elif template is not None:
                    formatted.append((column, template, key,
                                      100 if conversion == "percent" else 0))
                else:
                    plain.append((column, key))
            # The standard of this version, judged only where the sheet has its column
            # (a proposed standard left out of the export has none).
            standard = judged_standard(indicator, proposed=self.proposed)
            column_key = f"{indicator.code}:met"
            if standard is not None and column_key in self.index:
                standards.append((self.index[column_key], indicator.code, standard))
        return _Plan(tuple(plain), tuple(formatted), tuple(times), tuple(choices),
                     tuple(standards))

    def start(self) -> None:
        """Column widths, frozen headers and identity columns, and the header rows (before
        any data row)."""
        sheet = self.sheet
        for i, column in enumerate(self.columns, 1):
            dimension = sheet.column_dimensions[get_column_letter(i)]
            dimension.width = column.width
            if i <= _GEOGRAPHY:
                dimension.outline_level = 1
        # Excel shows the outline's fold button only when the sheet says it has an outline;
        # openpyxl works that out only after writing that part of the sheet.
        sheet.column_dimensions.max_outline = 1
        # The header rows and the unit's identity stay in view while scrolling the figures.
        # The frozen identity is wide, so the geography (one outline group) folds away
        # with one click on a laptop's screen, leaving the unit's code, names and status.
        sheet.freeze_panes = f"{get_column_letter(len(_IDENTITY) + 1)}4"
        sheet.append(header_cells(sheet, [c.header_en for c in self.columns], HEADER_FILL))
        sheet.append(header_cells(sheet, [c.header_km for c in self.columns], KM_FILL))
        sheet.append(header_cells(sheet, [c.key for c in self.columns], None))

    def finish(self) -> None:
        """The auto-filter over the field-code row and every data row."""
        last = get_column_letter(len(self.columns))
        self.sheet.auto_filter.ref = f"A3:{last}{3 + self.rows}"


@dataclass(frozen=True)
class _Plan:
    """How the exported fields of one definition version fill a row: by column index,
    plain values (counts, ratios, yes/no), values through a formatted column's template
    (money; percentages, divided by 100 into a share), times of day as Excel times through
    their template, choices as their English label, and the standard-met columns of the
    standards judged."""

    plain: tuple[tuple[int, str], ...]
    formatted: tuple[tuple[int, TemplateCell, str, int], ...]
    times: tuple[tuple[int, TemplateCell, str], ...]
    choices: tuple[tuple[int, str, dict[str, str]], ...]
    standards: tuple[tuple[int, str, Standard], ...]


# --------------------------------------------------------------------------- the builder


def write_national_workbook(
        target: str | Path | BinaryIO, *, info: ExportInfo,
        definitions: Mapping[str, Sequence[FormDefinition]], units: Iterable[UnitReport],
        total: int | None = None, progress: ProgressCallback | None = None,
        cancelled: Callable[[], bool] | None = None, progress_every: int = 200,
        district_figures: Iterable[DistrictFigures] | None = None,
) -> ExportResult:
    """Write the national report of `units` to `target` (a path or a binary file).

    `definitions` gives, per service kind, every definition version the forms were entered
    against (at least the newest, for a kind with no form yet). `units` should come in
    geographic order (commune code, then unit code); units of kinds outside
    `info.services` are skipped. `progress(done, total)` is called every
    `progress_every` units; when `cancelled()` turns true the export stops with
    ExportCancelledError and a path target is left untouched (the workbook is written
    to a temporary file beside it and moved into place only when complete).
    `district_figures`, when given, fills the "District figures" sheet; it is read only
    after every unit is written (so it may compute each district's figures lazily).
    """
    if isinstance(target, str | Path):
        with replacing(target) as temporary:
            return _write(str(temporary), info=info, definitions=definitions, units=units,
                          total=total, progress=progress, cancelled=cancelled,
                          progress_every=progress_every, district_figures=district_figures)
    return _write(target, info=info, definitions=definitions, units=units, total=total,
                  progress=progress, cancelled=cancelled, progress_every=progress_every,
                  district_figures=district_figures)


def _write(target: str | BinaryIO, *, info: ExportInfo,
           definitions: Mapping[str, Sequence[FormDefinition]], units: Iterable[UnitReport],
           total: int | None, progress: ProgressCallback | None,
           cancelled: Callable[[], bool] | None, progress_every: int,
           district_figures: Iterable[DistrictFigures] | None = None) -> ExportResult:
    services = [kind for kind in SERVICE_ORDER if kind in info.services]
    workbook = Workbook(write_only=True)
    # Before any styled cell: unstyled cells (most of them) take the default font.
    set_default_font(workbook, BODY_FONT)
    about = workbook.create_sheet("About")
    summary = workbook.create_sheet("Summary")
    completeness = workbook.create_sheet("Completeness")
    sheets = {kind: _ServiceSheet(workbook, kind, definitions.get(kind, ()),
                                  proposed=info.proposed_standards)
              for kind in services}
    # Last, after the units' sheets: what a reader looks up once the units are read.
    figures_sheet = (workbook.create_sheet(FIGURES_TITLE) if district_figures is not None
                     else None)
    for sheet in sheets.values():
        sheet.start()
    tally = Tally()
    done = 0
    places_clean: dict[str, tuple[str, str]] = {}
    try:
        for unit in units:
            service = sheets.get(unit.kind)
            if service is None:
                continue
            _write_unit(service, unit, tally, places_clean)
            done += 1
            if done % progress_every == 0:
                if cancelled is not None and cancelled():
                    raise ExportCancelledError("the export was cancelled")
                if progress is not None:
                    progress(done, total if total is not None else done)
        if cancelled is not None and cancelled():
            raise ExportCancelledError("the export was cancelled")
        if figures_sheet is not None and district_figures is not None:
            versions = {k: list(s.versions.values()) for k, s in sheets.items()}
            write_district_figures(figures_sheet, district_figures, versions, info)
    except BaseException:
        _discard(workbook)
        raise
    for sheet in sheets.values():
        sheet.finish()
    write_summary(summary, {k: s.standards for k, s in sheets.items()}, tally, info)
    write_completeness(completeness, services, tally, info)
    write_about(about, {k: s.versions for k, s in sheets.items()}, info, done)
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
        names = cache[place.code] = (clean_text(place.name_km), clean_text(place.name_en))
    return names


def _write_unit(sheet: _ServiceSheet, unit: UnitReport, tally: Tally,
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
                 unit.code, clean_text(unit.name_km), clean_text(unit.name_en), unit.active,
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
            if divisor and isinstance(value, int | float):  # normalised: always a number
                value = value / divisor
            row[column] = template.holding(value)
        for column, template, key in plan.times:
            value = get(key)
            if value is not None:
                row[column] = template.holding(_excel_time(value) if isinstance(value, str)
                                               else value)
        for column, key, labels in plan.choices:
            value = get(key)
            if value is not None:
                # A choice's code is text; anything else stays as it is.
                row[column] = labels.get(value, value) if isinstance(value, str) else value
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
