"""Markdown source -> the HTML fields a card shows, sanitised so nothing in them can run."""

from __future__ import annotations

import html
from functools import cache

import markdown
import nh3

EXTENSIONS = ["fenced_code", "tables", "sane_lists", "codehilite"]
EXTENSION_CONFIGS = {"codehilite": {"css_class": "highlight", "guess_lang": False}}
ALLOWED_TAGS = {
    "a",
    "b",
    "blockquote",
    "br",
    "code",
    "dd",
    "del",
    "div",
    "dl",
    "dt",
    "em",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "li",
    "ol",
    "p",
    "pre",
    "s",
    "span",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "u",
    "ul",
}
ALLOWED_ATTRIBUTES = {
    "*": {"class"},
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "td": {"align"},
    "th": {"align"},
    "ol": {"start"},
}


def render_fields(question: str, answer: str, section: str) -> tuple[str, str, str]:
    """The note's Question, Answer and Section fields, as HTML."""
    return _inline(question), _block(answer), html.escape(section)


@cache
def _markdown() -> markdown.Markdown:
    return markdown.Markdown(extensions=EXTENSIONS, extension_configs=EXTENSION_CONFIGS)


def _block(source: str) -> str:
    converter = _markdown()
    converter.reset()
    rendered = converter.convert(source)
    return nh3.clean(
        rendered,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    )


def _inline(source: str) -> str:
    """A one-line text rendered without the paragraph Markdown wraps it in."""
    rendered = _block(source)
    if rendered.startswith("<p>") and rendered.endswith("</p>") and rendered.count("<p>") == 1:
        return rendered[3:-4]
    return rendered
