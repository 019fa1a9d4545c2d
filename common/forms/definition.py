"""Form definitions as Python objects: sections, indicators, fields, standards and rules.

A `FormDefinition` is built by `common.forms.loader` from a YAML file (or from the JSON a
server published) and is immutable. The client generates its screens from it, the server
and the client validate with it (`common.forms.validation`), and the document builders
print from it.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Literal

from common.forms.expressions import Expression, Kind, Value

IndicatorType = Literal["count", "money", "percent", "ratio", "yes_no", "time", "choice", "text"]
Severity = Literal["error", "warning"]
Direction = Literal["at_least", "at_most", "equal"]
#: Where a standard stands: stated by an official text, or only proposed (a reading of the
#: programme's material that no official text confirms yet).
StandardStatus = Literal["official", "proposed"]

INDICATOR_TYPES: tuple[str, ...] = (
    "count", "money", "percent", "ratio", "yes_no", "time", "choice", "text",
)
NUMERIC_TYPES = frozenset({"count", "money", "percent", "ratio", "time"})
WHOLE_NUMBER_TYPES = frozenset({"count", "money"})
DEFAULT_DECIMALS = {"percent": 1, "ratio": 2}
DEFAULT_TEXT_LENGTH = 500
SERVICE_KINDS: tuple[str, ...] = ("cs_admin", "health_center", "primary_school")
SEX_PARTS = ("female", "male")
TIME_PATTERN = re.compile(r"([01][0-9]|2[0-3]):([0-5][0-9])\Z")  # \Z: no final newline

#: The range a figure usually falls within when its definition sets no `expected` bound,
#: by what the figure measures (see `Indicator.measure`). Beyond it a figure is most likely
#: mistyped (a few zeros too many, a figure typed in the wrong field), so it is a warning
#: that asks for a reason, not an error: a real outlier is confirmed and kept. (low, high);
#: None: no bound on that side.
DEFAULT_EXPECTED: dict[str, tuple[float | None, float | None]] = {
    # Five billion Riel (about 1.2 million US dollars): more than any commune, health
    # center or school receives, spends or holds in a year.
    "riel": (None, 5_000_000_000),
    # People (or their visits): more than live in the largest sangkat.
    "people": (None, 200_000),
    "households": (None, 50_000),
    # A count of days within one year.
    "days": (None, 366),
    # Anything else counted at one unit: villages, meetings, beds, projects...
    "count": (None, 10_000),
    # Percentages already have the hard range 0-100.
    "percent": (None, None),
    "ratio": (None, 1_000),
}
#: Units (English, lower case) that mark a count of people; Khmer "នាក់" (persons) too.
PEOPLE_UNITS = frozenset({
    "persons", "people", "women", "men", "children", "pupils", "students", "teachers",
    "patients", "cases", "members", "participants",
})
_PEOPLE_UNIT_KM = "នាក់"


def time_to_minutes(text: str) -> int:
    """'07:30' -> 450; raises ValueError for anything but a valid HH:MM."""
    match = TIME_PATTERN.match(text)
    if not match:
        raise ValueError(f"not a time of day HH:MM: {text!r}")
    return int(match.group(1)) * 60 + int(match.group(2))


@dataclass(frozen=True)
class Text:
    """A text in both languages of the programme."""

    km: str
    en: str

    def get(self, language: str) -> str:
        """The text in `language` ('km' or 'en'); English for anything else."""
        return self.km if language == "km" else self.en


@dataclass(frozen=True)
class Choice:
    """One option of a `choice` indicator."""

    code: str
    label: Text


@dataclass(frozen=True)
class StandardSource:
    """Where a standard comes from: an official document and its date, or who proposed it."""

    document: str | None = None
    #: The document's date as written in it: "2021", "2021-05" or "2021-05-14".
    date: str | None = None
    proposed_by: str | None = None

    def describe(self) -> str:
        """One line for people: 'Document (date)' or 'proposed by ...'."""
        if self.document:
            return f"{self.document} ({self.date})" if self.date else self.document
        return f"proposed by {self.proposed_by}" if self.proposed_by else ""


@dataclass(frozen=True)
class Standard:
    """A service standard: the target, which side of it counts as met, and where it comes
    from. Only an `official` standard is a national standard; a proposed one is printed
    and judged as proposed, everywhere (docs/FORMS.md)."""

    target: int | float | bool | str
    direction: Direction
    #: A definition published before standards had a status loads with "proposed": a
    #: standard nobody sourced is not presented as national.
    status: StandardStatus = "proposed"
    source: StandardSource | None = None

    @property
    def official(self) -> bool:
        """True for a standard an official text states."""
        return self.status == "official"

    def is_met(self, value: int | float | bool | str | None) -> bool | None:
        """Whether `value` meets the standard; None when there is no value to judge."""
        if value is None:
            return None
        target = self.target
        if isinstance(target, str):  # a time of day
            target = time_to_minutes(target)
            value = time_to_minutes(value) if isinstance(value, str) else value
        if self.direction == "equal":
            return value == target
        if self.direction == "at_least":
            # The loader allows only a number or a time of day (as minutes) here.
            return value >= target  # type: ignore[operator]  # see above
        return value <= target  # type: ignore[operator]  # see above


#: How a proposed standard is marked wherever it is judged (posters, Post-on, exports,
#: the form screen), and the note that says what the mark means.
PROPOSED_MARK = Text("ស្តង់ដារស្នើ", "proposed standard")
#: The mark where room is short (a chart's label): "proposed".
PROPOSED_SHORT = Text("ស្នើ", "proposed")
PROPOSED_NOTE = Text("ស្តង់ដារស្នើ៖ មិនទាន់ជាស្តង់ដារជាតិផ្លូវការ",
                     "Proposed standard: not yet an official national standard")


def judged_standard(indicator: Indicator, *, proposed: bool = True) -> Standard | None:
    """The standard `indicator` is judged against, or None: none when it has no standard,
    or when its standard is only proposed and proposed standards are left out."""
    standard = indicator.standard
    if standard is None or (not proposed and not standard.official):
        return None
    return standard


@dataclass(frozen=True)
class Indicator:
    """One indicator of a form: what is asked, how it is typed, checked and judged."""

    code: str
    section: str
    label: Text
    type: IndicatorType
    unit: Text | None = None
    disaggregation: Literal["sex"] | None = None
    required: bool = False
    min: float | None = None
    max: float | None = None
    expected_min: float | None = None
    expected_max: float | None = None
    decimals: int | None = None
    max_length: int | None = None
    choices: tuple[Choice, ...] = ()
    computed: Expression | None = None
    standard: Standard | None = None
    poster: bool = False
    #: Personal data (a person's name or phone): never on public pages or national exports.
    personal: bool = False
    help: Text | None = None

    @property
    def measure(self) -> str | None:
        """What a number indicator measures, for its default plausible range
        (`DEFAULT_EXPECTED`): riel, people, households, days, count, percent or ratio;
        None for an indicator that is not a number (a time of day is not)."""
        if self.type == "money":
            return "riel"
        if self.type in ("percent", "ratio"):
            return self.type
        if self.type != "count":
            return None
        unit = self.unit.en.strip().casefold() if self.unit else ""
        if unit in PEOPLE_UNITS or (self.unit is not None and self.unit.km == _PEOPLE_UNIT_KM):
            return "people"
        if unit == "households":
            return "households"
        if unit.endswith("days"):  # "days", "working days"
            return "days"
        return "count"

    @property
    def expected_range(self) -> tuple[float | None, float | None]:
        """(low, high) of the plausible range: outside it a value is a warning that needs
        a reason. Each bound the definition's `expected` leaves out takes the default of
        what the indicator measures; None: no bound. A computed indicator has none (its
        value is checked through the values it comes from)."""
        if self.is_computed or self.measure is None:
            return None, None
        default_low, default_high = DEFAULT_EXPECTED[self.measure]
        low = self.expected_min if self.expected_min is not None else default_low
        high = self.expected_max if self.expected_max is not None else default_high
        # A definition's own bound wins over a default that would contradict it (an
        # expected minimum above the default maximum would make every value unusual).
        if self.expected_min is not None and high is not None and high < self.expected_min:
            high = None
        if self.expected_max is not None and low is not None and low > self.expected_max:
            low = None
        return low, high

    @property
    def is_computed(self) -> bool:
        """True for an indicator derived from others, never typed."""
        return self.computed is not None

    @property
    def fields(self) -> tuple[str, ...]:
        """Every field of this indicator: entered parts first, then the total."""
        if self.disaggregation == "sex":
            return (f"{self.code}.female", f"{self.code}.male", self.code)
        return (self.code,)

    @property
    def entered_fields(self) -> tuple[str, ...]:
        """The fields a person types (none for a computed indicator)."""
        if self.is_computed:
            return ()
        if self.disaggregation == "sex":
            return (f"{self.code}.female", f"{self.code}.male")
        return (self.code,)

    @property
    def kind(self) -> Kind:
        """The kind of value expressions see for this indicator."""
        if self.type in NUMERIC_TYPES:
            return "number"
        return "bool" if self.type == "yes_no" else "text"

    @property
    def whole_number(self) -> bool:
        """True when values must be whole numbers."""
        return self.type in WHOLE_NUMBER_TYPES

    @property
    def effective_decimals(self) -> int:
        """How many decimal places a value may have (0 for whole numbers)."""
        if self.decimals is not None:
            return self.decimals
        return DEFAULT_DECIMALS.get(self.type, 0)


@dataclass(frozen=True)
class Section:
    """A titled group of indicators, in the order they are printed and entered."""

    code: str
    title: Text
    indicators: tuple[Indicator, ...]


@dataclass(frozen=True)
class Rule:
    """A cross-field rule: when `check` is false, a problem of `severity` is raised."""

    code: str
    check: Expression
    severity: Severity
    message: Text
    fields: tuple[str, ...]
    when: Expression | None = None


@dataclass(frozen=True)
class FieldRef:
    """Where a field belongs: its indicator and which part of it (None for the total)."""

    indicator: Indicator
    part: Literal["female", "male"] | None


@dataclass(frozen=True)
class FormDefinition:
    """A whole, checked form definition of one version."""

    form: str
    service_kind: str
    version: int
    title: Text
    sections: tuple[Section, ...]
    rules: tuple[Rule, ...]
    instructions: Text | None
    #: The definition as plain data, as loaded: what is published and hashed.
    source: Mapping[str, Any] = field(repr=False, compare=False, hash=False)
    #: Computed indicators in an order where each comes after what it reads.
    computed_order: tuple[Indicator, ...] = field(repr=False, compare=False, hash=False)
    _fields: Mapping[str, FieldRef] = field(repr=False, compare=False, hash=False)

    @property
    def key(self) -> str:
        """'health_center@1': the identity of this version."""
        return f"{self.form}@{self.version}"

    @property
    def checksum(self) -> str:
        """SHA-256 of the canonical JSON of the source: equal content, equal checksum."""
        return definition_checksum(self.source)

    def indicators(self) -> Iterator[Indicator]:
        """Every indicator, in form order."""
        for section in self.sections:
            yield from section.indicators

    @cached_property
    def sex_totals(self) -> tuple[tuple[str, str, str], ...]:
        """(total key, female key, male key) of every entered indicator split by sex:
        worked out once, since exports compute thousands of forms of one version."""
        return tuple((i.code, f"{i.code}.female", f"{i.code}.male") for i in self.indicators()
                     if i.disaggregation == "sex" and not i.is_computed)

    @cached_property
    def time_fields(self) -> frozenset[str]:
        """Keys of the fields that hold a time of day."""
        return frozenset(key for key, ref in self._fields.items()
                         if ref.indicator.type == "time")

    def indicator(self, code: str) -> Indicator:
        """The indicator with `code`; KeyError if there is none."""
        ref = self._fields[code]
        if ref.part is not None:
            raise KeyError(code)
        return ref.indicator

    def field(self, key: str) -> FieldRef:
        """What a field key ('anc1', 'staff.female') refers to; KeyError if unknown."""
        return self._fields[key]

    def has_field(self, key: str) -> bool:
        """True when `key` names a field of this definition."""
        return key in self._fields

    @property
    def field_keys(self) -> tuple[str, ...]:
        """Every field key in form order."""
        return tuple(self._fields)

    def entered_field_keys(self) -> Iterator[str]:
        """The keys of every field a person types, in form order."""
        for indicator in self.indicators():
            yield from indicator.entered_fields


def definition_checksum(source: Mapping[str, Any]) -> str:
    """SHA-256 over the canonical JSON of a definition's source."""
    canonical = json.dumps(source, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def numeric(indicator: Indicator, value: Value) -> float | None:
    """A value as a number to average or draw: minutes for a time, 1/0 for yes/no; None
    for no value or one that is not a number (a text, a malformed time)."""
    if value is None:
        return None
    if isinstance(value, bool):
        return 1.0 if value else 0.0
    if isinstance(value, int | float):
        return float(value)
    if indicator.type == "time" and isinstance(value, str):
        try:
            return float(time_to_minutes(value))
        except ValueError:
            return None
    return None
