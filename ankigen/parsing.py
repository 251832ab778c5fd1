"""Text -> note records: sections, and questions in the shapes people write them, with answers.

A question line may be `1. Q`, `1) Q`, `Q1. Q`, `Q1: Q`, `Q: Q`, `**1. Q**`, `**1.** Q`, or any
of these as a heading (`### 1. Q`); its answer may start on the same line (`1. Q? A`,
`Q: ... A: ...`, `**1. Q** A`) or below, with or without an `Answer:` / `A:` / `Ans:` prefix,
and may sit in a `<details>` block. Sections are headings, or a bold line on its own. The
first question fixes the file's numbering style: later lines in another style, and numbered
lists inside answers, stay answer text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import NamedTuple

from ankigen.errors import AnkigenError, Problem, Severity
from ankigen.front_matter import read_front_matter
from ankigen.reading import Text
from ankigen.records import Note, Source, normalise

NUMBERED = re.compile(
    r"(?P<q>q(?:uestion)?[ \t]*)?(?P<number>[0-9]{1,6})[ \t]*(?P<mark>[.):])", re.I
)
UNNUMBERED = re.compile(r"(?P<q>q(?:uestion)?)[ \t]*(?P<mark>:)", re.I)
INLINE_ANSWER = re.compile(r"[ \t](?:\*\*|__)?(?:a|ans|answer)[ \t]*:(?:\*\*|__)?[ \t]+", re.I)
ANSWER_PREFIX = re.compile(r"(?:\*\*|__)?(?:a|ans|answer)[ \t]*:(?:\*\*|__)?[ \t]*", re.I)
FENCE = re.compile(r"[ ]{0,3}(?P<marker>`{3,}|~{3,})")
DETAILS = re.compile(r"</?details\b[^>]*>", re.I)
SUMMARY = re.compile(r"<summary\b[^>]*>(?P<text>.*?)</summary>", re.I)
RAW_HTML = re.compile(r"</?([a-z][a-z0-9]*)\b[^<>]*>", re.I)
CODE_SPAN = re.compile(r"`[^`]*`")
MARKUP_STARTS = frozenset("0123456789#*_<`~$\\ \tQq")
"""First characters of every line that can be more than answer text (a question, a heading,
a fence, a math block, a `<details>` tag, a list item, indentation)."""
BLOCK_STARTS = frozenset("`~$\\")
"""First characters (after indentation) of a line that opens a code fence or a math block."""
BLOCK = 2**18
"""Characters of text split into lines at a time."""
LONG_QUESTION = 300
"""A question longer than this many characters is probably an answer run into it."""


def parse(text: Text, coded: Callable[[Note], None] | None = None) -> Source:
    """Parse a content file's text into its deck and notes, or raise `AnkigenError`.

    The error carries every problem found, warnings included; a `Source` carries warnings.
    `coded` is given each note with a fenced code block as soon as it is parsed, so that its
    highlighting can start.
    """
    return _Parser(text, coded).run()


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


class _Lines:
    """A text's lines, as `str.splitlines` gives them, split from it a block at a time as
    they are read, so that a large file's lines are never all held at once."""

    def __init__(self, text: str, block: int = BLOCK) -> None:
        self.text = text
        self.block = block
        self.split_to = 0
        """Where in the text the lines split so far end."""
        self.held: list[str] = []
        self.first = 0
        """The index of the first line held."""
        self.kept = 0
        """Lines before this index may be let go."""

    def __iter__(self) -> Iterator[str]:
        return (line for _, line in self.read(0))

    def get(self, index: int) -> str | None:
        """The line at `index` (from 0), or None past the last one."""
        while index >= self.first + len(self.held):
            if self.split_to >= len(self.text):
                return None
            end = self.text.find("\n", self.split_to + self.block) + 1 or len(self.text)
            let_go = max(0, self.kept - self.first)
            self.held = self.held[let_go:] + self.text[self.split_to : end].splitlines()
            self.first += let_go
            self.split_to = end
        return self.held[index - self.first]

    def read(self, start: int) -> Iterator[tuple[int, str]]:
        """Each line from `start` on, with its index; lines before the last one read may
        be let go (only a line's next one looks back at it)."""
        index = start
        while self.get(index) is not None:
            held, first = self.held, self.first
            for line in held[index - first :]:
                yield index, line
                self.kept = index
                index += 1


class _OpenNote:
    """The question being read, and its answer's lines so far."""

    __slots__ = ("answer", "coded", "line", "number", "question", "section", "started")

    def __init__(self, number: int, question: str, line: int, section: str) -> None:
        self.number, self.question, self.line, self.section = number, question, line, section
        self.answer: list[str] = []
        self.started = False
        """Whether the answer has had a line with text (the only one that may carry `Answer:`)."""
        self.coded = False
        """Whether the answer has a fenced code block."""


class _Parser:
    """One pass over the lines; problems are collected so that all are reported at once."""

    def __init__(self, text: Text, coded: Callable[[Note], None] | None) -> None:
        self.path = text.path
        self.coded = coded
        self.lines = _Lines(text.content.removeprefix("\ufeff"))
        self.problems: list[Problem] = list(text.warnings)
        self.notes: list[Note] = []
        self.deck, self.start = read_front_matter(self.path, self.lines)
        self.section = ""
        self.section_line = 0
        self.section_level = 0
        self.section_notes = 0
        self.after_heading = True
        self.style = ""
        self.current: _OpenNote | None = None
        self.fence: tuple[str, int] | None = None
        self.math: tuple[str, int] | None = None
        self.list_number: int | None = None
        self.previous_number: int | None = None
        self.skipping = False
        self.numbers_in_section: dict[int, int] = {}
        self.tags: dict[str, tuple[str, ...]] = {}
        """Tags by section, worked out once a section."""

    def run(self) -> Source:
        for index, line in self.lines.read(self.start):
            self._line(index + 1, line if line.isascii() else self._repaired(index + 1, line))
        if self.fence is not None:
            self._problem(self.fence[1], "this code fence is never closed")
        if self.math is not None:
            self._problem(self.math[1], "this math block is never closed")
        self._close_note()
        self._close_section()
        self._check_repeats()
        if not self.notes and not self._errors():
            self._problem(1, "no questions found: expected lines like `1. What is ...?`")
        problems = sorted(self.problems, key=lambda p: (p.line, p.col))
        if self._errors():
            raise AnkigenError(problems)
        return Source(self.path, self.deck, tuple(self.notes), tuple(problems))

    def _check_repeats(self) -> None:
        """A question asked a second time is an error there (checked once all are read, so
        that a large file's questions are not held twice while it is)."""
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

    def _line(self, number: int, line: str) -> None:
        plain = line[:1] not in MARKUP_STARTS and "<" not in line and self.math is None
        if plain and self.current is not None:
            self._answer_line(line)  # plain answer text: by far the most common line
            if line:
                self.list_number = None
            return
        if self.fence is not None:
            self._answer_line(line)
            if line.strip().startswith(self.fence[0]) and not line.strip().strip(self.fence[0]):
                self.fence = None
            return
        if self.math is not None:
            self._answer_line(line)
            if self.math[0] in line:
                self.math = None
            return
        opens = self.current is not None and line.lstrip()[:1] in BLOCK_STARTS
        if opens and self._opens_block(number, line):
            return
        bare = self._without_details(line)
        if bare is None:
            return
        line = bare
        candidate = _candidate(line)
        if candidate is not None and self._starts_question(candidate, number):
            self._open_note(candidate, number)
            return
        level = len(line) - len(line.lstrip("#"))
        if 1 <= level <= 6 and line[level : level + 1].isspace():
            self._open_section(line.strip("#").strip(), number, level)
            return
        title = _bold_title(line)
        if title and self._question_follows(number):
            self._open_section(title, number, 7)
            return
        if self.current is None:
            if line.strip() and not self.skipping:
                where = "a section's first question" if self.notes else "the first question"
                self._warn(number, f"text before {where} is skipped")
            self.skipping = bool(line.strip())
            return
        if candidate is not None and candidate.question.endswith("?"):
            self._warn(
                number,
                "this looks like a question but is read as part of the answer "
                f"to question {self.current.number}",
            )
        self._answer_line(line)
        self._track_list(line)

    def _opens_block(self, number: int, line: str) -> bool:
        """Start a code fence or a math block in an answer; True if the line did."""
        note = self.current
        assert note is not None  # blocks open in answers
        fence = FENCE.match(line)
        if fence:
            self.fence = (fence["marker"], number)
            note.coded = True
        stripped = line.strip()
        for opening, closing in (("$$", "$$"), ("\\[", "\\]")):
            if stripped.startswith(opening) and closing not in stripped[len(opening) :]:
                self.math = (closing, number)
        if self.fence or self.math:
            self._answer_line(line)
            return True
        return False

    def _without_details(self, line: str) -> str | None:
        """A line without its `<details>` tags; a `<summary>` that asks nothing is dropped."""
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

    def _starts_question(self, candidate: _Candidate, line: int) -> bool:
        """Whether a line in the shape of a question opens one (rather than being answer text)."""
        if self.style and candidate.style != self.style:
            return False
        if self.current is None or candidate.number is None or not candidate.plain:
            return True
        number = candidate.number
        previous_blank = not (self.lines.get(line - 2) or "").strip()
        continues_list = self.list_number is not None and number == self.list_number + 1
        if continues_list and (not previous_blank or number != self.current.number + 1):
            return False
        # inside an answer, `1.` starts a list unless it follows a blank line and asks something
        return number != 1 or (previous_blank and candidate.question.endswith("?"))

    def _question_follows(self, number: int) -> bool:
        """Whether the next line with text opens a question in the file's style."""
        index = number
        while (line := self.lines.get(index)) is not None and not line.strip():
            index += 1
        candidate = _candidate(line or "")
        return candidate is not None and candidate.style == (self.style or candidate.style)

    def _track_list(self, line: str) -> None:
        found = NUMBERED.match(line)
        if found and not found["q"] and line[found.end() : found.end() + 1].isspace():
            self.list_number = int(found["number"])
        elif line.strip() and not line[0].isspace():
            self.list_number = None

    def _answer_line(self, line: str) -> None:
        note = self.current
        assert note is not None
        if not note.started and line.strip():
            note.started = True
            prefix = ANSWER_PREFIX.match(line.lstrip())
            if prefix:
                line = line.lstrip()[prefix.end() :]
        note.answer.append(line)

    def _open_section(self, title: str, line: int, level: int) -> None:
        self._close_note()
        self._close_section(level)
        self.section, self.section_line, self.section_level = title, line, level
        self.section_notes = 0
        self.after_heading = True
        self.style = ""
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
            self._answer_line(candidate.answer)

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
        if "<" in note.question or "<" in answer:
            self._check_html(note)
        tags = self.tags.get(note.section) or self.tags.setdefault(
            note.section, self.deck.tags_for(note.section)
        )
        self.notes.append(Note(note.number, note.section, note.question, answer, note.line, tags))
        if note.coded and self.coded is not None:
            self.coded(self.notes[-1])

    def _check_html(self, note: _OpenNote) -> None:
        texts = [(note.line, note.question)]
        fence = False
        for offset, text in enumerate(note.answer, start=1):
            if FENCE.match(text):
                fence = not fence
            elif not fence:
                texts.append((note.line + offset, text))
        for line, text in texts:
            found = "<" in text and RAW_HTML.search(CODE_SPAN.sub("", text))
            if found:
                self._warn(
                    line,
                    f"raw HTML <{found[1]}> is kept (sanitised); "
                    "put it in `backticks` to show it as text",
                )
                return
