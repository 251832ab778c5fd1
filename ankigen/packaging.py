"""Shipped notes -> the `.apkg` file: genanki's collection, filled as notes are rendered.

Notes arrive one at a time while the release is still being worked out, and wait in a
staging database by their place in the deck (a large deck's helper process stages its
share in a second one). Once the release is known, genanki writes the collection, its
note type and its deck, and the notes and their one card each are copied in by SQLite
itself, in order, with ids counting up from the newest time in the release (note then
card, as genanki counts them) and each note's own `mod` (genanki's write path stamps one
time on all). The zip has fixed entry times, so the same release always gives the same
bytes.

The collection is written by a worker process meanwhile, so a large deck's rows and rendered
fields are never held by the build, and a small deck's build does not wait for genanki to
load.
"""

from __future__ import annotations

import html
import json
import os
import pickle
import tempfile
import weakref
from collections.abc import Callable, Iterable, Iterator
from contextlib import closing, suppress
from dataclasses import dataclass
from functools import cached_property, partial
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from ankigen import notetype
from ankigen.errors import error
from ankigen.forking import Forked
from ankigen.notetype import NoteType
from ankigen.records import DeckInfo

if TYPE_CHECKING:
    import sqlite3

    from ankigen.release import DeckNote, Release

ZIP_TIME = (1980, 1, 1, 0, 0, 0)
HARD_COMPRESSION_LIMIT = 2**20
"""Entries smaller than this are compressed hardest, by zlib; larger ones fast, by ISA-L
(on a 100,000-note deck: 4 times as fast as zlib's fastest level, and as small)."""
FAST_LEVEL = 2
"""ISA-L's level for large entries: as fast as its level 1 and 1% smaller."""
BATCH = 2000
"""Notes handed to the collection at a time."""
PIPE_BYTES = 2**20
"""Room in the pipe to the worker (64 KiB by default; a batch of notes is about 1 MiB)."""
Row = tuple[str, int, str, str, str, int]
"""A shipped note as it waits: GUID, mod, tags, fields, sort field, due."""
STAGED = ("staging.db", "helper.db")
"""The staging databases in the package's folder: the worker's, and a helper process's."""


@dataclass(frozen=True)
class _Contents:
    """What the collection holds besides its notes: the release without its lock."""

    deck: DeckInfo
    description: str
    notetype: NoteType
    notetype_mod: int
    media: dict[str, bytes]
    """Packaged file name -> bytes of every image the notes show."""


class DeckPackage:
    """One build's `.apkg`, written by a worker process while the build goes on: filled
    with `add`, finished with `finish`, read from `file()`.

    The worker loads genanki as soon as it starts, which is most of a small build's
    start-up: started first, it has done so by the time the notes are rendered. Where
    processes cannot be forked, the collection is written in this process instead.
    """

    def __init__(self) -> None:
        self._folder = Path(tempfile.mkdtemp(prefix="ankigen-"))
        self._batch: list[Row] = []
        self._worker = _worker(self._folder)
        self.close = weakref.finalize(self, _remove, self._worker, self._folder)
        """Stop the worker process and remove what it wrote (when the package is dropped
        or the program ends, if not before)."""

    def add(self, note: DeckNote) -> None:
        """A note of the deck, in the order learners get them."""
        self._batch.append(_row(note))
        if len(self._batch) >= BATCH:
            self._worker.send(self._batch)
            self._batch = []

    def stage(self, notes: Iterable[DeckNote]) -> None:
        """Notes staged by a helper process of the build (forked once the worker started)
        instead of `add`: they are packaged with the others, in order of `due`."""
        staging = _Staging(self._folder / STAGED[1])
        batch: list[Row] = []
        for note in notes:
            batch.append(_row(note))
            if len(batch) >= BATCH:
                staging.add(batch)
                batch = []
        staging.add(batch)
        staging.close()

    def finish(self, release: Release) -> None:
        """No more notes: the worker writes the collection and zips it."""
        self._worker.send(self._batch)
        self._batch = []
        deck, notetype_mod = release.deck, release.notetype_mod
        self._worker.send(
            _Contents(deck, _description(release), release.notetype, notetype_mod, release.media)
        )

    def file(self) -> Path:
        """The finished `.apkg` file (waiting for the worker to finish it)."""
        if self._failure is not None:
            raise error(str(self._folder), 0, f"the deck cannot be packaged: {self._failure}")
        return self._folder / "deck.apkg"

    @cached_property
    def _failure(self) -> str | None:
        """What the worker answers once done: None, or what failed."""
        return self._worker.reply()

    def notes(self) -> Iterator[DeckNote]:
        """The finished deck's notes, in the order learners get them."""
        import sqlite3

        from ankigen.release import DeckNote

        self.file()  # finished first
        with closing(sqlite3.connect(":memory:")) as connection:
            shipped = _attach_staged(connection, self._folder)
            rows = connection.execute(shipped("guid, mod, tags, flds, due"))
            for guid, mod, tags, flds, due in rows:
                question, answer, section = flds.split("\x1f")
                yield DeckNote(guid, (question, answer, section), tuple(tags.split()), mod, due)


def _worker(folder: Path) -> Forked[None] | _Here:
    """The process that writes the collection: a forked one, or this one where none can be."""
    if hasattr(os, "fork"):
        with suppress(OSError):  # no process to spare: written here instead
            return Forked(partial(_serve, folder), "the packaging process stopped", PIPE_BYTES)
    return _Here(folder)


class _Here:
    """Where processes cannot be forked: the collection written in this process."""

    def __init__(self, folder: Path) -> None:
        self.collection = _Collection(folder)
        self.failure: str | None = None

    def send(self, item: list[Row] | _Contents) -> None:
        if self.failure is None:
            self.failure = _written(self.collection, item)

    def reply(self) -> str | None:
        return self.failure

    def stop(self) -> None:
        """Nothing runs in the background."""


def _serve(folder: Path, stream: BinaryIO) -> str | None:
    """The worker: rows until the contents arrive, then the collection; what failed, if
    anything."""
    import genanki  # noqa: F401  # loaded while the build renders, not after it

    collection = _Collection(folder)
    reply: str | None = None
    try:
        while reply is None and not isinstance(item := pickle.load(stream), _Contents):
            reply = _written(collection, item)
    except EOFError:
        return "the build stopped before the deck was finished"
    return reply or _written(collection, item)


def _written(collection: _Collection, item: list[Row] | _Contents) -> str | None:
    """Rows added, or the collection finished; what failed, if anything."""
    import sqlite3

    try:
        if isinstance(item, _Contents):
            collection.finish(item)
        else:
            collection.add(item)
    except (OSError, sqlite3.Error) as exc:
        return str(exc)
    return None


def _remove(worker: Forked[None] | _Here, folder: Path) -> None:
    import shutil

    worker.stop()
    shutil.rmtree(folder, ignore_errors=True)


def _description(release: Release) -> str:
    """The deck description Anki shows in the deck overview: title, version, size, blurb."""
    deck = release.deck
    count = release.question_count
    lines = [
        f"<b>{html.escape(deck.title)}</b>",
        f"Version {release.version} · {count} question{'s' * (count != 1)}",
    ]
    if deck.description:
        lines.append(html.escape(deck.description))
    return "<br>".join(lines)


def _row(note: DeckNote) -> Row:
    tags, flds = f" {' '.join(note.tags)} ", "\x1f".join(note.fields)
    return (note.guid, note.mod, tags, flds, note.fields[notetype.SORT_FIELD], note.due)


class _Staging:
    """Shipped notes waiting for the collection, in a database of their own, by `due`."""

    def __init__(self, path: Path) -> None:
        self.connection = _connect(path)
        self.connection.execute(
            "CREATE TABLE shipped (guid TEXT, mod INTEGER, tags TEXT, flds TEXT, sfld TEXT,"
            " due INTEGER PRIMARY KEY)"
        )

    def add(self, rows: list[Row]) -> None:
        self.connection.executemany("INSERT INTO shipped VALUES (?, ?, ?, ?, ?, ?)", rows)

    def close(self) -> None:
        self.connection.commit()
        self.connection.close()


def _attach_staged(connection: sqlite3.Connection, folder: Path) -> Callable[[str], str]:
    """Attach the staging databases there are; a query of some columns of all their notes,
    by `due` (which SQLite merges from the tables' own order)."""
    tables = []
    for number, name in enumerate(STAGED):
        if number == 0 or (folder / name).exists():
            connection.execute(f"ATTACH DATABASE ? AS staged{number}", (str(folder / name),))
            tables.append(f"staged{number}.shipped")
    return lambda columns: (
        " UNION ALL ".join(f"SELECT {columns} FROM {table}" for table in tables) + " ORDER BY due"
    )


class _Collection:
    """The staging database, then the collection and the zip, in one folder."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.staging = _Staging(folder / STAGED[0])

    def add(self, rows: list[Row]) -> None:
        self.staging.add(rows)

    def finish(self, contents: _Contents) -> None:
        import genanki

        self.staging.close()
        kind = contents.notetype
        model = genanki.Model(
            notetype.MODEL_ID,
            notetype.NAME,
            fields=[dict(field) for field in kind.fields],
            templates=[dict(template) for template in kind.templates],
            css=kind.css,
            sort_field_index=notetype.SORT_FIELD,
        )
        deck = genanki.Deck(contents.deck.deck_id, contents.deck.title, contents.description)
        deck.add_model(model)
        collection = self.folder / "collection.anki2"
        with closing(_connect(collection)) as connection:
            genanki.Package(deck).write_to_db(connection.cursor(), contents.notetype_mod, iter(()))
            shipped = _attach_staged(connection, self.folder)
            times = shipped("mod, due")
            (newest,) = connection.execute(f"SELECT max(mod) FROM ({times})").fetchone()
            first = 1000 * max(contents.notetype_mod, newest or 0)
            ids = {"first": first, "model": notetype.MODEL_ID, "deck": contents.deck.deck_id}
            connection.execute(
                "INSERT INTO notes SELECT :first + 2 * (due - 1), guid, :model, mod, -1, tags,"
                f" flds, sfld, 0, 0, '' FROM ({shipped('*')})",
                ids,
            )
            connection.execute(
                "INSERT INTO cards SELECT :first + 2 * (due - 1) + 1, :first + 2 * (due - 1),"
                f" :deck, 0, mod, -1, 0, 0, due, 0, 0, 0, 0, 0, 0, 0, 0, '' FROM ({times})",
                ids,
            )
            connection.commit()
        numbered = dict(enumerate(contents.media.items()))
        index = {str(number): name for number, (name, _) in numbered.items()}
        files = {str(number): data for number, (_, data) in numbered.items()}
        entries: dict[str, bytes | Path] = {"collection.anki2": collection}
        entries |= {"media": json.dumps(index).encode(), **files}
        _zip(entries, self.folder / "deck.apkg")
        collection.unlink()  # zipped: removed here, not by the build at its end


def _connect(path: Path) -> sqlite3.Connection:
    """A connection for writing a file nobody else reads meanwhile: no journal, no syncs."""
    import sqlite3  # loaded by the worker, not before it starts

    connection = sqlite3.connect(path)
    connection.executescript("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;")
    return connection


def _zip(entries: dict[str, bytes | Path], target: Path) -> None:
    """A zip of the entries, in order, with fixed times: files are streamed, not loaded."""
    import shutil
    import zipfile

    with zipfile.ZipFile(target, "w") as archive:
        for name, data in entries.items():
            info = zipfile.ZipInfo(name, ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o644 << 16
            size = data.stat().st_size if isinstance(data, Path) else len(data)
            # what ZipFile.writestr(compresslevel=) sets; public as `compress_level` from 3.13
            info._compresslevel = 9  # type: ignore[attr-defined]
            with archive.open(info, "w") as entry:
                if size >= HARD_COMPRESSION_LIMIT:  # zipfile's raw deflate stream, made by ISA-L
                    from isal import isal_zlib  # a small deck never needs it

                    fast = isal_zlib.compressobj(FAST_LEVEL, isal_zlib.DEFLATED, -15)
                    entry._compressor = fast  # type: ignore[attr-defined]
                if isinstance(data, Path):
                    with data.open("rb") as source:
                        shutil.copyfileobj(source, entry, 2**20)
                else:
                    entry.write(data)
