"""The size rules that keep the code readable, and a repository that stands alone.

- No Python file over 700 lines, no function over 80 lines (the demo's invented figures
  and the database migrations, which are data more than logic, are exempt from the second).
- Nothing in the repository names a file outside it: a clone alone must run, test and
  explain itself.

The same figures come from `python tests/common/test_house_rules.py`, which prints the
longest files and functions.
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MAX_FILE_LINES = 700
MAX_FUNCTION_LINES = 80
#: Data more than logic: long by nature, read as tables.
FUNCTION_EXEMPT = (re.compile(r"^server/demo_values.*\.py$"),
                   re.compile(r"^server/migrations/"))
#: The folder of notes and data that sits beside a working copy on the developers'
#: machines, and that a clone does not have. Spelled once, here, so that this file does
#: not itself break the rule it checks.
SIBLING = "sha" "red"
#: The folders the developers' machines keep working copies and scratch files in (same
#: reason).
WORKPLACE, SCRATCH = "/" "work/", "/" "tmp/isaf"
#: Paths that lead out of the repository: into that folder, or this machine's own folders.
OUTSIDE = re.compile(rf"\.\./{SIBLING}\b|(?<![\w.]){SIBLING}/(docs|seeds|data)/"
                     rf"|{WORKPLACE}|{SCRATCH}")


def tracked_files() -> list[Path]:
    """The files git knows (committed or added), else every file under the root."""
    try:
        listed = subprocess.run(["git", "ls-files", "--cached", "--others",
                                 "--exclude-standard"], cwd=ROOT, capture_output=True,
                                text=True, check=True).stdout.split()
    except (OSError, subprocess.CalledProcessError):  # not a git checkout
        return [p for p in ROOT.rglob("*") if p.is_file() and ".venv" not in p.parts]
    return [ROOT / name for name in listed if (ROOT / name).is_file()]


def python_files() -> list[Path]:
    """Every Python file of the project."""
    return [path for path in tracked_files() if path.suffix == ".py"]


def file_lengths() -> Iterator[tuple[int, str]]:
    """(lines, file) for every Python file."""
    for path in python_files():
        yield len(path.read_text(encoding="utf-8").splitlines()), \
            str(path.relative_to(ROOT))


def function_lengths() -> Iterator[tuple[int, str]]:
    """(lines, file:function) for every function and method, decorators excluded."""
    for path in python_files():
        name = str(path.relative_to(ROOT))
        if any(rule.search(name) for rule in FUNCTION_EXEMPT):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=name)
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                assert node.end_lineno is not None
                yield node.end_lineno - node.lineno + 1, f"{name}:{node.lineno} {node.name}"


def outside_references() -> Iterator[str]:
    """file:line: text for every line that names a path outside the repository."""
    for path in tracked_files():
        if path.suffix not in {".py", ".md", ".cfg", ".toml", ".txt", ".yml", ".yaml", ".sh",
                               ".ini", ".json", ".ts", ""}:
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        for number, line in enumerate(text.splitlines(), 1):
            if OUTSIDE.search(line):
                yield f"{path.relative_to(ROOT)}:{number}: {line.strip()}"


def test_no_python_file_is_over_700_lines() -> None:
    assert [(n, f) for n, f in file_lengths() if n > MAX_FILE_LINES] == []


def test_no_function_is_over_80_lines() -> None:
    assert [(n, f) for n, f in function_lengths() if n > MAX_FUNCTION_LINES] == []


def test_nothing_names_a_file_outside_the_repository() -> None:
    assert list(outside_references()) == []


def test_the_outside_pattern_catches_the_ways_a_path_leaves() -> None:
    for line in (f"see ../{SIBLING}/docs/SYNC.md", f"ROOT.parent / ../{SIBLING}",
                 f"read {SIBLING}/data/ncdd.xlsx", f"open('{WORKPLACE}{SIBLING}/seeds/x.pdf')"):
        assert OUTSIDE.search(line), line
    for line in (f"{SIBLING} by gunicorn workers", f"a {SIBLING}_secret", "docs/SYNC.md"):
        assert not OUTSIDE.search(line), line


if __name__ == "__main__":
    for title, figures in (("files", file_lengths()), ("functions", function_lengths())):
        print(f"longest {title}:")
        for lines, where in sorted(figures, reverse=True)[:10]:
            print(f"  {lines:5d}  {where}")
    for reference in outside_references():
        print("outside:", reference)
    sys.exit(0)
