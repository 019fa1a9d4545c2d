"""Loading form definitions (common.forms.loader): the real forms, and broken ones.

A definition author runs `isaf forms check` and reads `file:line: message`; the broken
definitions below mark the line the message must point at with a `# HERE` comment.
"""

from __future__ import annotations

import functools
import json
import re
import textwrap
from pathlib import Path

import pytest
import yaml

from common.forms import (
    DefinitionError,
    FormDefinition,
    Text,
    build_definition,
    load_definition,
    parse_definition_text,
)

ROOT = Path(__file__).resolve().parents[2]
FORMS = ROOT / "forms"
FORM_CODES = ("cs_admin", "health_center", "primary_school")
KHMER = re.compile("[\u1780-\u17ff]")
ZERO_WIDTH_SPACE = "\u200b"

# What the I4C poster must show (docs/FORMS.md: service standards, hours, fees and
# processing times, budget received and spent, performance against the standards).
POSTER_MUST_SHOW = {
    "cs_admin": [
        "fee_birth", "fee_death", "fee_marriage", "time_birth", "time_death", "time_marriage",
        "council_meetings_held", "office_open_time", "office_close_time", "received_total",
        "spent_total",
    ],
    "health_center": [
        "medical_staff_total", "opening_time", "closing_time", "days_open_per_week", "open_24h",
        "price_list_posted", "service_info_posted", "fee_consultation_adult",
        "fee_normal_delivery", "income_total", "spending_total",
    ],
    "primary_school": [
        "teaching_days", "pupils_per_class", "teachers_per_class", "toilets_girls_separate",
        "fees_charged", "textbooks_lent_free", "sob_received_total", "sob_spent_total",
    ],
}


@functools.cache
def load(code: str) -> FormDefinition:
    """A real form, loaded once: a definition is immutable."""
    return load_definition(FORMS / f"{code}.yaml")


def all_texts(definition: FormDefinition) -> list[tuple[str, Text]]:
    """Every human text of a definition, named by where it is."""
    texts: list[tuple[str, Text | None]] = [
        ("title", definition.title), ("instructions", definition.instructions)]
    for section in definition.sections:
        texts.append((f"section {section.code}", section.title))
        for indicator in section.indicators:
            texts += [(f"{indicator.code} label", indicator.label),
                      (f"{indicator.code} unit", indicator.unit),
                      (f"{indicator.code} help", indicator.help)]
            texts += [(f"{indicator.code} choice {c.code}", c.label) for c in indicator.choices]
    texts += [(f"rule {rule.code}", rule.message) for rule in definition.rules]
    return [(where, text) for where, text in texts if text is not None]


# --------------------------------------------------------------------------- real forms


def test_every_service_kind_has_a_form() -> None:
    assert sorted(p.stem for p in FORMS.glob("*.yaml")) == sorted(FORM_CODES)


@pytest.mark.parametrize("code", FORM_CODES)
def test_real_form_loads(code: str) -> None:
    definition = load(code)
    assert definition.form == definition.service_kind == code
    assert definition.key == f"{code}@{definition.version}"
    assert 40 <= len(list(definition.indicators())) <= 120


@pytest.mark.parametrize("code", FORM_CODES)
def test_real_form_codes_are_unique(code: str) -> None:
    definition = load(code)
    indicators = [i.code for i in definition.indicators()]
    sections = [s.code for s in definition.sections]
    rules = [r.code for r in definition.rules]
    assert len(indicators) == len(set(indicators))
    assert len(sections) == len(set(sections))
    assert len(rules) == len(set(rules))
    assert len(definition.field_keys) == len(set(definition.field_keys))


@pytest.mark.parametrize("code", FORM_CODES)
def test_real_form_texts_are_in_both_languages(code: str) -> None:
    for where, text in all_texts(load(code)):
        assert text.km.strip() and text.en.strip(), where
        assert KHMER.search(text.km), f"{where}: Khmer text without Khmer letters: {text.km!r}"
        assert not KHMER.search(text.en), f"{where}: Khmer in the English text: {text.en!r}"
        assert ZERO_WIDTH_SPACE not in text.km + text.en, where


@pytest.mark.parametrize("code", FORM_CODES)
def test_real_form_poster_shows_standards_hours_fees_and_budget(code: str) -> None:
    definition = load(code)
    for indicator_code in POSTER_MUST_SHOW[code]:
        assert definition.indicator(indicator_code).poster, indicator_code


@pytest.mark.parametrize("code", FORM_CODES)
def test_real_form_computes_each_indicator_after_what_it_reads(code: str) -> None:
    definition = load(code)
    order = [i.code for i in definition.computed_order]
    computed = {i.code for i in definition.indicators() if i.is_computed}
    assert sorted(order) == sorted(computed)
    for position, indicator in enumerate(definition.computed_order):
        reads = {f.partition(".")[0] for f in indicator.computed.fields}  # type: ignore[union-attr]
        assert reads & computed <= set(order[:position]), indicator.code


def test_checksum_is_stable_and_follows_content(tmp_path: Path) -> None:
    text = (FORMS / "health_center.yaml").read_text(encoding="utf-8")
    path = FORMS / "health_center.yaml"
    first, second = load_definition(path), load_definition(path)
    assert first.checksum == second.checksum
    assert re.fullmatch(r"[0-9a-f]{64}", first.checksum)
    # Comments and layout are not content.
    assert parse_definition_text("# a comment\n" + text + "\n\n").checksum == first.checksum
    relabelled = text.replace('en: "Midwives (primary and secondary)"', 'en: "Midwives"')
    assert relabelled != text
    assert parse_definition_text(relabelled).checksum != first.checksum
    bumped = text.replace(f"\nversion: {first.version}\n", f"\nversion: {first.version + 1}\n")
    assert bumped != text
    assert parse_definition_text(bumped).checksum != first.checksum


def test_published_json_rebuilds_the_same_definition() -> None:
    definition = load("primary_school")
    published = json.loads(json.dumps(definition.source, ensure_ascii=False))
    rebuilt = build_definition(published)
    assert rebuilt.checksum == definition.checksum
    assert rebuilt.key == definition.key
    assert rebuilt.field_keys == definition.field_keys
    assert [i.code for i in rebuilt.computed_order] == [i.code for i in definition.computed_order]


# --------------------------------------------------------------------------- broken forms


def form_text(indicators: str, rules: str = "") -> str:
    """A small definition around `indicators` (and `rules`), both written unindented."""
    head = textwrap.dedent("""\
        form: health_center
        service_kind: health_center
        version: 1
        title: {km: "ទម្រង់សាកល្បង", en: "Test form"}
        sections:
          - code: main
            title: {km: "ផ្នែកមេ", en: "Main"}
            indicators:
        """)
    text = head + textwrap.indent(textwrap.dedent(indicators), " " * 6)
    if rules:
        text += "rules:\n" + textwrap.indent(textwrap.dedent(rules), "  ")
    return text


def line_of(text: str, marker: str) -> int:
    lines = [n for n, line in enumerate(text.splitlines(), start=1)
             if line.rstrip().endswith(f"# {marker}")]
    assert len(lines) == 1, f"marker {marker} must be on exactly one line"
    return lines[0]


def problems(text: str) -> list[tuple[int | None, str]]:
    with pytest.raises(DefinitionError) as error:
        parse_definition_text(text, filename="test.yaml")
    return [(p.line, p.message) for p in error.value.problems]


# Indented like the literals below, so that dedent() of a concatenation works.
COUNT_A = """\
        - code: a
          label: {km: "ក", en: "A"}
          type: count
"""

BROKEN: dict[str, tuple[str, tuple[str, ...]]] = {
    "invalid YAML": (form_text("""\
        - code: a
          label: {km: "ក", en: "A"}
          type: count: extra  # HERE
        """), ("not valid YAML",)),
    "duplicate key": (form_text("""\
        - code: a
          label: {km: "ក", en: "A"}
          type: count
          type: money  # HERE
        """), ("'type'", "twice")),
    "missing label": (form_text(COUNT_A + """\
        - code: b  # HERE
          type: count
        """), ("'label'", "missing")),
    "unknown key": (form_text("""\
        - code: a
          label: {km: "ក", en: "A"}
          type: count
          unit: {km: "នាក់", en: "persons"}
          colour: red  # HERE
          min: 0
        """), ("colour",)),
    "bad code": (form_text("""\
        - code: Staff-Total  # HERE
          label: {km: "ក", en: "A"}
          type: count
        """), ("Staff-Total", "code")),
    "duplicate indicator code": (form_text(COUNT_A + """\
        - code: a  # HERE
          label: {km: "ខ", en: "B"}
          type: money
        """), ("'a'", "twice")),
    "computed from an unknown field": (form_text(COUNT_A + """\
        - code: b
          label: {km: "ខ", en: "B"}
          type: ratio
          computed: "a / nope"  # HERE
        """), ("unknown field", "nope")),
    "computed from itself": (form_text(COUNT_A + """\
        - code: b
          label: {km: "ខ", en: "B"}
          type: ratio
          computed: "a / b"  # HERE
        """), ("'b'", "itself")),
    "rule check gives a number": (form_text(COUNT_A, """\
        - code: r
          check: "a + 1"  # HERE
          severity: error
          message: {km: "ក", en: "A"}
        """), ("a + 1", "yes or no")),
    "rule names an unknown field": (form_text(COUNT_A, """\
        - code: r
          check: "a > 1"
          severity: warning
          fields: [nope]  # HERE
          message: {km: "ក", en: "A"}
        """), ("unknown field", "nope")),
    "choice without choices": (form_text("""\
        - code: c  # HERE
          label: {km: "ក", en: "A"}
          type: choice
        """), ("choices",)),
    "computed with required": (form_text(COUNT_A + """\
        - code: b
          label: {km: "ខ", en: "B"}
          type: ratio
          computed: "a / 2"
          required: true  # HERE
        """), ("computed", "'required'")),
    "time target not quoted": (form_text("""\
        - code: opening
          label: {km: "ម៉ោងបើក", en: "Opening time"}
          type: time
          standard:
            target: 7:00  # HERE
            direction: at_most
        """), ('"07:00"',)),
    "personal data on the poster": (form_text("""\
        - code: chief_phone
          label: {km: "លេខទូរស័ព្ទប្រធាន", en: "Chief's phone"}
          type: text
          personal: true
          poster: true  # HERE
        """), ("personal", "poster")),
    "a tag YAML cannot read": (form_text("""\
        - code: a
          label: {km: "ក", en: "A"}
          type: !include types.yaml  # HERE
        """), ("!include",)),
}


@pytest.mark.parametrize("case", list(BROKEN))
def test_a_mistake_is_reported_at_its_line(case: str) -> None:
    text, words = BROKEN[case]
    reported = problems(text)
    assert len(reported) == 1, reported
    line, message = reported[0]
    assert line == line_of(text, "HERE"), (message, text)
    for word in words:
        assert word in message


def test_a_computed_cycle_is_reported_at_one_of_its_indicators() -> None:
    text = form_text("""\
        - code: a
          label: {km: "ក", en: "A"}
          type: count
          computed: "b + 1"  # HERE
        - code: b
          label: {km: "ខ", en: "B"}
          type: count
          computed: "a + 1"  # ALSO
        """)
    [(line, message)] = problems(text)
    assert line in (line_of(text, "HERE"), line_of(text, "ALSO"))
    assert "cycle" in message and "a" in message and "b" in message


def test_min_above_max_is_reported_at_the_limits() -> None:
    text = form_text("""\
        - code: a
          label: {km: "ក", en: "A"}
          type: count
          min: 10  # HERE
          max: 5  # ALSO
        """)
    [(line, message)] = problems(text)
    assert line in (line_of(text, "HERE"), line_of(text, "ALSO"))
    assert "min is greater than max" in message


def test_a_yes_no_standard_with_a_number_target_is_reported_at_the_standard() -> None:
    text = form_text("""\
        - code: open_24h
          label: {km: "បើក ២៤ ម៉ោង", en: "Open 24 hours"}
          type: yes_no
          standard:  # HERE
            target: 2  # ALSO
            direction: equal
        """)
    [(line, message)] = problems(text)
    assert line in (line_of(text, "HERE"), line_of(text, "ALSO"))
    assert "yes/no standard" in message and "true/false" in message


@pytest.mark.parametrize("text", ["", "\n# only a comment\n"])
def test_an_empty_file_is_reported(text: str) -> None:
    assert problems(text) == [(1, "the file is empty")]


def test_every_mistake_of_a_file_is_reported() -> None:
    text = form_text("""\
        - code: a
          label: {km: "ក", en: "A"}
          type: count
          min: 10  # MIN
          max: 5
        - code: a  # DUPLICATE
          label: {km: "ខ", en: "B"}
          type: count
        - code: rate
          label: {km: "គ", en: "C"}
          type: percent
          computed: "100 * a / nope"  # UNKNOWN
        - code: open_24h
          label: {km: "ឃ", en: "D"}
          type: yes_no
          standard: {target: 3, direction: equal}  # STANDARD
        """, """\
        - code: r
          check: "a * 2"  # CHECK
          severity: error
          message: {km: "ក", en: "A"}
        """)
    reported = problems(text)
    expected = {
        "MIN": "min is greater than max",
        "DUPLICATE": "used twice",
        "UNKNOWN": "nope",
        "STANDARD": "yes/no standard",
        "CHECK": "yes or no",
    }
    for marker, words in expected.items():
        assert any(line == line_of(text, marker) and words in message
                   for line, message in reported), (marker, reported)
    assert len(reported) == len(expected)


def test_every_shape_mistake_of_a_file_is_reported() -> None:
    text = form_text("""\
        - code: a  # NOLABEL
          type: count
        - code: Bad  # BADCODE
          label: {km: "ខ", en: "B"}
          type: count
        - code: c
          label: {km: "គ", en: "C"}
          type: counter  # BADTYPE
        """)
    reported = problems(text)
    assert (line_of(text, "NOLABEL"), "'label' is missing") in reported
    assert any(line == line_of(text, "BADCODE") and "Bad" in message
               for line, message in reported)
    assert any(line == line_of(text, "BADTYPE") and "counter" in message
               for line, message in reported)
    assert len(reported) == 3


def test_a_file_mistake_reads_file_colon_line(tmp_path: Path) -> None:
    path = tmp_path / "health_center.yaml"
    text = form_text(COUNT_A + """\
        - code: a  # HERE
          label: {km: "ខ", en: "B"}
          type: count
        """)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DefinitionError) as error:
        load_definition(path)
    assert str(error.value).startswith(f"{path}:{line_of(text, 'HERE')}: indicator code 'a'")


def test_a_missing_file_is_a_definition_error(tmp_path: Path) -> None:
    with pytest.raises(DefinitionError) as error:
        load_definition(tmp_path / "nowhere.yaml")
    assert "cannot read" in str(error.value)


# --------------------------------------------------------------------------- plain data


def test_plain_data_builds_a_definition() -> None:
    data = yaml.safe_load(form_text(COUNT_A + """\
        - code: b
          label: {km: "ខ", en: "B"}
          type: count
          disaggregation: sex
        - code: share
          label: {km: "គ", en: "C"}
          type: percent
          computed: "100 * b.female / b"
        """))
    definition = build_definition(data)
    assert definition.field_keys == ("a", "b.female", "b.male", "b", "share")
    assert list(definition.entered_field_keys()) == ["a", "b.female", "b.male"]
    assert definition.indicator("share").effective_decimals == 1


def test_plain_data_mistakes_are_reported_by_path() -> None:
    data = yaml.safe_load(form_text(COUNT_A + """\
        - code: a
          label: {km: "ខ", en: "B"}
          type: count
        - code: c
          type: count
        """))
    with pytest.raises(DefinitionError) as shape:
        build_definition(data, filename="published.json")
    [problem] = shape.value.problems
    assert problem.line is None
    assert problem.path == "sections[0].indicators[2]"
    assert str(problem) == "published.json: 'label' is missing (sections[0].indicators[2])"

    del data["sections"][0]["indicators"][2]
    with pytest.raises(DefinitionError) as meaning:
        build_definition(data, filename="published.json")
    [problem] = meaning.value.problems
    assert problem.line is None
    assert str(problem) == ("published.json: indicator code 'a' is used twice "
                            "(sections[0].indicators[1].code)")
