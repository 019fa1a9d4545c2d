"""No import cycles: between modules, and between the sub-packages of a layer.

A cycle makes the order of imports matter, hides which part depends on which and turns a
change in one module into a surprise in another. Every import statement counts, also one
inside a function or under `if TYPE_CHECKING:`: a late import that closes a loop is still
a loop, only a hidden one.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LAYERS = ("common", "client", "server")


def module_name(path: Path, root: Path = ROOT) -> str:
    """The dotted module a file defines (a package's __init__.py is the package)."""
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def project_modules(root: Path = ROOT) -> dict[str, Path]:
    """Every module of the three layers, by dotted name."""
    return {module_name(path, root): path
            for layer in LAYERS for path in sorted((root / layer).rglob("*.py"))}


def imported(path: Path, name: str, modules: dict[str, Path]) -> Iterator[str]:
    """The project modules one file imports, wherever in the file the import is."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[:len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            # `from package import module` imports the module; `from module import name`
            # the module itself.
            targets = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base
                       for alias in node.names]
        else:
            continue
        for target in targets:
            while target and target not in modules:
                target = target.rpartition(".")[0]  # `import a.b.name` imports a.b
            if target and target != name:
                yield target


def import_graph(root: Path = ROOT) -> dict[str, set[str]]:
    """Module -> the project modules it imports."""
    modules = project_modules(root)
    return {name: set(imported(path, name, modules)) for name, path in modules.items()}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one node (Tarjan), each sorted: every
    group is at least one cycle."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def subpackage(module: str, packages: set[str]) -> str | None:
    """The sub-package (a folder one level inside a layer, like server.sync) a module
    belongs to, or None for a layer's own top-level modules."""
    parts = module.split(".")
    candidate = ".".join(parts[:2])
    return candidate if len(parts) >= 2 and candidate in packages else None


def test_no_module_imports_itself_through_others() -> None:
    assert cycles(import_graph()) == []


def test_no_two_sub_packages_import_each_other() -> None:
    graph = import_graph()
    packages = {name for name, path in project_modules().items() if path.name == "__init__.py"
                and name.count(".") == 1}
    between: dict[str, set[str]] = {}
    for source, targets in graph.items():
        home = subpackage(source, packages)
        for target in targets:
            away = subpackage(target, packages)
            if home and away and home != away:
                between.setdefault(home, set()).add(away)
    assert cycles(between) == []


@pytest.mark.parametrize(("graph", "expected"), [
    ({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}, [["a", "b", "c"]]),
    ({"a": {"b"}, "b": set(), "c": {"b"}}, []),
    ({"a": {"b"}, "b": {"a"}, "c": {"d"}, "d": {"c"}}, [["a", "b"], ["c", "d"]]),
])
def test_the_cycle_finder_finds_cycles(graph: dict[str, set[str]],
                                       expected: list[list[str]]) -> None:
    assert sorted(cycles(graph)) == expected


def test_the_graph_sees_late_relative_and_type_checking_imports(tmp_path: Path) -> None:
    # A loop closed by an import inside a function, a relative import or an import for
    # the type checker only is still found.
    files = {
        "common/__init__.py": "",
        "common/a.py": "def f():\n    from common.b import g\n",
        "common/b.py": "from . import c\n",
        "common/c.py": ("from typing import TYPE_CHECKING\n"
                        "if TYPE_CHECKING:\n    import common.a.thing\n"),
        "client/__init__.py": "",
        "client/x.py": "import common.b\n",
    }
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    graph = import_graph(tmp_path)
    assert graph["common.a"] == {"common.b"}
    assert graph["common.b"] == {"common.c"}
    assert graph["client.x"] == {"common.b"}
    assert cycles(graph) == [["common.a", "common.b", "common.c"]]
