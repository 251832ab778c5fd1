"""A file's reading -> the words that say how its questions were found (`parse --explain`):
the pattern chosen and why, the runner-up, and why one line is or is not a question."""

from __future__ import annotations

from bisect import bisect_right

from ankigen.errors import Severity
from ankigen.reading.parsing import Reading
from ankigen.reading.pattern import Family, Pattern
from ankigen.reading.shapes import Candidate


def explain(reading: Reading, line: int | None = None) -> list[str]:
    """How a file's questions were found, or (given a 1-based `line`) why that line is or
    is not a question."""
    pattern = reading.pattern
    path = reading.source.path
    if pattern is None:
        return [f"{path}: no block is in the shape of a question, so no pattern was chosen"]
    if line is not None:
        return [f"{path}:{line}: {_line(reading, pattern, line)}"]
    chosen = _chosen(pattern)
    said = [
        f"{path}: the questions are {chosen.describe()}",
        f"  chosen by {pattern.chosen_by}"
        + ("" if pattern.chosen_by != "regularity" else ": the most regular family below"),
    ]
    if pattern.shallower:
        said.append(
            f"  and {len(pattern.shallower)} more among them (numbered on, answered as they"
            " are, or entries of the same list)"
        )
    if pattern.elsewhere:
        said.append(f"  and {len(pattern.elsewhere)} in sections of their own shape")
    said.append("  candidates, best first (score: how many, how many answered, in order):")
    for family in pattern.families[:8]:
        mark = "  <- chosen" if family is chosen else ""
        if family in pattern.set_aside:
            mark = "  (inside the answers of shallower headings: never the questions)"
        elif family is not chosen and family is _runner_up(pattern, chosen):
            mark = "  <- runner-up"
        said.append(f"    {family.score:7.1f}  {family.describe()}{mark}")
    notes = reading.source.notes
    errors = sum(p.severity is Severity.ERROR for p in reading.source.warnings)
    said.append(f"  {len(notes)} notes; {errors} error{'s' * (errors != 1)}")
    return said


def _chosen(pattern: Pattern) -> Family:
    return next(
        f for f in pattern.families if f.shape is pattern.shape and f.level == pattern.level
    )


def _runner_up(pattern: Pattern, chosen: Family) -> Family | None:
    return next(
        (
            family
            for family in pattern.families
            if family is not chosen and family.score > 0 and family not in pattern.set_aside
        ),
        None,
    )


def _line(reading: Reading, pattern: Pattern, line: int) -> str:
    """Why one line is, or is not, a question."""
    questions = reading.questions
    starts = [question.candidate.line + 1 for question in questions]
    at = next((c for c in reading.candidates if c.line + 1 <= line <= c.last + 1), None)
    if line in starts:
        question = questions[starts.index(line)]
        how = "a question of the pattern"
        if question.candidate.line in pattern.shallower:
            how = (
                "a question among them (numbered on, answered as they are, or an entry of the list)"
            )
        elif question.candidate.line in pattern.elsewhere:
            how = "a question of a section read by its own shape"
        return f"{how}: {_shape(question.candidate)}; {question.candidate.question!r}"
    owner = bisect_right(starts, line) - 1
    where = (
        f"part of question {owner + 1}'s text (line {starts[owner]})"
        if owner >= 0 and line <= questions[owner].last
        else "outside every question (a title, a section's heading or text before it)"
    )
    if at is None:
        return f"not in the shape of a question; {where}"
    return (
        f"in the shape of a question ({_shape(at)}), but the file's questions are "
        f"{_chosen(pattern).describe().split(':')[0]}; {where}"
    )


def _shape(candidate: Candidate) -> str:
    level = f" at level {candidate.level}" if candidate.level else ""
    return f"{candidate.shape.word}{level}"
