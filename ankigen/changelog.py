"""The decks' changelog (`CHANGELOG.md` beside the decks): where it is, which versions of a
deck it has an entry for, and the text with a new entry in it. Read and written here only."""

from __future__ import annotations

import re
from pathlib import Path

from ankigen.lock import VERSION

NAME = "CHANGELOG.md"
DATED = re.compile(r" \([0-9]{4}-[0-9]{2}-[0-9]{2}\)$")
"""The date at the end of an entry's heading."""
HEADER = """\
# Deck changelog

What each version of each deck changed, newest first. Written by `ankigen build`.
"""


def changelog_path(decks: Path) -> Path:
    """The changelog of the decks in a folder."""
    return decks / NAME


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
