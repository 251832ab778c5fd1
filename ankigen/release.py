"""Identified notes + lock -> the next release: fields, per-note `mod`, version, changes, lock.

A note's `mod` is the time its content last changed, because Anki only updates a note whose
incoming `mod` is newer than its own: unchanged notes keep their old time, so a learner's
own edits to them survive an update.

A large deck's notes are shipped by two processes: a helper forked from the build's
renders most of them while the build matches questions, and stages those in the package.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import weakref
from array import array
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from itertools import repeat
from typing import BinaryIO, NamedTuple

from ankigen.errors import error
from ankigen.forking import Forked
from ankigen.identity import Identity
from ankigen.media import MediaFolder
from ankigen.notetype import NoteType
from ankigen.records import Change, ChangeKind, DeckInfo, Lock, LockedNote, Note, normalise
from ankigen.rendering import Fields, Workers, Written, render_fields, renders_anywhere

REMOVED_TAG = "removed"
FIRST_VERSION = "1.0.0"
SHARED_FROM = 20_000
"""Notes from which a helper process ships some of them (for fewer, starting it costs more
than it saves)."""
SHARE = 1000
"""Notes a batch: the helper takes the plain prose of two batches in three (the build's
process renders what may hold markup: code and Markdown on every core, and images)."""


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
    media: MediaFolder | None = None,
    workers: Workers | None = None,
    helper: Helper | None = None,
) -> Release:
    """Decide the next version; `now` is the `mod` given to whatever changed in it.

    Each note shipped is handed to `deliver` as soon as its fields are rendered (by
    `render_fields`, with `workers` that read the notes as they were parsed, and `media`,
    where their images are placed), in the order learners get them: the source's notes in
    file order, then those this version removes. A removed note is shipped as the lock
    remembers it, its images under the names they were last given. A `helper` ships the
    notes it took itself.
    """
    notes = identity.notes
    stamps = _Stamps([""] * len(notes), [0] * len(notes))
    if helper:
        helper.identified(identity)
    own = helper.left if helper else range(len(notes))
    fields = render_fields([notes[index] for index in own], media, workers)
    for shipped_note in _shipped(identity, own, fields, now, stamps):
        deliver(shipped_note)
    if helper:
        helper.answer(stamps)
    del own, fields, helper  # not held while the lock is made
    locked: list[LockedNote] = []
    changes: list[Change] = []
    for note, guid, old, digest, mod in zip(
        notes, identity.guids, identity.previous, stamps.digests, stamps.mods, strict=True
    ):
        new = LockedNote(guid, note.question, note.answer, note.section, digest, mod)
        locked.append(new)
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
    for old in identity.unmatched:
        removed_in = old.removed_in or version
        if removed_in == version:  # shipped once more, tagged, so learners can find it
            tags = (*deck.tags_for(old.section), removed_tag)
            (last,) = render_fields([Written(old.question, old.answer, old.section)])
            digest, mod = _stamped(last, tags, old, now)
            shipped += 1
            deliver(DeckNote(old.guid, last, tags, mod, shipped))
            locked.append(old._replace(hash=digest, mod=mod, removed_in=removed_in))
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


class _Stamps(NamedTuple):
    """Each shipped note's digest and `mod`, by its index (columns: no object a note)."""

    digests: list[str]
    mods: list[int]


def _shipped(
    identity: Identity,
    indices: Sequence[int],
    fields: Iterable[Fields],
    now: int,
    stamps: _Stamps,
) -> Iterator[DeckNote]:
    """The notes at `indices`, with their `fields`, as they go into the package; each one's
    digest and `mod` put in `stamps`, at its index."""
    digests, mods = stamps
    for index, rendered in zip(indices, fields, strict=True):
        note = identity.notes[index]
        digest, mod = _stamped(rendered, note.tags, identity.previous[index], now)
        digests[index], mods[index] = digest, mod
        yield DeckNote(identity.guids[index], rendered, note.tags, mod, index + 1)


class Helper:
    """A process forked from the build once its notes are parsed, that ships the plain notes
    of two batches in three: it renders and digests them while the build matches questions
    to the lock; told their GUIDs and what the lock remembers of them, it stages them in the
    package itself and answers their stamps."""

    def __init__(
        self,
        notes: Sequence[Note],
        shares: list[int],
        left: list[int],
        now: int,
        stage: Callable[[Iterable[DeckNote]], None],
    ) -> None:
        self.shares = shares
        """The indices of the notes it ships."""
        self.left = left
        """The indices of the notes it leaves to the build's process."""
        work = partial(_help, notes, shares, now, stage)
        self.process: Forked[tuple[list[str], array[int]]] = Forked(work, "the helper stopped")
        self.stop = weakref.finalize(self, self.process.stop)
        """Stop the helper (if the build is dropped before its stamps are read)."""

    @classmethod
    def start(
        cls, notes: Sequence[Note], now: int, stage: Callable[[Iterable[DeckNote]], None]
    ) -> Helper | None:
        """A helper, where the deck is large, there are two cores, and processes fork; it
        leaves to the build's process the notes that may hold markup."""
        if len(notes) < SHARED_FROM or not hasattr(os, "fork") or (os.cpu_count() or 1) < 2:
            return None
        shares: list[int] = []
        left: list[int] = []
        for index, note in enumerate(notes):
            shared = index // SHARE % 3 and renders_anywhere(note)
            (shares if shared else left).append(index)
        try:
            return cls(notes, shares, left, now, stage)
        except OSError:  # no process to spare: the build's ships them all
            return None

    def identified(self, identity: Identity) -> None:
        """Tell it its notes' GUIDs, and the digest and `mod` the lock remembers of each."""
        previous = (identity.previous[index] for index in self.shares)
        lasts = [None if old is None else (old.hash, old.mod) for old in previous]
        self.process.send(([identity.guids[index] for index in self.shares], lasts))

    def answer(self, stamps: _Stamps) -> None:
        """Its notes' stamps put in `stamps`, once it is done (what failed, raised)."""
        self.stop.detach()
        reply = self.process.reply()
        if isinstance(reply, str):
            raise error("ankigen", 0, f"the deck's notes cannot be packaged: {reply}")
        digests, mods = reply
        for index, digest, mod in zip(self.shares, digests, mods, strict=True):
            stamps.digests[index], stamps.mods[index] = digest, mod


def _help(
    notes: Sequence[Note],
    shares: list[int],
    now: int,
    stage: Callable[[Iterable[DeckNote]], None],
    orders: BinaryIO,
) -> tuple[list[str], array[int]]:
    """The helper's work: its notes rendered without worker processes, then staged."""
    mine = [notes[index] for index in shares]
    fields = list(render_fields(mine, workers=Workers(background=False)))
    digests = [_digest(rendered, note.tags) for rendered, note in zip(fields, mine, strict=True)]
    guids, lasts = pickle.load(orders)
    mods = array("q", map(_stamp, digests, lasts, repeat(now)))
    shipped = zip(shares, mine, guids, fields, mods, strict=True)
    stage(DeckNote(guid, f, note.tags, mod, i + 1) for i, note, guid, f, mod in shipped)
    return digests, mods


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
