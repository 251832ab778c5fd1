"""An answer key: the section at the end of a quiz that answers its questions by number
(`## Answers`, then `1. **B** ...`), each answer taken to the question it answers.

Its section holds no questions; where its numbers are the questions' (in sections of the
same titles, where it is divided so), each question's text under it is its prompt, and the
key's entry its answer. A file may hold several keys, each answering the questions between
it and the key before it.
"""

from __future__ import annotations

import re
import textwrap
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field

from ankigen.gfm import Block, Kind
from ankigen.reading.shapes import bold_words, heading_of, is_rule, section_title

TITLE = re.compile(
    r"\W*(?:(?:correct|right)[ \t]+)?"
    r"(?:answers?[ \t]+key|answers|solutions|answer[ \t]+sheet|respuestas|soluciones|"
    r"solucionario|respostas|gabarito|l(?:ö|oe)sungen|antworten|r(?:é|e)ponses|corrig(?:é|e)s?|"
    r"risposte|soluzioni|ответы|đáp án|答案|参考答案|解答|正解|答え|정답|해답)"
    r"(?:[ \t]*(?:&|and|y|e|und|et|with|con|mit)[ \t]+\w+)?"
    r"(?:[ \t]+[-\u2013\u2014:][ \t]+[^\n]{1,40})?\W*",  # `Answer Key - Day 2 Quiz`
    re.I,
)
"""The title of an answer key (`Answers`, `Answer key`, `Correct answers`, `Answers &
Explanations`, `Respuestas`, `Lösungen`, `Gabarito`, `Đáp án`, `答案`, ...): plural, never
`Answer` alone, which opens one question's answer."""
ITEM = re.compile(r"[ ]{0,3}(?P<number>[0-9]{1,4})[.)][ \t]+")

Entries = dict[tuple[int, str, int], str]
"""Answers by the line their key starts on, the title of the part of the key they stand in
("" for a key in one part) and their number."""


@dataclass(frozen=True)
class Key:
    """The answer keys of a file: their entries, the lines their sections span, and where
    each key starts with the titles of its parts (longest first), found once for all the
    questions they answer."""

    entries: Entries
    spans: tuple[range, ...] = ()
    """The lines of each section titled as a key (its heading's first line on), answers or
    none: they hold no questions."""
    starts: tuple[int, ...] = ()
    parts: dict[int, tuple[str, ...]] = field(default_factory=dict)

    @classmethod
    def of(cls, entries: Entries, spans: Sequence[range]) -> Key:
        parts: dict[int, set[str]] = {}
        for start, part, _ in entries:
            parts.setdefault(start, set()).add(part)
        return cls(
            entries,
            tuple(spans),
            tuple(sorted(parts)),
            {start: tuple(sorted(names, key=len, reverse=True)) for start, names in parts.items()},
        )

    def holds(self, line: int) -> bool:
        """Whether a line stands in a key's section."""
        return any(line in span for span in self.spans)


def is_key(title: str) -> bool:
    """Whether a heading's title names an answer key."""
    return TITLE.fullmatch(title) is not None


def answer_key(blocks: Sequence[Block], lines: Sequence[str]) -> Key:
    """The entries of the file's answer key (none where it has none), in the section titled
    as one (after the file's first heading): its numbered items (or paragraphs that start
    with a numbered line in bold), by the title of the deeper heading they stand under; or
    its numbered headings (`## 1. Functions`), each numbered
    on from the one before, with all that stands under them."""
    key: Entries = {}
    spans: list[range] = []
    level, part, first, start = 0, "", True, 0
    opened: tuple[int, str, int] | None = None
    """The heading of the entry being read: its number, its words, its line."""

    def close(before: int) -> None:
        if opened is not None:
            number, said, line = opened
            rest = "\n".join(lines[line + 1 : before]).strip("\n")
            key.setdefault((start, part, number), f"{said}\n\n{rest}".strip())

    asked = False  # a numbered list stood before: a key may be opened by a line
    for index, block in enumerate(blocks):
        heading = heading_of(block, lines) if block.kind in (Kind.HEADING, Kind.HTML) else None
        if asked and opened is None and _labels_a_key(blocks, index, lines):
            close(block.first)
            if level:
                spans.append(range(start, block.first))
            level, part, start = LINE_LEVEL, "", block.first  # `**Answers**` over the key
            continue
        asked = asked or (block.kind is Kind.ITEM and block.ordered)
        if heading is not None:
            entry = ENTRY_HEADING.fullmatch(heading.text) if level else None
            if level and heading.level > level:
                if entry is not None and int(entry["number"]) == (opened[0] + 1 if opened else 1):
                    close(block.first)
                    opened = (int(entry["number"]), entry["said"].strip(), block.last)
                elif opened is None:
                    part = section_title(heading.text)
            else:  # the file's first heading is its title, never its key
                close(block.first)
                if level:
                    spans.append(range(start, block.first))
                opened = None
                level, part = (heading.level if is_key(heading.text) and not first else 0), ""
                start = block.first
            first = False
            continue
        if opened is None and level and block.kind is Kind.OTHER:
            for number, said in _table_entries(lines[block.first : block.last + 1]):
                key.setdefault((start, part, number), said)
            continue
        if opened is None and level and block.kind is Kind.PARAGRAPH:
            bold = bold_words(lines[block.first].strip())  # `**3. B) VECTOR**`, then why
            entry = ITEM.match(bold) if bold is not None else None
            if bold is not None and entry is not None:
                rest = "\n".join(lines[block.first + 1 : block.last + 1])
                said = f"{bold[entry.end() :]}\n{rest}".strip()
                key.setdefault((start, part, int(entry["number"])), said)
            continue
        if opened is not None or not level or block.kind is not Kind.ITEM or not block.ordered:
            continue
        item = ITEM.match(lines[block.first])
        if item is not None:
            said = lines[block.first][item.end() :]
            rest = textwrap.dedent("\n".join(lines[block.first + 1 : block.last + 1]))
            key.setdefault((start, part, int(item["number"])), f"{said}\n{rest}".strip())
    close(len(lines))
    if level:
        spans.append(range(start, len(lines)))
    return Key.of(key, spans)


def _table_entries(rows: Sequence[str]) -> list[tuple[int, str]]:
    """The entries of a key written as a table, a row each: the question's number first,
    then its answer (and what explains it): `| 1 | **B** | `/` is the root |`."""
    entries = []
    for row in rows:
        if not row.lstrip().startswith("|"):
            return []  # no table
        cells = [cell.strip() for cell in row.strip().strip("|").split("|")]
        numbered = TABLE_NUMBER.fullmatch(cells[0])
        if numbered is not None and len(cells) > 1 and cells[1]:
            said = "\n\n".join(cell for cell in cells[1:] if cell)
            entries.append((int(numbered["number"]), said))
    return entries


TABLE_NUMBER = re.compile(r"(?:q|question|câu|#)?[ \t]*(?P<number>[0-9]{1,4})\.?", re.I)
"""The number of a key table's row (`1`, `Q1`, `#1`)."""


def _labels_a_key(blocks: Sequence[Block], index: int, lines: Sequence[str]) -> bool:
    """Whether a block is a line naming an answer key after a rule (`---`, then
    `**Answers**`): without the rule, such a line labels one question's answer."""
    block = blocks[index]
    if block.kind is not Kind.PARAGRAPH or block.first != block.last or not index:
        return False
    if not is_rule(blocks[index - 1], lines):
        return False
    line = lines[block.first].strip()
    words = bold_words(line)
    return is_key((line if words is None else words).strip().rstrip(":\uff1a").strip())


LINE_LEVEL = 7
"""The level of a key a line opens: every heading after it ends it."""
ENTRY_HEADING = re.compile(r"(?P<number>[0-9]{1,4})[.)][ \t]+(?P<said>.*)")
"""A heading that starts an entry of a key by its number (`## 1. **Functions**`)."""


def part_for(key: Key, section: str, line: int) -> tuple[int, str] | None:
    """The key, and the part of it, that answers the questions of a section on a line: the
    first key after the line, and its part titled as the section is, or as it starts (`B01`
    for `B01 - Basics`), or its only part; None where there is none."""
    after = bisect_left(key.starts, line)
    if after == len(key.starts):
        return None
    start = key.starts[after]
    parts = key.parts[start]
    if "" in parts:
        return start, ""
    found = next(
        (
            (start, part)
            for part in parts
            if section.startswith(part) and not section[len(part) : len(part) + 1].isalnum()
        ),
        None,
    )
    label = PART_LABEL.match(section)
    if found is None and label is not None:  # `Part 1: MCQs` for `Part 1: Multiple choice`
        named = [part for part in parts if (own := PART_LABEL.match(part)) and own[0] == label[0]]
        found = (start, named[0]) if len(named) == 1 else None
    return found


PART_LABEL = re.compile(r"\w+[ \t]+[0-9]{1,3}\b")
"""How a part of a quiz is named before its title (`Part 1`, `Unit 3`, `Día 2`)."""


def keyed(key: Key, section: str, number: int | None, line: int) -> str | None:
    """The key's answer to question `number` of a section, on a line, if it holds one: in
    the part of the key for the section, or where the quiz numbers its questions through
    all its sections, in the only part that answers that number."""
    found = part_for(key, section, line)
    if found is None or number is None:
        return None
    said = key.entries.get((*found, number))
    if said is None:  # numbered through the whole quiz: its answer under another part
        start = found[0]
        elsewhere = [key.entries[start, part, number] for part in key.parts[start]
                     if (start, part, number) in key.entries]  # fmt: skip
        said = elsewhere[0] if len(elsewhere) == 1 else None
    return said
