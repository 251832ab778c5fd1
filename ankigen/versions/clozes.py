"""A cloze note + what the lock remembers of it -> its deletions' numbers: a deletion keeps
its number (and so its card, and the learner's reviews of it) when others are inserted,
removed or moved around it; a deletion re-worded keeps it when it is clearly the same; a
new one gets a number no deletion of the note ever had."""

from __future__ import annotations

from ankigen.records import Deletion, LockedNote, Note, normalise

SIMILAR = 0.6
"""Deletions at least this alike (difflib's ratio of their words) may be one re-worded."""


def cloze_numbers(note: Note, old: LockedNote | None) -> tuple[Deletion, ...]:
    """A cloze note's deletions in order (question, prompt, answer), each with its number:
    the author's where they numbered them (`{{c2::...}}`), else the lock's."""
    found = note.deletions
    if any(deletion.number for deletion in found):
        return found
    previous = {deletion.number: deletion for deletion in (old.clozes if old else ())}
    numbers: list[int | None] = [None] * len(found)
    for index, cloze in enumerate(found):
        same = next(
            (n for n, d in previous.items() if normalise(d.text) == normalise(cloze.text)), None
        )
        if same is not None:
            numbers[index] = same
            del previous[same]
    from difflib import SequenceMatcher  # loaded only where deletions are compared

    alike = sorted(
        (
            (
                SequenceMatcher(None, normalise(cloze.text), normalise(d.text)).ratio(),
                -index,
                n,
            )
            for index, cloze in enumerate(found)
            if numbers[index] is None
            for n, d in previous.items()
        ),
        reverse=True,
    )
    for ratio, index, kept in alike:
        if ratio >= SIMILAR and numbers[-index] is None and kept in previous:
            numbers[-index] = kept
            del previous[kept]
    top = max([old.cloze_top if old else 0, *(d.number for d in (old.clozes if old else ()))])
    given = []
    for known in numbers:
        if known is None:
            top += 1
        given.append(top if known is None else known)
    return tuple(Deletion(number, cloze.text) for number, cloze in zip(given, found, strict=True))
