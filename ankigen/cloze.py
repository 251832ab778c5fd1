"""Cloze deletions as authors write them: `==text==` (Obsidian's highlight, which its
spaced-repetition plugins read as a cloze) and Anki's own `{{c1::text::hint}}`.

A deletion is read in a note's Markdown outside code (spans and blocks) and math, where
`==` and `{{` mean what they say. `==text==` is numbered by the deck's lock, so that a
deletion keeps its number (and its card) when others are inserted or removed around it;
`{{cN::...}}` keeps the number its author gave.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from ankigen import gfm

HIGHLIGHT = re.compile(r"==(?=[^\s=])(?P<text>[^\n]*?[^\s=])==")
"""`==text==` on one line, its text neither starting nor ending with a space."""
ANKI_OPEN = re.compile(r"\{\{c(?P<number>[0-9]+)::")
"""Where one of Anki's deletions opens."""
ANKI_CLOZE = re.compile(r"\{\{c(?P<number>[0-9]+)::(?P<text>.*?)(?:::(?P<hint>.*?))?\}\}", re.S)
CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1", re.S)
MATH = re.compile(r"\$\$.+?\$\$|\$[^$\n]+\$|\\\(.+?\\\)|\\\[.+?\\\]", re.S)
MOST = 500
"""The highest number a deletion may have."""


class Cloze(NamedTuple):
    """One deletion in a text."""

    number: int | None
    """The number its author gave it (`{{c2::...}}`); None for `==text==`."""
    text: str
    """What it hides, as Markdown."""
    start: int
    """Where it starts in the text."""


class ClozeError(ValueError):
    """A deletion written wrong: what is wrong, and the text written where it is."""

    def __init__(self, message: str, written: str) -> None:
        super().__init__(message)
        self.written = written


def may_hold_clozes(text: str) -> bool:
    """Whether a text may hold a deletion at all (a quick test before reading it)."""
    return "==" in text or "{{c" in text


def note_clozes(*texts: str) -> list[Cloze]:
    """The deletions of a note's texts (its question, prompt and answer), in order;
    `ClozeError` for one written wrong, or for a note that uses both ways of writing them
    (the lock numbers the first, their author the second)."""
    found = [cloze for text in texts if may_hold_clozes(text) for cloze in clozes_in(text)]
    if len({cloze.number is None for cloze in found}) > 1:
        first = next(cloze for cloze in found if cloze.number is not None)
        raise ClozeError(
            "a note's deletions are all `==text==` or all `{{c1::text}}`: the lock numbers "
            "the first kind, their author the second",
            f"{{{{c{first.number}::",
        )
    return found


def holds_deletions(*texts: str) -> bool:
    """Whether texts hold a deletion, one written wrong included (reading its note says
    what is wrong, and where)."""
    try:
        return any(clozes_in(text) for text in texts)
    except ClozeError:
        return True


def clozes_in(text: str) -> list[Cloze]:
    """The deletions of a Markdown text, in order; `ClozeError` for one written wrong (never
    closed, empty, numbered 0 or above `MOST`)."""
    if not may_hold_clozes(text):
        return []
    readable = _outside_code_and_math(text)
    found = [
        Cloze(None, text[match.start("text") : match.end("text")], match.start())
        for match in HIGHLIGHT.finditer(readable)
        if "{{c" not in match["text"]
    ]
    for opened in ANKI_OPEN.finditer(readable):
        whole = ANKI_CLOZE.match(readable, opened.start())
        written = readable[opened.start() : opened.start() + 30].split("\n")[0]
        if whole is None:
            raise ClozeError(f"the deletion `{opened[0]}` is never closed with `}}}}`", written)
        number = int(opened["number"])
        if not 1 <= number <= MOST:
            raise ClozeError(f"deletions are numbered from c1 to c{MOST}, not c{number}", written)
        if not whole["text"].strip():
            raise ClozeError("the deletion hides nothing", written)
        found.append(Cloze(number, text[whole.start("text") : whole.end("text")], whole.start()))
    found.sort(key=lambda cloze: cloze.start)
    return found


def numbered(text: str, numbers: Iterator[int]) -> str:
    """A Markdown text with each `==text==` deletion written as Anki's, numbered in turn
    from `numbers`; code and math are left as they are."""
    if "==" not in text:
        return text
    readable = _outside_code_and_math(text)
    pieces, last = [], 0
    for match in HIGHLIGHT.finditer(readable):
        if "{{c" in match["text"]:
            continue
        hidden = text[match.start("text") : match.end("text")]
        pieces += [text[last : match.start()], f"{{{{c{next(numbers)}::", hidden, "}}"]
        last = match.end()
    return "".join([*pieces, text[last:]])


def _outside_code_and_math(text: str) -> str:
    """The text with its code and math blanked out (the same length, so that places in it
    are places in the text)."""

    def blank(found: re.Match[str]) -> str:
        return re.sub(r"[^\n]", " ", found[0])

    lines = text.split("\n")
    if "```" in text or "~~~" in text or "    " in text or "\t" in text:
        for first, last in gfm.outline(text).code:
            for number in range(first, last + 1):
                lines[number] = " " * len(lines[number])
    return MATH.sub(blank, CODE_SPAN.sub(blank, "\n".join(lines)))
