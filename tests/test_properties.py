"""Property-based tests: every supported shape round-trips; nothing crashes the parser."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

from hypothesis import example, given, settings
from hypothesis import strategies as st

from ankigen.errors import AnkigenError
from ankigen.identity import guid_for
from ankigen.parsing import _Lines, parse
from ankigen.reading import Text
from ankigen.records import normalise
from ankigen.rendering import (
    NOT_PLAIN,
    Written,
    _markdown_html,
    _may_be_markup,
    _plain_paragraphs,
    _prose_and_code,
    _unwrapped,
    render_fields,
)

Chapter = tuple[str, list[tuple[str, str]]]
"""A section's title and its (question, answer) pairs."""

words = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=8)
questions = st.lists(words, min_size=2, max_size=8).map(lambda w: " ".join(w).capitalize() + "?")
sentences = st.lists(words, min_size=3, max_size=12).map(lambda w: " ".join(w).capitalize() + ".")
titles = st.lists(words, min_size=1, max_size=3).map(lambda w: " ".join(x.title() for x in w))


def documents(paragraphs: int) -> st.SearchStrategy[list[Chapter]]:
    """Sections with distinct titles; no question is asked twice (that is an error)."""
    answers = st.lists(sentences, min_size=1, max_size=paragraphs).map("\n\n".join)
    notes = st.lists(st.tuples(questions, answers), min_size=1, max_size=4)
    sectioned = st.lists(st.tuples(titles, notes), min_size=1, max_size=3, unique_by=lambda s: s[0])
    return st.one_of(notes.map(lambda n: [("", n)]), sectioned).filter(_questions_differ)


def _questions_differ(document: list[Chapter]) -> bool:
    asked = [question.casefold() for _, notes in document for question, _ in notes]
    return len(set(asked)) == len(asked)


def write(
    sections: list[Chapter], heading: str, question: str, answer: str, newline: str = "\n"
) -> str:
    """A document: `heading`, `question` and `answer` are formats for one of each."""
    parts, number = [], 0
    for title, notes in sections:
        if title:
            parts.append(heading.format(title=title))
        for asked, answered in notes:
            number += 1
            parts.append(question.format(n=number, q=asked) + answer.format(a=answered))
    return newline.join("\n\n".join(parts).split("\n")) + newline


SHAPES: dict[str, Callable[[list[Chapter]], str]] = {
    "seed": lambda s: write(s, "### {title}", "{n}. {q}\n", "{a}"),
    "parens, Answer:": lambda s: write(s, "## {title}", "{n}) {q}\n", "Answer: {a}"),
    "Q1: and A:": lambda s: write(s, "# {title}", "Q{n}: {q}\n", "A: {a}"),
    "bold": lambda s: write(s, "**{title}**", "**{n}. {q}**\n", "{a}"),
    "bold number": lambda s: write(s, "#### {title}", "**{n}.** {q}\n", "{a}"),
    "heading": lambda s: write(s, "## {title}", "### {n}. {q}\n\n", "{a}"),
    "details": lambda s: write(
        s, "## {title}", "{n}. {q}\n\n", "<details>\n<summary>Answer</summary>\n\n{a}\n\n</details>"
    ),
    "crlf": lambda s: write(s, "### {title}", "{n}. {q}\n", "{a}", newline="\r\n"),
}
ONE_LINE: dict[str, Callable[[list[Chapter]], str]] = {
    "one line": lambda s: write(s, "### {title}", "{n}. {q} ", "{a}"),
    "Q: A: on one line": lambda s: write(s, "### {title}", "Q: {q} ", "A: {a}"),
    "bold question, answer after": lambda s: write(s, "### {title}", "**{n}. {q}** ", "{a}"),
}


def parsed(text: str) -> list[Chapter]:
    sections: list[Chapter] = []
    for note in parse(Text("generated.md", text)).notes:
        if not sections or sections[-1][0] != note.section:
            sections.append((note.section, []))
        sections[-1][1].append((note.question, note.answer))
    return sections


@settings(max_examples=60, deadline=None)
@given(documents(paragraphs=3), st.sampled_from(sorted(SHAPES)))
def test_every_shape_parses_to_the_generated_notes(document: list[Chapter], shape: str) -> None:
    assert parsed(SHAPES[shape](document)) == document


@settings(max_examples=60, deadline=None)
@given(documents(paragraphs=1), st.sampled_from(sorted(ONE_LINE)))
def test_one_line_shapes_parse_to_the_generated_notes(document: list[Chapter], shape: str) -> None:
    assert parsed(ONE_LINE[shape](document)) == document


TOKENS = [
    "1. ",
    "2) ",
    "Q1: ",
    "Q: ",
    "A: ",
    "Answer:",
    "**",
    "__",
    "# ",
    "### ",
    "```",
    "~~~",
    "$$",
    "\\[",
    "\\]",
    "<details>",
    "</details>",
    "<summary>",
    "</summary>",
    "?",
    " ",
    "\n",
    "\r\n",
    "\t",
    "+++",
    "word",
    "<div>",
    "`",
    "\ufeff",
    "â€™",
    "9999999. ",
    "- ",
    "    ",
]


def parses_or_reports(text: str) -> None:
    try:
        source = parse(Text("fuzz.md", text))
    except AnkigenError as exc:
        problems = exc.problems
        assert problems, "an error always says what is wrong"  # fuzzing: either outcome is fine
    else:
        assert source.notes
        for note in source.notes:
            assert note.question.strip()
            assert note.answer.strip()


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_arbitrary_text_never_crashes(text: str) -> None:
    parses_or_reports(text)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(TOKENS), max_size=60).map("".join))
def test_adversarial_markup_never_crashes(text: str) -> None:
    parses_or_reports(text)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(TOKENS), max_size=40).map("".join))
def test_rendering_never_crashes(text: str) -> None:
    ((question, answer, section),) = render_fields([Written(text, text, text)])
    assert "<script" not in question + answer + section


prose = st.lists(
    st.text(alphabet=st.characters(codec="utf-8"), max_size=12)
    | st.sampled_from(
        [
            " ",
            ".",
            ",",
            "?",
            "'",
            '"',
            "(",
            ")",
            "%",
            "/",
            ":",
            ";",
            "\n",
            "\n\n",
            "é",
            "—",
            "1",
            "-",
            "=",
            ">",
            "  ",
        ]
    ),
    max_size=30,
).map("".join)


@settings(max_examples=100, deadline=None)
@given(st.lists(sentences, min_size=1, max_size=4).map("\n\n".join))
def test_ordinary_prose_takes_the_fast_path(text: str) -> None:
    assert _plain_paragraphs(text) == _markdown_html(text)


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=0, max_value=2**63), st.text(), st.integers(0, 5))
def test_guids_are_genankis(deck_id: int, text: str, attempt: int) -> None:
    """GUIDs already in learners' collections were made by genanki's guid_for."""
    import genanki.util

    values = (deck_id, text, attempt) if attempt else (deck_id, text)
    assert guid_for(*values) == genanki.util.guid_for(*values)


MATH_TOKENS = [
    "word",
    " ",
    "  ",
    ".",
    ",",
    "$",
    "$$",
    "\\(",
    "\\)",
    "\\",
    "x_1",
    "a*b",
    "<",
    "&",
    "{",
    "}",
    "^2",
    "\\frac{1}{n}",
    "\n",
    "\n\n",
    "5",
    "$x$",
    "$ x$",
    "$x $",
    "\\(y\\)",
    "`",
    "é",
]


@settings(max_examples=100, deadline=None)
@given(sentences, st.lists(words, min_size=1, max_size=4).map("_".join), sentences)
def test_prose_with_inline_math_takes_the_fast_path(before: str, math: str, after: str) -> None:
    text = f"{before} ${math}^2$ and \\({math}\\) {after}"
    assert _plain_paragraphs(text) == _markdown_html(text)


code_lines = st.lists(
    st.text(
        alphabet=st.sampled_from(list("abc xyz019_=()[]{}<>&\"'$\\`#*.:;,+-/|~!?%")), max_size=20
    ),
    max_size=5,
)
blocks = st.one_of(
    st.lists(sentences, min_size=1, max_size=2).map("\n".join),
    st.tuples(
        st.sampled_from(["```", "~~~", "````"]),
        st.sampled_from(["", "python", "js", "sql", "nosuchlanguage", "c++"]),
        code_lines,
    ).map(lambda b: "\n".join([b[0] + b[1], *b[2], b[0]])),
)


@settings(max_examples=100, deadline=None)
@given(sentences, st.lists(words, min_size=1, max_size=6).map(" = ".join), sentences)
def test_prose_with_a_code_block_takes_the_fast_path(before: str, code: str, after: str) -> None:
    text = f"{before}\n\n```python\n{code}\n```\n\n{after}"
    assert _prose_and_code(text) == _markdown_html(text)


@settings(max_examples=1400, deadline=None)
@given(
    st.one_of(
        prose,
        st.lists(st.sampled_from(MATH_TOKENS), max_size=25).map("".join),
        st.lists(blocks, min_size=1, max_size=4).map("\n\n".join),
    )
)
@example("```\n \n```")  # Markdown empties lines of spaces, even in code
@example("A line  \nbroken by two spaces.")  # a hard line break: <br>
@example("Cost $5\\$ or $x$.")  # a dollar sign escaped inside the text
def test_fast_paths_equal_the_markdown_renderer(text: str) -> None:
    """Prose, inline math and fenced code made without Markdown: the same HTML, or no answer."""
    plain = _plain_paragraphs(text)
    if plain is not None:
        assert plain == _markdown_html(text)
        assert _plain_paragraphs(text, bare=True) == _unwrapped(plain)  # as questions are
    with_code = _prose_and_code(text)
    if with_code is not None:
        assert with_code == _markdown_html(text)


@given(st.text(alphabet=st.characters(max_codepoint=0x3000)) | st.text(max_size=5))
def test_markup_is_found_in_ascii_text_as_the_pattern_finds_it(text: str) -> None:
    """The shortcut for ASCII text says what `NOT_PLAIN` says, for every character."""
    assert _may_be_markup(text) == (NOT_PLAIN.search(text) is not None)


@settings(max_examples=500, deadline=None)
@given(
    st.lists(st.sampled_from(["ab", " ", "\n", "\r", "\r\n", "\x0c", "\x85", "\u2028"])).map(
        "".join
    ),
    st.integers(min_value=1, max_value=8),
)
def test_lines_split_a_block_at_a_time_are_the_texts_lines(text: str, block: int) -> None:
    """The parser reads a large file's lines a block at a time, letting go of those behind."""
    lines = _Lines(text, block)
    read: list[str] = []
    for index, line in lines.read(0):
        assert index == len(read)
        assert index == 0 or lines.get(index - 1) == read[-1]  # the line before is still there
        read.append(line)
        if index % 3 == 0:  # a look ahead, as for a bold line that may title a section
            lines.get(index + 4)
    assert read == text.splitlines()
    assert list(_Lines(text, block)) == read


@given(st.text(alphabet=st.characters(max_codepoint=0x3000)) | st.sampled_from([" a", "a  b"]))
def test_texts_are_normalised_as_their_words_are_compared(text: str) -> None:
    """The shortcut for texts without stray white space gives what comparing words gives."""
    words = unicodedata.normalize("NFKC", text).casefold().split()
    assert normalise(text) == " ".join(words)
