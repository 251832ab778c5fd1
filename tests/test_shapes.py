"""Real-world question lists in their common shapes, and exact reports of what is wrong."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import ClassVar

import pytest
from click.testing import CliRunner

from ankigen.building import plan_build
from ankigen.cli import cli
from ankigen.gfm import outline
from ankigen.reading.candidates import RECOGNISERS, Recogniser, candidates
from ankigen.reading.parsing import parse
from ankigen.reading.pattern import shapes_table
from ankigen.reading.shapes import Shape
from ankigen.reading.text import Text, read_text
from tests.conftest import FIXTURES

SHAPES = FIXTURES / "shapes"


class TestShapes:
    """Each fixture parses to exactly the notes its author wrote."""

    @pytest.mark.parametrize(
        ("name", "sections", "first", "last"),
        [
            (
                "parens-and-answer-prefix.md",
                ["Python Basics"] * 2 + ["Data Structures"] * 2,
                (
                    "What is a list comprehension?",
                    "A compact way to build a list from an iterable.",
                ),
                (
                    "What does a dict comprehension look like?",
                    "`{key: value for key, value in pairs}`",
                ),
            ),
            (
                "q-prefixed-no-sections.md",
                [""] * 4,
                ("What is the CAP theorem?", "A distributed system can guarantee at most two of "),
                ("What is sharding?", "Splitting data across machines by a key."),
            ),
            (
                "bold-questions-bold-sections.md",
                ["Statistics"] * 2 + ["Machine Learning"] * 2,
                ("What is a p-value?", "The probability of data at least as extreme as observed"),
                ("What is early stopping?", "Stopping training when validation loss stops"),
            ),
            (
                "heading-questions.md",
                ["Networking"] * 2 + ["Security"],
                ("What happens when you type a URL into a browser?", "The browser resolves the "),
                ("What is a CSRF attack?", "A forged request that rides on a user's session."),
            ),
            (
                "one-line-answers.md",
                ["Quick facts"] * 3 + ["Q and A"] * 2,
                ("What is the capital of France?", "Paris."),
                ("What is HTTPS?", "HTTP over TLS."),
            ),
            (
                "details-blocks.md",
                ["JavaScript"] * 2 + ["CSS"],
                ("What is a closure?", "A function together with the variables of the scope"),
                ("What is the box model?", "Content, padding, border and margin around"),
            ),
            (
                "per-section-numbering.md",
                ["Easy"] * 2 + ["Hard"] * 2,
                ("What is Git?", "A distributed version control system."),
                ("What is a reflog?", "A log of where references pointed, for recovery."),
            ),
            (
                "windows-1252-crlf-bom.md",
                ["Windows"] * 2,
                ("Who wrote this file?", "Someone on Windows \u2013 with CRLF line endings"),
                ("Is it still read?", "Yes, caf\u00e9 and all."),
            ),
        ],
    )
    def test_shape(
        self, name: str, sections: list[str], first: tuple[str, str], last: tuple[str, str]
    ) -> None:
        notes = parse(read_text(SHAPES / name)).notes
        assert [note.section for note in notes] == sections
        for note, (question, answer) in ((notes[0], first), (notes[-1], last)):
            assert note.question == question
            assert note.answer.startswith(answer)
        assert all(not note.answer.lower().startswith(("answer:", "a:", "ans:")) for note in notes)

    def test_lists_and_code_stay_in_their_answers(self) -> None:
        parens = parse(read_text(SHAPES / "parens-and-answer-prefix.md")).notes
        assert "1) this line is code, not a question" in parens[0].answer
        assert parens[2].answer.endswith(
            "1. tuples are hashable\n2. they signal intent\n3. they are slightly faster"
        )
        q_prefixed = parse(read_text(SHAPES / "q-prefixed-no-sections.md")).notes
        assert "1. the client writes to one replica" in q_prefixed[1].answer
        assert [note.number for note in q_prefixed] == [1, 2, 3, 4]

    def test_details_blocks_leave_no_tags_behind(self) -> None:
        for note in parse(read_text(SHAPES / "details-blocks.md")).notes:
            assert "details>" not in note.answer
            assert "summary>" not in note.answer

    def test_no_sections_means_one_default_tag(self) -> None:
        notes = parse(read_text(SHAPES / "q-prefixed-no-sections.md")).notes
        assert {note.tags for note in notes} == {("q-prefixed-no-sections",)}

    def test_every_fixture_builds(self, tmp_path: Path) -> None:
        folder = Path(shutil.copytree(SHAPES, tmp_path / "shapes"))
        for path in sorted(folder.glob("*.md")):
            if not path.name.startswith("broken"):
                assert plan_build(path, tmp_path / "decks", now=1).deck_bytes


class TestCheck:
    """`ankigen check` finds every planted problem at the right line, all at once."""

    def test_broken_file(self, runner: CliRunner) -> None:
        broken, math = SHAPES / "broken.md", SHAPES / "broken-math.md"
        result = runner.invoke(cli, ["check", str(broken), str(math)])
        assert result.exit_code == 1
        assert result.stderr.splitlines() == [
            f"{broken}:6:1: warning: numbering jumps from 1 to 3: is one missing?",
            f"{broken}:7:31: warning: raw HTML <div> is kept (sanitised); put it in `backticks` "
            "to show it as text",
            f"{broken}:9:1: error: question 4 has no answer",
            f"{broken}:11:1: warning: the same question is asked on line 3, with another "
            "answer: both are cards",
            f"{broken}:14:1: warning: section 'Empty' has no questions",
            f"{broken}:18:1: warning: question 6 is 349 characters long; is its answer on the "
            "same line?",
            f"{broken}:22:1: warning: this looks like a question but is read as part of the "
            "answer to question 6",
            f"{broken}:25:1: error: this code fence is never closed",
            f"{broken}: error: 1 question has no answer: `--skip-unanswered` builds the others",
            f"{math}:2:1: error: this math block is never closed",
        ]

    def test_warnings_fail_only_when_strict(self, runner: CliRunner) -> None:
        path = str(SHAPES / "q-prefixed-no-sections.md")
        relaxed = runner.invoke(cli, ["check", path])
        assert (relaxed.exit_code, relaxed.stdout) == (0, f"{path}: 4 questions (no sections)\n")
        assert "warning: text before the first question is skipped" in relaxed.stderr
        strict = runner.invoke(cli, ["check", "--strict", path])
        assert strict.exit_code == 1
        assert strict.stderr.startswith(f"{path}:1:1: warning: text before the first question")

    def test_clean_file(self, runner: CliRunner) -> None:
        path = str(SHAPES / "heading-questions.md")
        result = runner.invoke(cli, ["check", "--strict", path])
        assert (result.exit_code, result.stderr) == (0, "")
        assert result.stdout == f"{path}: 3 questions in 2 sections\n"


class TestNoTraceback:
    """Whatever the input: a message, never a traceback, never a partly written file."""

    @pytest.mark.parametrize(
        ("content", "message"),
        [
            (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "is not a text file (it contains NUL bytes)"),
            (b"", "no questions found"),
            (b"1. " + b"a " * 2_500_000 + b"?\n", "question 1 has no answer"),
            (b"1. Q?\n" + b"x" * 5_000_000 + b"\n", None),
            (("1. Q" + " " * 1_000_000 + "?\n" + "A\n").encode(), None),
        ],
    )
    def test_hostile_input(
        self, runner: CliRunner, tmp_path: Path, content: bytes, message: str | None
    ) -> None:
        path = tmp_path / "deck.md"
        path.write_bytes(content)
        result = runner.invoke(cli, ["check", str(path)])
        assert result.exception is None or isinstance(result.exception, SystemExit)
        if message is None:
            assert result.exit_code == 0, result.stderr
        else:
            assert result.exit_code == 1
            assert message in result.stderr

    def test_50_megabytes_of_text(self, runner: CliRunner, tmp_path: Path) -> None:
        path = tmp_path / "big.md"
        path.write_text(("just some prose without questions " * 30 + "\n") * 50_000)
        assert path.stat().st_size > 50_000_000
        result = runner.invoke(cli, ["check", str(path)])
        assert result.exit_code == 1
        assert "error: no questions found" in result.stderr

    def test_directory(self, runner: CliRunner, tmp_path: Path) -> None:
        """A folder is a deck of many files: one without any says so."""
        result = runner.invoke(cli, ["build", str(tmp_path)])
        assert (result.exit_code, result.stderr) == (
            1,
            f"{tmp_path}: error: holds no content files (`*.md`): a deck needs one at least\n",
        )

    def test_a_deck_that_cannot_be_packaged(
        self, runner: CliRunner, project: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A deck is packaged in a temporary folder: where there is none, a message names
        the place, and nothing is written."""
        missing = project / "no-temporary-folder"
        monkeypatch.setattr(tempfile, "tempdir", str(missing))
        result = runner.invoke(cli, ["build"])
        assert result.exit_code == 1
        assert result.stderr.startswith(f"{missing}/ankigen-")
        assert result.stderr.endswith(
            ": error: the deck cannot be packaged here: No such file or directory\n"
        )
        written = [path.name for path in project.rglob("*") if path.is_file()]
        assert written == ["ml-interview-questions.md"]  # no deck, lock, changelog or leftover

    def test_a_file_that_cannot_reach_the_disk_is_an_error(
        self, runner: CliRunner, project: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Files are flushed to disk in the background; a failure there is reported with the
        file it was for, and nothing is written."""
        real_fsync = os.fsync

        def failing(descriptor: int) -> None:
            if os.fstat(descriptor).st_size > 10_000:  # the lock and the deck, not the changelog
                raise OSError(5, "Input/output error")
            real_fsync(descriptor)

        monkeypatch.setattr(os, "fsync", failing)
        result = runner.invoke(cli, ["build"])
        assert result.exit_code == 1
        deck = Path("decks/ml-interview-questions-1.0.0.apkg")  # the first written that fails
        assert result.stderr == f"{deck}: error: cannot be written: Input/output error\n"
        assert sorted(p.name for p in project.rglob("*") if p.is_file()) == [
            "ml-interview-questions.md"
        ]

    def test_interrupted_build_leaves_the_previous_files(
        self, runner: CliRunner, project: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        runner.invoke(cli, ["build"], catch_exceptions=False)
        before = {p: p.read_bytes() for p in project.rglob("*") if p.is_file()}
        content = project / "content" / "ml-interview-questions.md"
        content.write_text(content.read_text().replace("trial and error", "trial-and-error"))
        before[content] = content.read_bytes()
        real_replace, calls = os.replace, []

        def interrupted(source: str, target: str) -> None:
            calls.append(target)
            if len(calls) == 2:
                raise KeyboardInterrupt
            real_replace(source, target)

        monkeypatch.setattr(os, "replace", interrupted)
        result = runner.invoke(cli, ["build"])
        assert (result.exit_code, result.stderr.strip()) == (
            1,
            "Aborted!",
        )  # Ctrl-C, as click says it
        after = {p: p.read_bytes() for p in project.rglob("*") if p.is_file()}
        assert after == before, "the old deck, lock and changelog are as they were, alone"

    @pytest.mark.parametrize("failing", ["ml-interview-questions.lock", "CHANGELOG.md"])
    def test_a_file_that_cannot_be_put_in_place(
        self, runner: CliRunner, project: Path, monkeypatch: pytest.MonkeyPatch, failing: str
    ) -> None:
        """The deck lands first; if the lock or the changelog then cannot be put in place,
        the deck is taken back: the files are all new or all as they were."""
        runner.invoke(cli, ["build"], catch_exceptions=False)
        before = {p: p.read_bytes() for p in project.rglob("*") if p.is_file()}
        content = project / "content" / "ml-interview-questions.md"
        content.write_text(content.read_text().replace("trial and error", "trial-and-error"))
        before[content] = content.read_bytes()
        real_replace = os.replace

        def refused(source: str, target: str) -> None:
            if Path(target).name == failing:
                raise PermissionError(13, "Permission denied", source)
            real_replace(source, target)

        monkeypatch.setattr(os, "replace", refused)
        result = runner.invoke(cli, ["build"])
        folder = "content" if failing.endswith(".lock") else "decks"
        assert (result.exit_code, result.stderr) == (
            1,
            f"{folder}/{failing}: error: cannot be written: Permission denied\n",
        )
        after = {p: p.read_bytes() for p in project.rglob("*") if p.is_file()}
        assert after == before

    def test_what_a_killed_build_left_is_removed_by_the_next(
        self, runner: CliRunner, project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        ended = subprocess.run(
            [sys.executable, "-c", "import os; print(os.getpid())"],
            capture_output=True,
            text=True,
            check=True,
        )
        dead = int(ended.stdout)
        temporary = tmp_path / "tmp"
        (temporary / f"ankigen-{dead}-x1y2").mkdir(parents=True)
        monkeypatch.setattr(tempfile, "tempdir", str(temporary))
        leftovers = [
            project / "content" / f".ml-interview-questions.lock.ankigen-{dead}-abc.new",
            project / "decks" / f".CHANGELOG.md.ankigen-{dead}-kept.old",
        ]
        for path in leftovers:
            path.parent.mkdir(exist_ok=True)
            path.write_text("half written")
        mine = project / "content" / f".x.lock.ankigen-{os.getpid()}-abc.new"
        mine.write_text("a build still running")
        content = "content/ml-interview-questions.md"
        for reading in (
            ["check"],
            ["preview", content],
            ["parse", content],
            ["build", "--dry-run"],
        ):
            assert runner.invoke(cli, reading, catch_exceptions=False).exit_code == 0, reading
            assert all(path.exists() for path in leftovers), reading  # they only read
            assert list(temporary.iterdir()) == [temporary / f"ankigen-{dead}-x1y2"]
        runner.invoke(cli, ["build"], catch_exceptions=False)
        assert not any(path.exists() for path in leftovers)
        assert list(temporary.iterdir()) == []
        assert mine.exists()  # a running build's files are its own


def test_math_block_closed_mid_line() -> None:
    """A display-math block may close at the end of a line of text."""
    text = "1. What is the loss?\n$$\nL = \\sum_i x_i $$\n\n2. Next?\nYes.\n"
    from ankigen.reading.text import Text

    notes = parse(Text("m.md", text)).notes
    assert [note.question for note in notes] == ["What is the loss?", "Next?"]


class TestTheTableOfShapes:
    """The README's table of shapes is made from the recognisers, and each example is
    read as the shape it stands for."""

    FOLLOWED_BY: ClassVar[dict[Shape, str]] = {
        Shape.ANSWERED_HEADING: "\n<details><summary>show</summary>\n\nDone.\n</details>\n",
        Shape.PROBLEM_HEADING: "\nWhat is one and one?\n\n#### Solution\n\nTwo.\n",
        Shape.TEMPLATE_HEADING: "\n#### --text--\n\nWhat is one and one?\n",
        Shape.TOPIC_HEADING: "\nWhy are globals evil?\n",
        Shape.BULLET_ITEM: "\n  - It is a grid of numbers.\n",
        Shape.SUMMARY: "\n\nA measure of likeness.\n</details>\n",
        Shape.CARD_BLOCK: "\nBasic\nWhat is a kernel?\nBack: A measure of likeness.\nEND\n",
        Shape.TABLE_ROW: "\n|---|---|---|\n| 1 | What is a kernel? | A measure of likeness. |\n",
        Shape.ADMONITION: "\n    It ran out of memory.\n",
        Shape.QUOTE: "\n\n- Air scatters blue light most.\n",
        Shape.PARAGRAPH: "\n\n- A measure of likeness.\n",
        Shape.DEFINITION: "\n: A measure of likeness.\n",
    }

    def test_the_readme_shows_the_recognisers(self) -> None:
        readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
        start = readme.index("<!-- shapes: made from ankigen/candidates.py")
        table = readme[readme.index("\n", start) + 1 : readme.index("<!-- end of shapes -->")]
        assert table == shapes_table(), "paste pattern.shapes_table() into the README"

    @pytest.mark.parametrize(
        "recogniser", [r for r in RECOGNISERS if r.shape is not Shape.STATEMENT_HEADING]
    )
    def test_each_example_is_its_shape(self, recogniser: Recogniser) -> None:
        opening = {Shape.SUMMARY: "<details>\n", Shape.FAQ_ENTRY: "# FAQ\n\n"}.get(
            recogniser.shape, ""
        )
        text = opening + recogniser.example + self.FOLLOWED_BY.get(recogniser.shape, "\nYes.\n")
        lines = text.split("\n")
        found = candidates(outline(text).blocks, lines)
        assert recogniser.shape in {candidate.shape for candidate in found}

    def test_a_statement_among_headings_that_ask_is_a_question(self) -> None:
        text = "## Why?\nBecause.\n\n## The sync is slow\nIt reads every file.\n\n## How?\nSo.\n"
        notes = parse(Text("faq.md", text)).notes
        assert [note.question for note in notes] == ["Why?", "The sync is slow", "How?"]


class TestKilledBetweenFiles:
    """A build killed while it puts its files in place (the lock first, then the deck, then
    the changelog) leaves a state the next build completes by itself."""

    def killed(self, project: Path, keep: set[str]) -> None:
        """Build 1.0.0, edit, and leave only `keep` of 1.0.1's files in place."""
        content = project / "content" / "ml-interview-questions.md"
        plan_build(content, project / "decks", now=1_800_000_000).write()
        content.write_text(content.read_text().replace("trial and error", "trial-and-error"))
        planned = plan_build(content, project / "decks", now=1_800_000_100)
        if "lock" in keep:
            planned.lock_path.write_text(planned.lock_text, encoding="utf-8")
        if "deck" in keep:
            planned.deck_path.write_bytes(planned.deck_bytes)

    def test_the_lock_lands_first(
        self, runner: CliRunner, project: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        real_replace, landed = os.replace, []

        def replace(source: str, target: str) -> None:
            if not str(target).endswith(".old"):
                landed.append(Path(target).suffix)
            real_replace(source, target)

        monkeypatch.setattr(os, "replace", replace)
        assert runner.invoke(cli, ["build"]).exit_code == 0
        assert landed == [".lock", ".apkg", ".md"]

    @pytest.mark.parametrize("keep", [{"lock"}, {"lock", "deck"}], ids=["lock", "lock and deck"])
    def test_the_next_build_completes_it(
        self, runner: CliRunner, project: Path, keep: set[str]
    ) -> None:
        self.killed(project, keep)
        result = runner.invoke(cli, ["build"])
        assert result.exit_code == 0, result.stderr
        assert runner.invoke(cli, ["build", "--check"]).exit_code == 0
        assert sorted(p.name for p in (project / "decks").iterdir()) == [
            "CHANGELOG.md",
            "ml-interview-questions-1.0.1.apkg",
        ]


def test_a_changelog_that_is_a_link_is_refused(
    runner: CliRunner, project: Path, tmp_path: Path
) -> None:
    outside = tmp_path / "secret.txt"
    outside.write_text("not for the changelog\n", encoding="utf-8")
    (project / "decks").mkdir()
    (project / "decks" / "CHANGELOG.md").symlink_to(outside)
    result = runner.invoke(cli, ["build"])
    assert result.exit_code == 1
    assert "CHANGELOG.md: error: is a link to another file" in result.stderr
    assert outside.read_text(encoding="utf-8") == "not for the changelog\n"
