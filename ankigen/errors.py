"""Problems found in a deck's files, and the one exception type that carries them."""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass


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

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}:{self.col}" if self.line else self.path
        return f"{where}: {self.severity.value}: {self.message}"


class AnkigenError(Exception):
    """Something the user can fix; the CLI prints its problems and exits with status 1."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def error(path: str, line: int, message: str, col: int = 1) -> AnkigenError:
    """An `AnkigenError` holding a single error."""
    return AnkigenError([Problem(path, line, message, Severity.ERROR, col)])
