"""Property-based tests: every supported shape round-trips; nothing crashes the parser."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

from hypothesis import example, given, settings
from hypothesis import strategies as st

from ankigen.cards.rendering import Written, render_fields
from ankigen.errors import AnkigenError
from ankigen.reading.answer_key import is_key
from ankigen.reading.parsing import NOT_QUESTIONS, parse
from ankigen.reading.shapes import EXPLAINS
from ankigen.reading.splitting import CONTENTS
from ankigen.reading.text import Text
from ankigen.records import normalise
from ankigen.versions.identity import guid_for
from tests.test_cards import Elements

Chapter = tuple[str, list[tuple[str, str]]]
"""A section's title and its (question, answer) pairs."""

ANSWER_WORDS = {"Answer", "Answers", "Solution", "Solutions"}
"""A heading of these words opens an answer (`#### Solution`), never a section."""
words = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=8)
questions = st.lists(words, min_size=2, max_size=8).map(lambda w: " ".join(w).capitalize() + "?")
sentences = (
    st.lists(words, min_size=3, max_size=12)
    .map(lambda w: " ".join(w).capitalize() + ".")
    .filter(lambda sentence: not EXPLAINS.match(sentence))
)
"""Answers' sentences (not one that starts as an instruction that only asks, `Explain ...`,
which a one-line answer after its question would be part of the question)."""
titles = (
    st.lists(words, min_size=1, max_size=3)
    .map(lambda w: " ".join(x.title() for x in w))
    .filter(lambda title: title.split()[0] not in ANSWER_WORDS)
    .filter(
        lambda title: (
            not NOT_QUESTIONS.fullmatch(title)
            and not is_key(title)
            and not CONTENTS.fullmatch(title)
        )
    )
)
"""Section titles (not one that sets a section aside, `Authors`, names an answer key or a
table of contents, `Toc`)."""


def documents(paragraphs: int) -> st.SearchStrategy[list[Chapter]]:
    """Sections with distinct titles; no question is asked twice (two cards, and a warning)."""
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


@settings(max_examples=30, deadline=None)
@given(documents(paragraphs=3).filter(lambda d: all(len(notes) >= 2 for _, notes in d)))
def test_paragraphs_that_ask_parse_to_the_generated_notes(document: list[Chapter]) -> None:
    """Questions written as bare paragraphs, under headings over two or more of them (a
    heading over one paragraph that asks is that question's topic, as a reader takes it)."""
    assert parsed(write(document, "# {title}", "{q}\n\n", "{a}")) == document


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
    "> [!question]- ",
    ">",
    " #flashcard",
    "  id:: x",
    " {#id}",
    "## Answers\n",
    "---\ntitle: FAQ\n---\n",
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
@example("+++\n+++")  # front matter and nothing after it
def test_adversarial_markup_never_crashes(text: str) -> None:
    parses_or_reports(text)


HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">x</a>',
    "[x](javascript:alert(1))",
    "[x](JaVaScRiPt:alert(1))",
    "![x](javascript:alert(1))",
    "<iframe src=x></iframe>",
    "<svg onload=alert(1)>",
    '<div style="position:fixed">',
    "<style>*{}</style>",
    "<form><input></form>",
    "<object data=x>",
    "<p onclick=alert(1)>",
    "<details open ontoggle=alert(1)>",
    "[x]: javascript:alert(1)\n\n[x]",
    "- [x] ",
    "<!-- -->",
    "<",
    '"',
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(TOKENS + HOSTILE), max_size=40).map("".join))
def test_nothing_in_a_field_can_run(text: str) -> None:
    """Whatever the Markdown and HTML, the fields a card shows hold no script, frame, form,
    style, event handler or `javascript:` link."""
    for field in render_fields([Written(text, text, text)]).fields[0]:
        for tag, attributes in Elements.of(field):
            assert tag not in {"script", "iframe", "svg", "style", "form", "input", "object"}
            for name, value in attributes:
                assert not name.startswith("on"), field
                assert name != "style", field
                if name in {"href", "src"}:  # a link or an image: the web, mail, or a file
                    scheme = (value or "").partition(":")[0].lower() if ":" in (value or "") else ""
                    assert scheme in {"", "http", "https", "mailto"}, field


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=0, max_value=2**63), st.text(), st.integers(0, 5))
def test_guids_are_genankis(deck_id: int, text: str, attempt: int) -> None:
    """GUIDs already in learners' collections were made by genanki's guid_for."""
    import genanki.util

    values = (deck_id, text, attempt) if attempt else (deck_id, text)
    assert guid_for(*values) == genanki.util.guid_for(*values)


@given(st.text(alphabet=st.characters(max_codepoint=0x3000)) | st.sampled_from([" a", "a  b"]))
def test_texts_are_normalised_as_their_words_are_compared(text: str) -> None:
    """The shortcut for texts without stray white space gives what comparing words gives."""
    words = unicodedata.normalize("NFKC", text).casefold().split()
    assert normalise(text) == " ".join(words)
