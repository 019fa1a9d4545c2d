"""Record kinds other than forms that travel through sync: JAAP actions, scorecard
sessions and facilitators (docs/SYNC.md: "the sync engine is generic over record
kinds, with field-level revisions").

A record kind is declared here once, as data: its columns with their checks, where its
records belong (a commune, for a year, perhaps for one unit), who may create them and
which columns each role may write, and whether they are personal data. The server and
the client share the declaration, so the client refuses locally what the server would
refuse, and the server decides from its own records (the user's role and scope).

Every column has its own revision on the server, like a form's field: two people editing
different columns of one JAAP action never conflict. A record has no approval workflow;
its history is the audit trail of its columns.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

ColumnType = Literal["text", "integer", "number", "date", "month", "choice", "boolean"]

#: Every role may read what its scope covers; writing is declared per kind.
ALL_COLUMNS: Literal["all"] = "all"


class RecordError(ValueError):
    """A value a column refuses, or a record made without what it needs."""

    def __init__(self, key: str, message: str) -> None:
        super().__init__(f"{key}: {message}")
        self.key = key
        self.message = message


@dataclass(frozen=True)
class Column:
    """One column of a record kind: its type and its checks.

    `key` is the column's name; a column with a `pattern` stands for a family of keys
    (the vote counts of a scorecard, one per indicator, sex and score), matched whole.
    """

    key: str
    type: ColumnType
    label_en: str
    label_km: str
    required: bool = False
    #: Text: longest length; integer and number: the range allowed.
    max_length: int = 500
    minimum: float | None = None
    maximum: float | None = None
    choices: tuple[str, ...] = ()
    pattern: str | None = None

    def matches(self, key: str) -> bool:
        """Whether `key` names this column (or one of its family)."""
        if self.pattern is None:
            return key == self.key
        return re.fullmatch(self.pattern, key) is not None

    def clean(self, value: Any) -> Any:
        """The value as stored (None clears the column), or RecordError."""
        if value is None or value == "":
            return None
        kind = self.type
        if kind == "text":
            if not isinstance(value, str):
                raise RecordError(self.key, "text expected")
            text = value.strip()
            if len(text) > self.max_length:
                raise RecordError(self.key, f"at most {self.max_length} characters")
            return text or None
        if kind == "boolean":
            if not isinstance(value, bool):
                raise RecordError(self.key, "true or false expected")
            return value
        if kind in ("integer", "number"):
            number = _number(self.key, value, integer=kind == "integer")
            if self.minimum is not None and number < self.minimum:
                raise RecordError(self.key, f"at least {_plain(self.minimum)}")
            if self.maximum is not None and number > self.maximum:
                raise RecordError(self.key, f"at most {_plain(self.maximum)}")
            return number
        if kind == "choice":
            if value not in self.choices:
                raise RecordError(self.key, "one of " + ", ".join(self.choices))
            return value
        if kind == "date":
            if not isinstance(value, str):
                raise RecordError(self.key, "a date YYYY-MM-DD expected")
            try:
                return date.fromisoformat(value).isoformat()
            except ValueError:
                raise RecordError(self.key, "a date YYYY-MM-DD expected") from None
        if kind == "month":
            if not isinstance(value, str) or not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", value):
                raise RecordError(self.key, "a month YYYY-MM expected")
            return value
        raise AssertionError(kind)  # pragma: no cover - the types are a closed list


def _number(key: str, value: Any, *, integer: bool) -> int | float:
    # True and False are ints in Python, never counts here.
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise RecordError(key, "a number expected")
    if isinstance(value, str):
        try:
            value = float(value.strip().replace(",", ""))
        except ValueError:
            raise RecordError(key, "a number expected") from None
    if value != value or value in (float("inf"), float("-inf")):
        raise RecordError(key, "a number expected")
    if integer:
        if int(value) != value:
            raise RecordError(key, "a whole number expected")
        return int(value)
    number: int | float = value  # a number by now: checked above, or read from text
    return number


def _plain(number: float) -> str:
    return str(int(number)) if number == int(number) else str(number)


@dataclass(frozen=True)
class RecordKind:
    """A kind of record that syncs like a form: its columns and its rules."""

    name: str
    label_en: str
    label_km: str
    columns: tuple[Column, ...]
    #: Whether a record of this kind names a year, a unit (it belongs to that unit's
    #: commune), or may name a unit.
    needs_year: bool
    unit: Literal["required", "optional", "none"]
    #: Roles that create and delete records of this kind (and write every column).
    creators: frozenset[str]
    #: Roles that may change only some columns of records they did not make.
    column_writers: Mapping[str, frozenset[str]] = field(default_factory=dict)
    #: Personal data (names, phones): only within the commune's scope and above, never to
    #: a unit's editor, on public pages or in national exports (docs/ROLES.md).
    personal: bool = False
    #: The version of the declaration: an operation made for a later one is held.
    version: int = 1

    def column(self, key: str) -> Column | None:
        """The column `key` names, or None."""
        for column in self.columns:
            if column.matches(key):
                return column
        return None

    def writable(self, role: str) -> frozenset[str] | Literal["all"] | None:
        """The columns `role` may write: all of them, some (by key), or none (None)."""
        if role in self.creators:
            return ALL_COLUMNS
        return self.column_writers.get(role)

    def clean(self, changes: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, str]]:
        """(clean values, problems by key) of `changes`; a key no column names is a
        problem "unknown column"."""
        values: dict[str, Any] = {}
        problems: dict[str, str] = {}
        for key, value in changes.items():
            column = self.column(key)
            if column is None:
                problems[key] = "unknown column"
                continue
            try:
                values[key] = column.clean(value)
            except RecordError as problem:
                problems[key] = problem.message
        return values, problems

    def missing(self, values: Mapping[str, Any]) -> list[str]:
        """Required columns without a value in `values` (a record's whole state)."""
        return [c.key for c in self.columns
                if c.required and c.pattern is None and values.get(c.key) in (None, "")]


_LOCAL_WORK = frozenset({"commune_focal_point", "dmk_officer"})
_PROGRESS = frozenset({"progress_status", "progress_percent", "progress_month",
                       "progress_note"})

JAAP_ACTION = RecordKind(
    name="jaap_action", label_en="JAAP action", label_km="សកម្មភាពផែនការសកម្មភាពរួម",
    needs_year=True, unit="optional", creators=_LOCAL_WORK,
    # The JAAP committee's monitoring (docs/ROLES.md): a CAF records progress, not the plan.
    column_writers={"caf": _PROGRESS},
    columns=(
        Column("section", "choice", "Section", "ផ្នែក", required=True, choices=("A", "B")),
        Column("number", "integer", "Number", "លេខរៀង", minimum=1, maximum=999),
        Column("activity", "text", "Priority activity", "សកម្មភាពអាទិភាព", required=True),
        Column("proposed_by", "text", "Proposed by", "ស្នើដោយ", max_length=200),
        Column("target_response", "text", "Target response", "ចម្លើយតបគោលដៅ"),
        Column("location", "text", "Location", "ទីតាំង", max_length=200),
        Column("result_quantity", "number", "Result (quantity)", "លទ្ធផល (បរិមាណ)",
               minimum=0),
        Column("result_unit", "text", "Result (unit)", "លទ្ធផល (ឯកតា)", max_length=60),
        Column("start", "month", "Start", "ចាប់ផ្ដើម"),
        Column("end", "month", "End", "បញ្ចប់"),
        Column("beneficiaries_total", "integer", "Beneficiaries (total)",
               "អ្នកទទួលផល (សរុប)", minimum=0, maximum=10_000_000),
        Column("beneficiaries_female", "integer", "Beneficiaries (female)",
               "អ្នកទទួលផល (ស្រី)", minimum=0, maximum=10_000_000),
        Column("cost_khr", "integer", "Estimated cost (KHR)", "ថវិកាប៉ាន់ស្មាន (រៀល)",
               minimum=0, maximum=10**13),
        Column("implementer", "text", "Implementer / collaborator", "អ្នកអនុវត្ត/សហការ",
               max_length=200),
        Column("progress_status", "choice", "Status", "ស្ថានភាព",
               choices=("not_started", "in_progress", "done", "cancelled")),
        Column("progress_percent", "integer", "Percent done", "ភាគរយសម្រេច",
               minimum=0, maximum=100),
        Column("progress_month", "month", "Progress as of", "វឌ្ឍនភាពគិតត្រឹម"),
        Column("progress_note", "text", "Note", "កំណត់សម្គាល់", max_length=1000),
    ))

#: Scorecard indicator codes as the programme's material writes them (PS1, HC12, ...).
_INDICATOR = r"(PS|HC)\d{1,2}"

SCORECARD_SESSION = RecordKind(
    name="scorecard_session", label_en="Scorecard session", label_km="វគ្គប័ណ្ណដាក់ពិន្ទុ",
    needs_year=True, unit="required",
    creators=_LOCAL_WORK | {"caf"},
    columns=(
        Column("kind", "choice", "Kind", "ប្រភេទ", required=True,
               choices=("community", "self_assessment", "combined")),
        Column("date", "date", "Date", "កាលបរិច្ឆេទ", required=True),
        Column("facilitators", "text", "Facilitators (roster ids)", "អ្នកសម្របសម្រួល",
               max_length=400),
        *(Column(f"participants_{who}", "integer", f"Participants ({en})",
                 f"អ្នកចូលរួម ({km})", minimum=0, maximum=10_000)
          for who, en, km in (("female", "women", "ស្ត្រី"), ("male", "men", "បុរស"),
                              ("disability", "with a disability", "ជនមានពិការភាព"),
                              ("minority", "minority", "ជនជាតិដើមភាគតិច"),
                              ("idpoor", "ID-Poor", "គ្រួសារក្រីក្រ"),
                              ("youth", "youth", "យុវជន"))),
        Column("indicators", "text", "Indicators selected", "សូចនាករដែលបានជ្រើសរើស",
               max_length=400),
        # Votes: how many women (f) or men (m) gave an indicator a score of 1 to 5.
        Column("vote", "integer", "Votes", "សន្លឹកឆ្នោត", minimum=0, maximum=10_000,
               pattern=rf"vote:{_INDICATOR}:[fm]:[1-5]"),
        Column("strengths", "text", "Strengths", "ចំណុចខ្លាំង", max_length=2000),
        Column("weaknesses", "text", "Weaknesses", "ចំណុចខ្សោយ", max_length=2000),
        Column("suggested_actions", "text", "Suggested actions", "សកម្មភាពដែលបានស្នើ",
               max_length=2000),
    ))

FACILITATOR = RecordKind(
    name="facilitator", label_en="Facilitator (CAF)", label_km="អ្នកសម្របសម្រួល (CAF)",
    needs_year=False, unit="none", creators=_LOCAL_WORK, personal=True,
    columns=(
        Column("name", "text", "Name", "ឈ្មោះ", required=True, max_length=120),
        Column("sex", "choice", "Sex", "ភេទ", required=True, choices=("f", "m")),
        Column("age", "integer", "Age", "អាយុ", minimum=15, maximum=99),
        Column("village", "text", "Village", "ភូមិ", max_length=120),
        Column("phone", "text", "Phone", "ទូរស័ព្ទ", max_length=40),
        Column("role", "text", "Role", "តួនាទី", max_length=120),
        *(Column(f"module_m{n}", "boolean", f"Trained M{n}", f"បានបណ្ដុះបណ្ដាល M{n}")
          for n in (1, 2, 3, 4)),
        Column("start", "date", "Start date", "ថ្ងៃចាប់ផ្ដើម"),
        Column("active", "boolean", "Active", "សកម្ម"),
    ))

KINDS: dict[str, RecordKind] = {k.name: k for k in (JAAP_ACTION, SCORECARD_SESSION,
                                                     FACILITATOR)}


def check_owner(kind: RecordKind, owner: Mapping[str, Any]) -> None:
    """Raise RecordError unless `owner` (commune_code, year, unit_id) suits `kind`."""
    if kind.needs_year and owner.get("year") is None:
        raise RecordError("year", f"a {kind.label_en} belongs to a year")
    if not kind.needs_year and owner.get("year") is not None:
        raise RecordError("year", f"a {kind.label_en} has no year")
    if kind.unit == "required" and not owner.get("unit_id"):
        raise RecordError("unit_id", f"a {kind.label_en} belongs to a unit")
    if kind.unit == "none" and owner.get("unit_id"):
        raise RecordError("unit_id", f"a {kind.label_en} belongs to no unit")
