"""The I4C poster, as printed and looked at."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from common.documents import (
    DocumentOptions,
    JaapAction,
    TextCheckError,
    poster_pdf,
    public_indicators,
    qr_payload,
    recording,
)
from common.documents.data import PosterInput
from common.documents.fonts import fonts
from common.documents.poster import (
    PAGE_SIZES,
    SMALLEST_SCALE,
    SMALLEST_SCALE_BILINGUAL,
    fitted_story,
    frame_size,
)
from common.documents.text import Para
from common.documents.widgets import Pair
from common.forms import FormDefinition
from tests.common.documents.conftest import PRINTED_ON, poster_input
from tests.common.documents.pages import (
    PAGE_MM,
    colour_share,
    ink,
    page_count,
    qr_codes,
    render,
    size_mm,
)

DPI = 90  # enough for the QR code's modules
GREEN, RED = (0x1b, 0x7a, 0x3a), (0xc0, 0x39, 0x2b)
#: A JAAP action whose words take room: two lines in a narrow column.
ACTION = JaapAction("ជួសជុលបង្គន់អនាម័យសម្រាប់ស្ត្រីនិងកុមារនៅមណ្ឌលសុខភាព និងផ្ដល់ទឹកស្អាតគ្រប់គ្រាន់",
                    "Repair the toilets for women and children at the health center and "
                    "provide enough clean water", "គណៈកម្មការគ្រប់គ្រងមណ្ឌលសុខភាព",
                    "០១/២០២៦ - ០៦/២០២៦", "កំពុងអនុវត្ត")


def drawn_poster(data: PosterInput) -> tuple[bytes, set[str]]:
    with recording() as drawn:
        pdf = poster_pdf(data)
    assert drawn.problems() == []
    return pdf, {text for _, text in drawn.texts}


@pytest.fixture(scope="module")
def health_center(definitions: dict[str, FormDefinition]) -> tuple[PosterInput, bytes, set[str]]:
    data = poster_input(definitions["health_center"])
    return (data, *drawn_poster(data))


def test_a3_pages_with_qr_code_colours_and_page_numbers(
        health_center: tuple[PosterInput, bytes, set[str]]) -> None:
    data, pdf, texts = health_center
    pages = render(pdf, dpi=DPI)
    assert len(pages) == page_count(pdf) == 1  # a poster goes on a wall: one sheet
    for number, page in enumerate(pages, start=1):
        assert tuple(round(x) for x in size_mm(page, DPI)) == PAGE_MM["A3"]
        assert qr_codes(page) == [qr_payload(data.unit.code, 2026, data.definition)]
        assert f"ទំព័រ {'១២៣'[number - 1]} នៃ {'១២៣'[len(pages) - 1]}" in texts
    first = pages[0]
    assert ink(first, (0.05, 0.02, 0.95, 0.12)) > 0.5  # the coloured band with the name
    # Met and not met, in colour (the demo values meet some standards, not all).
    assert colour_share(first, GREEN) > 0.005 and colour_share(first, RED) > 0.002


def test_shows_only_public_poster_indicators(
        health_center: tuple[PosterInput, bytes, set[str]]) -> None:
    data, _, texts = health_center
    joined = "\n".join(texts)
    shown = public_indicators(data)
    for indicator in shown:
        assert indicator.label.km[:8] in joined, indicator.code
    hidden = [i for i in data.definition.indicators() if i not in shown]
    assert any(i.code == "hc_chief_name" for i in hidden)  # free text: a person's name
    for indicator in hidden:
        assert indicator.label.km not in texts, indicator.code
    for code in ("hc_chief_name", "hc_phone"):
        value = data.values.get(code)
        assert value and all(str(value) not in t for t in texts)


def test_standards_are_judged_with_last_year_change_and_district_average(
        health_center: tuple[PosterInput, bytes, set[str]]) -> None:
    _, _, texts = health_center
    assert {"សម្រេច", "មិនទាន់សម្រេច", "ឆ្នាំមុន", "ប្រែប្រួល", "មធ្យមភាគស្រុក"} <= texts
    assert "ស្តង់ដារដែលបានសម្រេច" in texts
    assert any(t.startswith("មធ្យមភាគស្រុកគិតលើទម្រង់បានអនុម័តរបស់អង្គភាព ៥") for t in texts)
    assert any("ផែនការសកម្មភាពរួម" in t for t in texts)  # the JAAP heading
    assert "២០២៦" in "".join(texts) and "2026" not in "".join(
        t for t in texts if not t.startswith("health_center"))


def test_english_arabic_digits_no_jaap_a2(definitions: dict[str, FormDefinition]) -> None:
    data = poster_input(definitions["primary_school"], jaap=False, options=DocumentOptions(
        language="en", page_size="A2", printed_on=PRINTED_ON))
    pdf, texts = drawn_poster(data)
    page = render(pdf, dpi=20, first=1, last=1)[0]
    assert tuple(round(x / 2) * 2 for x in size_mm(page, 20)) == PAGE_MM["A2"]
    assert "Performance against the standards" in texts
    assert not any("JAAP" in t for t in texts)
    assert any("2026" in t for t in texts)
    assert not any(c in "".join(texts) for c in "០១២៣៤៥៦៧៨៩")


def test_side_by_side_and_a_draft(definitions: dict[str, FormDefinition]) -> None:
    data = poster_input(definitions["cs_admin"], status="draft", options=DocumentOptions(
        language="km+en", printed_on=PRINTED_ON))
    _, texts = drawn_poster(data)
    assert "សេចក្ដីព្រាង៖ តួលេខមិនទាន់បានអនុម័ត" in texts
    assert "Performance against the standards" in texts
    assert "លទ្ធផលការងារធៀបនឹងស្តង់ដារ" in texts


def test_a_form_without_values_prints_no_data(definitions: dict[str, FormDefinition]) -> None:
    data = poster_input(definitions["cs_admin"], values={}, jaap=False)
    _, texts = drawn_poster(data)
    assert "គ្មានទិន្នន័យ" in texts


def test_strict_refuses_text_that_would_print_wrongly(
        definitions: dict[str, FormDefinition], tmp_path: Path) -> None:
    data = poster_input(definitions["cs_admin"], options=DocumentOptions(strict=True))
    poster_pdf(data, tmp_path / "fine.pdf")
    broken = replace(data, jaap_actions=[JaapAction("\u17d2ក ≥ ៩០%")])
    with pytest.raises(TextCheckError) as raised:
        poster_pdf(broken, tmp_path / "broken.pdf")
    assert {p.message.split(" ")[0] for p in raised.value.problems} >= {"no", "dotted"}
    assert not (tmp_path / "broken.pdf").exists()


def with_actions(definition: FormDefinition, count: int, language: str = "km",
                 size: str = "A3") -> PosterInput:
    data = poster_input(definition, options=DocumentOptions(
        language=language, page_size=size, printed_on=PRINTED_ON))  # type: ignore[arg-type]
    return replace(data, jaap_actions=[ACTION] * count or None)


def text_sizes(flowables: object) -> dict[str, float]:
    """The smallest size each text of a story is set in (table cells included)."""
    sizes: dict[str, float] = {}
    pending = [flowables]
    while pending:
        item = pending.pop()
        if isinstance(item, list | tuple):
            pending.extend(item)
        elif isinstance(item, Para):
            sizes[item.text] = min(sizes.get(item.text, 1e9), item.style.size)
        elif isinstance(item, Pair):
            pending += [item.first, item.second]
        elif hasattr(item, "_cellvalues"):
            pending.extend(item._cellvalues)
    return sizes


@pytest.mark.parametrize("size", ["A3", "A2"])
@pytest.mark.parametrize("language", ["km", "en"])
def test_health_center_with_jaap_actions_is_one_sheet(
        definitions: dict[str, FormDefinition], language: str, size: str) -> None:
    """Sixteen standards, twenty-one other figures and eight JAAP actions: one page (it
    took two), with its QR code and "page 1 of 1"."""
    data = with_actions(definitions["health_center"], 8, language, size)
    pdf, texts = drawn_poster(data)
    assert page_count(pdf) == 1
    page = render(pdf, dpi=DPI)[0]
    assert all(abs(a - b) < 1.5 for a, b in zip(size_mm(page, DPI), PAGE_MM[size],
                                                 strict=True))
    assert qr_codes(page) == [qr_payload(data.unit.code, 2026, data.definition)]
    assert ("ទំព័រ ១ នៃ ១" if language == "km" else "Page 1 of 1") in texts
    activity = ACTION.activity_en if language == "en" else ACTION.activity_km
    assert activity in texts or any(activity.startswith(t) for t in texts)
    # The whole JAAP table is on the page, down to its last row, above the footer.
    assert ink(page, (0.05, 0.80, 0.75, 0.90)) > 0.02


#: Side by side, a poster says everything twice (docs/DOCUMENTS.md): with eight JAAP
#: actions these do not fit one A3 sheet even at the smallest scale, and go on over a
#: second.
TWO_SHEETS = {("cs_admin", "km+en", 8), ("health_center", "km+en", 8)}


@pytest.mark.parametrize("language", ["km", "en", "km+en"])
@pytest.mark.parametrize("form", ["cs_admin", "health_center", "primary_school"])
@pytest.mark.parametrize("actions", [0, 1, 8])
def test_every_kind_and_language_is_one_sheet(
        definitions: dict[str, FormDefinition], form: str, language: str,
        actions: int) -> None:
    data = with_actions(definitions[form], actions, language)
    assert page_count(poster_pdf(data)) == (2 if (form, language, actions) in TWO_SHEETS
                                            else 1)


@pytest.mark.parametrize("size", ["A3", "A2"])
def test_shrinks_only_as_much_as_it_must_and_stays_readable(
        definitions: dict[str, FormDefinition], size: str) -> None:
    k = PAGE_SIZES[size][0] / PAGE_SIZES["A3"][0]
    f = fonts()
    # A school without JAAP actions fits as designed: body text at 12 pt on A3.
    school = poster_input(definitions["primary_school"], jaap=False, options=DocumentOptions(
        page_size=size, printed_on=PRINTED_ON))  # type: ignore[arg-type]
    label = public_indicators(school)[0].label.km
    sizes = text_sizes(fitted_story(school, f, *frame_size(size)))
    assert sizes[label] == pytest.approx(12 * k)
    # The fullest poster in one language (commune administration, eight actions) shrinks,
    # but its body text stays at 9 pt or more on A3, and nothing goes below 8 pt.
    full = with_actions(definitions["cs_admin"], 8, "km", size)
    sizes = text_sizes(fitted_story(full, f, *frame_size(size)))
    assert sizes[ACTION.activity_km] >= 9 * k - 0.01
    assert sizes[public_indicators(full)[0].label.km] >= 9 * k - 0.01
    assert min(sizes.values()) >= 8 * k - 0.01
    # Side by side it may go down to 8 pt body text, and nothing below 8 pt either.
    both = with_actions(definitions["cs_admin"], 8, "km+en", size)
    sizes = text_sizes(fitted_story(both, f, *frame_size(size)))
    assert sizes[public_indicators(both)[0].label.km] >= 12 * SMALLEST_SCALE_BILINGUAL * k - 0.01
    assert min(sizes.values()) >= 8 * k - 0.01


def test_what_does_not_fit_even_at_the_smallest_scale_goes_on(
        definitions: dict[str, FormDefinition]) -> None:
    """Forty JAAP actions do not fit one sheet: the poster goes on over a second page, at
    the smallest scale, each page with its QR code and page number."""
    data = with_actions(definitions["cs_admin"], 40, "km")
    pdf, texts = drawn_poster(data)
    pages = render(pdf, dpi=DPI)
    assert len(pages) == page_count(pdf) == 2
    for page in pages:
        assert qr_codes(page) == [qr_payload(data.unit.code, 2026, data.definition)]
    assert {"ទំព័រ ១ នៃ ២", "ទំព័រ ២ នៃ ២"} <= texts
    sizes = text_sizes(fitted_story(data, fonts(), *frame_size("A3")))
    assert sizes[ACTION.activity_km] == pytest.approx(12 * SMALLEST_SCALE)
