"""Demo values (server.demo_values): complete, valid, plausible forms for a demo."""

from __future__ import annotations

import functools
import random
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from common.forms import (
    FormDefinition,
    ValidationResult,
    assess_standards,
    compute,
    load_definition,
    parse_definition_text,
    validate,
)
from server.demo_values import demo_values, demo_values_with_warnings

FORMS = Path(__file__).resolve().parents[2] / "forms"
FORM_CODES = ("cs_admin", "health_center", "primary_school")
SEEDS = range(200)
SIZES = (0.5, 1.0, 2.0)
TIME = re.compile(r"^([01][0-9]|2[0-3]):[0-5][0-9]$")

# New indicators of every type, unknown to the profiles: a later version of a form.
EXTRA_INDICATORS = """\
      - code: demo_extra_count
        label: {km: "ចំនួនថ្មី", en: "New count"}
        type: count
        required: true
        min: 0
        max: 80
        expected: {min: 1, max: 50}
      - code: demo_extra_split
        label: {km: "ចំនួនថ្មីតាមភេទ", en: "New count by sex"}
        type: count
        disaggregation: sex
        min: 0
        expected: {min: 4, max: 30}
      - code: demo_extra_money
        label: {km: "ប្រាក់ថ្មី", en: "New money"}
        type: money
        min: 0
        expected: {max: 5000000}
      - code: demo_extra_fee
        label: {km: "ថ្លៃសេវាថ្មី", en: "New fee"}
        type: money
        min: 0
        standard: {target: 0, direction: at_most}
      - code: demo_extra_percent
        label: {km: "ភាគរយថ្មី", en: "New percent"}
        type: percent
        decimals: 1
        standard: {target: 80, direction: at_least}
      - code: demo_extra_ratio
        label: {km: "សមាមាត្រថ្មី", en: "New ratio"}
        type: ratio
        decimals: 2
        expected: {min: 0.5, max: 3}
      - code: demo_extra_flag
        label: {km: "បាទ/ទេ ថ្មី", en: "New yes/no"}
        type: yes_no
        standard: {target: true, direction: equal}
      - code: demo_extra_time
        label: {km: "ម៉ោងថ្មី", en: "New time"}
        type: time
        standard: {target: "07:30", direction: at_most}
      - code: demo_extra_choice
        label: {km: "ជម្រើសថ្មី", en: "New choice"}
        type: choice
        choices:
          - code: first
            label: {km: "ទី១", en: "First"}
          - code: second
            label: {km: "ទី២", en: "Second"}
      - code: demo_extra_name
        label: {km: "ឈ្មោះ", en: "Name"}
        type: text
        max_length: 12
"""
EXTRA_CODES = (
    "demo_extra_count", "demo_extra_split", "demo_extra_money", "demo_extra_fee",
    "demo_extra_percent", "demo_extra_ratio", "demo_extra_flag", "demo_extra_time",
    "demo_extra_choice", "demo_extra_name",
)
# An error rule the generic values break now and then (drawn again), and a warning rule
# nothing can satisfy (confirmed with a reason).
EXTRA_RULES = """
  - code: demo_extra_within
    check: "demo_extra_count <= 45"
    severity: error
    message: {km: "ច្រើនពេក", en: "Too many"}
  - code: demo_extra_impossible
    check: "demo_extra_count > 1000"
    severity: warning
    fields: [demo_extra_count]
    message: {km: "តិចពេក", en: "Too few"}
"""


@functools.cache
def definition(form: str) -> FormDefinition:
    return load_definition(FORMS / f"{form}.yaml")


def size_for(seed: int) -> float:
    """The sizes the demo uses: the ends of the range, the middle, and anywhere."""
    if seed % 4 < len(SIZES):
        return SIZES[seed % 4]
    return random.Random(seed).uniform(0.5, 2.0)


@functools.cache
def results(form: str) -> tuple[tuple[dict[str, Any], ValidationResult], ...]:
    """Values and their validation for every seed (computed once, shared by the tests)."""
    found = []
    for seed in SEEDS:
        values = demo_values(definition(form), random.Random(seed), size=size_for(seed))
        found.append((values, validate(definition(form), values)))
    return tuple(found)


def extended(form: str, *, rules: bool = False) -> FormDefinition:
    """The real definition with the extra indicators in its first section (and rules)."""
    text = (FORMS / f"{form}.yaml").read_text(encoding="utf-8")
    marker = "    indicators:\n"
    assert marker in text
    text = text.replace(marker, marker + EXTRA_INDICATORS, 1)
    if rules:
        text = text.rstrip("\n") + "\n" + EXTRA_RULES
    return parse_definition_text(text, filename=f"{form}-extended.yaml")


def check_types(definition_: FormDefinition, values: dict[str, Any]) -> None:
    """Each value is of the Python type its indicator wants, as the demo writes it."""
    for key, value in values.items():
        indicator = definition_.field(key).indicator
        kind = indicator.type
        if kind in ("count", "money"):
            assert type(value) is int, key
            if kind == "money":
                assert value % 1000 == 0, (key, value)  # Riel, in whole thousands
        elif kind in ("percent", "ratio"):
            assert type(value) in (int, float), key
            assert round(value, indicator.effective_decimals) == value, key
        elif kind == "yes_no":
            assert type(value) is bool, key
        elif kind == "time":
            assert TIME.match(value), key
        elif kind == "choice":
            assert value in {c.code for c in indicator.choices}, key
        else:
            assert isinstance(value, str) and 0 < len(value) <= indicator.max_length, key


# --------------------------------------------------------------------------- the real forms


@pytest.mark.parametrize("form", FORM_CODES)
def test_every_entered_field_has_a_valid_value(form: str) -> None:
    entered = set(definition(form).entered_field_keys())
    for values, result in results(form):
        assert set(values) == entered
        assert not result.errors, [(p.field, p.code) for p in result.errors]
        assert not result.blocks_submit
        check_types(definition(form), values)


@pytest.mark.parametrize("form", FORM_CODES)
def test_warnings_are_rare(form: str) -> None:
    warned = [result.warnings for _, result in results(form) if result.warnings]
    assert len(warned) < 0.05 * len(SEEDS), [(p.field, p.code) for w in warned for p in w]


@pytest.mark.parametrize("form", FORM_CODES)
def test_same_seed_same_values_and_different_seeds_differ(form: str) -> None:
    for seed in (0, 7, 42):
        again = demo_values(definition(form), random.Random(seed), size=size_for(seed))
        assert again == results(form)[seed][0]
    distinct = {tuple(sorted(values.items())) for values, _ in results(form)}
    assert len(distinct) == len(SEEDS)


@pytest.mark.parametrize("form", FORM_CODES)
def test_standards_are_met_in_some_forms_and_not_in_others(form: str) -> None:
    outcomes: Counter[bool | None] = Counter()
    for _, result in results(form):
        outcomes.update(s.met for s in assess_standards(
            definition(form), compute(definition(form), result.values)))
    assert outcomes[True] > outcomes[False] > 0
    assert outcomes[None] == 0  # every standard can be judged: the form is complete


def test_size_scales_the_unit() -> None:
    def mean(form: str, field: str, size: float) -> float:
        return sum(demo_values(definition(form), random.Random(seed), size=size)[field]
                   for seed in range(20)) / 20

    assert mean("health_center", "catchment_population", 2.0) > \
        2 * mean("health_center", "catchment_population", 0.5)
    assert mean("primary_school", "pupils_grade1.female", 2.0) > \
        2 * mean("primary_school", "pupils_grade1.female", 0.5)
    assert mean("cs_admin", "received_dev", 2.0) > 2 * mean("cs_admin", "received_dev", 0.5)
    with pytest.raises(ValueError, match="size"):
        demo_values(definition("cs_admin"), random.Random(1), size=3)


# --------------------------------------------------------------------------- plausibility


def test_health_center_figures_hang_together() -> None:
    for values, result in results("health_center"):
        v = result.values
        population = v["catchment_population"]
        assert 4000 <= population <= 40000
        assert 0.025 * population - 1 <= v["expected_pregnancies"] <= 0.035 * population + 1
        assert v["anc4"] <= v["anc1"]
        assert v["deliveries_hc"] < v["expected_pregnancies"]
        assert v["penta3"] <= v["penta1"]
        assert v["spending_total"] <= v["funds_available"]
        assert 10**7 <= v["income_total"] < 10**9  # tens of millions of Riel
        assert "07:00" <= values["opening_time"] <= "08:00"
        assert "16:30" <= values["closing_time"] <= "17:30"
        assert re.fullmatch(r"0\d\d \d{3} \d{3}", values["hc_phone"])
        assert re.fullmatch(r"[A-Z][a-z]+ [A-Z][a-z]+", values["hc_chief_name"])
    free = sum(values["fee_child_vaccination"] == 0 for values, _ in results("health_center"))
    assert free > 0.85 * len(SEEDS)


def test_commune_figures_hang_together() -> None:
    for values, result in results("cs_admin"):
        v = result.values
        assert 5 <= v["council_members"] <= 11
        assert v["spent_total"] <= v["received_total"] + v["received_carryover"]
        assert v["cip_projects_completed"] <= v["cip_projects_planned"]
        assert "07:00" <= values["office_open_time"] <= "08:00"
        assert "16:30" <= values["office_close_time"] <= "17:30"
    free = sum(values["fee_birth"] == 0 for values, _ in results("cs_admin"))
    assert free > 0.8 * len(SEEDS)


def test_school_enrolment_thins_out_and_last_years_pupils_are_accounted_for() -> None:
    for _, result in results("primary_school"):
        v = result.values
        for sex in ("female", "male"):
            grades = [v[f"pupils_grade{g}.{sex}"] for g in range(1, 7)]
            assert grades == sorted(grades, reverse=True)
            assert grades[5] >= 0.65 * grades[0] - 1  # gently: 2-7 % a grade
            enrolled = v[f"enrolment_last_year.{sex}"]
            flow = v[f"promoted.{sex}"] + v[f"repeaters.{sex}"] + v[f"dropouts.{sex}"]
            assert 0.95 * enrolled <= flow <= enrolled
        assert v["sob_spent_total"] <= v["sob_received_total"]


# --------------------------------------------------------------------------- later versions


@pytest.mark.parametrize("form", FORM_CODES)
def test_a_field_unknown_to_the_profile_gets_a_valid_value(form: str) -> None:
    definition_ = extended(form)
    keys = [k for k in definition_.entered_field_keys() if k.startswith("demo_extra")]
    assert len(keys) == len(EXTRA_CODES) + 1  # the split one has two parts
    for seed in range(30):
        values = demo_values(definition_, random.Random(seed), size=size_for(seed))
        result = validate(definition_, values)
        assert not result.errors, [(p.field, p.code) for p in result.errors]
        assert not [p for p in result.warnings if p.indicator.startswith("demo_extra")]
        check_types(definition_, values)
        assert len(values["demo_extra_name"]) <= 12
        # The new fields are drawn after the profile's: the known figures do not move.
        plain = demo_values(definition(form), random.Random(seed), size=size_for(seed))
        assert {k: v for k, v in values.items() if not k.startswith("demo_extra")} == plain


def test_the_generic_values_follow_standards_mostly() -> None:
    definition_ = extended("health_center")
    runs = [demo_values(definition_, random.Random(seed)) for seed in range(100)]
    fees = Counter(values["demo_extra_fee"] == 0 for values in runs)
    flags = Counter(values["demo_extra_flag"] for values in runs)
    times = Counter(values["demo_extra_time"] <= "07:30" for values in runs)
    for counter in (fees, flags, times):
        assert counter[True] > 70 and counter[False] > 0


def test_a_profile_value_that_no_longer_fits_is_held_within_the_indicator() -> None:
    text = (FORMS / "health_center.yaml").read_text(encoding="utf-8")
    text = text.replace("        type: text\n        max_length: 100\n",
                        "        type: text\n        max_length: 3\n", 1)
    text = text.replace("        max: 300\n        expected: {min: 1, max: 60}\n",
                        "        max: 2\n        expected: {min: 1, max: 2}\n", 1)
    definition_ = parse_definition_text(text)
    for seed in range(20):
        values = demo_values(definition_, random.Random(seed))
        assert len(values["hc_chief_name"]) <= 3
        assert values["catchment_villages"] <= 2
        assert not validate(definition_, values).errors


def test_remaining_warnings_come_with_a_reason() -> None:
    definition_ = extended("primary_school", rules=True)
    for seed in range(20):
        values, reasons = demo_values_with_warnings(definition_, random.Random(seed))
        result = validate(definition_, values)
        assert not result.errors  # drawn again until the unknown error rule holds
        assert values["demo_extra_count"] <= 45
        assert set(reasons) == {f"{p.field}:{p.code}" for p in result.warnings}
        assert "demo_extra_count:demo_extra_impossible" in reasons
        assert all(reason.strip() for reason in reasons.values())
    values, reasons = demo_values_with_warnings(definition("cs_admin"), random.Random(3))
    assert reasons == {} and values
