"""Khmer digits, number input, dates, Cambodia time and Riel amounts (common.khmer)."""

import datetime as dt
import subprocess
import sys
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import common.khmer
from common.khmer import (
    CAMBODIA_TZ,
    format_date_en,
    format_date_km,
    format_number,
    format_riel,
    khmer_month_name,
    parse_number,
    to_arabic_digits,
    to_cambodia_time,
    to_khmer_digits,
)

KHMER_DIGITS = "០១២៣៤៥៦៧៨៩"
NBSP = "\u00a0"

# No example database: it would save examples into the project's .hypothesis/. No
# deadline: the first call loads Babel's locale data, which is slow once, then fast.
property_test = settings(database=None, deadline=None)

# Text that mixes arbitrary characters with the ones that matter here (digits both ways,
# Khmer letters with a subscript, separators), so examples hit the interesting cases.
interesting_chars = st.sampled_from(list("0123456789០១២៣៤៥៦៧៨៩ក្រុមខេត្ត,. \u00a0\u200b-"))
any_text = st.text(st.one_of(st.characters(), interesting_chars))
digits_choice = st.sampled_from(["arabic", "khmer"])
aware_datetimes = st.datetimes(
    min_value=dt.datetime(1900, 1, 1),
    max_value=dt.datetime(2200, 1, 1),
    timezones=st.sampled_from(
        [dt.UTC, dt.timezone(dt.timedelta(hours=-5)), CAMBODIA_TZ]
    ),
)


# --- digits -------------------------------------------------------------------------


def test_digits_in_mixed_text_become_khmer_and_nothing_else_changes() -> None:
    assert to_khmer_digits("ភូមិ 12B, ឆ្នាំ 2026") == "ភូមិ ១២B, ឆ្នាំ ២០២៦"


def test_numbers_are_written_out_in_khmer_digits() -> None:
    assert to_khmer_digits(2026) == "២០២៦"
    assert to_khmer_digits(-7) == "-៧"
    assert to_khmer_digits(0.1) == "០.១"
    # Exponent notation would print as '១E+៣' on a poster.
    assert to_khmer_digits(Decimal("1E+3")) == "១០០០"
    assert to_khmer_digits(1e20) == "១" + "០" * 20


def test_khmer_digits_become_arabic_and_khmer_letters_stay() -> None:
    assert to_arabic_digits("ថ្ងៃទី២២ ខែវិច្ឆិកា ឆ្នាំ២០២៦") == "ថ្ងៃទី22 ខែវិច្ឆិកា ឆ្នាំ2026"


def test_other_scripts_digits_are_left_alone() -> None:
    # Thai and full-width digits are not Khmer; converting them would hide a bug.
    assert to_arabic_digits("๑๒ \uff11\uff12") == "๑๒ \uff11\uff12"


@pytest.mark.parametrize("bad", [True, None, float("nan"), Decimal("Infinity")])
def test_to_khmer_digits_refuses_values_that_are_not_numbers_or_text(
    bad: object,
) -> None:
    with pytest.raises((TypeError, ValueError)):
        to_khmer_digits(bad)  # type: ignore[arg-type]


@property_test
@given(any_text.filter(lambda s: not any(c in KHMER_DIGITS for c in s)))
def test_to_khmer_then_back_gives_the_same_text(text: str) -> None:
    assert to_arabic_digits(to_khmer_digits(text)) == text


@property_test
@given(any_text.filter(lambda s: not any(c in "0123456789" for c in s)))
def test_to_arabic_then_back_gives_the_same_text(text: str) -> None:
    assert to_khmer_digits(to_arabic_digits(text)) == text


@property_test
@given(any_text)
def test_khmer_text_has_no_arabic_digits_and_same_length(text: str) -> None:
    khmer = to_khmer_digits(text)
    assert not any(c in "0123456789" for c in khmer)
    assert len(khmer) == len(text)


# --- parse_number -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("១២", 12),
        ("12", 12),
        ("  ១,២៥០,០០០  ", 1_250_000),
        ("1,250,000", 1_250_000),
        ("1 250 000", 1_250_000),
        ("1\u00a0250\u00a0000", 1_250_000),  # no-break spaces, pasted from Word
        ("1\u202f250", 1_250),  # narrow no-break space
        ("១\u200b២៥០\u200b០០០", 1_250_000),  # the Khmer keyboard's space bar
        ("\u200b៥០\u200b", 50),
        ("-៣", -3),
        ("\u22123", -3),  # typographic minus sign
        ("០", 0),
        ("007", 7),
        ("5.00", 5),
        ("១២.៥", Decimal("12.5")),
        ("0.1", Decimal("0.1")),
        (".5", Decimal("0.5")),
        ("1,234.50", Decimal("1234.5")),
        ("-0.25", Decimal("-0.25")),
    ],
)
def test_typed_numbers_are_read(typed: str, expected: int | Decimal) -> None:
    value = parse_number(typed)
    assert value == expected
    assert type(value) is type(expected)


def test_decimals_stay_exact() -> None:
    assert parse_number("០.១") + parse_number("0.2") == Decimal("0.3")


@pytest.mark.parametrize(
    "typed",
    [
        "១២a",
        "12abc",
        "1.2.3",
        "1e5",
        "5.",
        "-",
        "+5",
        "NaN",
        "1,5",  # a European 1.5, not fifteen
        "0,500",  # a European 0.5, not five hundred
        "12 34",  # two numbers, not one
        "1,,000",
        ",100",
        "100,",
        "1,000.5,5",
        "- 5",
        "๑๒",  # Thai digits, which int() would accept
        "\uff11\uff12",  # full-width digits, which int() would accept
    ],
)
def test_anything_else_is_rejected_with_a_message_naming_the_input(typed: str) -> None:
    with pytest.raises(ValueError, match="Not a number") as raised:
        parse_number(typed)
    assert repr(typed) in str(raised.value)


@pytest.mark.parametrize("typed", ["", "   ", "\u200b"])
def test_empty_input_is_rejected(typed: str) -> None:
    with pytest.raises(ValueError, match="No number given"):
        parse_number(typed)


@property_test
@given(st.integers(), digits_choice)
def test_formatted_integers_read_back(n: int, digits: str) -> None:
    value = parse_number(format_number(n, digits=digits))  # type: ignore[arg-type]
    assert value == n
    assert type(value) is int


@property_test
@given(st.integers(min_value=0), digits_choice)
def test_riel_amounts_without_sign_read_back(n: int, digits: str) -> None:
    assert parse_number(format_riel(n, digits=digits, symbol=False)) == n  # type: ignore[arg-type]


@st.composite
def decimals_with_places(draw: st.DrawFn) -> tuple[int, Decimal]:
    """Draw a number of decimal places and a finite Decimal with exactly that many."""
    places = draw(st.integers(0, 6))
    value = draw(st.decimals(places=places, allow_nan=False, allow_infinity=False))
    return places, value


@property_test
@given(decimals_with_places(), digits_choice)
def test_formatted_decimals_read_back_exactly(
    places_and_value: tuple[int, Decimal], digits: str
) -> None:
    places, value = places_and_value
    text = format_number(value, decimals=places, digits=digits)  # type: ignore[arg-type]
    assert parse_number(text) == value


@property_test
@given(st.integers(min_value=1000), st.sampled_from([",", " ", NBSP, "\u200b"]))
def test_any_accepted_separator_reads_the_same(n: int, separator: str) -> None:
    typed = format_number(n, digits="khmer").replace(",", separator)
    assert parse_number(typed) == n


# --- dates --------------------------------------------------------------------------

# Written out here rather than taken from Babel, so that a change in CLDR's data shows.
MONTHS = ["មករា", "កុម្ភៈ", "មីនា", "មេសា", "ឧសភា", "មិថុនា",
          "កក្កដា", "សីហា", "កញ្ញា", "តុលា", "វិច្ឆិកា", "ធ្នូ"]


@pytest.mark.parametrize(("month", "name"), list(enumerate(MONTHS, start=1)))
def test_khmer_month_names(month: int, name: str) -> None:
    assert khmer_month_name(month) == name


@pytest.mark.parametrize("month", [0, 13, -1])
def test_month_outside_1_to_12_is_rejected(month: int) -> None:
    with pytest.raises(ValueError, match="1-12"):
        khmer_month_name(month)


def test_formal_khmer_date_line() -> None:
    assert format_date_km(dt.date(2026, 11, 22)) == "ថ្ងៃទី២២ ខែវិច្ឆិកា ឆ្នាំ២០២៦"
    assert format_date_km(dt.date(2025, 1, 1)) == "ថ្ងៃទី១ ខែមករា ឆ្នាំ២០២៥"
    assert (
        format_date_km(dt.date(2026, 2, 9), digits="arabic") == "ថ្ងៃទី9 ខែកុម្ភៈ ឆ្នាំ2026"
    )


def test_english_date_is_day_first() -> None:
    assert format_date_en(dt.date(2026, 11, 22)) == "22 November 2026"
    assert format_date_en(dt.date(2025, 1, 1)) == "1 January 2025"


def test_format_date_km_rejects_unknown_digits() -> None:
    with pytest.raises(ValueError, match="digits"):
        format_date_km(dt.date(2026, 1, 1), digits="roman")  # type: ignore[arg-type]


@property_test
@given(st.dates())
def test_khmer_and_arabic_date_lines_differ_only_in_digits(date: dt.date) -> None:
    khmer = format_date_km(date, digits="khmer")
    arabic = format_date_km(date, digits="arabic")
    assert to_khmer_digits(arabic) == khmer
    assert arabic == f"ថ្ងៃទី{date.day} ខែ{MONTHS[date.month - 1]} ឆ្នាំ{date.year}"


# --- Cambodia time ------------------------------------------------------------------


def test_evening_in_utc_is_the_next_morning_in_cambodia() -> None:
    evening_utc = dt.datetime(2026, 11, 21, 18, 30, tzinfo=dt.UTC)
    local = to_cambodia_time(evening_utc)
    assert (local.date(), local.hour, local.minute) == (dt.date(2026, 11, 22), 1, 30)
    assert format_date_km(local) == "ថ្ងៃទី២២ ខែវិច្ឆិកា ឆ្នាំ២០២៦"


@pytest.mark.parametrize("month", [1, 4, 7, 10])
def test_cambodia_is_utc_plus_7_all_year(month: int) -> None:
    moment = to_cambodia_time(dt.datetime(2026, month, 1, tzinfo=dt.UTC))
    assert moment.utcoffset() == dt.timedelta(hours=7)


def test_naive_datetime_is_rejected() -> None:
    with pytest.raises(ValueError, match="naive"):
        to_cambodia_time(dt.datetime(2026, 11, 22, 12, 0))


@property_test
@given(aware_datetimes)
def test_conversion_keeps_the_instant(moment: dt.datetime) -> None:
    local = to_cambodia_time(moment)
    assert local == moment
    assert local.replace(tzinfo=None) == moment.astimezone(dt.UTC).replace(
        tzinfo=None
    ) + dt.timedelta(hours=7)


# --- Riel and numbers ---------------------------------------------------------------


def test_riel_on_a_poster() -> None:
    assert format_riel(1_250_000, digits="khmer") == f"១,២៥០,០០០{NBSP}៛"


def test_riel_in_a_spreadsheet() -> None:
    assert format_riel(1_250_000) == f"1,250,000{NBSP}៛"
    assert format_riel(1_250_000, symbol=False) == "1,250,000"
    assert format_riel(500) == f"500{NBSP}៛"


def test_riel_sign_cannot_wrap_onto_its_own_line() -> None:
    # ReportLab and Qt break lines at ordinary spaces only.
    assert " " not in format_riel(1_250_000)


def test_negative_riel_has_a_leading_minus() -> None:
    assert format_riel(-15_000) == f"-15,000{NBSP}៛"
    assert format_riel(-15_000, digits="khmer") == f"-១៥,០០០{NBSP}៛"


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        (Decimal("2.5"), "3"),  # half-up, where Babel alone would give '2'
        (Decimal("3.5"), "4"),
        (Decimal("2.49"), "2"),
        (Decimal("-2.5"), "-3"),
        (1000.4, "1,000"),
        (Decimal("-0.4"), "0"),  # never '-0'
        (Decimal("999999.5"), "1,000,000"),
    ],
)
def test_riel_is_rounded_half_up_to_whole_riel(
    amount: Decimal | float, expected: str
) -> None:
    assert format_riel(amount, symbol=False) == expected


@property_test
@given(st.integers(min_value=0))
def test_half_riel_always_rounds_away_from_zero(n: int) -> None:
    # Built from text: Decimal arithmetic would itself round beyond 28 digits.
    assert format_riel(Decimal(f"{n}.5"), symbol=False) == format_number(n + 1)
    assert format_riel(Decimal(f"-{n}.5"), symbol=False) == format_number(-(n + 1))


def test_counts_and_percentages() -> None:
    assert format_number(1234567) == "1,234,567"
    assert format_number(87.5, decimals=1, digits="khmer") == "៨៧.៥"
    assert (
        format_number(2.675, decimals=2) == "2.68"
    )  # the float as typed, not its binary
    assert format_number(12, decimals=2) == "12.00"
    assert format_number(0) == "0"
    assert format_number(10**30) == "1" + ",000" * 10


@pytest.mark.parametrize(
    ("call", "error"),
    [
        (lambda: format_number(1, decimals=-1), ValueError),
        (lambda: format_number(1, digits="latin"), ValueError),
        (lambda: format_riel(float("nan")), ValueError),
        (lambda: format_riel(Decimal("Infinity")), ValueError),
        (lambda: format_riel(True), TypeError),
        (lambda: format_riel("1000"), TypeError),
    ],
)
def test_bad_formatting_requests_are_refused(
    call: object, error: type[Exception]
) -> None:
    with pytest.raises(error):
        call()  # type: ignore[operator]


# --- the package --------------------------------------------------------------------


def test_public_names_are_exported() -> None:
    for name in common.khmer.__all__:
        assert hasattr(common.khmer, name), name


def test_common_khmer_imports_neither_qt_nor_flask() -> None:
    code = (
        "import sys, common.khmer; "
        "print(sorted(m for m in sys.modules"
        " if m.split('.')[0] in ('PySide6', 'flask')))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_spaces_and_invisible_marks_around_a_number_are_dropped_in_one_pass() -> None:
    assert parse_number(" \u200b ១២៣ \ufeff ") == 123
    assert parse_number("\u200b 1 234 \u200b") == 1234
    with pytest.raises(ValueError, match="only spaces"):
        parse_number(" \u200b \ufeff ")
    # A long run of spaces inside, not at the end: refused by its length, at once (a
    # pattern anchored at the end took time growing as the square of the run).
    with pytest.raises(ValueError, match="longer than 1000 characters"):
        parse_number("1" + " " * 100_000 + "x")
