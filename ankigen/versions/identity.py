"""Note records + lock -> GUIDs: the same question keeps its GUID through edits and moves."""

from __future__ import annotations

import hashlib
import heapq
from collections import Counter, defaultdict, deque
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from ankigen.errors import AnkigenError, Problem, Severity
from ankigen.records import (
    CardKind,
    Deletion,
    Lock,
    LockedNote,
    Note,
    Source,
    answer_hash,
    normalise,
)
from ankigen.versions.clozes import cloze_numbers

BASE91 = (
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&()*+,-./:;<=>?@[]^_`{|}~"
)
TWO_DIGITS = len(BASE91) ** 2
SIMILAR = 0.6
"""Questions at least this similar (0..1) may be the same question re-worded."""
FEW = 8
"""How many likeliest old notes are looked at first for each re-worded question."""
BOUND, MEASURED = 0, 1
"""Kinds of heap entry: a bound on a pair's likeness (looked at first when equal), or its
measure."""
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
    clozes: tuple[tuple[Deletion, ...], ...] = ()
    """Each note's deletions with the numbers they are shipped with (none but in clozes)."""
    rekinded: frozenset[int] = frozenset()
    """The notes (by index) that are a question the lock knows as another kind of note."""
    problems: tuple[Problem, ...] = ()
    """Warnings about what identity decided (a question that changed kind)."""


def identify(source: Source, lock: Lock) -> Identity:
    """Give every note a GUID: the lock's for a question it knows (of the same kind: Anki
    cannot change a note's type), else one derived from its text; and number its clozes.

    Raises `AnkigenError` when a question could be the re-wording of more than one old one.
    """
    found: dict[int, LockedNote] = {}
    free = {note.guid: note for note in lock.notes}
    for kind in sorted({note.kind for note in source.notes}, key=lambda kind: kind.value):
        left = [index for index, note in enumerate(source.notes) if note.kind is kind]
        olds = {guid: old for guid, old in free.items() if old.kind is kind}
        for index, old in _matches(source, left, olds).items():
            found[index] = free.pop(old.guid)
    used = {old.guid for old in lock.notes}
    tried: dict[str, int] = {}
    guids = []
    asked = [normalise(note.asked) for note in source.notes]
    for index, question in enumerate(asked):
        known = found.get(index)
        guid = known.guid if known else _new_guid(source.deck.deck_id, question, used, tried)
        used.add(guid)
        guids.append(guid)
    previous = tuple(found.get(index) for index in range(len(asked)))
    clozes = tuple(
        cloze_numbers(note, old) if note.kind is CardKind.CLOZE else ()
        for note, old in zip(source.notes, previous, strict=True)
    )
    gone = {normalise(old.question): old for old in free.values() if not old.removed_in}
    rekinded = {
        index: gone[question]
        for index, (question, old) in enumerate(zip(asked, previous, strict=True))
        if old is None and question in gone
    }
    problems = tuple(
        _rekinded(source.path, source.notes[index], old) for index, old in rekinded.items()
    )
    return Identity(
        source.notes,
        tuple(guids),
        previous,
        tuple(free.values()),
        clozes,
        frozenset(rekinded),
        problems,
    )


def _matches(source: Source, left: list[int], free: dict[str, LockedNote]) -> dict[int, LockedNote]:
    """The old notes (of those `free`) the questions `left` (by index) are: the same
    question (with the same answer first, for a question asked twice), then an unchanged
    answer, then a similar question."""
    found: dict[int, LockedNote] = {}
    free = dict(free)
    by_question: defaultdict[str, list[LockedNote]] = defaultdict(list)
    for old in sorted(free.values(), key=lambda old: bool(old.removed_in)):  # kept ones first
        by_question[normalise(old.question)].append(old)
    asked = {index: normalise(source.notes[index].asked) for index in left}
    twice = {question for question, times in Counter(asked.values()).items() if times > 1}
    by_answer: defaultdict[tuple[str, str], list[LockedNote]] = defaultdict(list)
    for question in twice:
        for old in by_question.get(question, ()):
            by_answer[question, old.answer_hash].append(old)
    for index in (i for i in left if asked[i] in twice):  # each answer keeps its own first
        same = by_answer.get((asked[index], answer_hash(source.notes[index].answer)), [])
        kept = next((old for old in same if old.guid in free), None)
        if kept is not None:
            found[index] = free.pop(kept.guid)
    waiting = {question: deque(olds) for question, olds in by_question.items()}
    for index in (i for i in left if i not in found):
        queue = waiting.get(asked[index], deque())
        while queue and queue[0].guid not in free:  # taken by its answer above
            queue.popleft()
        if queue:
            found[index] = free.pop(queue.popleft().guid)
    left = [i for i in left if i not in found]
    for match in (_match_answers, _match_similar):
        if not (left and free):
            break
        matched = match(source, left, free)
        for index, old in matched.items():
            found[index] = free.pop(old.guid)
        left = [i for i in left if i not in matched]
    return found


def _rekinded(path: str, note: Note, old: LockedNote) -> Problem:
    """A warning that a question changed kind, and so becomes a new note."""
    return Problem(
        note.file or path,
        note.line,
        f"this question is now a {note.kind.value} note (it was {old.kind.value}): Anki cannot "
        "change a note's kind on import, so it is a new note, and the old one is tagged "
        "removed (its reviews stay with it)",
        Severity.WARNING,
        code="new-kind",
    )


def _new_guid(deck_id: int, question: str, used: set[str], tried: dict[str, int]) -> str:
    """A GUID for a normalised question new to the deck: derived from its text, or from its
    text and a count where that one is taken (by an old note re-worded away from this very
    text, or by the question asked before: `tried` holds the count each question got to)."""
    attempt = tried.get(question, 0)
    guid = guid_for(deck_id, question, attempt) if attempt else guid_for(deck_id, question)
    while guid in used:
        attempt += 1
        guid = guid_for(deck_id, question, attempt)
    tried[question] = attempt
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
    source: Source, left: list[int], free: dict[str, LockedNote]
) -> dict[int, LockedNote]:
    """The questions (of those `left`, by index) re-worded beyond recognition whose answer
    is unchanged: each keeps the GUID of the one old note (of those `free`) with it."""
    notes = source.notes
    by_answer: defaultdict[str, list[LockedNote]] = defaultdict(list)
    for old in free.values():
        by_answer[old.answer_hash].append(old)
    new_by_answer: defaultdict[str, list[int]] = defaultdict(list)
    for index in left:
        new_by_answer[answer_hash(notes[index].answer)].append(index)
    return {
        indices[0]: olds[0]
        for answer, indices in new_by_answer.items()
        if len(indices) == 1 and len(olds := by_answer.get(answer, [])) == 1
    }


class _Likeness:
    """How alike re-worded questions and old ones are, by difflib's ratio of their
    normalised words, measured only where it may matter.

    rapidfuzz compares each question with every old one at once (its Indel similarity is
    never below difflib's ratio: their longest common subsequence is at least as long as
    the blocks difflib matches), and difflib measures a pair only when that bound could
    put it first or among the rivals of the pair being decided: the result is the one
    every pair measured by difflib would give, in time near the number of notes."""

    def __init__(self, notes: tuple[Note, ...], left: list[int], free: dict[str, LockedNote]):
        self.olds = list(free.values())
        self.texts = [normalise(notes[index].asked) for index in left]
        self.old_texts = [normalise(old.question) for old in self.olds]
        self.measured: dict[tuple[int, int], float] = {}
        self.compared: dict[tuple[int, int | None], list[tuple[float, int]]] = {}
        """What each question was compared with before: once, whoever asks."""
        self.by_old: dict[int, list[tuple[float, int]]] | None = None
        """The questions (by position) that have each old note among their likeliest."""
        self.cut: list[tuple[float, int]] = []
        """Each question whose likeliest are only its first few, by the last one's bound."""

    def bounds(self, position: int) -> Iterator[tuple[float, int]]:
        """The old notes (by position) the question at `position` may be like, likest first,
        each with its bound: the few likeliest, and the others only if those run out."""
        first = self._likeliest(position, FEW)
        yield from first
        if len(first) == FEW:
            yield from self._likeliest(position, None)[FEW:]

    def _likeliest(self, position: int, few: int | None) -> list[tuple[float, int]]:
        """The old notes a question is like, by position, with their bound, likest first."""
        key = (position, few)
        found = self.compared.get(key)
        if found is None:
            from rapidfuzz.distance import Indel  # loaded only when questions were re-worded
            from rapidfuzz.process import extract

            matches = extract(
                self.texts[position],
                self.old_texts,
                scorer=Indel.normalized_similarity,
                score_cutoff=SIMILAR,
                limit=few,
            )
            found = sorted(((bound, other) for _, bound, other in matches), key=lambda b: -b[0])
            self.compared[key] = found
        return found

    def score(self, position: int, at: int) -> float:
        """difflib's ratio of a question and an old note (0 below `SIMILAR`)."""
        found = self.measured.get((position, at))
        if found is None:
            import difflib

            matcher = difflib.SequenceMatcher(
                None, self.texts[position], self.old_texts[at], autojunk=False
            )
            ratio = matcher.ratio()
            found = self.measured[(position, at)] = ratio if ratio >= SIMILAR else 0.0
        return found

    def olds_above(self, position: int, floor: float) -> list[tuple[int, float]]:
        """The old notes (by position) a question is like more than `floor`."""
        near = self._likeliest(position, FEW)
        if len(near) == FEW and near[-1][0] > floor:  # more may be above it: all are looked at
            near = self._likeliest(position, None)
        return [
            (other, score)
            for bound, other in near
            if bound > floor and (score := self.score(position, other)) > floor
        ]

    def questions_above(self, at: int, floor: float) -> list[tuple[int, float]]:
        """The questions (by position) like an old note more than `floor`, found from what
        each question was compared with (every question's likeliest are known before any
        pair is decided): those that have the old note among their likeliest, and those
        whose likeliest are all above `floor`, which may have it further down."""
        if self.by_old is None:
            self.by_old = {}
            self.cut = []
            for position in range(len(self.texts)):
                near = self._likeliest(position, FEW)
                for bound, other in near:
                    self.by_old.setdefault(other, []).append((bound, position))
                if len(near) == FEW:
                    self.cut.append((near[-1][0], position))
            self.cut.sort(reverse=True)
        found = {position for bound, position in self.by_old.get(at, ()) if bound > floor}
        for last, position in self.cut:
            if last <= floor:
                break
            row = self._likeliest(position, None) if position not in found else []
            if any(other == at and bound > floor for bound, other in row):
                found.add(position)
        return [
            (position, score)
            for position in sorted(found)
            if (score := self.score(position, at)) > floor
        ]


def _match_similar(
    source: Source, left: list[int], free: dict[str, LockedNote]
) -> dict[int, LockedNote]:
    """Pair re-worded questions (of those `left`, by index) with their old wording (of the
    old notes `free`), best pairs first, refusing to guess.

    The pairs are taken in order of likeness (difflib's ratio), each question's in the
    order they were given: a heap holds each question's likeliest pair not yet measured by
    its bound, and the pairs measured by their measure."""
    notes = source.notes
    free = dict(free)  # those still to be had, here: the caller's are left as they are
    found: dict[int, LockedNote] = {}
    likeness = _Likeness(notes, left, free)
    olds = likeness.olds
    following = [likeness.bounds(position) for position in range(len(left))]

    def push_next(position: int) -> None:
        """The question's next pair by its bound, if it has one."""
        bound_at = next(following[position], None)
        if bound_at is not None:
            heapq.heappush(heap, (-bound_at[0], BOUND, position, bound_at[1]))

    heap: list[tuple[float, int, int, int]] = []
    for position in range(len(left)):
        push_next(position)
    problems: list[Problem] = []
    doubtful: set[int] = set()
    while heap:
        value, kind, position, at = heapq.heappop(heap)
        index, guid = left[position], olds[at].guid
        if index in found or index in doubtful:
            continue  # decided: its other pairs need no looking at
        if kind == BOUND:
            push_next(position)
        if guid not in free:
            continue
        if kind == BOUND:
            if score := likeness.score(position, at):
                heapq.heappush(heap, (-score, MEASURED, position, at))
            continue
        score = -value
        old = free[guid]
        rivals = [
            olds[other].guid
            for other, _ in likeness.olds_above(position, score - CLOSE)
            if other != at and olds[other].guid in free
        ]
        news = [
            notes[left[other]].line
            for other, _ in likeness.questions_above(at, score - CLOSE)
            if other != position and left[other] not in found
        ]
        if rivals or news:
            alike = [olds[other].guid for other, _ in likeness.olds_above(position, 0.0)]
            if not _answer_decides(notes[index], old, alike, free):
                questions = [free[guid].question for guid in rivals]
                problems.append(_ambiguous(source.path, notes[index], old, questions, news))
                doubtful.add(index)
                continue
        found[index] = free.pop(guid)
    if problems:
        raise AnkigenError(problems)
    return found


def _answer_decides(
    note: Note, old: LockedNote, alike: list[str], free: dict[str, LockedNote]
) -> bool:
    """Between old questions equally like this one, an identical answer settles it."""
    answer = answer_hash(note.answer)
    same_answer = [guid for guid in alike if guid in free and free[guid].answer_hash == answer]
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
        note.file or path,
        note.line,
        f"{doubt}; change one at a time and build in between, so each re-wording is clear",
    )
