"""The I4C poster side by side (km+en) says everything in both languages, marks proposed
standards as proposed (or leaves them unjudged on request), and spaces the Latin
parentheses of its headings as written."""

from __future__ import annotations

import re
from dataclasses import replace
from itertools import pairwise

import pytest
import uharfbuzz  # type: ignore[import-untyped]  # ships no type information
from reportlab.pdfbase import pdfmetrics

from common.documents import DocumentOptions, JaapAction, poster_pdf, public_indicators, recording
from common.documents.data import PosterInput
from common.documents.jaap import jaap_actions
from common.documents.wording import WORDS
from common.forms import FormDefinition, Indicator, judged_standard
from tests.common.documents.conftest import PRINTED_ON, poster_input
from tests.common.documents.extract import flat, pdftotext

#: Two actions with their English, as `--jaap actions.json` gives them; the second made
#: from a synced record (its progress in both languages).
ACTIONS = [
    JaapAction("ជួសជុលដំបូលថ្នាក់រៀន", "Repair the classroom roof", "គណៈកម្មការទ្រទ្រង់សាលារៀន",
               "០១/២០២៦ - ០៦/២០២៦", "កំពុងអនុវត្ត"),
    replace(jaap_actions([{"section": "A", "number": 2, "activity": "ផ្ដល់ទឹកស្អាតគ្រប់គ្រាន់",
                           "progress_status": "done", "progress_percent": 100}],
                         DocumentOptions(language="km+en"))[0],
            activity_en="Provide enough clean water"),
]
#: Fixed words every side-by-side poster with standards, a budget, JAAP actions and a
#: draft form prints: table heads, section titles, chart captions, the draft band.
FIXED = ["indicator", "standard", "this_year", "status", "last_year", "change",
         "district_average", "performance", "other_figures", "jaap", "standards_met",
         "budget_chart", "number", "activity", "responsible", "timeline", "draft"]


def printed(text: str, texts: set[str]) -> bool:
    """Whether `text` was drawn: whole, or wrapped (its first line drawn)."""
    return text in texts or any(len(t) >= min(len(text), 6) and text.startswith(t)
                                for t in texts)


def drawn(data: PosterInput) -> tuple[bytes, set[str]]:
    with recording() as record:
        pdf = poster_pdf(data)
    assert record.problems() == []
    return pdf, {text for _, text in record.texts}


@pytest.fixture(scope="module", params=["cs_admin", "health_center", "primary_school"])
def side_by_side(request: pytest.FixtureRequest, definitions: dict[str, FormDefinition]
                 ) -> tuple[PosterInput, set[str], str]:
    data = poster_input(definitions[request.param], status="draft", options=DocumentOptions(
        language="km+en", printed_on=PRINTED_ON))
    data = replace(data, jaap_actions=ACTIONS)
    pdf, texts = drawn(data)
    return data, texts, flat(pdftotext(pdf))


def test_every_fixed_label_comes_in_khmer_and_english(
        side_by_side: tuple[PosterInput, set[str], str]) -> None:
    _, texts, text = side_by_side
    for key in FIXED:
        km, en = WORDS[key]
        assert printed(km, texts), key
        assert printed(en, texts), key
        assert en in text, key  # and reads back out of the PDF
    assert "District average over the approved forms of 5 units of the district" in text
    # The English lines in Arabic digits, as the page furniture's English.
    assert "Information for Citizens (I4C) · Year 2026" in text
    assert "មធ្យមភាគស្រុកគិតលើទម្រង់បានអនុម័តរបស់អង្គភាព ៥ ក្នុងស្រុក" in texts


def test_status_pills_and_chart_labels_come_in_both_languages(
        side_by_side: tuple[PosterInput, set[str], str]) -> None:
    _, texts, text = side_by_side
    pills = [key for key in ("met", "not_met", "no_data") if WORDS[key][0] in texts]
    assert pills  # the standards are judged
    for key in pills:
        assert WORDS[key][1] in texts, key
    # The ring's legend and the budget's bars.
    assert any(t.startswith("សម្រេច / Met: ") for t in texts)
    for km, en in (("ទទួលបាន · ឆ្នាំនេះ", "Received · This year"),
                   ("ចំណាយ · ឆ្នាំមុន", "Spent · Last year")):
        assert km in texts and en in texts
        assert en in text


def test_figures_sections_and_actions_come_in_both_languages(
        side_by_side: tuple[PosterInput, set[str], str]) -> None:
    data, texts, text = side_by_side
    judged = {i.code for i in public_indicators(data) if judged_standard(i) is not None}
    others = [i for i in public_indicators(data) if i.code not in judged]
    assert others
    sections = {s.code: s.title for s in data.definition.sections}
    for indicator in others:
        assert printed(indicator.label.km, texts), indicator.code
        assert printed(indicator.label.en, texts), indicator.code
        assert printed(sections[indicator.section].km, texts), indicator.section
        assert printed(sections[indicator.section].en, texts), indicator.section
    for action in ACTIONS:
        assert action.activity_km in texts and action.activity_en in texts
        assert action.activity_en in text
    # A synced action's progress: the Khmer, and the English under it.
    assert {"បានបញ្ចប់ (១០០%)", "Done (100%)"} <= texts


def two_standards(definition: FormDefinition) -> tuple[FormDefinition, Indicator, Indicator]:
    """The definition with only two standards judged: the first proposed, the second
    official (every other indicator without a standard)."""
    candidates = [i for i in definition.indicators()
                  if i.poster and not i.personal and i.standard is not None]
    proposed, official = candidates[0], candidates[1]

    def judged(indicator: Indicator) -> Indicator:
        if indicator.standard is None:
            return indicator
        if indicator.code == proposed.code:
            return replace(indicator, standard=replace(indicator.standard, status="proposed"))
        if indicator.code == official.code:
            return replace(indicator, standard=replace(indicator.standard, status="official"))
        return replace(indicator, standard=None)

    sections = tuple(replace(s, indicators=tuple(judged(i) for i in s.indicators))
                     for s in definition.sections)
    return replace(definition, sections=sections), proposed, official


def row_text(layout: str, label: str) -> str:
    """The text of a table row, from the line with the label to the line after it (where a
    mark that does not fit beside the standard goes)."""
    lines = layout.splitlines()
    index = next(i for i, line in enumerate(lines) if label in line)
    return "\n".join(lines[index:index + 2])


def test_a_proposed_standard_is_marked_and_an_official_one_is_not(
        definitions: dict[str, FormDefinition]) -> None:
    definition, proposed, official = two_standards(definitions["health_center"])
    data = poster_input(definition, jaap=False, options=DocumentOptions(
        language="en", printed_on=PRINTED_ON))
    pdf, texts = drawn(data)
    layout = pdftotext(pdf, layout=True)
    assert "proposed standard" in row_text(layout, proposed.label.en)
    assert "proposed standard" not in row_text(layout, official.label.en)
    assert len(re.findall(r"\bproposed standard\b", layout)) == 1  # that row's mark only
    assert "Proposed standard: not yet an official national standard" in flat(layout)
    # The ring says how many of its standards are official and how many proposed.
    assert {"Official standards: 1", "Proposed standards: 1"} <= texts


def test_side_by_side_the_proposed_mark_is_in_both_languages(
        definitions: dict[str, FormDefinition]) -> None:
    definition, _, _ = two_standards(definitions["health_center"])
    data = poster_input(definition, jaap=False, options=DocumentOptions(
        language="km+en", printed_on=PRINTED_ON))
    pdf, texts = drawn(data)
    assert {"ស្តង់ដារស្នើ", "proposed standard"} <= texts
    assert {"ស្តង់ដារស្នើ៖ មិនទាន់ជាស្តង់ដារជាតិផ្លូវការ",
            "Proposed standard: not yet an official national standard"} <= texts
    assert {"ស្តង់ដារផ្លូវការ / Official standards: ១",
            "ស្តង់ដារស្នើ / Proposed standards: ១"} <= texts
    assert len(re.findall(r"\bproposed standard\b", pdftotext(pdf))) == 1


def test_official_only_leaves_proposed_standards_unjudged(
        definitions: dict[str, FormDefinition]) -> None:
    definition, proposed, official = two_standards(definitions["health_center"])
    data = poster_input(definition, jaap=False, options=DocumentOptions(
        language="en", printed_on=PRINTED_ON, proposed_standards=False))
    pdf, texts = drawn(data)
    layout = pdftotext(pdf, layout=True)
    assert "proposed" not in layout.lower()
    # The ring counts the official standard alone ...
    assert any(re.fullmatch(r"[01]/1", t) for t in texts)
    counts = [int(m.group(1)) for t in texts
              if (m := re.fullmatch(r"(?:Met|Not met|No data): (\d+)", t))]
    assert len(counts) == 3 and sum(counts) == 1
    # ... whose row is judged, while the proposed one's figure is printed without a
    # verdict, among the other figures.
    assert re.search(r"\b(Met|Not met|No data)\b", row_text(layout, official.label.en))
    verdicts = re.compile(r"\b(Met|Not met|No data)\b")
    line = next(x for x in layout.splitlines() if proposed.label.en in x)
    assert not verdicts.search(line)
    assert layout.index(proposed.label.en) > layout.index("Other figures")


def inner_gaps(font: str, text: str) -> list[float]:
    """The blank (no ink) inside each pair of parentheses of `text` as shaped in `font`,
    after '(' and before ')', in ems."""
    ttf = pdfmetrics.getFont(font)
    hb_font = uharfbuzz.Font(ttf.hbFace)
    buffer = uharfbuzz.Buffer()
    buffer.add_str(text)
    buffer.guess_segment_properties()
    uharfbuzz.shape(hb_font, buffer, {})
    x, ink = 0, []
    for info, position in zip(buffer.glyph_infos, buffer.glyph_positions, strict=True):
        extents = hb_font.get_glyph_extents(info.codepoint)
        left = x + position.x_offset + extents.x_bearing
        ink.append((text[info.cluster], left, left + extents.width))
        x += position.x_advance
    gaps = []
    for (char, _, right), (_, left, _) in pairwise(ink):
        if char == "(":
            gaps.append((left - right) / ttf.hbFace.upem)
    for (_, _, right), (char, left, _) in pairwise(ink):
        if char == ")":
            gaps.append((left - right) / ttf.hbFace.upem)
    return gaps


def test_the_kicker_has_no_space_inside_its_parentheses(
        definitions: dict[str, FormDefinition]) -> None:
    """The Muol heading font's parentheses carry a third of an em of blank inside them;
    pdftotext, which reads advances, cannot see it, the glyphs' ink can."""
    data = poster_input(definitions["health_center"], jaap=False, options=DocumentOptions(
        language="en", printed_on=PRINTED_ON))
    with recording() as record:
        pdf = poster_pdf(data)
    assert "Information for Citizens (I4C) · Year 2026" in pdftotext(pdf)
    kicker = [(font, text) for font, text in record.texts if "(I4C)" in text]
    assert kicker
    for font, text in kicker:
        assert all(gap < 0.12 for gap in inner_gaps(font, text)), (font, text)


@pytest.mark.parametrize("language", ["km", "en", "km+en"])
def test_official_only_with_no_official_standard_says_so(
        definitions: dict[str, FormDefinition], language: str) -> None:
    """Every standard only proposed, proposed ones left out: the poster says there is no
    official standard yet, instead of silently showing none."""
    definition = definitions["cs_admin"]
    all_proposed = replace(definition, sections=tuple(
        replace(s, indicators=tuple(
            replace(i, standard=replace(i.standard, status="proposed"))
            if i.standard is not None else i for i in s.indicators))
        for s in definition.sections))
    data = poster_input(all_proposed, jaap=False, options=DocumentOptions(
        language=language, printed_on=PRINTED_ON, proposed_standards=False))  # type: ignore[arg-type]
    pdf, texts = drawn(data)
    km, en = WORDS["no_official_standard"]
    found = flat(pdftotext(pdf))
    if language != "en":
        assert printed(km, texts) and "".join(km.split()) in "".join(found.split())
    if language != "km":
        assert en in found
    assert WORDS["performance"][1] not in found
