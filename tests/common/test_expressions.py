"""The safe expression language of form definitions (common.forms.expressions).

The property tests compare the evaluator with an independent reference written here from
docs/FORMS.md: no value propagates, a division by zero gives no value, `and`/`or`/`not`
are three-valued, comparisons chain.
"""

from __future__ import annotations

import contextlib
import math
import operator
from collections.abc import Callable, Mapping
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from common.forms.expressions import (
    Expression,
    ExpressionError,
    compile_expression,
)

# No example database: it would write .hypothesis/ into the project. No deadline: the
# first examples pay for imports and caches.
property_test = settings(database=None, deadline=None, max_examples=300)


def evaluate(source: str, values: Mapping[str, Any] | None = None) -> Any:
    return compile_expression(source).evaluate(values or {})


# --------------------------------------------------------------------------- reference
#
# A tree is a tuple: ("lit", v) ("field", name) ("neg", n) ("bin", op, l, r)
# ("fn", name, [args]) ("round", n, digits | None) ("bool", b) ("cmp", [ops], [operands])
# ("and", [bs]) ("or", [bs]) ("not", b) ("has", field).

FIELDS = ("a", "b", "c", "d.female", "d.male")
ARITHMETIC: dict[str, Callable[[Any, Any], Any]] = {
    "+": operator.add, "-": operator.sub, "*": operator.mul,
}
COMPARISONS: dict[str, Callable[[Any, Any], bool]] = {
    "<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge,
    "==": operator.eq, "!=": operator.ne,
}


def reference(node: tuple, values: Mapping[str, Any]) -> Any:
    """The documented meaning of a tree, written independently of the implementation."""
    kind = node[0]
    if kind in ("lit", "bool"):
        return node[1]
    if kind == "field":
        return values.get(node[1])
    if kind == "has":
        return values.get(node[1]) is not None
    if kind == "neg":
        x = reference(node[1], values)
        return None if x is None else -x
    if kind == "bin":
        op, left, right = node[1], reference(node[2], values), reference(node[3], values)
        if left is None or right is None:
            return None
        if op == "/":
            if right == 0:
                return None
            result = left / right
            return result if math.isfinite(result) else None
        return ARITHMETIC[op](left, right)
    if kind == "fn":
        name, args = node[1], [reference(a, values) for a in node[2]]
        if name == "sum":
            present = [x for x in args if x is not None]
            return sum(present) if present else None
        if name == "coalesce":
            return next((x for x in args if x is not None), None)
        if any(x is None for x in args):
            return None
        if name == "abs":
            return abs(args[0])
        return min(args) if name == "min" else max(args)
    if kind == "round":
        x = reference(node[1], values)
        if x is None:
            return None
        # Half away from zero, as the docs promise (not Python's half-to-even).
        digits = node[2] or 0
        quantum = Decimal(1).scaleb(-digits)
        exact = Decimal(repr(x) if isinstance(x, float) else x).quantize(
            quantum, rounding=ROUND_HALF_UP)
        return int(exact) if digits == 0 else float(exact)
    if kind == "cmp":
        operands = [reference(x, values) for x in node[2]]
        results = [
            None if a is None or b is None else COMPARISONS[op](a, b)
            for op, a, b in zip(node[1], operands, operands[1:], strict=False)
        ]
        return kleene_and(results)
    if kind == "and":
        return kleene_and([reference(x, values) for x in node[1]])
    if kind == "or":
        return kleene_or([reference(x, values) for x in node[1]])
    if kind == "not":
        x = reference(node[1], values)
        return None if x is None else not x
    raise AssertionError(node)


def kleene_and(values: list[bool | None]) -> bool | None:
    if any(v is False for v in values):
        return False
    return None if any(v is None for v in values) else True


def kleene_or(values: list[bool | None]) -> bool | None:
    if any(v is True for v in values):
        return True
    return None if any(v is None for v in values) else False


def render(node: tuple) -> str:
    """Source text for a tree, every compound part in parentheses."""
    kind = node[0]
    if kind == "lit":
        return repr(node[1]) if node[1] >= 0 else f"({node[1]!r})"
    if kind == "bool":
        return "true" if node[1] else "false"
    if kind == "field":
        return node[1]
    if kind == "has":
        return f"has({node[1]})"
    if kind == "neg":
        return f"(-{render(node[1])})"
    if kind == "bin":
        return f"({render(node[2])} {node[1]} {render(node[3])})"
    if kind == "fn":
        return f"{node[1]}({', '.join(render(a) for a in node[2])})"
    if kind == "round":
        digits = "" if node[2] is None else f", {node[2]}"
        return f"round({render(node[1])}{digits})"
    if kind == "cmp":
        text = f"({render(node[2][0])})"
        for op, operand in zip(node[1], node[2][1:], strict=True):
            text += f" {op} ({render(operand)})"
        return text
    if kind in ("and", "or"):
        return "(" + f" {kind} ".join(render(x) for x in node[1]) + ")"
    if kind == "not":
        return f"(not {render(node[1])})"
    raise AssertionError(node)


def numbers(depth: int) -> st.SearchStrategy[tuple]:
    leaves = st.one_of(
        st.integers(-5, 20).map(lambda v: ("lit", v)),
        st.sampled_from([0.5, 1.25, 2.5, 0.1, 3.0]).map(lambda v: ("lit", v)),
        st.sampled_from(FIELDS).map(lambda f: ("field", f)),
    )
    if depth == 0:
        return leaves
    inner = numbers(depth - 1)
    # Compound nodes first: Hypothesis favours the first branches of one_of.
    return st.one_of(
        st.tuples(st.just("bin"), st.sampled_from(["/", "+", "-", "*"]), inner, inner),
        st.tuples(st.just("fn"), st.sampled_from(["min", "max", "sum", "coalesce"]),
                  st.lists(inner, min_size=1, max_size=3)),
        inner.map(lambda n: ("neg", n)),
        inner.map(lambda n: ("fn", "abs", [n])),
        st.tuples(st.just("round"), inner, st.one_of(st.none(), st.integers(0, 3))),
        leaves,
    )


def conditions(depth: int) -> st.SearchStrategy[tuple]:
    operand = numbers(2)
    comparison = st.integers(1, 3).flatmap(lambda n: st.tuples(
        st.just("cmp"),
        st.lists(st.sampled_from(list(COMPARISONS)), min_size=n, max_size=n),
        st.lists(operand, min_size=n + 1, max_size=n + 1),
    ))
    leaves = st.one_of(
        comparison,
        st.booleans().map(lambda b: ("bool", b)),
        st.sampled_from(FIELDS).map(lambda f: ("has", f)),
    )
    if depth == 0:
        return leaves
    inner = conditions(depth - 1)
    return st.one_of(
        st.tuples(st.sampled_from(["and", "or"]), st.lists(inner, min_size=2, max_size=3)),
        inner.map(lambda b: ("not", b)),
        leaves,
    )


field_values = st.fixed_dictionaries({
    name: st.one_of(st.none(), st.sampled_from([0, 0.5, 2.25, -1.5]), st.integers(-5, 20))
    for name in FIELDS
})


def same(actual: Any, expected: Any) -> bool:
    """Equal values, and a yes/no answer never stands in for a number or the reverse."""
    if expected is None or actual is None:
        return actual is expected
    return actual == expected and isinstance(actual, bool) == isinstance(expected, bool)


@property_test
@given(tree=numbers(3), values=field_values)
def test_arithmetic_matches_the_documented_semantics(tree: tuple, values: dict) -> None:
    source = render(tree)
    actual = evaluate(source, values)
    expected = reference(tree, values)
    assert same(actual, expected), (source, values, actual, expected)


@property_test
@given(tree=conditions(2), values=field_values)
def test_conditions_match_three_valued_logic(tree: tuple, values: dict) -> None:
    source = render(tree)
    actual = evaluate(source, values)
    expected = reference(tree, values)
    assert same(actual, expected), (source, values, actual, expected)


@property_test
@given(tree=st.one_of(numbers(2), conditions(1)))
def test_fields_are_exactly_the_fields_named(tree: tuple) -> None:
    def named(node: Any) -> set[str]:
        if isinstance(node, tuple) and node and node[0] in ("field", "has"):
            return {node[1]}
        if isinstance(node, tuple | list):
            return set().union(*(named(x) for x in node)) if node else set()
        return set()

    assert compile_expression(render(tree)).fields == named(tree)


# --------------------------------------------------------------------------- any text

TOKENS = [
    "a", "b.female", "c.male", "x.y", "1", "0", "2.5", "1e999", " ", "+", "-", "*", "/",
    "**", "%", "//", "(", ")", ",", "<", "<=", "==", "!=", ">", " and ", " or ", "not ",
    "min(", "max(", "sum(", "coalesce(", "abs(", "round(", "has(", "if(", "true", "false",
    "'t'", '"ក"', "ក", "ខ្មែរ", "៖", "។", "[", "]", ".", ":", "lambda ", "__class__",
    " for ", " in ", "=", "\\", "#", "\n", "\t", "\x00", "\u200b",
]
any_text = st.one_of(
    st.text(),
    st.text(st.characters(min_codepoint=0x1780, max_codepoint=0x17FF)
            | st.sampled_from("(),.+-*/<=> 0123456789")),
    st.lists(st.sampled_from(TOKENS), max_size=25).map("".join),
)
any_value = st.one_of(
    st.none(), st.booleans(), st.integers(-10**6, 10**6),
    st.floats(allow_nan=False, allow_infinity=False, min_value=-1e6, max_value=1e6),
    st.text(max_size=3),
)


@settings(database=None, deadline=None, max_examples=600)
@given(source=any_text, data=st.data())
def test_any_text_compiles_or_is_refused_and_never_crashes(
    source: str, data: st.DataObject,
) -> None:
    try:
        expression = compile_expression(source)
    except ExpressionError:
        return
    assert isinstance(expression, Expression)
    values = data.draw(st.fixed_dictionaries({f: any_value for f in sorted(expression.fields)}))
    with contextlib.suppress(ExpressionError):
        expression.evaluate(values)
    kinds = data.draw(st.fixed_dictionaries(
        {f: st.sampled_from(["number", "bool", "text"]) for f in sorted(expression.fields)}))
    with contextlib.suppress(ExpressionError):
        expression.kind(kinds)


HUGE = "1" + "0" * 400


@pytest.mark.parametrize("source", [
    f"{HUGE} / 3",
    f"0.5 + {HUGE}",
    f"a / {HUGE} * {HUGE}",
], ids=["huge-divided", "float-plus-huge", "float-times-huge"])
def test_huge_numbers_give_no_value_or_an_expression_error(source: str) -> None:
    # A 400-digit number is nonsense, but a definition check or a validation must not
    # crash on it with an OverflowError.
    try:
        result = evaluate(source, {"a": 1})
    except ExpressionError:
        return
    assert result is None or isinstance(result, int | float)


# --------------------------------------------------------------------------- safety


@pytest.mark.parametrize("source", [
    "__import__('os')",
    "x.__class__",
    "x.__class__.__bases__",
    "a.female.__class__",
    "(lambda: 1)()",
    "lambda: 1",
    "[x for x in y]",
    "{x for x in y}",
    "(x for x in y)",
    "{x: 1 for x in y}",
    "a[0]",
    "a[1:2]",
    "a ** 2",
    "a % 2",
    "a // 2",
    "a @ b",
    "a << 1",
    "a & b",
    "~a",
    "a in b",
    "a is None",
    "1 if a else 2",
    "(a := 1)",
    "f'{a}'",
    "[1, 2]",
    "(1, 2)",
    "{'a': 1}",
    "b'x'",
    "None",
    "True",
    "...",
    "1j",
    "1e999",
    "open('x')",
    "eval('1')",
    "print(a)",
    "min(a, key=b)",
    "min(*a)",
    "sum(**a)",
    "a.female(1)",
    "x.y",
    "x.y.female",
    "round(a, 7)",
    "round(a, b)",
    "round(a, 1.5)",
    "round(a, -1)",
    "round()",
    "has(1)",
    "has(a, b)",
    "has(a + b)",
    "abs()",
    "abs(a, b)",
    "min()",
    "",
    "   ",
    "a +",
    "1 2",
    "a = 1",
    "a\x00",
    "a + " * 600 + "a",
    "1" * 2001,
    "-" * 300 + "1",
    "not " * 300 + "a",
    "abs(" * 250 + "a" + ")" * 250,
    "(" * 300 + "1" + ")" * 300,
    "a + " * 300 + "a",
])
def test_outside_the_language_is_refused(source: str) -> None:
    with pytest.raises(ExpressionError):
        compile_expression(source)


def test_nothing_is_executed(tmp_path: Path) -> None:
    sentinel = tmp_path / "sentinel"
    attempts = [
        f"__import__('os').system('touch {sentinel}')",
        f"open('{sentinel}', 'w')",
        f"__builtins__.open('{sentinel}', 'w')",
        f"(lambda: open('{sentinel}', 'w'))()",
        f"[open('{sentinel}', 'w') for _ in a]",
    ]
    for source in attempts:
        with pytest.raises(ExpressionError):
            compile_expression(source).evaluate({"a": [1]})
    assert not sentinel.exists()


@pytest.mark.parametrize("source", [
    "'a' + 1", "1 * 'x'", "-'x'", "abs('x')", "'a' < 'b'", "min('a', 1)", "sum('a')",
    "round('a')", "a + 1",
])
def test_text_in_arithmetic_is_refused(source: str) -> None:
    with pytest.raises(ExpressionError):
        compile_expression(source).evaluate({"a": "ten"})
    with pytest.raises(ExpressionError):
        compile_expression(source).kind({"a": "text"})


def test_a_refusal_says_where() -> None:
    with pytest.raises(ExpressionError) as refused:
        compile_expression("a + foo(1)")
    assert refused.value.column == 4
    assert "column 5" in str(refused.value)
    assert "unknown function" in str(refused.value)


# --------------------------------------------------------------------------- the language


def test_fields_are_collected() -> None:
    assert compile_expression("a + b.female").fields == {"a", "b.female"}
    assert compile_expression("has(c.male) and true").fields == {"c.male"}
    assert compile_expression("min(x, y) > 0 or false").fields == {"x", "y"}
    assert compile_expression("1 + 2 * 3").fields == frozenset()


def test_true_and_false() -> None:
    assert evaluate("true") is True
    assert evaluate("false") is False
    assert evaluate("not false") is True
    assert evaluate("a == true", {"a": True}) is True
    assert evaluate("a == true", {"a": False}) is False


def test_missing_values_propagate() -> None:
    assert evaluate("a + 1") is None
    assert evaluate("a * 0") is None
    assert evaluate("-a") is None
    assert evaluate("abs(a)") is None
    assert evaluate("a > 0") is None
    assert evaluate("not (a > 0)") is None


def test_division_by_zero_gives_no_value() -> None:
    assert evaluate("a / b", {"a": 5, "b": 0}) is None
    assert evaluate("0 / 0") is None
    assert evaluate("100 * a / (b - b)", {"a": 5, "b": 3}) is None
    assert evaluate("a / b", {"a": 5, "b": 2}) == 2.5


def test_three_valued_and_or() -> None:
    assert evaluate("a > 0 and b > 0", {"a": -1}) is False  # settled by the known side
    assert evaluate("a > 0 and b > 0", {"a": 1}) is None
    assert evaluate("a > 0 or b > 0", {"a": 1}) is True
    assert evaluate("a > 0 or b > 0", {"a": -1}) is None
    assert evaluate("a > 0 or b > 0", {"a": -1, "b": -1}) is False


def test_chained_comparisons() -> None:
    assert evaluate("0 <= a <= 100", {"a": 50}) is True
    assert evaluate("0 <= a <= 100", {"a": 150}) is False
    assert evaluate("0 <= a <= 100", {"a": -1}) is False
    assert evaluate("0 <= a <= 100", {}) is None
    assert evaluate("a < b < c", {"b": 5, "c": 3}) is False


def test_has() -> None:
    assert evaluate("has(a)", {"a": 0}) is True  # zero is a value
    assert evaluate("has(a)", {"a": None}) is False
    assert evaluate("has(a)", {}) is False
    assert evaluate("has(a.female)", {"a.female": 3}) is True


def test_coalesce_takes_the_first_value() -> None:
    assert evaluate("coalesce(a, b, 0)", {"b": 5}) == 5
    assert evaluate("coalesce(a, b, 0)", {"a": 0, "b": 5}) == 0
    assert evaluate("coalesce(a, b, 0)", {}) == 0
    assert evaluate("coalesce(a, b)", {}) is None


def test_sum_ignores_missing_values() -> None:
    assert evaluate("sum(a, b, c)", {"a": 1, "c": 4}) == 5
    assert evaluate("sum(a.female, a.male)", {"a.female": 2, "a.male": 3}) == 5
    assert evaluate("sum(a, b)", {}) is None


def test_min_and_max() -> None:
    assert evaluate("min(a, b)", {"a": 3, "b": 7}) == 3
    assert evaluate("max(a, b, 10)", {"a": 3, "b": 7}) == 10
    assert evaluate("min(a, b)", {"a": 3}) is None
    assert evaluate("max(0, a)", {}) is None
    assert evaluate("max(0, a - b)", {"a": 3, "b": 7}) == 0


def test_round_to_digits() -> None:
    assert evaluate("round(a, 2)", {"a": 2 / 3}) == 0.67
    assert evaluate("round(a)", {"a": 2.4}) == 2
    assert evaluate("round(a, 1)", {"a": 33.333}) == 33.3
    assert evaluate("round(a, 6)", {"a": 0.1234567}) == 0.123457
    assert evaluate("round(a, 1)", {}) is None
    # Half away from zero, like the printed figures: not Python's round-half-to-even.
    assert evaluate("round(a)", {"a": 2.5}) == 3
    assert evaluate("round(a, 1)", {"a": 12.25}) == 12.3


def test_if_chooses_a_branch() -> None:
    # docs/FORMS.md lists if(condition, then, else) among the functions.
    assert evaluate("if(a > 0, a, 0)", {"a": 5}) == 5
    assert evaluate("if(a > 0, a, 0)", {"a": -5}) == 0
    assert evaluate("if(a > 0, a, 0)", {}) is None
    assert compile_expression("if(has(a), a, b)").fields == {"a", "b"}


# --------------------------------------------------------------------------- kinds

KINDS: dict[str, Any] = {"a": "number", "b.female": "number", "flag": "bool", "name": "text"}


@pytest.mark.parametrize(("source", "kind"), [
    ("a + b.female", "number"),
    ("round(a / 3, 1)", "number"),
    ("sum(a, b.female)", "number"),
    ("a > 0 and flag", "bool"),
    ("flag == true", "bool"),
    ("name == 'x'", "bool"),
    ("has(name)", "bool"),
    ("0 <= a <= 100", "bool"),
    ("coalesce(a, 0)", "number"),
])
def test_kind_of_a_well_typed_expression(source: str, kind: str) -> None:
    assert compile_expression(source).kind(KINDS) == kind


@pytest.mark.parametrize(("source", "words"), [
    ("a + flag", "yes/no"),
    ("-flag", "yes/no"),
    ("name == 1", "compare"),
    ("a == flag", "compare"),
    ("flag < true", "order"),
    ("name < 'x'", "order"),
    ("not a", "not"),
    ("a and flag", "and/or"),
    ("min(a, flag)", "min()"),
    ("coalesce(a, flag)", "one kind"),
    ("nope > 1", "nope"),
    ("has(nope)", "nope"),
    ("a + b.male", "b.male"),
])
def test_kind_mistakes_are_refused(source: str, words: str) -> None:
    with pytest.raises(ExpressionError) as refused:
        compile_expression(source).kind(KINDS)
    assert words in str(refused.value)
