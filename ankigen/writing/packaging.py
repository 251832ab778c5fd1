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
from contextlib import closing
from pathlib import Path

from ankigen.cards import notetype as notetypes
from ankigen.errors import error
from ankigen.files import temporary_folder
from ankigen.records import CardKind
from ankigen.versions.release import Release
from ankigen.versions.release_notes import ADOPTION_NOTE

ZIP_TIME = (1980, 1, 1, 0, 0, 0)
SMALL = 2**20
"""A collection smaller than this is compressed hardest; a larger one fast (zlib's level 1
is seven times as fast as its level 9 on a 10,000-note deck, and within a fifth of its size)."""


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
                # the collection, its deck and note type; then each note, stamped with the
                # time its content last changed, made and written one at a time
                genanki.Package([deck, *subdecks.values()]).write_to_db(
                    cursor, release.notetype_mod, ids
                )
                for note in release.notes:
                    model = models[note.kind]
                    fields, tags = list(note.fields[: len(model.fields)]), list(note.tags)
                    written = genanki.Note(model, fields, guid=note.guid, tags=tags, due=note.due)
                    into = subdecks[note.subdeck] if note.subdeck else deck
                    written.write_to_db(cursor, note.mod, into.deck_id, ids)
                connection.commit()
            return _zipped(collection, {name: image.data for name, image in release.media.items()})
    except (OSError, sqlite3.Error) as exc:
        where = getattr(exc, "filename", None) or tempfile.gettempdir()
        reason = getattr(exc, "strerror", None) or exc
        raise error(str(where), 0, f"the deck cannot be packaged here: {reason}") from None


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
    level = 9 if collection.stat().st_size < SMALL else 1
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
