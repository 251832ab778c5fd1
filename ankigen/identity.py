"""Note records + lock -> GUIDs: the same question keeps its GUID through edits and moves."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass
from functools import cache

from ankigen.errors import AnkigenError, Problem
from ankigen.records import Lock, LockedNote, Note, Source, normalise

BASE91 = (
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&()*+,-./:;<=>?@[]^_`{|}~"
)
TWO_DIGITS = len(BASE91) ** 2
SIMILAR = 0.6
"""Questions at least this similar (0..1) may be the same question re-worded."""
CLOSE = 0.05
"""Two candidates whose similarity differs by less than this cannot be told apart by it."""


@dataclass(frozen=True)
class Identity:
    """The source's notes with their GUIDs, and the lock's notes no question matched.

    Kept as columns, one item a note in file order (a deck of 100,000 notes would
    otherwise hold 100,000 more objects through its build).
    """

    notes: tuple[Note, ...]
    guids: tuple[str, ...]
    """The GUID each note is built with."""
    previous: tuple[LockedNote | None, ...]
    """What the lock remembers of each note; None for a question new to the deck."""
    unmatched: tuple[LockedNote, ...]


def identify(source: Source, lock: Lock) -> Identity:
    """Give every note a GUID: the lock's for a question it knows, else one derived from its text.

    Raises `AnkigenError` when a question could be the re-wording of more than one old one.
    """
    found: dict[int, LockedNote] = {}
    free = {note.guid: note for note in lock.notes}
    by_question: defaultdict[str, list[LockedNote]] = defaultdict(list)
    for old in lock.notes:
        by_question[normalise(old.question)].append(old)
    asked = [normalise(note.asked) for note in source.notes]
    for index, question in enumerate(asked):
        candidates = [old for old in by_question.get(question, ()) if old.guid in free]
        if candidates:
            found[index] = free.pop(min(candidates, key=lambda old: bool(old.removed_in)).guid)
    left = [i for i in range(len(source.notes)) if i not in found]
    if left and free:
        _match_answers(source.notes, left, free, found)
        left = [i for i in left if i not in found]
    if left and free:
        _match_similar(source, left, free, found)
    used = {old.guid for old in lock.notes}
    guids = []
    for index, question in enumerate(asked):
        known = found.get(index)
        guid = known.guid if known else _new_guid(source.deck.deck_id, question, used)
        used.add(guid)
        guids.append(guid)
    previous = tuple(found.get(index) for index in range(len(asked)))
    return Identity(source.notes, tuple(guids), previous, tuple(free.values()))


def _new_guid(deck_id: int, question: str, used: set[str]) -> str:
    """A GUID for a normalised question new to the deck."""
    guid = guid_for(deck_id, question)
    attempt = 1
    while guid in used:  # an old note re-worded away from this very text still holds it
        guid = guid_for(deck_id, question, attempt)
        attempt += 1
    return guid


def guid_for(*values: object) -> str:
    """The GUID genanki's `guid_for` makes of these values (Anki's base-91 digits of the first
    eight bytes of a SHA-256, without leading zeros), two digits at a time: eight bytes are
    less than ten digits."""
    digest = hashlib.sha256("__".join(map(str, values)).encode()).digest()
    high, low = divmod(int.from_bytes(digest[:8], "big"), TWO_DIGITS**2)
    top, middle = divmod(high, TWO_DIGITS**2)
    pairs = _digit_pairs()
    digits = (
        pairs[top]
        + pairs[middle // TWO_DIGITS]
        + pairs[middle % TWO_DIGITS]
        + pairs[low // TWO_DIGITS]
        + pairs[low % TWO_DIGITS]
    )
    return digits.lstrip(BASE91[0])


@cache
def _digit_pairs() -> list[str]:
    """Every two base-91 digits, in order of their value."""
    return [high + low for high in BASE91 for low in BASE91]


def _match_answers(
    notes: tuple[Note, ...],
    left: list[int],
    free: dict[str, LockedNote],
    found: dict[int, LockedNote],
) -> None:
    """A question re-worded beyond recognition keeps its GUID if its answer is unchanged."""
    by_answer: defaultdict[str, list[LockedNote]] = defaultdict(list)
    for old in free.values():
        by_answer[normalise(old.answer)].append(old)
    new_by_answer: defaultdict[str, list[int]] = defaultdict(list)
    for index in left:
        new_by_answer[normalise(notes[index].answer)].append(index)
    for answer, indices in new_by_answer.items():
        olds = by_answer.get(answer, [])
        if len(indices) == 1 and len(olds) == 1:
            found[indices[0]] = free.pop(olds[0].guid)


def _similar_pairs(
    notes: tuple[Note, ...], left: list[int], free: dict[str, LockedNote]
) -> dict[tuple[int, str], float]:
    """The (question, old note) pairs at least `SIMILAR` alike, by difflib's ratio of their
    normalised words. Each question is compared with all old ones at once by rapidfuzz's
    Indel similarity, which is never below difflib's ratio (its longest common subsequence
    is at least as long as the blocks difflib matches): only the pairs it keeps are
    measured again by difflib, so the result is difflib's, in time near the notes' number."""
    import difflib

    from rapidfuzz.distance import Indel
    from rapidfuzz.process import extract

    olds = list(free.values())
    old_texts = [normalise(old.question) for old in olds]
    pairs = {}
    for index in left:
        text = normalise(notes[index].asked)
        near = extract(
            text,
            old_texts,
            scorer=Indel.normalized_similarity,
            score_cutoff=SIMILAR,
            limit=None,
        )
        for _, _, position in near:
            matcher = difflib.SequenceMatcher(None, text, old_texts[position], autojunk=False)
            if (score := matcher.ratio()) >= SIMILAR:
                pairs[(index, olds[position].guid)] = score
    return pairs


def _match_similar(
    source: Source,
    left: list[int],
    free: dict[str, LockedNote],
    found: dict[int, LockedNote],
) -> None:
    """Pair re-worded questions with their old wording, best pairs first, refusing to guess."""
    notes = source.notes
    scores = _similar_pairs(notes, left, free)
    by_question: defaultdict[int, list[tuple[str, float]]] = defaultdict(list)
    by_old: defaultdict[str, list[tuple[int, float]]] = defaultdict(list)
    for (index, guid), score in scores.items():
        by_question[index].append((guid, score))
        by_old[guid].append((index, score))
    problems: list[Problem] = []
    doubtful: set[int] = set()
    for (index, guid), score in sorted(scores.items(), key=lambda item: -item[1]):
        if index in found or index in doubtful or guid not in free:
            continue
        old = free[guid]
        olds = [
            free[other].question
            for other, s in by_question[index]
            if other != guid and other in free and s > score - CLOSE
        ]
        news = [
            notes[i].line
            for i, s in by_old[guid]
            if i != index and i not in found and s > score - CLOSE
        ]
        if (olds or news) and not _answer_decides(notes[index], old, by_question[index], free):
            problems.append(_ambiguous(source.path, notes[index], old, olds, news))
            doubtful.add(index)
            continue
        found[index] = free.pop(guid)
    if problems:
        raise AnkigenError(problems)


def _answer_decides(
    note: Note,
    old: LockedNote,
    alike: list[tuple[str, float]],
    free: dict[str, LockedNote],
) -> bool:
    """Between old questions equally like this one, an identical answer settles it."""
    answer = normalise(note.answer)
    same_answer = [
        guid for guid, _ in alike if guid in free and normalise(free[guid].answer) == answer
    ]
    return same_answer == [old.guid]


def _ambiguous(
    path: str,
    note: Note,
    old: LockedNote,
    olds: list[str],
    news: list[int],
) -> Problem:
    if olds:
        either = " or ".join(repr(question) for question in [old.question, *olds])
        doubt = f"this could be a re-wording of {either}"
    else:
        lines = ", ".join(str(line) for line in news)
        doubt = f"this and line {lines} could each be a re-wording of {old.question!r}"
    return Problem(
        path,
        note.line,
        f"{doubt}; change one at a time and build in between, so each re-wording is clear",
    )
