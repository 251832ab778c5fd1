"""The library's public functions, one for each command of `ankigen`: each takes plain
values, does the whole job (reading, and writing where the command writes) and returns a
record of what it did. `cli` only parses options, calls one of them, and prints.

Every problem is raised as `AnkigenError`, whose problems name the file, line and column.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ankigen.building import Build, NoteTypeOf, plan_build
from ankigen.cards.notetype import note_type
from ankigen.cards.rendering import Memo
from ankigen.errors import AnkigenError, Problem, error
from ankigen.project import CONTENT, DECKS, lock_path
from ankigen.reading.deck import load_source
from ankigen.records import Lock
from ankigen.versions.lock import load_lock

if TYPE_CHECKING:
    from ankigen.versions.adoption import Adoption
    from ankigen.writing.anki_connect import AnkiConnect
    from ankigen.writing.preview import CardMemo

Progress = Callable[[str], None]


def _quiet(stage: str) -> None:
    """Progress that shows nothing."""


@dataclass(frozen=True)
class Built:
    """What `build` did with one content file."""

    content: Path
    deck_path: Path
    plan: Build | None
    """The build written; None where the last build still stands (nothing was read)."""

    @property
    def written(self) -> bool:
        """Whether this build wrote the files (not when the last build still stood)."""
        return self.plan is not None


@dataclass(frozen=True)
class Stale:
    """How the files on disk compare with what a build of the content would write."""

    plan: Build
    stale: tuple[str, ...]
    """What does not match, in words; empty when the committed files are current."""


@dataclass(frozen=True)
class Checked:
    """Every problem of one content file, and what it holds."""

    content: Path
    problems: tuple[Problem, ...]
    """Errors and warnings, in the file's order (errors alone where it cannot be read)."""
    questions: int = 0
    sections: int = 0


@dataclass(frozen=True)
class Adopted:
    """How another tool's deck meets a content file, and the lock written for it."""

    adoption: Adoption
    lock_path: Path
    replaced: Lock | None
    """The lock that stood there before (replaced with `force`); None if there was none."""
    written: bool
    warnings: tuple[Problem, ...]


@dataclass(frozen=True)
class Tidied:
    """What `fmt` makes of a content file."""

    content: Path
    changed: bool
    """Whether tidying changes the file (it is written unless only checked)."""


@dataclass(frozen=True)
class Previewed:
    """The review page written for a content file."""

    output: Path
    cards: int
    warnings: tuple[Problem, ...]


@dataclass(frozen=True)
class Pushed:
    """A deck imported into a running Anki."""

    built: Built
    """The build imported (written as `build` writes it, or the one that still stood)."""
    url: str
    synced: bool


@dataclass(frozen=True)
class NoteRecord:
    """One note as `ankigen parse` shows it: its text, tags, GUID and line."""

    number: int | None
    section: str
    question: str
    prompt: str
    answer: str
    tags: tuple[str, ...]
    guid: str
    line: int
    kind: str
    """`basic`, `reversed`, `typed` or `cloze`."""
    clozes: tuple[int, ...]
    """A cloze note's deletion numbers, in the order they are written."""
    file: str
    subdeck: str


@dataclass(frozen=True)
class Records:
    """The notes read from a content file, with the GUIDs they get, and its warnings."""

    notes: tuple[NoteRecord, ...]
    warnings: tuple[Problem, ...]


def plan(
    content: Path,
    decks: Path = DECKS,
    *,
    skip_unanswered: bool = False,
    accept_lock_edits: bool = False,
    progress: Progress = _quiet,
    note_type: NoteTypeOf = note_type,
    memo: Memo | None = None,
    jobs: int | None = None,
) -> Build:
    """What building a content file into `decks` would do (`build --dry-run`): read,
    parsed, identified, rendered and planned; nothing is written, renamed or removed. A
    `memo` kept from one plan to the next renders only the notes whose text changed; a
    large deck's notes are rendered in up to `jobs` processes (every processor where None)."""
    return plan_build(
        content,
        decks,
        progress=progress,
        skip_unanswered=skip_unanswered,
        accept_lock_edits=accept_lock_edits,
        note_type=note_type,
        memo=memo,
        jobs=jobs,
    )


def build(
    content: Path,
    decks: Path = DECKS,
    *,
    skip_unanswered: bool = False,
    accept_lock_edits: bool = False,
    progress: Progress = _quiet,
    jobs: int | None = None,
) -> Built:
    """Build a content file into `decks`: the deck, its lock and the changelog, written all
    or nothing; unless the last build on this machine still stands, when nothing is read."""
    from ankigen.writing.build_cache import up_to_date

    current = up_to_date(content, decks, skip_unanswered)
    if current is not None:
        return Built(content, current, None)
    planned = plan(
        content,
        decks,
        skip_unanswered=skip_unanswered,
        accept_lock_edits=accept_lock_edits,
        progress=progress,
        jobs=jobs,
    )
    planned.write(progress=progress)
    return Built(content, planned.deck_path, planned)


def stale(
    content: Path,
    decks: Path = DECKS,
    *,
    skip_unanswered: bool = False,
    accept_lock_edits: bool = False,
    progress: Progress = _quiet,
    jobs: int | None = None,
) -> Stale:
    """Whether the lock, deck and changelog on disk are what a build of the content would
    write (`build --check`, for CI and releases); nothing is written."""
    planned = plan(
        content,
        decks,
        skip_unanswered=skip_unanswered,
        accept_lock_edits=accept_lock_edits,
        progress=progress,
        jobs=jobs,
    )
    return Stale(planned, tuple(_differences(planned)))


def _differences(planned: Build) -> list[str]:
    """What on disk does not match a build: empty when the committed files are current."""
    found = []
    on_disk = _text_of(planned.lock_path)
    if on_disk is None or on_disk.replace("\r\n", "\n") != planned.lock_text:
        found.append(f"{planned.lock_path} is out of date with {planned.content}")
    try:
        current = planned.deck_path.read_bytes() == planned.deck_bytes
    except OSError:
        found.append(f"{planned.deck_path} is missing")
    else:
        if not current:
            found.append(f"{planned.deck_path} does not match {planned.content}")
    found += [f"{path} is an older version and should be removed" for path in planned.outdated]
    if _text_of(planned.changelog_path) != planned.changelog:
        found.append(f"{planned.changelog_path} has no entry for {planned.deck_path.name}")
    return found


def _text_of(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def check(content: Path, decks: Path = DECKS, *, skip_unanswered: bool = False) -> Checked:
    """Every problem of a content file at once, errors and warnings (formulas that cannot be
    typeset included); nothing is written. A file that cannot be built is not an
    exception here: its problems are the record's."""
    try:
        planned = plan(content, decks, skip_unanswered=skip_unanswered)
    except AnkigenError as exc:
        return Checked(content, tuple(exc.problems))
    notes = planned.source.notes
    problems = (*planned.warnings, *planned.formula_warnings())
    sections = len({note.section for note in notes if note.section})
    return Checked(content, problems, len(notes), sections)


def adopt(
    package: Path,
    content: Path,
    *,
    force: bool = False,
    dry_run: bool = False,
    own_deck: bool = False,
) -> Adopted:
    """Match the notes of another tool's deck (`package`, an `.apkg`) to a content file's
    questions, and write the content's lock so that its next build ships the old notes'
    GUIDs, in the deck learners have (or, with `own_deck`, in the content's own, where only
    new cards go). An existing lock is replaced only with `force`; `dry_run` writes
    nothing."""
    from ankigen.files import write_files
    from ankigen.versions.adoption import adopt as match
    from ankigen.versions.adoption import read_package
    from ankigen.versions.lock import lock_lines

    source = load_source(content)
    adoption = match(source, read_package(package), keep_deck=not own_deck)
    path = lock_path(content)
    existing = load_lock(path, accept_edits=True) if path.exists() else None
    if existing is not None and not force and not dry_run:
        message = (
            "exists: `--force` replaces it (the deck would then take over the old one's notes)"
        )
        raise error(str(path), 0, message)
    if not dry_run:
        write_files({path: lock_lines(adoption.lock)})
    return Adopted(adoption, path, existing, not dry_run, source.warnings)


def push(
    content: Path,
    decks: Path = DECKS,
    *,
    anki: AnkiConnect | None = None,
    sync: bool = False,
    progress: Progress = _quiet,
) -> Pushed:
    """Build the content if anything changed (as `build` does), then import the deck into
    the Anki that is running, through AnkiConnect's `importPackage` (which keeps GUIDs),
    and with `sync` sync it to AnkiWeb. AnkiConnect is asked first: for an Anki that is not
    there, or cannot import, nothing is built or written."""
    from ankigen.writing.anki_connect import AnkiConnect

    anki = anki or AnkiConnect.from_environment()
    anki.version()
    built = build(content, decks, progress=progress)
    progress("sending to Anki")
    anki.import_package(str(built.deck_path.resolve()))
    if sync:
        progress("syncing")
        anki.sync()
    return Pushed(built, anki.url, sync)


def new_deck(name: str, folder: Path = CONTENT) -> Path:
    """Start a deck: `folder/<name>.md` with front matter, a `deck_id` of its own, one
    section and two example questions. The file written."""
    from ankigen.authoring.new_deck import new_deck as start

    return start(name, folder)


def tidy(content: Path, *, write: bool = True) -> Tidied:
    """Number a content file's questions in order and tidy its blank lines (`fmt`); with
    `write` false, only say whether it would change. No question or answer changes."""
    from ankigen.authoring.tidying import formatted
    from ankigen.files import write_files
    from ankigen.reading.folders import deck_files

    changed: dict[Path, bytes | Iterable[str]] = {}
    for file in deck_files(content) if content.is_dir() else [content]:
        old, new = formatted(file)
        if old != new:
            changed[file] = new.encode("utf-8")
    if changed and write:
        write_files(changed)
    return Tidied(content, bool(changed))


def preview(content: Path, output: Path, decks: Path = DECKS) -> Previewed:
    """Write one self-contained HTML page showing every card of a content file, front and
    back, in light and night mode."""
    from ankigen.files import write_files
    from ankigen.writing.preview import preview_page

    planned = plan(content, decks)
    write_files({output: preview_page(planned.release).encode("utf-8")})
    return Previewed(output, planned.release.card_count, planned.warnings)


class PreviewWatch:
    """The review page of a content file kept up to date: each `refresh` plans the deck
    again (rendering only the notes whose text changed), rewrites the page, and bumps the
    script beside it that the open page watches to reload itself. While the file is broken,
    the page shows its problems over the last good cards."""

    def __init__(self, content: Path, output: Path, decks: Path = DECKS) -> None:
        self.content, self.output, self.decks = content, output, decks
        self.reload_script = output.with_name(f"{output.stem}.reload.js")
        self.memo: Memo = {}
        self.cards: CardMemo = {}
        self.last: Build | None = None
        self.version = 0

    def refresh(self) -> Previewed:
        """Rebuild the page; `AnkigenError` where the content is broken (the page then shows
        its problems over the last good cards, if there were any)."""
        from ankigen.writing.preview import preview_page

        self.version += 1
        name = self.reload_script.name
        try:
            planned = plan(self.content, self.decks, memo=self.memo)
        except AnkigenError as exc:
            if self.last is not None:
                page = preview_page(self.last.release, exc.problems, name, self.cards)
                self._write(page)
            raise
        self.last = planned
        self._write(preview_page(planned.release, (), name, self.cards))
        return Previewed(self.output, planned.release.card_count, planned.warnings)

    def _write(self, page: str) -> None:
        from ankigen.files import write_files

        write_files(
            {
                self.output: page.encode("utf-8"),
                self.reload_script: f"window.previewVersion = {self.version};\n".encode(),
            }
        )


def watch_preview(
    content: Path,
    output: Path,
    decks: Path = DECKS,
    *,
    report: Callable[[Previewed | AnkigenError], None],
    stop: threading.Event | None = None,
) -> None:
    """`preview --watch`: the page written, then rewritten on each save of the deck's files
    (each result, or the problems of a broken save, given to `report`), until `stop` is set
    or Ctrl-C is pressed. A broken first version is an `AnkigenError`."""
    from ankigen.watching import on_each_save

    on_each_save(content, PreviewWatch(content, output, decks).refresh, report, stop)


def watch_push(
    content: Path,
    decks: Path = DECKS,
    *,
    anki: AnkiConnect | None = None,
    sync: bool = False,
    report: Callable[[Pushed | AnkigenError], None],
    stop: threading.Event | None = None,
) -> None:
    """`push --watch`: the deck pushed, then pushed again on each save of its files (each
    result, or the problems of a broken save, given to `report`), until `stop` is set or
    Ctrl-C is pressed."""
    from ankigen.watching import on_each_save

    on_each_save(content, lambda: push(content, decks, anki=anki, sync=sync), report, stop)


def notes(content: Path) -> Records:
    """The notes read from a content file, each with the GUID and tags a build gives it."""
    from ankigen.versions.identity import identify

    source = load_source(content)
    identity = identify(source, load_lock(lock_path(content)))
    notes = tuple(
        NoteRecord(
            note.number,
            note.section,
            note.question,
            note.prompt,
            note.answer,
            note.tags,
            guid,
            note.line,
            note.kind.value,
            tuple(deletion.number for deletion in deletions),
            note.file,
            note.subdeck,
        )
        for note, guid, deletions in zip(
            identity.notes, identity.guids, identity.clozes, strict=True
        )
    )
    return Records(notes, source.warnings)


def release_notes(content: Path, *, markdown: bool = False) -> str:
    """What a deck's current version changed since the one before, from the lock its last
    build wrote (`diff`): plain text, or Markdown for a release."""
    from ankigen.versions.release_notes import release_notes as notes

    if not content.exists():
        raise error(str(content), 0, "no such file")
    lock = load_lock(lock_path(content))
    if not lock.version:
        raise error(str(content), 0, "not built yet: run `ankigen build`")
    return notes(load_source(content).deck, lock, markdown=markdown)


def explain(content: Path, line: int | None = None) -> list[str]:
    """How a content file's questions were found, or why one line is or is not a question
    (`parse --explain`)."""
    from ankigen.reading.explaining import explain as said
    from ankigen.reading.parsing import read
    from ankigen.reading.text import prepare, read_text

    return said(read(prepare(read_text(content))), line)
