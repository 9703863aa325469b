"""Functions a reader can hold: none longer than MAX_LINES lines in the modules the house keeps small.

Usage: python .ci/function_size.py [PATH ...]  (default: the extraction package and the reconciler)
Prints one `file:line: name is N lines (limit MAX_LINES)` per offender; exit code 1 when there is one.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

MAX_LINES = 60
DEFAULT = ["src/reconcile/extract", "src/reconcile/grouping.py", "src/reconcile/conflicts.py", "src/reconcile/truth.py"]


def offenders(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            first = node.decorator_list[0].lineno if node.decorator_list else node.lineno
            length = (node.end_lineno or node.lineno) - first + 1
            if length > MAX_LINES:
                found.append(f"{path}:{node.lineno}: {node.name} is {length} lines (limit {MAX_LINES})")
    return found


def main(arguments: list[str]) -> int:
    files: list[Path] = []
    for name in arguments or DEFAULT:
        target = Path(name)
        files.extend(sorted(target.rglob("*.py")) if target.is_dir() else [target])
    problems = [line for path in files for line in offenders(path)]
    print("\n".join(problems)) if problems else None
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
