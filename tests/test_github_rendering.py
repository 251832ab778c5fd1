"""Answers are shaped as GitHub shows them: the blocks of each card equal those of cmark-gfm,
GitHub's own renderer, for the same Markdown (math aside)."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import cmarkgfm
import pytest
from cmarkgfm.cmark import Options
from hypothesis import given, settings
from hypothesis import strategies as st

from ankigen.cards.rendering import Written, render_fields
from ankigen.reading.parsing import parse
from ankigen.reading.text import read_text
from tests.conftest import CONTENT, FIXTURES
from tests.test_published import UNANSWERED

BLOCKS = {
    "p", "ul", "ol", "li", "pre", "table", "thead", "tr", "th", "td", "blockquote",
    "h1", "h2", "h3", "h4", "h5", "h6", "img", "hr",
}  # fmt: skip
"""The blocks compared (not a table's `<tbody>`: a browser adds it where raw HTML leaves
it out, as the card's sanitiser does)."""


class Structure(HTMLParser):
    """The blocks of some HTML, opened and closed, in order."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in BLOCKS:
            self.found.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in BLOCKS and tag not in {"img", "hr"}:  # elements without an end
            self.found.append("/" + tag)

    @classmethod
    def of(cls, html: str) -> list[str]:
        parser = cls()
        parser.feed(html)
        parser.close()
        return parser.found


def github(markdown: str) -> list[str]:
    """The blocks GitHub's renderer makes of some Markdown."""
    rendered = cmarkgfm.github_flavored_markdown_to_html(markdown, options=Options.CMARK_OPT_UNSAFE)
    return Structure.of(rendered)


def card(markdown: str) -> list[str]:
    """The blocks of the answer a card shows for some Markdown."""
    (fields,) = render_fields([Written("Question?", markdown, "")]).fields
    return Structure.of(fields[1])


FILES = [
    *sorted((FIXTURES / "shapes").glob("*.md")),
    *sorted((FIXTURES / "published").glob("*.md")),
    FIXTURES / "showcase" / "showcase.md",
    CONTENT,
]
UNREADABLE = {"broken.md", "broken-math.md", *UNANSWERED}
"""Fixtures that are errors on purpose."""


@pytest.mark.parametrize("path", [p for p in FILES if p.name not in UNREADABLE], ids=str)
def test_every_answer_of_the_fixtures_is_shaped_as_on_github(path: Path) -> None:
    for note in parse(read_text(path)).notes:
        assert card(note.answer) == github(note.answer), note.answer


@pytest.mark.parametrize(
    "answer",
    [
        "The steps are:\n- collect\n- clean",
        "The steps are:\n1. collect\n2. clean",
        "Indented under the item:\n\n    code, not prose",
        "   ```python\n   x = 1\n   ```",
        "Some text.\n\n#### A sub-heading\n\nMore text.",
        "Title\n=====\n\nSub\n---\n\ntext",
        "> quoted\n> - a list in a quote",
        "| a | b |\n|:--|--:|\n| 1 | 2 |",
        "![plot](https://example.com/plot.png)",
        "- [x] done\n- [ ] not yet",
        "1. one\n   - nested by three\n2. two",
        "- a\n\n- loose\n\n  paragraph in an item",
        "text\n***\nafter a rule",
        "<details>\n<summary>More</summary>\n\nhidden **text**\n\n</details>",
    ],
)
def test_block_shapes_are_githubs(answer: str) -> None:
    assert card(answer) == github(answer)


word = st.text(alphabet="abcdefghij", min_size=1, max_size=6)
inline = st.lists(
    st.one_of(word, word.map("**{}**".format), word.map("`{}`".format), word.map("_{}_".format)),
    min_size=1,
    max_size=6,
).map(" ".join)
sentence = st.lists(inline, min_size=1, max_size=3).map("\n".join)
indent = st.sampled_from(["", " ", "  ", "   ", "    "])
block = st.one_of(
    sentence,
    st.tuples(
        sentence, st.lists(inline, min_size=1, max_size=3), st.sampled_from(["-", "*", "1."])
    ).map(lambda b: b[0] + "\n" + "\n".join(f"{b[2]} {item}" for item in b[1])),
    st.tuples(st.lists(inline, min_size=1, max_size=3), indent).map(
        lambda b: "\n".join(f"- {item}\n{b[1]}- nested {item}" for item in b[0])
    ),
    st.tuples(
        indent, st.sampled_from(["```", "~~~"]), st.sampled_from(["", "python", "text"]), word
    ).map(lambda b: f"{b[0]}{b[1]}{b[2]}\n{b[0]}{b[3]} = 1\n{b[0]}{b[1]}"),
    st.tuples(indent, inline).map(lambda b: f"{b[0]}{b[1]}"),
    inline.map("> {}".format),
    st.tuples(st.integers(1, 6), inline).map(lambda b: "#" * b[0] + " " + b[1]),
    st.tuples(inline, st.sampled_from(["===", "---"])).map("\n".join),
    # a table ends at a blank line here: a line indented under its last row is another
    # row to pulldown-cmark, and ends the table on GitHub
    st.tuples(word, word).map(lambda b: f"| {b[0]} | {b[1]} |\n|---|---|\n| {b[1]} | {b[0]} |\n"),
    word.map("![{0}](images/{0}.png)".format),
    st.just("---"),
)
answers = st.lists(block, min_size=1, max_size=5).flatmap(
    lambda blocks: st.lists(
        st.sampled_from(["\n", "\n\n"]), min_size=len(blocks), max_size=len(blocks)
    ).map(lambda gaps: "".join(b + gap for b, gap in zip(blocks, gaps, strict=True)).strip("\n"))
)


@settings(max_examples=400, deadline=None)
@given(answers)
def test_generated_answers_are_shaped_as_on_github(answer: str) -> None:
    assert card(answer) == github(answer)
