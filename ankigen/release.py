"""Identified notes + lock -> the next release: fields, per-note `mod`, version, changes, lock.

A note's `mod` is the time its content last changed, because Anki only updates a note whose
incoming `mod` is newer than its own: unchanged notes keep their old time, so a learner's
own edits to them survive an update.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import NamedTuple

from ankigen.identity import Identity, normalise
from ankigen.media import MediaFolder
from ankigen.notetype import NoteType
from ankigen.records import Change, ChangeKind, DeckInfo, Lock, LockedNote, Note
from ankigen.rendering import Fields, Written, render_fields

REMOVED_TAG = "removed"
FIRST_VERSION = "1.0.0"


class DeckNote(NamedTuple):
    """A note as it goes into the package."""

    guid: str
    fields: Fields
    tags: tuple[str, ...]
    mod: int
    due: int
    """Position among new cards: file order."""


@dataclass(frozen=True)
class Release:
    """One version of a deck: what to package, what changed, and the lock to write."""

    deck: DeckInfo
    version: str
    card_count: int
    """Notes shipped: the source's, then those this version removes."""
    question_count: int
    sections: tuple[str, ...]
    """The section of each of the source's notes ("" outside sections)."""
    notetype: NoteType
    notetype_mod: int
    changes: tuple[Change, ...]
    """What this version changed since the one before; empty if nothing did."""
    lock: Lock
    previous_version: str
    media: dict[str, bytes]
    """Packaged file name -> bytes of every image the notes show."""

    @property
    def counts(self) -> Counter[ChangeKind]:
        """How many notes each kind of change touched."""
        return Counter(change.kind for change in self.changes if change.guid)

    @property
    def unchanged(self) -> int:
        """Notes of the source that this version leaves as they were."""
        touched = {c.guid for c in self.changes if c.kind is not ChangeKind.REMOVED and c.guid}
        return self.question_count - len(touched)


def plan_release(
    deck: DeckInfo,
    identity: Identity,
    lock: Lock,
    notetype: NoteType,
    now: int,
    deliver: Callable[[DeckNote], None],
    fields: Iterable[Fields],
    media: MediaFolder | None = None,
) -> Release:
    """Decide the next version; `now` is the `mod` given to whatever changed in it.

    `fields` are the identified notes' fields, in order, as `render_fields` makes them
    (with `media`, where their images are placed). Each note shipped is handed to
    `deliver` as soon as its fields are read, in the order learners get them: the source's
    notes in file order, then those this version removes. A removed note is shipped as
    the lock remembers it, its images under the names they were last given.
    """
    locked: list[LockedNote] = []
    changes: list[Change] = []

    def ship(
        old: LockedNote | None,
        guid: str,
        text: Note | Written,
        tags: tuple[str, ...],
        due: int,
        fields: Fields,
        removed_in: str = "",
    ) -> LockedNote:
        digest = _digest(fields, tags)
        mod = _stamp(digest, old, now)
        deliver(DeckNote(guid, fields, tags, mod, due))
        new = LockedNote(guid, text.question, text.answer, text.section, digest, mod, removed_in)
        locked.append(new)
        return new

    notes = identity.notes
    for due, (note, guid, old, rendered) in enumerate(
        zip(notes, identity.guids, identity.previous, fields, strict=True),
        start=1,
    ):
        new = ship(old, guid, note, note.tags, due, rendered)
        if lock.version and (change := _change(new, old)):
            changes.append(change)
    if not lock.version:  # a first build adds every note
        changes = [Change(ChangeKind.ADDED, n.guid, n.question, "", n.section) for n in locked]
    gone = [old for old in identity.unmatched if not old.removed_in]
    changes += [Change(ChangeKind.REMOVED, old.guid, old.question, "", old.section) for old in gone]
    if lock.notetype_hash and notetype.hash != lock.notetype_hash:
        changes.append(Change(ChangeKind.STYLED, ""))
    deck_hash = _digest((deck.title, deck.description, deck.tag), ())
    if lock.deck_hash and deck_hash != lock.deck_hash:
        changes.append(Change(ChangeKind.DETAILS, ""))

    version = _next_version(lock.version, changes) if changes else lock.version
    if version == lock.version:
        changes = list(lock.changes)  # nothing new: the version still stands for its changes
    removed_tag = f"{deck.tag}::{REMOVED_TAG}"
    shipped = len(notes)
    for due, old in enumerate(identity.unmatched, start=shipped + 1):
        removed_in = old.removed_in or version
        if removed_in == version:  # shipped once more, tagged, so learners can find it
            tags = (*deck.tags_for(old.section), removed_tag)
            text = Written(old.question, old.answer, old.section)
            (last,) = render_fields([text])
            ship(old, old.guid, text, tags, due, last, removed_in)
            shipped += 1
        else:
            locked.append(old)
    notetype_mod = lock.notetype_mod
    if notetype.hash != lock.notetype_hash:
        notetype_mod = max(now, lock.notetype_mod + 1)
    new_lock = Lock(version, notetype.hash, notetype_mod, deck_hash, tuple(locked), tuple(changes))
    return Release(
        deck=deck,
        version=version,
        card_count=shipped,
        question_count=len(notes),
        sections=tuple(note.section for note in notes),
        notetype=notetype,
        notetype_mod=notetype_mod,
        changes=tuple(changes) if version != lock.version else (),
        media=dict(sorted(media.files.items())) if media else {},
        lock=new_lock,
        previous_version=lock.version,
    )


def _stamp(digest: str, old: LockedNote | None, now: int) -> int:
    """A note's `mod`: unchanged content keeps its time, changed content must be newer."""
    if old is None:
        return now
    if old.hash == digest:
        return old.mod
    return max(now, old.mod + 1)


def _digest(fields: tuple[str, ...], tags: tuple[str, ...]) -> str:
    text = "\x1f".join(fields) + "\x1e" + " ".join(tags)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def _change(new: LockedNote, old: LockedNote | None) -> Change | None:
    def change(kind: ChangeKind, was: str = "") -> Change:
        return Change(kind, new.guid, new.question, was, new.section)

    if old is None or old.removed_in:
        return change(ChangeKind.ADDED)
    if normalise(old.question) != normalise(new.question):
        return change(ChangeKind.REWORDED, old.question)
    if old.section != new.section:
        return change(ChangeKind.MOVED, old.section)
    if old.hash != new.hash or (old.question, old.answer) != (new.question, new.answer):
        return change(ChangeKind.CHANGED)
    return None


def _next_version(version: str, changes: list[Change]) -> str:
    """Semantic version: removals are major, additions minor, anything else a patch."""
    if not version:
        return FIRST_VERSION
    major, minor, patch = (int(part) for part in version.split("."))
    kinds = {change.kind for change in changes}
    if ChangeKind.REMOVED in kinds:
        return f"{major + 1}.0.0"
    if ChangeKind.ADDED in kinds:
        return f"{major}.{minor + 1}.0"
    return f"{major}.{minor}.{patch + 1}"
