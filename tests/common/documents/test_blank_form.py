"""The blank data-collection form, as printed and looked at."""

from __future__ import annotations

import re
from dataclasses import replace

import pypdfium2
import pytest

from common.documents import DocumentOptions, Place, blank_form_pdf, qr_payload, recording
from common.documents.fonts import fonts
from common.documents.page import area_kind, furniture_for, place_lines
from common.documents.wording import WORDS, standard_text
from common.forms import FormDefinition
from common.khmer import to_khmer_digits
from tests.common.documents.conftest import PRINTED_ON, UNIT, form_input
from tests.common.documents.extract import pdftotext
from tests.common.documents.pages import PAGE_MM, ink, page_count, qr_codes, render, size_mm

DPI = 60


@pytest.fixture(scope="module")
def health_center_form(definitions: dict[str, FormDefinition]) -> tuple[bytes, set[str]]:
    """The health center's blank form in Khmer, and every text drawn on it."""
    with recording() as drawn:
        pdf = blank_form_pdf(form_input(definitions["health_center"]))
    return pdf, {text for _, text in drawn.texts} | {"problems:" + str(p)
                                                      for p in drawn.problems()}


def test_every_text_prints_with_its_glyphs(health_center_form: tuple[bytes, set[str]]) -> None:
    _, texts = health_center_form
    assert [t for t in texts if t.startswith("problems:")] == []


def test_pages_are_a4_numbered_and_carry_the_qr_code(
        health_center_form: tuple[bytes, set[str]],
        definitions: dict[str, FormDefinition]) -> None:
    pdf, texts = health_center_form
    pages = render(pdf, dpi=DPI)
    total = page_count(pdf)
    assert len(pages) == total > 3
    expected_qr = qr_payload("HE010201", 2026, definitions["health_center"])
    for number, page in enumerate(pages, start=1):
        width, height = size_mm(page, DPI)
        assert (round(width), round(height)) == PAGE_MM["A4"]
        assert f"ទំព័រ {to_khmer_digits(number)} នៃ {to_khmer_digits(total)}" in texts
        assert qr_codes(page) == [expected_qr]
        assert ink(page, (0.05, 0.15, 0.95, 0.9)) > 0.01  # the body is printed on
    version = definitions["health_center"].version
    assert expected_qr == f"ISAF;unit=HE010201;year=2026;form=health_center;v={version}"


def test_holds_every_indicator_unit_standard_and_the_signature_block(
        health_center_form: tuple[bytes, set[str]],
        definitions: dict[str, FormDefinition]) -> None:
    _, texts = health_center_form
    joined = "\n".join(texts)
    definition = definitions["health_center"]
    for section in definition.sections:
        assert section.title.km[:12] in joined
        for indicator in section.indicators:
            assert indicator.label.km[:10] in joined, indicator.code
            if indicator.unit is not None and indicator.type == "count":
                assert indicator.unit.km in texts
    for words in ("ស្រី", "ប្រុស", "សរុប", "យ៉ាងតិច ៨\u00a0នាក់", "ហត្ថលេខា:", "កាលបរិច្ឆេទ:",
                  "បន្ទាយមានជ័យ (01)", "មង្គលបូរី (0102)"):
        assert any(words in t for t in texts), words
    version = f"កំណែទម្រង់ {to_khmer_digits(definition.version)}"
    assert any(version in t and "ថ្ងៃទី១៥ ខែមីនា ឆ្នាំ២០២៦" in t for t in texts)


@pytest.mark.parametrize("language", ["en", "km+en"])
def test_english_and_side_by_side(definitions: dict[str, FormDefinition],
                                  language: str) -> None:
    definition = definitions["cs_admin"]
    with recording() as drawn:
        pdf = blank_form_pdf(form_input(definition, DocumentOptions(
            language=language, printed_on=PRINTED_ON)))  # type: ignore[arg-type]
    assert drawn.problems() == []
    texts = {t for _, t in drawn.texts}
    first = definition.sections[0].indicators[0]
    assert first.label.en in texts
    assert (first.label.km in texts) is (language == "km+en")
    # Side by side, the furniture says it in both languages too.
    assert any("Page 1 of" in t for t in texts)
    assert any("ទំព័រ ១ នៃ" in t for t in texts) is (language == "km+en")
    assert page_count(pdf) >= 2


def test_every_definition_prints(definitions: dict[str, FormDefinition]) -> None:
    for definition in definitions.values():
        with recording() as drawn:
            pdf = blank_form_pdf(form_input(definition))
        assert drawn.problems() == [], definition.form
        assert pdf.startswith(b"%PDF")


def test_side_by_side_prints_every_fixed_label_in_both_languages(
        definitions: dict[str, FormDefinition]) -> None:
    with recording() as drawn:
        pdf = blank_form_pdf(form_input(definitions["health_center"], DocumentOptions(
            language="km+en", printed_on=PRINTED_ON)))
    assert drawn.problems() == []
    texts = {t for _, t in drawn.texts}
    joined = "\n".join(texts)
    keys = ["number", "indicator", "standard", "value", "female", "male", "total",
            "computed", "yes", "no", "prepared_by", "checked_by", "name", "position",
            "signature", "date", "instructions", "unit", "kind", "year", "hours_minutes",
            "page", "form_version", "printed_on"]
    for key in keys:
        km, en = WORDS[key]
        assert km in joined and en in joined, key
    # Where a label is one text, it holds both: the tick boxes and the signature lines.
    assert "បាទ/ចាស / Yes" in texts and "ទេ / No" in texts
    assert "ហត្ថលេខា / Signature:" in texts
    assert "(ម៉ោង:នាទី / HH:MM)" in texts
    # The English is really on the page, as a reader (or a search) finds it.
    words = pdftotext(pdf)
    for english in ("Female", "Male", "Total", "computed", "Indicator", "Signature"):
        assert english in words, english


def test_khmer_footer_says_printed_once() -> None:
    furniture = furniture_for(UNIT, 2026, _definition(), DocumentOptions(
        printed_on=PRINTED_ON), fonts(), group=0, header=True)
    assert "បោះពុម្ព ថ្ងៃទី១៥ ខែមីនា ឆ្នាំ២០២៦" in furniture.footer
    assert "ថ្ងៃ ថ្ងៃ" not in furniture.footer and "ពុម្ពថ្ងៃ" not in furniture.footer


def _definition() -> FormDefinition:
    from common.forms import load_definitions
    from server.cli import FORMS_DIR
    return next(d for d in load_definitions(FORMS_DIR) if d.form == "cs_admin")


def _with_status(definition: FormDefinition, status: str) -> FormDefinition:
    """The definition with every standard given `status`."""
    sections = []
    for section in definition.sections:
        indicators = tuple(replace(i, standard=replace(i.standard, status=status))
                           if i.standard is not None else i for i in section.indicators)
        sections.append(replace(section, indicators=indicators))
    return replace(definition, sections=tuple(sections))


@pytest.mark.parametrize("language", ["km", "en", "km+en"])
def test_a_proposed_standard_is_marked_or_left_out(
        definitions: dict[str, FormDefinition], language: str) -> None:
    health = definitions["health_center"]
    with_standard = next(i for i in health.indicators() if i.standard is not None)
    proposed, mark_en = WORDS["proposed"]
    marks = {"km": [proposed], "en": [mark_en], "km+en": [proposed, mark_en]}[language]

    def drawn_texts(definition: FormDefinition, shown: bool) -> str:
        with recording() as drawn:
            blank_form_pdf(form_input(definition, DocumentOptions(
                language=language, printed_on=PRINTED_ON,  # type: ignore[arg-type]
                proposed_standards=shown)))
        return "\n".join(t for _, t in drawn.texts)

    target = standard_text(with_standard, with_standard.standard,  # type: ignore[arg-type]
                           language="en" if language == "en" else "km",
                           digits="arabic" if language == "en" else "khmer")
    official = drawn_texts(_with_status(health, "official"), True)
    assert target in official and not any(m in official for m in marks)
    marked = drawn_texts(_with_status(health, "proposed"), True)
    assert target in marked and all(m in marked for m in marks)
    left_out = drawn_texts(_with_status(health, "proposed"), False)
    assert target not in left_out and not any(m in left_out for m in marks)
    # An official standard is printed even when proposed ones are left out.
    assert target in drawn_texts(_with_status(health, "official"), False)


def test_the_identity_names_each_area_by_its_real_kind(
        definitions: dict[str, FormDefinition]) -> None:
    unit = replace(UNIT, commune=Place("120101", "ទន្លេបាសាក់", "Tonle Basak", "sangkat"),
                   district=Place("1201", "ចំការមន", "Chamkar Mon", "khan"),
                   province=Place("12", "ភ្នំពេញ", "Phnom Penh", "capital"))
    data = replace(form_input(definitions["cs_admin"], DocumentOptions(
        language="km+en", printed_on=PRINTED_ON)), unit=unit)
    with recording() as drawn:
        blank_form_pdf(data)
    texts = {t for _, t in drawn.texts}
    assert {"សង្កាត់ / Sangkat", "ខណ្ឌ / Khan", "រាជធានី / Capital"} <= texts
    assert not {"ឃុំ/សង្កាត់ / Commune/sangkat", "ស្រុក/ក្រុង/ខណ្ឌ / District/municipality/khan",
                "ខេត្ត/រាជធានី / Province/capital"} & texts
    # An area whose kind is not known keeps the words for any kind of its level.
    unknown = replace(unit, commune=Place("120101", "ទន្លេបាសាក់", "Tonle Basak"))
    assert area_kind(unknown.commune, "commune") == WORDS["commune"]
    km, en = place_lines(unit)
    assert "សង្កាត់ទន្លេបាសាក់" in km and "ខណ្ឌចំការមន" in km and "រាជធានីភ្នំពេញ" in km
    assert "Tonle Basak sangkat" in en and "Chamkar Mon khan" in en


@pytest.mark.parametrize(("language", "title", "lang"), [
    ("km", "ទម្រង់", "km"), ("en", "form", "en"), ("km+en", " / ", "km")])
def test_the_pdf_says_its_title_author_and_language(
        definitions: dict[str, FormDefinition], language: str, title: str,
        lang: str) -> None:
    definition = definitions["cs_admin"]
    pdf = blank_form_pdf(form_input(definition, DocumentOptions(
        language=language, printed_on=PRINTED_ON)))  # type: ignore[arg-type]
    document = pypdfium2.PdfDocument(pdf)
    try:
        metadata = document.get_metadata_dict()
    finally:
        document.close()
    expected = {"km": definition.title.km, "en": definition.title.en,
                "km+en": f"{definition.title.km} "}[language]
    assert expected in metadata["Title"] and title in metadata["Title"]
    if language == "km+en":
        assert definition.title.en in metadata["Title"]
    assert metadata["Author"] == metadata["Creator"] == "ISAF Desk"
    assert metadata["Subject"]
    assert re.search(rb"/Lang\s*\(" + lang.encode() + rb"\)", pdf)
