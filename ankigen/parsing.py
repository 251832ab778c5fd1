"""Text -> note records: front matter, sections, and numbered questions with their answers."""

from __future__ import annotations

import hashlib
import re
import tomllib
import unicodedata
from dataclasses import dataclass, field
from pathlib import PurePath

from ankigen.errors import AnkigenError, Problem, Severity, error
from ankigen.reading import Text
from ankigen.records import DeckInfo, Note, Source, tag_word

FRONT_MATTER_FENCE = "+++"
HEADING = re.compile(r"^(#{1,6})\s+(?P<title>.*?)\s*#*\s*$")
NUMBERED = re.compile(r"^(?P<number>\d{1,6})[.)]\s+(?P<text>\S.*?)\s*$")
FENCE = re.compile(r"^\s{0,3}(?P<marker>`{3,}|~{3,})")
TOML_POSITION = re.compile(r"\(at line (\d+), column (\d+)\)")
DECK_KEYS = {"title", "description", "deck_id", "tag"}
LONG_QUESTION = 300
"""A question longer than this many characters is probably an answer run into it."""


def parse(text: Text) -> Source:
    """Parse a content file's text into its deck and notes, or raise `AnkigenError`."""
    return _Parser(text).run()


def slugify(title: str) -> str:
    """File-name form of a title: `Machine Learning!` -> `machine-learning`."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-") or "deck"


def derived_deck_id(slug: str) -> int:
    """A stable deck id in genanki's suggested range [2**30, 2**31), for files that name none."""
    digest = hashlib.sha256(slug.encode()).digest()
    return 2**30 + int.from_bytes(digest[:4], "big") % 2**30


@dataclass
class _OpenNote:
    number: int
    question: str
    line: int
    section: str
    answer: list[str] = field(default_factory=list)


class _Parser:
    """One pass over the lines; problems are collected so that all are reported at once."""

    def __init__(self, text: Text) -> None:
        self.path = text.path
        self.lines = text.content.splitlines()
        self.problems: list[Problem] = list(text.warnings)
        self.notes: list[Note] = []
        self.section = ""
        self.current: _OpenNote | None = None
        self.fence: tuple[str, int] | None = None
        self.list_number: int | None = None
        self.first_line_of_number: dict[int, int] = {}
        self.first_line_of_question: dict[str, int] = {}
        self.deck = DeckInfo("", "", 0, "", "")

    def run(self) -> Source:
        start = self._front_matter()
        for index in range(start, len(self.lines)):
            self._line(index + 1, self._repaired(index + 1, self.lines[index]))
        if self.fence is not None:
            self._problem(self.fence[1], "this code fence is never closed")
        self._close_note()
        if not self.notes and not self._errors():
            self._problem(1, "no questions found: expected lines like `1. What is ...?`")
        if self._errors():
            raise AnkigenError(sorted(self.problems, key=lambda p: (p.line, p.col)))
        return Source(self.path, self.deck, tuple(self.notes), tuple(self.problems))

    def _errors(self) -> bool:
        return any(p.severity is Severity.ERROR for p in self.problems)

    def _problem(self, line: int, message: str, severity: Severity = Severity.ERROR) -> None:
        self.problems.append(Problem(self.path, line, message, severity))

    def _front_matter(self) -> int:
        """Read the TOML block between `+++` lines; return the index of the first body line."""
        stem = PurePath(self.path).stem
        if not self.lines or self.lines[0].strip() != FRONT_MATTER_FENCE:
            self._set_deck({}, stem, 0)
            return 0
        try:
            end = next(
                i for i in range(1, len(self.lines)) if self.lines[i].strip() == FRONT_MATTER_FENCE
            )
        except StopIteration:
            raise error(self.path, 1, "front matter opened with `+++` is never closed") from None
        try:
            meta = tomllib.loads("".join(line + "\n" for line in self.lines[1:end]))
        except tomllib.TOMLDecodeError as exc:
            found = TOML_POSITION.search(str(exc))
            line, col = (int(found[1]) + 1, int(found[2])) if found else (end + 1, 1)
            reason = TOML_POSITION.sub("", str(exc)).replace("(at end of document)", "").strip()
            raise error(self.path, line, f"front matter is not valid TOML: {reason}", col) from None
        self._set_deck(meta, stem, 1)
        return end + 1

    def _set_deck(self, meta: dict[str, object], stem: str, line: int) -> None:
        for key in sorted(meta.keys() - DECK_KEYS):
            self._problem(line, f"unknown front matter key {key!r}; known: {sorted(DECK_KEYS)}")
        title = meta.get("title", stem)
        description = meta.get("description", "")
        slug = slugify(stem)
        tag = meta.get("tag", slug)
        deck_id = meta.get("deck_id", derived_deck_id(slug))
        if not isinstance(title, str) or not title.strip():
            raise error(self.path, line, "front matter `title` must be a non-empty string")
        if not isinstance(description, str):
            raise error(self.path, line, "front matter `description` must be a string")
        if not isinstance(tag, str) or not tag or tag_word(tag) != tag:
            raise error(self.path, line, "front matter `tag` must be one word without spaces")
        if not isinstance(deck_id, int) or isinstance(deck_id, bool) or not 1 <= deck_id < 2**63:
            raise error(self.path, line, "front matter `deck_id` must be a positive integer")
        self.deck = DeckInfo(title.strip(), description.strip(), deck_id, slug, tag)

    def _repaired(self, number: int, line: str) -> str:
        """Undo mojibake (UTF-8 read as Windows-1252, like `Hereâ€™s`), with a warning."""
        if line.isascii():
            return line
        import ftfy  # only non-ASCII text pays for loading it

        fixed = ftfy.fix_encoding(line)
        if fixed != line:
            self._problem(number, "repaired mis-encoded characters (mojibake)", Severity.WARNING)
        return fixed

    def _line(self, number: int, line: str) -> None:
        if self.fence is not None:
            self._answer_line(line)
            if line.strip().startswith(self.fence[0]) and not line.strip().strip(self.fence[0]):
                self.fence = None
            return
        fence = FENCE.match(line)
        if fence and self.current is not None:
            self.fence = (fence["marker"], number)
            self._answer_line(line)
            return
        heading = HEADING.match(line)
        if heading:
            self._close_note()
            self.section = heading["title"]
            return
        numbered = NUMBERED.match(line)
        if numbered and self._starts_question(int(numbered["number"]), numbered["text"], number):
            self._open_note(int(numbered["number"]), numbered["text"], number)
            return
        if self.current is not None:
            self._answer_line(line)
            self._track_list(numbered, line)
        elif line.strip():
            self._problem(number, "text before the first question is skipped", Severity.WARNING)

    def _starts_question(self, number: int, text: str, line: int) -> bool:
        """Whether a numbered line opens a question rather than an item of a list in an answer.

        Inside an answer, `1.` starts a list unless it follows a blank line and asks something.
        """
        if self.current is None:
            return True
        previous_blank = not self.lines[line - 2].strip()
        continues_list = self.list_number is not None and number == self.list_number + 1
        if continues_list and (not previous_blank or number != self.current.number + 1):
            return False
        return number != 1 or (previous_blank and text.endswith("?"))

    def _track_list(self, numbered: re.Match[str] | None, line: str) -> None:
        if numbered:
            self.list_number = int(numbered["number"])
        elif line.strip() and not line[0].isspace():
            self.list_number = None

    def _answer_line(self, line: str) -> None:
        assert self.current is not None
        self.current.answer.append(line)

    def _open_note(self, number: int, question: str, line: int) -> None:
        self._close_note()
        first = self.first_line_of_number.setdefault(number, line)
        if first != line:
            self._problem(line, f"question number {number} is used twice (first on line {first})")
        self.current = _OpenNote(number, question, line, self.section)

    def _close_note(self) -> None:
        note, self.current, self.list_number = self.current, None, None
        if note is None:
            return
        answer = "\n".join(note.answer).strip("\n")
        if not answer.strip():
            self._problem(note.line, f"question {note.number} has no answer")
            return
        key = " ".join(note.question.casefold().split())
        first = self.first_line_of_question.setdefault(key, note.line)
        if first != note.line:
            self._problem(note.line, f"the same question is asked on line {first}")
        if len(note.question) > LONG_QUESTION:
            self._problem(
                note.line,
                f"question {note.number} is {len(note.question)} characters long; "
                "is its answer on the same line?",
                Severity.WARNING,
            )
        tags = self.deck.tags_for(note.section)
        self.notes.append(Note(note.number, note.section, note.question, answer, note.line, tags))
