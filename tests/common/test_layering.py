"""The layering rule: common/ knows neither Qt nor Flask; client and server
never import each other."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def imported_modules(package: str) -> set[tuple[str, str]]:
    """(file, top-level module) for every import statement under a package folder."""
    found = set()
    for path in (ROOT / package).rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                found |= {(str(path.relative_to(ROOT)), a.name.split(".")[0]) for a in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                found.add((str(path.relative_to(ROOT)), node.module.split(".")[0]))
    return found


@pytest.mark.parametrize(("package", "forbidden"), [
    ("common", {"PySide6", "flask", "flask_jwt_extended", "flask_smorest", "server", "client"}),
    ("server", {"client", "PySide6"}),
    ("client", {"server", "flask"}),
])
def test_package_does_not_import_forbidden_layers(package: str, forbidden: set[str]) -> None:
    offending = sorted(f"{file} imports {module}"
                       for file, module in imported_modules(package) if module in forbidden)
    assert offending == []


def test_importing_all_of_common_loads_neither_qt_nor_flask() -> None:
    # Catches an indirect import too (a module of common importing a helper that pulls Qt in).
    code = (
        "import importlib, pkgutil, sys, common\n"
        "for m in pkgutil.walk_packages(common.__path__, 'common.'):\n"
        "    importlib.import_module(m.name)\n"
        "bad = sorted(n for n in sys.modules if n.split('.')[0] in ('PySide6', 'flask'))\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=ROOT, check=True)
    assert result.stdout.strip() == ""
