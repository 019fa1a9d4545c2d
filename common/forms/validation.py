"""The validation engine: one set of values against one form definition.

Pure Python, shared by the client (live, while typing), the server (on accept) and the
document builders (before print), so a value is valid or invalid for the same reason
everywhere, with the same message in Khmer and English.

Values are keyed by field ('anc1', 'staff.female'). The engine normalises what was typed
(Khmer digits, thousands separators), computes totals and computed indicators, and reports
every problem. A draft may be incomplete: a missing required value is an error that blocks
submission, not saving (`ValidationResult.blocks_save`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal

from common.forms.definition import (
    FormDefinition,
    Indicator,
    Severity,
    Standard,
    Text,
    time_to_minutes,
)
from common.forms.expressions import ExpressionError, Value, round_half_up
from common.khmer import parse_number, to_arabic_digits, to_khmer_digits
from common.khmer.money import format_number

#: Problem codes that leave a draft savable: they only block submission.
SUBMIT_ONLY = frozenset({"required"})


@dataclass(frozen=True)
class Problem:
    """One thing wrong (error) or unusual (warning) with a form's values."""

    field: str
    indicator: str
    severity: Severity
    code: str
    message: Text

    def as_dict(self) -> dict[str, str]:
        """Plain data for the wire and for storage."""
        return {"field": self.field, "indicator": self.indicator, "severity": self.severity,
                "code": self.code, "message_km": self.message.km, "message_en": self.message.en}


@dataclass(frozen=True)
class ValidationResult:
    """Every problem found, and the values as normalised and completed by the engine."""

    problems: tuple[Problem, ...]
    #: Entered values normalised (numbers as numbers, Khmer digits read), plus totals and
    #: computed indicators. Fields without a value are absent.
    values: Mapping[str, Value] = field(repr=False)

    @property
    def errors(self) -> tuple[Problem, ...]:
        """Problems that must be fixed."""
        return tuple(p for p in self.problems if p.severity == "error")

    @property
    def warnings(self) -> tuple[Problem, ...]:
        """Problems that need a confirmation with a reason."""
        return tuple(p for p in self.problems if p.severity == "warning")

    @property
    def blocks_save(self) -> bool:
        """True when a value is wrong, not merely missing: the draft cannot be stored."""
        return any(p.code not in SUBMIT_ONLY for p in self.errors)

    @property
    def blocks_submit(self) -> bool:
        """True when any error remains (missing required values included)."""
        return bool(self.errors)

    def for_field(self, key: str) -> tuple[Problem, ...]:
        """The problems shown next to one field."""
        return tuple(p for p in self.problems if p.field == key)


# --------------------------------------------------------------------------- messages


def _message(code: str, **params: Any) -> Text:
    en, km = _MESSAGES[code]
    # A Text parameter (a label) is given in each language; numbers get Khmer digits.
    km_params = {k: v.km if isinstance(v, Text) else
                 to_khmer_digits(str(v)) if k in _NUMERIC_PARAMS else v
                 for k, v in params.items()}
    en_params = {k: v.en if isinstance(v, Text) else v for k, v in params.items()}
    return Text(km=km.format(**km_params), en=en.format(**en_params))


#: Message parameters that are numbers, written with Khmer digits in Khmer messages (a
#: field code such as 'penta3' is not).
_NUMERIC_PARAMS = frozenset({"n", "limit"})
#: No figure of a yearly form comes near this; beyond it a value is a typing accident, and
#: numbers stay exact in JSON and in every client (2**53 is about 9e15).
LARGEST_NUMBER = 10**15

_MESSAGES: dict[str, tuple[str, str]] = {
    "required": ("“{label}” is required.", "“{label}” ត្រូវតែបំពេញ។"),
    "not_number": ("Enter a number.", "សូមបញ្ចូលជាលេខ។"),
    "not_whole": ("Enter a whole number, without a decimal point (10000 or 10,000).",
                  "សូមបញ្ចូលជាចំនួនគត់ ដោយគ្មានចុចទសភាគ (១០០០០ ឬ ១០,០០០)។"),
    "too_many_decimals": ("Use at most {n} decimal places.",
                          "សូមប្រើខ្ទង់ទសភាគមិនលើសពី {n} ខ្ទង់។"),
    "below_min": ("Must be at least {limit}.", "ត្រូវមានយ៉ាងតិច {limit}។"),
    "above_max": ("Must be at most {limit}.", "មិនត្រូវលើសពី {limit} ទេ។"),
    "too_large": ("This number is far too large.", "លេខនេះធំហួសហេតុ។"),
    "not_yes_no": ("Answer yes or no.", "សូមឆ្លើយ «បាទ/ចាស» ឬ «ទេ»។"),
    "not_time": ("Enter a time of day as HH:MM, for example 07:30.",
                 "សូមបញ្ចូលម៉ោងជាទម្រង់ ម៉ោង:នាទី ឧទាហរណ៍ ០៧:៣០។"),
    "not_choice": ("Choose one of the listed options.", "សូមជ្រើសរើសជម្រើសមួយក្នុងបញ្ជី។"),
    "too_long": ("Text longer than {n} characters.", "អត្ថបទវែងជាង {n} តួអក្សរ។"),
    "computed": ("This value is computed; it cannot be entered.",
                 "តម្លៃនេះត្រូវបានគណនាដោយស្វ័យប្រវត្តិ មិនអាចបញ្ចូលបានទេ។"),
    "unknown_field": ("This form has no field “{key}”.", "ទម្រង់នេះគ្មានចំណុច “{key}” ទេ។"),
}

_YES = {"yes", "y", "true", "1", "បាទ", "ចាស", "បាទ/ចាស", "មាន"}
_NO = {"no", "n", "false", "0", "ទេ", "គ្មាន", "អត់"}


class _InvalidValueError(Exception):
    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


# --------------------------------------------------------------------------- values


def normalise_value(indicator: Indicator, raw: Any) -> Value:
    """The canonical value of what was typed or sent for `indicator`; None when empty.

    Raises _InvalidValueError (through `validate`) for anything that cannot be read as its type.
    """
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    kind = indicator.type
    if kind in ("count", "money", "percent", "ratio"):
        return _number_value(indicator, raw)
    if kind == "yes_no":
        if isinstance(raw, bool):
            return raw
        text = str(raw).strip().casefold()
        if text in _YES:
            return True
        if text in _NO:
            return False
        raise _InvalidValueError("not_yes_no")
    if kind == "time":
        text = to_arabic_digits(str(raw).strip()).replace(".", ":")
        if len(text) == 4 and text[1] == ":":
            text = "0" + text  # '7:30' is how most people write it
        try:
            time_to_minutes(text)
        except ValueError:
            raise _InvalidValueError("not_time") from None
        return text
    if kind == "choice":
        codes = {c.code for c in indicator.choices}
        if not isinstance(raw, str) or raw not in codes:
            raise _InvalidValueError("not_choice")
        return raw
    text = str(raw)
    if indicator.max_length is not None and len(text) > indicator.max_length:
        raise _InvalidValueError("too_long", n=indicator.max_length)
    return text


def _number_value(indicator: Indicator, raw: Any) -> int | float:
    if isinstance(raw, bool):
        raise _InvalidValueError("not_number")
    if isinstance(raw, int):
        number: Decimal = Decimal(raw)
    elif isinstance(raw, float):
        if raw != raw or raw in (float("inf"), float("-inf")):
            raise _InvalidValueError("not_number")
        number = Decimal(repr(raw))
    else:
        if indicator.whole_number and "." in str(raw):
            # '10.000' is how some people write ten thousand Riel; reading it as ten would
            # silently lose a figure, so a whole-number field refuses a decimal point.
            raise _InvalidValueError("not_whole")
        try:
            parsed = parse_number(str(raw))
        except ValueError:
            raise _InvalidValueError("not_number") from None
        number = Decimal(parsed)
    if abs(number) > LARGEST_NUMBER:
        raise _InvalidValueError("too_large", limit=LARGEST_NUMBER)
    places = max(0, -int(number.normalize().as_tuple().exponent))
    if indicator.whole_number and places:
        raise _InvalidValueError("not_whole")
    if places > indicator.effective_decimals:
        raise _InvalidValueError("too_many_decimals", n=indicator.effective_decimals)
    return int(number) if places == 0 else float(number)


def _check_range(indicator: Indicator, key: str, value: int | float,
                 problems: list[Problem], *, hard: bool = True, plausible: bool = True) -> bool:
    """Add a problem for a value out of range; False when it is outside the hard limits."""
    def add(severity: Severity, code: str, limit: float) -> None:
        problems.append(Problem(key, indicator.code, severity, code,
                                _message(code, limit=_plain(limit))))

    low = indicator.min if indicator.min is not None else (0 if indicator.type in (
        "count", "money", "percent", "ratio") else None)
    high = indicator.max if indicator.max is not None else (
        100 if indicator.type == "percent" else None)
    if hard and low is not None and value < low:
        add("error", "below_min", low)
        return False
    if hard and high is not None and value > high:
        add("error", "above_max", high)
        return False
    if plausible:
        usual_low, usual_high = indicator.expected_range
        if usual_low is not None and value < usual_low:
            problems.append(Problem(key, indicator.code, "warning", "unusual_low",
                                    unusual_message(indicator, value, "unusual_low")))
        elif usual_high is not None and value > usual_high:
            problems.append(Problem(key, indicator.code, "warning", "unusual_high",
                                    unusual_message(indicator, value, "unusual_high")))
    return True


#: "Unusually low/high" with the figure and the usual range, by which bounds the range has.
_UNUSUAL: dict[str, tuple[str, str]] = {
    "unusual_low": ("{value} is unusually low for this figure.",
                    "តួលេខ {value} តិចខុសធម្មតា។"),
    "unusual_high": ("{value} is unusually high for this figure.",
                     "តួលេខ {value} ច្រើនខុសធម្មតា។"),
    "between": ("It is usually between {low} and {high}.",
                "ជាធម្មតា តួលេខនេះនៅចន្លោះពី {low} ដល់ {high}។"),
    "at_least": ("It is usually at least {low}.", "ជាធម្មតា តួលេខនេះយ៉ាងតិច {low}។"),
    "at_most": ("It is usually at most {high}.", "ជាធម្មតា តួលេខនេះមិនលើសពី {high} ទេ។"),
    "next": ("Check it; if it is right, confirm it with the reason.",
             "សូមពិនិត្យឡើងវិញ។ បើត្រឹមត្រូវ សូមបញ្ជាក់ដោយសរសេរមូលហេតុ។"),
}


def unusual_message(indicator: Indicator, value: float, code: str) -> Text:
    """The warning for a value outside the plausible range ("unusual_low" or
    "unusual_high"): the figure, the usual range, both grouped by thousands, with the
    indicator's unit and in the digits of each language, and what to do."""
    low, high = indicator.expected_range
    extent = ("between" if low is not None and high is not None
              else "at_least" if low is not None else "at_most")

    def sentence(language: Literal["km", "en"]) -> str:
        digits: Literal["arabic", "khmer"] = "khmer" if language == "km" else "arabic"
        unit = indicator.unit.get(language) if indicator.unit else ""
        # A no-break space keeps the unit on the figure's line.
        def figure(number: float | None) -> str:
            text = _grouped(number or 0, digits)
            return f"{text}\u00a0{unit}" if unit else text
        which = 1 if language == "km" else 0
        return " ".join((
            _UNUSUAL[code][which].format(value=figure(value)),
            _UNUSUAL[extent][which].format(low=figure(low), high=figure(high)),
            _UNUSUAL["next"][which]))

    return Text(km=sentence("km"), en=sentence("en"))


def _grouped(number: float, digits: Literal["arabic", "khmer"]) -> str:
    """A figure grouped by thousands (1,000,000), with the decimals it has."""
    places = max(0, -int(Decimal(repr(number)).normalize().as_tuple().exponent))
    return format_number(number, decimals=places, digits=digits)


def _plain(number: float) -> str:
    return str(int(number)) if float(number).is_integer() else str(number)


def compute(definition: FormDefinition, values: Mapping[str, Value]) -> dict[str, Value]:
    """Totals of disaggregated indicators and every computed indicator, from entered values."""
    result = dict(values)
    get = result.get
    for total, female_key, male_key in definition.sex_totals:
        female, male = get(female_key), get(male_key)
        # A total needs both parts: half a count printed as a total would mislead.
        # Both parts of a sex split are counts once normalised.
        result[total] = (None if female is None or male is None
                         else female + male)  # type: ignore[operator]  # see above
    env = _expression_env(definition, result)
    for indicator in definition.computed_order:
        try:
            # `computed_order` holds only computed indicators.
            value = indicator.computed.evaluate(env)  # type: ignore[union-attr]  # see above
        except ExpressionError:
            value = None
        if value is not None:
            # A computed indicator's expression is checked to give a number.
            value = round_half_up(value, indicator.effective_decimals)  # type: ignore[arg-type]  # above
        result[indicator.code] = value
        env[indicator.code] = value
    return {k: v for k, v in result.items() if v is not None}


def _expression_env(definition: FormDefinition, values: Mapping[str, Value]) -> dict[str, Value]:
    """Values as expressions see them: times of day as minutes after midnight."""
    env = dict(values)
    for key in definition.time_fields:
        value = values.get(key)
        if isinstance(value, str):
            env[key] = time_to_minutes(value)
    return env


def validate(definition: FormDefinition, values: Mapping[str, Any]) -> ValidationResult:
    """Check `values` against `definition`; never raises for bad values, reports them."""
    problems: list[Problem] = []
    entered: dict[str, Value] = {}
    for key, raw in values.items():
        if not definition.has_field(key):
            problems.append(Problem(key, key.partition(".")[0], "error", "unknown_field",
                                    _message("unknown_field", key=key)))
            continue
        indicator = definition.field(key).indicator
        if key not in indicator.entered_fields:
            if raw is not None and raw != "":
                problems.append(Problem(key, indicator.code, "error", "computed",
                                        _message("computed")))
            continue
        try:
            value = normalise_value(indicator, raw)
        except _InvalidValueError as invalid:
            problems.append(Problem(key, indicator.code, "error", invalid.code,
                                    _message(invalid.code, **invalid.params)))
            continue
        if value is None:
            continue
        # A split indicator's plausible range is about its total (checked below): four
        # women midwives and no man is no warning. A value outside the hard limits feeds
        # no total and no rule.
        if isinstance(value, int | float) and not isinstance(value, bool) and not _check_range(
                indicator, key, value, problems, plausible=indicator.disaggregation is None):
            continue
        entered[key] = value

    for indicator in definition.indicators():
        if not indicator.required:
            continue
        for key in indicator.entered_fields:
            if key not in entered and not any(p.field == key for p in problems):
                problems.append(Problem(key, indicator.code, "error", "required",
                                        _message("required", label=field_label(indicator, key))))

    completed = compute(definition, entered)
    for indicator in definition.indicators():
        total = completed.get(indicator.code)
        if indicator.disaggregation and not indicator.is_computed and total is not None:
            # The total of a sex split is a number (see `compute`).
            _check_range(indicator, indicator.code, total,  # type: ignore[arg-type]  # see above
                         problems, hard=False)
    env = _expression_env(definition, completed)
    for rule in definition.rules:
        try:
            if rule.when is not None and rule.when.evaluate(env) is not True:
                continue
            outcome = rule.check.evaluate(env)
        except ExpressionError:
            continue  # a checked definition only gets here with values of the wrong kind
        if outcome is False:
            for key in rule.fields:
                problems.append(Problem(key, definition.field(key).indicator.code,
                                        rule.severity, rule.code, rule.message))
    return ValidationResult(tuple(problems), completed)


def field_label(indicator: Indicator, key: str) -> Text:
    """The label of a field: the indicator's, with the sex part named for split ones."""
    part = key.rpartition(".")[2] if "." in key else None
    if part is None:
        return indicator.label
    km_part = {"female": "ស្រី", "male": "ប្រុស"}[part]
    return Text(km=f"{indicator.label.km} ({km_part})", en=f"{indicator.label.en} ({part})")


@dataclass(frozen=True)
class StandardResult:
    """How one indicator stands against its national standard."""

    indicator: Indicator
    standard: Standard
    value: Value
    met: bool | None


def assess_standards(definition: FormDefinition,
                     values: Mapping[str, Value]) -> list[StandardResult]:
    """Each indicator with a standard, its value (total for split ones) and whether it is met."""
    return [
        StandardResult(indicator, indicator.standard, values.get(indicator.code),
                       indicator.standard.is_met(values.get(indicator.code)))
        for indicator in definition.indicators()
        if indicator.standard is not None
    ]
