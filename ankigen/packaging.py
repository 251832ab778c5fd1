"""A release -> the bytes of its `.apkg`: genanki's collection, zipped reproducibly.

genanki stamps every note with one time and zips with the temporary file's mtime; here each
note carries its own `mod`, ids follow from the release, and the zip has fixed entry times,
so the same release always gives the same bytes.
"""

from __future__ import annotations

import html
import io
import itertools
import json
import sqlite3
import warnings
import zipfile
from collections.abc import Iterator
from typing import Any

import genanki

from ankigen import notetype
from ankigen.release import Release

ZIP_TIME = (1980, 1, 1, 0, 0, 0)


class _Note(genanki.Note):  # type: ignore[misc]  # genanki is untyped
    """A genanki note stamped with the time its own content last changed."""

    def __init__(self, mod: int, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.mod = mod

    def write_to_db(
        self, cursor: sqlite3.Cursor, timestamp: float, deck_id: int, id_gen: Iterator[int]
    ) -> None:
        super().write_to_db(cursor, self.mod, deck_id, id_gen)


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
    for note in release.notes:
        deck.add_note(
            _Note(
                note.mod,
                model=model,
                fields=list(note.fields),
                tags=list(note.tags),
                guid=note.guid,
                due=note.due,
            )
        )
    newest = max([release.notetype_mod, *(note.mod for note in release.notes)])
    connection = sqlite3.connect(":memory:")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # fields are sanitised HTML; genanki's check is for text
        genanki.Package(deck).write_to_db(
            connection.cursor(), release.notetype_mod, itertools.count(newest * 1000)
        )
    connection.commit()
    collection = connection.serialize()
    connection.close()
    numbered = dict(enumerate(release.media.items()))
    index = {str(number): name for number, (name, _) in numbered.items()}
    files = {str(number): data for number, (_, data) in numbered.items()}
    return _zip({"collection.anki2": collection, "media": json.dumps(index).encode(), **files})


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


def _zip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in entries.items():
            info = zipfile.ZipInfo(name, ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o644 << 16
            archive.writestr(info, data, compresslevel=9)
    return buffer.getvalue()
