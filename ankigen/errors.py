"""Problems found in a deck's files, and the one exception type that carries them."""

from __future__ import annotations

import enum
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path


class Severity(enum.Enum):
    """How bad a problem is: an error makes a wrong deck, a warning is only suspicious."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one place in one file."""

    path: str
    """The file, as the user named it."""
    line: int
    """1-based line; 0 when the problem is with the file as a whole."""
    message: str
    """What is wrong, in the author's terms."""
    severity: Severity = Severity.ERROR
    col: int = 1
    """1-based column."""
    code: str = "problem"
    """A short name of its kind that stays the same across versions (`unanswered`), for
    editors and CI to read."""

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}:{self.col}" if self.line else self.path
        return f"{where}: {self.severity.value}: {self.message}"


FORMATS = ("text", "json", "github")
"""How problems can be printed: for people, for scripts and editors (a JSON array, as
`schemas/problems.schema.json` describes it), and as GitHub Actions annotations."""


def formatted(problems: Sequence[Problem], style: str = "text") -> str:
    """Problems as text to print, in one of `FORMATS` (empty for none)."""
    if style == "json":
        return json.dumps([_record(problem) for problem in problems], indent=2, ensure_ascii=False)
    if style == "github":
        return "\n".join(_annotation(problem) for problem in problems)
    return "\n".join(str(problem) for problem in problems)


def _record(problem: Problem) -> dict[str, object]:
    return {
        "file": problem.path,
        "line": problem.line,
        "column": problem.col,
        "severity": problem.severity.value,
        "code": problem.code,
        "message": problem.message,
    }


def _annotation(problem: Problem) -> str:
    """A workflow command that marks the problem's line in a pull request."""
    where = [f"file={_escaped(problem.path, True)}"]
    if problem.line:
        where += [f"line={problem.line}", f"col={problem.col}"]
    where.append(f"title={_escaped(f'ankigen: {problem.code}', True)}")
    return f"::{problem.severity.value} {','.join(where)}::{_escaped(problem.message)}"


def _escaped(text: str, property_value: bool = False) -> str:
    """Text as a workflow command carries it (`%`, line breaks; in a property, `:` and `,`)."""
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if property_value else text


class AnkigenError(Exception):
    """Something the user can fix; the CLI prints its problems and exits with status 1."""

    def __init__(self, problems: Iterable[Problem], hint: str = "") -> None:
        self.problems = tuple(problems)
        self.hint = hint
        """What to do about them all, said once after them."""
        super().__init__("\n".join(str(p) for p in self.problems))


def error(path: str, line: int, message: str, col: int = 1, code: str = "problem") -> AnkigenError:
    """An `AnkigenError` holding a single error."""
    return AnkigenError([Problem(path, line, message, Severity.ERROR, col, code)])


def place_of(lines: Sequence[str], line: int, written: str) -> tuple[int, int]:
    """The line and column (1-based) where `written` first stands at or after a line (that
    line and column 1 where it stands nowhere after it)."""
    for number in range(max(line - 1, 0), len(lines)):
        at = lines[number].find(written)
        if at >= 0:
            return number + 1, at + 1
    return line, 1


def place_in_file(file: str, line: int, written: str) -> tuple[int, int]:
    """Where a text stands in a file, at or after a line (read again: only a problem asks)."""
    try:
        text = Path(file).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return line, 1
    return place_of(text.splitlines(), line, written)


def column(text: str, found: str = "") -> int:
    """The 1-based column of `found` in a line of text, or of its first character that is
    not a space (where the line's block, list item or heading starts)."""
    at = text.find(found) if found else -1
    return (at if at >= 0 else len(text) - len(text.lstrip())) + 1
