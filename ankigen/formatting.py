"""A content file, tidied: questions numbered in order, one blank line before each question
and around each section's heading. No question or answer text changes."""

from __future__ import annotations

import re
from pathlib import Path

from ankigen.parsing import parse
from ankigen.reading import read_text
from ankigen.records import Source

NUMBER = re.compile(
    r"(?P<before>\s*(?:[0-9]+[.)]\s+)?(?:#{1,6}\s+)?(?:\*\*|__)?\s*(?:q(?:uestion)?\s*)?)"
    r"(?P<number>[0-9]{1,6})(?=\s*[.):\uff1a])",
    re.I,
)
"""A question's number as written on its line (after a heading's marks, `**` or `Q`)."""


def formatted(path: Path) -> tuple[str, str]:
    """A content file's text as it is, and as `fmt` writes it. Raises `AnkigenError` for
    a file that does not parse (nothing is tidied then)."""
    text = read_text(path)
    source = parse(text)
    content = text.content.removeprefix("\ufeff")
    newline = "\r\n" if "\r\n" in content else "\n"
    lines = content.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    numbers = _numbers(source)
    starts = {note.line: number for note, number in zip(source.notes, numbers, strict=True)}
    headings = set(source.section_lines)
    tidy: list[str] = []
    for number, line in enumerate(lines, start=1):
        opens = number in headings or (number in starts and not line.lstrip().startswith("<"))
        if opens:
            while tidy and not tidy[-1].strip():
                tidy.pop()  # the blank lines at the end of an answer are not part of it
            if tidy:
                tidy.append("")
        if number in starts:
            line = _renumbered(line, starts[number])
        under_heading = number - 1 in headings and tidy and tidy[-1] != "" and line.strip()
        if under_heading and lines[number - 2].lstrip().startswith(("#", "**", "__")):
            tidy.append("")  # a blank line under a one-line heading
        tidy.append(line)
    while tidy and not tidy[-1].strip():
        tidy.pop()
    return "\n".join(lines).replace("\n", newline), newline.join([*tidy, ""])


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


def _renumbered(line: str, number: int) -> str:
    """A question's line with its number, if it shows one, made `number`."""
    found = NUMBER.match(line)
    if found is None:
        return line
    return line[: found.start("number")] + str(number) + line[found.end("number") :]
