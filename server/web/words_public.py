"""The public pages' words: key -> (Khmer, English).

The words a poster also prints (met, not met, last year, the district note, the proposed
mark...) are taken from the poster's own wording (common/documents/wording.py), so a
citizen reads the same words on the wall and on the phone.
"""

from __future__ import annotations

from common.documents.wording import WORDS as POSTER_WORDS

#: The poster's words the pages use, under the same keys.
_FROM_POSTER = ("poster_heading", "year", "code", "kind", "province", "district", "commune",
                "indicator", "standard", "this_year", "last_year", "change",
                "district_average", "met", "not_met", "no_data", "performance",
                "other_figures", "budget", "received", "spent", "jaap", "activity",
                "responsible", "timeline", "status", "number", "proposed", "proposed_note",
                "district_note", "official_standards", "proposed_standards", "unit")

PUBLIC_WORDS: dict[str, tuple[str, str]] = {
    **{key: POSTER_WORDS[key] for key in _FROM_POSTER},
    "search_label": ("ស្វែងរកអង្គភាពតាមឈ្មោះ ឬលេខកូដ",
                     "Search a unit by its name or code"),
    "search_button": ("ស្វែងរក", "Search"),
    "provinces": ("ខេត្ត/រាជធានី", "Provinces"),
    "districts": ("ស្រុក/ក្រុង/ខណ្ឌ", "Districts"),
    "communes": ("ឃុំ/សង្កាត់", "Communes"),
    "units": ("អង្គភាព", "Units"),
    "no_units_here": ("មិនទាន់មានអង្គភាពនៅទីនេះទេ។", "No unit here yet."),
    "results_for": ("អង្គភាពដែលត្រូវនឹង «{q}»", "Units matching “{q}”"),
    "no_results": ("រកមិនឃើញអង្គភាពដែលត្រូវនឹង «{q}» ទេ។", "No unit matches “{q}”."),
    "more_results": ("បង្ហាញតែអង្គភាព {n} ដំបូងប៉ុណ្ណោះ៖ សូមវាយឈ្មោះឱ្យបានច្បាស់ជាងនេះ។",
                     "Only the first {n} units are shown: type more of the name."),
    "empty_query": ("សូមវាយផ្នែកណាមួយនៃឈ្មោះអង្គភាព ជាអក្សរខ្មែរ ឬអក្សរឡាតាំង ឬលេខកូដរបស់វា។",
                    "Type part of a unit's name, in Khmer or Latin letters, or its code."),
    "query_too_long": ("អត្ថបទស្វែងរកវែងពេក៖ យ៉ាងច្រើន {n} តួអក្សរ។",
                       "The search text is too long: at most {n} characters."),
    "not_published": ("អង្គភាពនេះមិនទាន់មានព័ត៌មានសម្រាប់ពលរដ្ឋដែលបានផ្សព្វផ្សាយនៅឡើយទេ។",
                      "This unit has no published I4C yet."),
    "published_years": ("ឆ្នាំដែលបានផ្សព្វផ្សាយ", "Published years"),
    "download_poster": ("ទាញយកផ្ទាំងព័ត៌មាន (PDF)", "Download the poster (PDF)"),
    "share": ("ចែករំលែកទំព័រនេះ", "Share this page"),
    "share_hint": ("ចម្លងអាសយដ្ឋាននេះ ដើម្បីចែករំលែកទំព័រ។",
                   "Copy this address to share the page."),
    "no_jaap": ("មិនមានសកម្មភាព JAAP សម្រាប់ឆ្នាំនេះទេ។",
                "No JAAP action is recorded for this year."),
    "units_count": ("អង្គភាព {n}", "{n} units"),
    "official_only": ("តែស្តង់ដារផ្លូវការប៉ុណ្ណោះ", "Official standards only"),
    "all_standards": ("ស្តង់ដារទាំងអស់ រួមទាំងស្តង់ដារស្នើ",
                      "All standards, proposed ones too"),
    "no_official_standard": ("មិនទាន់មានស្តង់ដារជាតិផ្លូវការសម្រាប់សេវានេះទេ៖ "
                             "ស្តង់ដារស្នើមិនត្រូវបានវាយតម្លៃលើទំព័រនេះទេ។",
                             "No official national standard for this service yet: "
                             "proposed standards are not judged on this page."),
    "standards_summary": ("ស្តង់ដារដែលបានសម្រេច៖ {met}/{total}",
                          "Standards met: {met} of {total}"),
}
