"""Identified notes + their rendered fields + lock -> the next release: per-note `mod`,
version, changes, the new lock.

A note's `mod` is the time its content last changed, because Anki only updates a note whose
incoming `mod` is newer than its own: unchanged notes keep their old time, so a learner's
own edits to them survive an update.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from ankigen.cards.media import Image
from ankigen.cards.notetype import NoteType
from ankigen.cards.rendering import Fields
from ankigen.errors import Problem
from ankigen.records import (
    CardKind,
    Change,
    ChangeKind,
    DeckInfo,
    Lock,
    LockedNote,
    answer_hash,
    normalise,
)
from ankigen.versions.identity import Identity

REMOVED_TAG = "removed"
FIRST_VERSION = "1.0.0"
REMOVED_NOTICE = (
    '\n<p class="removed">Removed from this deck in {version}; you can delete or suspend it.</p>'
)
"""Shown under the answer of a question the version removes, where a learner reviews it."""


class DeckNote(NamedTuple):
    """A note as it goes into the package."""

    guid: str
    fields: Fields
    tags: tuple[str, ...]
    mod: int
    due: int
    """Position among new cards: file order."""
    kind: CardKind = CardKind.BASIC
    """Its note type's kind."""
    subdeck: str = ""
    """The sub-deck of the deck its new cards go to; empty for the deck itself."""


@dataclass(frozen=True)
class Release:
    """One version of a deck: what to package, what changed, and the lock to write."""

    deck: DeckInfo
    version: str
    notes: tuple[DeckNote, ...]
    """Notes shipped, in the order learners get them: the source's, then those this
    version removes."""
    question_count: int
    sections: tuple[str, ...]
    """The section of each of the source's notes ("" outside sections)."""
    notetypes: dict[CardKind, NoteType]
    """The note type of each kind of note shipped (basic always)."""
    notetype_mod: int
    changes: tuple[Change, ...]
    """What this version changed since the one before; empty if nothing did."""
    lock: Lock
    previous_version: str
    media: dict[str, Image]
    """Packaged file name -> every image the notes show."""
    warnings: tuple[Problem, ...] = ()
    """What the author should hear of what this version decided (a question that changed
    kind is a new note)."""

    @property
    def anki_deck(self) -> tuple[int, str]:
        """The id and name of the deck in Anki the cards are in: the deck's own, or the one
        learners have of a deck taken over from another tool."""
        kept = self.lock.kept_deck
        return (kept.id, kept.name) if kept else (self.deck.deck_id, self.deck.title)

    @property
    def card_count(self) -> int:
        """Notes shipped (one card each)."""
        return len(self.notes)

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
    *,
    deck: DeckInfo,
    identity: Identity,
    fields: Sequence[Fields],
    removed_fields: Mapping[str, Fields],
    lock: Lock,
    notetypes: Mapping[CardKind, NoteType],
    now: int,
    media: Mapping[str, Image] | None = None,
) -> Release:
    """Decide the next version: a pure function of what it is given.

    `fields` are the rendered fields of the source's notes, in file order; `removed_fields`
    those of the lock's notes no question matched that may be shipped once more (by GUID:
    see `may_ship`); `now` is the `mod` given to whatever changed; `media` the images the
    fields show. The notes are shipped in the order learners get them: the source's, then
    those this version removes, as the lock remembers them.
    """
    notes = identity.notes
    shipped, locked, changes = _kept_notes(identity, fields, lock, now)
    kinds = {note.kind for note in notes} | {old.kind for old in identity.unmatched}
    used = {kind: notetypes[kind] for kind in CardKind if kind in kinds or kind is CardKind.BASIC}
    basic_hash = used[CardKind.BASIC].hash
    kind_hashes = tuple((k.value, t.hash) for k, t in used.items() if k is not CardKind.BASIC)
    known = dict(lock.kind_hashes)
    restyled = (lock.notetype_hash and basic_hash != lock.notetype_hash) or any(
        kind in known and known[kind] != digest for kind, digest in kind_hashes
    )
    gone = [old for old in identity.unmatched if not old.removed_in]
    changes += [Change(ChangeKind.REMOVED, old.guid, old.question, "", old.section) for old in gone]
    if restyled:
        changes.append(Change(ChangeKind.STYLED, ""))
    deck_hash = _digest((deck.title, deck.description, deck.tag), ())
    if lock.deck_hash and deck_hash != lock.deck_hash:
        changes.append(Change(ChangeKind.DETAILS, ""))

    version = _next_version(lock, changes) if changes or lock.adopting else lock.version
    if version == lock.version:
        changes = list(lock.changes)  # nothing new: the version still stands for its changes
    last_shipped, last_locked = _removed_notes(identity, removed_fields, deck, version, now)
    shipped += [note._replace(due=len(shipped) + n) for n, note in enumerate(last_shipped, 1)]
    locked += last_locked
    notetype_mod = lock.notetype_mod
    if basic_hash != lock.notetype_hash or any(
        known.get(kind) != digest for kind, digest in kind_hashes
    ):  # a note type that changed, or is new: newer than the learner's
        notetype_mod = max(now, lock.notetype_mod + 1)
    adopted_in = version if lock.adopting else lock.adopted_in
    new_lock = Lock(
        version,
        basic_hash,
        notetype_mod,
        deck_hash,
        tuple(locked),
        tuple(changes),
        adopted_in=adopted_in,
        kept_notetype=lock.kept_notetype,
        kind_hashes=kind_hashes,
        kept_deck=lock.kept_deck,
    )
    return Release(
        deck=deck,
        version=version,
        notes=tuple(shipped),
        question_count=len(notes),
        sections=tuple(note.section for note in notes),
        notetypes=used,
        notetype_mod=notetype_mod,
        changes=tuple(changes) if version != lock.version else (),
        media=dict(sorted((media or {}).items())),
        lock=new_lock,
        previous_version=lock.version,
        warnings=identity.problems,
    )


def _kept_notes(
    identity: Identity, fields: Sequence[Fields], lock: Lock, now: int
) -> tuple[list[DeckNote], list[LockedNote], list[Change]]:
    """The source's notes as shipped, as the lock will remember them, and how each changed
    (every one added, in a first build)."""
    shipped: list[DeckNote] = []
    locked: list[LockedNote] = []
    changes: list[Change] = []
    for index, (note, guid, old, rendered) in enumerate(
        zip(identity.notes, identity.guids, identity.previous, fields, strict=True)
    ):
        digest, mod = _stamped(rendered, note.tags, old, now)
        shipped.append(DeckNote(guid, rendered, note.tags, mod, index + 1, note.kind, note.subdeck))
        deletions = identity.clozes[index] if identity.clozes else ()
        top = max([old.cloze_top if old else 0, *(deletion.number for deletion in deletions)])
        new = LockedNote(
            guid,
            note.asked,
            answer_hash(note.answer),
            note.section,
            digest,
            mod,
            kind=note.kind,
            clozes=deletions,
            cloze_top=top if note.kind is CardKind.CLOZE else 0,
            subdeck=note.subdeck,
        )
        locked.append(new)
        if index in identity.rekinded:
            changes.append(Change(ChangeKind.REKINDED, guid, new.question, "", new.section))
        elif lock.version and (change := _change(new, old)):
            changes.append(change)
    if not lock.version:  # a first build adds every note
        changes = [Change(ChangeKind.ADDED, n.guid, n.question, "", n.section) for n in locked]
    return shipped, locked, changes


def _removed_notes(
    identity: Identity,
    removed_fields: Mapping[str, Fields],
    deck: DeckInfo,
    version: str,
    now: int,
) -> tuple[list[DeckNote], list[LockedNote]]:
    """The lock's notes no question matched: those `version` removes shipped once more,
    tagged and with the notice (so learners can find them), and all as the lock keeps them."""
    removed_tag = f"{deck.tag}::{REMOVED_TAG}"
    shipped: list[DeckNote] = []
    locked: list[LockedNote] = []
    for old in identity.unmatched:
        removed_in = old.removed_in or version
        if removed_in != version:
            locked.append(old)
            continue
        tags = (*deck.tags_for(old.section), removed_tag)
        question, answer, section = removed_fields[old.guid]
        last = (question, answer + REMOVED_NOTICE.format(version=removed_in), section)
        digest, mod = _stamped(last, tags, old, now)
        # placed by the caller; a removed cloze shows the text it last had, unhidden
        shipped.append(DeckNote(old.guid, last, tags, mod, 0, old.kind, old.subdeck))
        locked.append(old._replace(hash=digest, mod=mod, removed_in=removed_in))
    return shipped, locked


def may_ship(identity: Identity, lock: Lock) -> list[LockedNote]:
    """The lock's notes that no question matched and that the next version may ship once
    more: those it removes, and those the lock's own version removed (shipped again while
    nothing else changes)."""
    return [old for old in identity.unmatched if old.removed_in in ("", lock.version)]


def _stamped(
    fields: Fields, tags: tuple[str, ...], old: LockedNote | None, now: int
) -> tuple[str, int]:
    digest = _digest(fields, tags)
    return digest, _stamp(digest, None if old is None else (old.hash, old.mod), now)


def _stamp(digest: str, last: tuple[str, int] | None, now: int) -> int:
    """A note's `mod`: unchanged content keeps its time (`last`: the digest and `mod` the
    lock remembers), changed content must be newer."""
    if last is None:
        return now
    last_digest, last_mod = last
    if last_digest == digest:
        return last_mod
    return max(now, last_mod + 1)


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
    if old.subdeck != new.subdeck:  # to another file of the deck: new learners get it there
        return change(ChangeKind.MOVED, old.subdeck)
    if old.hash != new.hash or (old.question, old.answer_hash) != (new.question, new.answer_hash):
        return change(ChangeKind.CHANGED)
    return None


def _next_version(lock: Lock, changes: list[Change]) -> str:
    """Semantic version: removals are major, additions minor, anything else a patch; and
    taking over a deck from another tool is major."""
    if not lock.version:
        return FIRST_VERSION
    major, minor, patch = (int(part) for part in lock.version.split("."))
    kinds = {change.kind for change in changes}
    if ChangeKind.REMOVED in kinds or lock.adopting:
        return f"{major + 1}.0.0"
    if ChangeKind.ADDED in kinds:
        return f"{major}.{minor + 1}.0"
    return f"{major}.{minor}.{patch + 1}"
