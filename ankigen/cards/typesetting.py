"""Math as the preview page shows it: LaTeX typeset offline as MathML, which browsers draw
themselves, close to what Anki's MathJax shows on the card. A formula that cannot be
typeset is marked in the page and is a `check` warning with its line."""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

from ankigen.cards.rendering import Fields
from ankigen.errors import Problem, Severity, place_in_file
from ankigen.gfm import tex_math
from ankigen.records import Note

CODE = re.compile(r"(<pre\b.*?</pre>|<code\b.*?</code>)", re.DOTALL | re.IGNORECASE)
"""Code, whose text MathJax leaves as it is."""
UNKNOWN = re.compile(r"<mi>(\\[A-Za-z]+)</mi>")
"""A command latex2mathml does not know, left as its name."""
UNREAD_MATH = re.compile(r"\$(?=\S)[^$<\n]*\\[A-Za-z]+[^$<\n]*(?<=\S)\$")
"""`$...$` with a TeX command in it, left in a field's text: math the engine did not read."""
LINKS = re.compile(r"\s(?:href|xlink:href)=\"[^\"]*\"")


class Untypeset(ValueError):
    """A formula that cannot be typeset, and why."""


def typeset(tex: str, display: bool) -> str:
    """A formula (its text as it stands in a field's HTML) as MathML, without links.
    Raises `Untypeset`."""
    from latex2mathml.converter import convert

    try:
        mathml = convert(html.unescape(tex), display="block" if display else "inline")
    except Exception as exc:  # latex2mathml's errors share no base class but Exception
        reason = type(exc).__name__.removesuffix("Error")
        words = re.sub(r"(?<!^)(?=[A-Z])", " ", reason).lower()
        raise Untypeset(f"{words}{': ' + str(exc) if str(exc) else ''}") from None
    unknown = UNKNOWN.search(mathml)
    if unknown:
        raise Untypeset(f"unknown command {unknown[1]}")
    return LINKS.sub("", mathml)


def typeset_field(field: str) -> tuple[str, list[str]]:
    """A field's HTML with its math (outside code) as MathML, and what could not be
    typeset: such a formula stays as its source, marked, with the reason as its title."""
    failures: list[str] = []

    def typeset_piece(piece: str) -> str:
        out, done = [], 0
        for found in tex_math(piece):
            source = piece[found.start : found.end]
            try:
                shown = typeset(found.math, found.display)
            except Untypeset as why:
                failures.append(f"the formula {html.unescape(source)} cannot be typeset: {why}")
                shown = f'<span class="math-error" title="{html.escape(str(why))}">{source}</span>'
            out += [piece[done : found.start], shown]
            done = found.end
        return "".join(out) + piece[done:]

    pieces = CODE.split(field)
    typeset_html = "".join(p if i % 2 else typeset_piece(p) for i, p in enumerate(pieces))
    return typeset_html, failures


def formula_problems(path: str, notes: Sequence[Note], fields: Sequence[Fields]) -> list[Problem]:
    """A warning for each formula of the notes (with their rendered fields) that cannot be
    typeset, at its note's line; and for each `$...$` holding TeX that is not read as math
    (its braces unbalanced, say), at its own place."""
    problems = []
    for note, rendered in zip(notes, fields, strict=True):
        file = note.file or path
        for field in rendered[:2]:
            problems += [
                Problem(file, note.line, failure, Severity.WARNING, code="formula")
                for failure in typeset_field(field)[1]
            ]
            for found in UNREAD_MATH.finditer(CODE.sub("", field)):
                written = html.unescape(found[0])
                line, col = place_in_file(file, note.line, written)
                message = (
                    f"`{written}` is not read as math (are its braces balanced?): it shows as text"
                )
                problems.append(Problem(file, line, message, Severity.WARNING, col, "formula"))
    return problems
