"""A deck's content read whole: a content file, or a folder of them, parsed into its
notes, and checked against the decks beside it."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

from ankigen.errors import AnkigenError, Problem, Severity
from ankigen.reading.folders import parse_folder
from ankigen.reading.front_matter import decks_beside, slugify
from ankigen.reading.parsing import parse
from ankigen.reading.text import read_text
from ankigen.records import Source

EXAMPLE_QUESTIONS = frozenset({"What does a question look like?", "What can an answer hold?"})
"""The questions `ankigen new` starts a deck with, which a deck to publish has replaced."""


def _quiet(stage: str) -> None:
    """Progress that shows nothing."""


def load_source(content: Path) -> Source:
    """Read and parse a content file, or a folder of them, or raise `AnkigenError`."""
    return read_source(content)[0]


def read_source(
    content: Path, skip_unanswered: bool = False, progress: Callable[[str], None] = _quiet
) -> tuple[Source, bytes]:
    """A content file or a deck folder, parsed, and a digest of its bytes; or raise
    `AnkigenError`, also for a deck that another beside it could be taken for. `progress`
    is told what is parsed."""
    if content.is_dir():
        progress(f"parsing the files of {content}")
        source, digest = parse_folder(content, skip_unanswered)
    else:
        text = read_text(content)
        lines = text.content.count("\n") + (not text.content.endswith("\n"))
        progress(f"parsing {lines:,} lines")
        source, digest = parse(text, skip_unanswered), text.digest
    _check_deck_is_its_own(content, source)
    return _with_examples_warned(source), digest


def _with_examples_warned(source: Source) -> Source:
    """A word on the example questions `ankigen new` wrote, left in a deck to publish."""
    left = [note for note in source.notes if note.question in EXAMPLE_QUESTIONS]
    if not left:
        return source
    warnings = [
        Problem(
            note.file or source.path,
            note.line,
            "this is an example question of `ankigen new`: replace it with one of yours",
            Severity.WARNING,
            code="example",
        )
        for note in left
    ]
    return dataclasses.replace(source, warnings=(*source.warnings, *warnings))


def _check_deck_is_its_own(content: Path, source: Source) -> None:
    """Refuse a deck whose `deck_id` another content file beside it uses (their notes would
    share GUIDs, and learners would get one deck's notes in the other), or whose title
    another has (Anki knows decks by their name: learners would get both in one)."""
    deck = source.deck
    beside = decks_beside(content.parent, content)
    problems = [
        Problem(
            source.path,
            deck.line_of("deck_id"),
            f"`deck_id` {deck.deck_id} is also the deck_id of {other}: each deck needs its own "
            "(`ankigen new` picks one)",
        )
        for other, their in beside.items()
        if their.deck_id == deck.deck_id
    ]
    problems += [
        Problem(
            source.path,
            deck.line_of("title"),
            f"{other} has the title {their.title!r} too: Anki knows a deck by its name, so "
            "learners would get both decks' cards in one; give each its own title",
            code="same-title",
        )
        for other, their in beside.items()
        if their.title.casefold() == deck.title.casefold() and their.deck_id != deck.deck_id
    ]
    problems += [
        Problem(
            source.path,
            0,
            f"{other} has the same file name but for case: their decks would be one file "
            "(and building one would remove the other's); rename one",
        )
        for other in content.parent.glob("*.md")
        if other.name != content.name and slugify(other.stem) == deck.slug
    ]
    if problems:
        raise AnkigenError(problems)
