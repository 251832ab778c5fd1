"""The records that flow from one step of a build to the next.

Those made once a note are named tuples: as immutable as frozen dataclasses, and made three
times as fast, which counts in a deck of 100,000 notes.
"""

from __future__ import annotations

import enum
import hashlib
import re
import unicodedata
from dataclasses import dataclass
from typing import NamedTuple

from ankigen.errors import Problem


def normalise(text: str) -> str:
    """The form in which two texts that read the same compare equal: Unicode's compatibility
    form, case folded, runs of white space as one space, none at either end."""
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
    text = text.casefold()
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        return text  # already so: the only white space a printable text holds is the space
    return " ".join(text.split())


def answer_hash(answer: str) -> str:
    """What the lock remembers of an answer: a digest of its words, as `normalise` reads
    them, so that answers that read the same have the same digest."""
    return hashlib.sha256(normalise(answer).encode()).hexdigest()[:16]


def tag_word(text: str) -> str:
    """Anki tag form of a title: spaces become `_` as in Anki's own tags, `::` is kept out."""
    return re.sub(r"[\s\"]+|::+", "_", text.strip()).strip("_")


class CardKind(enum.Enum):
    """What cards a note makes: each kind is a note type of the deck's own."""

    BASIC = "basic"
    """One card: the question, then its answer."""
    REVERSED = "reversed"
    """Two cards: question to answer, and answer to question."""
    TYPED = "typed"
    """One card on which the learner types the answer, and Anki compares."""
    CLOZE = "cloze"
    """One card for each deletion number: the text with that deletion hidden."""


@dataclass(frozen=True)
class DeckInfo:
    """What a content file says about its deck (its TOML front matter, or defaults)."""

    title: str
    """The deck's name in Anki."""
    description: str
    """A sentence or two shown in Anki's deck overview."""
    deck_id: int
    """Fixed id of the deck; also namespaces the notes' GUIDs."""
    slug: str
    """File-name form of the deck: `decks/<slug>-<version>.apkg`."""
    tag: str
    """Top of the deck's tag tree: notes are tagged `<tag>::<section>`."""
    notetype_id: int
    """Fixed id of the deck's own note type (so that decks do not share one)."""
    questions: str = ""
    """What the author says the file's questions are (`questions = "###"`); empty: found
    by the file's outline."""
    key_lines: tuple[tuple[str, int], ...] = ()
    """The line each front matter key is written on, for messages about it."""
    cards: CardKind = CardKind.BASIC
    """What the file's questions make, unless one says otherwise (`cards = "reversed"`)."""
    subdecks: str = ""
    """What makes a sub-deck of the deck: `"files"` (each file of a deck that is a folder),
    `"headings"` (each section), or nothing."""

    def line_of(self, key: str) -> int:
        """The line of a front matter key (1, the file's first, if it is not written)."""
        return dict(self.key_lines).get(key, 1)

    def tags_for(self, section: str) -> tuple[str, ...]:
        """A note's tags: `<tag>::<Section_Title>`, or the deck's tag alone outside sections."""
        return (f"{self.tag}::{tag_word(section)}",) if section else (self.tag,)


class Note(NamedTuple):
    """One question and its answer, as written in the source."""

    number: int
    """The number the author gave it (not part of its identity: inserting renumbers)."""
    section: str
    """Title of the section it stands in; empty when the file has no sections."""
    question: str
    """The question, Markdown source on one line."""
    answer: str
    """The answer, Markdown source."""
    line: int
    """1-based line of the question in the source file."""
    tags: tuple[str, ...]
    """Anki tags, such as `ml-interview-questions::Basics`."""
    prompt: str = ""
    """What the question shows besides its own line (code, options, a scenario), as
    Markdown: on the card's front, under the question."""
    kind: CardKind = CardKind.BASIC
    file: str = ""
    """The file it is written in (a deck may be a folder of files)."""
    subdeck: str = ""
    """The sub-deck its card goes to (`Deck::Chapter`); empty for the deck itself."""
    deletions: tuple[Deletion, ...] = ()
    """A cloze note's deletions in the order written (question, prompt, answer), numbered
    as their author numbered them (`{{c2::...}}`), or 0 where the lock numbers them."""

    @property
    def asked(self) -> str:
        """The question with its prompt: what two notes must both read to be the same."""
        return f"{self.question}\n\n{self.prompt}" if self.prompt else self.question


@dataclass(frozen=True)
class Source:
    """A parsed content file: its deck, its notes in file order, and any warnings."""

    path: str
    deck: DeckInfo
    notes: tuple[Note, ...]
    warnings: tuple[Problem, ...] = ()
    section_lines: tuple[int, ...] = ()
    """The 1-based line of each section's heading (or bold title)."""


class ChangeKind(enum.Enum):
    """How a note differs from the deck's previous version."""

    ADDED = "added"
    CHANGED = "changed"
    REWORDED = "re-worded"
    MOVED = "moved"
    REMOVED = "removed"
    REKINDED = "new kind"
    """A question now of another kind (a cloze, say): a new note, the old one removed."""
    STYLED = "restyled"
    """The note type's templates or CSS changed (no note in particular)."""
    DETAILS = "details"
    """The deck's title, description or tag changed (no note in particular)."""


class Change(NamedTuple):
    """One line of a version's release notes."""

    kind: ChangeKind
    guid: str
    """The note it is about; empty for `STYLED`."""
    question: str = ""
    """The question as it now reads (as it last read, for a removed one)."""
    was: str = ""
    """The old question of a re-worded note, the old section of a moved one."""
    section: str = ""
    """The section the note is now in (was last in, for a removed one)."""


class Deletion(NamedTuple):
    """One cloze deletion of a note, with the number its card has."""

    number: int
    text: str
    """What it hides, as Markdown."""


class LockedNote(NamedTuple):
    """What the lock remembers of a note: its identity, and its content when last built."""

    guid: str
    question: str
    answer_hash: str
    """Digest of the answer's words (`answer_hash`): the lock keeps no copy of an answer."""
    section: str
    hash: str
    """Digest of the fields and tags a learner receives."""
    mod: int
    """When those last changed (seconds since the epoch): Anki updates a note only if newer."""
    removed_in: str = ""
    """The version that removed it from the source; empty while it is in the deck."""
    kind: CardKind = CardKind.BASIC
    clozes: tuple[Deletion, ...] = ()
    """A cloze note's deletions as last built."""
    cloze_top: int = 0
    """The highest deletion number the note ever had: a new deletion gets the next, so that
    no card of a removed one is given to another."""
    subdeck: str = ""
    """The sub-deck its new cards go to, as last built."""


@dataclass(frozen=True)
class KeptNoteType:
    """The note type of a deck made by another tool, which the deck that took it over keeps
    (its id, and its fields' and card's names), so that learners' cards stay theirs."""

    id: int
    question: str
    """The name of the field that holds the question."""
    answer: str
    """The name of the field that holds the answer."""
    card: str
    """The name of its one card template."""


@dataclass(frozen=True)
class KeptDeck:
    """The deck learners have of a deck made by another tool: the deck that took it over
    keeps its cards there (Anki knows a deck by its name)."""

    id: int
    name: str


@dataclass(frozen=True)
class Lock:
    """Everything a build must remember so the next one keeps GUIDs and knows what changed."""

    version: str = ""
    """The deck's current version; empty before the first build."""
    notetype_hash: str = ""
    """Digest of the deck's basic note type as last built."""
    notetype_mod: int = 0
    deck_hash: str = ""
    """Digest of the deck's title, description and tag as last built."""
    notes: tuple[LockedNote, ...] = ()
    changes: tuple[Change, ...] = ()
    """What `version` changed since the version before it."""
    adopting: bool = False
    """Written by `ankigen adopt`: the next version takes over a deck made by another tool."""
    adopted_in: str = ""
    """The version that took the deck over from another tool, if one did."""
    kept_notetype: KeptNoteType | None = None
    """The note type of the deck taken over, which this deck keeps."""
    kept_deck: KeptDeck | None = None
    """The deck (name and id) of the deck taken over, in which its cards stay."""
    kind_hashes: tuple[tuple[str, str], ...] = ()
    """Digest of each other kind's note type the deck ships (kind, digest), as last built."""
