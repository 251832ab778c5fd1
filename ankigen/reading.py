"""Bytes on disk -> text: refuses what is not text, removes a BOM, falls back from UTF-8."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from ankigen.errors import Problem, Severity, error

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


def read_text(path: Path) -> Text:
    """Read a content file as text, or raise `AnkigenError` saying why it cannot be."""
    name = str(path)
    try:
        if path.is_dir():
            raise error(name, 0, "is a directory, not a content file")
        if path.stat().st_size > MAX_BYTES:
            raise error(name, 0, f"is larger than {MAX_BYTES // 2**20} MiB; not a question list")
        data = path.read_bytes()
    except FileNotFoundError:
        raise error(name, 0, "no such file") from None
    except OSError as exc:
        raise error(name, 0, f"cannot be read: {exc.strerror or exc}") from None
    nul = data.find(b"\0")
    if nul >= 0:
        line = data.count(b"\n", 0, nul) + 1
        raise error(name, line, "is not a text file (it contains NUL bytes)")
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
    )
    return Text(name, content, (warning,), digest)
