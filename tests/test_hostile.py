"""Whatever a file holds, ankigen answers with a message and in time that grows with the
file: no traceback, no hang, nothing written."""

from __future__ import annotations

import os
import time
from contextlib import suppress
from pathlib import Path

import pytest
from click.testing import CliRunner

from ankigen.building import plan_build
from ankigen.cli import cli
from ankigen.errors import AnkigenError
from tests.anki_helpers import Learner


def check(runner: CliRunner, path: Path) -> tuple[int, str]:
    result = runner.invoke(cli, ["check", str(path)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stderr


class TestMessagesNotTracebacks:
    def test_deep_lists(self, runner: CliRunner, tmp_path: Path) -> None:
        path = tmp_path / "deep.md"
        path.write_text("1. " * 200_000 + "Q?\nA\n", encoding="utf-8")
        code, message = check(runner, path)
        assert code == 1
        assert message.startswith(
            f"{path}:1:1: error: lists, quotes or emphasis nest more than 40 levels deep here"
        )

    def test_a_long_run_of_bullets_on_one_line(self, runner: CliRunner, tmp_path: Path) -> None:
        path = tmp_path / "bullets.md"
        path.write_text("1. Q?\n" + "- " * 500 + "x\n\n2. R?\nB.\n", encoding="utf-8")
        code, message = check(runner, path)
        assert (code, "nest more than 40 levels" in message) == (1, True)

    def test_html_never_closed(self, runner: CliRunner, tmp_path: Path) -> None:
        path = tmp_path / "divs.md"
        path.write_text("1. Q?\nA.\n\n2. R?\nText " + "<div>" * 200 + "\n", encoding="utf-8")
        code, message = check(runner, path)
        assert code == 1
        assert message.startswith(f"{path}:5:6: error: HTML elements nest more than 100 deep")

    def test_a_nul_in_an_image_path(self, runner: CliRunner, tmp_path: Path) -> None:
        path = tmp_path / "nul.md"
        path.write_text("1. Q?\n![x](ok.png%00.png)\n", encoding="utf-8")
        assert check(runner, path) == (
            1,
            f"{path}:2:1: error: image 'ok.png%00.png' is not a file name (it holds a NUL)\n",
        )

    def test_a_source_date_epoch_too_large(
        self, runner: CliRunner, project: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setenv("SOURCE_DATE_EPOCH", "99999999999999999999")
        result = runner.invoke(cli, ["build"])
        assert result.exit_code == 1
        assert result.stderr.startswith("SOURCE_DATE_EPOCH: error: must be whole seconds since")
        assert not Path("decks").exists()

    def test_field_names_in_a_question(self, runner: CliRunner, tmp_path: Path) -> None:
        """The preview shows `{{Nope}}` and `{{Answer}}` as written, as Anki does."""
        path = tmp_path / "braces.md"
        path.write_text("1. What are {{Nope}} and {{Answer}}?\nA.\n", encoding="utf-8")
        page = tmp_path / "p.html"
        result = runner.invoke(cli, ["preview", str(path), "-o", str(page)])
        assert result.exit_code == 0, result.output
        assert page.read_text(encoding="utf-8").count("What are {{Nope}} and {{Answer}}?") == 2

    def test_a_lock_line_nested_too_deep(self, runner: CliRunner, project: Path) -> None:
        lock = Path("content/ml-interview-questions.lock")
        lock.write_text('{"ankigen_lock": 2}\n' + "[" * 100_000 + "\n", encoding="utf-8")
        result = runner.invoke(cli, ["build"])
        assert result.exit_code == 1
        assert result.stderr.startswith(f"{lock}:2:1: error: not a lock record (nested too deep)")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX thing")
class TestNotRegularFiles:
    """A pipe or a device never makes ankigen wait: it is refused by what it is."""

    def test_a_pipe_as_the_content_file(self, runner: CliRunner, tmp_path: Path) -> None:
        path = tmp_path / "pipe.md"
        os.mkfifo(path)
        assert check(runner, path) == (1, f"{path}: error: is a pipe, not a content file\n")

    def test_a_pipe_as_the_lock(self, runner: CliRunner, project: Path) -> None:
        os.mkfifo("content/ml-interview-questions.lock")
        result = runner.invoke(cli, ["build"])
        assert result.stderr == (
            "content/ml-interview-questions.lock: error: is a pipe, not a lock\n"
        )

    def test_a_pipe_beside_the_content_file(self, runner: CliRunner, project: Path) -> None:
        os.mkfifo("content/other.md")
        result = runner.invoke(cli, ["build", "content/ml-interview-questions.md"])
        assert result.exit_code == 0, result.stderr

    def test_a_device(self, runner: CliRunner) -> None:
        assert check(runner, Path("/dev/zero")) == (
            1,
            "/dev/zero: error: is a device or socket, not a content file\n",
        )


CONSTRUCTS = [
    "- ", "1. ", "> ", "* ", "<a ", "[", "](", "![", "*", "_", "`", "$", "$$", "\\(", "\\[",
    "\\\\(", "<details>", "<summary>", "| x ", "# ", "<!--", "&amp;", "\t", "**", "~~", "<h3>",
    "1) ", "Q1: ", "\\", "<div>", "[x](#a) ", "    ", "??? question \"q\" ", "| Q | A |",
    "- [x] ", "- a \u2713", "q::a ", "==a== ", "### 1.2. ",
]  # fmt: skip
"""Pieces of Markdown and HTML whose repetition has made parsers slow (`\\\\(` is a text `\\(`)."""


def _seconds(text: str, folder: Path) -> float:
    path = folder / "deck.md"
    path.write_text(text, encoding="utf-8")
    start = time.perf_counter()
    with suppress(AnkigenError):  # parse, identify, render, plan; and check's math warnings
        plan_build(path, folder / "decks", now=1).formula_warnings()
    return time.perf_counter() - start


@pytest.mark.parametrize("construct", CONSTRUCTS)
def test_time_grows_no_faster_than_the_file(construct: str, tmp_path: Path) -> None:
    """Ten times the text takes at most about ten times as long (a square would be a
    hundred times): each construct repeated to 10 KB and to 100 KB, on one line and on many."""
    for separator in ("", "\n"):
        piece = construct + "a" + separator
        texts = ["1. Q?\n" + piece * (size // len(piece)) + "\n" for size in (10_000, 100_000)]
        small = min(_seconds(texts[0], tmp_path) for _ in range(3))
        large = _seconds(texts[1], tmp_path)
        assert large < 20 * small + 0.25, (construct, separator, small, large)


def test_time_grows_no_faster_than_a_question_asked_again(tmp_path: Path) -> None:
    """One question asked with another answer 300 times, then 3,000 times: each is a card
    with an identity of its own, found in time that grows with them, not their square."""
    texts = [
        "".join(f"{n}. What is it?\nAnswer number {n}.\n\n" for n in range(1, count + 1))
        for count in (300, 3_000)
    ]
    small = min(_seconds(texts[0], tmp_path) for _ in range(3))
    large = _seconds(texts[1], tmp_path)
    assert large < 20 * small + 0.25, (small, large)


class TestNothingLiveThatWasText:
    """What an author wrote as text never becomes sound, a link or a script in Anki."""

    def test_anki_sound_tags_stay_text(self, tmp_path: Path, learner: Learner) -> None:
        content = tmp_path / "sound.md"
        content.write_text("### [sound:s.mp3] Sounds\n\n1. What is [sound:a.mp3]?\nA tag.\n")
        build = plan_build(content, tmp_path / "decks", now=1_800_000_000)
        build.write()
        learner.import_deck(build.deck_path)
        (card,) = [learner.card_of(note.guid) for note in learner.notes()]
        shown = card.answer()
        assert "[sound:" not in shown
        assert "&#91;sound:a.mp3]" in shown
        assert "[sound:" not in card.question()
        assert card.question_av_tags() == []
        assert card.answer_av_tags() == []

    @pytest.mark.parametrize(
        "command",
        [
            "\\href{javascript:alert(1)}{click}",
            "\\class{x}{y}",
            "\\style{color:red}{y}",
            "\\cssId{x}{y}",
        ],
    )
    def test_mathjax_commands_that_make_links_or_styles(
        self, runner: CliRunner, tmp_path: Path, command: str
    ) -> None:
        path = tmp_path / "math.md"
        path.write_text(f"1. Q?\nA.\n\n2. R?\nSee ${command}$.\n", encoding="utf-8")
        code, message = check(runner, path)
        name = command.split("{")[0]
        assert (code, message) == (  # at the formula's line and column, not the question's
            1,
            f"{path}:5:6: error: `{name}` in math is not one of the TeX commands a card may use "
            "(some make links, styles or code on the card): write links outside the math\n",
        )

    @pytest.mark.parametrize(
        "svg",
        [
            b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
            b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>',
            b'<svg><a href="javascript:alert(1)"><text>x</text></a></svg>',
        ],
    )
    def test_an_svg_that_is_more_than_a_picture(
        self, runner: CliRunner, tmp_path: Path, svg: bytes
    ) -> None:
        (tmp_path / "plot.svg").write_bytes(svg)
        path = tmp_path / "svg.md"
        path.write_text("1. What is shown?\n![plot](plot.svg)\n", encoding="utf-8")
        assert check(runner, path) == (
            1,
            f"{path}:2:1: error: image 'plot.svg' holds a script, an event handler or a link: "
            "an SVG on a card must be a picture only\n",
        )

    def test_a_plain_svg_is_packaged(self, runner: CliRunner, tmp_path: Path) -> None:
        (tmp_path / "plot.svg").write_bytes(
            b'<svg xmlns="http://www.w3.org/2000/svg"><circle r="4"/></svg>'
        )
        path = tmp_path / "svg.md"
        path.write_text("1. What is shown?\n![plot](plot.svg)\n", encoding="utf-8")
        assert check(runner, path)[0] == 0


def test_a_number_too_long_for_a_question(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "long.md"
    path.write_text("1. What is X?\nAn answer.\n\n1000000. What is Y?\n", encoding="utf-8")
    code, message = check(runner, path)
    assert code == 0
    assert message == (
        f"{path}:4:1: warning: this item's number is too long for a question's (at most 6 "
        "digits): it is read as answer text\n"
    )


def test_only_real_line_breaks_count(runner: CliRunner, tmp_path: Path) -> None:
    """A form feed, \\x1c to \\x1e or \\x85 inside a line is text: every line number after it
    stays right (as an editor counts them: by \\n, \\r\\n and \\r)."""
    path = tmp_path / "breaks.md"
    text = (
        "1. What is this\x0c\x1c\x1d\x1e\x85?\r\nAn answer.\r\n\r\n2. And this?\rB.\r\r3. Last?\n"
    )
    path.write_bytes(text.encode())
    code, message = check(runner, path)
    assert code == 1
    assert message.splitlines()[-2:] == [
        f"{path}:7:1: error: question 3 has no answer",
        f"{path}: error: 1 question has no answer: `--skip-unanswered` builds the others",
    ]


def test_long_names(runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A deck named at length starts under a name its files fit; a content file with a long
    name builds (its temporary files' names are cut)."""
    monkeypatch.chdir(tmp_path)
    Path("content").mkdir()
    started = runner.invoke(cli, ["new", "a" * 300])
    assert started.exit_code == 0, started.stderr
    (made,) = Path("content").glob("*.md")
    assert made.name == "a" * 100 + ".md"
    long_name = Path("content") / ("b" * 230 + ".md")
    long_name.write_text("1. What is a long name?\nOne that still fits.\n", encoding="utf-8")
    built = runner.invoke(cli, ["build", str(long_name)])
    assert built.exit_code == 0, built.stderr
    assert list(Path("decks").glob("b*-1.0.0.apkg"))


def test_decks_beside_their_content_are_refused(runner: CliRunner, project: Path) -> None:
    """Its changelog would be read as a content file by every later build."""
    result = runner.invoke(cli, ["build", "-o", "content"])
    assert result.exit_code == 1
    assert result.stderr == (
        "content/ml-interview-questions.md: error: the decks go in a folder of their own, "
        "not beside their content (content)\n"
    )
    assert sorted(p.name for p in Path("content").iterdir()) == ["ml-interview-questions.md"]


@pytest.mark.parametrize(
    "content",
    [
        "1. Q?\n&#92;(\\href{javascript:alert(1)}{x}&#92;)\n",  # an entity for the backslash
        "1. Q?\nA.\n\n<div>\\(\\href{javascript:alert(1)}{x}\\)</div>\n",  # an HTML block
        "### Sec \\(\\href{javascript:alert(1)}{x}\\)\n\n1. Q?\nA.\n",  # a section's title
        '1. Q?\n$\\mmlToken{mi}[href="javascript:alert(1)"]{x}$\n',
        "1. Q?\n$\\bbox[position:fixed;top:0;left:0;width:100%]{x}$\n",
    ],
)
def test_math_may_hold_only_harmless_commands(
    runner: CliRunner, tmp_path: Path, content: str
) -> None:
    """Whatever way math reaches a card, a command outside the allowed ones is refused at its
    note's line, and nothing is written."""
    path = tmp_path / "math.md"
    path.write_text(content, encoding="utf-8")
    result = runner.invoke(cli, ["build", str(path), "-o", str(tmp_path / "decks")])
    assert result.exit_code == 1
    assert "in math is not one of the TeX commands a card may use" in result.stderr
    assert not (tmp_path / "decks").exists()


def test_math_in_code_is_not_math(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "code.md"
    path.write_text(
        "1. How is a link written in LaTeX?\n`\\(\\href{url}{text}\\)`, and $\\frac{1}{2}$.\n",
        encoding="utf-8",
    )
    result = runner.invoke(cli, ["build", str(path), "-o", str(tmp_path / "decks")])
    assert result.exit_code == 0, result.stderr


def test_control_characters_reach_no_terminal_nor_title(runner: CliRunner, tmp_path: Path) -> None:
    """`parse` shows a terminal's control characters as escapes; a title may hold none."""
    path = tmp_path / "deck.md"
    path.write_text("1. What rings\x07 the bell\x1b]0;owned\x07?\nA.\n", encoding="utf-8")
    shown = runner.invoke(cli, ["parse", str(path)])
    assert shown.exit_code == 0
    assert "\x07" not in shown.output
    assert "\x1b" not in shown.output
    assert "rings\\x07 the bell\\x1b]0;owned\\x07?" in shown.output
    path.write_text('+++\ntitle = "Bell\\u0007"\n+++\n1. Q?\nA.\n', encoding="utf-8")
    refused = runner.invoke(cli, ["check", str(path)])
    assert refused.exit_code == 1
    assert "or control characters" in refused.stderr
