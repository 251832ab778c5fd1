"""The library API: content file -> planned release -> deck and lock on disk."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from ankigen.cards.media import MediaFolder
from ankigen.cards.notetype import NoteType, kind_note_type, note_type
from ankigen.cards.rendering import Memo, Written, render_fields
from ankigen.errors import Problem, error
from ankigen.files import remove_leftovers, write_files
from ankigen.project import deck_path
from ankigen.reading.deck import read_source
from ankigen.records import CardKind, DeckInfo, KeptNoteType, Lock, Source
from ankigen.versions.changelog import with_entry
from ankigen.versions.history import read_history
from ankigen.versions.identity import identify
from ankigen.versions.lock import lock_lines
from ankigen.versions.previous import shipped_notes
from ankigen.versions.release import REMOVED_NOTICE, Release, may_ship, plan_release
from ankigen.versions.release_notes import release_notes
from ankigen.writing.build_cache import remember_build
from ankigen.writing.packaging import package

NoteTypeOf = Callable[[DeckInfo, KeptNoteType | None], NoteType]
"""What gives a deck its note type (`notetype.note_type`, unless a test gives another)."""

LATEST_TIME = 10**11 - 1
"""The latest time a build stamps: note ids are times in milliseconds, and must fit Anki's."""
Progress = Callable[[str], None]
"""Told the name of each stage of a build as it starts."""


def _quiet(stage: str) -> None:
    """Progress that shows nothing."""


def build_time() -> int:
    """The time stamped on what a build changes: `SOURCE_DATE_EPOCH` if set, else now."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch:
        return int(time.time())
    if not epoch.isdigit() or int(epoch) > LATEST_TIME:
        raise error(
            "SOURCE_DATE_EPOCH",
            0,
            "must be whole seconds since 1970, at most "
            f"{LATEST_TIME:,} (the year 5138), not {epoch!r}",
        )
    return int(epoch)


@dataclass(frozen=True)
class Build:
    """What building one content file would do; nothing is written until `write`."""

    content: Path
    content_digest: bytes
    """The SHA-256 of the content file's bytes, by which the build cache knows it."""
    source: Source
    lock_path: Path
    release: Release
    deck_path: Path
    now: int
    images: tuple[str, ...]
    """The image files the deck packages, relative to the content file's folder."""
    changelog_path: Path
    changelog: str
    """The decks' changelog with this version's entry (added if it was not there yet)."""
    outdated: tuple[Path, ...]
    """Earlier versions of this deck in the output folder, which writing the build removes."""
    skip_unanswered: bool = False
    """Built leaving out questions without an answer (a build without it is another)."""

    @property
    def warnings(self) -> tuple[Problem, ...]:
        """What the author should hear of: the content file's warnings, then the plan's."""
        return (*self.source.warnings, *self.release.warnings)

    @cached_property
    def deck_bytes(self) -> bytes:
        """The `.apkg` file's contents (packaged when first asked for)."""
        return package(self.release)

    @property
    def lock_text(self) -> str:
        """The lock file's contents after this build."""
        return "".join(lock_lines(self.release.lock))

    def formula_warnings(self) -> list[Problem]:
        """A warning for each formula of the deck's questions and answers that cannot be
        typeset (Anki's MathJax would show it in red)."""
        from ankigen.cards.typesetting import formula_problems

        notes = self.source.notes
        fields = [note.fields for note in self.release.notes[: len(notes)]]
        return formula_problems(self.source.path, notes, fields)

    def write(self, progress: Progress = _quiet) -> None:
        """Write the deck, the lock and the changelog together, then remove the deck's
        earlier versions (and what killed builds left behind: only a build that writes
        removes anything)."""
        remove_leftovers([self.content.parent, self.deck_path.parent])
        progress("packaging")
        deck = self.deck_bytes
        progress("writing")
        changelog = self.changelog.encode("utf-8")
        # Put in place last to first: the lock, then the deck, then the changelog. A build
        # killed between them leaves a lock ahead of the deck, or a changelog without the
        # entry, and the next build writes what is missing.
        digests = write_files({self.changelog_path: changelog,
                               self.deck_path: deck,
                               self.lock_path: lock_lines(self.release.lock)})  # fmt: skip
        for path in self.outdated:
            path.unlink()
        remember_build(
            self.content,
            self.content_digest,
            self.images,
            self.deck_path,
            digests,
            skip_unanswered=self.skip_unanswered,
        )


def plan_build(
    content: Path,
    decks: Path,
    now: int | None = None,
    progress: Progress = _quiet,
    skip_unanswered: bool = False,
    accept_lock_edits: bool = False,
    note_type: NoteTypeOf = note_type,
    memo: Memo | None = None,
    jobs: int | None = None,
) -> Build:
    """Work out the next release of a content file into the folder `decks`: read, parse,
    identify, render and plan; nothing is packaged until `Build.deck_bytes` is asked for,
    nor written until `Build.write`. `progress` is told each stage as it starts, for long
    builds on a terminal; `skip_unanswered` leaves out questions without an answer, and
    `accept_lock_edits` reads a lock edited by hand as it is. `note_type` gives the deck
    its note type: the one ankigen ships, unless a script or a test gives another. A
    `memo` kept from one build to the next renders only the notes whose text changed.
    Notes are rendered in up to `jobs` processes at once (every usable processor where None).
    """
    if decks.resolve() == content.parent.resolve():
        message = f"the decks go in a folder of their own, not beside their content ({decks})"
        raise error(str(content), 0, message)
    progress("reading")
    source, digest = read_source(content, skip_unanswered, progress)
    history = read_history(content, decks, source.deck, accept_lock_edits)
    when = build_time() if now is None else now
    release = next_release(
        source,
        history.lock,
        when,
        MediaFolder(content if content.is_dir() else content.parent),
        progress,
        note_type,
        memo,
        history.previous,
        jobs,
    )
    path_of_deck = deck_path(decks, source.deck.slug, release.version)
    day = time.strftime("%Y-%m-%d", time.gmtime(when))
    entry = release_notes(source.deck, release.lock, markdown=True, date=day)
    return Build(
        content,
        digest,
        source,
        history.lock_path,
        release,
        path_of_deck,
        when,
        tuple(sorted({image.file for image in release.media.values()})),
        history.changelog_path,
        with_entry(history.changelog, source.deck.title, release.version, entry),
        tuple(sorted(older for older in history.released if older != path_of_deck)),
        skip_unanswered,
    )


def next_release(
    source: Source,
    lock: Lock,
    now: int,
    media: MediaFolder | None = None,
    progress: Progress = _quiet,
    note_type: NoteTypeOf = note_type,
    memo: Memo | None = None,
    previous: Path | None = None,
    jobs: int | None = 1,
) -> Release:
    """The release that follows `lock` for a parsed content file: its notes identified,
    rendered (images placed in `media`) and planned, with `now` stamped on what changed,
    in the note type `note_type` gives the deck. The notes it removes are shipped once more
    as `previous` (the package of the lock's version) has them. Notes are rendered in up
    to `jobs` processes at once."""
    progress(f"matching {len(source.notes):,} questions to the lock")
    identity = identify(source, lock)
    progress(f"rendering {len(source.notes):,} notes")
    rendered = render_fields(
        source.notes, media, source.path, clozes=identity.clozes, memo=memo, jobs=jobs
    )
    shippable = may_ship(identity, lock)
    shipped = shipped_notes(previous, [old.guid for old in shippable])
    unknown = [old for old in shippable if old.guid not in shipped]
    removed = render_fields(
        # without the version before, a removed note's card shows its question and the notice
        (Written(old.question, "", old.section, kind=old.kind) for old in unknown),
        media,
        source.path,
        images_kept=True,
        clozes=[old.clozes for old in unknown],
    )
    removed_fields = dict(zip([old.guid for old in unknown], removed.fields, strict=True))
    images = {**rendered.images, **removed.images}
    for old in shippable:
        if old.guid in shipped:
            fields, shown = shipped[old.guid]
            notice = REMOVED_NOTICE.format(version=old.removed_in) if old.removed_in else ""
            answer = fields[1].removesuffix(notice) if notice else fields[1]
            removed_fields[old.guid] = (fields[0], answer, fields[2])
            images.update((image.name, image) for image in shown)
    return plan_release(
        deck=source.deck,
        identity=identity,
        fields=rendered.fields,
        removed_fields=removed_fields,
        lock=lock,
        notetypes={
            CardKind.BASIC: note_type(source.deck, lock.kept_notetype),
            **{kind: kind_note_type(source.deck, kind) for kind in list(CardKind)[1:]},
        },
        now=now,
        media=images,
    )
