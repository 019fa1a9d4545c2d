"""The dashboard's words: key -> (Khmer, English). Every key starts with `dash_`, so
none can shadow a public page's word (server/web/words.py merges the two)."""

from __future__ import annotations

from common.forms.definition import PROPOSED_MARK

DASHBOARD_WORDS: dict[str, tuple[str, str]] = {
    # Signing in and out.
    "dash_sign_in": ("ចូលប្រើ", "Sign in"),
    "dash_sign_out": ("ចាកចេញ", "Sign out"),
    "dash_username": ("ឈ្មោះអ្នកប្រើ", "User name"),
    "dash_password": ("ពាក្យសម្ងាត់", "Password"),
    "dash_sign_in_note": ("សម្រាប់មន្ត្រីថ្នាក់ជាតិ ខេត្ត និងស្រុក",
                     "For national, provincial and district staff"),
    "dash_wrong_credentials": ("ឈ្មោះអ្នកប្រើ ឬពាក្យសម្ងាត់មិនត្រឹមត្រូវទេ។ សូមពិនិត្យ ហើយព្យាយាមម្ដងទៀត។",
                          "The user name or password is not right. Check them and try again."),
    "dash_sign_in_expired": ("ទំព័រនេះហួសពេលហើយ។ សូមព្យាយាមម្ដងទៀត។",
                        "This page had expired. Please try again."),
    "dash_too_many_sign_ins": ("វាយពាក្យសម្ងាត់ខុសច្រើនដងពេក។ សូមរង់ចាំ ១៥ នាទី រួចព្យាយាមម្ដងទៀត។",
                          "Too many wrong passwords. Wait 15 minutes, then try again."),
    "dash_signed_in_as": ("ចូលប្រើជា {name}", "Signed in as {name}"),
    # Refusals.
    "dash_refused_title": ("មិនអាចបង្ហាញទំព័រនេះបានទេ", "This page cannot be shown"),
    "dash_staff_only": ("ផ្ទាំងគ្រប់គ្រងនេះ សម្រាប់តែមន្ត្រីថ្នាក់ជាតិ ខេត្ត និងស្រុកប៉ុណ្ណោះ។",
                   "The dashboard is for national, provincial and district staff only."),
    "dash_csrf_refused": ("សំណើនេះមិនមានសញ្ញាសម្គាល់សុវត្ថិភាពត្រឹមត្រូវទេ៖ គ្មានអ្វីត្រូវបានផ្លាស់ប្ដូរទេ។ "
                     "សូមបើកទំព័រម្ដងទៀត ហើយព្យាយាមម្ដងទៀត។",
                     "This request did not carry the page's security token: nothing was "
                     "changed. Open the page again and retry."),
    "dash_change_password": ("សូមប្ដូរពាក្យសម្ងាត់របស់អ្នកជាមុនសិន នៅក្នុងកម្មវិធី ISAF Desk។",
                        "Change your password first, in the ISAF Desk application."),
    "dash_no_such_area": ("រកមិនឃើញតំបន់នេះទេ។", "There is no such area."),
    "dash_bad_request": ("សំណើនេះមិនត្រឹមត្រូវទេ៖ {detail}", "This request is not valid: {detail}"),
    # Navigation and filters.
    "dash_completeness": ("ភាពពេញលេញនៃរបាយការណ៍", "Completeness"),
    "dash_standards_met": ("ស្តង់ដារដែលបានសម្រេច", "Standards met"),
    "dash_publishing": ("ការផ្សព្វផ្សាយ", "Publishing"),
    "dash_exports": ("នាំចេញទៅ Excel", "Excel downloads"),
    "dash_year": ("ឆ្នាំ", "Year"),
    "dash_service": ("សេវា", "Service"),
    "dash_area": ("តំបន់", "Area"),
    "dash_all_services": ("សេវាទាំងអស់", "All services"),
    "dash_show": ("បង្ហាញ", "Show"),
    "dash_country": ("ទូទាំងប្រទេស", "The country"),
    "dash_total": ("សរុប", "Total"),
    "dash_unit": ("អង្គភាព", "Unit"),
    "dash_status": ("ស្ថានភាព", "Status"),
    # Completeness.
    "dash_not_started": ("មិនទាន់ចាប់ផ្ដើម", "Not started"),
    "dash_units_expected": ("អង្គភាព", "Units"),
    "dash_chart_title": ("ស្ថានភាពទម្រង់ ឆ្នាំ {year}", "Form status, {year}"),
    "dash_no_units": ("គ្មានអង្គភាពនៅក្នុងតំបន់នេះទេ។", "There are no units in this area."),
    # Standards met.
    "dash_indicator": ("សូចនាករ", "Indicator"),
    "dash_change": ("ប្រែប្រួល", "Change"),
    "dash_proposed": (PROPOSED_MARK.km, PROPOSED_MARK.en),
    "dash_share_note": ("ភាគរយនៃអង្គភាពដែលសម្រេចស្តង់ដារ ក្នុងចំណោមអង្គភាពដែលមានតួលេខ "
                   "(ទម្រង់ដែលបានអនុម័ត ឬបានផ្សព្វផ្សាយប៉ុណ្ណោះ)។",
                   "The share of units meeting each standard, among the units with a figure "
                   "for it (approved and published forms only)."),
    "dash_units_covered": ("អង្គភាព {now} (ឆ្នាំមុន {before})", "{now} units ({before} last year)"),
    # Publishing.
    "dash_publish_only_national": ("មានតែអ្នកគ្រប់គ្រងថ្នាក់ជាតិ ទើបអាចផ្សព្វផ្សាយទម្រង់បាន។",
                              "Only the national administrator publishes forms."),
    "dash_preview": ("ទម្រង់ដែលបានអនុម័ត ដែលនឹងត្រូវផ្សព្វផ្សាយ", "Approved forms that will become "
                "public"),
    "dash_preview_none": ("គ្មានទម្រង់ដែលបានអនុម័ត ដែលរង់ចាំការផ្សព្វផ្សាយទេ។",
                     "No approved form is waiting to be published."),
    "dash_blocked": ("មិនទាន់អាចផ្សព្វផ្សាយបានទេ", "Cannot be published yet"),
    "dash_publish_n": ("ផ្សព្វផ្សាយទម្រង់ {n}", "Publish {n} forms"),
    "dash_published_n": ("បានផ្សព្វផ្សាយទម្រង់ {n}។", "{n} forms were published."),
    "dash_nothing_chosen": ("គ្មានទម្រង់ត្រូវបានជ្រើសរើសទេ។", "No form was chosen."),
    "dash_public_now": ("ទម្រង់ដែលបានផ្សព្វផ្សាយ", "Published forms"),
    "dash_withdraw": ("ដកចេញពីសាធារណៈ", "Withdraw"),
    "dash_reason": ("មូលហេតុ", "Reason"),
    "dash_withdrawn_one": ("ទម្រង់របស់ {unit} ត្រូវបានដកចេញពីសាធារណៈ។",
                      "The form of {unit} was withdrawn from public view."),
    "dash_recent": ("ការផ្សព្វផ្សាយថ្មីៗ", "Recent publications"),
    "dash_when": ("ពេលណា", "When"),
    "dash_action": ("សកម្មភាព", "Action"),
    "dash_action_publish": ("បានផ្សព្វផ្សាយ", "Published"),
    "dash_action_withdraw": ("បានដកចេញ", "Withdrawn"),
    # Exports.
    "dash_export_note": ("សៀវភៅបញ្ជី Excel នៃតំបន់ដែលបានជ្រើសរើស ក្នុងវិសាលភាពរបស់អ្នក។",
                    "The Excel workbook of the chosen area, within your scope."),
    "dash_download": ("ទាញយក", "Download"),
    "dash_official_only": ("ស្តង់ដារជាតិផ្លូវការប៉ុណ្ណោះ", "Official national standards only"),
    "dash_exports_not_allowed": ("តួនាទីរបស់អ្នក មិនអាចទាញយករបាយការណ៍ថ្នាក់ជាតិបានទេ។",
                            "Your role may not download national reports."),
}
