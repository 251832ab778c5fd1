"""Shipped notes -> the `.apkg` file: genanki's collection, filled as notes are rendered.

Notes arrive one at a time while the release is still being worked out, and wait in a
staging database in file order. Once the release is known, genanki writes the collection, its
note type and its deck, and the notes and their one card each are copied in by SQLite
itself, with ids counting up from the newest time in the release (note then card, as
genanki counts them) and each note's own `mod` (genanki's write path stamps one time on
all). The zip has fixed entry times, so the same release always gives the same bytes.

A large deck's collection is written by a worker process meanwhile, so neither its rows nor
its rendered fields are held by the build.
"""

from __future__ import annotations

import html
import json
import multiprocessing
import shutil
import signal
import sqlite3
import tempfile
import zipfile
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ankigen import notetype
from ankigen.errors import error
from ankigen.notetype import NoteType
from ankigen.records import DeckInfo

if TYPE_CHECKING:
    from multiprocessing.connection import Connection

    from ankigen.release import DeckNote, Release

ZIP_TIME = (1980, 1, 1, 0, 0, 0)
HARD_COMPRESSION_LIMIT = 2**20
"""Entries smaller than this are compressed hardest; larger ones fast (on a large deck,
level 9 takes 7 times as long as level 1 and saves 14% of its size)."""
BATCH = 2000
"""Notes handed to the collection at a time."""
Row = tuple[str, int, str, str, str, int]
"""A shipped note as it waits: GUID, mod, tags, fields, sort field, due."""


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
    """One build's `.apkg`, filled with `add`, finished with `finish`, read at `path`.

    With `background`, a worker process writes it while the build goes on; without, it is
    written here (a small deck is done before a worker process would have started).
    """

    def __init__(self, background: bool) -> None:
        self._folder = tempfile.TemporaryDirectory(prefix="ankigen-")
        folder = Path(self._folder.name)
        self._batch: list[Row] = []
        self._done = False
        self._broken = False
        self._worker: multiprocessing.Process | None = None
        self._collection: _Collection | None = None
        if background:
            self._connection, theirs = multiprocessing.Pipe()
            self._worker = multiprocessing.Process(
                target=_serve, args=(theirs, folder), name="ankigen packaging", daemon=True
            )
            self._worker.start()
            theirs.close()
        else:
            self._collection = _Collection(folder)

    def add(self, note: DeckNote) -> None:
        """A note of the deck, in the order learners get them."""
        tags, flds = f" {' '.join(note.tags)} ", "\x1f".join(note.fields)
        sort_field = note.fields[notetype.SORT_FIELD]
        self._batch.append((note.guid, note.mod, tags, flds, sort_field, note.due))
        if len(self._batch) >= BATCH:
            self._hand_over(self._batch)
            self._batch = []

    def finish(self, release: Release) -> None:
        """No more notes: write the collection and zip it (in the background, if started so)."""
        self._hand_over(self._batch)
        self._batch = []
        deck, notetype_mod = release.deck, release.notetype_mod
        self._hand_over(
            _Contents(deck, _description(release), release.notetype, notetype_mod, release.media)
        )

    @property
    def path(self) -> Path:
        """The finished `.apkg` file (waiting for it, if it is made in the background)."""
        if not self._done:
            if self._worker is not None:
                reply = self._receive()
                self._worker.join()
                if reply is not None:
                    raise error(self._folder.name, 0, f"the deck cannot be packaged: {reply}")
            self._done = True
        return Path(self._folder.name) / "deck.apkg"

    def notes(self) -> Iterator[DeckNote]:
        """The finished deck's notes, in the order learners get them."""
        from ankigen.release import DeckNote

        self.path  # noqa: B018  # finished first
        with closing(_connect(Path(self._folder.name) / "staging.db")) as connection:
            rows = connection.execute("SELECT guid, mod, tags, flds, due FROM shipped")
            for guid, mod, tags, flds, due in rows:
                question, answer, section = flds.split("\x1f")
                yield DeckNote(guid, (question, answer, section), tuple(tags.split()), mod, due)

    def close(self) -> None:
        """Stop the worker process, if any, and remove what it wrote."""
        if self._worker is not None and self._worker.is_alive():
            self._worker.terminate()
            self._worker.join()
        self._folder.cleanup()

    def _hand_over(self, item: list[Row] | _Contents) -> None:
        if self._collection is not None:
            if isinstance(item, _Contents):
                self._collection.finish(item)
            else:
                self._collection.add(item)
            return
        if self._broken:
            return
        try:
            self._connection.send(item)
        except OSError:  # the worker has stopped: it says why when the deck is asked for
            self._broken = True

    def _receive(self) -> str | None:
        try:
            reply: str | None = self._connection.recv()
        except (EOFError, OSError):
            return "the packaging process stopped unexpectedly"
        return reply


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


def _serve(connection: Connection, folder: Path) -> None:
    """The worker process: rows until the contents arrive; replies None, or what failed."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the build that started it handles Ctrl-C
    try:
        collection = _Collection(folder)
        while not isinstance(item := connection.recv(), _Contents):
            collection.add(item)
        collection.finish(item)
    except (OSError, sqlite3.Error) as exc:
        connection.send(str(exc))
    else:
        connection.send(None)


class _Collection:
    """The staging database, then the collection and the zip, in one folder."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.staging = _connect(folder / "staging.db")
        self.staging.execute(
            "CREATE TABLE shipped (guid TEXT, mod INTEGER, tags TEXT, flds TEXT, sfld TEXT,"
            " due INTEGER)"
        )
        self.newest = 0

    def add(self, rows: list[Row]) -> None:
        self.staging.executemany("INSERT INTO shipped VALUES (?, ?, ?, ?, ?, ?)", rows)
        self.newest = max([self.newest, *(row[1] for row in rows)])

    def finish(self, contents: _Contents) -> None:
        import genanki  # only the process that writes the collection needs it

        self.staging.commit()
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
            connection.execute("ATTACH DATABASE ? AS staging", (str(self.folder / "staging.db"),))
            first = 1000 * max(contents.notetype_mod, self.newest)
            ids = {"first": first, "model": notetype.MODEL_ID, "deck": contents.deck.deck_id}
            connection.execute(
                "INSERT INTO notes SELECT :first + 2 * (rowid - 1), guid, :model, mod, -1, tags,"
                " flds, sfld, 0, 0, '' FROM staging.shipped ORDER BY rowid",
                ids,
            )
            connection.execute(
                "INSERT INTO cards SELECT :first + 2 * (rowid - 1) + 1, :first + 2 * (rowid - 1),"
                " :deck, 0, mod, -1, 0, 0, due, 0, 0, 0, 0, 0, 0, 0, 0, '' FROM staging.shipped"
                " ORDER BY rowid",
                ids,
            )
            connection.commit()
            connection.execute("DETACH DATABASE staging")
        numbered = dict(enumerate(contents.media.items()))
        index = {str(number): name for number, (name, _) in numbered.items()}
        files = {str(number): data for number, (_, data) in numbered.items()}
        entries: dict[str, bytes | Path] = {"collection.anki2": collection}
        entries |= {"media": json.dumps(index).encode(), **files}
        _zip(entries, self.folder / "deck.apkg")


def _connect(path: Path) -> sqlite3.Connection:
    """A connection for writing a file nobody else reads meanwhile: no journal, no syncs."""
    connection = sqlite3.connect(path)
    connection.executescript("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;")
    return connection


def _zip(entries: dict[str, bytes | Path], target: Path) -> None:
    """A zip of the entries, in order, with fixed times: files are streamed, not loaded."""
    with zipfile.ZipFile(target, "w") as archive:
        for name, data in entries.items():
            info = zipfile.ZipInfo(name, ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o644 << 16
            size = data.stat().st_size if isinstance(data, Path) else len(data)
            # what ZipFile.writestr(compresslevel=) sets; public as `compress_level` from 3.13
            info._compresslevel = 9 if size < HARD_COMPRESSION_LIMIT else 1  # type: ignore[attr-defined]
            with archive.open(info, "w") as entry:
                if isinstance(data, Path):
                    with data.open("rb") as source:
                        shutil.copyfileobj(source, entry, 2**20)
                else:
                    entry.write(data)
