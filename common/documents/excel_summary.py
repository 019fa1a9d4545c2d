"""The overview sheets of the national Excel report: "Summary" (share of reported units
meeting each standard, per province, with a chart), "Completeness" (units expected and
forms entered, per province and district) and "About" (what the export contains).

They are written last, from the small counters (`Tally`) kept while the service sheets
stream their rows (`common.documents.excel`). A proposed standard (not yet stated by an
official text) is marked as proposed, in both languages, wherever it is judged: in the
service sheets' headers, the summary's headers and legend, and the About sheet's list of
standards, which also says when proposed standards were left out of the export.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from openpyxl.chart import BarChart, Reference
from openpyxl.utils import get_column_letter

from common.documents.excel_records import ExportInfo, Place, UnitReport, exported_indicator
from common.documents.excel_styles import (
    HEADER_FILL,
    HEADER_FONT,
    KM_FILL,
    SHARE_FORMAT,
    TITLE_FONT,
    header_cells,
    styled,
)
from common.documents.openpyxl_internals import WriteOnlyWorksheet
from common.documents.wording import standard_text, word
from common.forms.definition import FormDefinition, Indicator, Standard
from common.khmer import to_cambodia_time, to_khmer_digits
from common.roles import ROLES
from common.units.models import UNIT_KINDS
from common.workflow import STATUS_NAMES

#: Forms whose figures count in the summary: those that left the unit for review.
#: (A draft may be half typed; a returned form was sent back because something was wrong.)
REPORTED: frozenset[str] = frozenset({"submitted", "approved", "published"})

#: What the legend and the About sheet say of proposed standards, when they are judged
#: and when they are left out.
PROPOSED_NOTE = word("proposed_note", "en"), word("proposed_note", "km")
PROPOSED_LEFT_OUT = (
    "Proposed standards are not judged in this export: only official national standards "
    "are.",
    "ស្តង់ដារស្នើមិនត្រូវបានវាយតម្លៃក្នុងឯកសារនេះទេ៖ វាយតម្លៃតែស្តង់ដារជាតិផ្លូវការប៉ុណ្ណោះ។")


def standard_words(indicator: Indicator, standard: Standard) -> tuple[str, str]:
    """A standard as words with its unit, in English and in Khmer (Khmer digits): the
    poster's words ('at least 90.0%', 'យ៉ាងតិច ៩០.០%')."""
    return (standard_text(indicator, standard, language="en", digits="arabic"),
            standard_text(indicator, standard, language="km", digits="khmer"))


def proposed_mark(official: bool) -> tuple[str, str]:
    """What follows the name of a judged standard: nothing for an official one,
    ' [proposed standard]' (and its Khmer) for a proposed one."""
    if official:
        return "", ""
    return f" [{word('proposed', 'en')}]", f" [{word('proposed', 'km')}]"


@dataclass(frozen=True)
class StandardColumn:
    """A standard judged on a service sheet: its indicator, the standard in words (English,
    Khmer) and whether it is official."""

    code: str
    label_en: str
    label_km: str
    words_en: str
    words_km: str
    official: bool

    @classmethod
    def of(cls, indicator: Indicator, standard: Standard) -> StandardColumn:
        en, km = standard_words(indicator, standard)
        return cls(indicator.code, indicator.label.en, indicator.label.km, en, km,
                   standard.official)


class Tally:
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

    def place(self, code: str) -> Place:
        """The province or district of `code`, by its code alone if no unit named it."""
        return self.places.get(code, Place(code, code, code))

    def standards_met(self, kind: str, province: str | None) -> tuple[int, int]:
        """Standards met and standards assessed, over every standard of a service, in a
        province (None: the whole scope)."""
        met = assessed = 0
        for (k, p), scores in self.standards.items():
            if k == kind and (province is None or p == province):
                for m, a in scores.values():
                    met, assessed = met + m, assessed + a
        return met, assessed

    def scores(self, kind: str, province: str | None) -> tuple[Mapping[str, Sequence[int]], int]:
        """Per standard [met, assessed], and the units reported, of a service in a
        province (None: the whole scope)."""
        if province is not None:
            return (self.standards.get((kind, province), {}),
                    self.reported.get((kind, province), 0))
        scores: dict[str, list[int]] = {}
        for (k, _), per in self.standards.items():
            if k == kind:
                for code, (m, a) in per.items():
                    total = scores.setdefault(code, [0, 0])
                    total[0], total[1] = total[0] + m, total[1] + a
        return scores, sum(n for (k, _), n in self.reported.items() if k == kind)


def _share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def _scope_names(info: ExportInfo) -> tuple[str, str]:
    if info.scope is None:
        return "Cambodia (the whole country)", "ព្រះរាជាណាចក្រកម្ពុជា (ទូទាំងប្រទេស)"
    return (f"{info.scope.name_en} ({info.scope.code})",
            f"{info.scope.name_km} ({info.scope.code})")


def write_summary(sheet: WriteOnlyWorksheet, standards: Mapping[str, Sequence[StandardColumn]],
                  tally: Tally, info: ExportInfo) -> None:
    """Share of reported units meeting each standard, per province; a chart of the share
    of all standards met per province and service. `standards` gives, per service sheet,
    the standards it has columns for."""
    kinds = list(standards)
    provinces = sorted({province for _, province in tally.standards}
                       | {province for province, _, _ in tally.completeness})
    widths = [10, 22, 22] + [16] * max(len(kinds), max(
        (len(columns) + 1 for columns in standards.values()), default=1))
    for i, width in enumerate(widths, 1):
        sheet.column_dimensions[get_column_letter(i)].width = width
    sheet.freeze_panes = "A3"
    scope_en, scope_km = _scope_names(info)
    sheet.append([styled(sheet, f"Standards met, {info.year}: {scope_en}", font=TITLE_FONT)])
    sheet.append([styled(sheet, f"ការសម្រេចស្តង់ដារ ឆ្នាំ{to_khmer_digits(info.year)}៖ "
                                f"{scope_km}", font=TITLE_FONT)])
    sheet.append(["Share of reported units (forms submitted, approved or published) whose "
                  "figures meet each standard; a unit without the figure is not "
                  "counted for that standard."])
    sheet.append(["ភាគរយនៃអង្គភាពដែលបានរាយការណ៍ (ទម្រង់បានដាក់ស្នើ អនុម័ត ឬផ្សព្វផ្សាយ) "
                  "ដែលតួលេខសម្រេចតាមស្តង់ដារនីមួយៗ។"])
    # The legend of the proposed mark, or that proposed standards were left out.
    proposed = any(not c.official for columns in standards.values() for c in columns)
    note_en, note_km = (PROPOSED_LEFT_OUT if not info.proposed_standards
                        else PROPOSED_NOTE if proposed else (None, None))
    sheet.append([styled(sheet, f"[{word('proposed', 'en')}] = {note_en}" if proposed
                         else note_en, font=HEADER_FONT)])
    sheet.append([styled(sheet, f"[{word('proposed', 'km')}] = {note_km}" if proposed
                         else note_km, font=HEADER_FONT)])
    sheet.append([])
    _write_overview(sheet, standards, provinces, tally, row=8)
    for kind, columns in standards.items():
        _write_service_summary(sheet, kind, columns, provinces, tally)


def _write_overview(sheet: WriteOnlyWorksheet, standards: Mapping[str, Sequence[StandardColumn]],
                    provinces: Sequence[str], tally: Tally, *, row: int) -> None:
    """The overview table the chart draws, from `row` on: all standards together, per
    province; then the chart, and room for it before the detailed tables."""
    kinds = list(standards)
    # "All standards" of a service counts its proposed standards too, when judged: said so.
    marks = {k: proposed_mark(all(c.official for c in columns))
             for k, columns in standards.items()}
    # The English header sits right above the figures, so the chart takes its series
    # names from it.
    sheet.append(header_cells(sheet, ["លេខកូដខេត្ត", "ខេត្ត/រាជធានី", "ខេត្ត (អង់គ្លេស)"]
                              + [f"{UNIT_KINDS[k][0]}៖ ស្តង់ដារទាំងអស់{marks[k][1]}"
                                 for k in kinds], KM_FILL))
    sheet.append(header_cells(sheet, ["Province code", "Province (Khmer)", "Province"]
                              + [f"{UNIT_KINDS[k][1]}: all standards{marks[k][0]}"
                                 for k in kinds], HEADER_FILL))
    header_row = row + 1
    row += 2
    for province in provinces:
        place = tally.place(province)
        sheet.append([province, place.name_km, place.name_en]
                     + [styled(sheet, _share(*tally.standards_met(k, province)), SHARE_FORMAT)
                        for k in kinds])
        row += 1
    last_province_row = row - 1
    sheet.append([styled(sheet, "All", font=HEADER_FONT), "ទាំងអស់", "All"]
                 + [styled(sheet, _share(*tally.standards_met(k, None)), SHARE_FORMAT)
                    for k in kinds])
    row += 1
    chart_height = max(7.5, 0.5 * len(provinces) * max(1, len(kinds)))
    if provinces and kinds:
        chart = _overview_chart(sheet, len(kinds), header_row, last_province_row)
        chart.height = chart_height
        sheet.add_chart(chart, f"{get_column_letter(5 + len(kinds))}{header_row - 1}")
    # Leave room for the chart before the detailed tables.
    # (A row is about 0.5 cm high; the chart's height is in cm.)
    for _ in range(max(0, header_row + int(chart_height * 2) + 2 - row)):
        sheet.append([])


def _overview_chart(sheet: WriteOnlyWorksheet, kinds: int, header_row: int,
                    last_province_row: int) -> BarChart:
    """Bars of the share of standards met, per province (rows) and service (columns)."""
    chart = BarChart()
    chart.type = "bar"
    chart.title = "Share of standards met, by province"
    chart.y_axis.title = "share of standards met"
    chart.y_axis.number_format = "0%"
    chart.y_axis.scaling.min = 0
    chart.y_axis.scaling.max = 1
    chart.width = 18
    chart.add_data(Reference(sheet, min_col=4, max_col=3 + kinds, min_row=header_row,
                             max_row=last_province_row), titles_from_data=True)
    chart.set_categories(Reference(sheet, min_col=3, min_row=header_row + 1,
                                   max_row=last_province_row))
    return chart


def _write_service_summary(sheet: WriteOnlyWorksheet, kind: str,
                           standards: Sequence[StandardColumn], provinces: Sequence[str],
                           tally: Tally) -> None:
    """One service's table: per province and for all, the share meeting each standard."""
    sheet.append([])
    km, en = UNIT_KINDS[kind]
    sheet.append([styled(sheet, f"{en} / {km}", font=TITLE_FONT)])
    all_en, all_km = proposed_mark(all(c.official for c in standards))
    sheet.append(header_cells(sheet, ["Province code", "Province (Khmer)", "Province",
                                      "Units reported"]
                              + [f"{c.label_en} ({c.words_en}): share met"
                                 f"{proposed_mark(c.official)[0]}" for c in standards]
                              + [f"All standards{all_en}"], HEADER_FILL))
    sheet.append(header_cells(sheet, ["លេខកូដខេត្ត", "ខេត្ត/រាជធានី", "ខេត្ត (អង់គ្លេស)",
                                      "អង្គភាពបានរាយការណ៍"]
                              + [f"{c.label_km} ({c.words_km}){proposed_mark(c.official)[1]}"
                                 for c in standards]
                              + [f"ស្តង់ដារទាំងអស់{all_km}"], KM_FILL))
    for province in [*provinces, None]:
        if province is None:
            label = ("All", "ទាំងអស់", "All")
        else:
            place = tally.place(province)
            label = (province, place.name_km, place.name_en)
        scores, reported = tally.scores(kind, province)
        shares = [_share(*scores.get(c.code, (0, 0))) for c in standards]
        sheet.append([*label, reported]
                     + [styled(sheet, s, SHARE_FORMAT) for s in shares]
                     + [styled(sheet, _share(*tally.standards_met(kind, province)),
                               SHARE_FORMAT)])


def write_completeness(sheet: WriteOnlyWorksheet, services: Sequence[str], tally: Tally,
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
    sheet.append(header_cells(sheet, [c[0] for c in columns], HEADER_FILL))
    sheet.append(header_cells(sheet, [c[1] for c in columns], KM_FILL))
    stages = ("expected", "entered", "submitted", "approved", "published")
    rows = 0

    def line(level: str, province: Place | None, district: Place | None, kind: str | None,
             counts: Counter[str]) -> None:
        nonlocal rows
        service = ("All services / សេវាទាំងអស់" if kind is None
                   else f"{UNIT_KINDS[kind][1]} / {UNIT_KINDS[kind][0]}")
        figures = [counts[s] for s in stages]
        shares = [styled(sheet, _share(counts[s], counts["expected"]), SHARE_FORMAT)
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


def write_about(sheet: WriteOnlyWorksheet, versions: Mapping[str, Mapping[int, FormDefinition]],
                info: ExportInfo, units: int) -> None:
    """What the export contains, in both languages: never who made it, only their role.

    `versions` gives, per service sheet, the definition versions its columns come from.
    """
    sheet.column_dimensions["A"].width = 30
    sheet.column_dimensions["B"].width = 60
    sheet.column_dimensions["C"].width = 60
    scope_en, scope_km = _scope_names(info)
    role_km, role_en = ROLES.get(info.generated_by_role, ("", info.generated_by_role,
                                                          info.generated_by_role))[1:]
    local = to_cambodia_time(info.generated_at)
    forms = "; ".join(
        f"{kind}: " + ", ".join(f"{d.form}@{d.version}" for d in sorted(
            v.values(), key=lambda d: d.version)) if v else f"{kind}: -"
        for kind, v in versions.items())
    left_out = sorted({i.code for v in versions.values() for d in v.values()
                       for i in d.indicators() if not exported_indicator(i)})
    statuses = ", ".join(f"{code} ({en} / {km})" for code, (km, en) in STATUS_NAMES.items())
    rows: list[tuple[str, Any, Any]] = [
        ("ISAF national report", "របាយការណ៍ជាតិ ISAF", None),
        ("", "", ""),
        ("Year", info.year, f"ឆ្នាំ {to_khmer_digits(info.year)}"),
        ("Scope", scope_en, scope_km),
        ("Services", ", ".join(f"{UNIT_KINDS[k][1]} ({k})" for k in versions) or "-",
         ", ".join(UNIT_KINDS[k][0] for k in versions) or "-"),
        ("Form versions", forms, None),
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
        ("Formats", "Money in Riel (KHR) without decimals; percentages as percent; times "
                    "of day as Excel times (hh:mm); yes/no and 'standard met' as "
                    "TRUE/FALSE; empty: no figure.", None),
        ("Personal data", "None: no names or phone numbers of people, no user accounts. "
                          "Free-text and personal indicators are left out"
                          + (f" ({', '.join(left_out)})." if left_out else "."),
         "គ្មានទិន្នន័យផ្ទាល់ខ្លួន។"),
        ("", "", ""),
        *_standard_rows(versions, info),
    ]
    for label, en, km in rows:
        sheet.append([styled(sheet, label or None, font=HEADER_FONT), en, km])


def _standard_rows(versions: Mapping[str, Mapping[int, FormDefinition]],
                   info: ExportInfo) -> list[tuple[str, Any, Any]]:
    """The About sheet's list of standards: per service, each indicator's standard in
    words, official or proposed, where it comes from, and whether this export judges it."""
    judged_en, judged_km = (PROPOSED_NOTE if info.proposed_standards
                            else PROPOSED_LEFT_OUT)
    rows: list[tuple[str, Any, Any]] = [
        ("Standards", "Each standard of the forms: official (stated by an official text) or "
                      "proposed, where it comes from, and whether this export judges it. "
                      + judged_en, f"ស្តង់ដារ៖ {judged_km}")]
    for kind, by_version in versions.items():
        seen: set[str] = set()
        # Newest version first, as the service sheets' columns.
        for definition in sorted(by_version.values(), key=lambda d: -d.version):
            for indicator in definition.indicators():
                standard = indicator.standard
                if standard is None or indicator.code in seen \
                        or not exported_indicator(indicator):
                    continue
                seen.add(indicator.code)
                rows.append(_standard_row(kind, indicator, standard, info))
    return rows


def _standard_row(kind: str, indicator: Indicator, standard: Standard,
                  info: ExportInfo) -> tuple[str, str, str]:
    en, km = standard_words(indicator, standard)
    status = "official" if standard.official else "proposed"
    source = standard.source.describe() if standard.source is not None else ""
    judged = standard.official or info.proposed_standards
    return (f"{kind}: {indicator.code}",
            f"{indicator.label.en}: {en}. {word(status, 'en').capitalize()}"
            + (f"; source: {source}" if source else "; source not given")
            + ("." if judged else "; not judged in this export."),
            f"{indicator.label.km}៖ {km}។ {word(status, 'km')}"
            + (f"៖ {source}" if source else "")
            + ("" if judged else "។ មិនបានវាយតម្លៃក្នុងឯកសារនេះទេ"))


__all__ = [
    "REPORTED",
    "StandardColumn",
    "Tally",
    "write_about",
    "write_completeness",
    "write_summary",
]
