"""Text -> note records: questions found in the blocks of Markdown as GitHub reads it.

The file is read once, by the same engine that renders it (`gfm.outline`); questions are
found among its blocks, never inside code or a quote. A question may be the first line of a
numbered list item (`1. Q`, `1) Q`: the house format, whose answer lines follow it), a
heading (`### 1. Q`), or a paragraph's line in the shape `Q1. Q`, `Q1: Q`, `Q: Q`,
`Question 1: Q`, `**1. Q**` or `**1.** Q`, or a `<summary>` that asks; its answer may start
on the same line (`1. Q? A`, `Q: ... A: ...`, `**1. Q** A`) or below, with or without an
`Answer:` / `A:` / `Ans:` prefix, and may sit in a `<details>` block. The answer is
everything up to the next question, dedented when it sits in the question's list item.
Sections are headings, or a bold line on its own. The first question fixes the numbering
style of its section: numbered lists inside answers stay answer text.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from typing import NamedTuple

from ankigen.errors import AnkigenError, Problem, Severity
from ankigen.front_matter import read_front_matter
from ankigen.gfm import Block, Kind, outline
from ankigen.reading import Text
from ankigen.records import Note, Source, normalise

ITEM_MARKER = re.compile(r"[ ]{0,3}[0-9]{1,9}[.)](?:[ ]{1,4}(?=[^ ])|[ ]*$)")
"""An ordered list item's marker and the spaces after it: the width its content is indented."""
STRUCTURAL_HTML = frozenset({"details", "summary"})
"""Tags that only fold an answer away: read for their question, not warned about."""
NUMBERED = re.compile(
    r"(?P<q>q(?:uestion)?[ \t]*)?(?P<number>[0-9]{1,6})[ \t]*(?P<mark>[.):])", re.I
)
UNNUMBERED = re.compile(r"(?P<q>q(?:uestion)?)[ \t]*(?P<mark>:)", re.I)
INLINE_ANSWER = re.compile(r"[ \t](?:\*\*|__)?(?:a|ans|answer)[ \t]*:(?:\*\*|__)?[ \t]+", re.I)
ANSWER_PREFIX = re.compile(r"(?:\*\*|__)?(?:a|ans|answer)[ \t]*:(?:\*\*|__)?[ \t]*", re.I)
DETAILS = re.compile(r"</?details\b[^>]*>", re.I)
SUMMARY = re.compile(r"<summary\b[^>]*>(?P<text>.*?)</summary>", re.I)
LONG_QUESTION = 300
"""A question longer than this many characters is probably an answer run into it."""


def parse(text: Text) -> Source:
    """Parse a content file's text into its deck and notes, or raise `AnkigenError`.

    The error carries every problem found, warnings included; a `Source` carries warnings.
    """
    return _Parser(text).run()


class _Candidate(NamedTuple):
    """A line in the shape of a question, taken apart."""

    style: str
    """How it is numbered: each section keeps the style of its first question."""
    plain: bool
    """A bare `1.` or `1)` line, which may also be an item of a list in an answer."""
    number: int | None
    question: str
    answer: str
    """Answer text written on the same line, if any."""


def _candidate(line: str) -> _Candidate | None:
    text = line.strip()
    heading = text.startswith("#")
    if heading:
        level = len(text) - len(text.lstrip("#"))
        if level > 6 or not text[level : level + 1].isspace():
            return None
        text = text[level:].strip().rstrip("#").rstrip()
    bold = text[:2] if text[:2] in ("**", "__") else ""
    if bold:
        text = text[2:].lstrip()
    found = NUMBERED.match(text) or UNNUMBERED.match(text)
    if found is None:
        return None
    asks = found["q"]
    if found["mark"] == ":" and not asks:
        return None
    rest = text[found.end() :]
    if bold and rest.startswith(bold):  # `**1.** Question`
        rest, bold = rest[len(bold) :], ""
    if not rest[:1].isspace():  # `1.5 million`, `Q:x`
        return None
    question, answer = rest.strip(), ""
    inline = ":" in question and INLINE_ANSWER.search(question)
    if bold and bold in question:  # `**1. Question?** Answer`
        question, _, answer = (part.strip() for part in question.partition(bold))
    elif inline:  # `Q: Question? A: Answer`
        question, answer = question[: inline.start()].strip(), question[inline.end() :].strip()
    if not question:
        return None
    number = int(found["number"]) if found.re is NUMBERED else None
    style = ("#" if heading else "") + ("Q" if asks else "") + ("n" if number else "")
    plain = not (heading or bold or asks or line.startswith(("**", "__")))
    return _Candidate(style, plain, number, question, answer)


def _bold_title(line: str) -> str:
    """The text of a line that is bold and nothing else (`**Basics**`), else empty."""
    text = line.strip().rstrip(":").rstrip()
    for marker in ("**", "__"):
        inner = text[2:-2].strip()
        if len(text) > 4 and text.startswith(marker) and text.endswith(marker):
            return "" if marker in inner else inner.rstrip(":")
    return ""


class _OpenNote:
    """The question being read, and its answer's lines so far."""

    __slots__ = ("answer", "last", "line", "number", "question", "section", "started")

    def __init__(self, number: int, question: str, line: int, section: str) -> None:
        self.number, self.question, self.line, self.section = number, question, line, section
        self.answer: list[str] = []
        self.last = line
        """The last line of the file read into it."""
        self.started = False
        """Whether the answer has had a line with text (the only one that may carry `Answer:`)."""


class _Parser:
    """One pass over the file's blocks; problems are collected so that all are reported."""

    def __init__(self, text: Text) -> None:
        self.path = text.path
        self.problems: list[Problem] = list(text.warnings)
        self.content = text.content.removeprefix("\ufeff")
        if "\r" in self.content:
            self.content = self.content.replace("\r\n", "\n").replace("\r", "\n")
        self.notes: list[Note] = []
        self.deck, self.start = read_front_matter(self.path, _first_lines(self.content))
        self.section = ""
        self.section_line = 0
        self.section_level = 0
        self.section_notes = 0
        self.question_level = 0
        """The heading level of questions written as headings (0: none are)."""
        self.after_heading = True
        self.style = ""
        self.current: _OpenNote | None = None
        self.list_number: int | None = None
        """The number of the last item of a numbered list read as answer text."""
        self.previous_number: int | None = None
        self.skipping = False
        self.numbers_in_section: dict[int, int] = {}
        self.tags: dict[str, tuple[str, ...]] = {}
        """Tags by section, worked out once a section."""
        self.html_lines: list[int] = []
        self.html_tags: list[str] = []

    def run(self) -> Source:
        start = self.start
        if not self.content.isascii():
            lines = self.content.split("\n")
            for index in range(start, len(lines)):
                if not lines[index].isascii():
                    lines[index] = self._repaired(index + 1, lines[index])
            self.content = "\n".join(lines)
            del lines
        body = self.content if not start else self.content.split("\n", start)[start]
        found = outline(body)
        del body
        self.lines = self.content.split("\n")
        del self.content  # the lines are held; the text need not be
        html = sorted((line + start + 1, tag) for line, tag in found.html.items())
        kept = [(line, tag) for line, tag in html if tag not in STRUCTURAL_HTML]
        self.html_lines = [line for line, _ in kept]
        self.html_tags = [tag for _, tag in kept]
        position = start
        for block in found.blocks:
            first, last = block.first + start, block.last + start
            for index in range(position, first):
                self._text(index)
            self._block(block, first, max(first, min(last, len(self.lines) - 1)))
            position = max(position, last + 1)
        for index in range(position, len(self.lines)):
            self._text(index)
        for fence in found.unclosed_fences:
            self._problem(fence + start + 1, "this code fence is never closed")
        for math in found.unclosed_math:
            self._problem(math + start + 1, "this math block is never closed")
        self._close_note()
        self._close_section()
        self._check_repeats()
        if not self.notes and not self._errors():
            self._problem(1, "no questions found: expected lines like `1. What is ...?`")
        problems = sorted(self.problems, key=lambda p: (p.line, p.col))
        if self._errors():
            raise AnkigenError(problems)
        return Source(self.path, self.deck, tuple(self.notes), tuple(problems))

    def _block(self, block: Block, first: int, last: int) -> None:
        if block.kind is Kind.HEADING:
            self._heading(block, first, last)
        elif block.kind is Kind.ITEM and block.ordered:
            self._item(first, last)
        elif block.kind is Kind.PARAGRAPH:
            for index in range(first, last + 1):
                self._paragraph_line(index, first, last)
        elif block.kind is Kind.HTML:
            for index in range(first, last + 1):
                self._html_line(index)
        else:
            for index in range(first, last + 1):
                self._text(index)
            if block.kind is Kind.ITEM:
                self.list_number = None

    def _heading(self, block: Block, first: int, last: int) -> None:
        """A heading: a question if it asks in the file's style, else a section, or answer
        text when it is deeper than the questions and their section."""
        line = self.lines[first]
        if not line.lstrip().startswith("#"):  # a setext heading: its text, then its rule
            line = "#" * block.level + " " + " ".join(t.strip() for t in self.lines[first:last])
        candidate = _candidate(line)
        if candidate is not None and self._starts_question(candidate, first + 1):
            self.question_level = block.level
            self._open_note(candidate, first + 1)
            return
        inner = max(self.section_level if self.section_level <= 6 else 0, self.question_level)
        if self.current is not None and inner and block.level > inner:
            for index in range(first, last + 1):
                self._text(index)
            return
        title = line.strip().strip("#").strip()
        self._open_section(title, first + 1, block.level)
        for index in range(first + 1, last + 1):  # a setext heading's rule
            self._text(index, answer=False)

    def _item(self, first: int, last: int) -> None:
        """An item of a numbered list: a question, or part of an answer."""
        line = self.lines[first]
        candidate = _candidate(line)
        if candidate is not None and self._starts_question(candidate, first + 1):
            self._open_note(candidate, first + 1)
            marker = ITEM_MARKER.match(line)
            indent = marker.end() if marker else 0
            for index in range(first + 1, last + 1):
                text = self.lines[index]
                spaces = len(text) - len(text.lstrip(" "))
                self._answer_line(index, text[min(spaces, indent) :])
            return
        self._warn_if_asking(candidate, first + 1)
        marker = ITEM_MARKER.match(line)
        number = re.match(r"\s*([0-9]+)", line)
        for index in range(first, last + 1):
            self._text(index)
        self.list_number = int(number[1]) if marker and number else None

    def _paragraph_line(self, index: int, first: int, last: int) -> None:
        """A line of a paragraph: a question in the shape `Q1.`, `Q:` or `**1. Q**`, a bold
        title over a section, or text."""
        line = self.lines[index]
        candidate = _candidate(line) if line[:1] in "*_Qq" else None
        asks = candidate is not None and not candidate.plain
        if asks and candidate and self._starts_question(candidate, index + 1):
            self._open_note(candidate, index + 1)
            return
        title = _bold_title(line) if first == last else ""
        if title and self._question_follows(index + 1):
            self._open_section(title, index + 1, 7)
            return
        if self.current is not None:
            self._warn_if_asking(candidate, index + 1)
        self._text(index)
        if line.strip():
            self.list_number = None

    def _html_line(self, index: int) -> None:
        """A line of HTML: `<details>` tags are dropped, a `<summary>` that asks is a
        question, and one that does not is dropped."""
        bare = _without_details(self.lines[index])
        if bare is None:
            return
        candidate = _candidate(bare) if bare != self.lines[index] else None
        if candidate is not None and self._starts_question(candidate, index + 1):
            self._open_note(candidate, index + 1)
            return
        self._text(index, bare)

    def _text(self, index: int, line: str | None = None, answer: bool = True) -> None:
        """A line of answer text, or (before the first question) text that is skipped."""
        text = self.lines[index] if line is None else line
        if self.current is None:
            if text.strip() and not self.skipping:
                where = "a section's first question" if self.notes else "the first question"
                self._warn(index + 1, f"text before {where} is skipped")
            self.skipping = bool(text.strip())
        elif answer:
            self._answer_line(index, text)

    def _warn_if_asking(self, candidate: _Candidate | None, line: int) -> None:
        if self.current is not None and candidate is not None and candidate.question.endswith("?"):
            self._warn(
                line,
                "this looks like a question but is read as part of the answer "
                f"to question {self.current.number}",
            )

    def _check_repeats(self) -> None:
        """A question asked a second time is an error there."""
        first_lines: dict[str, int] = {}
        for note in self.notes:
            first = first_lines.setdefault(normalise(note.question), note.line)
            if first != note.line:
                self._problem(note.line, f"the same question is asked on line {first}")

    def _errors(self) -> bool:
        return any(p.severity is Severity.ERROR for p in self.problems)

    def _problem(self, line: int, message: str, severity: Severity = Severity.ERROR) -> None:
        self.problems.append(Problem(self.path, line, message, severity))

    def _warn(self, line: int, message: str) -> None:
        self._problem(line, message, Severity.WARNING)

    def _repaired(self, number: int, line: str) -> str:
        """Undo mojibake (UTF-8 read as Windows-1252, like `Hereâ€™s`), with a warning."""
        import ftfy  # only non-ASCII text pays for loading it

        fixed = ftfy.fix_encoding(line)
        if fixed != line:
            self._warn(number, "repaired mis-encoded characters (mojibake)")
        return fixed

    def _starts_question(self, candidate: _Candidate, line: int) -> bool:
        """Whether a block in the shape of a question opens one (rather than being answer
        text)."""
        if self.style and candidate.style != self.style:
            return False
        if self.current is None or candidate.number is None or not candidate.plain:
            return True
        number = candidate.number
        previous_blank = line < 2 or not self.lines[line - 2].strip()
        continues_list = self.list_number is not None and number == self.list_number + 1
        if continues_list and (not previous_blank or number != self.current.number + 1):
            return False
        # inside an answer, `1.` starts a list unless it follows a blank line and asks something
        return number != 1 or (previous_blank and candidate.question.endswith("?"))

    def _question_follows(self, number: int) -> bool:
        """Whether the next line with text opens a question in the file's style."""
        index = number
        while index < len(self.lines) and not self.lines[index].strip():
            index += 1
        candidate = _candidate(self.lines[index] if index < len(self.lines) else "")
        return candidate is not None and candidate.style == (self.style or candidate.style)

    def _answer_line(self, index: int, line: str) -> None:
        note = self.current
        assert note is not None
        if not note.started and line.strip():
            note.started = True
            prefix = ANSWER_PREFIX.match(line.lstrip())
            if prefix:
                line = line.lstrip()[prefix.end() :]
        note.answer.append(line)
        note.last = index + 1

    def _open_section(self, title: str, line: int, level: int) -> None:
        self._close_note()
        self._close_section(level)
        self.section, self.section_line, self.section_level = title, line, level
        self.section_notes = 0
        self.after_heading = True
        self.style = ""
        self.question_level = 0
        self.numbers_in_section = {}

    def _close_section(self, next_level: int = 0) -> None:
        """Warn of a section with no questions (a heading over subsections is not one)."""
        if self.section_line and not self.section_notes and next_level <= self.section_level:
            self._warn(self.section_line, f"section {self.section!r} has no questions")

    def _open_note(self, candidate: _Candidate, line: int) -> None:
        self._close_note()
        self.style = self.style or candidate.style
        number = candidate.number
        if number is None:
            number = (self.previous_number or 0) + 1
        else:
            self._check_numbering(number, line)
        self.previous_number = number
        self.after_heading = False
        self.skipping = False
        self.section_notes += 1
        self.current = _OpenNote(number, candidate.question, line, self.section)
        if candidate.answer:
            self._answer_line(line - 1, candidate.answer)

    def _check_numbering(self, number: int, line: int) -> None:
        first = self.numbers_in_section.setdefault(number, line)
        previous = self.previous_number
        if first != line:
            self._problem(line, f"question number {number} is used twice (first on line {first})")
        elif previous is None or number == previous + 1 or (number == 1 and self.after_heading):
            return
        elif number > previous + 1:
            self._warn(line, f"numbering jumps from {previous} to {number}: is one missing?")
        else:
            self._warn(line, f"numbering restarts at {number} after {previous}")

    def _close_note(self) -> None:
        note, self.current, self.list_number = self.current, None, None
        if note is None:
            return
        answer = "\n".join(note.answer).strip("\n")
        if not answer or answer.isspace():  # `1. What is X? X is ...` on one line
            asked, mark, answer = note.question.partition("? ")
            note.question = asked + mark.strip()
        if not answer or answer.isspace():
            self._problem(note.line, f"question {note.number} has no answer")
            return
        if len(note.question) > LONG_QUESTION:
            self._warn(
                note.line,
                f"question {note.number} is {len(note.question)} characters long; "
                "is its answer on the same line?",
            )
        found = bisect_left(self.html_lines, note.line)
        if found < len(self.html_lines) and self.html_lines[found] <= note.last:
            self._warn(
                self.html_lines[found],
                f"raw HTML <{self.html_tags[found]}> is kept (sanitised); "
                "put it in `backticks` to show it as text",
            )
        tags = self.tags.get(note.section) or self.tags.setdefault(
            note.section, self.deck.tags_for(note.section)
        )
        self.notes.append(Note(note.number, note.section, note.question, answer, note.line, tags))


def _first_lines(text: str) -> Iterator[str]:
    """A text's lines, split as they are read (front matter is read from the first few)."""
    start = 0
    while start <= len(text):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        yield text[start:end]
        start = end + 1


def _without_details(line: str) -> str | None:
    """A line without its `<details>` tags; a `<summary>` that asks nothing is dropped, and
    so is a line left empty."""
    if "<" not in line:
        return line
    bare = DETAILS.sub("", line)
    summary = SUMMARY.search(bare)
    if summary:
        if _candidate(summary["text"]) is None:
            bare = bare[: summary.start()] + bare[summary.end() :]
        else:
            bare = summary["text"] + " " + bare[summary.end() :]
    if bare != line and not bare.strip():
        return None
    return bare
