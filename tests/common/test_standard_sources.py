"""Where a standard comes from: its `status` (official or proposed) and `source` (a dated
document, or who proposed it), as a definition author writes them and `isaf forms check`
reports them. The real forms must give every standard both.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
import yaml

from common.forms import DefinitionError, StandardSource, build_definition, load_definition
from common.forms.loader import check_definition, check_definition_text

FORMS = Path(__file__).resolve().parents[2] / "forms"
FORM_CODES = ("cs_admin", "health_center", "primary_school")

# One indicator with a standard; STANDARD is replaced by the lines under `standard:`.
FORM = """\
form: cs_admin
service_kind: cs_admin
version: 1
title: {km: "ទម្រង់", en: "Form"}
sections:
  - code: fees
    title: {km: "ថ្លៃសេវា", en: "Fees"}
    indicators:
      - code: fee_birth
        label: {km: "ថ្លៃសេវាចុះបញ្ជីកំណើត", en: "Birth registration fee"}
        type: money
        standard:
          target: 0
          direction: at_most
STANDARD
"""


def form(standard_lines: str) -> str:
    return FORM.replace("STANDARD\n", textwrap.indent(textwrap.dedent(standard_lines), " " * 10))


def marked_line(text: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if "# HERE" in line)


def test_an_official_standard_names_its_document_and_date() -> None:
    definition, warnings = check_definition_text(form("""\
        status: official
        source: {document: "Sub-decree on civil registration", date: "2021-05-14"}
        """))
    standard = definition.indicator("fee_birth").standard
    assert standard is not None and standard.official and warnings == []
    assert standard.source == StandardSource(document="Sub-decree on civil registration",
                                             date="2021-05-14")
    assert standard.source.describe() == "Sub-decree on civil registration (2021-05-14)"


def test_a_proposed_standard_names_who_proposed_it() -> None:
    definition, warnings = check_definition_text(form("""\
        status: proposed
        source: {proposed_by: "ISAF Desk team: our reading; to be confirmed by MoI"}
        """))
    standard = definition.indicator("fee_birth").standard
    assert standard is not None and not standard.official and warnings == []
    assert standard.source is not None
    assert standard.source.describe() == "proposed by ISAF Desk team: our reading; " \
                                         "to be confirmed by MoI"


@pytest.mark.parametrize(("lines", "message"), [
    ("status: official  # HERE\n", "an official standard names its source"),
    ("status: official\nsource: {proposed_by: \"ISAF Desk team\"}  # HERE\n",
     "an official standard's source is a document"),
    ("status: official\nsource: {document: \"Prakas\"}  # HERE\n",
     "an official standard's document needs its date"),
    ("status: official\nsource: {document: \"Prakas\", date: \"2021\", proposed_by: \"X\"}"
     "  # HERE\n", "a source is a document or 'proposed_by', not both"),
    ("status: proposed\nsource: {}  # HERE\n",
     "a source names a 'document' (with its 'date') or 'proposed_by'"),
    ("status: proposed\nsource: {date: \"2021\"}  # HERE\n",
     "a source names a 'document' (with its 'date') or 'proposed_by'"),
    ("status: proposed\nsource: {document: \"Prakas\", date: \"2021\"}  # HERE\n",
     "a proposed standard's source is 'proposed_by'"),
    ("source: {document: \"Prakas\", date: \"2021\"}  # HERE\n", "write 'status: official'"),
    ("status: proposed\nsource: {proposed_by: \"X\", date: \"2021\"}  # HERE\n",
     "'date' is the date of a 'document'"),
    ("status: official\nsource: {document: \"Prakas\", date: \"21\"}  # HERE\n",
     "'21' is not a document date"),
    ("status: official\nsource: {document: \"Prakas\", date: \"2021-13\"}  # HERE\n",
     "'2021-13' is not a document date"),
    ("status: official\nsource: {document: \"Prakas\", date: \"2021-02-31\"}  # HERE\n",
     "'2021-02-31' is not a date in the calendar"),
    ("status: official\nsource: {document: \"Prakas\", date: 2021}  # HERE\n",
     'write the date in quotes: date: "2021"'),
    ("status: official\nsource: {document: \"Prakas\", date: 2021-05-14}  # HERE\n",
     'write the date in quotes: date: "2021-05-14"'),
    ("status: official\nsource: {document: \"  \", date: \"2021\"}  # HERE\n",
     "'document' names the document in words"),
    ("status: national  # HERE\n", "'national' is not one of ['official', 'proposed']"),
])
def test_a_wrong_status_or_source_is_refused_at_its_line(lines: str, message: str) -> None:
    text = form(lines)
    with pytest.raises(DefinitionError) as caught:
        check_definition_text(text, filename="fees.yaml")
    assert [p.line for p in caught.value.problems] == [marked_line(text)]
    assert message in str(caught.value)
    assert str(caught.value).startswith(f"fees.yaml:{marked_line(text)}: ")


def test_a_standard_without_status_loads_as_proposed_with_warnings_at_its_line() -> None:
    text = form("")
    definition, warnings = check_definition_text(text, filename="fees.yaml")
    standard = definition.indicator("fee_birth").standard
    assert standard is not None and standard.status == "proposed" and standard.source is None
    line = next(n for n, s in enumerate(text.splitlines(), 1) if s.strip() == "standard:")
    assert [str(w).removesuffix(" (sections[0].indicators[0].standard)")
            for w in warnings] == [
        f"fees.yaml:{line}: warning: the standard of 'fee_birth' has no 'status' "
        "(it counts as proposed): write 'status: official' or 'status: proposed'",
        f"fees.yaml:{line}: warning: the standard of 'fee_birth' names no source: add "
        "'source: {proposed_by: ...}' (who proposed it, on what reading) or, when an "
        "official text states it, 'source: {document: ..., date: ...}'",
    ]


def test_a_standard_with_a_status_but_no_source_is_warned_about_only_the_source() -> None:
    _, warnings = check_definition_text(form("status: proposed\n"))
    assert len(warnings) == 1 and "names no source" in warnings[0].message
    _, warnings = check_definition_text(form("source: {proposed_by: \"ISAF Desk team\"}\n"))
    assert len(warnings) == 1 and "has no 'status'" in warnings[0].message


def test_a_definition_published_before_statuses_loads_unchanged_as_proposed() -> None:
    """The JSON a server stored long ago has no status: it loads, claims nothing, and keeps
    its checksum (the warnings are for the person checking a file, not part of it)."""
    data = yaml.safe_load(form(""))
    stored = build_definition(data)
    standard = stored.indicator("fee_birth").standard
    assert standard is not None and standard.status == "proposed" and not standard.official
    checked, warnings = check_definition_text(form(""))
    assert warnings and checked.checksum == stored.checksum


def test_status_and_source_are_part_of_the_checksum() -> None:
    official = check_definition_text(form(
        'status: official\nsource: {document: "Prakas", date: "2021"}\n'))[0]
    redated = check_definition_text(form(
        'status: official\nsource: {document: "Prakas", date: "2022"}\n'))[0]
    proposed = check_definition_text(form(
        'status: proposed\nsource: {proposed_by: "ISAF Desk team"}\n'))[0]
    assert len({official.checksum, redated.checksum, proposed.checksum}) == 3
    # Published as JSON and loaded back, the standard keeps where it comes from.
    again = build_definition(official.source).indicator("fee_birth").standard
    assert again == official.indicator("fee_birth").standard


# --------------------------------------------------------------------------- real forms


@pytest.mark.parametrize("code", FORM_CODES)
def test_every_real_standard_has_a_status_and_a_source(code: str) -> None:
    path = FORMS / f"{code}.yaml"
    definition, warnings = check_definition(path)
    assert [str(w) for w in warnings] == []
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    written = {i["code"]: i["standard"] for s in raw["sections"] for i in s["indicators"]
               if "standard" in i}
    assert written, f"{code} has no standard"
    for indicator_code, standard in written.items():
        assert {"status", "source"} <= set(standard), indicator_code
        loaded = definition.indicator(indicator_code).standard
        assert loaded is not None and loaded.source is not None
        if loaded.official:
            assert loaded.source.document and loaded.source.date, indicator_code
        else:
            assert loaded.source.proposed_by, indicator_code


def test_the_real_forms_are_honest_about_what_is_official() -> None:
    """Only what the programme's material states is official; a reading of it (the
    24-hour opening applied to deliveries, ratios derived from the class size) is not."""
    official = {code: {i.code for i in load_definition(FORMS / f"{code}.yaml").indicators()
                       if i.standard is not None and i.standard.official}
                for code in FORM_CODES}
    assert official["health_center"] >= {"medical_staff_total", "open_24h"}
    assert "delivery_24h" not in official["health_center"]
    assert official["primary_school"] >= {"teaching_days", "pupils_per_class"}
    assert not official["primary_school"] & {"pupil_teacher_ratio", "pupil_classroom_ratio"}
