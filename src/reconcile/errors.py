"""The one error type the command line turns into a single line and exit code 2."""

from __future__ import annotations

from pathlib import Path


class BadInput(Exception):
    """Input a person must fix: names the file and, when known, the line and field."""

    def __init__(self, path: Path | str, problem: str, line: int | None = None, field: str | None = None) -> None:
        self.path = str(path)
        self.problem = problem
        self.line = line
        self.field = field
        super().__init__(self.location_line())

    def __reduce__(self) -> tuple[type[BadInput], tuple[str, str, int | None, str | None]]:
        return (BadInput, (self.path, self.problem, self.line, self.field))  # whole across a process pool

    def location_line(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        what = self.problem if self.field is None else f"{self.field}: {self.problem}"
        return f"{where}: {what}"
