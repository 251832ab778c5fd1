"""What a learner sees on every review: cards rendered by Anki itself from the built deck."""

from __future__ import annotations

import os
import re
import shutil
import signal
from html.parser import HTMLParser
from pathlib import Path

import pytest

from ankigen import processors
from ankigen.building import plan_build
from ankigen.cards.media import Image
from ankigen.cards.rendering import Written, render_fields
from ankigen.errors import AnkigenError
from tests.anki_helpers import Learner
from tests.conftest import CONTENT, FIXTURES
from tests.test_anki_import import visible_text

SHOWCASE = FIXTURES / "showcase"


class Elements(HTMLParser):
    """The tags and attributes a browser would build from some HTML."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, attrs))

    @classmethod
    def of(cls, html: str) -> list[tuple[str, list[tuple[str, str | None]]]]:
        parser = cls()
        parser.feed(html)
        return parser.found


@pytest.fixture
def showcase(tmp_path: Path, learner: Learner) -> Learner:
    """The showcase deck (code, math, a table, an image, hostile HTML) imported into Anki."""
    folder = Path(shutil.copytree(SHOWCASE, tmp_path / "showcase"))
    build = plan_build(folder / "showcase.md", tmp_path / "decks", now=1_800_000_000)
    build.write()
    log = learner.import_deck(build.deck_path)
    assert len(log.new) == 6
    return learner


def answer_of(learner: Learner, question_start: str) -> str:
    (note,) = [n for n in learner.notes() if n["Question"].startswith(question_start)]
    html: str = learner.card_of(note.guid).answer()
    return html.split('<hr id="answer">', 1)[1]


class TestMarkdown:
    """Answers and questions are Markdown."""

    def test_code_is_highlighted_with_classes(self, showcase: Learner) -> None:
        back = answer_of(showcase, "How do you square")
        assert '<div class="highlight"><pre>' in back
        assert '<span class="k">for</span>' in back
        assert "style=" not in back
        assert "<code>map(lambda x: x * x, numbers)</code>" in back
        assert "# $not_math$ and \\(nor this\\)" in back

    def test_markdown_in_the_question(self, showcase: Learner) -> None:
        (note,) = showcase.notes('"Question:What does <code>*"')
        front = showcase.card_of(note.guid).question()
        assert "<code>a_b * c_d</code> mean in <em>Markdown</em> source?" in front

    def test_table_quote_and_nested_lists(self, showcase: Learner) -> None:
        back = answer_of(showcase, "How do precision")
        assert "<th>Metric</th>" in back
        assert "<td>TP / (TP + FP)</td>" in back
        assert "<blockquote>\n<p>Both ignore true negatives.</p>" in back
        assert "<li>Count the outcomes\n<ul>\n<li>true positives</li>" in back
        assert "<li>two-space nesting\n<ul>\n<li>works too</li>" in back

    def test_links(self, showcase: Learner) -> None:
        back = answer_of(showcase, "What does the sun")
        assert '<a href="https://en.wikipedia.org/wiki/Sun" rel="noopener noreferrer">' in back


class TestMath:
    """Every math syntax reaches Anki's MathJax intact."""

    def test_delimiters_become_mathjax(self, showcase: Learner) -> None:
        back = answer_of(showcase, "What is the mean squared error")
        assert r"\(\mathrm{MSE} = \frac{1}{n}\sum_{i=1}^{n} (y_i - \hat{y}_i)^2\)" in back
        assert "\\[\nL(\\theta) = \\sum_i \\lVert x_i * w \\rVert^2\n\\]" in back
        assert r"\(a_1 * b_1\)" in back
        assert r"\[E = mc^2\]" in back

    @pytest.mark.parametrize(
        ("source", "expected"),
        [
            ("$x_1 * y_2$", r"\(x_1 * y_2\)"),
            (r"\(a\_b\)", r"\(a\_b\)"),
            ("text $$\\alpha_i$$ more", r"\[\alpha_i\]"),
            ("`$x_1$`", "<code>$x_1$</code>"),
        ],
    )
    def test_markdown_leaves_math_alone(self, source: str, expected: str) -> None:
        assert expected in render_fields([Written("q", source, "")]).fields[0][1]


class TestSafety:
    """Hostile content is sanitised: nothing executable reaches the deck."""

    def test_nothing_executable(self, showcase: Learner) -> None:
        back = answer_of(showcase, "Is this card safe")
        for forbidden in (
            "<script",
            "alert",
            "onerror",
            "onclick",
            "javascript:",
            "<iframe",
            "<form",
            "<input",
            "style=",
            "position:fixed",
        ):
            assert forbidden not in back.lower(), forbidden
        assert "Yes: nothing here can run." in back

    @pytest.mark.parametrize(
        "hostile",
        [
            "<svg onload=alert(1)>",
            '<a href="JaVaScRiPt:alert(1)">x</a>',
            "<object data=x></object><embed src=x>",
            "<style>body{display:none}</style>",
            '<meta http-equiv="refresh" content="0;url=https://example.com">',
            "[x](javascript:alert(1))",
            '<img src="data:text/html;base64,PHNjcmlwdD4=">',
        ],
    )
    def test_sanitiser(self, hostile: str) -> None:
        for field in render_fields([Written(hostile, hostile, hostile)]).fields[0]:
            for tag, attributes in Elements.of(field):
                assert tag not in {"svg", "object", "embed", "style", "meta", "script"}, field
                for name, value in attributes:
                    assert not name.startswith("on"), field
                    assert not (value or "").strip().lower().startswith(("javascript:", "data:"))


class TestImages:
    """Local images are packaged under names derived from their bytes."""

    def test_image_is_packaged_and_shown(self, showcase: Learner) -> None:
        back = answer_of(showcase, "What does the sun")
        (name,) = re.findall(r'src="(ankigen-[0-9a-f]{16}\.png)"', back)
        media = Path(showcase.col.media.dir()) / name
        assert media.read_bytes() == (SHOWCASE / "images" / "sun.png").read_bytes()
        assert '<img src="https://example.com/sun.png" alt="remote">' in back

    @pytest.mark.parametrize(
        ("reference", "message"),
        [
            ("![x](../outside.png)", "image '../outside.png' is outside the content file's folder"),
            ("![x](missing.png)", "image 'missing.png' not found"),
            ("![x](notes.txt)", "image 'notes.txt' is not a supported type"),
        ],
    )
    def test_bad_image(self, tmp_path: Path, reference: str, message: str) -> None:
        (tmp_path / "outside.png").write_bytes(b"png")
        (tmp_path / "deck").mkdir()
        (tmp_path / "deck" / "notes.txt").write_text("x")
        content = tmp_path / "deck" / "d.md"
        content.write_text(f"1. Q?\nFirst line.\n\n{reference}\n", encoding="utf-8")
        with pytest.raises(AnkigenError) as caught:
            plan_build(content, tmp_path / "decks", now=1)
        assert str(caught.value).startswith(f"{content}:4:1: error: {message}")


class TestSeedDeck:
    """The seed deck's cards read exactly as its text."""

    def test_every_card_shows_its_question_and_answer_verbatim(
        self, project: Path, learner: Learner
    ) -> None:
        build = plan_build(project / "content" / CONTENT.name, project / "decks", now=1)
        build.write()
        learner.import_deck(build.deck_path)
        for note in build.source.notes:
            (card,) = [
                learner.card_of(n.guid) for n in learner.notes() if n["Question"] == note.question
            ]
            expected = f"{note.section} {note.question} {note.answer}"
            assert visible_text(card.answer()) == " ".join(expected.split())

    def test_styles_for_phones_and_night_mode(self, showcase: Learner) -> None:
        css = showcase.card_of(showcase.notes()[0].guid).question().split("</style>")[0]
        assert "@media (max-width: 600px)" in css
        assert ".nightMode .ankigen .highlight .k" in css
        assert ".night_mode .ankigen .highlight .k" in css
        assert ".ankigen img { max-width: 100%; height: auto; }" in css


class TestPrompts:
    """A quiz's code and options are on the card's front, as the learner needs them to
    answer; the back shows the answer under them."""

    def test_code_and_options_on_the_front(self, tmp_path: Path, learner: Learner) -> None:
        content = shutil.copy(FIXTURES / "published" / "quiz.md", tmp_path / "quiz.md")
        build = plan_build(Path(content), tmp_path / "decks", now=1_800_000_000)
        build.write()
        assert len(learner.import_deck(build.deck_path).new) == 4
        (note,) = [n for n in learner.notes() if n["Question"].startswith("What does this code")]
        card = learner.card_of(note.guid)
        front = visible_text(card.question())
        assert "enumerate" in front
        assert '\u2610 [(1, "a"), (2, "b")]' in front  # no option checked on the front
        assert "\u2611" not in front
        back = visible_text(card.answer().split('<hr id="answer">', 1)[1])
        assert '\u2611 [(1, "a"), (2, "b")]' in back  # the right one checked on the back
        assert "enumerate" not in back


def test_a_removed_question_keeps_its_answer_and_image(tmp_path: Path, learner: Learner) -> None:
    """The version that removes a question ships it once more as the version before shipped
    it (the lock keeps no answers: they are read from that version's package), its image in
    the package again, and the notice under its answer; with no such package, the notice
    alone."""
    content = tmp_path / "content" / "plots.md"
    (content.parent / "images").mkdir(parents=True)
    shutil.copy(FIXTURES / "shapes" / "images" / "csrf.png", content.parent / "images" / "p.png")
    content.write_text(
        "1. What does the plot show?\n![plot](images/p.png)\n\n2. What is kept?\nThis.\n",
        encoding="utf-8",
    )
    first = plan_build(content, tmp_path / "decks", now=1_800_000_000)
    first.write()
    learner.import_deck(first.deck_path)
    content.write_text("2. What is kept?\nThis.\n", encoding="utf-8")
    second = plan_build(content, tmp_path / "decks", now=1_800_000_100)
    second.write()
    learner.import_deck(second.deck_path)
    (removed,) = [n for n in learner.notes() if n["Question"].startswith("What does the plot")]
    assert "Removed from this deck in 2.0.0" in removed["Answer"]
    (image,) = first.release.media
    assert f'<img src="{image}"' in removed["Answer"]
    assert set(second.release.media) == {image}
    (tmp_path / "decks" / "plots-2.0.0.apkg").unlink()  # the version before, gone
    content.write_text("3. Which colour is the sky?\nBlue.\n", encoding="utf-8")
    third = plan_build(content, tmp_path / "decks", now=1_800_000_200)
    (gone,) = [note for note in third.release.notes if note.fields[0] == "What is kept?"]
    assert gone.fields[1] == (
        '\n<p class="removed">Removed from this deck in 3.0.0; you can delete or suspend it.</p>'
    )


class TestLargeDecks:
    """A large deck's notes are rendered in several processes at once, with what one would
    render: the same fields, images and errors, in order."""

    @staticmethod
    def notes(count: int) -> list[Written]:
        return [
            Written(
                f"What is item {n}?",
                f"Item {n} is ![a dot](dot-{n % 7}.png) and $x_{n}$.\n\n```python\nx = {n}\n```",
                f"Part {n // 100}",
                line=2 * n + 1,
            )
            for n in range(count)
        ]

    @pytest.mark.skipif(processors.usable() < 2, reason="needs two processors")
    def test_two_processes_render_what_one_does(self, tmp_path: Path) -> None:
        class Recorded:
            """Images named as they are asked for, and the process that asked written down."""

            def image(self, src: str, line: int, file: str) -> Image:
                with (tmp_path / "processes").open("a") as log:
                    log.write(f"{os.getpid()}\n")
                return Image(f"named-{src}", src, src.encode())

        notes = self.notes(2 * processors.SMALLEST_PART + 7)
        alone = render_fields(notes, Recorded(), "deck.md", jobs=1)
        (tmp_path / "processes").unlink()
        shared = render_fields(notes, Recorded(), "deck.md", jobs=2)
        assert shared == alone
        assert len(set((tmp_path / "processes").read_text().split())) == 2
        assert alone.fields[-1][1].startswith('<p>Item 2006 is <img src="named-dot-4.png"')

    @pytest.mark.parametrize("jobs", [1, 2])
    def test_the_first_note_that_cannot_be_shown_is_the_error(self, jobs: int) -> None:
        notes = self.notes(2 * processors.SMALLEST_PART)
        link = "$\\href{https://example.com}{x}$"
        for at in (1500, 1900):  # both in the second half: the first of them is reported
            notes[at] = notes[at]._replace(answer=f"Item {at} is {link}")
        with pytest.raises(AnkigenError) as raised:
            render_fields(notes, None, "deck.md", jobs=jobs)
        (problem,) = raised.value.problems
        assert (problem.path, problem.line, problem.code) == ("deck.md", 3001, "unsafe-math")

    @pytest.mark.skipif(processors.usable() < 2, reason="needs two processors")
    def test_a_process_killed_midway_stops_the_build(self) -> None:
        builder = os.getpid()

        class Killed:
            """Images that kill any process but the builder's."""

            def image(self, src: str, line: int, file: str) -> None:
                if os.getpid() != builder:
                    os.kill(os.getpid(), signal.SIGKILL)

        with pytest.raises(AnkigenError) as raised:
            render_fields(self.notes(2 * processors.SMALLEST_PART), Killed(), "deck.md", jobs=2)
        assert str(raised.value.problems[0]).startswith("--jobs: error: a process sharing")
