"""A release -> the `.apkg` file's bytes, written by genanki through its public API.

Each note is written with its own `mod`, the time its content last changed (genanki's package
would stamp one time on all); note and card ids count up from the newest time in the
release, as genanki counts them. The zip has
fixed entry times and modes, so the same release always gives the same bytes.
"""

from __future__ import annotations

import hashlib
import html
import io
import itertools
import json
import os
import re
import sqlite3
import tempfile
import zipfile
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path
from typing import TYPE_CHECKING

from ankigen.cards import notetype as notetypes
from ankigen.errors import error
from ankigen.files import temporary_folder
from ankigen.records import CardKind
from ankigen.versions.release import Release
from ankigen.versions.release_notes import ADOPTION_NOTE

if TYPE_CHECKING:
    import genanki

ZIP_TIME = (1980, 1, 1, 0, 0, 0)
NOTE_COLUMNS = ",".join("?" * 11)
CARD_COLUMNS = ",".join("?" * 18)
SMALL = 2**20
"""A collection smaller than this is compressed at zlib's usual level (its level 9 takes this
deck's 60% longer for 1% less); a larger one fast (zlib's level 1 is seven times as fast as
its level 9 on a 10,000-note deck, and within a fifth of its size)."""


def package(release: Release) -> bytes:
    """The `.apkg` file of a release."""
    import genanki  # loaded only to package: `check`, `preview` and dry runs never do

    models = {
        kind: genanki.Model(
            notetype.id,
            notetype.name,
            fields=[dict(field) for field in notetype.fields],
            templates=[dict(template) for template in notetype.templates],
            css=notetype.css,
            model_type=genanki.Model.CLOZE if kind is CardKind.CLOZE else genanki.Model.FRONT_BACK,
            sort_field_index=notetypes.SORT_FIELD,
        )
        for kind, notetype in release.notetypes.items()
    }
    deck = genanki.Deck(*release.anki_deck, _description(release))
    for model in models.values():
        deck.add_model(model)
    subdecks = {
        name: genanki.Deck(subdeck_id(deck.deck_id, name), f"{deck.name}::{name}")
        for name in sorted({note.subdeck for note in release.notes if note.subdeck})
    }
    newest = max([release.notetype_mod, *(note.mod for note in release.notes)])
    try:
        with temporary_folder() as folder:
            collection = Path(folder) / "collection.anki2"
            with closing(sqlite3.connect(collection)) as connection:
                connection.executescript("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;")
                cursor, ids = connection.cursor(), itertools.count(newest * 1000)
                # the collection, its deck and note type; then the notes, each stamped with
                # the time its content last changed, and their cards
                genanki.Package([deck, *subdecks.values()]).write_to_db(
                    cursor, release.notetype_mod, ids
                )
                notes, cards = _rows(release, models, subdecks, deck.deck_id, ids)
                cursor.executemany(f"INSERT INTO notes VALUES({NOTE_COLUMNS})", notes)
                cursor.executemany(f"INSERT INTO cards VALUES({CARD_COLUMNS})", cards)
                connection.commit()
            return _zipped(collection, {name: image.data for name, image in release.media.items()})
    except (OSError, sqlite3.Error) as exc:
        where = getattr(exc, "filename", None) or tempfile.gettempdir()
        reason = getattr(exc, "strerror", None) or exc
        raise error(str(where), 0, f"the deck cannot be packaged here: {reason}") from None


def _rows(
    release: Release,
    models: dict[CardKind, genanki.Model],
    subdecks: dict[str, genanki.Deck],
    deck_id: int,
    ids: Iterator[int],
) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    """The rows of the collection's `notes` and `cards` tables, as genanki's
    `Note.write_to_db` writes them one at a time (each note's id, then its cards' ids,
    from `ids`), made together so that they are inserted in two statements: a third of the
    time of packaging a 10,000-note deck. Which cards a note has is genanki's answer."""
    import genanki

    notes: list[tuple[object, ...]] = []
    cards: list[tuple[object, ...]] = []
    ordinals: dict[tuple[object, ...], list[int]] = {}
    for note in release.notes:
        model = models[note.kind]
        fields = note.fields[: len(model.fields)]
        # a note's cards follow from which fields are filled; a cloze's, from its text
        key = (note.kind, *(fields if note.kind is CardKind.CLOZE else map(bool, fields)))
        made = ordinals.get(key)
        if made is None:
            made = ordinals[key] = [card.ord for card in genanki.Note(model, list(fields)).cards]
        note_id, into = next(ids), subdecks[note.subdeck].deck_id if note.subdeck else deck_id
        tags = f" {' '.join(note.tags)} "
        notes.append(
            (note_id, note.guid, model.model_id, note.mod, -1, tags, "\x1f".join(fields),
             fields[notetypes.SORT_FIELD], 0, 0, "")
        )  # fmt: skip
        cards += [
            (next(ids), note_id, into, ordinal, note.mod, -1, 0, 0, note.due, *[0] * 8, "")
            for ordinal in made
        ]
    return notes, cards


def subdeck_id(deck_id: int, name: str) -> int:
    """A sub-deck's id, fixed by its deck's id and its name (Anki knows decks by name: the
    id only has to be the same in every version)."""
    digest = hashlib.sha256(f"{deck_id}::{name}".encode()).digest()
    return 2**30 + int.from_bytes(digest[:4], "big") % 2**30


def _zipped(collection: Path, media: dict[str, bytes]) -> bytes:
    """The package: the collection, the media index and the media files, in that order.

    The collection is streamed from its file, whose time (before 1980) and mode are set so
    that its entry is the same on every machine and in every time zone.
    """
    os.chmod(collection, 0o644)
    os.utime(collection, (0, 0))
    level = 6 if collection.stat().st_size < SMALL else 1
    numbered = list(enumerate(media.items()))
    index = {str(number): name for number, (name, _) in numbered}
    buffer = io.BytesIO()
    with zipfile.ZipFile(
        buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=level, strict_timestamps=False
    ) as archive:
        archive.write(collection, "collection.anki2")
        entries = [("media", json.dumps(index).encode())]
        entries += [(str(number), data) for number, (_, data) in numbered]
        for name, data in entries:
            info = zipfile.ZipInfo(name, ZIP_TIME)
            info.external_attr = 0o644 << 16
            archive.writestr(info, data, zipfile.ZIP_DEFLATED, 9)
    return buffer.getvalue()


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
    if release.lock.adopted_in == release.version:  # until the next version
        lines.append(_markdown_emphasis(html.escape(ADOPTION_NOTE)))
    return "<br>".join(lines)


def _markdown_emphasis(text: str) -> str:
    return re.sub(r"\*([^*]+)\*", r"<i>\1</i>", text)
