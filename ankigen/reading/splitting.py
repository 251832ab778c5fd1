"""Blocks + the file's question pattern -> its questions: each runs to the next question
of the pattern; everything deeper inside it (a sub-heading, a numbered list, a `<details>`)
is its text, and a shallower heading is a section. What a card never shows is left out:
"back to top" links, spacers, `<details>` tags, scheduling comments."""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterator, Sequence
from typing import NamedTuple

from ankigen.errors import Problem, Severity
from ankigen.gfm import Block, Kind
from ankigen.reading.pattern import Pattern, members_of
from ankigen.reading.shapes import (
    ANSWER_HEADING,
    ASKS,
    BACK_TO_TOP,
    HEADING_MARKS,
    ITEM_MARKER,
    MAX_DIGITS,
    PROPERTY,
    RULE,
    SUMMARY_LABELS,
    TAG,
    WIDE_LETTER,
    Candidate,
    Shape,
    bold_title,
    decoration,
    heading_of,
    navigation,
    section_title,
    summary_in,
    titles_a_section,
)

DETAILS_TAG = re.compile(r"<(/?)details\b[^>]*>", re.I)
"""A `<details>` tag, opening or closing, left on an answer's line."""
DROPPED_LINE = re.compile(
    r"\s*(?:&nbsp;|</?br\s*/?>|</?p>|<!--\s*(?:SR|ID):[^>]*-->|</?details\b[^>]*>|</h[1-6]\s*>)*\s*",
    re.I,
)
"""Lines that hold nothing a card shows: spacers, `<details>` tags, scheduling comments."""
EMPTY_BOX = re.compile(r"\s*<(div|p|span|center)\b[^<>]*>\s*</\1>\s*", re.I)
"""An HTML element's opening and closing lines with nothing left between them."""
SUMMARY_END = re.compile(r"</(?:h[1-6]|summary)\s*>|</?details\b[^>]*>|<br\s*/?>", re.I)
"""The tags that close a summary running on over lines (a question's heading, the summary)."""


UNWRITTEN = re.compile(r"[ ]{0,3}(?P<number>[0-9]{1,4})(?:[.)]|\u3001)[ \t]*")
"""A list's number with nothing after it: after the question before it, the next question
its author never wrote."""
SCHEDULE_COMMENT = re.compile(r"[ \t]*<!--SR:[^>]*-->")
"""The spaced-repetition plugin's schedule at the end of a card's line."""
CONTENTS = re.compile(
    r"(?:table of contents|contents|toc|index|оглавление|目录|#?flashcards)\W*", re.I
)
"""A table of contents' heading, or the spaced-repetition plugin's `flashcards` heading over
cards: it opens no section, so its notes keep the one before."""
LONG_NUMBER = re.compile(rf"\s*[0-9]{{{MAX_DIGITS + 1},}}[.)]\s")
"""A numbered item with more digits than a question's number may have: answer text, warned."""


class Question(NamedTuple):
    """A question cut out of the file: where it stands and the lines under it."""

    candidate: Candidate
    section: str
    section_line: int
    """The line of its section's heading (0 outside sections)."""
    body: tuple[str, ...]
    """Its lines after its own block, dedented, with what a card never shows left out."""
    last: int
    """The last line of the file it spans."""


def split(
    blocks: Sequence[Block],
    lines: Sequence[str],
    pattern: Pattern,
    depths: Sequence[int],
    skipped: Sequence[bool],
    code: set[int],
    problems: list[Problem],
    path: str,
) -> Iterator[Question]:
    """The questions of the pattern, each with its section and the lines under it."""
    members: dict[int, list[Candidate]] = {}
    held = members_of(pattern)
    for candidate in sorted(held, key=lambda c: c.line):
        if not depths[candidate.line] and not skipped[candidate.block]:
            members.setdefault(candidate.block, []).append(candidate)
    section, open_question, body, last = "", None, [], 0
    section_line, section_level, warned_preamble, asked_in_section = 0, 0, False, False
    asked = [c.number for c in held if c.shape is Shape.NUMBERED_ITEM]
    numbers = _ListNumbers(lazy=len(asked) > 2 and len(set(asked)) == 1)

    def close() -> Question | None:
        if open_question is None:
            return None
        candidate, title, title_line = open_question
        written = kept(body)
        unwritten = UNWRITTEN.fullmatch(written[-1]) if written else None
        if (
            unwritten is not None
            and candidate.number is not None
            and int(unwritten["number"]) == candidate.number + 1
        ):
            written = kept(written[:-1])  # `12.` after question 11: one never written
        return Question(candidate, title, title_line, tuple(written), last)

    answered_to = -1  # the last line of the answer of a question that says where it ends
    for index, block in enumerate(blocks):
        if skipped[index]:
            continue
        text = lines[block.first : block.last + 1]
        here = members.get(index, [])
        if not here and block.last <= answered_to:
            continue  # in that answer, read with it
        if (
            open_question is not None
            and block.kind is Kind.HEADING
            and block.first == open_question[0].last + 1
            and open_question[0].shape.is_heading
            and lines[block.first].lstrip().startswith("#")
            and (again := heading_of(block, lines)) is not None
            and _wide(open_question[0].question) != _wide(again.text)
        ):  # `### Q1: 为什么…?` over `### Why ...?`: the question again, in another language
            body.append(again.text)
            last, here = block.last + 1, []
            continue
        if (
            here
            and open_question is not None
            and not numbers.asks(here[0], section_line, not lines[block.first - 1].strip())
        ):
            if here[0].question.endswith(ASKS):
                number = open_question[0].number
                message = (
                    "this looks like a question but is read as part of the answer "
                    f"to question {number}"
                )
                problems.append(
                    Problem(
                        path,
                        block.first + 1,
                        message,
                        Severity.WARNING,
                        code="looks-like-a-question",
                    )
                )
            here = []  # an item of a numbered list in the answer
        if block.kind is Kind.ITEM and block.ordered:
            numbers.seen(lines[block.first], bool(here), section_line)
            if not here and LONG_NUMBER.match(lines[block.first]):
                message = (
                    "this item's number is too long for a question's "
                    f"(at most {MAX_DIGITS} digits): it is read as answer text"
                )
                problems.append(
                    Problem(path, block.first + 1, message, Severity.WARNING, code="long-number")
                )
        if here:
            if open_question is not None:
                body.extend(_lines_of(lines, last, here[0].line - 1, code))
            for number, candidate in enumerate(here):
                done = close()
                if done is not None:
                    yield done
                open_question = (candidate, section, section_line)
                asked_in_section = True
                end = here[number + 1].line - 1 if number + 1 < len(here) else block.last
                if candidate.until is not None:  # its answer is what is nested under it,
                    # or (a `START` block's) what stands down to its `END`
                    end = (
                        min(end, candidate.until)
                        if candidate.until <= block.last
                        else candidate.until
                    )
                body = list(_own_lines(candidate, lines, end, code))
                last = end + 1
            if here[-1].until is not None:
                done = close()
                if done is not None:
                    yield done
                open_question, body, answered_to = None, [], here[-1].until
            continue
        heading = heading_of(block, lines) if block.kind in (Kind.HEADING, Kind.HTML) else None
        inside = open_question is not None and (
            depths[block.first] > 0
            or (
                heading is not None
                and (
                    heading.level > (pattern.level or _held_level(open_question[0], lines)) > 0
                    or ANSWER_HEADING.fullmatch(heading.text)
                )
            )
        )
        if (
            heading is not None
            and open_question is not None
            and heading.level == pattern.level
            and heading.text.rstrip("*_ ").endswith(ASKS)
            and not any(line.strip() for line in body)
        ):  # `### 6. A scenario` then `### Which service fits?`: one question, two lines
            body.append(heading.text)
            last = block.last + 1
            continue
        if heading is not None and not inside:
            done = close()
            if done is not None:
                yield done
            open_question, body = None, []
            if not CONTENTS.fullmatch(heading.text):
                if section_line and not asked_in_section and heading.level <= section_level:
                    message = f"section {section!r} has no questions"
                    problems.append(
                        Problem(path, section_line, message, Severity.WARNING, code="empty-section")
                    )
                section, section_line, section_level = (
                    section_title(heading.text),
                    heading.first + 1,
                    heading.level,
                )
                asked_in_section = False
            continue
        title = bold_title(text) if block.kind is Kind.PARAGRAPH else ""
        if (
            title
            and _member_follows(blocks, index, members)
            and titles_a_section(text[0], pattern.level)
        ):
            done = close()
            if done is not None:
                yield done
            open_question, body = None, []
            section, section_line = title, block.first + 1
            continue
        if open_question is None:
            if not decoration(text) and not warned_preamble and any(s.strip() for s in text):
                where = "a section's first question" if section_line else "the first question"
                message = f"text before {where} is skipped"
                problems.append(
                    Problem(path, block.first + 1, message, Severity.WARNING, code="skipped-text")
                )
                warned_preamble = True
            continue
        body.extend(_lines_of(lines, last, block.last, code))  # with the blank lines before it
        last = block.last + 1
    done = close()
    if done is not None:
        yield done


def _held_level(candidate: Candidate, lines: Sequence[str]) -> int:
    """The level of the heading a numbered item holds (`51. ### Q`: 3, so that a `####`
    under it is part of its answer); 0 for another question."""
    if candidate.shape is not Shape.NUMBERED_ITEM:
        return 0
    line = lines[candidate.line]
    marker = ITEM_MARKER.match(line)
    held = HEADING_MARKS.match(line, marker.end()) if marker else None
    return held.group().count("#") if held else 0


class _ListNumbers:
    """The numbers of a file's numbered items as they are read, which tell an item that
    asks (numbered on from the question before, or the first of a section) from an item of
    a list inside an answer (numbered on from that list)."""

    def __init__(self, lazy: bool) -> None:
        self.lazy = lazy
        """Every question is numbered alike (`1.` each, as GitHub numbers them anyway): the
        numbers tell nothing."""
        self.question: int | None = None
        self.in_answer: int | None = None
        self.section_line = -1

    def asks(self, candidate: Candidate, section_line: int, blank_before: bool) -> bool:
        number = candidate.number
        if candidate.shape is not Shape.NUMBERED_ITEM or number is None or self.question is None:
            return True
        if self.lazy:
            return True
        continues = self.in_answer is not None and number == self.in_answer + 1
        if continues and not blank_before:
            return False
        if number == self.question + 1 or (number == 1 and section_line != self.section_line):
            return True
        if number == 1 and blank_before and candidate.question.endswith(ASKS):
            return True  # numbered again from 1, as some lists are
        return not (number == 1 or continues)

    def seen(self, line: str, asks: bool, section_line: int) -> None:
        found = re.match(r"\s*([0-9]{1,9})[.)]", line)
        number = int(found[1]) if found else None
        if asks:
            self.question, self.in_answer, self.section_line = number, None, section_line
        else:
            self.in_answer = number


def _member_follows(
    blocks: Sequence[Block], index: int, members: dict[int, list[Candidate]]
) -> bool:
    return index + 1 < len(blocks) and (index + 1) in members


def _own_lines(
    candidate: Candidate, lines: Sequence[str], end: int, code: set[int]
) -> Iterator[str]:
    """The lines a question's own block holds under it: a list item's nested lines
    (dedented), the rest of a paragraph, the rest of a `<details>` block."""
    if candidate.answer:
        yield from candidate.answer.split("\n")
        if candidate.shape in (Shape.FLASHCARD, Shape.SUMMARY):
            return
    indent = candidate.indent
    if indent < 0:  # nested deep in a list: dedented by what its lines share
        yield from textwrap.dedent(
            "\n".join(_lines_of(lines, candidate.last + 1, end, code)).expandtabs(4)
        ).split("\n")
        return
    for line in _lines_of(lines, candidate.last + 1, end, code):
        if indent:
            spaces = len(line) - len(line.lstrip(" "))
            line = line[min(spaces, indent) :]
        yield line


def _lines_of(lines: Sequence[str], first: int, last: int, code: set[int]) -> Iterator[str]:
    for index in range(first, last + 1):
        line = lines[index]
        if "::" in line and PROPERTY.fullmatch(line):
            continue
        if index not in code and ("<" in line or "&" in line or "](" in line):
            if DROPPED_LINE.fullmatch(line) or BACK_TO_TOP.fullmatch(line):
                continue
            if navigation(line) and _set_apart(lines, index):
                continue
            if "<!--SR:" in line:  # the plugin's schedule, rewritten at each review
                line = SCHEDULE_COMMENT.sub("", line).rstrip()
            if "<summary" in line.lower():
                found = summary_in(line)
                if found and SUMMARY_LABELS.fullmatch(TAG.sub("", found[2]).strip()):
                    yield from ("", "<details>")  # where the answer opens: the prompt ends here
                    line = (line[: found[0]] + line[found[1] :]).strip()
                    line = DETAILS_TAG.sub("", line).removeprefix("<br>").strip()
                    if not line:
                        continue
            elif "</summary" in line.lower():  # the end of a question's summary: its answer
                yield from ("", "<details>")
                line = SUMMARY_END.sub("", line)
                if not line.strip():
                    continue
            elif "details" in line.lower():
                line = DETAILS_TAG.sub("", line)
                if not line.strip():
                    continue
        yield line


def _empty_box(two: list[str]) -> bool:
    """Whether two lines only open and close one HTML element."""
    return EMPTY_BOX.fullmatch("".join(two)) is not None


def _set_apart(lines: Sequence[str], index: int) -> bool:
    """Whether a line stands apart from the text around it: a blank line, a tag's line or
    the file's edge on either side (not a line of a sentence run over several)."""
    around = (lines[index - 1] if index else "", lines[index + 1] if index + 1 < len(lines) else "")
    return all(not line.strip() or line.lstrip()[:1] == "<" for line in around)


def _wide(text: str) -> bool:
    """Whether a text is written in Chinese, Japanese or Korean (some of its letters are)."""
    return WIDE_LETTER.search(text) is not None


def kept(body: list[str]) -> list[str]:
    """A body without blank lines and rules at either end, nor an emptied box at its end
    (a `<div align="right">` whose link back to the top is left out)."""
    first, last = 0, len(body)
    while first < last and (not body[first].strip() or RULE.fullmatch(body[first])):
        first += 1
    while last > first and (not body[last - 1].strip() or RULE.fullmatch(body[last - 1])):
        last -= 1
    if last - first > 1 and "</" in body[last - 1] and _empty_box(body[last - 2 : last]):
        return kept(body[first : last - 2])
    return body[first:last]
