"""Markdown source -> the HTML fields a card shows: rendered by the one engine (`gfm`), code
highlighted by Pygments with CSS classes (coloured by the note type's light and night
themes), sanitised by nh3 so that nothing in them can run, and images placed."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from functools import cache, lru_cache
from typing import TYPE_CHECKING, NamedTuple, Protocol

from ankigen import gfm, processors
from ankigen.cards.mathjax import forbidden_command
from ankigen.cards.media import Image
from ankigen.cloze import ANKI_OPEN, numbered
from ankigen.errors import AnkigenError, error, place_in_file
from ankigen.records import CardKind, Deletion, Note

if TYPE_CHECKING:
    import nh3
    from pygments.formatters import HtmlFormatter
    from pygments.lexer import Lexer

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
Fields = tuple[str, str, str]
"""Question, Answer and Section, as HTML."""
IMAGE_SOURCE = re.compile(r'(<img\b[^>]*?\ssrc=")([^"]*)(")')
TABLE_ALIGNMENT = re.compile(r'style="text-align: (left|center|right)"')
HTML_TAG = re.compile(r"<(/)?([A-Za-z][A-Za-z0-9-]*)[^<>]*?(/)?>")
VOID_ELEMENTS = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    ]
)
ANKI_TAG = re.compile(r"\[(?=(?:sound|anki):)", re.IGNORECASE)
"""The start of a tag Anki would play or act on (`[sound:x.mp3]`)."""
CODE_ELEMENT = re.compile(r"<code\b.*?</code>", re.S)
MAX_HTML_DEPTH = 100
"""Elements nested deeper are refused: the sanitiser's time grows with the square of the
depth (20,000 unclosed `<div>`s take it seconds)."""


class Media(Protocol):
    """Where images come from: given an image's `src` and its line, the image (None for
    one that stays as written, such as a remote URL)."""

    def image(self, src: str, line: int, file: str) -> Image | None: ...


class Rendered(NamedTuple):
    """Notes rendered: their fields, in order, and the images they show by packaged name."""

    fields: list[Fields]
    images: dict[str, Image]


Memo = dict[tuple[object, ...], tuple[Fields, tuple[Image, ...]]]
"""Notes rendered before, by their text: their fields and the images they show."""


class Written(NamedTuple):
    """A note's text as written: what its fields are rendered from."""

    question: str
    answer: str
    section: str
    line: int = 0
    """The question's line in the content file, for the errors of its images; 0 if none."""
    prompt: str = ""
    """What the front shows under the question (code, options)."""
    kind: CardKind = CardKind.BASIC


def render_fields(
    notes: Iterable[Note | Written],
    media: Media | None = None,
    path: str = "",
    images_kept: bool = False,
    clozes: Sequence[tuple[Deletion, ...]] = (),
    memo: Memo | None = None,
    jobs: int | None = 1,
) -> Rendered:
    """Each note's Question, Answer and Section fields, as HTML, in order, and the images
    they show.

    A question that is one paragraph is shown without it. Images are read from `media`
    and named by their bytes (they stay as written without one, or, with `images_kept`,
    where they cannot be read: a removed question shipped once more keeps what it can).
    Raises `AnkigenError` (naming `path` and the note's line) for HTML nested too deep to
    show, and for math that would make a link.

    A cloze note's fields are its Text (the question, its prompt, and its answer where that
    holds deletions), its Back Extra (the answer, where it holds none) and its Section; its
    `==text==` deletions are numbered in order from its `clozes`. A `memo` kept from one
    rendering to the next (watching a file) renders a note only when its text changed.
    Many notes are rendered in up to `jobs` processes at once (every usable processor where None).
    """
    written = [
        _numbered(note, clozes[index] if clozes else None) for index, note in enumerate(notes)
    ]
    keys = [
        (note.question, note.prompt, note.answer, note.section, note.kind, images_kept)
        for note in written
    ]
    made = memo if memo is not None else {}
    todo = {key: note for key, note in zip(keys, written, strict=True) if key not in made}

    def render(part: Sequence[Note | Written]) -> list[tuple[Fields, tuple[Image, ...]]]:
        done = []
        for note in part:
            shown: dict[str, Image] = {}
            done.append((_rendered(note, media, path, images_kept, shown), tuple(shown.values())))
        return done

    made.update(zip(todo, processors.each(render, list(todo.values()), jobs), strict=True))
    images: dict[str, Image] = {}
    for key in keys:
        images.update((image.name, image) for image in made[key][1])
    return Rendered([made[key][0] for key in keys], images)


def _numbered(note: Note | Written, deletions: tuple[Deletion, ...] | None) -> Note | Written:
    """A cloze note with its `==text==` deletions numbered from its `deletions` (in order,
    where none are given)."""
    if note.kind is not CardKind.CLOZE:
        return note
    numbers = iter([deletion.number for deletion in deletions] if deletions is not None else [])
    return note._replace(
        question=numbered(note.question, numbers),
        prompt=numbered(note.prompt, numbers),
        answer=numbered(note.answer, numbers),
    )


def _rendered(
    note: Note | Written,
    media: Media | None,
    path: str,
    images_kept: bool,
    images: dict[str, Image],
) -> Fields:
    """One note's fields (its images added to `images`)."""
    try:
        question = _unwrapped(card_html(note.question))
        if note.prompt:  # code, options, a scenario: on the front, under the question
            question += card_html(note.prompt)
        answer = card_html(note.answer)
    except TooDeep as exc:  # at the first tag of the note's text, where the nesting starts
        file = _file(note, path)
        line, col = place_in_file(file, note.line, "<")
        raise error(file, line, str(exc), col, code="unsafe-html") from None
    if media is not None and (note.line or images_kept):
        front = f"{note.question}\n\n{note.prompt}" if note.prompt else note.question
        file = _file(note, path)
        question = _place_images(question, front, (file, note.line), media, images, images_kept)
        answer = _place_images(
            answer, note.answer, (file, note.line + 1), media, images, images_kept
        )
    section = _section_field(note.section)
    for field in (question, answer, section):
        command = forbidden_command(field)
        if command is not None:
            message = (
                f"`\\{command}` in math is not one of the TeX commands a card may use (some "
                "make links, styles or code on the card): write links outside the math"
            )
            file = _file(note, path)
            line, col = place_in_file(file, note.line, f"\\{command}")
            raise error(file, line, message, col, code="unsafe-math")
    if note.kind is CardKind.CLOZE:
        question, answer = _cloze_fields(question, answer)
    return question, answer, section


def _cloze_fields(question: str, answer: str) -> tuple[str, str]:
    """A cloze note's Text and Back Extra: an answer with deletions is part of the text
    (shown with them hidden), one without is shown after it; deletions written in code are
    shown as written."""
    question, answer = _code_as_written(question), _code_as_written(answer)
    if ANKI_OPEN.search(answer):
        return f'{question}<div class="answer">{answer}</div>', ""
    return question, answer


def _code_as_written(field: str) -> str:
    """A field whose code shows `{{` as written, not as a deletion."""
    if "{{" not in field or "<code" not in field:
        return field
    return CODE_ELEMENT.sub(lambda code: code[0].replace("{{", "&#123;&#123;"), field)


@lru_cache(maxsize=4096)
def _section_field(section: str) -> str:
    """A section's title as its field: made once a section, not once a note."""
    return _anki_tags_as_text(html.escape(section))


def _file(note: Note | Written, path: str) -> str:
    """The file a note is written in, for its errors."""
    return (note.file if isinstance(note, Note) else "") or path


class TooDeep(ValueError):
    """HTML nested deeper than a card can show, in the time that takes."""


def card_html(source: str) -> str:
    """Markdown as a card shows it: GitHub's rendering, highlighted and sanitised. Raises
    `TooDeep` for HTML nested more than `MAX_HTML_DEPTH` deep."""
    rendered = gfm.to_html(source, _highlighted)
    if rendered.count("<") > MAX_HTML_DEPTH and _depth(rendered) > MAX_HTML_DEPTH:
        raise TooDeep(
            f"HTML elements nest more than {MAX_HTML_DEPTH} deep here; no card needs "
            "so many (is a tag never closed?)"
        )
    if "text-align" in rendered:  # a table column's alignment, as GitHub shows it
        rendered = TABLE_ALIGNMENT.sub(r'align="\1"', rendered)
    return _anki_tags_as_text(_cleaner().clean(rendered))


def _anki_tags_as_text(field: str) -> str:
    """A field's HTML with Anki's own tags as text: Anki plays `[sound:x.mp3]` in a field."""
    return ANKI_TAG.sub("&#91;", field) if "[" in field else field


@cache
def _cleaner() -> nh3.Cleaner:
    import nh3

    return nh3.Cleaner(
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    )


def _depth(rendered: str) -> int:
    """How deep HTML's elements nest (void and self-closed ones aside), in one pass."""
    depth = deepest = 0
    for tag in HTML_TAG.finditer(rendered):
        if tag[1]:
            depth = max(depth - 1, 0)
        elif not tag[3] and tag[2].lower() not in VOID_ELEMENTS:
            depth += 1
            deepest = max(deepest, depth)
    return deepest


def _highlighted(language: str | None, code: str) -> str | None:
    """A fenced code block coloured with Pygments' CSS classes, in a language it knows."""
    lexer = _lexer(language) if language else None
    if lexer is None:
        return None
    from pygments import highlight

    return highlight(code, lexer, _formatter())


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


def _unwrapped(rendered: str) -> str:
    """A one-paragraph text's HTML without the paragraph."""
    if rendered.startswith("<p>") and rendered.endswith("</p>") and rendered.count("<p>") == 1:
        return rendered[3:-4]
    return rendered


def _place_images(
    field: str,
    source: str,
    where: tuple[str, int],
    media: Media,
    images: dict[str, Image],
    kept: bool = False,
) -> str:
    """A field with each local image named as it is packaged (the image added to `images`,
    the rendering's own record); `where`: the file and first line of its Markdown."""
    if "<img" not in field:
        return field
    file, first_line = where

    def place(found: re.Match[str]) -> str:
        src = html.unescape(found[2])
        offset = source.find(src)
        line = first_line + source.count("\n", 0, offset) if offset >= 0 else first_line
        try:
            image = media.image(src, line, file)
        except AnkigenError:
            if kept:  # a removed question's image that is gone: its card keeps the name
                return found[0]
            raise
        if image is None:  # a remote URL: as written
            return found[1] + html.escape(src) + found[3]
        images[image.name] = image
        return found[1] + html.escape(image.name) + found[3]

    return IMAGE_SOURCE.sub(place, field)
