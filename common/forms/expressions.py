"""The small, safe expression language of form definitions (rules and computed indicators).

An expression is parsed with Python's own parser (`ast`, never `eval`), every node is
checked against a short whitelist, and the tree is compiled into plain closures. Field
references are names (`anc1`) or a name with a sex part (`staff.female`). A missing value
is `None` and propagates: arithmetic or a comparison with `None` gives `None`, and `and`,
`or`, `not` follow three-valued logic. The language is documented in docs/FORMS.md.
"""

from __future__ import annotations

import ast
import io
import itertools
import math
import tokenize
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Literal

Value = int | float | bool | str | None
Values = Mapping[str, Value]
Kind = Literal["number", "bool", "text", "any"]

#: Parts of a disaggregated indicator that expressions may name.
FIELD_PARTS = ("female", "male")
#: Longer source is refused: definitions are written by people, and a bound keeps the
#: parser and the evaluator's recursion far from any limit.
MAX_LENGTH = 2000
MAX_DEPTH = 200
#: `if` is a Python keyword: the source's `if(` is read as a call of this name.
_IF = "if_"

_Fn = Callable[[Values], Value]


class ExpressionError(ValueError):
    """A mistake in an expression, with the 0-based column where it was found."""

    def __init__(self, message: str, column: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.column = column

    def __str__(self) -> str:
        if self.column is None:
            return self.message
        return f"{self.message} (at column {self.column + 1})"


@dataclass(frozen=True)
class Expression:
    """A compiled expression: its source, the fields it reads, and how to evaluate it."""

    source: str
    fields: frozenset[str]
    _fn: _Fn
    _node: ast.expr

    def evaluate(self, values: Values) -> Value:
        """Evaluate against field values; `None` means "no value" (unknown)."""
        return self._fn(values)

    def kind(self, field_kinds: Mapping[str, Kind]) -> Kind:
        """The kind of the result, checking operand kinds; raises ExpressionError."""
        return _KindChecker(field_kinds).visit(self._node)


def compile_expression(source: str) -> Expression:
    """Parse and compile `source`; raises ExpressionError for anything outside the language."""
    if not isinstance(source, str):
        raise ExpressionError("an expression must be text")
    if len(source) > MAX_LENGTH:
        raise ExpressionError(f"expression longer than {MAX_LENGTH} characters")
    if not source.strip():
        raise ExpressionError("empty expression")
    try:
        tree = ast.parse(_rename_if(source.strip()), mode="eval")
    except SyntaxError as exc:
        column = (exc.offset - 1) if exc.offset else None
        raise ExpressionError(f"not a valid expression: {exc.msg}", column) from None
    except (ValueError, RecursionError, MemoryError):
        # ValueError: NUL bytes; the others: absurd nesting that the parser gives up on.
        raise ExpressionError("not a valid expression") from None
    compiler = _Compiler()
    fn = compiler.compile(tree.body, depth=0)
    return Expression(source, frozenset(compiler.fields), fn, tree.body)


def _rename_if(source: str) -> str:
    """Turn the function call `if(` into `if_(`, leaving text literals alone."""
    if "if" not in source:
        return source
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(source).readline))
    except (tokenize.TokenError, SyntaxError, IndentationError):
        return source  # the parser will say what is wrong
    pieces: list[str] = []
    position = 0
    lines = source.splitlines(keepends=True)
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line))
    for token, following in itertools.pairwise(tokens):
        if token.type == tokenize.NAME and token.string == "if" and following.string == "(":
            start = offsets[token.start[0] - 1] + token.start[1]
            pieces.append(source[position:start] + _IF)
            position = start + 2
    pieces.append(source[position:])
    return "".join(pieces)


# --------------------------------------------------------------------------- evaluation


def round_half_up(value: float, digits: int = 0) -> int | float:
    """Round as people and the printed figures do (2.5 -> 3, 12.25 -> 12.3), not to even."""
    if digits == 0 and type(value) is int:
        return value  # a whole number stays itself (and sums and counts are most figures)
    quantum = Decimal(1).scaleb(-digits)
    rounded = Decimal(repr(value) if isinstance(value, float) else value).quantize(
        quantum, rounding=ROUND_HALF_UP)
    return int(rounded) if digits == 0 else float(rounded)


def _truth(value: Value) -> bool | None:
    return None if value is None else bool(value)


def _number(value: Value, what: str) -> int | float:
    if isinstance(value, str):
        raise ExpressionError(f"{what} needs a number, got text {value!r}")
    return value  # type: ignore[return-value]  # the checker admits no None or bool here


def _finite(compute: Callable[[Values], Value]) -> _Fn:
    """Arithmetic beyond what a float holds gives no value rather than an exception."""
    def fn(v: Values) -> Value:
        try:
            result = compute(v)
        except OverflowError:
            return None
        if isinstance(result, float) and not math.isfinite(result):
            return None
        return result

    return fn


def _arith(op: ast.operator, left: _Fn, right: _Fn) -> _Fn:
    def add(v: Values) -> Value:
        a, b = left(v), right(v)
        if a is None or b is None:
            return None
        return _number(a, "+") + _number(b, "+")

    def sub(v: Values) -> Value:
        a, b = left(v), right(v)
        if a is None or b is None:
            return None
        return _number(a, "-") - _number(b, "-")

    def mul(v: Values) -> Value:
        a, b = left(v), right(v)
        if a is None or b is None:
            return None
        return _number(a, "*") * _number(b, "*")

    def div(v: Values) -> Value:
        a, b = left(v), right(v)
        if a is None or b is None:
            return None
        divisor = _number(b, "/")
        if divisor == 0:
            return None  # a rate over an empty population has no value, it is not an error
        result = _number(a, "/") / divisor
        return result if math.isfinite(result) else None

    return _finite({ast.Add: add, ast.Sub: sub, ast.Mult: mul, ast.Div: div}[type(op)])


#: Operands are values of one kind (the checker refuses to order mixed kinds).
_COMPARE: dict[type, Callable[[Any, Any], bool]] = {
    ast.Lt: lambda a, b: a < b,
    ast.LtE: lambda a, b: a <= b,
    ast.Gt: lambda a, b: a > b,
    ast.GtE: lambda a, b: a >= b,
    ast.Eq: lambda a, b: a == b,
    ast.NotEq: lambda a, b: a != b,
}
_ORDERING = (ast.Lt, ast.LtE, ast.Gt, ast.GtE)


def _compare(ops: list[ast.cmpop], operands: list[_Fn]) -> _Fn:
    tests = [(_COMPARE[type(op)], isinstance(op, _ORDERING)) for op in ops]

    def fn(v: Values) -> Value:
        values = [operand(v) for operand in operands]
        unknown = False
        for (test, ordering), a, b in zip(tests, values, values[1:], strict=False):
            if a is None or b is None:
                unknown = True
                continue
            if ordering and (isinstance(a, str) or isinstance(b, str)):
                raise ExpressionError("text can only be compared with == or !=")
            if not test(a, b):
                return False
        return None if unknown else True

    return fn


def _and(operands: list[_Fn]) -> _Fn:
    def fn(v: Values) -> Value:
        unknown = False
        for operand in operands:
            value = _truth(operand(v))
            if value is False:
                return False
            unknown |= value is None
        return None if unknown else True

    return fn


def _or(operands: list[_Fn]) -> _Fn:
    def fn(v: Values) -> Value:
        unknown = False
        for operand in operands:
            value = _truth(operand(v))
            if value is True:
                return True
            unknown |= value is None
        return None if unknown else False

    return fn


def _fn_min(args: list[_Fn]) -> _Fn:
    def fn(v: Values) -> Value:
        values = [a(v) for a in args]
        if any(x is None for x in values):
            return None
        return min(_number(x, "min") for x in values)

    return fn


def _fn_max(args: list[_Fn]) -> _Fn:
    def fn(v: Values) -> Value:
        values = [a(v) for a in args]
        if any(x is None for x in values):
            return None
        return max(_number(x, "max") for x in values)

    return fn


def _fn_sum(args: list[_Fn]) -> _Fn:
    def fn(v: Values) -> Value:
        values = [x for x in (a(v) for a in args) if x is not None]
        if not values:
            return None
        return sum(_number(x, "sum") for x in values)

    return fn


def _fn_coalesce(args: list[_Fn]) -> _Fn:
    def fn(v: Values) -> Value:
        for a in args:
            value = a(v)
            if value is not None:
                return value
        return None

    return fn


def _fn_abs(args: list[_Fn]) -> _Fn:
    (arg,) = args

    def fn(v: Values) -> Value:
        value = arg(v)
        return None if value is None else abs(_number(value, "abs"))

    return fn


def _fn_if(args: list[_Fn]) -> _Fn:
    condition, then, otherwise = args

    def fn(v: Values) -> Value:
        test = _truth(condition(v))
        if test is None:
            return None
        return then(v) if test else otherwise(v)

    return fn


#: name -> (least, most arguments or None for any number, builder)
_FUNCTIONS: dict[str, tuple[int, int | None, Callable[[list[_Fn]], _Fn]]] = {
    "min": (1, None, _fn_min),
    "max": (1, None, _fn_max),
    "sum": (1, None, _fn_sum),
    "coalesce": (1, None, _fn_coalesce),
    "abs": (1, 1, _fn_abs),
    _IF: (3, 3, _fn_if),
}
_SPECIAL_FUNCTIONS = ("round", "has")
FUNCTION_NAMES = (frozenset(_FUNCTIONS) - {_IF}) | {"if"} | frozenset(_SPECIAL_FUNCTIONS)
_LITERAL_NAMES: dict[str, bool] = {"true": True, "false": False}


class _Compiler:
    """Turns a whitelisted `ast` tree into closures, collecting field references."""

    def __init__(self) -> None:
        self.fields: set[str] = set()

    def fail(self, node: ast.AST, message: str) -> ExpressionError:
        return ExpressionError(message, getattr(node, "col_offset", None))

    def compile(self, node: ast.AST, depth: int) -> _Fn:
        if depth > MAX_DEPTH:
            raise self.fail(node, "expression nested too deeply")
        depth += 1
        if isinstance(node, ast.Constant):
            return self.constant(node)
        if isinstance(node, ast.Name | ast.Attribute):
            field = self.field_name(node)
            if field in _LITERAL_NAMES:
                literal = _LITERAL_NAMES[field]
                return lambda v: literal
            self.fields.add(field)
            return lambda v: v.get(field)
        if isinstance(node, ast.BinOp):
            if not isinstance(node.op, ast.Add | ast.Sub | ast.Mult | ast.Div):
                raise self.fail(node, "only + - * / are allowed in arithmetic")
            return _arith(node.op, self.compile(node.left, depth), self.compile(node.right, depth))
        if isinstance(node, ast.UnaryOp):
            return self.unary(node, depth)
        if isinstance(node, ast.BoolOp):
            operands = [self.compile(value, depth) for value in node.values]
            return _and(operands) if isinstance(node.op, ast.And) else _or(operands)
        if isinstance(node, ast.Compare):
            for op in node.ops:
                if type(op) not in _COMPARE:
                    raise self.fail(node, "only < <= > >= == != comparisons are allowed")
            operands = [self.compile(x, depth) for x in [node.left, *node.comparators]]
            return _compare(node.ops, operands)
        if isinstance(node, ast.Call):
            return self.call(node, depth)
        raise self.fail(node, f"{type(node).__name__.lower()} is not allowed in an expression")

    def constant(self, node: ast.Constant) -> _Fn:
        value = node.value
        if isinstance(value, bool) or not isinstance(value, int | float | str):
            raise self.fail(node, f"{value!r} is not allowed: use numbers, text, true or false")
        if isinstance(value, float) and not math.isfinite(value):
            raise self.fail(node, "numbers must be finite")
        return lambda v: value

    def field_name(self, node: ast.Name | ast.Attribute) -> str:
        if isinstance(node, ast.Name):
            return node.id
        if not isinstance(node.value, ast.Name) or node.attr not in FIELD_PARTS:
            raise self.fail(node, "a field is written CODE, CODE.female or CODE.male")
        return f"{node.value.id}.{node.attr}"

    def unary(self, node: ast.UnaryOp, depth: int) -> _Fn:
        operand = self.compile(node.operand, depth)
        if isinstance(node.op, ast.Not):
            def negate(v: Values) -> Value:
                value = _truth(operand(v))
                return None if value is None else not value

            return negate
        if isinstance(node.op, ast.USub):
            def minus(v: Values) -> Value:
                value = operand(v)
                return None if value is None else -_number(value, "-")

            return minus
        if isinstance(node.op, ast.UAdd):
            return operand
        raise self.fail(node, "only -, + and not are allowed before a value")

    def call(self, node: ast.Call, depth: int) -> _Fn:
        if not isinstance(node.func, ast.Name) or node.func.id not in _FUNCTIONS.keys() | set(
                _SPECIAL_FUNCTIONS):
            names = ", ".join(sorted(FUNCTION_NAMES))
            raise self.fail(node, f"unknown function; the functions are {names}")
        if node.keywords or any(isinstance(a, ast.Starred) for a in node.args):
            raise self.fail(node, "functions take plain arguments only")
        name, args = node.func.id, node.args
        if name == "has":
            if len(args) != 1 or not isinstance(args[0], ast.Name | ast.Attribute):
                raise self.fail(node, "has() takes one field")
            field = self.field_name(args[0])
            self.fields.add(field)
            return lambda v: v.get(field) is not None
        if name == "round":
            return self.round(node, depth)
        least, most, build = _FUNCTIONS[name]
        if len(args) < least or (most is not None and len(args) > most):
            expected = str(least) if least == most else f"at least {least}"
            shown = "if" if name == _IF else name
            raise self.fail(node, f"{shown}() takes {expected} argument(s), got {len(args)}")
        return build([self.compile(a, depth) for a in args])

    def round(self, node: ast.Call, depth: int) -> _Fn:
        args = node.args
        if len(args) not in (1, 2):
            raise self.fail(node, "round() takes a value and an optional number of digits")
        digits = 0
        if len(args) == 2:
            literal = args[1]
            if not (isinstance(literal, ast.Constant) and type(literal.value) is int
                    and 0 <= literal.value <= 6):
                raise self.fail(node, "round()'s digits must be a whole number from 0 to 6")
            digits = literal.value
        operand = self.compile(args[0], depth)

        def fn(v: Values) -> Value:
            value = operand(v)
            return None if value is None else round_half_up(_number(value, "round"), digits)

        return _finite(fn)


class _KindChecker:
    """Infers the kind of an expression's result and refuses mixed-up operands."""

    def __init__(self, field_kinds: Mapping[str, Kind]) -> None:
        self.field_kinds = field_kinds

    def expect(self, node: ast.expr, wanted: Kind, what: str) -> None:
        kind = self.visit(node)
        if kind not in (wanted, "any"):
            raise ExpressionError(f"{what} needs {_article(wanted)}, got {_article(kind)}",
                                  node.col_offset)

    def visit(self, node: ast.expr) -> Kind:
        if isinstance(node, ast.Constant):
            return "text" if isinstance(node.value, str) else "number"
        if isinstance(node, ast.Name | ast.Attribute):
            # The compiler admits an attribute only on a field name ('staff.female').
            name = (node.id if isinstance(node, ast.Name)
                    else f"{node.value.id}.{node.attr}")  # type: ignore[attr-defined]  # see above
            if name in _LITERAL_NAMES:
                return "bool"
            if name not in self.field_kinds:
                raise ExpressionError(f"unknown field {name!r}", node.col_offset)
            return self.field_kinds[name]
        if isinstance(node, ast.BinOp):
            self.expect(node.left, "number", "arithmetic")
            self.expect(node.right, "number", "arithmetic")
            return "number"
        if isinstance(node, ast.UnaryOp):
            if isinstance(node.op, ast.Not):
                self.expect(node.operand, "bool", "not")
                return "bool"
            self.expect(node.operand, "number", "a sign")
            return "number"
        if isinstance(node, ast.BoolOp):
            for value in node.values:
                self.expect(value, "bool", "and/or")
            return "bool"
        if isinstance(node, ast.Compare):
            return self.compare(node)
        if isinstance(node, ast.Call):
            return self.call(node)
        raise ExpressionError("unexpected expression", node.col_offset)  # pragma: no cover

    def compare(self, node: ast.Compare) -> Kind:
        operands = [node.left, *node.comparators]
        kinds = [self.visit(x) for x in operands]
        for op, (a, b), right in zip(node.ops, itertools.pairwise(kinds), node.comparators,
                                     strict=True):
            if "any" not in (a, b) and a != b:
                raise ExpressionError(f"cannot compare {_article(a)} with {_article(b)}",
                                      right.col_offset)
            if isinstance(op, _ORDERING) and "number" not in (a, b) and (a, b) != ("any", "any"):
                raise ExpressionError(f"{_article(a)} has no order: use == or !=",
                                      right.col_offset)
        return "bool"

    def call(self, node: ast.Call) -> Kind:
        name = node.func.id  # type: ignore[attr-defined]  # the compiler admits named calls only
        if name == "has":
            self.visit(node.args[0])
            return "bool"
        if name == _IF:
            self.expect(node.args[0], "bool", "if()'s condition")
            a, b = self.visit(node.args[1]), self.visit(node.args[2])
            if "any" not in (a, b) and a != b:
                raise ExpressionError("if() must give the same kind of value either way",
                                      node.col_offset)
            return a if a != "any" else b
        if name == "coalesce":
            kinds = {self.visit(a) for a in node.args} - {"any"}
            if len(kinds) > 1:
                raise ExpressionError("coalesce() needs values of one kind", node.col_offset)
            return kinds.pop() if kinds else "any"
        for arg in node.args[:1] if name == "round" else node.args:
            self.expect(arg, "number", f"{name}()")
        return "number"


def _article(kind: Kind) -> str:
    return {"number": "a number", "bool": "a yes/no value", "text": "text",
            "any": "any value"}[kind]
