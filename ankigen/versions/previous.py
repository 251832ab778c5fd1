"""The version learners have -> the fields of the notes the next version removes, as they
were shipped: the lock keeps no answers, and a removed question is shipped once more with
its answer (and its images) and a notice, so that learners can find it and decide."""

from __future__ import annotations

import html
import json
import sqlite3
import zipfile
from collections.abc import Collection
from contextlib import closing
from pathlib import Path
from typing import NamedTuple

from ankigen.cards.media import Image
from ankigen.cards.rendering import IMAGE_SOURCE, Fields
from ankigen.files import temporary_folder

COLLECTION = "collection.anki2"
"""Where genanki, and so ankigen, writes a package's notes."""
LARGEST = 2**30
"""A package's collection larger than this is not read (it is not one a build wrote)."""


class Shipped(NamedTuple):
    """A note as the version before shipped it."""

    fields: Fields
    images: tuple[Image, ...]


def shipped_notes(package: Path | None, guids: Collection[str]) -> dict[str, Shipped]:
    """The notes (of those `guids`) a deck's package holds, with the images they show; none
    where there is no package, or it cannot be read (a removed question then shows its
    question and the notice alone)."""
    if package is None or not guids:
        return {}
    try:
        with zipfile.ZipFile(package) as archive:
            if archive.getinfo(COLLECTION).file_size > LARGEST:
                return {}
            names = json.loads(archive.read("media"))
            entries = {name: number for number, name in names.items()}
            with temporary_folder() as folder:
                collection = Path(folder) / COLLECTION
                collection.write_bytes(archive.read(COLLECTION))
                rows = _rows(collection, guids)
            found = {}
            for guid, joined in rows:
                fields = tuple(joined.split("\x1f"))
                if len(fields) == 2:  # a note type kept from another tool: no section
                    fields = (*fields, "")
                if len(fields) != 3:
                    continue
                shown = {
                    html_name: Image(html_name, "", archive.read(entries[html_name]))
                    for field in fields
                    for html_name in _image_names(field)
                    if html_name in entries
                }
                found[guid] = Shipped((fields[0], fields[1], fields[2]), tuple(shown.values()))
            return found
    except (OSError, KeyError, ValueError, zipfile.BadZipFile, sqlite3.Error):
        return {}


def _rows(collection: Path, guids: Collection[str]) -> list[tuple[str, str]]:
    wanted = set(guids)
    with closing(sqlite3.connect(f"file:{collection}?mode=ro", uri=True)) as connection:
        rows = connection.execute("SELECT guid, flds FROM notes").fetchall()
    return [(str(guid), str(joined)) for guid, joined in rows if guid in wanted]


def _image_names(field: str) -> list[str]:
    return [html.unescape(found[2]) for found in IMAGE_SOURCE.finditer(field)]
