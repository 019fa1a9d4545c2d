"""JSON Schema of a form definition file (docs/FORMS.md is its prose version).

The schema checks shape; `common.forms.loader` then checks what a schema cannot: unique
codes, expressions, references, cycles among computed indicators, targets of the right
kind.
"""

from __future__ import annotations

from typing import Any

_CODE = {"type": "string", "pattern": "^[a-z][a-z0-9_]{0,47}$"}
_TEXT = {
    "type": "object",
    "properties": {
        "km": {"type": "string", "minLength": 1, "maxLength": 2000},
        "en": {"type": "string", "minLength": 1, "maxLength": 2000},
    },
    "required": ["km", "en"],
    "additionalProperties": False,
}
_NUMBER = {"type": "number"}
_TIME = {"type": "string", "pattern": "^([01][0-9]|2[0-3]):[0-5][0-9]$"}
_EXPRESSION = {"type": "string", "minLength": 1, "maxLength": 2000}
#: A line of words for people: not empty, not only blanks.
_WORDS = {"type": "string", "pattern": "\\S", "maxLength": 300}

INDICATOR_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "code": _CODE,
        "label": _TEXT,
        "type": {"enum": ["count", "money", "percent", "ratio", "yes_no", "time", "choice",
                          "text"]},
        "unit": _TEXT,
        "disaggregation": {"enum": ["sex"]},
        "required": {"type": "boolean"},
        "min": _NUMBER,
        "max": _NUMBER,
        "expected": {
            "type": "object",
            "properties": {"min": _NUMBER, "max": _NUMBER},
            "minProperties": 1,
            "additionalProperties": False,
        },
        "decimals": {"type": "integer", "minimum": 0, "maximum": 6},
        "max_length": {"type": "integer", "minimum": 1, "maximum": 5000},
        "choices": {
            "type": "array",
            "minItems": 2,
            "items": {
                "type": "object",
                "properties": {"code": _CODE, "label": _TEXT},
                "required": ["code", "label"],
                "additionalProperties": False,
            },
        },
        "computed": _EXPRESSION,
        "standard": {
            "type": "object",
            "properties": {
                "target": {"anyOf": [_NUMBER, {"type": "boolean"}, _TIME]},
                "direction": {"enum": ["at_least", "at_most", "equal"]},
                "status": {"enum": ["official", "proposed"]},
                "source": {
                    "type": "object",
                    "properties": {
                        "document": _WORDS,
                        # The date as the document gives it: a year, a month or a day.
                        "date": {"type": "string",
                                 "pattern": "^[12][0-9]{3}(-(0[1-9]|1[0-2])"
                                            "(-(0[1-9]|[12][0-9]|3[01]))?)?$"},
                        "proposed_by": _WORDS,
                    },
                    "additionalProperties": False,
                },
            },
            "required": ["target", "direction"],
            "additionalProperties": False,
        },
        "poster": {"type": "boolean"},
        "personal": {"type": "boolean"},
        "help": _TEXT,
    },
    "required": ["code", "label", "type"],
    "additionalProperties": False,
}

RULE_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "code": _CODE,
        "check": _EXPRESSION,
        "when": _EXPRESSION,
        "severity": {"enum": ["error", "warning"]},
        "fields": {"type": "array", "items": {"type": "string"}, "minItems": 1},
        "message": _TEXT,
    },
    "required": ["code", "check", "severity", "message"],
    "additionalProperties": False,
}

FORM_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "ISAF Desk form definition",
    "type": "object",
    "properties": {
        "form": _CODE,
        "service_kind": {"enum": ["cs_admin", "health_center", "primary_school"]},
        "version": {"type": "integer", "minimum": 1},
        "title": _TEXT,
        "instructions": _TEXT,
        "sections": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "properties": {
                    "code": _CODE,
                    "title": _TEXT,
                    "indicators": {"type": "array", "minItems": 1, "items": INDICATOR_SCHEMA},
                },
                "required": ["code", "title", "indicators"],
                "additionalProperties": False,
            },
        },
        "rules": {"type": "array", "items": RULE_SCHEMA},
    },
    "required": ["form", "service_kind", "version", "title", "sections"],
    "additionalProperties": False,
}
