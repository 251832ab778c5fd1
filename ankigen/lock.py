"""The identity lock: one JSON object a line, notes sorted by GUID, so git diffs stay readable."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NoReturn, TypeVar

from ankigen.errors import error
from ankigen.records import Change, ChangeKind, Lock, LockedNote

_T = TypeVar("_T")
FORMAT = 1
VERSION = re.compile(r"\d+\.\d+\.\d+")
RESTORE_HINT = (
    "the lock is written by `ankigen build` and must not be edited; restore it with "
    "`git checkout -- {path}` (deleting it would give every learner duplicates)"
)
_quoted = json.encoder.encode_basestring
"""A string as `json.dumps(..., ensure_ascii=False)` writes it: the lock's lines are written
by hand for speed (the dicts JSON would need cost as much again)."""
NOTE_FIELDS: dict[str, type] = {
    "guid": str,
    "mod": int,
    "hash": str,
    "section": str,
    "question": str,
    "answer": str,
}


def lock_path(content: Path) -> Path:
    """Where the lock of a content file lives: beside it, `<name>.lock`."""
    return content.with_suffix(".lock")


def load_lock(path: Path) -> Lock:
    """Read a lock file; a missing one is an empty lock, a damaged one an `AnkigenError`."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Lock()
    except (OSError, UnicodeDecodeError) as exc:
        raise error(str(path), 0, f"cannot be read: {exc}") from None
    lines = text.splitlines()
    header = _object(path, 1, lines[0] if lines else "")
    if header.get("ankigen_lock") != FORMAT:
        _broken(path, 1, f'the first line must name the lock format ("ankigen_lock": {FORMAT})')
    notes: list[LockedNote] = []
    change_records: list[tuple[int, dict[str, Any]]] = []
    for number, line in enumerate(lines[1:], start=2):
        record = _object(path, number, line)
        if "change" in record:
            change_records.append((number, record))
        else:
            notes.append(_note(path, number, record))
    by_guid = {note.guid: note for note in notes}
    changes = [_change(path, number, record, by_guid) for number, record in change_records]
    version = _field(path, 1, header, "version", str)
    if version and not VERSION.fullmatch(version):
        _broken(path, 1, f"`version` {version!r} is not of the form MAJOR.MINOR.PATCH")
    guids = [note.guid for note in notes]
    if len(set(guids)) != len(guids):
        _broken(path, 1, "a GUID appears twice")
    return Lock(
        version=version,
        notetype_hash=_field(path, 1, header, "notetype_hash", str),
        notetype_mod=_field(path, 1, header, "notetype_mod", int),
        deck_hash=_field(path, 1, header, "deck_hash", str),
        notes=tuple(notes),
        changes=tuple(changes),
    )


def lock_lines(lock: Lock) -> Iterator[str]:
    """The lock's text a line at a time (so a large one need not be held whole): header,
    then the version's changes, then notes sorted by GUID."""
    header = {
        "ankigen_lock": FORMAT,
        "version": lock.version,
        "notetype_hash": lock.notetype_hash,
        "notetype_mod": lock.notetype_mod,
        "deck_hash": lock.deck_hash,
    }
    yield json.dumps(header, ensure_ascii=False) + "\n"
    yield from map(_change_line, lock.changes)
    yield from map(_note_line, sorted(lock.notes, key=lambda n: n.guid))


def _change_line(change: Change) -> str:
    """A change's line, as `json.dumps(..., ensure_ascii=False)` writes it, without the dict."""
    was = f', "was": {_quoted(change.was)}' if change.was else ""
    return f'{{"change": "{change.kind.value}", "guid": {_quoted(change.guid)}{was}}}\n'


def _note_line(note: LockedNote) -> str:
    """A note's line, as `json.dumps(..., ensure_ascii=False)` writes it, without the dict."""
    removed = f', "removed_in": {_quoted(note.removed_in)}' if note.removed_in else ""
    return (
        f'{{"guid": {_quoted(note.guid)}, "mod": {note.mod}, "hash": {_quoted(note.hash)}, '
        f'"section": {_quoted(note.section)}, "question": {_quoted(note.question)}, '
        f'"answer": {_quoted(note.answer)}{removed}}}\n'
    )


def _broken(path: Path, line: int, message: str) -> NoReturn:
    raise error(str(path), line, f"{message}; {RESTORE_HINT.format(path=path)}")


def _object(path: Path, line: int, text: str) -> dict[str, Any]:
    try:
        record = json.loads(text)
    except json.JSONDecodeError as exc:
        raise error(
            str(path),
            line,
            f"not a lock record ({exc.msg}); {RESTORE_HINT.format(path=path)}",
            exc.colno,
        ) from None
    if not isinstance(record, dict):
        _broken(path, line, "not a lock record (expected a JSON object)")
    return record


def _field(path: Path, line: int, record: dict[str, Any], name: str, kind: type[_T]) -> _T:
    value = record.get(name)
    if not isinstance(value, kind) or isinstance(value, bool):
        _broken(path, line, f"`{name}` is missing or not a {kind.__name__}")
    return value


def _note(path: Path, line: int, record: dict[str, Any]) -> LockedNote:
    values: dict[str, Any] = {
        name: _field(path, line, record, name, kind) for name, kind in NOTE_FIELDS.items()
    }
    removed_in = record.get("removed_in", "")
    if not isinstance(removed_in, str):
        _broken(path, line, "`removed_in` is not a str")
    if not values["guid"]:
        _broken(path, line, "`guid` is empty")
    return LockedNote(**values, removed_in=removed_in)


def _change(
    path: Path,
    line: int,
    record: dict[str, Any],
    notes: dict[str, LockedNote],
) -> Change:
    try:
        kind = ChangeKind(record["change"])
    except ValueError:
        _broken(path, line, f"unknown change {record['change']!r}")
    guid = _field(path, line, record, "guid", str)
    if guid and guid not in notes:
        _broken(path, line, f"the change names a GUID {guid!r} that no note has")
    was = record.get("was", "")
    if not isinstance(was, str):
        _broken(path, line, "`was` is not a str")
    note = notes.get(guid)
    return Change(kind, guid, note.question if note else "", was, note.section if note else "")
