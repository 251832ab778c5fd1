"""The library API: content file -> planned release -> deck and lock on disk."""

from __future__ import annotations

import filecmp
import gc
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from ankigen.build_cache import remember_build
from ankigen.errors import error
from ankigen.identity import identify
from ankigen.lock import load_lock, lock_lines, lock_path
from ankigen.media import MediaFolder
from ankigen.notetype import note_type
from ankigen.packaging import DeckPackage
from ankigen.parsing import parse
from ankigen.reading import read_text
from ankigen.records import Source
from ankigen.release import Helper, Release, plan_release
from ankigen.rendering import Workers
from ankigen.report import release_notes

CHANGELOG_HEADER = """\
# Deck changelog

What each version of each deck changed, newest first. Written by `ankigen build`.
"""


Progress = Callable[[str], None]
"""Told the name of each stage of a build as it starts."""


def _quiet(stage: str) -> None:
    """Progress that shows nothing."""


def load_source(content: Path) -> Source:
    """Read and parse a content file, or raise `AnkigenError`."""
    return parse(read_text(content))


def build_time() -> int:
    """The time stamped on what a build changes: `SOURCE_DATE_EPOCH` if set, else now."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch:
        return int(time.time())
    if not epoch.isdigit():
        raise error("SOURCE_DATE_EPOCH", 0, f"must be whole seconds since 1970, not {epoch!r}")
    return int(epoch)


@contextmanager
def _without_cycle_collection() -> Iterator[None]:
    """Python's cycle collector paused while a build makes its records: they form no cycles,
    and on a large deck the collector's passes over them cost a tenth of the build.

    Afterwards they join the oldest generation unscanned (frozen, then unfrozen there), so
    the collector's next pass does not go over the whole deck at once.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.unfreeze()
        if enabled:
            gc.enable()


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
    package: DeckPackage
    """The deck, packaged in a temporary folder until `write` puts it in place."""

    @property
    def changelog_path(self) -> Path:
        """The decks' changelog, one entry per version of each deck, newest first."""
        return self.deck_path.parent / "CHANGELOG.md"

    def changelog_text(self) -> str:
        """The changelog with this version's entry, added if it is not there yet."""
        try:
            text = self.changelog_path.read_text(encoding="utf-8")
        except FileNotFoundError:
            text = CHANGELOG_HEADER
        except (OSError, UnicodeDecodeError) as exc:
            raise error(str(self.changelog_path), 0, f"cannot be read: {exc}") from None
        heading = f"## {self.source.deck.title} {self.release.version}"
        if any(line.split(" (")[0] == heading for line in text.splitlines()):
            return text
        day = time.strftime("%Y-%m-%d", time.gmtime(self.now))
        entry = release_notes(self.source.deck, self.release.lock, markdown=True, date=day)
        head, newline, rest = text.partition("\n## ")
        return f"{head.rstrip()}\n\n{entry}" + (f"\n## {rest}" if newline else "")

    @property
    def deck_bytes(self) -> bytes:
        """The `.apkg` file's contents."""
        return self.package.file().read_bytes()

    @property
    def lock_text(self) -> str:
        """The lock file's contents after this build."""
        return "".join(lock_lines(self.release.lock))

    @property
    def outdated_decks(self) -> tuple[Path, ...]:
        """Earlier versions of this deck in the output folder, which a build replaces."""
        slug = self.source.deck.slug
        older = self.deck_path.parent.glob(f"{slug}-*.apkg")
        return tuple(sorted(p for p in older if p != self.deck_path and _is_version_of(p, slug)))

    def stale(self) -> list[str]:
        """What on disk does not match the content: empty when the committed files are current."""
        found = []
        if _text_of(self.lock_path) != self.lock_text:
            found.append(f"{self.lock_path} is out of date with {self.content}")
        try:
            current = filecmp.cmp(self.deck_path, self.package.file(), shallow=False)
        except OSError:
            found.append(f"{self.deck_path} is missing")
        else:
            if not current:
                found.append(f"{self.deck_path} does not match {self.content}")
        found += [
            f"{path} is an older version and should be removed" for path in self.outdated_decks
        ]
        if _text_of(self.changelog_path) != self.changelog_text():
            found.append(f"{self.changelog_path} has no entry for {self.deck_path.name}")
        return found

    @_without_cycle_collection()
    def write(self, progress: Progress = _quiet) -> None:
        """Write the deck and the lock together, then remove the deck's earlier versions."""
        from ankigen.files import write_files

        progress("writing")
        changelog = self.changelog_text().encode("utf-8")
        # the deck lands first; the lock is written while the worker finishes the deck
        digests = write_files({self.changelog_path: changelog,
                               self.lock_path: lock_lines(self.release.lock),
                               self.deck_path: self.package.file})  # fmt: skip
        for path in self.outdated_decks:
            path.unlink()
        remember_build(self.content, self.content_digest, self.images, self.deck_path, digests)


@_without_cycle_collection()
def plan_build(
    content: Path,
    decks: Path,
    now: int | None = None,
    progress: Progress = _quiet,
    package: DeckPackage | None = None,
) -> Build:
    """Work out the next release of a content file into the folder `decks`.

    The deck is packaged as its notes are rendered, into `package` (a new one if None;
    starting it before loading the rest of ankigen gets a small build done sooner), in a
    temporary folder; `Build.write` puts it in place. `progress` is told each stage as it
    starts, for long builds on a terminal.
    """
    package = package or DeckPackage()
    try:
        return _plan(content, decks, now, progress, package)
    except BaseException:
        package.close()
        raise


def _plan(
    content: Path, decks: Path, now: int | None, progress: Progress, package: DeckPackage
) -> Build:
    progress("reading")
    text = read_text(content)
    lines = text.content.count("\n") + (not text.content.endswith("\n"))
    progress(f"parsing {lines:,} lines")
    workers = Workers()
    source = parse(text, workers.read)  # code is highlighted while the file is parsed
    digest = text.digest
    del text  # a large file is not held through the rest of the build
    path = lock_path(content)
    lock = load_lock(path)
    when = build_time() if now is None else now
    media = MediaFolder(content)
    helper = Helper.start(source.notes, when, package.stage)  # renders meanwhile
    progress(f"matching {len(source.notes):,} questions to the lock")
    identity = identify(source, lock)
    progress(f"rendering {len(source.notes):,} notes")
    kind = note_type()
    release = plan_release(
        source.deck, identity, lock, kind, when, package.add, media, workers, helper
    )
    package.finish(release)
    deck_path = decks / f"{source.deck.slug}-{release.version}.apkg"
    images = tuple(sorted(media.read))
    return Build(content, digest, source, path, release, deck_path, when, images, package)


def _text_of(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def _is_version_of(path: Path, slug: str) -> bool:
    version = path.name.removeprefix(f"{slug}-").removesuffix(".apkg")
    return all(part.isdigit() for part in version.split(".")) and version.count(".") == 2
