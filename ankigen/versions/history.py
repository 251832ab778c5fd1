"""What was released of a deck before this build: its lock, the decks' changelog, and its
files in the output folder; refused where they disagree (a lock lost, or behind them)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ankigen.errors import error
from ankigen.project import changelog_path, deck_versions, lock_path, restore
from ankigen.records import DeckInfo, Lock
from ankigen.versions.changelog import read_changelog, versions_in
from ankigen.versions.lock import load_lock


@dataclass(frozen=True)
class History:
    """A deck's releases so far, as its project holds them."""

    lock_path: Path
    lock: Lock
    changelog_path: Path
    changelog: str | None
    """The decks' changelog; None where there is none yet."""
    released: dict[Path, str]
    """The versions of the deck in the output folder, by file."""

    @property
    def previous(self) -> Path | None:
        """The package of the lock's version, where the output folder still holds it."""
        return next(
            (path for path, version in self.released.items() if version == self.lock.version), None
        )


def read_history(
    content: Path, decks: Path, deck: DeckInfo, accept_lock_edits: bool = False
) -> History:
    """The releases so far of the deck a content file (or folder) holds, whose decks go in
    `decks`; `AnkigenError` for a lock that cannot be read (one edited by hand is read as it
    is with `accept_lock_edits`), or that is older than what was released."""
    path, changelog = lock_path(content), changelog_path(decks)
    history = History(
        path,
        load_lock(path, accept_lock_edits),
        changelog,
        read_changelog(changelog),
        deck_versions(decks, deck.slug),
    )
    _check(history, deck)
    return history


def _check(history: History, deck: DeckInfo) -> None:
    """Refuse a lock older than what was released: one missing while a version of the deck
    is in the output folder or the changelog, since a new lock would give every learner a
    second copy of every card; or one whose version is below theirs (versions never go
    back)."""
    released = [(_version(version), str(found)) for found, version in history.released.items()]
    for version in versions_in(history.changelog or "", deck.title):
        released.append((_version(version), str(history.changelog_path)))
    if not released:
        return
    newest, where = max(released)
    shown = ".".join(map(str, newest))
    path, lock = history.lock_path, history.lock
    advice = restore(path)
    if not lock.version:
        why = "a new lock would give every learner a second copy of every card"
        raise error(
            str(path),
            0,
            f"is missing, but {where} holds version {shown} of the deck: {why}; {advice}",
        )
    if _version(lock.version) < newest:
        message = f"is at version {lock.version}, but {where} holds version {shown}"
        raise error(str(path), 1, f"{message}: versions never go back; {advice}")


def _version(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split("."))
