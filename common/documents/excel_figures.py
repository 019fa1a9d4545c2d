"""The "District figures" sheet of the national Excel report: for each district and
service of the export, each poster indicator's district average over the approved and
published forms, how many units it covers and how many meet the standard.

The figures are the server's own (`common.figures.AreaFigures`, computed by
`server.data.figures`): the very numbers its posters, the public pages and the laptops'
Post-on print as the district average. They are handed to the builder as an iterable and
written as they come, after the service sheets, so the export still streams. Personal and
free-text indicators never appear (the figures carry none; `exported_indicator` checks
again); a proposed standard is marked, and its count left out when the export judges
official standards only.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from openpyxl.utils import get_column_letter

from common.documents.excel_records import ExportInfo, Place, exported_indicator
from common.documents.excel_styles import (
    HEADER_FILL,
    KM_FILL,
    SHARE_FORMAT,
    TITLE_FONT,
    header_cells,
    styled,
)
from common.documents.excel_summary import proposed_mark, standard_words
from common.documents.openpyxl_internals import WriteOnlyWorksheet, clean_text
from common.figures import AreaFigures
from common.forms import judged_standard
from common.forms.definition import FormDefinition
from common.khmer import to_khmer_digits
from common.units.models import UNIT_KINDS

SHEET_TITLE = "District figures"

_COLUMNS: tuple[tuple[str, str, int], ...] = (
    ("Province code", "លេខកូដខេត្ត", 10), ("Province (Khmer)", "ខេត្ត/រាជធានី", 20),
    ("Province", "ខេត្ត (អង់គ្លេស)", 18), ("District code", "លេខកូដស្រុក", 10),
    ("District (Khmer)", "ស្រុក/ក្រុង/ខណ្ឌ", 20), ("District", "ស្រុក (អង់គ្លេស)", 18),
    ("Service", "សេវា", 22),
    ("Units with approved forms", "អង្គភាពមានទម្រង់បានអនុម័ត", 12),
    ("Indicator code", "លេខកូដសូចនាករ", 16), ("Indicator (Khmer)", "សូចនាករ", 30),
    ("Indicator", "សូចនាករ (អង់គ្លេស)", 30), ("Standard", "ស្តង់ដារ", 20),
    ("Standard (Khmer)", "ស្តង់ដារ (ខ្មែរ)", 20), ("District average", "មធ្យមភាគស្រុក", 12),
    ("Units with a value", "អង្គភាពមានតួលេខ", 11),
    ("Units meeting the standard", "អង្គភាពសម្រេចស្តង់ដារ", 11),
    ("Share meeting the standard", "ភាគរយសម្រេចស្តង់ដារ", 11),
)


@dataclass(frozen=True)
class DistrictFigures:
    """One district's figures for one service and year, with the district's places."""

    province: Place
    district: Place
    figures: AreaFigures


def _service(kind: str) -> str:
    """'Health center / មណ្ឌលសុខភាព', as the Completeness sheet names a service."""
    if kind not in UNIT_KINDS:
        return kind
    km, en = UNIT_KINDS[kind]
    return f"{en} / {km}"


def newest(definitions: Sequence[FormDefinition]) -> FormDefinition | None:
    """The newest of a service's definition versions (its indicators name the columns)."""
    return max(definitions, key=lambda d: d.version, default=None)


def write_district_figures(sheet: WriteOnlyWorksheet, figures: Iterable[DistrictFigures],
                           definitions: Mapping[str, Sequence[FormDefinition]],
                           info: ExportInfo) -> int:
    """One row per district, service and indicator with a value; how many rows."""
    for i, (_, _, width) in enumerate(_COLUMNS, 1):
        sheet.column_dimensions[get_column_letter(i)].width = width
    sheet.freeze_panes = "A5"
    sheet.append([styled(sheet, f"District figures, {info.year}", font=TITLE_FONT)])
    sheet.append([styled(sheet, f"តួលេខស្រុក ឆ្នាំ{to_khmer_digits(info.year)}",
                         font=TITLE_FONT)])
    sheet.append(header_cells(sheet, [c[0] for c in _COLUMNS], HEADER_FILL))
    sheet.append(header_cells(sheet, [c[1] for c in _COLUMNS], KM_FILL))
    rows = 0
    for item in figures:
        definition = newest(definitions.get(item.figures.form_code, ()))
        if definition is None:
            continue
        places = [item.province.code, clean_text(item.province.name_km),
                  clean_text(item.province.name_en), item.district.code,
                  clean_text(item.district.name_km), clean_text(item.district.name_en),
                  _service(item.figures.form_code), item.figures.units]
        for indicator in definition.indicators():
            figure = item.figures.indicators.get(indicator.code)
            if figure is None or not exported_indicator(indicator):
                continue
            standard = judged_standard(indicator, proposed=info.proposed_standards)
            words_en = words_km = None
            met: int | None = None
            if standard is not None:
                words_en, words_km = standard_words(indicator, standard)
                mark_en, mark_km = proposed_mark(standard.official)
                words_en, words_km = words_en + mark_en, words_km + mark_km
                met = figure.met
            share = met / figure.units if met is not None and figure.units else None
            sheet.append([*places, indicator.code, clean_text(indicator.label.km),
                          clean_text(indicator.label.en), words_en, words_km,
                          round(figure.average, 4), figure.units, met,
                          styled(sheet, share, SHARE_FORMAT)])
            rows += 1
    if not rows:
        sheet.append(["No approved or published form in this export's districts yet."])
        sheet.append(["មិនទាន់មានទម្រង់បានអនុម័ត ឬបានផ្សព្វផ្សាយ ក្នុងស្រុកនៃឯកសារនេះទេ។"])
    return rows
