"""A deck of many files: a folder of Markdown files, read in the order of their names, is one
deck with one lock (`content/<folder>.lock`); its details are in the folder's `deck.toml`
(the keys front matter has), and each file may be a sub-deck of it (`subdecks = "files"`).

A question is one question wherever it stands in the folder: moved to another file, it is
the same note, and asked in two files it is asked twice.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from ankigen.errors import AnkigenError, Problem, Severity, error
from ankigen.project import DECK_DETAILS
from ankigen.reading.front_matter import read_details, read_front_matter
from ankigen.reading.parsing import parse, without_repeats
from ankigen.reading.text import read_text
from ankigen.records import Note, Source

ORDERING = re.compile(r"^[0-9]+[-_. ]*")
"""What only orders a file among its folder's (`01-`), which its chapter's name leaves out."""


def deck_files(folder: Path) -> list[Path]:
    """A deck folder's content files, in the order of their names."""
    return sorted(path for path in folder.glob("*.md") if path.is_file())


def parse_folder(folder: Path, skip_unanswered: bool = False) -> tuple[Source, bytes]:
    """A folder's files read as one deck, and a digest of their bytes; `AnkigenError` with
    every problem of every file where one of them has an error."""
    deck = read_details(folder / DECK_DETAILS, folder.name)
    files = deck_files(folder)
    if not files:
        raise error(str(folder), 0, "holds no content files (`*.md`): a deck needs one at least")
    notes: list[Note] = []
    problems: list[Problem] = []
    digest = hashlib.sha256()
    for file in files:
        text = read_text(file)
        digest.update(file.name.encode() + b"\0" + text.digest)
        try:
            source = parse(text, skip_unanswered, deck)
        except AnkigenError as exc:
            problems += exc.problems
            continue
        problems += source.warnings
        chapter = chapter_name(file, text.content) if deck.subdecks == "files" else ""
        notes += [note._replace(subdeck=chapter) if chapter else note for note in source.notes]
    kept, repeated = without_repeats(notes)
    problems += repeated
    if any(problem.severity is Severity.ERROR for problem in problems):
        raise AnkigenError(problems)
    return Source(str(folder), deck, tuple(kept), tuple(problems)), digest.digest()


def chapter_name(file: Path, text: str) -> str:
    """The sub-deck a file of a folder is: the title its front matter gives, else its name
    without what only orders it (`01-verbs.md`: `Verbs`)."""
    own, _ = read_front_matter(str(file), text.split("\n"))
    if any(key == "title" for key, _ in own.key_lines):
        return own.title
    name = ORDERING.sub("", file.stem).replace("-", " ").replace("_", " ").strip() or file.stem
    return name[:1].upper() + name[1:]
