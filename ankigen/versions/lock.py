"""The identity lock: one JSON object a line, notes sorted by GUID, so git diffs stay readable."""

from __future__ import annotations

import dataclasses
import hashlib
import itertools
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NoReturn, TypeVar

from ankigen.errors import AnkigenError, Problem, error
from ankigen.project import VERSION, content_size, restore
from ankigen.reading.text import MAX_BYTES, read_bytes
from ankigen.records import (
    CardKind,
    Change,
    ChangeKind,
    Deletion,
    KeptDeck,
    KeptNoteType,
    Lock,
    LockedNote,
    answer_hash,
)

_T = TypeVar("_T")
FORMAT = 3
"""The lock's format: 3 keeps a digest of each answer, not its text; 2 kept the text, 1 was
not signed (both are still read, and the next build writes 3)."""
SIGNED_FORMATS = (2, FORMAT)
LATEST_MOD = 10**11 - 1
"""The latest time (seconds) a note's `mod` may hold: Anki's ids are milliseconds."""
LOCK_PER_CONTENT = 4
"""A lock may be this many times as large as its content file (or `MAX_BYTES`)."""
DIGEST_LINE = '{"digest": '
"""How the lock's last line starts: a digest of the lines before it."""
SIGNED = re.compile(r'\{(?P<body>.*), "sig": "(?P<sig>[0-9a-f]{12})"\}')
ACCEPT_HINT = (
    "{restore}, or keep the edit with `ankigen build --accept-lock-edits` if it is "
    "deliberate (a wrong one gives learners duplicates)"
)
RESTORE_HINT = (
    "the lock is written by `ankigen build` and must not be edited; {restore} (deleting it "
    "would give every learner duplicates)"
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
    "answer_hash": str,
}


def lock_limit(path: Path) -> int:
    """How large a lock may be: it grows with its content file, whose notes it holds a line
    each (a build writes a lock smaller than its content; a larger one is no lock)."""
    return max(MAX_BYTES, LOCK_PER_CONTENT * content_size(path))


def load_lock(path: Path, accept_edits: bool = False) -> Lock:
    """Read a lock file; a missing one is an empty lock, a damaged one an `AnkigenError`,
    and so is one edited by hand, unless `accept_edits`."""
    if not path.exists():
        return Lock()
    limit = lock_limit(path)
    data = read_bytes(path, limit, "a lock")
    if len(data) > limit:
        raise error(
            str(path),
            0,
            f"is larger than {limit / 2**20:.0f} MiB ({LOCK_PER_CONTENT} times the size of "
            f"its content, or {MAX_BYTES // 2**20} MiB at least): not a lock a build wrote "
            "for it",
            code="lock",
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise error(str(path), 0, f"cannot be read: {exc}") from None
    # Lines end with `\n`, or `\r\n` where Git for Windows checked the lock out so; any
    # other character that may end a line is text.
    lines = text.replace("\r\n", "\n").split("\n")
    if lines[-1] == "":
        lines.pop()
    header = _object(path, 1, lines[0] if lines else "")
    if header.get("ankigen_lock") not in (1, *SIGNED_FORMATS):
        _broken(path, 1, f'the first line must name the lock format ("ankigen_lock": {FORMAT})')
    last = ""
    notes: list[LockedNote] = []
    note_lines: list[int] = []
    change_records: list[tuple[int, dict[str, Any]]] = []
    form = header["ankigen_lock"]
    unsigned = form == 1
    for number, line in enumerate(lines[1:], start=2):
        if line.startswith(DIGEST_LINE):
            last = line
            continue
        record = _object(path, number, line)
        if unsigned and "sig" in record:  # format 1 was never signed: the header was edited
            _broken(path, 1, "names format 1, but its lines are signed as a later format's")
        if "change" in record:
            change_records.append((number, record))
        else:
            notes.append(_note(path, number, record, form))
            note_lines.append(number)
    version = _field(path, 1, header, "version", str)
    if version and not VERSION.fullmatch(version):
        _broken(path, 1, f"`version` {version!r} is not of the form MAJOR.MINOR.PATCH")
    seen: set[str] = set()
    for number, note in zip(note_lines, notes, strict=True):
        if note.guid in seen:
            _broken(path, number, f"the GUID {note.guid!r} appears twice")
        seen.add(note.guid)
    if form in SIGNED_FORMATS and not accept_edits:
        _check_signatures(path, header, lines, last)
    by_guid = {note.guid: note for note in notes}
    changes = [_change(path, number, record, by_guid) for number, record in change_records]
    return Lock(
        version=version,
        notetype_hash=_field(path, 1, header, "notetype_hash", str),
        notetype_mod=_field(path, 1, header, "notetype_mod", int),
        deck_hash=_field(path, 1, header, "deck_hash", str),
        notes=tuple(notes),
        changes=tuple(changes),
        adopting=header.get("adopting") is True,
        adopted_in=str(header.get("adopted_in", "")),
        kept_notetype=_kept_notetype(path, header.get("kept_notetype")),
        kind_hashes=_kind_hashes(path, header.get("notetype_hashes", {})),
        kept_deck=_kept_deck(path, header.get("kept_deck")),
    )


def _kept_deck(path: Path, record: object) -> KeptDeck | None:
    if record is None:
        return None
    if not isinstance(record, dict):
        _broken(path, 1, "`kept_deck` is not a JSON object")
    return KeptDeck(_field(path, 1, record, "id", int), _field(path, 1, record, "name", str))


def _kind_hashes(path: Path, record: object) -> tuple[tuple[str, str], ...]:
    kinds = {kind.value for kind in CardKind}
    if not isinstance(record, dict) or not all(
        kind in kinds and isinstance(digest, str) for kind, digest in record.items()
    ):
        _broken(path, 1, "`notetype_hashes` is not an object of a digest a kind of note")
    return tuple(sorted(record.items()))


def _kept_notetype(path: Path, record: object) -> KeptNoteType | None:
    if record is None:
        return None
    if not isinstance(record, dict):
        _broken(path, 1, "`kept_notetype` is not a JSON object")
    return KeptNoteType(
        _field(path, 1, record, "id", int),
        _field(path, 1, record, "question", str),
        _field(path, 1, record, "answer", str),
        _field(path, 1, record, "card", str),
    )


def lock_lines(lock: Lock) -> Iterator[str]:
    """The lock's text a line at a time (so that a large one need not be held whole):
    header, then the version's changes, then notes sorted by GUID, each line signed, and
    last a digest of them all."""
    header: dict[str, Any] = {
        "ankigen_lock": FORMAT,
        "version": lock.version,
        "notetype_hash": lock.notetype_hash,
        "notetype_mod": lock.notetype_mod,
        "deck_hash": lock.deck_hash,
    }
    if lock.adopting:
        header["adopting"] = True
    if lock.adopted_in:
        header["adopted_in"] = lock.adopted_in
    if lock.kept_notetype:
        header["kept_notetype"] = dataclasses.asdict(lock.kept_notetype)
    if lock.kind_hashes:
        header["notetype_hashes"] = dict(lock.kind_hashes)
    if lock.kept_deck:
        header["kept_deck"] = dataclasses.asdict(lock.kept_deck)
    yield json.dumps(header, ensure_ascii=False) + "\n"
    digest = _Digest(header)
    for line in itertools.chain(
        map(_change_line, lock.changes),
        map(_note_line, sorted(lock.notes, key=lambda n: n.guid)),
    ):
        digest.add(line[-15:-3])  # the signature: `..."sig": "0123456789ab"}\n`
        yield line
    yield json.dumps({"digest": digest.hexdigest()}) + "\n"


def _signed(body: str) -> str:
    """A lock line: a JSON object's members, and a signature of them."""
    return f'{{{body}, "sig": "{_signature(body)}"}}\n'


def _signature(body: str) -> str:
    return hashlib.sha256(body.encode()).hexdigest()[:12]


class _Digest:
    """A digest of the lock's header and all its lines (by their signatures)."""

    def __init__(self, header: dict[str, Any]) -> None:
        self.hash = hashlib.sha256(json.dumps(header, sort_keys=True).encode())

    def add(self, signature: str) -> None:
        self.hash.update(b"\n" + signature.encode())

    def hexdigest(self) -> str:
        return self.hash.hexdigest()[:16]


def _check_signatures(path: Path, header: dict[str, Any], lines: list[str], last: str) -> None:
    """Refuse a lock edited by hand: a line whose signature does not match it is named;
    lines added, removed or moved, or a header edited, are found by the digest on the last
    line."""
    problems = []
    digest = _Digest(header)
    for number, line in enumerate(lines[1:], start=2):
        if line.startswith(DIGEST_LINE):
            continue
        found = SIGNED.fullmatch(line)
        signature = found["sig"] if found else ""
        if found is None or _signature(found["body"]) != signature:
            what = re.search(r'"guid": ("[^"]*")', line)
            note = f" (note {what[1]})" if what else ""
            message = (
                f"the lock was edited by hand{note}; {ACCEPT_HINT.format(restore=restore(path))}"
            )
            problems.append(Problem(str(path), number, message))
        digest.add(signature)
    if not problems and last != json.dumps({"digest": digest.hexdigest()}):
        message = (
            "the lock was edited by hand (its first line, or lines added, removed or "
            f"moved); {ACCEPT_HINT.format(restore=restore(path))}"
        )
        problems.append(Problem(str(path), 1, message))
    if problems:
        raise AnkigenError(problems)


def _change_line(change: Change) -> str:
    """A change's line, as `json.dumps(..., ensure_ascii=False)` writes it, without the dict."""
    was = f', "was": {_quoted(change.was)}' if change.was else ""
    return _signed(f'"change": "{change.kind.value}", "guid": {_quoted(change.guid)}{was}')


def _note_line(note: LockedNote) -> str:
    """A note's line, as `json.dumps(..., ensure_ascii=False)` writes it, without the dict."""
    removed = f', "removed_in": {_quoted(note.removed_in)}' if note.removed_in else ""
    if note.kind is not CardKind.BASIC:
        removed += f', "kind": "{note.kind.value}"'
    if note.subdeck:
        removed += f', "subdeck": {_quoted(note.subdeck)}'
    if note.clozes or note.cloze_top:
        clozes = ", ".join(f"[{d.number}, {_quoted(d.text)}]" for d in note.clozes)
        removed += f', "clozes": [{clozes}], "cloze_top": {note.cloze_top}'
    return _signed(
        f'"guid": {_quoted(note.guid)}, "mod": {note.mod}, "hash": {_quoted(note.hash)}, '
        f'"section": {_quoted(note.section)}, "question": {_quoted(note.question)}, '
        f'"answer_hash": {_quoted(note.answer_hash)}{removed}'
    )


def _broken(path: Path, line: int, message: str) -> NoReturn:
    raise error(str(path), line, f"{message}; {RESTORE_HINT.format(restore=restore(path))}")


def _object(path: Path, line: int, text: str) -> dict[str, Any]:
    try:
        record = json.loads(text)
    except json.JSONDecodeError as exc:
        raise error(
            str(path),
            line,
            f"not a lock record ({exc.msg}); {RESTORE_HINT.format(restore=restore(path))}",
            exc.colno,
        ) from None
    except RecursionError:
        _broken(path, line, "not a lock record (nested too deep)")
    if not isinstance(record, dict):
        _broken(path, line, "not a lock record (expected a JSON object)")
    return record


def _field(path: Path, line: int, record: dict[str, Any], name: str, kind: type[_T]) -> _T:
    value = record.get(name)
    if not isinstance(value, kind) or isinstance(value, bool):
        _broken(path, line, f"`{name}` is missing or not a {kind.__name__}")
    return value


def _note(path: Path, line: int, record: dict[str, Any], form: int) -> LockedNote:
    if form < FORMAT:  # a lock of an earlier format holds the answer: only its digest is kept
        record = dict(record, answer_hash=answer_hash(_field(path, line, record, "answer", str)))
    values: dict[str, Any] = {
        name: _field(path, line, record, name, kind) for name, kind in NOTE_FIELDS.items()
    }
    removed_in = record.get("removed_in", "")
    if not isinstance(removed_in, str):
        _broken(path, line, "`removed_in` is not a str")
    if not values["guid"]:
        _broken(path, line, "`guid` is empty")
    if not 0 <= values["mod"] <= LATEST_MOD:
        _broken(path, line, f"`mod` {values['mod']} is not a time Anki can hold")
    try:
        kind = CardKind(record.get("kind", "basic"))
    except ValueError:
        _broken(path, line, f"`kind` {record.get('kind')!r} is not a kind of note")
    clozes = record.get("clozes", [])
    top = record.get("cloze_top", 0)
    shaped = isinstance(clozes, list) and all(
        isinstance(pair, list)
        and len(pair) == 2
        and isinstance(pair[0], int)
        and not isinstance(pair[0], bool)
        and isinstance(pair[1], str)
        for pair in clozes
    )
    if not shaped or not isinstance(top, int) or isinstance(top, bool):
        _broken(path, line, "`clozes` is not a list of [number, text] with its `cloze_top`")
    deletions = tuple(Deletion(number, text) for number, text in clozes)
    subdeck = record.get("subdeck", "")
    if not isinstance(subdeck, str):
        _broken(path, line, "`subdeck` is not a str")
    return LockedNote(
        **values,
        removed_in=removed_in,
        kind=kind,
        clozes=deletions,
        cloze_top=top,
        subdeck=subdeck,
    )


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
