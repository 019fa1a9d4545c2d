"""Loading form definitions from YAML (or published JSON), with every mistake reported.

Mistakes are collected, not stopped at: a person fixing a definition wants the whole list,
each as `file:line: message`. Line numbers come from the YAML node tree; a definition
loaded from JSON (as the server publishes it) has no lines, only paths.

Warnings (a standard that does not say where it comes from) do not stop a definition from
loading: `check_definition` and `check_definition_text` return them beside it, for
`isaf forms check`. They are never part of the definition, its source or its checksum.
"""

from __future__ import annotations

import datetime
import graphlib
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import jsonschema  # type: ignore[import-untyped]  # its stubs are not a dependency
import yaml

from common.forms.definition import (
    DEFAULT_TEXT_LENGTH,
    NUMERIC_TYPES,
    Choice,
    FieldRef,
    FormDefinition,
    Indicator,
    Rule,
    Section,
    Standard,
    StandardSource,
    Text,
)
from common.forms.expressions import Expression, ExpressionError, Kind, compile_expression
from common.forms.schema import FORM_SCHEMA

Path_ = tuple[str | int, ...]
_VALIDATOR = jsonschema.Draft202012Validator(FORM_SCHEMA)


@dataclass(frozen=True)
class DefinitionProblem:
    """One mistake in a definition file, or (severity "warning") one thing to look at that
    does not stop the definition from loading."""

    filename: str
    line: int | None
    path: str
    message: str
    severity: Literal["error", "warning"] = "error"

    def __str__(self) -> str:
        where = f"{self.filename}:{self.line}" if self.line else self.filename
        at = f" ({self.path})" if self.path else ""
        kind = "warning: " if self.severity == "warning" else ""
        return f"{where}: {kind}{self.message}{at}"


class DefinitionError(ValueError):
    """A definition that cannot be used; `problems` lists every mistake found."""

    def __init__(self, problems: Sequence[DefinitionProblem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def load_definition(path: str | Path) -> FormDefinition:
    """Load and check the YAML definition at `path`; raises DefinitionError."""
    return check_definition(path)[0]


def check_definition(path: str | Path) -> tuple[FormDefinition, list[DefinitionProblem]]:
    """Load the YAML definition at `path` with its warnings; raises DefinitionError."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise DefinitionError(
            [DefinitionProblem(str(path), None, "", f"cannot read: {exc}")]) from None
    return check_definition_text(text, filename=str(path))


def load_definitions(folder: str | Path) -> list[FormDefinition]:
    """Load every `*.yaml` definition in `folder`, sorted by form code."""
    definitions = [load_definition(p) for p in sorted(Path(folder).glob("*.yaml"))]
    return sorted(definitions, key=lambda d: d.form)


def parse_definition_text(text: str, *, filename: str = "<text>") -> FormDefinition:
    """Parse YAML text into a checked definition; raises DefinitionError."""
    return check_definition_text(text, filename=filename)[0]


def check_definition_text(text: str, *, filename: str = "<text>"
                          ) -> tuple[FormDefinition, list[DefinitionProblem]]:
    """Parse YAML text into a checked definition and its warnings, each at its line;
    raises DefinitionError for mistakes."""
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else None
        problem = getattr(exc, "problem", None) or str(exc)
        raise DefinitionError(
            [DefinitionProblem(filename, line, "", f"not valid YAML: {problem}")]) from None
    if node is None:
        raise DefinitionError([DefinitionProblem(filename, 1, "", "the file is empty")])
    duplicates = list(_duplicate_keys(node, filename))
    if duplicates:
        raise DefinitionError(duplicates)
    try:
        data = yaml.SafeLoader(text).get_single_data()
    except (yaml.YAMLError, ValueError) as exc:  # an unknown tag, an impossible date...
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else None
        problem = getattr(exc, "problem", None) or str(exc)
        raise DefinitionError([DefinitionProblem(filename, line, "",
                                                 f"cannot read: {problem}")]) from None
    return _build(data, filename, lambda p: _line_of(node, p))


def build_definition(data: Any, *, filename: str = "<definition>",
                     locate: Callable[[Path_], int | None] = lambda p: None) -> FormDefinition:
    """Check plain data (from YAML or JSON) and build the definition; raises DefinitionError."""
    return _build(data, filename, locate)[0]


def _build(data: Any, filename: str, locate: Callable[[Path_], int | None]
           ) -> tuple[FormDefinition, list[DefinitionProblem]]:
    errors = sorted(_VALIDATOR.iter_errors(data),
                    key=lambda e: [(isinstance(p, str), p) for p in e.absolute_path])
    if errors:
        raise DefinitionError([
            DefinitionProblem(filename, locate(_error_path(e)), _path_text(_error_path(e)),
                              _schema_message(e))
            for e in errors
        ])
    builder = _Builder(data, filename, locate)
    return builder.build(), builder.warnings


# --------------------------------------------------------------------------- YAML lines


def _duplicate_keys(node: yaml.Node, filename: str) -> Iterable[DefinitionProblem]:
    """YAML quietly keeps the last of two equal keys; a definition must not."""
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key, value in node.value:
            if key.value in seen:
                yield DefinitionProblem(filename, key.start_mark.line + 1, "",
                                        f"key {key.value!r} appears twice")
            seen.add(key.value)
            yield from _duplicate_keys(value, filename)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _duplicate_keys(item, filename)


def _line_of(node: yaml.Node, path: Path_) -> int | None:
    """The 1-based line of the node at `path`, or of the nearest node above it. A value
    under a key is found at its key: `standard:` rather than the `target:` below it."""
    line = node.start_mark.line + 1
    for step in path:
        child = None
        if isinstance(node, yaml.MappingNode) and isinstance(step, str):
            key, child = next(((k, v) for k, v in node.value if k.value == step),
                              (None, None))
            if key is not None:
                line = key.start_mark.line + 1
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int):
            child = node.value[step] if 0 <= step < len(node.value) else None
            if child is not None:
                line = child.start_mark.line + 1
        if child is None:
            break
        node = child
    return line


def _path_text(path: Path_) -> str:
    text = ""
    for step in path:
        text += f"[{step}]" if isinstance(step, int) else (f".{step}" if text else str(step))
    return text


def _error_path(error: jsonschema.ValidationError) -> Path_:
    """Where an error is: for an unknown key, the key itself rather than its mapping."""
    path = tuple(error.absolute_path)
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        known = error.schema.get("properties", {})
        unknown = [k for k in error.instance if k not in known]
        if unknown:
            return (*path, unknown[0])
    return path


def _schema_message(error: jsonschema.ValidationError) -> str:
    message: str = error.message
    path = tuple(error.absolute_path)
    if len(path) >= 2 and path[-2] == "source":
        return _source_message(path[-1], error)
    if error.validator == "required":
        return message.replace("is a required property", "is missing")
    if error.validator == "additionalProperties":
        return message.replace("Additional properties are not allowed", "unknown key(s)")
    if error.validator == "pattern":
        if ":" in str(error.validator_value):
            return f"{error.instance!r} is not a time of day: write it as \"07:30\""
        return (f"{error.instance!r} is not a valid code: lower-case letters, digits and _, "
                "starting with a letter, at most 48 characters")
    return message


def _source_message(key: str | int, error: jsonschema.ValidationError) -> str:
    """A standard's source: say what is expected of its document, date or proposer."""
    if key == "date":
        value = error.instance
        if error.validator == "type":
            # Unquoted, YAML reads 2021 as a number and 2021-05-14 as a date object.
            shown = value.isoformat() if isinstance(value, datetime.date) else str(value)
            return f'write the date in quotes: date: "{shown}"'
        return (f"{value!r} is not a document date: write the year, the month or the day: "
                '"2021", "2021-05" or "2021-05-14"')
    if key in ("document", "proposed_by") and error.validator in ("pattern", "minLength",
                                                                  "type"):
        what = "the document" if key == "document" else "who proposed the standard"
        return f"'{key}' names {what} in words"
    return str(error.message)


# --------------------------------------------------------------------------- building


class _Builder:
    """Builds a definition from schema-valid data, collecting semantic mistakes."""

    def __init__(self, data: Mapping[str, Any], filename: str,
                 locate: Callable[[Path_], int | None]) -> None:
        self.data = data
        self.filename = filename
        self.locate = locate
        self.problems: list[DefinitionProblem] = []
        self.warnings: list[DefinitionProblem] = []

    def problem(self, path: Path_, message: str) -> None:
        self.problems.append(
            DefinitionProblem(self.filename, self.locate(path), _path_text(path), message))

    def warn(self, path: Path_, message: str) -> None:
        self.warnings.append(DefinitionProblem(self.filename, self.locate(path),
                                               _path_text(path), message, "warning"))

    def build(self) -> FormDefinition:
        data = self.data
        if not isinstance(data["version"], int):
            self.problem(("version",), "the version is a whole number: 1, 2, 3 ...")
        if data["form"] != data["service_kind"]:
            self.problem(("form",), "the form code must equal the service kind")
        sections, fields = self.sections()
        kinds: dict[str, Kind] = {}
        for key, ref in fields.items():
            kinds[key] = "number" if ref.part else ref.indicator.kind
        order = self.computed_order(sections, kinds)
        rules = self.rules(fields, kinds)
        if self.problems:
            raise DefinitionError(self.problems)
        return FormDefinition(
            form=data["form"], service_kind=data["service_kind"], version=data["version"],
            title=_text(data["title"]), instructions=_optional_text(data.get("instructions")),
            sections=tuple(sections), rules=tuple(rules), source=data,
            computed_order=tuple(order), _fields=fields,
        )

    def sections(self) -> tuple[list[Section], dict[str, FieldRef]]:
        sections: list[Section] = []
        fields: dict[str, FieldRef] = {}
        section_codes: set[str] = set()
        for s, raw in enumerate(self.data["sections"]):
            if raw["code"] in section_codes:
                self.problem(("sections", s, "code"), f"section code {raw['code']!r} is used twice")
            section_codes.add(raw["code"])
            indicators = []
            for i, item in enumerate(raw["indicators"]):
                path: Path_ = ("sections", s, "indicators", i)
                indicator = self.indicator(item, raw["code"], path)
                if indicator.code in fields:
                    self.problem((*path, "code"),
                                 f"indicator code {indicator.code!r} is used twice")
                    continue
                for key in indicator.fields:
                    part = key.rpartition(".")[2] if "." in key else None
                    # The schema allows only the parts 'female' and 'male'.
                    fields[key] = FieldRef(indicator, part)  # type: ignore[arg-type]  # see above
                indicators.append(indicator)
            sections.append(Section(raw["code"], _text(raw["title"]), tuple(indicators)))
        return sections, fields

    def indicator(self, raw: Mapping[str, Any], section: str, path: Path_) -> Indicator:
        kind = raw["type"]
        numeric = kind in NUMERIC_TYPES and kind != "time"
        expected = raw.get("expected", {})
        for key in ("min", "max", "decimals"):
            if key in raw and not numeric:
                self.problem((*path, key), f"{key!r} is only for number indicators, not {kind}")
        if "decimals" in raw and kind not in ("percent", "ratio"):
            self.problem((*path, "decimals"), "'decimals' is only for percent and ratio")
        if expected and not numeric:
            self.problem((*path, "expected"),
                         f"'expected' is only for number indicators, not {kind}")
        low, high = raw.get("min"), raw.get("max")
        if low is not None and high is not None and low > high:
            self.problem((*path, "min"), "min is greater than max")
        e_low, e_high = expected.get("min"), expected.get("max")
        if e_low is not None and e_high is not None and e_low > e_high:
            self.problem((*path, "expected"), "expected min is greater than expected max")
        if ("choices" in raw) != (kind == "choice"):
            self.problem(path, "'choices' goes with type choice, and type choice needs choices")
        choice_codes = [c["code"] for c in raw.get("choices", [])]
        if len(set(choice_codes)) != len(choice_codes):
            self.problem((*path, "choices"), "two choices share a code")
        if "max_length" in raw and kind != "text":
            self.problem((*path, "max_length"), "'max_length' is only for text")
        if "disaggregation" in raw and kind not in ("count", "money"):
            # The total of a split indicator is female + male: right for counts and money,
            # wrong for a rate (3 % + 4 % is not 7 %). Split the counts, compute the rates.
            self.problem((*path, "disaggregation"),
                         "only count and money indicators can be split by sex; for a rate, "
                         "split the counts it is computed from")
        computed = None
        if "computed" in raw:
            computed = self.expression(raw["computed"], (*path, "computed"))
            if kind not in ("count", "money", "percent", "ratio"):
                self.problem((*path, "type"), f"a computed indicator cannot be of type {kind}")
            for key in ("disaggregation", "required", "min", "max", "expected"):
                if key in raw:
                    self.problem((*path, key), f"a computed indicator cannot have {key!r}")
        standard = self.standard(raw.get("standard"), kind, (*path, "standard"), raw["code"])
        if raw.get("personal") and raw.get("poster"):
            self.problem((*path, "poster"), "personal data cannot be shown on the poster")
        return Indicator(
            code=raw["code"], section=section, label=_text(raw["label"]), type=kind,
            unit=_optional_text(raw.get("unit")), disaggregation=raw.get("disaggregation"),
            required=raw.get("required", False), min=low, max=high,
            expected_min=e_low, expected_max=e_high,
            decimals=raw.get("decimals"),
            max_length=raw.get("max_length", DEFAULT_TEXT_LENGTH) if kind == "text" else None,
            choices=tuple(Choice(c["code"], _text(c["label"])) for c in raw.get("choices", [])),
            computed=computed, standard=standard, poster=raw.get("poster", False),
            personal=raw.get("personal", False),
            help=_optional_text(raw.get("help")),
        )

    def standard(self, raw: Mapping[str, Any] | None, kind: str, path: Path_,
                 code: str) -> Standard | None:
        if raw is None:
            return None
        target, direction = raw["target"], raw["direction"]
        if kind in ("choice", "text"):
            self.problem(path, f"an indicator of type {kind} cannot have a standard")
        elif kind == "yes_no":
            if not isinstance(target, bool) or direction != "equal":
                self.problem(path, "a yes/no standard is 'target: true/false, direction: equal'")
        elif kind == "time":
            # The schema already holds any text target to HH:MM.
            if not isinstance(target, str):
                self.problem((*path, "target"), 'a time standard needs a target like "07:00"')
        elif not isinstance(target, int | float) or isinstance(target, bool):
            self.problem((*path, "target"), f"a {kind} standard needs a number as target")
        status = raw.get("status", "proposed")
        source = self.standard_source(raw, status, path, code)
        return Standard(target, direction, status=status, source=source)

    def standard_source(self, standard: Mapping[str, Any], status: str, path: Path_,
                        code: str) -> StandardSource | None:
        """The source of a standard, checked against its status. A standard that omits its
        status or its source loads (as proposed: a definition published before standards
        had them claims nothing), with a warning for the person checking the file."""
        if "status" not in standard:
            self.warn(path, f"the standard of {code!r} has no 'status' (it counts as "
                            "proposed): write 'status: official' or 'status: proposed'")
        raw = standard.get("source")
        if raw is None:
            if status == "official":
                self.problem((*path, "status"), "an official standard names its source: "
                                   "'source: {document: ..., date: ...}'")
            else:
                self.warn(path, f"the standard of {code!r} names no source: add 'source: "
                                "{proposed_by: ...}' (who proposed it, on what reading) or, "
                                "when an official text states it, 'source: {document: ..., "
                                "date: ...}'")
            return None
        source = StandardSource(document=raw.get("document"), date=raw.get("date"),
                                proposed_by=raw.get("proposed_by"))
        where = (*path, "source")
        if source.document and source.proposed_by:
            self.problem(where, "a source is a document or 'proposed_by', not both")
        elif not source.document and not source.proposed_by:
            self.problem(where, "a source names a 'document' (with its 'date') or 'proposed_by'")
        elif source.proposed_by and source.date:
            self.problem((*where, "date"), "'date' is the date of a 'document'; a proposed "
                                           "standard has none")
        elif status == "official" and not source.document:
            self.problem(where, "an official standard's source is a document, with its date")
        elif status == "official" and not source.date:
            self.problem((*where, "date"), "an official standard's document needs its date")
        elif status != "official" and source.document:
            # A document that states the standard makes it official; one that only
            # inspires it is named in proposed_by ("ISAF Desk team, from ...").
            hint = ("write 'status: official'" if "status" not in standard else
                    "a document that states it makes it official")
            self.problem(where, f"a proposed standard's source is 'proposed_by' ({hint})")
        elif source.date and not _real_date(source.date):
            self.problem((*where, "date"), f"{source.date!r} is not a date in the calendar")
        return source

    def expression(self, source: str, path: Path_) -> Expression | None:
        try:
            return compile_expression(source)
        except ExpressionError as exc:
            self.problem(path, f"in {source!r}: {exc}")
            return None

    def check_kind(self, expression: Expression | None, kinds: Mapping[str, Kind],
                   wanted: Kind, path: Path_) -> None:
        if expression is None:
            return
        try:
            kind = expression.kind(kinds)
        except ExpressionError as exc:
            self.problem(path, f"in {expression.source!r}: {exc}")
            return
        if kind not in (wanted, "any"):
            label = {"number": "a number", "bool": "yes or no (a condition)"}[wanted]
            self.problem(path, f"{expression.source!r} must give {label}")

    def computed_order(self, sections: list[Section], kinds: Mapping[str, Kind]) -> list[Indicator]:
        computed = {i.code: i for s in sections for i in s.indicators if i.computed is not None}
        graph: dict[str, set[str]] = {}
        paths = self.indicator_paths()
        for code, indicator in computed.items():
            expression = indicator.computed
            if expression is None:  # never: `computed` holds computed indicators only
                continue
            path = (*paths[code], "computed")
            self.check_kind(expression, kinds, "number", path)
            depends = {f.partition(".")[0] for f in expression.fields}
            if code in depends:
                self.problem(path, f"{code!r} is computed from itself")
            graph[code] = {d for d in depends if d in computed and d != code}
        try:
            order = list(graphlib.TopologicalSorter(graph).static_order())
        except graphlib.CycleError as exc:
            cycle = " -> ".join(exc.args[1])
            self.problem((*paths[exc.args[1][0]], "computed"),
                         f"computed indicators form a cycle: {cycle}")
            return []
        return [computed[c] for c in order]

    def indicator_paths(self) -> dict[str, Path_]:
        return {
            item["code"]: ("sections", s, "indicators", i)
            for s, section in enumerate(self.data["sections"])
            for i, item in enumerate(section["indicators"])
        }

    def rules(self, fields: Mapping[str, FieldRef], kinds: Mapping[str, Kind]) -> list[Rule]:
        rules: list[Rule] = []
        codes: set[str] = set()
        for r, raw in enumerate(self.data.get("rules", [])):
            path: Path_ = ("rules", r)
            if raw["code"] in codes:
                self.problem((*path, "code"), f"rule code {raw['code']!r} is used twice")
            codes.add(raw["code"])
            check = self.expression(raw["check"], (*path, "check"))
            when = self.expression(raw["when"], (*path, "when")) if "when" in raw else None
            self.check_kind(check, kinds, "bool", (*path, "check"))
            self.check_kind(when, kinds, "bool", (*path, "when"))
            named = sorted(check.fields) if check else []
            attached = tuple(raw.get("fields", named))
            for f, key in enumerate(attached):
                if key not in fields:
                    self.problem((*path, "fields", f), f"unknown field {key!r}")
            if check is not None:
                rules.append(Rule(raw["code"], check, raw["severity"], _text(raw["message"]),
                                  attached, when))
        return rules


def _real_date(text: str) -> bool:
    """'2021-02-31' has the shape of a date (the schema checks that) but is none."""
    if len(text) < 10:
        return True
    try:
        datetime.date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _text(raw: Mapping[str, str]) -> Text:
    return Text(km=raw["km"], en=raw["en"])


def _optional_text(raw: Mapping[str, str] | None) -> Text | None:
    return None if raw is None else _text(raw)
