"""Form definitions (loaded from `forms/*.yaml`), the expression language and validation."""

from common.forms.definition import (
    FormDefinition,
    Indicator,
    Rule,
    Section,
    Standard,
    StandardSource,
    Text,
    judged_standard,
    numeric,
)
from common.forms.loader import (
    DefinitionError,
    DefinitionProblem,
    build_definition,
    load_definition,
    load_definitions,
    parse_definition_text,
)
from common.forms.validation import Problem, ValidationResult, assess_standards, compute, validate

__all__ = [
    "DefinitionError",
    "DefinitionProblem",
    "FormDefinition",
    "Indicator",
    "Problem",
    "Rule",
    "Section",
    "Standard",
    "StandardSource",
    "Text",
    "ValidationResult",
    "assess_standards",
    "build_definition",
    "compute",
    "judged_standard",
    "load_definition",
    "load_definitions",
    "numeric",
    "parse_definition_text",
    "validate",
]
