"""Khmer text in PDF: word boundaries, shaping, line breaking, and the glyph check."""

from __future__ import annotations

import io
import itertools
import unicodedata

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import SimpleDocTemplate, Table, TableStyle

from common.documents import segment
from common.documents.fonts import fonts
from common.documents.text import (
    Para,
    TextStyle,
    check_text,
    draw_text,
    recording,
    text_width,
)
from tests.common.documents.pages import ink, render

HARD = ["ស្ត្រី", "ក្រសួងសុខាភិបាល", "ព័ត៌មានសម្រាប់ពលរដ្ឋមណ្ឌលសុខភាព",
        "ក្នុងនោះ បុគ្គលិកពេទ្យជាស្ត្រី", "ចំនួនគ្រួសារក្រីក្រដែលមានប័ណ្ណសមធម៌",
        "១,២៥០,០០០\u00a0៛", "ឃុំ/សង្កាត់ Health Center 2026"]
#: A long unspaced phrase that must wrap (no space anywhere).
LONG = ("ព័ត៌មានសម្រាប់ពលរដ្ឋមណ្ឌលសុខភាពក្រសួងសុខាភិបាលស្ត្រីចំនួនគ្រួសារក្រីក្រ"
        "ដែលមានប័ណ្ណសមធម៌ទទួលបានសេវាដោយឥតគិតថ្លៃនៅមណ្ឌលសុខភាពនិងមន្ទីរពេទ្យបង្អែក")


@pytest.fixture(scope="module")
def body() -> TextStyle:
    return TextStyle(fonts(use_muol=False).body, 11)


def test_icu_finds_khmer_word_boundaries() -> None:
    assert segment.has_icu()
    assert segment.tokens("ព័ត៌មានសម្រាប់ពលរដ្ឋមណ្ឌលសុខភាព") == [
        "ព័ត៌មាន", "សម្រាប់", "ពលរដ្ឋ", "មណ្ឌលសុខភាព"]


def test_punctuation_and_riel_stay_with_their_word() -> None:
    tokens = segment.tokens("តម្លៃ ១,២៥០\u00a0៛។ ឃុំ/សង្កាត់")
    assert "១,២៥០\u00a0៛។" in tokens
    assert not any(t[0] in segment.NO_BREAK_BEFORE for t in tokens if t.strip())
    assert "".join(tokens) == "តម្លៃ ១,២៥០\u00a0៛។ ឃុំ/សង្កាត់"


@pytest.mark.parametrize("text", [*HARD, LONG])
def test_syllables_never_start_with_a_mark_or_a_subscript(text: str) -> None:
    pieces = segment.syllables(text)
    assert "".join(pieces) == text
    for piece in pieces:
        assert not unicodedata.category(piece[0]).startswith("M"), piece
    for before, after in itertools.pairwise(pieces):
        assert not before.endswith(segment.COENG), (before, after)


@pytest.mark.parametrize("use_muol", [False, True])
def test_hard_khmer_shapes_without_dotted_circles_or_missing_glyphs(use_muol: bool) -> None:
    f = fonts(use_muol=use_muol)
    if use_muol and f.heading_is_body:
        pytest.skip("Khmer OS Muol Light is not installed (Debian fonts-khmeros)")
    for text in [*HARD, LONG]:
        assert check_text(text, f.body) == ()
        assert check_text(text, f.heading) == ()


def test_the_check_catches_broken_khmer_and_missing_glyphs(body: TextStyle) -> None:
    lone_mark = check_text("\u17bb\u17d2ក", body.font)  # a vowel sign and a COENG alone
    assert any("dotted circle" in p.message for p in lone_mark)
    missing = check_text("យ៉ាងតិច ≥ ៩០%", body.font)
    assert [p.message for p in missing] == ["no glyph for U+2265 '≥'",
                                            ".notdef glyph in the shaped text"]


@pytest.mark.parametrize("width", [60, 95, 140, 220, 400])
def test_long_unspaced_khmer_wraps_between_words_at_any_width(body: TextStyle,
                                                              width: float) -> None:
    paragraph = Para(LONG, body)
    _, height = paragraph.wrap(width, 1000)
    lines = ["".join(line.tokens) for line in paragraph._lines]
    assert len(lines) > 1 and height == pytest.approx(len(lines) * body.line_height)
    assert "".join(lines) == LONG  # nothing lost, nothing added (no spaces put in)
    for line in lines:
        assert text_width(line, body) <= width + 0.01
        assert not unicodedata.category(line[0]).startswith("M")
        assert check_text(line, body.font) == ()
    # Wrapping again, at another width and back, gives the same lines: nothing is
    # shaped in place (ReportLab's shaped Paragraph breaks here).
    paragraph.wrap(width * 1.7, 1000)
    paragraph.wrap(width, 1000)
    assert ["".join(line.tokens) for line in paragraph._lines] == lines


def test_split_across_frames_keeps_every_word(body: TextStyle) -> None:
    paragraph = Para(LONG, body)
    paragraph.wrap(120, 1000)
    first, rest = paragraph.split(120, body.line_height * 2.2)
    assert len(first.wrap(120, 1000) and first._lines) == 2
    rest.wrap(200, 1000)  # the rest flows on at another width
    joined = "".join("".join(line.tokens) for part in (first, rest) for line in part._lines)
    assert joined == LONG


def test_text_in_table_cells_prints_without_problems(body: TextStyle) -> None:
    heading = TextStyle(fonts().heading, 16, bold=fonts().heading_is_body)
    story = [Para("ក្រសួងសុខាភិបាល ស្ត្រី", heading)]
    for width in (90, 140, 250):
        table = Table([[Para(LONG, body), Para("ស្ត្រី Women ១,២៥០,០០០\u00a0៛", body)]],
                      colWidths=[width, 120])
        table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, "black")]))
        story.append(table)
    buffer = io.BytesIO()
    with recording() as drawn:
        SimpleDocTemplate(buffer, pagesize=A4).build(story)
    assert drawn.problems() == []
    # Every cell line was drawn and checked: the three widths wrap differently.
    assert len({t for _, t in drawn.texts}) > 15
    page = render(buffer.getvalue(), dpi=40)[0]
    assert ink(page, (0.1, 0.05, 0.9, 0.6)) > 0.02


def test_words_after_a_subscript_keep_their_subscripts_in_place(body: TextStyle) -> None:
    """ReportLab 5.1.0 forgets a merged rise change (fixed in common.documents.text): the
    subscript of 'បុគ្គលិក' after 'ក្នុងនោះ' then printed on the baseline."""
    style = body.but(size=40)
    first = "ក្នុងនោះ "
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(600, 200))
    draw_text(canvas, 20, 120, first + "បុគ្គលិក", style)
    draw_text(canvas, 20, 40, first, style)
    draw_text(canvas, 20 + text_width(first, style), 40, "បុគ្គលិក", style)
    canvas.save()
    page = render(buffer.getvalue(), dpi=100)[0]
    scale = 100 / 72
    together = page.crop((0, int(20 * scale), page.width, int(110 * scale)))
    apart = page.crop((0, int(100 * scale), page.width, int(190 * scale)))
    different = sum(1 for a, b in zip(together.convert("L").tobytes(),
                                      apart.convert("L").tobytes(), strict=True)
                    if abs(a - b) > 128)
    assert different < 0.002 * together.width * together.height


def test_latin_words_in_a_khmer_heading_font_are_drawn_in_the_body_font() -> None:
    """Muol's Latin glyphs are spaced for Khmer ("( I4C )"): a Latin word in a heading is
    drawn in the body font, Khmer and the spaces around it stay in the heading font, and
    the whole line still reads back as one text."""
    used = fonts()
    if used.heading_is_body:
        pytest.skip("Khmer OS Muol Light is not installed (Debian fonts-khmeros)")
    heading = TextStyle(used.heading, 18)
    canvas = Canvas(io.BytesIO(), pagesize=A4)
    with recording() as drawn:
        width = draw_text(canvas, 40, 700, "ព័ត៌មានសម្រាប់ពលរដ្ឋ (I4C) ឆ្នាំ២០២៦", heading)
    assert (used.body, "(I4C) ") in drawn.texts or (used.body, "(I4C)") in drawn.texts
    assert any(font == used.heading and text.startswith("ព័ត៌មាន") for font, text in drawn.texts)
    assert not any(font == used.heading and "(" in text for font, text in drawn.texts)
    # The width drawn is the width measured: a centred or right-aligned heading stays put.
    assert width == pytest.approx(text_width("ព័ត៌មានសម្រាប់ពលរដ្ឋ (I4C) ឆ្នាំ២០២៦", heading),
                                  abs=3)
