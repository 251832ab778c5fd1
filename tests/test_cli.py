"""What a maintainer sees at the terminal: what got built, and precise errors."""

from __future__ import annotations

import hashlib
import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from ankigen import __version__
from ankigen.cli import cli
from ankigen.reading.deck import load_source
from ankigen.writing.build_cache import cache_file
from tests.conftest import CONTENT

DECK = Path("decks/ml-interview-questions-1.0.0.apkg")
LOCK = Path("content/ml-interview-questions.lock")


def files_under(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())


class TestBuild:
    """`ankigen build` turns content/*.md into decks/<slug>-<version>.apkg."""

    def test_builds_every_content_file(self, runner: CliRunner, project: Path) -> None:
        result = runner.invoke(cli, ["build"], catch_exceptions=False)
        assert result.exit_code == 0, result.output
        assert DECK.stat().st_size > 10_000
        assert LOCK.exists()
        lines = result.output.splitlines()
        assert lines[0].startswith(f"content/ml-interview-questions.md -> {DECK} (")
        assert lines[1] == "version 1.0.0: 100 questions in 10 sections"
        assert "added 100" in lines[2]

    def test_in_one_process_the_same_deck(self, runner: CliRunner, project: Path) -> None:
        runner.invoke(cli, ["build", "-o", "shared"], catch_exceptions=False)
        result = runner.invoke(cli, ["build", "--jobs", "1", "-o", "alone"])
        assert result.exit_code == 0, result.output
        assert Path("alone", DECK.name).read_bytes() == Path("shared", DECK.name).read_bytes()
        refused = runner.invoke(cli, ["build", "--jobs", "0"])
        assert refused.exit_code == 2
        assert "'--jobs'" in refused.output
        assert "0 is not in the range x>=1" in refused.output

    def test_given_files_into_a_folder(self, runner: CliRunner, project: Path) -> None:
        Path("mine.md").write_text("### Greetings\n\n1. Hello?\nWorld.\n", encoding="utf-8")
        result = runner.invoke(cli, ["build", "mine.md", "-o", "out"], catch_exceptions=False)
        assert result.exit_code == 0, result.output
        assert Path("out/mine-1.0.0.apkg").exists()
        assert "version 1.0.0: 1 question in 1 section" in result.output

    def test_a_deck_without_sections(self, runner: CliRunner, project: Path) -> None:
        Path("plain.md").write_text("1. Hello?\nWorld.\n\n2. Again?\nYes.\n", encoding="utf-8")
        result = runner.invoke(cli, ["build", "plain.md", "-o", "out"], catch_exceptions=False)
        assert "version 1.0.0: 2 questions (no sections)" in result.output

    def test_dry_run_writes_nothing(self, runner: CliRunner, project: Path) -> None:
        before = files_under(project)
        result = runner.invoke(cli, ["build", "--dry-run"], catch_exceptions=False)
        assert result.exit_code == 0
        assert "(dry run: nothing written)" in result.output
        assert "added 100" in result.output
        assert files_under(project) == before

    @pytest.mark.parametrize("flags", [[], ["--dry-run"], ["--check"]])
    def test_builds_leave_no_temporary_files(
        self, project: Path, tmp_path: Path, flags: list[str]
    ) -> None:
        """The deck is packaged in a temporary folder by a worker process: gone at the end,
        whether the deck was written, only planned, or compared."""
        temporary = tmp_path / "tmp"
        temporary.mkdir()
        command = [sys.executable, "-m", "ankigen", "build", *flags]
        environment = {**os.environ, "TMPDIR": str(temporary)}
        result = subprocess.run(command, capture_output=True, text=True, env=environment)
        assert result.returncode == (1 if flags == ["--check"] else 0), result.stderr
        assert list(temporary.iterdir()) == []

    def test_an_up_to_date_build_leaves_no_temporary_files(
        self, project: Path, tmp_path: Path
    ) -> None:
        """The packaging started before the command knew the deck was up to date is dropped."""
        temporary = tmp_path / "tmp"
        temporary.mkdir()
        command = [sys.executable, "-m", "ankigen", "build"]
        environment = {**os.environ, "TMPDIR": str(temporary)}
        subprocess.run(command, capture_output=True, env=environment, check=True)
        result = subprocess.run(command, capture_output=True, text=True, env=environment)
        assert "up to date, nothing changed" in result.stdout
        assert list(temporary.iterdir()) == []

    def test_dry_run_shows_the_plan_of_an_edit(self, runner: CliRunner, project: Path) -> None:
        runner.invoke(cli, ["build"], catch_exceptions=False)
        content = Path("content/ml-interview-questions.md")
        text = content.read_text(encoding="utf-8")
        text = text.replace(
            "How do you interpret a learning curve?", "How do you read a learning curve?"
        )
        content.write_text(text.replace("trial and error", "trial-and-error"), encoding="utf-8")
        before = {path: Path(path).read_bytes() for path in files_under(project)}
        result = runner.invoke(cli, ["build", "--dry-run"], catch_exceptions=False)
        assert result.output.splitlines()[1:] == [
            "version 1.0.0 -> 1.0.1: 100 questions in 10 sections",
            "  added 0, changed 1, re-worded 1, moved 0, removed 0, unchanged 98",
            "  ~ changed: 'What is reinforcement learning, and how does it work?'",
            "  ~ re-worded: 'How do you interpret a learning curve?' -> "
            "'How do you read a learning curve?'",
        ]
        assert {path: Path(path).read_bytes() for path in files_under(project)} == before

    def test_rebuilding_changes_nothing(self, runner: CliRunner, project: Path) -> None:
        runner.invoke(cli, ["build"], catch_exceptions=False)
        deck, lock = DECK.read_bytes(), LOCK.read_bytes()
        result = runner.invoke(cli, ["build"], catch_exceptions=False)
        assert "nothing changed" in result.output
        assert (DECK.read_bytes(), LOCK.read_bytes()) == (deck, lock)

    def test_no_content_files(
        self, runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.chdir(tmp_path)
        hint = "give a file, or start one with `ankigen new NAME`"
        for command in ("build", "check", "diff"):
            result = runner.invoke(cli, [command])
            assert (result.exit_code, result.output) == (
                1,
                f"content: error: no such folder: {hint}\n",
            )
        Path("content").mkdir()
        result = runner.invoke(cli, ["build"])
        assert result.output == f"content: error: no content files in content/: {hint}\n"

    def test_dry_run_and_check_together_are_refused(self, runner: CliRunner, project: Path) -> None:
        result = runner.invoke(cli, ["build", "--dry-run", "--check"])
        assert result.exit_code == 2
        assert "--dry-run and --check cannot be used together" in result.stderr

    def test_diff_of_a_file_that_does_not_exist(self, runner: CliRunner, project: Path) -> None:
        result = runner.invoke(cli, ["diff", "nope.md"])
        assert (result.exit_code, result.stderr) == (1, "nope.md: error: no such file\n")


@pytest.mark.parametrize(
    "command",
    [
        ["check", "content/ml-interview-questions.md"],
        ["build", "--dry-run"],
        ["preview", "content/ml-interview-questions.md", "-o", "page.html"],
        ["parse", "content/ml-interview-questions.md"],
    ],
)
def test_reading_commands_never_package(
    runner: CliRunner, project: Path, monkeypatch: pytest.MonkeyPatch, command: list[str]
) -> None:
    """Checking, planning and previewing stop before packaging: they work where genanki
    cannot even be loaded, and write no deck."""
    monkeypatch.setitem(sys.modules, "genanki", None)  # importing it raises ImportError
    result = runner.invoke(cli, command)
    assert result.exit_code == 0, result.output
    assert not Path("decks").exists()
    with pytest.raises(ImportError):
        runner.invoke(cli, ["build"], catch_exceptions=False)


class TestCheckAndParse:
    """`check` validates without writing; `parse --json` shows the records a build uses."""

    def test_check(self, runner: CliRunner, project: Path) -> None:
        result = runner.invoke(cli, ["check", "content/ml-interview-questions.md"])
        assert (result.exit_code, result.output) == (
            0,
            "content/ml-interview-questions.md: 100 questions in 10 sections\n",
        )
        assert files_under(project) == ["content/ml-interview-questions.md"]

    def test_parse_json(self, runner: CliRunner, project: Path) -> None:
        result = runner.invoke(cli, ["parse", "content/ml-interview-questions.md", "--json"])
        records = json.loads(result.output)
        assert len(records) == 100
        assert set(records[0]) == {
            "number",
            "section",
            "question",
            "prompt",
            "answer",
            "tags",
            "guid",
            "line",
            "kind",
            "clozes",
            "file",
            "subdeck",
        }
        assert (records[0]["kind"], records[0]["clozes"]) == ("basic", [])
        assert records[0]["tags"] == ["ml-interview-questions::Basics"]
        assert records[0]["line"] == 10
        assert len({r["guid"] for r in records}) == 100

    def test_parse_lists_one_line_a_note(self, runner: CliRunner, project: Path) -> None:
        lines = runner.invoke(cli, ["parse", "content/ml-interview-questions.md"]).stdout
        assert len(lines.splitlines()) == 100
        first = lines.splitlines()[0].split()
        assert (first[0], first[2], first[3]) == ("10", "ml-interview-questions::Basics", "1.")
        assert lines.splitlines()[0].endswith(
            "1. What is machine learning, and how does it differ from traditional programming?"
        )

    def test_parse_gives_the_guids_the_build_locks(self, runner: CliRunner, project: Path) -> None:
        before = json.loads(
            runner.invoke(cli, ["parse", str(LOCK.with_suffix(".md")), "--json"]).output
        )
        runner.invoke(cli, ["build"], catch_exceptions=False)
        locked = {json.loads(line).get("guid") for line in LOCK.read_text().splitlines()[1:]}
        assert {r["guid"] for r in before} <= locked


class TestExplain:
    """`parse --explain` says how a file's questions were found, and why a line is or is
    not a question: what an author needs to fix a file the reader gets wrong."""

    TEXT = (
        "# Interview\n\n"
        "## 1. What is a closure?\n\nA function with the scope it was made in.\n\n"
        "### 1. An example\n\nA counter.\n\n"
        "## 2. What is hoisting?\n\nDeclarations move to the top.\n\n"
        "### 1. Another point\n\nOnly declarations.\n\n"
        "## 3. What is a promise?\n\nA value to come.\n"
    )

    def test_the_pattern_and_why(self, runner: CliRunner, tmp_path: Path) -> None:
        path = tmp_path / "js.md"
        path.write_text(self.TEXT, encoding="utf-8")
        result = runner.invoke(cli, ["parse", "--explain", str(path)])
        assert result.exit_code == 0, result.output
        lines = result.output.splitlines()
        assert lines[0] == (
            f"{path}: the questions are 3 numbered headings (level 2): "
            "3 with text under them, 3 numbered in order"
        )
        chosen = next(line for line in lines if "<- chosen" in line)
        assert "3 numbered headings (level 2)" in chosen
        inside = next(line for line in lines if "2 numbered headings (level 3)" in line)
        assert "inside the answers of shallower headings" in inside
        assert lines[-1] == "  3 notes; 0 errors"

    def test_one_line(self, runner: CliRunner, tmp_path: Path) -> None:
        path = tmp_path / "js.md"
        path.write_text(self.TEXT, encoding="utf-8")
        asked = runner.invoke(cli, ["parse", "--explain", f"{path}:3"])
        assert asked.output == (
            f"{path}:3: a question of the pattern: numbered heading at level 2; "
            "'What is a closure?'\n"
        )
        inside = runner.invoke(cli, ["parse", "--explain", f"{path}:7"])
        assert inside.output == (
            f"{path}:7: in the shape of a question (numbered heading at level 3), but the "
            "file's questions are 3 numbered headings (level 2); part of question 1's text "
            "(line 3)\n"
        )
        text = runner.invoke(cli, ["parse", "--explain", f"{path}:5"])
        assert text.output == (
            f"{path}:5: not in the shape of a question; part of question 1's text (line 3)\n"
        )

    def test_a_file_it_refuses_is_explained_too(self, runner: CliRunner, tmp_path: Path) -> None:
        path = tmp_path / "bare.md"
        path.write_text("1. What is X?\n\n2. What is Y?\nY.\n", encoding="utf-8")
        assert runner.invoke(cli, ["parse", str(path)]).exit_code == 1
        result = runner.invoke(cli, ["parse", "--explain", str(path)])
        assert result.exit_code == 0
        assert result.output.splitlines()[-1] == "  1 notes; 2 errors"


class TestErrors:
    """Bad input: `FILE:LINE: ...` on stderr, exit status 1, no traceback, nothing written."""

    @pytest.mark.parametrize(
        ("content", "message"),
        [
            (b"", "bad.md:1:1: error: no questions found"),
            (b"1. Question?\n\n2. Other?\nAnswer.\n", "bad.md:1:1: error: question 1 has no"),
            (b"1. A?\nx\n\n2. B?\n```\ny\n", "bad.md:5:1: error: this code fence is never closed"),
            (b"1. A?\n\x00\x01\x02", "bad.md:2: error: is not a text file"),
        ],
    )
    def test_bad_source(
        self, runner: CliRunner, project: Path, content: bytes, message: str
    ) -> None:
        Path("bad.md").write_bytes(content)
        for command in (["build", "bad.md"], ["check", "bad.md"], ["parse", "bad.md", "--json"]):
            result = runner.invoke(cli, command)
            assert result.exit_code == 1
            assert result.exception is None or isinstance(result.exception, SystemExit)
            assert result.stderr.startswith(message.replace("bad.md:2:", "bad.md:2:1:"))
            assert "Traceback" not in result.output
        assert files_under(project) == ["bad.md", "content/ml-interview-questions.md"]

    def test_missing_file_and_directory(self, runner: CliRunner, project: Path) -> None:
        assert runner.invoke(cli, ["build", "nope.md"]).stderr == "nope.md: error: no such file\n"
        (project / "empty").mkdir()
        assert runner.invoke(cli, ["check", "empty"]).stderr == (
            "empty: error: holds no content files (`*.md`): a deck needs one at least\n"
        )
        checked = runner.invoke(cli, ["check", "content"])  # the project's every deck
        assert checked.output == "content/ml-interview-questions.md: 100 questions in 10 sections\n"


class TestHelp:
    """Every command explains itself with an example."""

    @pytest.mark.parametrize("command", [[], *([name] for name in sorted(cli.commands))])
    def test_help_has_an_example(self, runner: CliRunner, command: list[str]) -> None:
        result = runner.invoke(cli, [*command, "--help"])
        assert result.exit_code == 0
        assert "Example:\n    ankigen " in result.output.replace("  ankigen", "ankigen")

    @pytest.mark.parametrize("name", sorted(cli.commands))
    def test_every_command_is_in_the_readme(self, name: str) -> None:
        readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
        assert f"ankigen {name}" in readme

    def test_every_summary_is_whole(self, runner: CliRunner) -> None:
        """`ankigen --help` lists each command with a whole sentence, not one cut short."""
        listing = runner.invoke(cli, ["--help"]).output.split("Commands:\n", 1)[1]
        entries = re.split(r"\n  (?=\S)", "\n" + listing.rstrip())[1:]  # wrapped lines joined
        summaries = [" ".join(entry.split()[1:]) for entry in entries]
        assert len(summaries) == len(cli.commands)
        assert all(summary.endswith(".") and "..." not in summary for summary in summaries)

    def test_version(self, runner: CliRunner) -> None:
        assert runner.invoke(cli, ["--version"]).output == f"ankigen, version {__version__}\n"


class TestUnchangedRebuild:
    """A rebuild with nothing changed stops early, and any change makes it build again."""

    def build(self, runner: CliRunner) -> str:
        result = runner.invoke(cli, ["build"], catch_exceptions=False)
        assert result.exit_code == 0, result.output
        return result.stdout

    def test_second_build_is_up_to_date(self, runner: CliRunner, project: Path) -> None:
        self.build(runner)
        assert (
            self.build(runner) == f"content/ml-interview-questions.md -> {DECK}: up to date, "
            "nothing changed\n"
        )

    @pytest.mark.parametrize("touch", ["content", "deck", "changelog", "deleted deck"])
    def test_any_change_builds_again(self, runner: CliRunner, project: Path, touch: str) -> None:
        self.build(runner)
        path = {
            "content": Path("content/ml-interview-questions.md"),
            "deck": DECK,
            "changelog": Path("decks/CHANGELOG.md"),
            "deleted deck": DECK,
        }[touch]
        if touch == "content":
            path.write_text(path.read_text().replace("trial and error", "trial-and-error"))
        elif touch == "deleted deck":
            path.unlink()
        else:
            path.write_bytes(path.read_bytes() + b"\n")
        output = self.build(runner)
        assert "up to date" not in output
        assert "version 1.0." in output

    def test_a_damaged_lock_is_reported_not_skipped(self, runner: CliRunner, project: Path) -> None:
        self.build(runner)
        LOCK.write_bytes(LOCK.read_bytes() + b"\n")
        result = runner.invoke(cli, ["build"])
        assert result.exit_code == 1
        assert "error: not a lock record" in result.stderr

    def test_a_build_with_other_options_is_another(self, runner: CliRunner, project: Path) -> None:
        content = Path("content/ml-interview-questions.md")
        content.write_text(content.read_text() + "\n101. What is left to learn?\n")
        skipping = runner.invoke(cli, ["build", "--skip-unanswered"])
        assert skipping.exit_code == 0, skipping.stderr
        plain = runner.invoke(cli, ["build"])  # not "up to date": it would leave one out
        assert plain.exit_code == 1
        assert "question 101 has no answer" in plain.stderr

    def test_a_content_file_added_beside_it(self, runner: CliRunner, project: Path) -> None:
        self.build(runner)
        text = Path("content/ml-interview-questions.md").read_text(encoding="utf-8")
        Path("content/copy.md").write_text(text, encoding="utf-8")  # the same deck_id
        result = runner.invoke(cli, ["build", "content/ml-interview-questions.md"])
        assert result.exit_code == 1
        assert "deck_id" in result.stderr

    def test_check_never_trusts_the_cache(self, runner: CliRunner, project: Path) -> None:
        self.build(runner)
        DECK.write_bytes(DECK.read_bytes() + b"x")
        record_path = cache_file(Path("content/ml-interview-questions.md"))
        record = json.loads(record_path.read_text())
        record["deck_sha256"] = hashlib.sha256(DECK.read_bytes()).hexdigest()
        record_path.write_text(json.dumps(record))
        assert "up to date" in self.build(runner)  # the cache vouches for the tampered deck
        result = runner.invoke(cli, ["build", "--check"])
        assert result.exit_code == 1
        assert f"{DECK} does not match" in result.stderr


class TestProgress:
    """Long work shows its stages on a terminal, and stays quiet in CI and in pipes."""

    def on_a_terminal(self, project: Path, ci: bool) -> str:
        master, terminal = os.openpty()
        env = {name: value for name, value in os.environ.items() if name != "CI"}
        if ci:
            env["CI"] = "true"
        subprocess.run(
            [sys.executable, "-m", "ankigen", "build"],
            cwd=project,
            env=env,
            stderr=terminal,
            stdout=subprocess.DEVNULL,
            check=True,
            timeout=120,
        )
        os.close(terminal)
        shown = b""
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # the terminal's other end is closed: all has been read
                break
            if not chunk:
                break
            shown += chunk
        os.close(master)
        return shown.decode()

    def test_stages_on_a_terminal(self, project: Path) -> None:
        shown = self.on_a_terminal(project, ci=False)
        for stage in ("parsing 326 lines", "rendering 100 notes", "writing"):
            assert f"content/ml-interview-questions.md: {stage}..." in shown
        assert shown.endswith("\r\x1b[K"), "the status line is cleared at the end"

    def test_quiet_in_ci(self, project: Path) -> None:
        assert self.on_a_terminal(project, ci=True) == ""


class TestNewDeck:
    """`ankigen new` starts a deck that checks and builds at once, with an id of its own."""

    def test_a_new_deck_builds_beside_the_others(self, runner: CliRunner, project: Path) -> None:
        result = runner.invoke(cli, ["new", "Spanish verbs"], catch_exceptions=False)
        assert result.exit_code == 0
        assert result.output.startswith("content/spanish-verbs.md: a new deck")
        assert "ankigen check content/spanish-verbs.md" in result.output
        source = load_source(Path("content/spanish-verbs.md"))
        assert source.deck.title == "Spanish verbs"
        assert 2**30 <= source.deck.deck_id < 2**31
        assert source.deck.deck_id != load_source(Path("content") / CONTENT.name).deck.deck_id
        assert [note.number for note in source.notes] == [1, 2]
        checked = runner.invoke(cli, ["check"])
        assert checked.exit_code == 0  # it builds; a word on each example left in it
        assert checked.stderr.splitlines() == [
            f"content/spanish-verbs.md:{line}:1: warning: this is an example question of "
            "`ankigen new`: replace it with one of yours"
            for line in (9, 12)
        ]
        assert runner.invoke(cli, ["check", "--strict"]).exit_code == 1
        built = runner.invoke(cli, ["build"], catch_exceptions=False)
        assert "decks/spanish-verbs-1.0.0.apkg" in built.output

    def test_an_existing_file_is_never_overwritten(self, runner: CliRunner, project: Path) -> None:
        runner.invoke(cli, ["new", "notes"])
        Path("content/notes.md").write_text("mine", encoding="utf-8")
        result = runner.invoke(cli, ["new", "notes"])
        assert (result.exit_code, result.stderr) == (
            1,
            "content/notes.md: error: already exists: edit it, or give another name\n",
        )
        assert Path("content/notes.md").read_text(encoding="utf-8") == "mine"

    def test_two_decks_with_one_deck_id_are_refused(self, runner: CliRunner, project: Path) -> None:
        """Their notes would share GUIDs: each is an error naming the other, at its key."""
        seed = Path("content/ml-interview-questions.md")
        copy = Path("content/copy.md")
        copy.write_text(seed.read_text(encoding="utf-8").replace("Machine", "Deep"), "utf-8")
        result = runner.invoke(cli, ["check"])
        assert result.exit_code == 1
        assert result.stderr.splitlines() == [
            f"{copy}:4:1: error: `deck_id` 1391735954 is also the deck_id of {seed}: each "
            "deck needs its own (`ankigen new` picks one)",
            f"{seed}:4:1: error: `deck_id` 1391735954 is also the deck_id of {copy}: each "
            "deck needs its own (`ankigen new` picks one)",
        ]
        assert runner.invoke(cli, ["build"]).exit_code == 1
        assert not Path("decks").exists()


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT])
def test_a_stopped_build_leaves_nothing_behind(
    project: Path, tmp_path: Path, stop: signal.Signals
) -> None:
    """Stopped at any moment by SIGTERM or Ctrl-C, a build leaves no temporary file or
    folder, and the files in place are all old or all new."""
    content = Path("content/large.md")
    content.write_text(
        "".join(f"{i}. Why is {i} a number?\nBecause {i} counts.\n\n" for i in range(1, 4001)),
        encoding="utf-8",
    )
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    environment = {**os.environ, "TMPDIR": str(temporary)}
    command = [sys.executable, "-m", "ankigen", "build", str(content)]
    for delay in (0.3, 0.6, 0.9, 1.2):
        process = subprocess.Popen(
            command, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        time.sleep(delay)
        process.send_signal(stop)
        assert process.wait(timeout=60) in (0, 1, 128 + stop, -stop)
        assert list(temporary.iterdir()) == []
        names = [p.name for p in Path("content").iterdir()] + [
            p.name for p in Path("decks").glob("*") if Path("decks").exists()
        ]
        assert not [name for name in names if ".ankigen-" in name], names
        for path in Path("decks").glob("*.apkg") if Path("decks").exists() else []:
            assert path.name == "large-1.0.0.apkg"


class TestProblemsForTools:
    """`check --format json` and `--format github`: what editors, scripts and CI read."""

    FILES = ("broken.md", "broken-math.md")

    def test_json_is_one_array_the_schema_describes(
        self, runner: CliRunner, tmp_path: Path
    ) -> None:
        shapes = Path(__file__).parent / "fixtures" / "shapes"
        files = [str(shapes / name) for name in self.FILES] + [str(tmp_path / "missing.md")]
        result = runner.invoke(cli, ["check", "--format", "json", *files])
        assert result.exit_code == 1
        problems = json.loads(result.stdout)
        html = next(problem for problem in problems if problem["code"] == "raw-html")
        assert (html["line"], html["column"], html["severity"]) == (7, 31, "warning")
        assert {"unanswered", "asked-twice", "unclosed-fence", "unclosed-math"} <= {
            problem["code"] for problem in problems
        }
        found = tmp_path / "problems.json"
        found.write_text(result.stdout, encoding="utf-8")
        schema = Path(__file__).parent.parent / "schemas" / "problems.schema.json"
        checked = subprocess.run(
            [Path(sys.executable).parent / "check-jsonschema", "--schemafile", schema, found],
            capture_output=True,
            text=True,
        )
        assert checked.returncode == 0, checked.stdout + checked.stderr

    def test_a_clean_file_gives_an_empty_array(self, runner: CliRunner, project: Path) -> None:
        result = runner.invoke(cli, ["check", "--format", "json"])
        assert (result.exit_code, json.loads(result.stdout)) == (0, [])

    def test_github_annotations_mark_the_lines(self, runner: CliRunner, tmp_path: Path) -> None:
        path = tmp_path / "deck.md"
        path.write_text("1. Q?\n\n2. R?\nB, and 100%.\n<div>x</div>\n", encoding="utf-8")
        result = runner.invoke(cli, ["check", "--format", "github", str(path)])
        assert result.exit_code == 1
        assert result.stdout.splitlines() == [
            f"::error file={path},line=1,col=1,title=ankigen%3A unanswered::"
            "question 1 has no answer",
            f"::warning file={path},line=5,col=1,title=ankigen%3A raw-html::"
            "raw HTML <div> is kept (sanitised); put it in `backticks` to show it as text",
            f"::error file={path},title=ankigen%3A unanswered::"
            "1 question has no answer: `--skip-unanswered` builds the others",
        ]


def test_a_stale_check_ends_with_what_to_do(runner: CliRunner, project: Path) -> None:
    result = runner.invoke(cli, ["build", "--check"])
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == "hint: run `ankigen build` and commit what it writes"
    assert "error: run" not in result.stderr


class TestFromAnywhereInTheProject:
    """Commands find the project from inside `content/`, and `parse` and `preview` take
    the project's one content file when none is given."""

    def test_a_build_from_inside_content(
        self, runner: CliRunner, project: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.chdir(project / "content")
        result = runner.invoke(cli, ["build"])
        assert result.exit_code == 0, result.stderr
        assert result.output.startswith(
            "ml-interview-questions.md -> ../decks/ml-interview-questions-1.0.0.apkg"
        )
        assert (project / "decks" / "ml-interview-questions-1.0.0.apkg").is_file()
        assert not (project / "content" / "decks").exists()

    def test_parse_and_preview_take_the_one_content_file(
        self, runner: CliRunner, project: Path
    ) -> None:
        parsed = runner.invoke(cli, ["parse"])
        assert parsed.exit_code == 0, parsed.stderr
        assert len(parsed.output.splitlines()) == 100
        previewed = runner.invoke(cli, ["preview"])
        assert previewed.exit_code == 0, previewed.stderr
        assert previewed.output == (
            "content/ml-interview-questions.md -> preview.html (100 cards)\n"
        )

    def test_with_two_content_files_one_must_be_named(
        self, runner: CliRunner, project: Path
    ) -> None:
        (project / "content" / "other.md").write_text("1. Q?\nA.\n", encoding="utf-8")
        result = runner.invoke(cli, ["preview"])
        assert result.exit_code == 1
        assert result.stderr == (
            "content: error: holds content/ml-interview-questions.md, content/other.md: name one\n"
        )


def test_math_that_is_not_read_as_math_is_warned_of(runner: CliRunner, tmp_path: Path) -> None:
    """`$\\frac{1}{2$` (its braces unbalanced) is no math to the engine, as on GitHub: a card
    would show it as text, so `check` says so where it is."""
    content = tmp_path / "math.md"
    content.write_text("1. What is a half?\nIt is $\\frac{1}{2$, or $0.5$.\n", encoding="utf-8")
    result = runner.invoke(cli, ["check", str(content), "-o", str(tmp_path / "decks")])
    assert result.exit_code == 0
    assert result.stderr == (
        f"{content}:2:7: warning: `$\\frac{{1}}{{2$` is not read as math (are its braces "
        "balanced?): it shows as text\n"
    )
