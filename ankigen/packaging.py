"""A release -> the bytes of its `.apkg`: genanki's collection, zipped reproducibly.

genanki writes the collection, its note type and its deck; the notes go in in two batches
(genanki's own write path stamps one time on every note and inserts row by row). The zip
has fixed entry times, so the same release always gives the same bytes.
"""

from __future__ import annotations

import html
import io
import json
import shutil
import sqlite3
import tempfile
import zipfile
from pathlib import Path

import genanki

from ankigen import notetype
from ankigen.release import Release

ZIP_TIME = (1980, 1, 1, 0, 0, 0)
HARD_COMPRESSION_LIMIT = 2**20
"""Entries smaller than this are compressed hardest; larger ones fast (on a large deck,
level 9 takes 7 times as long as level 1 and saves 14% of its size)."""


def package_deck(release: Release) -> bytes:
    """The `.apkg` file's bytes for a release."""
    kind = release.notetype
    model = genanki.Model(
        notetype.MODEL_ID,
        notetype.NAME,
        fields=[dict(field) for field in kind.fields],
        templates=[dict(template) for template in kind.templates],
        css=kind.css,
        sort_field_index=notetype.SORT_FIELD,
    )
    deck = genanki.Deck(release.deck.deck_id, release.deck.title, description(release))
    deck.add_model(model)
    numbered = dict(enumerate(release.media.items()))
    index = {str(number): name for number, (name, _) in numbered.items()}
    files = {str(number): data for number, (_, data) in numbered.items()}
    with tempfile.TemporaryDirectory(prefix="ankigen-") as folder:
        collection = Path(folder) / "collection.anki2"  # on disk: a large deck is not held twice
        connection = sqlite3.connect(collection)
        connection.executescript("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;")
        genanki.Package(deck).write_to_db(connection.cursor(), release.notetype_mod, iter(()))
        _write_notes(connection, release)
        connection.commit()
        connection.close()
        return _zip({"collection.anki2": collection, "media": json.dumps(index).encode(), **files})


def _write_notes(connection: sqlite3.Connection, release: Release) -> None:
    """The notes and their one card each, in rows as genanki writes them, in one batch each.

    Each note carries its own `mod` (genanki's write path stamps one time on all); ids
    count up from the newest time in the release, note then card, as genanki counts them.
    Rows are made as they are inserted, so a large deck's rows are never all held at once.
    """
    first_id = 1000 * max([release.notetype_mod, *(note.mod for note in release.notes)])
    deck_id, model_id, sort_field = release.deck.deck_id, notetype.MODEL_ID, notetype.SORT_FIELD
    notes = (
        (first_id + 2 * index, note.guid, model_id, note.mod, -1, f" {' '.join(note.tags)} ",
         "\x1f".join(note.fields), note.fields[sort_field], 0, 0, "")
        for index, note in enumerate(release.notes)
    )  # fmt: skip
    cards = (
        (first_id + 2 * index + 1, first_id + 2 * index, deck_id, 0, note.mod, -1, 0, 0,
         note.due, 0, 0, 0, 0, 0, 0, 0, 0, "")
        for index, note in enumerate(release.notes)
    )  # fmt: skip
    connection.executemany("INSERT INTO notes VALUES(?,?,?,?,?,?,?,?,?,?,?)", notes)
    connection.executemany("INSERT INTO cards VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", cards)


def description(release: Release) -> str:
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


def _zip(entries: dict[str, bytes | Path]) -> bytes:
    """A zip of the entries, in order, with fixed times: files are streamed, not loaded."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
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
    return buffer.getvalue()
