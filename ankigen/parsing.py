"""Text -> note records: questions found in the blocks of Markdown as GitHub reads it.

The file is read once, by the same engine that renders it (`gfm.outline`); questions are
found among its blocks, never inside code, a quote or a table. A question may be

- the first line of a numbered list item (`1. Q`, `1) Q`: the house format, whose answer
  lines follow it; `1. ### Q`, whose answer is indented under it);
- a heading: numbered (`### 1. Q`, `#### Q12. Q`), or one that asks (`### How do I ...?`),
  in Markdown or in HTML (`<h3>5. Q</h3>`, also over several lines or never closed), or a
  `#### Problem 3` heading whose text is the question and whose `#### Solution` is the
  answer;
- a paragraph's line in the shape `Q1. Q`, `Q1: Q`, `Q: Q`, `Question 1: Q`, `**1. Q**`,
  `**1.** Q`, `**Q:** Q`, or a bold line that asks (`**What is X?**`);
- a bullet that asks, whose nested bullets are its answer;
- a `<summary>` that asks (a `<details>` block's tags are dropped).

Its answer may start on the same line (`1. Q? A`, `Q: ... A: ...`, `**1. Q** A`) or below,
with or without an `Answer:` / `A:` / `Ans:` prefix, and is everything up to the next
question, dedented when it sits in the question's list item. Sections are headings, or a
bold line on its own; a heading deeper than the questions is answer text. The first
question fixes the numbering style of its section: numbered lists inside answers stay
answer text. What is never a question nor answer text: tables of contents, "back to top"
links, badges and banners, and sections such as License, Contributing or Sponsors.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from typing import NamedTuple

from ankigen.errors import AnkigenError, Problem, Severity
from ankigen.front_matter import read_front_matter
from ankigen.gfm import MAX_DEPTH, Block, Kind, outline
from ankigen.reading import Text
from ankigen.records import Note, Source, normalise

NUMBERED = re.compile(
    r"(?P<q>q(?:uestion)?[ \t]*)?(?P<number>[0-9]{1,6})[ \t]*(?P<mark>[.):\uff1a])", re.I
)
UNNUMBERED = re.compile(r"(?P<q>q(?:uestion)?)[ \t]*(?P<mark>[.:\uff1a])", re.I)
INLINE_ANSWER = re.compile(r"[ \t](?:\*\*|__)?(?:a|ans|answer)[ \t]*:(?:\*\*|__)?[ \t]+", re.I)
ANSWER_PREFIX = re.compile(r"(?:\*\*|__)?(?:a|ans|answer)[ \t]*[:\uff1a](?:\*\*|__)?[ \t]*", re.I)
DETAILS = re.compile(r"</?details\b[^>]*>", re.I)
TAG = re.compile(r"</?[A-Za-z][^<>]*>")
HTML_HEADING = re.compile(
    r"\s*<h(?P<level>[1-6])\b[^>]*>(?P<text>.*?)(?:</h(?P=level)\s*>|$)", re.I
)
HEADING_MARKS = re.compile(r"#{1,6}[ \t]+")
ITEM_MARKER = re.compile(r"[ ]{0,3}(?:[0-9]{1,9}[.)]|[-*+])(?:[ ]{1,4}(?=[^ ])|[ ]*$)")
"""A list item's marker and the spaces after it: the width its content is indented."""
PROBLEM = re.compile(
    r"(?:problem|exercise)\s*#?\s*(?P<number>[0-9]{1,6})\b[.:]?\s*(?P<title>.*)", re.I
)
SOLUTION = re.compile(r"(?:solution|answer)s?\b", re.I)
ANCHOR_LINK = re.compile(r"\[[^\]]*\]\(#[^)]*\)")
BACK_TO_TOP = re.compile(
    r"[*_\s]*(?:\[[^\]]*\btop\b[^\]]*\]\(#[^)]*\)|<a\s[^>]*href=\"#[^\"]*\"[^>]*>[^<]*\btop\b[^<]*</a>)[*_\s]*",
    re.I,
)
LIST_MARKS = re.compile(r"[\s|\-*+:0-9.)]*")
"""What is left of a table of contents without its links: bullets, numbers and cells."""
TABLE_RULE = re.compile(r"\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*")
BADGE = re.compile(r"\[?!\[[^\]]*\]\([^)]*\)(?:\]\([^)]*\))?")
CONTENTS = re.compile(r"(?:table of contents|contents|toc|index)\W*", re.I)
"""A heading over a table of contents, which is skipped; the section goes on after it."""
NOT_QUESTIONS = re.compile(
    r"(?:licen[cs]e|contributing|contribution|contributions|contributors|sponsors?|backers|"
    r"support(?: us)?|donat\w*|acknowledge?ments?|credits|references|resources|"
    r"further reading|see also|related|authors?|maintainers?|changelog|star history)\W*",
    re.I,
)
"""Sections that are never questions nor answers: what a README holds besides its list."""
STRUCTURAL_HTML = frozenset({"details", "summary", "h1", "h2", "h3", "h4", "h5", "h6"})
"""Tags that only fold an answer away or hold a question: read, not warned about."""
ASKS = ("?", "\uff1f")
LONG_NUMBER = re.compile(r"\s*[0-9]{7,}[.)]\s")
LONG_QUESTION = 300
"""A question longer than this many characters is probably an answer run into it."""


def parse(text: Text, skip_unanswered: bool = False) -> Source:
    """Parse a content file's text into its deck and notes, or raise `AnkigenError`.

    The error carries every problem found, warnings included; a `Source` carries warnings.
    A question without an answer is an error, unless `skip_unanswered` leaves it out (with
    a warning that counts them).
    """
    return _Parser(text, skip_unanswered).run()


class _Candidate(NamedTuple):
    """A line in the shape of a question, taken apart."""

    style: str
    """How it is marked: each section keeps the style of its first question."""
    plain: bool
    """A list item (`1.`, `1)`, `- `), which may also be an item of a list in an answer."""
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
        if heading and text.endswith(ASKS):  # `### How do I ...?`
            return _Candidate("#?", False, None, text, "")
        if bold and text.endswith(bold) and text[: -len(bold)].rstrip().endswith(ASKS):
            return _Candidate("b?", False, None, text[: -len(bold)].rstrip(), "")
        return None
    asks = found["q"]
    if found["mark"] in ":\uff1a" and not asks:
        return None
    if found["mark"] == "." and asks and found.re is UNNUMBERED and not heading:
        return None  # `Q. ...` asks only as a heading
    rest = text[found.end() :]
    if bold and rest.startswith(bold):  # `**1.** Question`
        rest, bold = rest[len(bold) :], ""
    if not rest[:1].isspace() and not (found["mark"] == "\uff1a" and rest):  # `1.5`, `Q:x`
        return None
    question, answer = HEADING_MARKS.sub("", rest.strip(), count=1), ""
    inline = ":" in question and INLINE_ANSWER.search(question)
    if bold and bold in question:  # `**1. Question?** Answer`
        question, _, answer = (part.strip() for part in question.partition(bold))
    elif inline:  # `Q: Question? A: Answer`
        question, answer = question[: inline.start()].strip(), question[inline.end() :].strip()
    if not question:
        return None
    number = int(found["number"]) if found.re is NUMBERED else None
    if heading:  # `#### Q12.` and `#### 13.` in one list of quiz questions
        style = "#n" if number is not None else "#?"
    else:
        style = ("Q" if asks else "") + ("n" if number is not None else "")
    plain = not (heading or bold or asks or line.startswith(("**", "__")))
    return _Candidate(style, plain, number, question, answer)


def _bold_title(line: str) -> str:
    """The text of a line that is bold and nothing else (`**Basics**`, also
    `**<h2>Basics</h2>**`), else empty."""
    text = line.strip().rstrip(":").rstrip()
    for marker in ("**", "__"):
        inner = TAG.sub("", text[2:-2]).strip()
        if len(text) > 4 and text.startswith(marker) and text.endswith(marker):
            return "" if marker in inner else inner.rstrip(":")
    return ""


class _OpenNote:
    """The question being read, and its answer's lines so far."""

    __slots__ = ("answer", "asking", "last", "line", "number", "question", "section", "started")

    def __init__(self, number: int, question: str, line: int, section: str) -> None:
        self.number, self.question, self.line, self.section = number, question, line, section
        self.answer: list[str] = []
        self.asking: list[str] | None = None
        """The lines of a question still being written (under a `Problem` heading)."""
        self.last = line
        """The last line of the file read into it."""
        self.started = False
        """Whether the answer has had a line with text (the only one that may carry `Answer:`)."""


class _Unanswered(NamedTuple):
    number: int
    line: int


class _Parser:
    """One pass over the file's blocks; problems are collected so that all are reported."""

    def __init__(self, text: Text, skip_unanswered: bool) -> None:
        self.path = text.path
        self.skip_unanswered = skip_unanswered
        self.problems: list[Problem] = list(text.warnings)
        self.content = text.content.removeprefix("\ufeff")
        if "\r" in self.content:
            self.content = self.content.replace("\r\n", "\n").replace("\r", "\n")
        self.lines: list[str] = []
        self.notes: list[Note] = []
        self.unanswered: list[_Unanswered] = []
        self.deck, self.start = read_front_matter(self.path, _first_lines(self.content))
        self.section = ""
        self.section_line = 0
        self.section_level = 0
        self.section_notes = 0
        self.question_level = 0
        """The heading level of questions written as headings (0: none are)."""
        self.skipped_level = 0
        """The level of a section that holds no questions (License, ...), while in it."""
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
        self.code_lines: set[int] = set()
        self.section_lines: list[int] = []

    def run(self) -> Source:
        start = self.start
        if not self.content.isascii():
            lines = self.content.split("\n")
            for index in range(start, len(lines)):
                if not lines[index].isascii():
                    lines[index] = self._repaired(index + 1, lines[index])
            self.content = "\n".join(lines)
            del lines
        after = self.content.split("\n", start) if start else [self.content]
        body = after[start] if start < len(after) else ""  # the text after the front matter
        del after
        found = outline(body)
        del body
        self.lines = self.content.split("\n")
        del self.content  # the lines are held; the text need not be
        html = sorted((line + start + 1, tag) for line, tag in found.html.items())
        kept = [(line, tag) for line, tag in html if tag not in STRUCTURAL_HTML]
        self.html_lines = [line for line, _ in kept]
        self.html_tags = [tag for _, tag in kept]
        for first, last in found.code:
            self.code_lines.update(range(first + start, last + start + 1))
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
        if found.too_deep is not None:
            self._problem(
                found.too_deep + start + 1,
                "lists, quotes or emphasis nest more than "
                f"{MAX_DEPTH} levels deep here; no card needs so many",
            )
        self._close_note()
        self._close_section()
        self._check_repeats()
        self._check_answered()
        if not self.notes and not self._errors():
            self._problem(1, "no questions found: expected lines like `1. What is ...?`")
        problems = sorted(self.problems, key=lambda p: (not p.line, p.line, p.col))
        if self._errors():
            raise AnkigenError(problems)
        sections = tuple(self.section_lines)
        return Source(self.path, self.deck, tuple(self.notes), tuple(problems), sections)

    def _block(self, block: Block, first: int, last: int) -> None:
        if self.skipped_level and not (block.kind is Kind.HEADING or self._html_heading(first)):
            return  # inside a section such as License: nothing here is read
        if block.kind is Kind.HEADING:
            line = self.lines[first]
            if not line.lstrip().startswith("#"):  # a setext heading: its text, then its rule
                line = " ".join(text.strip() for text in self.lines[first:last])
            self._heading(block.level, TAG.sub("", line.strip().strip("#")).strip(), first, last)
        elif block.kind is Kind.ITEM:
            self._item(first, last, block.ordered)
        elif block.kind is Kind.HTML:
            self._html(first, last)
        elif self.current is None and _decoration(self.lines[first : last + 1]):
            return  # badges, or a table of contents: never text
        elif block.kind is Kind.PARAGRAPH:
            for index in range(first, last + 1):
                self._paragraph_line(index, first, last)
        else:
            for index in range(first, last + 1):
                self._text(index)

    def _heading(self, level: int, title: str, first: int, last: int) -> None:
        """A heading: a question if it asks in the file's style, the end of a problem's
        question, else a section, or answer text when it is deeper than the questions and
        their section."""
        if self.skipped_level and level > self.skipped_level:
            return
        self.skipped_level = 0
        note = self.current
        if note is not None and note.asking is not None and SOLUTION.fullmatch(title):
            note.question = "\n".join(note.asking).strip() or note.question
            note.asking = None
            return
        candidate = _candidate("#" * level + " " + title)
        asking = candidate is not None and candidate.style == "#?"
        if asking and self._next_is_question(last + 1):
            candidate = None  # a section that asks, over questions of its own
        if self.current is not None and self.question_level and level > self.question_level:
            candidate = None  # a numbered heading inside an answer to a question heading
        problem = PROBLEM.fullmatch(title)
        if problem and (self.style in ("", "#n")):
            candidate = _Candidate("#n", False, int(problem["number"]), problem["title"], "")
        if candidate is not None and self._starts_question(candidate, first + 1):
            self.question_level = level
            self._open_note(candidate, first + 1)
            if problem and self.current is not None:
                self.current.asking = []
            return
        inner = max(self.section_level if self.section_level <= 6 else 0, self.question_level)
        if self.current is not None and inner and level > inner:
            for index in range(first, last + 1):
                self._text(index)
            return
        if CONTENTS.fullmatch(title):
            self.skipping = self.current is None  # what follows is a table of contents
            return
        if NOT_QUESTIONS.fullmatch(title):
            self._close_note()
            self.skipped_level = level
            self.skipping = True  # nothing in it is text worth a warning
            return
        self._open_section(title, first + 1, level)

    def _item(self, first: int, last: int, ordered: bool) -> None:
        """An item of a list: a question, or part of an answer."""
        line = self.lines[first]
        candidate = _candidate(line) if ordered else _asking_bullet(line, first < last)
        if candidate is not None and self._starts_question(candidate, first + 1):
            self._open_note(candidate, first + 1)
            marker = ITEM_MARKER.match(line)
            indent = marker.end() if marker else 0
            for index in range(first + 1, last + 1):
                text = self.lines[index]
                spaces = len(text) - len(text.lstrip(" "))
                self._text(index, text[min(spaces, indent) :])
            return
        if self.current is None and _decoration(self.lines[first : last + 1]):
            return  # an item of a table of contents
        self._warn_if_asking(candidate, first + 1)
        if ordered and LONG_NUMBER.match(line):
            self._warn(
                first + 1,
                "this item's number is too long for a question's (at most "
                "6 digits): it is read as answer text",
            )
        for index in range(first, last + 1):
            self._text(index)
        number = re.match(r"\s*([0-9]+)[.)]", line) if ordered else None
        self.list_number = int(number[1]) if number else None

    def _paragraph_line(self, index: int, first: int, last: int) -> None:
        """A line of a paragraph: a question in the shape `Q1.`, `Q:`, `**1. Q**` or
        `**What is X?**`, a bold title over a section, or text."""
        line = self.lines[index]
        candidate = _candidate(line) if line[:1] in "*_Qq" else None
        asks = candidate is not None and not candidate.plain
        if asks and candidate and self._starts_question(candidate, index + 1):
            self._open_note(candidate, index + 1)
            return
        title = _bold_title(line) if first == last else ""
        if title and self._question_follows(index + 1):
            if NOT_QUESTIONS.fullmatch(title):
                self._close_note()
                self.skipping = True
                return
            self._open_section(title, index + 1, 7)
            return
        if self.current is not None:
            self._warn_if_asking(candidate, index + 1)
        self._text(index)
        if line.strip():
            self.list_number = None

    def _html(self, first: int, last: int) -> None:
        """An HTML block: a heading in HTML is a heading; `<details>` tags are dropped, a
        `<summary>` that asks is a question, and one that does not is dropped."""
        index = first
        while index <= last:
            heading = HTML_HEADING.match(self.lines[index])
            if heading is None:
                self._html_line(index)
                index += 1
                continue
            level, title = int(heading["level"]), heading["text"]
            end = index
            if not self.lines[index].rstrip().lower().endswith(f"</h{level}>"):
                while end < last and f"</h{level}" not in self.lines[end].lower():
                    end += 1  # a heading written over several lines, or never closed
                title = " ".join(self.lines[index : end + 1])
            title = " ".join(TAG.sub(" ", HTML_HEADING.sub(r"\g<text>", title)).split())
            self._heading(level, title, index, end)
            index = end + 1

    def _html_heading(self, index: int) -> bool:
        return HTML_HEADING.match(self.lines[index]) is not None

    def _html_line(self, index: int) -> None:
        line = self.lines[index]
        if self.current is None and _decoration([line]):
            return
        bare = _without_details(line)
        if bare is None:
            return
        candidate = _candidate(bare) if bare != line else None
        if candidate is not None and self._starts_question(candidate, index + 1):
            self._open_note(candidate, index + 1)
            return
        self._text(index, bare)

    def _text(self, index: int, line: str | None = None) -> None:
        """A line of answer text, or (before the first question) text that is skipped;
        outside code, `<details>` tags and "back to top" links are dropped."""
        text = self.lines[index] if line is None else line
        if ("<" in text or "](#" in text) and index not in self.code_lines:
            if BACK_TO_TOP.fullmatch(text):
                return
            bare = _without_details(text) if text.lstrip().startswith("<") else text
            if bare is None:
                return
            text = bare
        if self.current is None:
            if text.strip() and not self.skipping:
                where = "a section's first question" if self.notes else "the first question"
                self._warn(index + 1, f"text before {where} is skipped")
            self.skipping = self.skipping or bool(text.strip())
            return
        self._answer_line(index, text)

    def _warn_if_asking(self, candidate: _Candidate | None, line: int) -> None:
        if self.current is not None and candidate is not None and candidate.question.endswith(ASKS):
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

    def _check_answered(self) -> None:
        """Questions without answers: each an error, with a word on leaving them out; or,
        when they are left out, one warning that counts them."""
        if not self.unanswered:
            return
        count = len(self.unanswered)
        questions = f"{count} question{'s' * (count != 1)}"
        if self.skip_unanswered:
            lines = ", ".join(str(question.line) for question in self.unanswered)
            self._warn(
                self.unanswered[0].line,
                f"left out {questions} without an answer (line{'s' * (count != 1)} {lines})",
            )
            return
        for question in self.unanswered:
            self._problem(question.line, f"question {question.number} has no answer")
        if not self.notes:
            self._problem(0, f"none of the {questions} has an answer")
        else:
            self._problem(
                0,
                f"{questions} ha{'ve' if count != 1 else 's'} no answer: "
                "`--skip-unanswered` builds the others",
            )

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
        text). A list item or a heading must be in the style of the section's first
        question; a line marked as a question (`Q:`, bold) need not."""
        strict = candidate.plain or (candidate.style[:1] == "#" and self.style[:1] == "#")
        if self.style and candidate.style != self.style and strict:
            return False
        if self.current is None or candidate.number is None or not candidate.plain:
            return True
        number = candidate.number
        previous_blank = line < 2 or not self.lines[line - 2].strip()
        continues_list = self.list_number is not None and number == self.list_number + 1
        if continues_list and (not previous_blank or number != self.current.number + 1):
            return False
        # inside an answer, `1.` starts a list unless it follows a blank line and asks something
        return number != 1 or (previous_blank and candidate.question.endswith(ASKS))

    def _question_follows(self, number: int) -> bool:
        """Whether the next line with text opens a question: one marked as such, or a list
        item in the style of the section's questions."""
        candidate = self._next_candidate(number)
        if candidate is None:
            return False
        return not candidate.plain or candidate.style == (self.style or candidate.style)

    def _next_is_question(self, number: int) -> bool:
        """Whether the next line with text is in the shape of a numbered or marked question
        (so that a heading that asks is a section over it)."""
        candidate = self._next_candidate(number)
        return candidate is not None and candidate.style != "#?"

    def _next_candidate(self, index: int) -> _Candidate | None:
        while index < len(self.lines) and not self.lines[index].strip():
            index += 1
        if index >= len(self.lines):
            return None
        heading = HTML_HEADING.match(self.lines[index])
        if heading:
            return _candidate("#" * int(heading["level"]) + " " + TAG.sub("", heading["text"]))
        return _candidate(self.lines[index])

    def _answer_line(self, index: int, line: str) -> None:
        note = self.current
        assert note is not None
        note.last = index + 1
        if note.asking is not None:  # a problem's text, until its solution
            note.asking.append(line)
            return
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
        self.section_lines.append(line)
        self.section_notes = 0
        self.after_heading = True
        self.style = ""
        self.question_level = 0
        self.skipping = False
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
            self._warn(line, f"question number {number} is used twice (first on line {first})")
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
        if note.asking is not None:  # a problem without a solution heading
            note.question = "\n".join(note.asking).strip() or note.question
        answer = "\n".join(note.answer).strip("\n")
        if not answer or answer.isspace():  # `1. What is X? X is ...` on one line
            asked, mark, answer = note.question.partition("? ")
            note.question = asked + mark.strip()
        if not answer or answer.isspace():
            self.unanswered.append(_Unanswered(note.number, note.line))
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


def _asking_bullet(line: str, nested: bool) -> _Candidate | None:
    """A bullet that asks and holds its answer nested under it (`- What is X?`)."""
    text = line.strip()
    if not nested or text[:2] not in ("- ", "* ", "+ ") or not text.endswith(ASKS):
        return None
    return _Candidate("-?", True, None, text[2:].strip(), "")


def _decoration(lines: list[str]) -> bool:
    """Whether lines are only badges, banners, "back to top" links or a table of contents
    (links to the file's own headings, in a list or a table): what a README shows around
    its list."""
    if len(lines) > 2 and TABLE_RULE.fullmatch(lines[1]):
        lines = lines[2:]  # a table's rows, without its header
    text = " ".join(line.strip() for line in lines if line.strip())
    if not text:
        return False
    bare = BADGE.sub("", BACK_TO_TOP.sub("", text))
    bare = ANCHOR_LINK.sub("", TAG.sub("", bare))
    return LIST_MARKS.fullmatch(bare) is not None


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
    opens = bare.lower().find("<summary")
    closes = bare.lower().find("</summary>", opens) if opens >= 0 else -1
    if closes >= 0:  # found with `find`: a pattern would search again from every `<summary`
        inside = bare.find(">", opens, closes)
        text = TAG.sub("", bare[inside + 1 : closes]).strip() if inside >= 0 else ""
        after = bare[closes + len("</summary>") :]
        if _candidate(text) is None and _candidate(f"**{text}**") is None:
            bare = bare[:opens] + after
        else:
            bare = text + " " + after
    if bare != line and not bare.strip():
        return None
    return bare
