"""A content file, tidied: questions numbered in order, one blank line before each question
and around each section's heading. No question or answer text changes."""

from __future__ import annotations

import re
from pathlib import Path

from ankigen.errors import AnkigenError, error
from ankigen.reading.parsing import parse
from ankigen.reading.text import Text, read_text
from ankigen.records import Source

NUMBER = re.compile(
    r"\s*(?:#{1,6}\s+)?(?:\*\*|__)?\s*(?:q(?:uestion)?\s*)?(?P<number>[0-9]{1,6})(?=\s*[.):\uff1a])",
    re.I,
)
"""A question's number as written first on its line (after a heading's marks, `**` or `Q`)."""


def formatted(path: Path) -> tuple[str, str]:
    """A content file's text as it is, and as `fmt` writes it: tidied, or (where blank
    lines cannot be added without changing what a note reads, as inside HTML) only
    renumbered. Raises `AnkigenError` for a file that does not parse, or whose questions
    cannot be renumbered without changing one (nothing is tidied then)."""
    text = read_text(path)
    source = parse(text)
    content = text.content.removeprefix("\ufeff")
    newline = "\r\n" if "\r\n" in content else "\n"
    lines = content.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for spaced in (True, False):
        tidy = _tidied(source, lines, spaced)
        if _notes(path, tidy) == _notes(path, lines):
            ending = [""] if spaced else []  # one newline at the end, when tidied
            return newline.join(lines), newline.join([*tidy, *ending])
    first = source.notes[0].line if source.notes else 1
    raise error(
        str(path),
        first,
        "cannot be renumbered without changing a question: number its questions by hand",
    )


def _notes(path: Path, lines: list[str]) -> list[tuple[str, str, str]]:
    """What each note reads, for `fmt` to check that it changed none."""
    try:
        notes = parse(Text(str(path), "\n".join(lines))).notes
    except AnkigenError:
        return []
    return [(note.section, note.question, note.answer) for note in notes]


def _tidied(source: Source, lines: list[str], spaced: bool) -> list[str]:
    """The file's lines with its questions numbered in order and, if `spaced`, one blank
    line before each question and around each section's heading."""
    numbers = _numbers(source)
    starts = {
        note.line: (note.number, new) for note, new in zip(source.notes, numbers, strict=True)
    }
    headings = set(source.section_lines) if spaced else set()
    tidy: list[str] = []
    for number, line in enumerate(lines, start=1):
        opens = number in headings or (number in starts and not line.lstrip().startswith("<"))
        if spaced and opens:
            while tidy and not tidy[-1].strip():
                tidy.pop()  # the blank lines at the end of an answer are not part of it
            if tidy:
                tidy.append("")
        if number in starts:
            line = _renumbered(line, *starts[number])
        under_heading = number - 1 in headings and tidy and tidy[-1] != "" and line.strip()
        if under_heading and lines[number - 2].lstrip().startswith(("#", "**", "__")):
            tidy.append("")  # a blank line under a one-line heading
        tidy.append(line)
    while spaced and tidy and not tidy[-1].strip():
        tidy.pop()
    return tidy


def _numbers(source: Source) -> list[int]:
    """Each question's number in order: from 1 in each section where the file numbers its
    sections so, else from 1 through the file."""
    notes = source.notes
    firsts = [
        note.number
        for index, note in enumerate(notes)
        if index == 0 or notes[index - 1].section != note.section
    ]
    per_section = len(firsts) > 1 and all(number == 1 for number in firsts)
    numbers: list[int] = []
    for index, note in enumerate(notes):
        restart = index == 0 or (per_section and notes[index - 1].section != note.section)
        numbers.append(1 if restart else numbers[-1] + 1)
    return numbers


def _renumbered(line: str, old: int, new: int) -> str:
    """A question's line with its number, if it shows it (`old`), made `new`."""
    found = NUMBER.match(line)
    if found is None or int(found["number"]) != old:
        return line
    return line[: found.start("number")] + str(new) + line[found.end("number") :]
