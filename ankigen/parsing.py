"""Text -> note records, decided for the whole file: its blocks (`gfm.outline`), the
candidates among them (`candidates`), the file's question pattern (`pattern.choose`), then
the questions cut at that pattern.

Each question runs to the next question of the pattern; everything deeper inside it (a
sub-heading, a numbered list, a `<details>` block) is its text, and a shallower heading is a
section. Inside a question, what stands before its first answer marker (`<details>`,
`Answer:`, an `Answer` or `Solution` heading, a task list with the right option checked) is
its prompt, shown on the card's front; the rest is the answer. What is never a question nor
answer text: tables of contents, "back to top" links, badges, and sections such as License.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from itertools import pairwise

from ankigen.candidates import (
    ANSWER_HEADING,
    ANSWER_LABEL,
    ASKS,
    BACK_TO_TOP,
    MAX_DIGITS,
    SUMMARY_LABELS,
    TAG,
    Candidate,
    Shape,
    answer_marker,
    candidates,
    decoration,
    heading_of,
    summary_in,
)
from ankigen.errors import AnkigenError, Problem, Severity
from ankigen.gfm import MAX_DEPTH, Block, Kind, Outline, outline
from ankigen.pattern import Pattern, choose, named_pattern
from ankigen.reading import Document, Text, prepare
from ankigen.records import Note, Source, normalise

CONTENTS = re.compile(r"(?:table of contents|contents|toc|index|оглавление|目录)\W*", re.I)
NOT_QUESTIONS = re.compile(
    r"(?:licen[cs]e|contributing|contribution|contributions|contributors|sponsors?|backers|"
    r"support(?: us)?|donat\w*|acknowledge?ments?|credits|references|resources|sources|"
    r"further reading|see also|related|authors?|maintainers?|changelog|star history|"
    r"источники|литература)\W*",
    re.I,
)
"""Sections that are never questions nor answers: what a README holds besides its list."""
DETAILS_TAG = re.compile(r"<(/?)details\b[^>]*>", re.I)
DROPPED_LINE = re.compile(
    r"\s*(?:&nbsp;|<br\s*/?>|</?p>|<!--\s*SR:[^>]*-->|</?details\b[^>]*>)*\s*", re.I
)
"""Lines that hold nothing a card shows: spacers, `<details>` tags, scheduling comments."""
RULE = re.compile(r"\s*(?:(?:-\s*){3,}|(?:\*\s*){3,}|(?:_\s*){3,})")
STRUCTURAL_HTML = frozenset(
    {"details", "summary", "h1", "h2", "h3", "h4", "h5", "h6", "p", "br", "b"}
)
"""Tags that only fold an answer away or hold a question: read, not warned about."""
LABEL_LINE = re.compile(
    r"(?:level\s*[0-9]+|question\s*[:\uff1a]?|#{1,6}\s*-{2}\s*text\s*-{2})\s*", re.I
)
"""Lines over a question's text that only label it (`Level 1`, `Question:`, `#### --text--`)."""
CHECKED = re.compile(r"^(\s*[-*+][ \t]+)\[[xX]\]", re.M)
TASK_ITEM = re.compile(r"\s*[-*+][ \t]+\[[ xX]\]")
MARKUP = " \t#*_-+>"
MARKER_STARTS = (
    "<details",
    "a:",
    "a :",
    "ans",
    "answer",
    "correct",
    "solution",
    "respuesta",
    "ответ",
    "[x]",
    "--answer",
    "<p><b",
)
"""How a line starts, after its markup, where it may open an answer (a quick test)."""
ANSWER_HEADING_SAYS = re.compile(
    r"(?:(?:correct\s+)?answers?|solutions?|-{2}\s*answer\s*-{2})\s*[:\uff1a]?\s*", re.I
)
"""The words of an answer heading before what it says (`Answer:` of `#### Answer: B`)."""
TEMPLATE_PART = re.compile(r"#{1,6}\s*-{2}\s*(?P<name>[a-z]+)\s*-{2}\s*", re.I)
HINT = re.compile(r"(?:\*\*|__|\*|_)?hints?\b", re.I)
ITEM_LINE = re.compile(r"(?:[0-9]{1,9}[.)]|[-*+])\s")
LONG_NUMBER = re.compile(rf"\s*[0-9]{{{MAX_DIGITS + 1},}}[.)]\s")
LONG_QUESTION = 300
"""A question longer than this many characters is probably an answer run into it."""


def parse(text: Text, skip_unanswered: bool = False) -> Source:
    """Parse a content file's text into its deck and notes, or raise `AnkigenError`.

    The error carries every problem found, warnings included; a `Source` carries warnings.
    A question without an answer is an error, unless `skip_unanswered` leaves it out (with
    a warning that counts them).
    """
    reading = read(prepare(text), skip_unanswered)
    if any(problem.severity is Severity.ERROR for problem in reading.source.warnings):
        raise AnkigenError(reading.source.warnings)
    return reading.source


@dataclass(frozen=True)
class Reading:
    """A file read: what it holds, and how its questions were found (`parse --explain`)."""

    source: Source
    """Its deck and notes; its `warnings` hold every problem found, errors included."""
    pattern: Pattern | None
    """The shape of its questions; None where it has no candidate."""
    candidates: tuple[Candidate, ...]
    questions: tuple[Question, ...] = ()


@dataclass(frozen=True)
class Question:
    """A question cut out of the file: where it stands and the lines under it."""

    candidate: Candidate
    section: str
    section_line: int
    """The line of its section's heading (0 outside sections)."""
    body: tuple[str, ...]
    """Its lines after its own block, dedented, with what a card never shows left out."""
    last: int
    """The last line of the file it spans."""


def read(document: Document, skip_unanswered: bool = False) -> Reading:
    """Read a prepared document: its question pattern, its questions and their notes, and
    every problem found (`parse` raises those that are errors)."""
    path, lines, start = document.path, document.lines, document.start
    found = outline("\n".join(lines[start:]))
    blocks = [
        Block(b.kind, b.first + start, b.last + start, b.level, b.ordered) for b in found.blocks
    ]
    problems = list(document.warnings) + _outline_problems(path, found, start)
    depths = _details_depths(blocks, lines)
    skipped = _skipped(blocks, lines)
    listed = [c for c in candidates(blocks, lines) if not depths[c.block] and not skipped[c.block]]
    answered, marked = _under(listed, blocks, lines)
    shape, level = named_pattern(document.deck.questions)
    pattern = choose(listed, answered, marked, _ancestors(listed, blocks, lines), shape, level)
    if pattern is None:
        text = next((b for b in blocks if not decoration(lines[b.first : b.last + 1])), None)
        if text is not None:
            skipped_text = "text before the first question is skipped"
            problems.append(Problem(path, text.first + 1, skipped_text, Severity.WARNING))
        if document.deck.questions:
            message = f"no questions of the kind `questions = {document.deck.questions!r}` names"
            problems.append(Problem(path, document.deck.line_of("questions"), message))
        else:
            message = "no questions found: expected lines like `1. What is ...?`"
            problems.append(Problem(path, 1, message))
        source = Source(path, document.deck, (), tuple(_ordered(problems)))
        return Reading(source, None, tuple(listed))
    if not document.deck.questions:
        pattern = _with_sections_of_their_own(pattern, listed, blocks, lines)
    code = {line + start for first, last in found.code for line in range(first, last + 1)}
    cut = list(_split(blocks, lines, pattern, depths, skipped, code, problems, path))
    notes = _notes(document, cut, pattern, skip_unanswered, problems)
    notes = _without_repeats(path, notes, problems)
    _warn_of_html(path, notes, cut, found, start, problems)
    if not notes and not any(p.severity is Severity.ERROR for p in problems):
        problems.append(
            Problem(path, 1, "no questions found: expected lines like `1. What is ...?`")
        )
    sections = tuple(sorted({q.section_line for q in cut if q.section_line}))
    source = Source(path, document.deck, tuple(notes), tuple(_ordered(problems)), sections)
    return Reading(source, pattern, tuple(listed), tuple(cut))


def _ordered(problems: list[Problem]) -> list[Problem]:
    return sorted(problems, key=lambda p: (not p.line, p.line, p.col))


def _outline_problems(path: str, found: Outline, start: int) -> list[Problem]:
    problems = [
        Problem(path, fence + start + 1, "this code fence is never closed")
        for fence in found.unclosed_fences
    ]
    problems += [
        Problem(path, math + start + 1, "this math block is never closed")
        for math in found.unclosed_math
    ]
    if found.too_deep is not None:
        problems.append(
            Problem(
                path,
                found.too_deep + start + 1,
                f"lists, quotes or emphasis nest more than {MAX_DEPTH} levels deep here; "
                "no card needs so many",
            )
        )
    return problems


def _details_depths(blocks: Sequence[Block], lines: Sequence[str]) -> list[int]:
    """How many `<details>` are open where each block starts (code is not counted)."""
    depths, depth = [], 0
    for block in blocks:
        depths.append(depth)
        if block.kind in (Kind.HTML, Kind.PARAGRAPH, Kind.ITEM):
            for index in range(block.first, block.last + 1):
                if "etails" in lines[index]:
                    for tag in DETAILS_TAG.finditer(lines[index]):
                        depth = max(0, depth - 1) if tag[1] else depth + 1
    return depths


def _skipped(blocks: Sequence[Block], lines: Sequence[str]) -> list[bool]:
    """The blocks of sections that hold no questions (License, Contributing, ...)."""
    skipped, level = [], 0
    for block in blocks:
        heading = heading_of(block, lines) if block.kind in (Kind.HEADING, Kind.HTML) else None
        if heading is not None and (not level or heading.level <= level):
            level = heading.level if NOT_QUESTIONS.fullmatch(heading.text) else 0
        skipped.append(bool(level))
    return skipped


def _with_sections_of_their_own(
    pattern: Pattern, listed: Sequence[Candidate], blocks: Sequence[Block], lines: Sequence[str]
) -> Pattern:
    """The pattern, with the questions of sections that hold none of its own: such a
    section (under a heading, or a bold title) is read by the pattern of its candidates."""
    asking = {c.block for c in listed if c.shape is not Shape.STATEMENT_HEADING}
    starts = []
    for index, block in enumerate(blocks):
        if index in asking:
            continue  # a question, of this pattern or another
        heading = heading_of(block, lines) if block.kind in (Kind.HEADING, Kind.HTML) else None
        if heading is not None:
            if not pattern.level or heading.level <= pattern.level:
                starts.append(block.first)  # a section's heading, not one inside an answer
        elif _bold_title(lines[block.first : block.last + 1]) and block.kind is Kind.PARAGRAPH:
            starts += [block.first] if _titles_a_section(lines[block.first], pattern) else []
    regions: dict[int, list[Candidate]] = {}
    for candidate in listed:
        regions.setdefault(bisect_right(starts, candidate.line), []).append(candidate)
    elsewhere: set[int] = set()
    for found in regions.values():
        if any(pattern.holds(candidate) for candidate in found):
            continue
        found = [
            c
            for c in found
            if not c.shape.is_heading or c.line not in starts or c.level >= pattern.level
        ]
        answered = [True] * len(found)
        own = choose(found, answered, answered, [frozenset()] * len(found))
        if own is not None and len(own.families[0].members) >= 2:
            elsewhere.update(c.line for c in own.families[0].members)
    return replace(pattern, elsewhere=frozenset(elsewhere)) if elsewhere else pattern


def _ancestors(
    listed: Sequence[Candidate], blocks: Sequence[Block], lines: Sequence[str]
) -> list[frozenset[int]]:
    """For each candidate, the lines of the headings it stands under."""
    found: list[frozenset[int]] = []
    stack: list[tuple[int, int]] = []  # (level, line) of the headings open here
    position = 0
    for candidate in listed:
        while position < candidate.block:
            heading = (
                heading_of(blocks[position], lines)
                if blocks[position].kind in (Kind.HEADING, Kind.HTML)
                else None
            )
            if heading is not None:
                while stack and stack[-1][0] >= heading.level:
                    stack.pop()
                stack.append((heading.level, heading.first))
            position += 1
        depth = candidate.level or 7
        found.append(frozenset(line for level, line in stack if level < depth))
    return found


def _under(
    listed: Sequence[Candidate], blocks: Sequence[Block], lines: Sequence[str]
) -> tuple[list[bool], list[bool]]:
    """For each candidate: whether text stands under it before the next candidate, and
    whether an answer marker stands under it before the next candidate of its shape and
    level (for a heading: before the next heading)."""
    answered, marked = [], []
    following: dict[tuple[Shape, int], int] = {}
    ends = [0] * len(listed)
    for index in range(len(listed) - 1, -1, -1):
        key = (listed[index].shape, listed[index].level)
        ends[index] = following.get(key, len(blocks))
        following[key] = listed[index].block
    strong = [i for i, c in enumerate(listed) if c.shape is not Shape.STATEMENT_HEADING]
    following_strong = dict(pairwise(strong))
    for index, candidate in enumerate(listed):
        after = following_strong.get(index, index + 1)  # headings over text are no question yet
        end = listed[after].block if after < len(listed) else len(blocks)
        own = bool(candidate.answer.strip()) or (candidate.last < blocks[candidate.block].last)
        answered.append(
            own
            or any(
                b.kind is not Kind.HEADING and not decoration(lines[b.first : b.last + 1])
                for b in blocks[candidate.block + 1 : end]
            )
        )
        marker = bool(candidate.answer.strip())
        for block in blocks[candidate.block + 1 : ends[index]]:
            if marker:
                break
            marker = answer_marker(block, lines)
            if (
                candidate.level
                and block.kind in (Kind.HEADING, Kind.HTML)
                and heading_of(block, lines)
            ):
                break  # the marker of a heading's question stands before the next heading
        marked.append(marker)
    return answered, marked


def _split(
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
    for family in pattern.families:
        for candidate in family.members:
            if (
                pattern.holds(candidate)
                and not depths[candidate.block]
                and not skipped[candidate.block]
            ):
                members.setdefault(candidate.block, []).append(candidate)
    section, open_question, body, last = "", None, [], 0
    section_line, section_level, warned_preamble, asked_in_section = 0, 0, False, False
    numbers = _ListNumbers()

    def close() -> Question | None:
        if open_question is None:
            return None
        candidate, title, title_line = open_question
        return Question(candidate, title, title_line, tuple(_kept(body)), last)

    for index, block in enumerate(blocks):
        if skipped[index]:
            continue
        text = lines[block.first : block.last + 1]
        here = sorted(members.get(index, ()), key=lambda c: c.line)
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
                problems.append(Problem(path, block.first + 1, message, Severity.WARNING))
            here = []  # an item of a numbered list in the answer
        if block.kind is Kind.ITEM and block.ordered:
            numbers.seen(lines[block.first], bool(here), section_line)
            if not here and LONG_NUMBER.match(lines[block.first]):
                message = (
                    "this item's number is too long for a question's "
                    f"(at most {MAX_DIGITS} digits): it is read as answer text"
                )
                problems.append(Problem(path, block.first + 1, message, Severity.WARNING))
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
                body = list(_own_lines(candidate, lines, end, code))
                last = end + 1
            continue
        heading = heading_of(block, lines) if block.kind in (Kind.HEADING, Kind.HTML) else None
        inside = open_question is not None and (
            depths[index] > 0
            or (
                heading is not None
                and (heading.level > pattern.level > 0 or ANSWER_HEADING.fullmatch(heading.text))
            )
        )
        if heading is not None and not inside:
            done = close()
            if done is not None:
                yield done
            open_question, body = None, []
            if not CONTENTS.fullmatch(heading.text):
                if section_line and not asked_in_section and heading.level <= section_level:
                    message = f"section {section!r} has no questions"
                    problems.append(Problem(path, section_line, message, Severity.WARNING))
                section, section_line, section_level = (
                    heading.text,
                    heading.first + 1,
                    heading.level,
                )
                asked_in_section = False
            continue
        title = _bold_title(text) if block.kind is Kind.PARAGRAPH else ""
        if (
            title
            and _member_follows(blocks, index, members)
            and _titles_a_section(text[0], pattern)
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
                problems.append(
                    Problem(
                        path, block.first + 1, f"text before {where} is skipped", Severity.WARNING
                    )
                )
                warned_preamble = True
            continue
        body.extend(_lines_of(lines, last, block.last, code))  # with the blank lines before it
        last = block.last + 1
    done = close()
    if done is not None:
        yield done


class _ListNumbers:
    """The numbers of a file's numbered items as they are read, which tell an item that
    asks (numbered on from the question before, or the first of a section) from an item of
    a list inside an answer (numbered on from that list)."""

    def __init__(self) -> None:
        self.question: int | None = None
        self.in_answer: int | None = None
        self.section_line = -1

    def asks(self, candidate: Candidate, section_line: int, blank_before: bool) -> bool:
        number = candidate.number
        if candidate.shape is not Shape.NUMBERED_ITEM or number is None or self.question is None:
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


def _titles_a_section(line: str, pattern: Pattern) -> bool:
    """Whether a bold title can head a section of the pattern's questions: any, over
    questions that are not headings; over headings, one that holds a heading as shallow
    (`**<h2>Networking</h2>**`), not a bold line inside an answer."""
    found = re.search(r"<h([1-6])\b", line, re.I)
    return not pattern.level or (found is not None and int(found[1]) <= pattern.level)


def _bold_title(text: Sequence[str]) -> str:
    """The text of a paragraph that is one bold line and nothing else (`**Basics**`, also
    `**<h2>Basics</h2>**`), else empty."""
    if len(text) != 1:
        return ""
    line = text[0].strip().rstrip(":").rstrip()
    for marker in ("**", "__"):
        inner = TAG.sub("", line[2:-2]).strip()
        if len(line) > 4 and line.startswith(marker) and line.endswith(marker):
            return "" if marker in inner else inner.rstrip(":")
    return ""


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
    for line in _lines_of(lines, candidate.last + 1, end, code):
        if indent:
            spaces = len(line) - len(line.lstrip(" "))
            line = line[min(spaces, indent) :]
        yield line


def _lines_of(lines: Sequence[str], first: int, last: int, code: set[int]) -> Iterator[str]:
    for index in range(first, last + 1):
        line = lines[index]
        if index not in code and ("<" in line or "&" in line or "](" in line):
            if DROPPED_LINE.fullmatch(line) or BACK_TO_TOP.fullmatch(line):
                continue
            if "<summary" in line.lower():
                found = summary_in(line)
                if found and SUMMARY_LABELS.fullmatch(TAG.sub("", found[2]).strip()):
                    yield "<details>"  # where the answer opens: the prompt ends here
                    line = (line[: found[0]] + line[found[1] :]).strip()
                    line = DETAILS_TAG.sub("", line).removeprefix("<br>").strip()
                    if not line:
                        continue
            elif "details" in line.lower():
                line = DETAILS_TAG.sub("", line)
                if not line.strip():
                    continue
        yield line


def _kept(body: list[str]) -> list[str]:
    """A body without blank lines and rules at either end."""
    first, last = 0, len(body)
    while first < last and (not body[first].strip() or RULE.fullmatch(body[first])):
        first += 1
    while last > first and (not body[last - 1].strip() or RULE.fullmatch(body[last - 1])):
        last -= 1
    return body[first:last]


@dataclass(frozen=True)
class Parts:
    """A question's text taken apart: its question, its prompt and its answer."""

    question: str
    prompt: str
    answer: str


def parts(question: Question) -> Parts:
    """What a question asks, shows under it and answers, from its block and body."""
    candidate, body = question.candidate, list(question.body)
    asked = candidate.question.strip()
    if candidate.shape is Shape.TEMPLATE_HEADING:
        return _template(body)
    if not asked or not candidate.shape.carries_question:
        asked, body = _question_from(body, fallback=asked)
    prompt, answer = _prompt_and_answer(body)
    if not answer.strip() and not prompt and "? " in asked:  # `1. What is X? X is ...`
        before, mark, after = asked.partition("? ")
        if not any(mark in after for mark in ASKS) and not re.match(r"[(\[]|hints?\b", after, re.I):
            asked, answer = before + mark.strip(), after
    if len(asked) > LONG_QUESTION:  # its first sentences ask; the rest is its prompt
        cut = max(asked.rfind(". ", 0, LONG_QUESTION), asked.rfind("? ", 0, LONG_QUESTION))
        if cut > 0:
            rest = asked[cut + 2 :].strip()
            asked, prompt = asked[: cut + 1], f"{rest}\n\n{prompt}".strip("\n")
    return Parts(asked, prompt, answer)


def _question_from(body: list[str], fallback: str) -> tuple[str, list[str]]:
    """The question written in the paragraph under a heading that only numbers it
    (`### Question 3`, `#### Problem 2`), and what is left under it."""
    index = 0
    while index < len(body) and (
        not body[index].strip() or LABEL_LINE.fullmatch(body[index].strip())
    ):
        index += 1
    taken: list[str] = []
    while (
        index < len(body) and body[index].strip() and not LABEL_LINE.fullmatch(body[index].strip())
    ):
        line = body[index].strip()
        if taken and (
            len(" ".join(taken)) + len(line) > LONG_QUESTION or line.startswith(("```", "~~~"))
        ):
            break
        if ANSWER_LABEL.match(line) or line.startswith(("```", "~~~", "|", "<")):
            break
        taken.append(line)
        index += 1
    if not taken:
        return fallback, body
    return " ".join(taken), body[index:]


def _prompt_and_answer(body: list[str]) -> tuple[str, str]:
    """A question's body cut at its first answer marker: what stands before it is the
    prompt; the marker's label (`Answer:`) is dropped from the answer. With no marker the
    body is the answer; with a task list, its options are the prompt (none checked) and
    the answer shows them checked."""
    text = "\n".join(line for line in body if line != "<details>")
    if not text.strip():
        return "", ""
    if not any(line.lstrip(MARKUP).lower().startswith(MARKER_STARTS) for line in body):
        return "", text.strip("\n")  # most answers: no need to outline them again
    blocks = outline("\n".join(body)).blocks
    for block in blocks:
        if answer_marker(block, body):
            prompt = "\n".join(body[: block.first]).strip("\n")
            answer = _kept([line for line in body[block.first :] if line != "<details>"])
            first = answer[0].lstrip() if answer else ""
            if first.startswith("#") and ANSWER_HEADING.fullmatch(first.lstrip("#").strip()):
                said = ANSWER_HEADING_SAYS.sub("", first.lstrip("#").strip(), count=1)
                answer = [said, *answer[1:]]  # `#### Answer: B`
            elif label := ANSWER_LABEL.match(first):
                answer = [first[label.end() :], *answer[1:]]  # `Answer: B`
            return prompt, "\n".join(_kept(answer))
    tasks = [b for b in blocks if b.kind is Kind.ITEM and TASK_ITEM.match(body[b.first])]
    if any(CHECKED.match(body[b.first]) for b in tasks):
        options = "\n".join(body[: tasks[-1].last + 1])
        checked = "\n".join(_kept(body[tasks[0].first :]))
        return CHECKED.sub(r"\1[ ]", options).strip("\n"), checked
    return "", text.strip("\n")


def _template(body: list[str]) -> Parts:
    """A question in a template's parts (`#### --text--`, `#### --answer--`): the text is
    the question and its prompt; options that are wrong are not shown."""
    parts: dict[str, list[str]] = {}
    name = "text"
    for line in body:
        found = TEMPLATE_PART.fullmatch(line.strip())
        if found:
            name = found["name"].lower()
            continue
        parts.setdefault(name, []).append(line)
    asked, rest = _question_from(parts.get("text", []), "")
    prompt = "\n".join(_kept(rest))
    return Parts(asked, prompt, "\n".join(_kept(parts.get("answer", []))))


def _notes(
    document: Document,
    cut: Sequence[Question],
    pattern: Pattern,
    skip_unanswered: bool,
    problems: list[Problem],
) -> list[Note]:
    """Notes of the questions cut; unanswered ones are errors (or left out, counted)."""
    path, deck = document.path, document.deck
    taken = [parts(question) for question in cut]
    answered = [bool(p.answer.strip()) and not _only_asks(p.answer) for p in taken]
    mostly_answered = sum(answered) >= 0.8 * max(len(taken), 1)
    notes: list[Note] = []
    unanswered: list[tuple[int, int]] = []
    tags: dict[str, tuple[str, ...]] = {}
    previous: int | None = None
    numbers: dict[tuple[str, int], int] = {}
    for index, (question, part) in enumerate(zip(cut, taken, strict=True)):
        line = question.candidate.line + 1
        answer = part.answer
        if question.candidate.number is not None:
            _check_numbering(
                path, numbers, question.section, question.candidate.number, previous, line, problems
            )
            previous = question.candidate.number
        if not answered[index]:
            empty = not question.body and not part.prompt
            if empty and mostly_answered and not part.question.rstrip("*_ ").endswith(ASKS):
                problems.append(
                    Problem(
                        path, line, "a heading with nothing under it is skipped", Severity.WARNING
                    )
                )
                continue
            shares = (  # `### Q: A` on the line over `### Q: B`, then their answer
                empty
                and question.candidate.shape.is_heading
                and index + 1 < len(taken)
                and answered[index + 1]
                and cut[index + 1].candidate.line == question.candidate.last + 1
            )
            if shares:  # two questions over one answer
                answer = taken[index + 1].answer
            else:
                unanswered.append((question.candidate.number or index + 1, line))
                continue
        if not part.question:
            problems.append(Problem(path, line, "this question has no text"))
            continue
        number = question.candidate.number
        if number is None:
            number = (previous or 0) + 1
            previous = number
        if len(part.question) > LONG_QUESTION:
            problems.append(
                Problem(
                    path,
                    line,
                    f"question {number} is {len(part.question)} characters long; "
                    "is its answer on the same line?",
                    Severity.WARNING,
                )
            )
        section = question.section
        note_tags = tags.get(section) or tags.setdefault(section, deck.tags_for(section))
        notes.append(Note(number, section, part.question, answer, line, note_tags, part.prompt))
    _report_unanswered(path, unanswered, bool(notes), skip_unanswered, problems)
    return notes


def _only_asks(answer: str) -> bool:
    """Whether an "answer" answers nothing: only a list of further questions (under a
    question that sets the scene), or only a hint."""
    items = [line.strip() for line in answer.split("\n") if line.strip()]
    if items and HINT.match(items[0]):
        return True
    return all(ITEM_LINE.match(item) and item.endswith(ASKS) for item in items)


def _check_numbering(
    path: str,
    numbers: dict[tuple[str, int], int],
    section: str,
    number: int,
    previous: int | None,
    line: int,
    problems: list[Problem],
) -> None:
    first = numbers.setdefault((section, number), line)
    if first != line:
        message = f"question number {number} is used twice (first on line {first})"
    elif previous is None or number == previous + 1 or number == 1:
        return
    elif number > previous + 1:
        message = f"numbering jumps from {previous} to {number}: is one missing?"
    else:
        message = f"numbering restarts at {number} after {previous}"
    problems.append(Problem(path, line, message, Severity.WARNING))


def _report_unanswered(
    path: str,
    unanswered: list[tuple[int, int]],
    any_notes: bool,
    skip_unanswered: bool,
    problems: list[Problem],
) -> None:
    """Questions without answers: each an error, with a word on leaving them out; or,
    when they are left out, one warning that counts them."""
    if not unanswered:
        return
    count = len(unanswered)
    questions = f"{count} question{'s' * (count != 1)}"
    if skip_unanswered:
        lines = ", ".join(str(line) for _, line in unanswered)
        problems.append(
            Problem(
                path,
                unanswered[0][1],
                f"left out {questions} without an answer (line{'s' * (count != 1)} {lines})",
                Severity.WARNING,
            )
        )
        return
    for number, line in unanswered:
        problems.append(Problem(path, line, f"question {number} has no answer"))
    if not any_notes:
        problems.append(Problem(path, 0, f"none of the {questions} has an answer"))
    else:
        problems.append(
            Problem(
                path,
                0,
                f"{questions} ha{'ve' if count != 1 else 's'} no answer: "
                "`--skip-unanswered` builds the others",
            )
        )


def _without_repeats(path: str, notes: Sequence[Note], problems: list[Problem]) -> list[Note]:
    """The notes without copies: a question asked again with its prompt and its answer
    word for word is left out with a warning; asked again with another answer, it is an
    error there."""
    first_notes: dict[str, Note] = {}
    kept = []
    for note in notes:
        first = first_notes.setdefault(normalise(note.asked), note)
        if first is note:
            kept.append(note)
        elif normalise(first.answer) == normalise(note.answer):
            message = f"this question and its answer are a copy of line {first.line}'s: left out"
            problems.append(Problem(path, note.line, message, Severity.WARNING))
        else:
            problems.append(
                Problem(path, note.line, f"the same question is asked on line {first.line}")
            )
    return kept


def _warn_of_html(
    path: str,
    notes: Sequence[Note],
    cut: Sequence[Question],
    found: Outline,
    start: int,
    problems: list[Problem],
) -> None:
    """A word on raw HTML kept in an answer (sanitised), once a note."""
    html = sorted(
        (line + start + 1, tag) for line, tag in found.html.items() if tag not in STRUCTURAL_HTML
    )
    if not html:
        return
    spans = {q.candidate.line + 1: q.last for q in cut}
    position = 0
    for note in notes:
        last = spans.get(note.line, note.line)
        while position < len(html) and html[position][0] < note.line:
            position += 1
        if position < len(html) and html[position][0] <= last:
            line, tag = html[position]
            problems.append(
                Problem(
                    path,
                    line,
                    f"raw HTML <{tag}> is kept (sanitised); "
                    "put it in `backticks` to show it as text",
                    Severity.WARNING,
                )
            )
