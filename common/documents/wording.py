"""The fixed words of printed documents, and figures written as people read them.

Every phrase is kept in both languages; numbers go through `common.khmer` so a poster in
Khmer digits and a spreadsheet in Arabic digits show the same figure.
"""

from __future__ import annotations

from common.forms import Indicator
from common.forms.definition import PROPOSED_MARK, PROPOSED_NOTE, Standard
from common.forms.expressions import Value
from common.khmer import Digits, format_number, format_riel
from common.khmer.digits import render_digits

WORDS: dict[str, tuple[str, str]] = {
    "form_heading": ("ទម្រង់ប្រមូលទិន្នន័យ", "Data collection form"),
    "poster_heading": ("ព័ត៌មានសម្រាប់ពលរដ្ឋ", "Information for Citizens"),
    "year": ("ឆ្នាំ", "Year"),
    "unit": ("អង្គភាព", "Unit"),
    "code": ("លេខកូដ", "Code"),
    "kind": ("ប្រភេទ", "Kind"),
    "commune": ("ឃុំ/សង្កាត់", "Commune/sangkat"),
    "district": ("ស្រុក/ក្រុង/ខណ្ឌ", "District/municipality/khan"),
    "province": ("ខេត្ត/រាជធានី", "Province/capital"),
    "hours_minutes": ("ម៉ោង:នាទី", "HH:MM"),
    "form_subject": ("ទម្រង់ប្រមូលទិន្នន័យ ISAF", "ISAF data collection form"),
    "instructions": ("សេចក្ដីណែនាំ", "Instructions"),
    "how_to_fill": ("សរសេរលេខមួយក្នុងប្រអប់នីមួយៗ។ ប្រអប់ពណ៌ប្រផេះ កម្មវិធីនឹងគណនាដោយខ្លួនឯង "
                    "កុំបំពេញ។ គូសសញ្ញា X ក្នុងប្រអប់ដែលត្រូវ ចំពោះសំណួរបាទ/ចាស ឬទេ។",
                    "Write one figure in each box. Grey boxes are computed by the software: "
                    "leave them empty. Mark the right box with an X for yes/no questions."),
    "number": ("ល.រ", "No."),
    "indicator": ("សូចនាករ", "Indicator"),
    "standard": ("ស្តង់ដារ", "Standard"),
    "value": ("តួលេខ", "Figure"),
    "female": ("ស្រី", "Female"),
    "male": ("ប្រុស", "Male"),
    "total": ("សរុប", "Total"),
    "yes": ("បាទ/ចាស", "Yes"),
    "no": ("ទេ", "No"),
    "computed": ("គណនាដោយកម្មវិធី", "computed"),
    "at_least": ("យ៉ាងតិច", "at least"),
    "at_most": ("មិនលើស", "at most"),
    "equal": ("ស្មើ", "equal to"),
    "prepared_by": ("អ្នករៀបចំ", "Prepared by"),
    "checked_by": ("អ្នកពិនិត្យ និងបញ្ជាក់", "Checked and certified by"),
    "name": ("ឈ្មោះ", "Name"),
    "position": ("តួនាទី", "Position"),
    "signature": ("ហត្ថលេខា", "Signature"),
    "date": ("កាលបរិច្ឆេទ", "Date"),
    "page": ("ទំព័រ", "Page"),
    "of": ("នៃ", "of"),
    "form_version": ("កំណែទម្រង់", "Form version"),
    "printed_on": ("បោះពុម្ព", "Printed on"),
    "standards_met": ("ស្តង់ដារដែលបានសម្រេច", "Standards met"),
    "met": ("សម្រេច", "Met"),
    "not_met": ("មិនទាន់សម្រេច", "Not met"),
    "no_data": ("គ្មានទិន្នន័យ", "No data"),
    "this_year": ("ឆ្នាំនេះ", "This year"),
    "last_year": ("ឆ្នាំមុន", "Last year"),
    "change": ("ប្រែប្រួល", "Change"),
    "district_average": ("មធ្យមភាគស្រុក", "District average"),
    "performance": ("លទ្ធផលការងារធៀបនឹងស្តង់ដារ", "Performance against the standards"),
    "service_standards": ("ស្តង់ដារសេវា ម៉ោងធ្វើការ និងតម្លៃសេវា",
                          "Service standards, opening hours and fees"),
    "budget": ("ថវិកា", "Budget"),
    "received": ("ទទួលបាន", "Received"),
    "spent": ("ចំណាយ", "Spent"),
    "other_figures": ("ព័ត៌មានផ្សេងទៀត", "Other figures"),
    "jaap": ("ផែនការសកម្មភាពរួមដើម្បីគណនេយ្យភាពសង្គម (JAAP)",
             "Joint Accountability Action Plan (JAAP)"),
    "activity": ("សកម្មភាព", "Action"),
    "responsible": ("អ្នកទទួលខុសត្រូវ", "Responsible"),
    "timeline": ("ពេលវេលា", "When"),
    "status": ("ស្ថានភាព", "Status"),
    "draft": ("សេចក្ដីព្រាង៖ តួលេខមិនទាន់បានអនុម័ត", "DRAFT: figures not yet approved"),
    "district_note": ("មធ្យមភាគស្រុកគិតលើទម្រង់បានអនុម័តរបស់អង្គភាព {n} ក្នុងស្រុក",
                      "District average over the approved forms of {n} units of the district"),
    "district_note_local": ("មធ្យមភាគស្រុកគិតលើទម្រង់បានអនុម័តរបស់អង្គភាព {n} ក្នុងស្រុក "
                            "ដែលមាននៅលើកុំព្យូទ័រនេះប៉ុណ្ណោះ",
                            "District average over the approved forms of {n} units of the "
                            "district on this computer only"),
    "budget_chart": ("ថវិកាទទួលបាន និងចំណាយ", "Budget received and spent"),
    "proposed": (PROPOSED_MARK.km, PROPOSED_MARK.en),
    "proposed_note": (PROPOSED_NOTE.km, PROPOSED_NOTE.en),
    "official": ("ស្តង់ដារផ្លូវការ", "official standard"),
    "no_official_standard": ("មិនទាន់មានស្តង់ដារជាតិផ្លូវការសម្រាប់សេវានេះទេ៖ "
                             "ស្តង់ដារស្នើមិនត្រូវបានវាយតម្លៃលើផ្ទាំងនេះទេ។",
                             "No official national standard for this service yet: "
                             "proposed standards are not judged on this poster."),
    "coverage_chart": ("អត្រាគ្របដណ្ដប់ធៀបនឹងស្តង់ដារ", "Coverage rates against the standard"),
    "official_standards": ("ស្តង់ដារផ្លូវការ", "Official standards"),
    "proposed_standards": ("ស្តង់ដារស្នើ", "Proposed standards"),
}


def word(key: str, language: str) -> str:
    """A fixed phrase in `language` ('km', or 'en'; 'km+en' gives the Khmer)."""
    km, en = WORDS[key]
    return en if language == "en" else km


def in_language(km: str, en: str, language: str) -> str:
    """A text in the document's language(s): 'Khmer / English' side by side."""
    if language == "km+en":
        return f"{km} / {en}"
    return en if language == "en" else km


def both(key: str, language: str) -> str:
    """A fixed phrase in the document's language; 'Khmer / English' for side by side."""
    return in_language(*WORDS[key], language)


def english_digits(digits: Digits, language: str) -> Digits:
    """The digits of a document's English text: side by side (km+en), the English line is
    for English readers, so Arabic digits, as its page furniture; otherwise the
    document's."""
    return "arabic" if language == "km+en" else digits


def number(value: float | int, digits: Digits, decimals: int = 0) -> str:
    """A number grouped by thousands in the digits asked for."""
    return format_number(value, decimals=decimals, digits=digits)


def value_text(indicator: Indicator, value: Value, *, language: str, digits: Digits,
               with_unit: bool = True) -> str:
    """A value of an indicator as printed ('-' when there is none)."""
    if value is None:
        return "-"
    lang = "en" if language == "en" else "km"
    kind = indicator.type
    if kind == "yes_no":
        return word("yes" if value else "no", lang)
    if kind == "money" and isinstance(value, int | float):
        return format_riel(value, digits=digits)
    if kind == "time":
        return render_digits(str(value), digits)
    if kind == "choice":
        for choice in indicator.choices:
            if choice.code == value:
                return choice.label.get(lang)
        return str(value)
    if kind == "text" or not isinstance(value, int | float):
        return str(value)
    text = format_number(value, decimals=indicator.effective_decimals if kind in (
        "percent", "ratio") else 0, digits=digits)
    if kind == "percent":
        return text + "%"
    if with_unit and indicator.unit is not None:
        return f"{text}\u00a0{indicator.unit.get(lang)}"
    return text


def standard_text(indicator: Indicator, standard: Standard, *, language: str,
                  digits: Digits) -> str:
    """A standard as words: 'at least 90%', 'at most 3 working days', 'equal to yes'."""
    lang = "en" if language == "en" else "km"
    target = value_text(indicator, standard.target, language=lang, digits=digits)
    if indicator.type == "yes_no":
        return target
    if indicator.type == "money" and standard.target == 0 and standard.direction == "at_most":
        return "ឥតគិតថ្លៃ" if lang == "km" else "free of charge"
    return f"{word(standard.direction, lang)} {target}"


def change_text(indicator: Indicator, now: Value, before: Value, *, digits: Digits) -> str:
    """The change from last year, signed ('+3.2', '-1', '=' when equal, '' when unknown)."""
    if isinstance(now, bool) or isinstance(before, bool):
        return ""  # a yes/no has no size of change: the two answers are printed instead
    if not isinstance(now, int | float) or not isinstance(before, int | float):
        return ""
    delta = now - before
    if delta == 0:
        return "="
    decimals = indicator.effective_decimals if indicator.type in ("percent", "ratio") else 0
    text = format_number(abs(delta), decimals=decimals, digits=digits)
    return ("+" if delta > 0 else "-") + text
