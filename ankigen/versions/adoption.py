"""A deck learners already have (made by another tool) + a content file -> a lock with which
the next build ships the old deck's GUIDs, so that learners' cards are updated in place.

The old deck's notes are matched to the content's questions by the rules a build matches
the lock by (the same question, then the same answer, then a similar question), comparing
the text the cards show, since the old fields are HTML.
"""

from __future__ import annotations

import html
import json
import re
import sqlite3
import stat
import time
import zipfile
from collections import Counter
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import zstandard

from ankigen.cards.rendering import card_html
from ankigen.errors import error
from ankigen.files import temporary_folder
from ankigen.records import (
    KeptDeck,
    KeptNoteType,
    Lock,
    LockedNote,
    Note,
    Source,
    answer_hash,
    normalise,
)
from ankigen.versions.identity import identify
from ankigen.versions.lock import LATEST_MOD

TEMPLATE_NAME = re.compile(r"[^{}:\"#/^\x00-\x1f\x7f][^{}:\"\x00-\x1f\x7f]{0,99}")
"""A field's or card's name as Anki allows it, which a template can name as it is."""
GROWTH = 50
"""How many times its own size a package's collection may expand to."""
MIN_COLLECTION = 256 * 2**20
"""The size a package's collection may always expand to."""
READ_SECONDS = 2
"""How long reading a package's notes may take, per MiB of package (and at least)."""
COLLECTIONS = ("collection.anki21b", "collection.anki21", "collection.anki2")
"""A package's collection, newest format first (a new export also holds an old one that
only says to update Anki)."""
TAG = re.compile(r"<[^<>]*>")
ADOPTED_VERSION = "0.0.0"
"""The lock's version before the first build after adoption (which is 1.0.0)."""


@dataclass(frozen=True)
class OldNote:
    """A note of the deck learners have, as its cards show it."""

    guid: str
    mod: int
    question: str
    """The text of its first field."""
    answer: str
    """The text of its second field (empty if it has one field)."""


@dataclass(frozen=True)
class OldDeck:
    """What a package holds of a deck: its notes of one note type, and that note type."""

    notes: tuple[OldNote, ...]
    notetype: KeptNoteType
    left: int = 0
    """Notes of other note types, which cannot be taken over with these."""
    deck: KeptDeck | None = None
    """The deck most of their cards are in (None if the package names none)."""


@dataclass(frozen=True)
class Adoption:
    """How the old deck's notes meet the content's questions, and the lock that says so."""

    lock: Lock
    same: tuple[tuple[Note, OldNote], ...]
    """Questions that read as an old note's."""
    similar: tuple[tuple[Note, OldNote], ...]
    """Questions matched to an old note by their answer or a similar wording."""
    gone: tuple[OldNote, ...]
    """Old notes no question matched: the next version ships them once more, as removed."""
    new: tuple[Note, ...]
    """Questions no old note matched."""
    left: int = 0
    """Old notes of another note type, left as they are."""


def read_package(path: Path) -> OldDeck:
    """The notes of an `.apkg` file (any version of Anki's format) of its most used note
    type, and that note type; or `AnkigenError`."""
    name = str(path)
    try:
        if not stat.S_ISREG(path.stat().st_mode):  # a pipe or a device would never answer
            raise error(name, 0, "is not a file: not an Anki package")
        limit = max(MIN_COLLECTION, GROWTH * path.stat().st_size)
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            found = next((entry for entry in COLLECTIONS if entry in names), None)
            if found is None:
                raise error(name, 0, "is not an Anki package: it holds no collection")
            with temporary_folder() as folder:
                collection = Path(folder) / "collection.db"
                with archive.open(found) as stream, collection.open("wb") as out:
                    if found.endswith("b"):  # compressed with zstd
                        stream = zstandard.ZstdDecompressor().stream_reader(stream)
                    _copy_at_most(stream, out, limit, name)
                seconds = READ_SECONDS + READ_SECONDS * path.stat().st_size / 2**20
                try:
                    return _deck(name, collection, seconds)
                except sqlite3.OperationalError as exc:
                    if exc.sqlite_errorcode != sqlite3.SQLITE_INTERRUPT:
                        raise
                    raise error(
                        name,
                        0,
                        f"takes more than {seconds:.0f} s to read ({READ_SECONDS} s a MiB "
                        "of package, and at least that): not an Anki deck ankigen takes over",
                    ) from None
    except FileNotFoundError:
        raise error(name, 0, "no such file") from None
    except (zipfile.BadZipFile, EOFError):
        raise error(name, 0, "is not an Anki package (.apkg): not a zip file") from None
    except (
        OSError,
        sqlite3.Error,
        ValueError,
        KeyError,
        TypeError,
        RecursionError,  # JSON nested past any note type's
        zstandard.ZstdError,  # a collection that says it is compressed, and is not
    ) as exc:
        raise error(name, 0, f"is not an Anki package that can be read: {exc}") from None


def _copy_at_most(stream: IO[bytes], out: IO[bytes], limit: int, name: str) -> None:
    """Copy a package's collection out, refusing one that expands past `limit` bytes (a
    package is not a way to fill the disk)."""
    copied = 0
    while chunk := stream.read(2**20):
        copied += len(chunk)
        if copied > limit:
            raise error(
                name,
                0,
                f"expands to more than {limit // 2**20} MiB ({GROWTH} times its size, or "
                f"{MIN_COLLECTION // 2**20} MiB at least): not an Anki package ankigen takes over",
            )
        out.write(chunk)


def _deck(name: str, collection: Path, seconds: float) -> OldDeck:
    with closing(sqlite3.connect(f"file:{collection}?mode=ro", uri=True)) as connection:
        deadline = time.monotonic() + seconds
        # a query past the deadline stops (a view defined to recurse forever is no deck)
        connection.set_progress_handler(lambda: time.monotonic() > deadline, 10_000)
        connection.execute("PRAGMA temp_store = MEMORY")
        rows = connection.execute("SELECT guid, mod, flds, mid FROM notes ORDER BY id").fetchall()
        if not rows:
            raise error(name, 0, "holds no notes")
        mid = Counter(row[3] for row in rows).most_common(1)[0][0]
        fields, cards = _shape(connection, mid)
        deck = _deck_of(connection, mid)
    if len(fields) != 2 or len(cards) != 1:
        raise error(
            name,
            0,
            f"its notes' note type has {len(fields)} fields and {len(cards)} "
            "card templates: ankigen takes over decks of two fields and one card a "
            "note",
        )
    notes = []
    for guid, mod, joined, note_mid in rows:
        if note_mid == mid:
            if not guid or not isinstance(mod, int) or not 0 <= mod <= LATEST_MOD:
                raise error(
                    name,
                    0,
                    f"holds a note without a GUID or a time Anki can hold ({guid!r}, {mod!r}): "
                    "not an Anki deck ankigen can take over",
                )
            question, _, answer = str(joined).partition("\x1f")
            notes.append(OldNote(str(guid), int(mod), _text(question), _text(answer)))
    for named in (*fields, *cards):
        if not isinstance(named, str) or not TEMPLATE_NAME.fullmatch(named):
            raise error(
                name,
                0,
                f"its note type has a field or card named {named!r}, which no template can "
                'name safely (Anki allows no `{`, `}`, `:` or `"` in one): not taken over',
            )
    kept = KeptNoteType(int(mid), fields[0], fields[1], cards[0])
    return OldDeck(tuple(notes), kept, len(rows) - len(notes), deck)


def _deck_of(connection: sqlite3.Connection, mid: int) -> KeptDeck | None:
    """The deck most cards of a note type's notes are in, by its id and its name (from its
    table in the newest format, from the collection's JSON in the older ones)."""
    found = connection.execute(
        "SELECT did FROM cards WHERE nid IN (SELECT id FROM notes WHERE mid = ?) "
        "GROUP BY did ORDER BY COUNT(*) DESC, did LIMIT 1",
        (mid,),
    ).fetchone()
    if found is None:
        return None
    (did,) = found
    tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
    if "decks" in tables:
        named = connection.execute("SELECT name FROM decks WHERE id = ?", (did,)).fetchone()
        name = named[0].replace("\x1f", "::") if named else None
    else:
        (decks,) = connection.execute("SELECT decks FROM col").fetchone()
        name = json.loads(decks).get(str(did), {}).get("name")
    if not isinstance(name, str) or not name.strip() or not isinstance(did, int):
        return None
    return KeptDeck(did, name)


def _shape(connection: sqlite3.Connection, mid: int) -> tuple[list[str], list[str]]:
    """The names of a note type's fields and card templates, in order: from its tables in
    the newest format, from the collection's JSON in the older ones."""
    tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
    if "notetypes" in tables:
        fields = connection.execute("SELECT name FROM fields WHERE ntid = ? ORDER BY ord", (mid,))
        cards = connection.execute("SELECT name FROM templates WHERE ntid = ? ORDER BY ord", (mid,))
        return [row[0] for row in fields], [row[0] for row in cards]
    (models,) = connection.execute("SELECT models FROM col").fetchone()
    model = json.loads(models)[str(mid)]
    return [field["name"] for field in model["flds"]], [card["name"] for card in model["tmpls"]]


def _text(field: str) -> str:
    """What a field's HTML shows, as words."""
    return " ".join(html.unescape(TAG.sub(" ", field)).split())


def adopt(source: Source, deck: OldDeck, keep_deck: bool = True) -> Adoption:
    """Match the content's questions to the old deck's notes; the lock that makes the next
    build (a major version) ship the old GUIDs, into the deck learners have (with
    `keep_deck`; else into the content's own, where the old cards do not follow). Raises
    `AnkigenError` where a question could be the re-wording of more than one old note."""
    old = deck.notes
    shown = [
        note._replace(
            question=_text(card_html(note.question)), answer=_text(card_html(note.answer))
        )
        for note in source.notes
    ]
    by_guid = {note.guid: note for note in old}
    remembered = Lock(
        ADOPTED_VERSION,
        notes=tuple(
            LockedNote(n.guid, n.question, answer_hash(n.answer), "", "", n.mod) for n in old
        ),
    )
    identity = identify(Source(source.path, source.deck, tuple(shown)), remembered)
    same: list[tuple[Note, OldNote]] = []
    similar: list[tuple[Note, OldNote]] = []
    new: list[Note] = []
    locked: list[LockedNote] = []
    for note, text, matched in zip(source.notes, shown, identity.previous, strict=True):
        if matched is None:
            new.append(note)
            continue
        old_note = by_guid[matched.guid]
        reads_the_same = normalise(text.question) == normalise(old_note.question)
        (same if reads_the_same else similar).append((note, old_note))
        # an empty digest: the next build sends every matched note, newer than the learner's
        locked.append(
            LockedNote(
                matched.guid,
                note.question,
                answer_hash(note.answer),
                note.section,
                "",
                old_note.mod,
            )
        )
    gone = [by_guid[unmatched.guid] for unmatched in identity.unmatched]
    locked += [LockedNote(n.guid, n.question, answer_hash(n.answer), "", "", n.mod) for n in gone]
    lock = Lock(
        ADOPTED_VERSION,
        notes=tuple(locked),
        adopting=True,
        kept_notetype=deck.notetype,
        kept_deck=deck.deck if keep_deck else None,
    )
    return Adoption(lock, tuple(same), tuple(similar), tuple(gone), tuple(new), deck.left)
