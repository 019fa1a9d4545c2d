"""The validation engine (common.forms.validation) on a small form and on the real forms."""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Any

import pytest

from common.forms import (
    FormDefinition,
    Problem,
    ValidationResult,
    assess_standards,
    load_definition,
    parse_definition_text,
    validate,
)

FORMS = Path(__file__).resolve().parents[2] / "forms"
ARABIC_DIGIT = re.compile("[0-9]")

SMALL_FORM = """\
form: health_center
service_kind: health_center
version: 1
title: {km: "ទម្រង់សាកល្បង", en: "Test form"}
sections:
  - code: main
    title: {km: "ផ្នែកមេ", en: "Main"}
    indicators:
      - code: visits
        label: {km: "ការមកពិនិត្យ", en: "Visits"}
        type: count
        required: true
        min: 0
        max: 1000
        expected: {min: 10, max: 500}
      - code: budget
        label: {km: "ថវិកា", en: "Budget"}
        type: money
      - code: share
        label: {km: "ភាគរយ", en: "Share"}
        type: percent
      - code: density
        label: {km: "ដង់ស៊ីតេ", en: "Density"}
        type: ratio
      - code: open_24h
        label: {km: "បើក ២៤ ម៉ោង", en: "Open 24 hours"}
        type: yes_no
        standard: {target: true, direction: equal}
      - code: opening
        label: {km: "ម៉ោងបើក", en: "Opening time"}
        type: time
        standard: {target: "07:30", direction: at_most}
      - code: water
        label: {km: "ប្រភពទឹក", en: "Water source"}
        type: choice
        choices:
          - {code: piped, label: {km: "ទឹកម៉ាស៊ីន", en: "Piped"}}
          - {code: well, label: {km: "អណ្ដូង", en: "Well"}}
      - code: note
        label: {km: "កំណត់សម្គាល់", en: "Note"}
        type: text
        max_length: 10
      - code: staff
        label: {km: "បុគ្គលិក", en: "Staff"}
        type: count
        disaggregation: sex
        required: true
        standard: {target: 3, direction: at_least}
      - code: stockouts
        label: {km: "ដាច់ស្តុក", en: "Stock-outs"}
        type: count
        standard: {target: 0, direction: at_most}
      - code: beds
        label: {km: "គ្រែ", en: "Beds"}
        type: count
        standard: {target: 4, direction: equal}
      # Declared before what it reads: the engine must compute in dependency order.
      - code: visits_per_third_doubled
        label: {km: "គ", en: "Per third, doubled"}
        type: ratio
        computed: "visits_per_third * 2"
      - code: visits_per_third
        label: {km: "ខ", en: "Visits per third"}
        type: ratio
        computed: "visits / 3"
      - code: visits_per_week
        label: {km: "ក", en: "Visits per week"}
        type: count
        computed: "visits / 7"
      - code: women_share
        label: {km: "ភាគរយស្ត្រី", en: "Women among staff"}
        type: percent
        computed: "100 * staff.female / staff"
rules:
  - code: budget_per_visit
    check: "budget <= visits * 1000"
    severity: error
    message: {km: "ថវិកាច្រើនពេកធៀបនឹងការមកពិនិត្យ។", en: "Budget too high for the visits."}
  - code: staff_for_24h
    check: "staff >= 2"
    when: "open_24h == true"
    severity: warning
    fields: [staff.female]
    message: {km: "បុគ្គលិកតិចពេកសម្រាប់ ២៤ ម៉ោង។", en: "Too few staff for 24 hours."}
"""


@functools.cache
def small() -> FormDefinition:
    return parse_definition_text(SMALL_FORM, filename="small.yaml")


@functools.cache
def real(code: str) -> FormDefinition:
    return load_definition(FORMS / f"{code}.yaml")


def check(values: dict[str, Any]) -> ValidationResult:
    return validate(small(), values)


def codes(result: ValidationResult, key: str) -> list[str]:
    return [p.code for p in result.for_field(key)]


def the_problem(result: ValidationResult, key: str, code: str) -> Problem:
    """The one problem of `code` at `key`."""
    [problem] = [p for p in result.for_field(key) if p.code == code]
    return problem


# --------------------------------------------------------------------------- numbers


@pytest.mark.parametrize(("typed", "value"), [
    ("១២", 12), ("12", 12), (" 12 ", 12), (12, 12), (12.0, 12), ("១២០", 120),
])
def test_count_reads_khmer_and_arabic_digits(typed: Any, value: int) -> None:
    result = check({"visits": typed})
    assert codes(result, "visits") == []
    assert result.values["visits"] == value


@pytest.mark.parametrize("typed", ["1,250,000", "1 250 000", "១,២៥០,០០០", "1250000"])
def test_money_reads_thousands_separators(typed: str) -> None:
    result = check({"budget": typed})
    assert codes(result, "budget") == []
    assert result.values["budget"] == 1_250_000


@pytest.mark.parametrize("typed", ["10.000", "១០.០០០", "10.5", "10.0", 10.5])
def test_whole_numbers_refuse_a_decimal_point(typed: Any) -> None:
    # '10.000' is ten thousand Riel to some people and ten to others: never guess.
    result = check({"budget": typed})
    assert codes(result, "budget") == ["not_whole"]
    assert "budget" not in result.values
    assert result.blocks_save


def test_not_a_number() -> None:
    result = check({"visits": "twelve", "share": "1,5"})
    assert codes(result, "visits") == ["not_number"]
    assert codes(result, "share") == ["not_number"]


def test_too_many_decimals() -> None:
    result = check({"share": "12.34", "density": "1.234"})
    share = the_problem(result, "share", "too_many_decimals")
    assert "1 decimal" in share.message.en and "១" in share.message.km
    assert "2 decimal" in the_problem(result, "density", "too_many_decimals").message.en
    accepted = check({"share": "12.3", "density": "1.23"})
    assert accepted.for_field("share") == accepted.for_field("density") == ()
    assert accepted.values == {"share": 12.3, "density": 1.23}


def test_negative_count_is_refused() -> None:
    result = check({"visits": "-3"})
    assert codes(result, "visits") == ["below_min"]
    assert check({"stockouts": "-1"}).for_field("stockouts")[0].code == "below_min"


def test_percent_above_100_is_refused() -> None:
    assert codes(check({"share": "100.5"}), "share") == ["above_max"]
    assert codes(check({"share": "100"}), "share") == []


def test_hard_limits_are_errors_and_expected_range_gives_warnings() -> None:
    assert codes(check({"visits": "1001"}), "visits") == ["above_max"]
    low = the_problem(check({"visits": "5"}), "visits", "unusual_low")
    high = the_problem(check({"visits": "600"}), "visits", "unusual_high")
    assert low.severity == high.severity == "warning"
    assert "10" in low.message.en and "១០" in low.message.km
    assert "500" in high.message.en and "៥០០" in high.message.km
    assert codes(check({"visits": "300"}), "visits") == []


def test_a_huge_number_is_reported_not_a_crash() -> None:
    # 401 digits pasted by mistake: visits/3 and visits/7 would not fit in a float.
    result = check({"visits": "1" + "0" * 400})
    assert codes(result, "visits") == ["too_large"]
    assert result.blocks_save


# --------------------------------------------------------------------------- other types


@pytest.mark.parametrize(("typed", "value"), [
    ("បាទ", True), ("ចាស", True), ("ទេ", False), ("yes", True), ("No", False),
    (True, True), (False, False),
])
def test_yes_no(typed: Any, value: bool) -> None:
    result = check({"open_24h": typed})
    assert codes(result, "open_24h") == []
    assert result.values["open_24h"] is value


def test_yes_no_refuses_anything_else() -> None:
    assert codes(check({"open_24h": "maybe"}), "open_24h") == ["not_yes_no"]


@pytest.mark.parametrize(("typed", "value"), [
    ("7:30", "07:30"), ("07:30", "07:30"), ("៧:៣០", "07:30"), ("17:05", "17:05"),
    ("7.30", "07:30"),
])
def test_time_of_day(typed: str, value: str) -> None:
    result = check({"opening": typed})
    assert codes(result, "opening") == []
    assert result.values["opening"] == value


@pytest.mark.parametrize("typed", ["24:00", "7:60", "730", "seven", "7:3", "-7:30"])
def test_invalid_time_is_refused(typed: str) -> None:
    result = check({"opening": typed})
    assert codes(result, "opening") == ["not_time"]
    assert "07:30" in result.for_field("opening")[0].message.en


def test_choice_outside_the_list_is_refused() -> None:
    assert codes(check({"water": "lake"}), "water") == ["not_choice"]
    assert codes(check({"water": "Well"}), "water") == ["not_choice"]
    assert check({"water": "well"}).values["water"] == "well"


def test_text_too_long() -> None:
    assert codes(check({"note": "x" * 11}), "note") == ["too_long"]
    assert check({"note": "x" * 10}).values["note"] == "x" * 10


# --------------------------------------------------------------------------- fields


@pytest.mark.parametrize("key", ["visits_per_week", "women_share", "staff"])
def test_typing_into_a_computed_field_is_refused(key: str) -> None:
    result = check({key: "5", "visits": "70", "staff.female": "1", "staff.male": "3"})
    assert codes(result, key) == ["computed"]
    assert result.values[key] != 5  # the engine's own value, not the typed one


def test_an_empty_computed_field_is_not_a_problem() -> None:
    assert check({"visits_per_week": "", "women_share": None}).for_field("visits_per_week") == ()


def test_unknown_field_is_refused() -> None:
    result = check({"visits.female": "3", "nope": "1"})
    assert codes(result, "visits.female") == ["unknown_field"]
    assert codes(result, "nope") == ["unknown_field"]
    assert result.blocks_save


def test_unknown_field_message_names_the_field_as_sent() -> None:
    # A field code is a name, not a number: 'penta3' must not become 'penta៣'.
    problem = the_problem(check({"penta3": "1"}), "penta3", "unknown_field")
    assert "penta3" in problem.message.en
    assert "penta3" in problem.message.km


def test_required_blocks_submit_but_not_save() -> None:
    result = check({"budget": "1000"})
    assert sorted(p.field for p in result.errors) == ["staff.female", "staff.male", "visits"]
    assert {p.code for p in result.errors} == {"required"}
    assert result.blocks_submit
    assert not result.blocks_save
    female = the_problem(result, "staff.female", "required")
    assert female.message.en == "“Staff (female)” is required."
    assert "បុគ្គលិក" in female.message.km and "ស្រី" in female.message.km


def test_an_invalid_required_value_is_reported_once() -> None:
    result = check({"visits": "many", "staff.female": "1", "staff.male": "1"})
    assert codes(result, "visits") == ["not_number"]
    assert result.blocks_save


def test_total_of_a_split_indicator_needs_both_parts() -> None:
    assert check({"staff.female": "2", "staff.male": "3"}).values["staff"] == 5
    only_women = check({"staff.female": "2"})
    assert "staff" not in only_women.values
    assert "women_share" not in only_women.values


def test_computed_in_dependency_order_and_rounded_to_their_decimals() -> None:
    values = check({"visits": "12", "staff.female": "1", "staff.male": "2"}).values
    assert values["visits_per_third"] == 4
    assert values["visits_per_third_doubled"] == 8
    assert values["visits_per_week"] == 2  # a count: 12 / 7 = 1.71 -> 2
    assert values["women_share"] == 33.3  # percent: 1 decimal by default
    values = check({"visits": "10"}).values
    assert values["visits_per_third"] == 3.33  # ratio: 2 decimals by default


def test_computed_rates_round_half_up_like_people_do() -> None:
    # 49 of 400 is 12.25 %: counted by hand, and by common.khmer.format_number, that is
    # 12.3, and the poster must print what people check.
    values = validate(real("health_center"), {"anc4": "49", "expected_pregnancies": "400"}).values
    assert values["anc4_coverage"] == 12.3


def test_nothing_entered_nothing_computed() -> None:
    result = check({})
    assert result.values == {}


# --------------------------------------------------------------------------- rules


def test_a_rule_error_shows_at_its_fields_in_both_languages() -> None:
    result = check({"visits": "100", "budget": "200,000", "staff.female": "1", "staff.male": "1"})
    broken = [p for p in result.problems if p.code == "budget_per_visit"]
    assert sorted(p.field for p in broken) == ["budget", "visits"]  # every field named
    for problem in broken:
        assert problem.severity == "error"
        assert problem.message.en == "Budget too high for the visits."
        assert problem.message.km == "ថវិកាច្រើនពេកធៀបនឹងការមកពិនិត្យ។"
    assert result.blocks_submit and result.blocks_save
    assert not [p for p in check({"visits": "100", "budget": "100,000"}).problems
                if p.code == "budget_per_visit"]


def test_a_rule_is_not_reported_while_a_field_it_names_is_missing() -> None:
    result = check({"budget": "200,000"})
    assert "budget_per_visit" not in {p.code for p in result.problems}


def test_a_rule_only_applies_when_its_precondition_holds() -> None:
    def warned(values: dict[str, Any]) -> bool:
        return "staff_for_24h" in codes(check(values), "staff.female")

    assert warned({"open_24h": "បាទ", "staff.female": "1", "staff.male": "0"})
    assert not warned({"open_24h": "ទេ", "staff.female": "1", "staff.male": "0"})
    assert not warned({"staff.female": "1", "staff.male": "0"})
    assert not warned({"open_24h": "បាទ", "staff.female": "1", "staff.male": "2"})


def test_warnings_block_neither_save_nor_submit() -> None:
    result = check({"visits": "600", "open_24h": "yes", "staff.female": "1", "staff.male": "0"})
    assert {p.code for p in result.problems} == {"unusual_high", "staff_for_24h"}
    assert result.warnings == result.problems
    assert not result.blocks_submit
    assert not result.blocks_save


def test_messages_are_in_both_languages_with_khmer_digits() -> None:
    result = check({"visits": "1001", "share": "1.25", "note": "x" * 20, "opening": "25:00",
                    "staff.female": "x", "staff.male": "1"})
    assert len(result.problems) == 5
    for problem in result.problems:
        assert problem.message.en and problem.message.km
        assert re.search("[\u1780-\u17ff]", problem.message.km)
        assert not ARABIC_DIGIT.search(problem.message.km), problem.message.km
    above = the_problem(result, "visits", "above_max")
    assert "1000" in above.message.en and "១០០០" in above.message.km
    assert as_dict_round_trips(above)


def as_dict_round_trips(problem: Problem) -> bool:
    data = problem.as_dict()
    return (data["message_km"], data["message_en"], data["field"]) == (
        problem.message.km, problem.message.en, problem.field)


# --------------------------------------------------------------------------- standards


def standards(values: dict[str, Any]) -> dict[str, bool | None]:
    result = check(values)
    return {s.indicator.code: s.met for s in assess_standards(small(), result.values)}


def test_standards_met_not_met_and_unknown() -> None:
    assert standards({}) == {"open_24h": None, "opening": None, "staff": None,
                             "stockouts": None, "beds": None}
    met = standards({"open_24h": "បាទ", "opening": "7:00", "staff.female": "2",
                     "staff.male": "1", "stockouts": "0", "beds": "4"})
    assert met == dict.fromkeys(met, True)
    unmet = standards({"open_24h": "ទេ", "opening": "08:00", "staff.female": "1",
                       "staff.male": "1", "stockouts": "2", "beds": "5"})
    assert unmet == dict.fromkeys(unmet, False)


def test_standard_edges() -> None:
    assert standards({"opening": "07:30"})["opening"] is True  # at most: equal is met
    assert standards({"opening": "07:31"})["opening"] is False
    assert standards({"staff.female": "3", "staff.male": "0"})["staff"] is True
    assert standards({"beds": "3"})["beds"] is False  # equal: below is not met
    # A split indicator is judged on its total: one part alone is no judgement.
    assert standards({"staff.female": "5"})["staff"] is None


# --------------------------------------------------------------------------- real forms


HEALTH_CENTER = {
    "hc_chief_name": "សុខ សុភា", "hc_phone": "012 345 678",
    "catchment_communes": "3", "catchment_villages": "24", "catchment_population": "១២,៤៥០",
    "catchment_households": "2,810", "id_poor_households": "412",
    "expected_pregnancies": "311", "children_under_one": "290", "health_posts": "1",
    "staff_doctors.female": "0", "staff_doctors.male": "1",
    "staff_medical_assistants.female": "1", "staff_medical_assistants.male": "2",
    "staff_midwives.female": "4", "staff_midwives.male": "1",
    "staff_midwives_secondary": "2",
    "staff_nurses.female": "2", "staff_nurses.male": "3",
    "staff_other_health.female": "1", "staff_other_health.male": "0",
    "staff_support.female": "1", "staff_support.male": "2",
    "opening_time": "7:00", "closing_time": "១៧:០០", "days_open_per_week": "7",
    "open_24h": "បាទ", "delivery_24h": "បាទ", "price_list_posted": "បាទ",
    "service_info_posted": "ទេ", "suggestion_box": "yes", "hcmc_meetings": "4",
    "has_electricity": "yes", "has_clean_water": "yes", "has_delivery_room": "yes",
    "has_vaccine_fridge": "yes", "has_referral_transport": "no",
    "toilets_usable": "3", "patient_beds": "12", "distance_to_referral_hospital": "27",
    "balance_start": "4,500,000", "income_government": "38,000,000",
    "income_service_grant": "12,000,000", "income_hef": "21,500,000", "income_nssf": "0",
    "income_user_fees": "9,800,000", "income_commune": "2,000,000",
    "income_partners": "5,000,000", "income_other": "200,000",
    "spending_staff_incentives": "30,000,000", "spending_medicines": "18,000,000",
    "spending_running_costs": "9,000,000", "spending_maintenance": "3,500,000",
    "spending_outreach": "6,000,000", "spending_referral_transport": "1,200,000",
    "spending_other": "800,000",
    "fee_consultation_adult": "5,000", "fee_consultation_child": "3,000",
    "fee_anc_visit": "0", "fee_normal_delivery": "80,000", "fee_pnc_visit": "0",
    "fee_birth_spacing_injection": "4,000", "fee_wound_dressing": "5,000",
    "fee_child_vaccination": "0", "hef_free_of_charge": "បាទ",
    "anc1": "298", "anc4": "231", "deliveries_hc": "240", "deliveries_referred": "18",
    "pnc1": "236", "fp_new_users": "185",
    "penta1": "281", "penta3": "268", "mr1": "262", "fully_immunised": "255",
    "outreach_sessions": "96",
    "opd_new_cases.female": "6,420", "opd_new_cases.male": "4,980",
    "opd_new_cases_under5": "2,750", "hef_cases": "3,100", "referrals": "164",
    "stockout_days": "12", "stockout_items": "2", "vaccine_stockout_days": "0",
}


def test_a_complete_health_center_form_is_valid() -> None:
    definition = real("health_center")
    assert set(HEALTH_CENTER) == set(definition.entered_field_keys())  # the whole form
    result = validate(definition, HEALTH_CENTER)
    assert result.problems == ()
    values = result.values
    assert values["catchment_population"] == 12_450
    assert values["closing_time"] == "17:00"
    assert values["medical_staff_total"] == 15
    assert values["medical_staff_female"] == 8
    assert values["staff_total"] == 18
    assert values["income_total"] == 88_500_000
    assert values["funds_available"] == 93_000_000
    assert values["spending_total"] == 68_500_000
    assert values["balance_end"] == 24_500_000
    assert values["budget_execution"] == 73.7  # 68.5 / 93 = 73.66 %
    assert values["opd_new_cases"] == 11_400
    assert values["opd_per_person"] == 0.92
    assert values["anc1_coverage"] == 95.8
    judged = {s.indicator.code: s.met for s in assess_standards(definition, values)}
    assert judged["medical_staff_total"] is True
    assert judged["service_info_posted"] is False
    assert judged["anc4_coverage"] is False  # 74.3 % against 80 %
    assert judged["stockout_days"] is False
    assert judged["fee_child_vaccination"] is True


def test_real_form_rules_catch_inconsistent_figures() -> None:
    values = dict(HEALTH_CENTER, opening_time="17:00", closing_time="07:00",
                  spending_other="90,000,000", anc4="300")
    result = validate(real("health_center"), values)
    found = {(p.field, p.code, p.severity) for p in result.problems}
    assert found == {
        ("closing_time", "closing_after_opening", "error"),
        ("spending_total", "spending_within_funds", "error"),
        ("anc4", "anc4_within_anc1", "warning"),
    }


@pytest.mark.parametrize("code", ["cs_admin", "health_center", "primary_school"])
def test_an_empty_real_form_only_misses_required_values(code: str) -> None:
    definition = real(code)
    result = validate(definition, {})
    required = [key for i in definition.indicators() if i.required for key in i.entered_fields]
    assert required  # every real form asks for something
    assert sorted(p.field for p in result.problems) == sorted(required)
    assert {p.code for p in result.problems} == {"required"}
    assert result.blocks_submit and not result.blocks_save
    for problem in result.problems:
        label = definition.indicator(problem.indicator).label
        assert label.km in problem.message.km and label.en in problem.message.en


def test_expected_range_of_a_split_indicator_applies_to_its_total() -> None:
    # Midwives are expected to number at least one per health center; a health center
    # with four women midwives and no man is the usual case, not an unusual figure.
    values = dict(HEALTH_CENTER, **{"staff_midwives.female": "4", "staff_midwives.male": "0"})
    result = validate(real("health_center"), values)
    assert result.for_field("staff_midwives.male") == ()
