"""Form definitions (loaded from `forms/*.yaml`), the expression language and validation."""

from common.forms.definition import (
    FormDefinition,
    Indicator,
    Rule,
    Section,
    Standard,
    Text,
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
    "Text",
    "ValidationResult",
    "assess_standards",
    "build_definition",
    "compute",
    "load_definition",
    "load_definitions",
    "numeric",
    "parse_definition_text",
    "validate",
]
