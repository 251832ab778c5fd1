"""Markdown as GitHub renders it (CommonMark with GitHub's extensions, and math), read and
rendered by one engine: pulldown-cmark, through pyromark.

`outline` gives a text's blocks with their lines, so that questions are found from the
same structure that renders them; `to_html` renders a piece of Markdown, with math written
as Anki's MathJax reads it.
"""

from __future__ import annotations

import enum
import re
from bisect import bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any, NamedTuple

import pyromark

if TYPE_CHECKING:
    from pyromark.event import Range

OPTIONS = (
    pyromark.Options.ENABLE_TABLES
    | pyromark.Options.ENABLE_STRIKETHROUGH
    | pyromark.Options.ENABLE_TASKLISTS
    | pyromark.Options.ENABLE_GFM
    | pyromark.Options.ENABLE_MATH
)
"""GitHub's extensions (tables, strikethrough, task lists, alerts) and math (`$`, `$$`)."""
MATH_SPAN = re.compile(r'<span class="math math-(inline|display)">(.*?)</span>', re.DOTALL)
TEX_DELIMITER = re.compile(r"\\[()\[\]]")
"""A delimiter of math in LaTeX's own way, `\\(...\\)` and `\\[...\\]`, which Markdown
reads as escaped brackets."""
TASKS = {
    '<input disabled="" type="checkbox" checked=""/>\n': "\u2611 ",
    '<input disabled="" type="checkbox"/>\n': "\u2610 ",
}
"""A task list's boxes, as characters every card can show (a form control is not allowed
on a card)."""
TASK = re.compile("|".join(map(re.escape, TASKS)))

MAX_DEPTH = 40
"""Lists, quotes, emphasis and links nested deeper than this are refused: no card needs
them, and sanitising HTML nested so deep takes time that grows with its square."""


HTML_TAG = re.compile(r"</?([A-Za-z][A-Za-z0-9-]*)")

Highlight = Callable[[str | None, str], str | None]
"""Given a code block's language and code, its HTML, or None to render it as it is."""


class Kind(enum.Enum):
    """What a block of the file is, as far as finding questions goes."""

    HEADING = "heading"
    ITEM = "item"
    """An item of a list that is not inside another block."""
    PARAGRAPH = "paragraph"
    CODE = "code"
    HTML = "html"
    OTHER = "other"
    """A quote, a table, a rule: answer text, never a question."""


class Block(NamedTuple):
    """One block that is not inside another (or an item of such a list), by its lines.

    Made once a block (a named tuple: made three times as fast as a frozen dataclass)."""

    kind: Kind
    first: int
    """Its first line, counted from 0."""
    last: int
    """Its last line."""
    level: int = 0
    """A heading's level (1 to 6)."""
    ordered: bool = False
    """Whether an item is of a numbered list."""


@dataclass(frozen=True)
class Outline:
    """A text's blocks in order, and what in them is amiss or worth a word."""

    blocks: tuple[Block, ...]
    unclosed_fences: tuple[int, ...] = ()
    """The first line of each code fence that is still open at the end of the text (one
    that the end of its list item or quote closes is closed, as on GitHub)."""
    unclosed_math: tuple[int, ...] = ()
    """Lines that open display math with `$$` that is never closed (a `$$` inside a
    sentence that opens nothing is text, as on GitHub)."""
    html: dict[int, str] = field(default_factory=dict)
    """The first raw HTML tag written on each line that has one (outside code)."""
    code: tuple[tuple[int, int], ...] = ()
    """The first and last line of every code block, however deep."""
    too_deep: int | None = None
    """The first line where blocks and spans nest more than `MAX_DEPTH` deep, if any."""


def outline(text: str) -> Outline:
    """The blocks of a text (lines split at `\\n` only: the caller has made `\\r\\n` and
    `\\r` into `\\n`)."""
    reader = _Outliner(text)
    events: Iterator[tuple[Any, Range]] = _engine().events_with_range(text, merge_text=True)
    for event, span in events:  # pyromark's events, nested as pulldown-cmark's enums are
        if event.__class__ is str:  # "SoftBreak", "HardBreak", "Rule"
            if event == "Rule":
                reader.rule(span)
            continue
        piece = event.get("Text")  # by far the most common event
        if piece is not None:
            reader.text(piece, span)
            continue
        tag = event.get("Start")
        if tag is not None:
            reader.start(tag, span)
            continue
        end = event.get("End")
        if end is not None:
            reader.end(end)
            continue
        raw = event.get("Html") or event.get("InlineHtml")
        if raw is not None:
            reader.html(raw, span)
    return reader.outline()


class _Lines:
    """The line of each offset of a text, counted on from the last one asked (events come
    in order, so the count grows with the text, not its square)."""

    def __init__(self, data: str | bytes) -> None:
        self.data = data
        self.newline: Any = b"\n" if isinstance(data, bytes) else "\n"
        self.position = 0
        self.line = 0

    def of(self, offset: int) -> int:
        if offset >= self.position:
            self.line += self.data.count(self.newline, self.position, offset)
        else:
            self.line -= self.data.count(self.newline, offset, self.position)
        self.position = offset
        return self.line

    def spanned(self, span: Range) -> tuple[int, int]:
        """The first and last line of what an event spans."""
        start = span["start"]
        first = self.of(start)
        return first, first + self.data.count(self.newline, start, max(span["end"] - 1, start))


class _Outliner:
    """What the engine's events say of a text's blocks: a handler for each kind of event."""

    def __init__(self, text: str) -> None:
        self.data = text.encode() if not text.isascii() else text  # offsets are UTF-8 bytes
        self.lines = _Lines(self.data)
        self.blocks: list[Block] = []
        self.fences: list[int] = []
        self.code: list[tuple[int, int]] = []
        self.math: list[int] = []
        self.tags: dict[int, str] = {}
        self.depth = 0
        self.too_deep: int | None = None
        self.in_list = self.ordered = self.in_code = False

    def rule(self, span: Range) -> None:
        if self.depth == 0:
            first = self.lines.of(span["start"])
            self.blocks.append(Block(Kind.OTHER, first, first))

    def text(self, piece: str, span: Range) -> None:
        if "$$" in piece and not self.in_code and self._opens_a_line(span["start"]):
            self.math.append(self.lines.of(span["start"]))  # `$$` that opens no math block

    def _opens_a_line(self, offset: int) -> bool:
        """Whether the line of an offset starts with `$$` (after spaces and quote marks): a
        display block meant, where a `$$` in a sentence (`echo $$`) is only text."""
        newline = self.lines.newline
        start = self.data.rfind(newline, 0, offset) + 1
        end = self.data.find(newline, offset)
        line = _text(self.data[start : end if end >= 0 else len(self.data)])
        return line.lstrip(" \t>").startswith("$$")

    def start(self, tag: Any, span: Range) -> None:
        if self.depth == 0 or (self.depth == 1 and self.in_list and tag == "Item"):
            block = _block(tag, *self.lines.spanned(span), self.ordered)
            if block is None:  # a list: its items are the blocks
                self.in_list, self.ordered = True, tag["List"] is not None
            else:
                self.blocks.append(block)
        if tag.__class__ is dict and "CodeBlock" in tag:
            self._code(tag, span)
        self.depth += 1
        if self.depth > MAX_DEPTH and self.too_deep is None:
            self.too_deep = self.lines.of(span["start"])

    def _code(self, tag: dict[str, Any], span: Range) -> None:
        self.in_code = True
        first, last = self.lines.spanned(span)
        self.code.append((first, last))
        start, end = span["start"], span["end"]
        fenced = tag["CodeBlock"].__class__ is dict
        if fenced and not _closed(self.data, start, end) and not self.data[end:].strip():
            self.fences.append(first)  # open at the end of the text (a list or quote closes one)

    def end(self, tag: Any) -> None:
        self.depth -= 1
        self.in_list = self.in_list and self.depth > 0
        self.in_code = self.in_code and tag != "CodeBlock"

    def html(self, raw: str, span: Range) -> None:
        if self.in_code:
            return
        where = self.lines.of(span["start"])
        tag_name = HTML_TAG.match(raw.lstrip())
        if tag_name and where not in self.tags:
            self.tags[where] = tag_name[1].lower()

    def outline(self) -> Outline:
        return Outline(
            tuple(self.blocks),
            tuple(self.fences),
            tuple(self.math),
            self.tags,
            tuple(self.code),
            self.too_deep,
        )


def _block(tag: object, first: int, last: int, ordered: bool) -> Block | None:
    """The block an event starts (`ordered`: an item's list is numbered), or None for a
    list (whose items are the blocks)."""
    if tag == "Item":
        return Block(Kind.ITEM, first, last, ordered=ordered)
    if tag == "Paragraph":
        return Block(Kind.PARAGRAPH, first, last)
    if tag == "HtmlBlock":
        return Block(Kind.HTML, first, last)
    if isinstance(tag, dict):
        if "Heading" in tag:
            return Block(Kind.HEADING, first, last, level=int(tag["Heading"]["level"][1]))
        if "List" in tag:
            return None
        if "CodeBlock" in tag:
            return Block(Kind.CODE, first, last)
    return Block(Kind.OTHER, first, last)


def _closed(data: str | bytes, start: int, end: int) -> bool:
    """Whether the fenced code block at `data[start:end]` ends with a closing fence
    (`data`: the text, or its UTF-8 where that is not ASCII)."""
    newline = b"\n" if isinstance(data, bytes) else "\n"
    first_end = data.find(newline, start, end)  # type: ignore[arg-type]
    last_start = data.rfind(newline, start, max(end - 1, start)) + 1  # type: ignore[arg-type]
    if first_end < 0 or last_start <= start:  # one line: never closed
        return False
    opening = _text(data[start : first_end + 1])
    marker = opening[:1]
    length = len(opening) - len(opening.lstrip(marker))
    closing = _text(data[last_start:end]).strip().lstrip(">").strip()
    return len(closing) >= length and closing == marker * len(closing)


def _text(piece: str | bytes) -> str:
    return piece.decode(errors="replace") if isinstance(piece, bytes) else piece


def to_html(source: str, highlight: Highlight | None = None) -> str:
    """A piece of Markdown as HTML (not sanitised: raw HTML passes, as on GitHub), with
    math as `\\(...\\)` and `\\[...\\]` for Anki's MathJax. `highlight` renders code
    blocks."""
    if "\\(" in source or "\\[" in source:
        source = _dollar_math(source)
    rendered = _engine(highlight).html(source).removesuffix("\n")
    if 'class="math' in rendered:
        rendered = MATH_SPAN.sub(_mathjax, rendered)
    if "<input" in rendered:
        rendered = TASK.sub(lambda box: TASKS[box[0]], rendered)
    return rendered


@cache
def _engine(highlight: Highlight | None = None) -> pyromark.Markdown:
    return pyromark.Markdown(options=OPTIONS, highlight=highlight)


def _mathjax(span: re.Match[str]) -> str:
    return f"\\({span[2]}\\)" if span[1] == "inline" else f"\\[{span[2]}\\]"


class TexMath(NamedTuple):
    """Math written in LaTeX's own delimiters: where it stands, and what it says."""

    start: int
    end: int
    math: str
    """What stands between its delimiters."""
    display: bool
    """`\\[...\\]` rather than `\\(...\\)`."""


def tex_math(text: str, skip: Callable[[int], bool] | None = None) -> Iterator[TexMath]:
    """The `\\(...\\)` and `\\[...\\]` of a text, in one pass: each opening delimiter is
    paired with the next that closes it (those where `skip(position)` are passed over;
    delimiters with nothing but spaces between them are not math), so the time grows with
    the text, not its square."""
    opened: dict[str, re.Match[str]] = {}
    for found in TEX_DELIMITER.finditer(text):
        if skip is not None and skip(found.start()):
            continue
        mark = found[0][1]
        if mark in "([":
            opened.setdefault(mark, found)
            continue
        opener = opened.pop("(" if mark == ")" else "[", None)
        if opener is None or not text[opener.end() : found.start()].strip():
            continue  # nothing between them: not math
        yield TexMath(opener.start(), found.end(), text[opener.end() : found.start()], mark == "]")
        opened = {kind: other for kind, other in opened.items() if other.start() > found.end()}


def _dollar_math(source: str) -> str:
    """`\\(...\\)` and `\\[...\\]` outside code and HTML, written with dollars so that the
    engine reads them as math (their insides are not Markdown)."""
    code = [_characters(source, span) for span in _code_spans(source)]
    code_starts = [start for start, _ in code]

    def in_code(position: int) -> bool:
        inside = bisect_right(code_starts, position) - 1
        return inside >= 0 and code[inside][1] > position

    pieces: list[str] = []
    done = 0
    for found in tex_math(source, in_code):
        if found.start < done:
            continue
        dollars = "$$" if found.display else "$"
        pieces += [source[done : found.start], f"{dollars}{found.math.strip()}{dollars}"]
        done = found.end
    return "".join(pieces) + source[done:]


def _code_spans(source: str) -> list[Range]:
    """Where code and raw HTML stand in a text, as byte ranges."""
    spans = []
    events: Iterator[tuple[Any, Range]] = _engine().events_with_range(source, merge_text=True)
    for event, span in events:
        if isinstance(event, dict):
            start = event.get("Start")
            code = isinstance(start, dict) and "CodeBlock" in start
            if code or "Code" in event or "InlineHtml" in event or "Html" in event:
                spans.append(span)
    return spans


def _characters(text: str, span: Range) -> tuple[int, int]:
    """A byte range of a text's UTF-8 as a range of its characters."""
    if text.isascii():
        return span["start"], span["end"]
    data = text.encode()
    start = len(data[: span["start"]].decode(errors="ignore"))
    return start, start + len(data[span["start"] : span["end"]].decode(errors="ignore"))
