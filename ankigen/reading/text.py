"""Bytes on disk -> text: refuses what is not text, removes a BOM, falls back from UTF-8;
then text -> a document: its lines (line breaks as `\n`, mojibake repaired) and its front
matter, read apart from its body."""

from __future__ import annotations

import hashlib
import stat
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from ankigen.errors import Problem, Severity, error
from ankigen.reading.front_matter import read_front_matter
from ankigen.records import DeckInfo

_error = partial(error, code="unreadable")
"""What goes wrong here is of one kind, for tools that read problems."""

MAX_BYTES = 64 * 1024 * 1024
"""A content file larger than this is surely not a question list."""


@dataclass(frozen=True)
class Text:
    """A file's text with what reading it had to guess."""

    path: str
    content: str
    warnings: tuple[Problem, ...] = ()
    digest: bytes = b""
    """The SHA-256 of the file's bytes (empty for text that was not read from a file)."""


def read_bytes(path: Path, limit: int, what: str) -> bytes:
    """A regular file's bytes, at most `limit` + 1 of them (so that a larger one is seen to
    be, whatever its size says), or `AnkigenError` saying why they cannot be read. A
    directory, a pipe or a device is refused by what it is, before it is opened."""
    name = str(path)
    try:
        mode = path.stat().st_mode
        if stat.S_ISDIR(mode):
            raise _error(name, 0, f"is a directory, not {what}")
        if not stat.S_ISREG(mode):
            kind = "a pipe" if stat.S_ISFIFO(mode) else "a device or socket"
            raise _error(name, 0, f"is {kind}, not {what}")
        with path.open("rb") as stream:
            return stream.read(limit + 1)
    except FileNotFoundError:
        raise error(name, 0, "no such file", code="missing") from None
    except (OSError, ValueError) as exc:  # ValueError: a NUL in the name
        raise _error(name, 0, f"cannot be read: {getattr(exc, 'strerror', None) or exc}") from None


def read_text(path: Path) -> Text:
    """Read a content file as text, or raise `AnkigenError` saying why it cannot be."""
    name = str(path)
    data = read_bytes(path, MAX_BYTES, "a content file")
    if len(data) > MAX_BYTES:
        raise _error(name, 0, f"is larger than {MAX_BYTES // 2**20} MiB; not a question list")
    nul = data.find(b"\0")
    if nul >= 0:
        line = data.count(b"\n", 0, nul) + 1
        raise _error(name, line, "is not a text file (it contains NUL bytes)")
    digest = hashlib.sha256(data).digest()
    data = data.removeprefix(b"\xef\xbb\xbf")
    try:
        return Text(name, data.decode("utf-8"), digest=digest)
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
    try:
        content, encoding = data.decode("cp1252"), "Windows-1252"
    except UnicodeDecodeError:
        content, encoding = data.decode("latin-1"), "Latin-1"
    warning = Problem(
        name,
        line,
        f"is not UTF-8; read as {encoding}: check its accents and quotes",
        Severity.WARNING,
        code="encoding",
    )
    return Text(name, content, (warning,), digest)


@dataclass(frozen=True)
class Document:
    """A content file made ready to read: its deck, and its lines with the body's first."""

    path: str
    deck: DeckInfo
    lines: list[str]
    """Every line of the file (front matter included, so that lines keep their numbers)."""
    start: int
    """The index of the body's first line, after the front matter."""
    warnings: tuple[Problem, ...] = ()


def prepare(text: Text) -> Document:
    """A text's lines, its line breaks (`\r\n`, `\r`) made `\n` and mis-encoded
    characters (`Hereâ€™s`) repaired with a warning each, and what its front matter says of
    its deck. Raises `AnkigenError` for front matter that cannot be read."""
    content = text.content.removeprefix("\ufeff")
    if "\r" in content:
        content = content.replace("\r\n", "\n").replace("\r", "\n")
    lines = content.split("\n")
    del content
    deck, start = read_front_matter(text.path, lines)
    warnings = list(text.warnings)
    for index in range(start, len(lines)):
        if not lines[index].isascii():
            lines[index] = _repaired(text.path, index + 1, lines[index], warnings)
    return Document(text.path, deck, lines, start, tuple(warnings))


def _repaired(path: str, number: int, line: str, warnings: list[Problem]) -> str:
    """Undo mojibake (UTF-8 read as Windows-1252, like `Hereâ€™s`), with a warning."""
    import ftfy  # only non-ASCII text pays for loading it

    fixed = ftfy.fix_encoding(line)
    if fixed != line:
        warnings.append(
            Problem(
                path,
                number,
                "repaired mis-encoded characters (mojibake)",
                Severity.WARNING,
                code="mojibake",
            )
        )
    return fixed
