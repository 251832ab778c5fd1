"""Identified notes + lock -> the next release: fields, per-note `mod`, version, changes, lock.

A note's `mod` is the time its content last changed, because Anki only updates a note whose
incoming `mod` is newer than its own: unchanged notes keep their old time, so a learner's
own edits to them survive an update.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass

from ankigen.identity import Identity, normalise
from ankigen.notetype import NoteType
from ankigen.records import Change, ChangeKind, DeckInfo, Lock, LockedNote
from ankigen.rendering import render_fields

REMOVED_TAG = "removed"
FIRST_VERSION = "1.0.0"


@dataclass(frozen=True)
class DeckNote:
    """A note as it goes into the package."""

    guid: str
    fields: tuple[str, str, str]
    """Question, Answer and Section, as HTML."""
    tags: tuple[str, ...]
    mod: int
    due: int
    """Position among new cards: file order."""


@dataclass(frozen=True)
class Release:
    """One version of a deck: what to package, what changed, and the lock to write."""

    deck: DeckInfo
    version: str
    notes: tuple[DeckNote, ...]
    """The source's notes in file order, then those this version removes."""
    question_count: int
    section_count: int
    notetype: NoteType
    notetype_mod: int
    changes: tuple[Change, ...]
    """What this version changed since the one before; empty if nothing did."""
    lock: Lock
    previous_version: str

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
) -> Release:
    """Decide the next version; `now` is the `mod` given to whatever changed in it."""
    notes: list[DeckNote] = []
    locked: list[LockedNote] = []
    changes: list[Change] = []

    def stamp(digest: str, old: LockedNote | None) -> int:
        if old is not None and old.hash == digest:
            return old.mod
        return max(now, old.mod + 1) if old is not None else now

    for due, match in enumerate(identity.matches, start=1):
        note, old = match.note, match.previous
        fields = render_fields(note.question, note.answer, note.section)
        digest = _digest(fields, note.tags)
        mod = stamp(digest, old)
        notes.append(DeckNote(match.guid, fields, note.tags, mod, due))
        locked.append(LockedNote(match.guid, note.question, note.answer, note.section, digest, mod))
        change = _change(match.guid, note.question, note.answer, note.section, digest, old)
        if change:
            changes.append(change)

    version_changed = bool(changes) or notetype.hash != lock.notetype_hash
    gone = [old for old in identity.unmatched if not old.removed_in]
    version = lock.version
    if version_changed or gone or not version:
        version = _next_version(lock.version, changes, bool(gone))
    for due, old in enumerate(identity.unmatched, start=len(notes) + 1):
        removed_in = old.removed_in or version
        if removed_in != version:
            locked.append(old)  # shipped with its tag once already: remembered, not shipped
            continue
        fields = render_fields(old.question, old.answer, old.section)
        tags = (*deck.tags_for(old.section), f"{deck.tag}::{REMOVED_TAG}")
        digest = _digest(fields, tags)
        mod = stamp(digest, old)
        notes.append(DeckNote(old.guid, fields, tags, mod, due))
        locked.append(
            LockedNote(old.guid, old.question, old.answer, old.section, digest, mod, removed_in)
        )
        if not old.removed_in:
            changes.append(Change(ChangeKind.REMOVED, old.guid, old.question))

    notetype_mod = lock.notetype_mod if notetype.hash == lock.notetype_hash else now
    if notetype.hash != lock.notetype_hash and lock.notetype_hash:
        notetype_mod = max(now, lock.notetype_mod + 1)
        changes.append(Change(ChangeKind.STYLED, ""))
    if version == lock.version:
        changes = list(lock.changes)  # nothing new: the version still stands for its own changes
    new_lock = Lock(version, notetype.hash, notetype_mod, tuple(locked), tuple(changes))
    return Release(
        deck=deck,
        version=version,
        notes=tuple(notes),
        question_count=len(identity.matches),
        section_count=len({m.note.section for m in identity.matches}),
        notetype=notetype,
        notetype_mod=notetype_mod,
        changes=tuple(changes) if version != lock.version else (),
        lock=new_lock,
        previous_version=lock.version,
    )


def _digest(fields: tuple[str, ...], tags: tuple[str, ...]) -> str:
    text = "\x1f".join(fields) + "\x1e" + " ".join(tags)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def _change(
    guid: str,
    question: str,
    answer: str,
    section: str,
    digest: str,
    old: LockedNote | None,
) -> Change | None:
    if old is None or old.removed_in:
        return Change(ChangeKind.ADDED, guid, question)
    if normalise(old.question) != normalise(question):
        return Change(ChangeKind.REWORDED, guid, question, old.question)
    if old.section != section:
        return Change(ChangeKind.MOVED, guid, question, old.section)
    if old.hash != digest or old.answer != answer or old.question != question:
        return Change(ChangeKind.CHANGED, guid, question)
    return None


def _next_version(version: str, changes: list[Change], removed: bool) -> str:
    """Semantic version: removals are major, additions minor, anything else a patch."""
    if not version:
        return FIRST_VERSION
    major, minor, patch = (int(part) for part in version.split("."))
    if removed:
        return f"{major + 1}.0.0"
    if any(change.kind is ChangeKind.ADDED for change in changes):
        return f"{major}.{minor + 1}.0"
    return f"{major}.{minor}.{patch + 1}"
