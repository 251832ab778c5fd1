"""Candidates -> the file's question pattern: which shape, at which heading levels.

A file's questions are the blocks of one shape (at one heading level, or at that level and
shallower ones that are questions too): the chooser groups the candidates by shape and level
and picks the group that is most regular over the whole file — how many, how many with an
answer under them, how many numbered in order — so that a numbered list inside an answer,
a heading over a section or a bullet of a table of contents is never taken for the list.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from ankigen.reading.candidates import RECOGNISERS
from ankigen.reading.shapes import MAX_DIGITS, Candidate, Shape, asks

WEIGHTS = {
    Shape.NUMBERED_HEADING: 1.0,
    Shape.MARKED_HEADING: 1.0,
    Shape.PROBLEM_HEADING: 1.0,
    Shape.TEMPLATE_HEADING: 1.0,
    Shape.SUMMARY: 1.0,
    Shape.FLASHCARD: 1.0,
    Shape.CARD_BULLET: 3.0,  # the author marked each card: the file's questions
    Shape.CARD_BLOCK: 3.0,
    Shape.TABLE_ROW: 1.0,  # the header names the questions' column
    Shape.ADMONITION: 1.0,  # the author boxed each question
    Shape.QUOTE: 0.8,
    Shape.DEFINITION: 1.0,
    Shape.MARKED_LINE: 1.0,
    Shape.NUMBERED_LINE: 1.0,
    Shape.ASKING_HEADING: 0.9,
    Shape.ANSWERED_HEADING: 0.9,
    Shape.TOPIC_HEADING: 0.8,
    Shape.STATEMENT_HEADING: 0.0,
    Shape.FAQ_ENTRY: 0.8,
    Shape.NUMBERED_ITEM: 0.8,
    Shape.BOLD_QUESTION: 0.7,
    Shape.BOLD_ITEM: 0.5,
    Shape.BULLET_ITEM: 0.6,
    Shape.PARAGRAPH: 0.5,  # plain text: a question only where many stand alike
}
"""How surely a shape marks a question when it is regular: a numbered or `Q:` heading more
surely than a bullet, which may as well be a list in an answer."""


ENTRIES = frozenset(
    {Shape.ASKING_HEADING, Shape.TOPIC_HEADING, Shape.STATEMENT_HEADING, Shape.FAQ_ENTRY}
)
"""Headings that are the entries of one list when they stand at one level among each other."""
CARDS = frozenset(
    {
        Shape.FLASHCARD,
        Shape.MARKED_LINE,
        Shape.SUMMARY,
        Shape.CARD_BULLET,
        Shape.CARD_BLOCK,
        Shape.TABLE_ROW,
        Shape.ADMONITION,
        Shape.DEFINITION,
    }
)
"""Shapes whose every member its author marked as a card (`Q::A`, `Q:`, a box, a row)."""
ASKING = frozenset({Shape.NUMBERED_HEADING, Shape.MARKED_HEADING, Shape.ASKING_HEADING})
"""Headings that are questions by their own words, wherever they stand."""
INTRO = re.compile(
    r"\W*(?:preface|foreword|introduction|intro|overview|about|related(?: topics)?|"
    r"(?:general |important )?notes?|background|prerequisites|disclaimer|前言|序言?|"
    r"简介|引言|概述|导读|はじめに|개요|들어가며|введение|предисловие|einleitung|vorwort|"
    r"introducción|prólogo|introdução|prefácio|préface|avant-propos)\W*",
    re.I,
)
"""The title of what a page says before its questions (`Introduction`, `General notes`,
`前言`)."""
MAX_NUMBER = 10**MAX_DIGITS
"""More than any question's number."""
OPEN = frozenset({Shape.FAQ_ENTRY})
"""Shapes whose members hold no deeper heading: one at a shallower level is one of them."""
NUMBERED_ON = frozenset({Shape.SUMMARY, Shape.MARKED_LINE, Shape.NUMBERED_LINE})
"""Shapes that mark a question of their own: one numbered on from the question before it
is a question of the file's list, whatever shape the list has."""


@dataclass(frozen=True)
class Family:
    """The candidates of one shape at one level, and how regular they are."""

    shape: Shape
    level: int
    members: tuple[Candidate, ...]
    answered: int
    """How many have something under them before the next member."""
    in_order: int
    """How many are numbered one more than the member before (or 1)."""

    @property
    def score(self) -> float:
        count = len(self.members)
        regular = 0.4 + 0.6 * self.answered / count + 0.3 * self.in_order / count
        return count * WEIGHTS[self.shape] * regular

    def describe(self) -> str:
        where = f" (level {self.level})" if self.level else ""
        return (
            f"{len(self.members)} {self.shape.words(len(self.members))}{where}: "
            f"{self.answered} with text under them, {self.in_order} numbered in order"
        )


@dataclass(frozen=True)
class Pattern:
    """The shape a file's questions take: one shape at one level, and the members of that
    shape at shallower heading levels that are questions too."""

    shape: Shape
    level: int
    """The heading level of its questions (0 for shapes that are not headings): a heading
    deeper than this is answer text."""
    shallower: frozenset[int] = frozenset()
    """The lines of its questions at shallower heading levels, and of questions of another
    shape numbered on from the question before them."""
    families: tuple[Family, ...] = ()
    """Every family of candidates, best first (for `parse --explain`)."""
    elsewhere: frozenset[int] = frozenset()
    """The lines of questions of another shape, in sections that hold none of its own."""
    chosen_by: str = "regularity"
    """`regularity`, or the front matter key that named it."""
    any_heading: bool = False
    """Every heading at its level is a question (the author named the level alone)."""
    set_aside: tuple[Family, ...] = ()
    """Families passed over because they stand inside the answers of a shallower one."""

    def holds(self, candidate: Candidate) -> bool:
        if candidate.line in self.elsewhere or candidate.line in self.shallower:
            return True
        if self.any_heading:
            return candidate.shape.is_heading and candidate.level == self.level
        if candidate.shape is not self.shape:
            return False
        return candidate.level == self.level


def members_of(pattern: Pattern) -> list[Candidate]:
    """The candidates a pattern holds, in file order."""
    held = [c for family in pattern.families for c in family.members if pattern.holds(c)]
    return sorted(held, key=lambda candidate: candidate.line)


def families(found: Sequence[Candidate], answered: Sequence[bool]) -> list[Family]:
    """The candidates grouped by shape and level, best first (`answered[i]`: whether
    candidate `i` has text under it before the next candidate)."""
    groups: dict[tuple[Shape, int], list[int]] = {}
    for index, candidate in enumerate(found):
        groups.setdefault((candidate.shape, candidate.level), []).append(index)
    made = []
    for (shape, level), indices in groups.items():
        members = tuple(found[i] for i in indices)
        numbers = [None, *(m.number for m in members)]
        in_order = sum(
            member.number is not None
            and (member.number == 1 or (before is not None and member.number == before + 1))
            for before, member in zip(numbers, members, strict=False)
        )
        made.append(Family(shape, level, members, sum(answered[i] for i in indices), in_order))
    return sorted(made, key=lambda family: (-family.score, family.members[0].line))


def choose(
    found: Sequence[Candidate],
    answered: Sequence[bool],
    marked: Sequence[bool],
    ancestors: Sequence[frozenset[int]],
    wanted: Shape | None = None,
    level: int | None = None,
) -> Pattern | None:
    """The file's pattern: the most regular family (or the one the author named), and the
    same shape at shallower heading levels where those are questions too: numbered on from
    the question before them, or answered under an answer marker (`<details>`, `Answer:`)
    as the chosen ones are. None when the file has no candidate.

    `answered[i]`: candidate `i` has text under it before the next candidate; `marked[i]`:
    that text holds an answer marker; `ancestors[i]`: the lines of the headings it stands
    under."""
    ranked = families(found, answered)
    inside = _inside_answers(ranked, found, answered, ancestors)
    chosen = next(
        (
            family
            for family in ranked
            if (WEIGHTS[family.shape] or level is not None)
            and (wanted is None or family.shape is wanted)
            and level in (None, family.level)
            and (wanted is not None or level is not None or family not in inside)
        ),
        None,
    )
    if chosen is None:
        return None
    ours = [i for i, c in enumerate(found) if c.shape is chosen.shape and c.level == chosen.level]
    markers = sum(marked[i] for i in ours) >= 0.8 * len(ours)
    shallower: set[int] = set()
    previous: int | None = None
    titles = {  # headings over deeper questions of the chosen shape: sections, not entries
        line
        for index, candidate in enumerate(found)
        if candidate.shape is chosen.shape and candidate.level > chosen.level
        for line in ancestors[index]
    }
    carded = Counter(  # headings over cards marked as such (`Q::A`): sections of them
        line for index, candidate in enumerate(found) if candidate.shape in CARDS
        for line in ancestors[index]
    )  # fmt: skip
    titles.update(line for line, count in carded.items() if count >= 2)
    lined = chosen.shape in CARDS and not chosen.shape.is_heading  # `Q::A` lines, `Q:` lines
    following: list[int | None] = [None] * len(found)  # the number of the next of the pattern
    for index in range(len(found) - 2, -1, -1):
        after = found[index + 1]
        ours_after = after.shape is chosen.shape and after.level == chosen.level
        following[index] = after.number if ours_after else following[index + 1]
    for index, candidate in enumerate(found):
        if candidate.shape is chosen.shape and candidate.level == chosen.level:
            previous = candidate.number
            continue
        numbered_on = previous is not None and candidate.number == previous + 1
        above = candidate.shape is chosen.shape and 0 < candidate.level < chosen.level
        among = (  # a FAQ's entries: some ask, some name a topic, some state a problem
            chosen.shape in ENTRIES | {Shape.MARKED_HEADING}
            and candidate.shape in ENTRIES | {Shape.ANSWERED_HEADING}
            and candidate.level == chosen.level
            and (
                chosen.members[0].line < candidate.line
                or candidate.shape in OPEN
                or answered[index]  # before the first: over its answer
            )
            and not INTRO.fullmatch(candidate.question)  # the page's introduction, its notes
            and candidate.line not in titles
        )
        deeper = (  # `### 8.` between `## 7.` and `## 13.`: numbered on, a level too deep
            candidate.shape is chosen.shape
            and candidate.level > chosen.level
            and numbered_on
            and (following[index] or MAX_NUMBER) > (candidate.number or 0)
        )  # (or after the last of them)
        beside = (  # a heading that asks among cards written on lines, answered under it
            lined
            and candidate.shape in ASKING
            and answered[index]
            and carded[candidate.line] == 0
            and (candidate.shape is not Shape.NUMBERED_HEADING or asks(candidate.question))
        )  # (a numbered heading that names a topic, `### 1. Versioning`, is no card)
        if (
            (
                above
                and (
                    numbered_on
                    or (markers and marked[index])
                    or chosen.shape in OPEN
                    # a heading that asks over its answer, and over no question of the shape
                    or (
                        chosen.shape is Shape.ASKING_HEADING
                        and answered[index]
                        and candidate.line not in titles
                    )
                )
            )
            or among
            or deeper
            or beside
            or (candidate.shape in NUMBERED_ON and numbered_on)
        ):
            shallower.add(candidate.line)
            previous = candidate.number
    named = wanted is not None or level is not None
    return Pattern(
        chosen.shape,
        chosen.level,
        frozenset(shallower),
        tuple(ranked),
        chosen_by="front matter" if named else "regularity",
        any_heading=wanted is None and level is not None,
        set_aside=tuple(inside),
    )


PATTERN_NAMES = {
    "numbered-headings": Shape.NUMBERED_HEADING,
    "q-headings": Shape.MARKED_HEADING,
    "asking-headings": Shape.ASKING_HEADING,
    "answered-headings": Shape.ANSWERED_HEADING,
    "topic-headings": Shape.TOPIC_HEADING,
    "faq-entries": Shape.FAQ_ENTRY,
    "problems": Shape.PROBLEM_HEADING,
    "templates": Shape.TEMPLATE_HEADING,
    "numbered-items": Shape.NUMBERED_ITEM,
    "bullets": Shape.BULLET_ITEM,
    "bold-bullets": Shape.BOLD_ITEM,
    "numbered-bold-lines": Shape.NUMBERED_LINE,
    "q-lines": Shape.MARKED_LINE,
    "bold-questions": Shape.BOLD_QUESTION,
    "details": Shape.SUMMARY,
    "flashcards": Shape.FLASHCARD,
    "cards": Shape.CARD_BULLET,
    "card-blocks": Shape.CARD_BLOCK,
    "question-boxes": Shape.ADMONITION,
    "quotes": Shape.QUOTE,
    "definitions": Shape.DEFINITION,
    "table-rows": Shape.TABLE_ROW,
    "paragraphs": Shape.PARAGRAPH,
}
"""What front matter's `questions` may name: a shape, or (`"###"`) a heading level."""


def named_pattern(name: str) -> tuple[Shape | None, int | None]:
    """The shape and heading level front matter's `questions` names (none for "")."""
    if not name:
        return None, None
    if name.strip("#") == "" and len(name) <= 6:
        return None, len(name)
    return PATTERN_NAMES[name], None


def pattern_names() -> list[str]:
    """Every value front matter's `questions` may take."""
    return ["#" * level for level in range(1, 7)] + list(PATTERN_NAMES)


def _inside_answers(
    ranked: Sequence[Family],
    found: Sequence[Candidate],
    answered: Sequence[bool],
    ancestors: Sequence[frozenset[int]],
) -> list[Family]:
    """The families that stand inside the answers of a shallower family of headings, two
    or more of whose headings hold them, as `## 3. Question` holds `### 1. A first point`
    (where most of those headings have no text of their own, they are sections)."""
    lines = {candidate.line: index for index, candidate in enumerate(found)}
    inside = []
    for family in ranked:
        if any(_lists_under(family, other) for other in ranked):
            inside.append(family)
            continue
        depth = family.level or 7
        held = set().union(*(ancestors[lines[member.line]] for member in family.members))
        for other in ranked:
            if other is family or not 0 < other.level < depth or len(other.members) < 3:
                continue
            if not WEIGHTS[other.shape]:  # headings over text: sections, as likely as not
                continue
            if (
                other.shape is Shape.TOPIC_HEADING
                and family.shape is Shape.PARAGRAPH
                and len(family.members) > len(other.members)
            ):
                continue  # more paragraphs that ask than headings over one: sections of them
            if other.answered < 0.5 * len(other.members):
                continue  # headings over other headings at once: sections
            if len(held & {member.line for member in other.members}) >= 2:
                inside.append(family)
                break
    return inside


def _lists_under(family: Family, other: Family) -> bool:
    """Whether a family of numbered items is the lists of another family's questions, a
    list numbered from 1 under each (`**1. What is RAM?**`, or `### Which ...?`, then `1.`
    to `4.`: its options)."""
    if family.shape is not Shape.NUMBERED_ITEM:
        return False
    starts = [member.line for member in other.members]
    numbered = other.shape in NUMBERED_ON and other.in_order >= 0.8 * len(starts)
    if len(starts) < 3 or not (numbered or other.shape is Shape.ASKING_HEADING):
        return False
    firsts: dict[int, int | None] = {}  # the first item under each of the other's questions
    for member in family.members:
        under = bisect_right(starts, member.line)
        if under:
            firsts.setdefault(under, member.number)
    return sum(number == 1 for number in firsts.values()) >= 0.8 * len(starts)


def shapes_table() -> str:
    """The README's table of the shapes of question ankigen reads, from its recognisers."""
    keys = {shape: name for name, shape in PATTERN_NAMES.items()}
    rows = ["| shape | example | `questions =` |", "| --- | --- | --- |"]
    for recogniser in RECOGNISERS:
        example = f"`{recogniser.example}`" + (f", {recogniser.then}" if recogniser.then else "")
        example = example.replace("|", "\\|")  # a `|` in a table's cell, code spans too
        key = f'`"{keys[recogniser.shape]}"`' if recogniser.shape in keys else ""
        rows.append(f"| {recogniser.shape.word} | {example} | {key} |")
    return "\n".join(rows) + "\n"
