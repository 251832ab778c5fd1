"""The decks' changelog (`CHANGELOG.md` beside the decks): read, the versions of a deck it
has an entry for, and its text with a new entry in it. Read here only."""

from __future__ import annotations

import re
from pathlib import Path

from ankigen.errors import error
from ankigen.project import VERSION

DATED = re.compile(r" \([0-9]{4}-[0-9]{2}-[0-9]{2}\)$")
"""The date at the end of an entry's heading."""
HEADER = """\
# Deck changelog

What each version of each deck changed, newest first. Written by `ankigen build`.
"""


def read_changelog(path: Path) -> str | None:
    """A changelog's text (None where there is none yet); `AnkigenError` for one that is
    a link, or cannot be read."""
    if path.is_symlink():
        raise error(
            str(path),
            0,
            "is a link to another file: the changelog is ankigen's own (remove the link)",
            code="changelog",
        )
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as exc:
        raise error(str(path), 0, f"cannot be read: {exc}") from None


def versions_in(text: str, title: str) -> list[str]:
    """The versions of the deck `title` a changelog has an entry for: its headings
    `## <title> <version> (<date>)`, read from the right, whatever the title holds
    (`Spanish (A1)`, or `Spanish 5.0.0 (new)` beside a deck titled `Spanish`)."""
    found = []
    for line in text.splitlines():
        if line.startswith(f"## {title} "):
            named, _, version = DATED.sub("", line[3:]).rpartition(" ")
            if named == title and VERSION.fullmatch(version):
                found.append(version)
    return found


def with_entry(text: str | None, title: str, version: str, entry: str) -> str:
    """A changelog's text (None: none yet) with the entry of a deck's version, put first if
    it is not there yet."""
    text = HEADER if text is None else text
    if version in versions_in(text, title):
        return text
    head, newline, rest = text.partition("\n## ")
    return f"{head.rstrip()}\n\n{entry}" + (f"\n## {rest}" if newline else "")
