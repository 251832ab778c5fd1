"""Markdown source -> the HTML fields a card shows, sanitised so nothing in them can run."""

from __future__ import annotations

import gc
import html
import os
import re
import weakref
from collections import deque
from collections.abc import Iterator, Sequence
from functools import cache
from typing import TYPE_CHECKING, NamedTuple, Protocol

from ankigen.records import Note

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

    import markdown
    import nh3
    from pygments.formatters import HtmlFormatter
    from pygments.lexer import Lexer

EXTENSIONS = ["fenced_code", "tables", "sane_lists", "pymdownx.arithmatex"]
EXTENSION_CONFIGS: dict[str, dict[str, object]] = {
    "pymdownx.arithmatex": {"generic": True},  # MathJax delimiters \( \) and \[ \], as Anki's
}
CODE_BLOCK = re.compile(r'<pre><code class="language-([^"]+)">(.*?)</code></pre>', re.DOTALL)
LIST_ITEM = re.compile(r"^( *)(?:[-*+]|\d{1,9}[.)])\s")
FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
INLINE_DISPLAY_MATH = re.compile(r"(?<=\S)[ \t]*(\$\$.+?\$\$|\\\[.+?\\\])[ \t]*")
"""Display math (`$$...$$`, `\\[...\\]`) written inside a line of text."""
ALLOWED_TAGS = {
    "a", "b", "blockquote", "br", "code", "dd", "del", "div", "dl", "dt", "em", "h1", "h2", "h3",
    "h4", "h5", "h6", "hr", "i", "img", "li", "ol", "p", "pre", "s", "span", "strong", "sub",
    "sup", "table", "tbody", "td", "th", "thead", "tr", "u", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "*": {"class"},
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "td": {"align"},
    "th": {"align"},
    "ol": {"start"},
}
PARALLEL_FROM = 400
"""Texts that need Markdown or Pygments before it pays to start worker processes."""
CHUNK = 64
"""Texts a worker process renders at a time."""
AHEAD = 4096
"""Notes whose prose is wrapped before their turn, so that the Markdown among them reaches
the worker processes before it is needed."""
Fields = tuple[str, str, str]
"""Question, Answer and Section, as HTML."""
IMAGE_SOURCE = re.compile(r'(<img\b[^>]*?\ssrc=")([^"]*)(")')
NOT_PLAIN = re.compile(
    r"[*_`\[\]<>#!&\\|$~{}"  # Markdown, HTML and MathJax
    r"\x00-\x09\x0b-\x1f\x7f-\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]"
)
"""A character that may mean something to Markdown, HTML or MathJax, or unusual white space."""
PLAIN_ASCII = bytes(code for code in range(128) if not NOT_PLAIN.match(chr(code)))
"""The ASCII characters that are not `NOT_PLAIN`: deleting them from ASCII text leaves
the others, faster than the pattern finds them."""
PLAIN_LINE_START = tuple("0123456789-+=> ")
MARKUP_LINE = re.compile(r"\n[0-9\-+=> ]| \n")
"""A line that starts as plain prose does not (or a line before it ending in a space)."""
INLINE_MATH = re.compile(
    r"\$(?P<dollar>[^\s$\\](?:[^$\n]*?[^\s$\\])?)\$(?![$\\])"
    r"|\\\((?P<round>[^\s$\\](?:(?:(?!\\[()])[^$\n])*?[^\s$\\])?)\\\)(?![$\\])"
)
"""Inline math as pymdownx.arithmatex reads it, in the cases where that is certain."""
SIMPLE_LANGUAGE = re.compile(r"[A-Za-z0-9_+-]*")
CODE_NEEDS_MARKDOWN = re.compile(r"[\t\x00-\x08\x0b-\x1f\x7f]")
"""Characters in code that Markdown's own path may treat differently (tabs, controls); it
also empties lines of spaces alone."""
MATH_MARK = "\ue000"
"""Stands in for a span of inline math while the text around it is checked."""


class Media(Protocol):
    """Where images go: given an image's `src` and its line, the name the card uses."""

    def place(self, src: str, line: int) -> str: ...


class Written(NamedTuple):
    """A note's text as written: what its fields are rendered from."""

    question: str
    answer: str
    section: str
    line: int = 0
    """The question's line in the content file, for the errors of its images; 0 if none."""


def render_fields(
    notes: Sequence[Note | Written], media: Media | None = None, workers: Workers | None = None
) -> Iterator[Fields]:
    """Each note's Question, Answer and Section fields, as HTML, in order, as they are made.

    Code goes to worker processes at once when there is much of it (so it is highlighted
    while the caller does other work before reading the fields), unless `workers` has
    read the notes already (as they were parsed); prose (with inline math) is wrapped
    directly, a little ahead of its note's turn, and the other Markdown found ahead goes to
    the workers too; whatever a note would otherwise wait for is rendered here. Images are
    placed in `media` (they stay as written without one). The workers stop once the
    fields are all read or dropped.
    """
    if workers is None:
        workers = Workers()
        for note in notes:
            workers.read(note)
    return _fields(notes, media, workers)


def renders_anywhere(note: Note) -> bool:
    """Whether a note looks like plain prose, rendered as fast in any process: nothing in it
    may be markup (code, which the build's workers highlight; other Markdown, which they
    render on every core; an image, which `render_fields` places in its `media`)."""
    return not (_may_hold_markup(note.question) or _may_hold_markup(note.answer))


def _may_hold_markup(text: str) -> bool:
    """Markup characters, or a line that starts like a list, a quote or a heading's rule."""
    if _may_be_markup(text) or text.startswith(PLAIN_LINE_START):
        return True
    return "\n" in text and MARKUP_LINE.search(text) is not None


def _has_code(text: str) -> bool:
    return "```" in text or "~~~" in text


def _fields(
    notes: Sequence[Note | Written], media: Media | None, workers: Workers
) -> Iterator[Fields]:
    sections: dict[str, str] = {}

    def fields(note: Note | Written, question: str | None, answer: str | None) -> Fields:
        if question is None:
            question = _unwrapped(workers.html(note.question))
        answer = workers.html(note.answer) if answer is None else answer
        if media is not None and note.line:
            question = _place_images(question, note.question, note.line, media)
            answer = _place_images(answer, note.answer, note.line + 1, media)
        section = sections.get(note.section)
        if section is None:
            section = sections[note.section] = html.escape(note.section)
        return question, answer, section

    ahead: deque[tuple[Note | Written, str | None, str | None]] = deque()
    for note in notes:
        question = workers.plain(note.question, bare=True)
        ahead.append((note, question, workers.plain(note.answer)))
        if len(ahead) > AHEAD:
            yield fields(*ahead.popleft())
    for waiting in ahead:
        yield fields(*waiting)
    workers.stop()


class Workers:
    """Texts that need Markdown or Pygments, in chunks, rendered by worker processes once
    there are enough to pay for starting them. The workers take chunks from the front;
    when a note needs a chunk that is not ready, this process renders chunks from the back
    meanwhile, or the needed one itself if no worker has started it. The workers stop
    when `stop` is called or this is dropped."""

    def __init__(self, background: bool = True) -> None:
        self.background = background
        """Whether worker processes may be started (else all is rendered here)."""
        self.pool: ProcessPoolExecutor | None = None
        self.chunks: list[tuple[list[str], Future[list[str]] | None]] = []
        self.forming: list[str] = []
        self.where: dict[str, tuple[int, int]] = {}
        """Each text's chunk (the one forming, if it is `len(self.chunks)`) and place in it."""
        self.rendered: dict[int, list[str]] = {}
        self.queued: list[int] = []
        """Chunks given to the workers that may not have been started, oldest first."""

    def stop(self) -> None:
        """Stop the worker processes, dropping what they have not started."""
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)

    def read(self, note: Note | Written) -> None:
        """A note whose fields will be asked for: its code starts being highlighted in the
        background (given each note with code as it is parsed, while the rest of the file
        is)."""
        for text in (note.question, note.answer):
            if _has_code(text):
                self.add([text])

    def add(self, texts: list[str]) -> None:
        """Texts to render: in the background, if there are enough of them to pay."""
        for text in texts:
            if text not in self.where:
                self.where[text] = (len(self.chunks), len(self.forming))
                self.forming.append(text)
                if len(self.forming) == CHUNK:
                    self._queue()

    def plain(self, text: str, bare: bool = False) -> str | None:
        """A text's HTML if it is plain prose (`bare`: one paragraph without its `<p>`);
        else None, and the text is added."""
        if text in self.where:
            return None
        plain = _plain_paragraphs(text, bare)
        if plain is None:
            self.add([text])
        return plain

    def html(self, text: str) -> str:
        """An added text's HTML."""
        index, position = self.where[text]
        if index == len(self.chunks):
            self._queue(here=True)
        return self._chunk(index)[position]

    def _queue(self, here: bool = False) -> None:
        cores = os.cpu_count() or 1
        many = len(self.where) >= PARALLEL_FROM and cores > 1
        if self.pool is None and self.background and many and not here:
            from concurrent.futures import ProcessPoolExecutor

            self.pool = ProcessPoolExecutor(min(cores - 1, 8), initializer=_collect_own)
            weakref.finalize(self, self.pool.shutdown, cancel_futures=True)
        future = None
        if self.pool is not None and not here:
            future = self.pool.submit(_rich_htmls, self.forming)
            self.queued.append(len(self.chunks))
        self.chunks.append((self.forming, future))
        self.forming = []

    def _chunk(self, index: int) -> list[str]:
        done = self.rendered.get(index)
        if done is not None:
            return done
        future = self.chunks[index][1]
        if future is None or future.cancel():
            return self._render_here(index)
        while not future.done() and self.queued and self.queued[-1] > index:
            later = self.queued.pop()
            later_future = self.chunks[later][1]
            if later not in self.rendered and later_future and later_future.cancel():
                self._render_here(later)
        done = self.rendered[index] = future.result()
        return done

    def _render_here(self, index: int) -> list[str]:
        done = self.rendered[index] = _rich_htmls(self.chunks[index][0])
        return done


def _collect_own() -> None:
    """A worker's cycle collector, on: over its own objects, not the build's it was forked with
    (which it never frees; scanning them would cost it a quarter second on a large deck)."""
    gc.freeze()
    gc.enable()


def _rich_htmls(sources: list[str]) -> list[str]:
    return [_rich_html(source) for source in sources]


def _rich_html(source: str) -> str:
    """Prose with fenced code without Markdown when that is certain to be the same."""
    fast = _prose_and_code(source) if "```" in source or "~~~" in source else None
    return _markdown_html(source) if fast is None else fast


@cache
def _markdown() -> markdown.Markdown:
    import markdown  # plain prose never needs it: loading it is most of a small build's start-up

    return markdown.Markdown(extensions=EXTENSIONS, extension_configs=EXTENSION_CONFIGS)


def _prose_and_code(source: str) -> str | None:
    """Plain paragraphs around fenced code blocks that stand apart (blank lines around
    them, fences at the line start, a simple language name), highlighted as Markdown's
    path highlights them; None for anything less simple.

    Nothing here needs sanitising: the prose has no markup characters, and the code is
    escaped by Pygments or `html.escape`."""
    blocks: list[str] = []
    lines = source.split("\n")
    prose: list[str] = []

    def flush_prose() -> bool:
        paragraphs = _plain_paragraphs("\n".join(prose))
        if paragraphs:
            blocks.append(paragraphs)
        prose.clear()
        return paragraphs is not None

    index = 0
    while index < len(lines):
        line = lines[index]
        fence = FENCE.match(line)
        if not fence:
            prose.append(line)
            index += 1
            continue
        marker, language = fence[1], line[len(fence[1]) :]
        closing = next((j for j in range(index + 1, len(lines)) if lines[j] == marker), None)
        if (
            closing is None
            or fence.start() != 0
            or not SIMPLE_LANGUAGE.fullmatch(language)
            or (prose and prose[-1])
            or (closing + 1 < len(lines) and lines[closing + 1])
        ):
            return None
        code = lines[index + 1 : closing]
        if any(CODE_NEEDS_MARKDOWN.search(text) or text.isspace() for text in code):
            return None
        if not flush_prose():
            return None
        blocks.append(_code_block(language, "".join(text + "\n" for text in code)))
        index = closing + 1
    return "\n".join(blocks) if flush_prose() else None


def _code_block(language: str, code: str) -> str:
    """A fenced code block: coloured with Pygments' CSS classes in a language it knows, else
    as Python-Markdown writes it."""
    lexer = _lexer(language) if language else None
    if lexer is None:
        kind = f' class="language-{language}"' if language else ""
        return f"<pre><code{kind}>{html.escape(code, quote=False)}</code></pre>"
    from pygments import highlight

    return highlight(code, lexer, _formatter())


def _plain_paragraphs(source: str, bare: bool = False) -> str | None:
    """The HTML Markdown would give for plain prose (with inline math), or None if the text
    may be more than that; `bare`: as `_unwrapped` leaves it."""
    if MATH_MARK in source:
        return None
    spans: list[str] = []
    if "$" in source or "\\(" in source:
        source = INLINE_MATH.sub(lambda found: _math_mark(found, spans), source)
    if _may_be_markup(source):
        return None
    if "\n" not in source:  # one line: most texts
        if not source or source.startswith(PLAIN_LINE_START) or source.endswith(" "):
            return None if source else ""
        html_text = source if bare else f"<p>{source}</p>"
    else:
        paragraphs: list[list[str]] = [[]]
        for line in source.split("\n"):
            if not line:
                paragraphs.append([])
            elif line.startswith(PLAIN_LINE_START) or line.endswith(" "):
                return None
            else:
                paragraphs[-1].append(line)
        html_text = "\n".join("<p>" + "\n".join(lines) + "</p>" for lines in paragraphs if lines)
        if bare:
            html_text = _unwrapped(html_text)
    for span in spans:
        html_text = html_text.replace(MATH_MARK, span, 1)
    return html_text


def _may_be_markup(text: str) -> bool:
    if text.isascii():
        return bool(text.encode("ascii").translate(None, PLAIN_ASCII))
    return NOT_PLAIN.search(text) is not None


def _math_mark(found: re.Match[str], spans: list[str]) -> str:
    math = html.escape(found["dollar"] or found["round"], quote=False)
    spans.append(f'<span class="arithmatex">\\({math}\\)</span>')
    return MATH_MARK


def _markdown_html(source: str) -> str:
    converter = _markdown()
    converter.reset()
    return _clean(CODE_BLOCK.sub(_highlighted, converter.convert(_prepared(source))))


def _clean(rendered: str) -> str:
    """HTML with nothing in it that could run or escape the card."""
    return _cleaner().clean(rendered)


@cache
def _cleaner() -> nh3.Cleaner:
    import nh3  # prose and code are safe as made: only Markdown's HTML is cleaned

    return nh3.Cleaner(
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    )


def _highlighted(block: re.Match[str]) -> str:
    """A code block in Python-Markdown's output, as `_code_block` writes it."""
    return _code_block(block[1], html.unescape(block[2]))


@cache
def _lexer(language: str) -> Lexer | None:
    from pygments.lexers import get_lexer_by_name
    from pygments.util import ClassNotFound

    try:
        return get_lexer_by_name(language)
    except ClassNotFound:
        return None


@cache
def _formatter() -> HtmlFormatter[str]:
    from pygments.formatters import HtmlFormatter

    return HtmlFormatter(cssclass="highlight", wrapcode=True)


def _prepared(source: str) -> str:
    """Source as Python-Markdown reads it the way authors mean it.

    Nested list items are re-indented to four spaces a level (authors also nest by two or
    three), and display math written inside a line of text is put on a line of its own.
    """
    lines = source.split("\n")
    fence = ""
    open_items: list[int] = []
    for index, line in enumerate(lines):
        opening = FENCE.match(line)
        if opening and (not fence or opening[1].startswith(fence)):
            fence = "" if fence else opening[1][0] * 3
            continue
        if fence:
            continue
        item = LIST_ITEM.match(line)
        if item is None:
            if line.strip() and not line[0].isspace():
                open_items.clear()
                if "`" not in line:  # math-like text in a code span stays as it is
                    lines[index] = INLINE_DISPLAY_MATH.sub(r"\n\n\1\n\n", line)
            continue
        indent = len(item[1])
        while open_items and indent < open_items[-1]:
            open_items.pop()
        if open_items and indent == open_items[-1]:
            open_items.pop()
        lines[index] = " " * 4 * len(open_items) + line[indent:]
        open_items.append(indent)
    return "\n".join(lines)


def _unwrapped(rendered: str) -> str:
    """A one-line text's HTML without the paragraph Markdown wraps it in."""
    if rendered.startswith("<p>") and rendered.endswith("</p>") and rendered.count("<p>") == 1:
        return rendered[3:-4]
    return rendered


def _place_images(field: str, source: str, first_line: int, media: Media) -> str:
    if "<img" not in field:
        return field

    def place(found: re.Match[str]) -> str:
        src = html.unescape(found[2])
        offset = source.find(src)
        line = first_line + source.count("\n", 0, offset) if offset >= 0 else first_line
        return found[1] + html.escape(media.place(src, line)) + found[3]

    return IMAGE_SOURCE.sub(place, field)
