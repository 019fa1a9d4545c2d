"""The blank data-collection form, as printed and looked at."""

from __future__ import annotations

import pytest

from common.documents import DocumentOptions, blank_form_pdf, qr_payload, recording
from common.forms import FormDefinition
from common.khmer import to_khmer_digits
from tests.common.documents.conftest import PRINTED_ON, form_input
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
    assert expected_qr == "ISAF;unit=HE010201;year=2026;form=health_center;v=1"


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
    assert any("កំណែទម្រង់ ១" in t and "ថ្ងៃទី១៥ ខែមីនា ឆ្នាំ២០២៦" in t for t in texts)


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
    assert any("Page 1 of" in t for t in texts) is (language == "en")
    assert page_count(pdf) >= 2


def test_every_definition_prints(definitions: dict[str, FormDefinition]) -> None:
    for definition in definitions.values():
        with recording() as drawn:
            pdf = blank_form_pdf(form_input(definition))
        assert drawn.problems() == [], definition.form
        assert pdf.startswith(b"%PDF")
