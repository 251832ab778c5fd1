"""Versions follow the content, builds are byte-reproducible, and releases say what changed."""

from __future__ import annotations

import dataclasses
import hashlib
import io
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from ankigen.building import Build, plan_build
from ankigen.cards import notetype
from ankigen.cli import cli
from tests.conftest import CONTENT, DECK, ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))


def build(project: Path, now: int, write: bool = True) -> Build:
    planned = plan_build(project / "content" / CONTENT.name, project / "decks", now=now)
    if write:
        planned.write()
    return planned


def edit(project: Path, old: str, new: str) -> None:
    content = project / "content" / CONTENT.name
    text = content.read_text(encoding="utf-8")
    assert old in text
    content.write_text(text.replace(old, new, 1), encoding="utf-8")


def check_tool(command: list[str]) -> str:
    """Run a checker over the workflows; what it printed, after asserting it passed."""
    result = subprocess.run(
        [*command, *map(str, WORKFLOWS)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


class TestReproducible:
    """The same content and lock give the same bytes, whenever and wherever they are built."""

    def test_two_builds_at_different_times_and_places(self, project: Path, tmp_path: Path) -> None:
        first = build(project, now=1_800_000_000)
        other = tmp_path / "elsewhere"
        (other / "content").mkdir(parents=True)
        shutil.copy(first.content, other / "content")
        shutil.copy(first.lock_path, other / "content")
        second = build(other, now=1_900_000_000)
        assert second.deck_path != first.deck_path
        assert sha256(second.deck_path) == sha256(first.deck_path)

    def test_a_fresh_clone_rebuilds_the_committed_deck(
        self, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.chdir(ROOT)
        result = runner.invoke(cli, ["build", "--check"])
        assert result.exit_code == 0, result.stderr
        assert "up to date" in result.output

    def test_the_deck_is_compressed(self, project: Path) -> None:
        deck = build(project, now=1_800_000_000).deck_path
        with zipfile.ZipFile(deck) as archive:
            info = archive.getinfo("collection.anki2")
            assert info.compress_type == zipfile.ZIP_DEFLATED
            assert info.date_time == (1980, 1, 1, 0, 0, 0)
        assert deck.stat().st_size * 3 < info.file_size

    def test_apkg_is_a_real_zip(self, project: Path) -> None:
        data = build(project, now=1_800_000_000, write=False).deck_bytes
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            assert archive.namelist() == ["collection.anki2", "media"]

    def test_source_date_epoch_stamps_changes(
        self, project: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setenv("SOURCE_DATE_EPOCH", "1234567890")
        planned = plan_build(project / "content" / CONTENT.name, project / "decks")
        assert {note.mod for note in planned.release.notes} == {1234567890}


class TestVersion:
    """Removed questions make a major version, added a minor one, other edits a patch."""

    @pytest.mark.parametrize(
        ("old", "new", "version"),
        [
            ("trial and error", "trial-and-error", "1.0.1"),
            ("What is NumPy, and how", "What is NumPy, and in what way", "1.0.1"),
            ("### Basics\n", "### Basics\n\n0. What is a model?\nA learned function.\n", "1.1.0"),
            ("100. How do you stay updated", "100. How do you keep up", "1.0.1"),
            (
                'title = "Machine Learning Interview Questions"',
                'title = "ML Interview Questions"',
                "1.0.1",
            ),
        ],
    )
    def test_bump(self, project: Path, old: str, new: str, version: str) -> None:
        build(project, now=1_800_000_000)
        edit(project, old, new)
        assert build(project, now=1_800_000_100).release.version == version

    def test_removal_is_major(self, project: Path) -> None:
        build(project, now=1_800_000_000)
        content = project / "content" / CONTENT.name
        text = content.read_text(encoding="utf-8")
        content.write_text(text.split("100. How do you stay")[0], encoding="utf-8")
        assert build(project, now=1_800_000_100).release.version == "2.0.0"

    def test_restyle_is_a_patch(self, project: Path) -> None:
        build(project, now=1_800_000_000)
        restyled = dataclasses.replace(notetype.note_type(DECK), css="/* new */", hash="new")
        content = project / "content" / CONTENT.name
        planned = plan_build(
            content, project / "decks", 1_800_000_100, note_type=lambda d, k: restyled
        )
        assert planned.release.version == "1.0.1"

    def test_nothing_changed_is_the_same_version(self, project: Path) -> None:
        first = build(project, now=1_800_000_000)
        again = build(project, now=1_800_000_100)
        assert again.release.version == "1.0.0"
        assert again.deck_bytes == first.deck_bytes

    def test_the_new_version_replaces_the_old_file(self, project: Path) -> None:
        build(project, now=1_800_000_000)
        edit(project, "trial and error", "trial-and-error")
        build(project, now=1_800_000_100)
        assert sorted(p.name for p in (project / "decks").glob("*.apkg")) == [
            "ml-interview-questions-1.0.1.apkg"
        ]


class TestCheck:
    """`ankigen build --check` fails, naming the file, whenever the committed files are stale."""

    def check(self, runner: CliRunner) -> tuple[int, str]:
        result = runner.invoke(cli, ["build", "--check"])
        return result.exit_code, result.stderr

    def test_current(self, runner: CliRunner, project: Path) -> None:
        build(project, now=1_800_000_000)
        assert self.check(runner) == (0, "")

    def test_content_changed_since_the_build(self, runner: CliRunner, project: Path) -> None:
        build(project, now=1_800_000_000)
        edit(project, "trial and error", "trial-and-error")
        code, message = self.check(runner)
        assert code == 1
        assert "stale: content/ml-interview-questions.lock is out of date" in message
        assert "stale: decks/ml-interview-questions-1.0.1.apkg is missing" in message
        assert "stale: decks/ml-interview-questions-1.0.0.apkg is an older version" in message
        assert "stale: decks/CHANGELOG.md has no entry for ml-interview-questions-1.0.1" in message

    def test_deck_tampered_with(self, runner: CliRunner, project: Path) -> None:
        deck = build(project, now=1_800_000_000).deck_path
        deck.write_bytes(deck.read_bytes() + b"\0")
        code, message = self.check(runner)
        assert code == 1
        assert message.startswith(
            "content/ml-interview-questions.md: error: stale: "
            "decks/ml-interview-questions-1.0.0.apkg does not match"
        )

    def test_never_built(self, runner: CliRunner, project: Path) -> None:
        code, message = self.check(runner)
        assert code == 1
        assert "lock is out of date" in message


class TestReleaseNotes:
    """`ankigen diff` and decks/CHANGELOG.md tell learners what a version changed."""

    def test_markdown_notes_for_a_known_change(self, runner: CliRunner, project: Path) -> None:
        build(project, now=1_800_000_000)
        edit(project, "How do you interpret a learning curve?", "How do you read a learning curve?")
        edit(project, "trial and error", "trial-and-error")
        content = project / "content" / CONTENT.name
        content.write_text(
            content.read_text(encoding="utf-8").split("100. How do you stay")[0]
            + "100. What is a foundation model?\nA large model adapted to many tasks.\n",
            encoding="utf-8",
        )
        build(project, now=1_800_086_400)
        result = runner.invoke(cli, ["diff", "--format", "markdown"])
        assert result.output == (
            "## Machine Learning Interview Questions 2.0.0\n\n"
            "100 questions in 10 sections: added 1, changed 1, re-worded 1, moved 0, removed 1.\n\n"
            "### Added\n\n- What is a foundation model?\n\n"
            "### Changed\n\n- What is reinforcement learning, and how does it work?\n\n"
            "### Re-worded\n\n"
            "- ~~How do you interpret a learning curve?~~ → How do you read a learning curve?\n\n"
            "### Removed\n\n"
            "- How do you stay updated with the latest research and developments in machine "
            "learning? (in Anki: `tag:ml-interview-questions::removed`)\n"
        )
        changelog = (project / "decks" / "CHANGELOG.md").read_text(encoding="utf-8")
        newest, oldest = changelog.split("## Machine Learning")[1:]
        assert newest.startswith(" Interview Questions 2.0.0 (2027-01-16)\n")
        assert (
            oldest == " Interview Questions 1.0.0 (2027-01-15)\n\nFirst version: 100 "
            "questions in 10 sections.\n"
        )

    def test_text_notes(self, runner: CliRunner, project: Path) -> None:
        build(project, now=1_800_000_000)
        lines = runner.invoke(cli, ["diff"]).output.splitlines()
        assert lines[:2] == [
            "Machine Learning Interview Questions 1.0.0: 100 questions in 10 sections",
            "  added 100, changed 0, re-worded 0, moved 0, removed 0",
        ]
        assert len(lines) == 102

    def test_not_built_yet(self, runner: CliRunner, project: Path) -> None:
        result = runner.invoke(cli, ["diff"])
        assert (result.exit_code, result.stderr) == (
            1,
            "content/ml-interview-questions.md: error: not built yet: run `ankigen build`\n",
        )


class TestWorkflows:
    """The CI and release workflows are valid and pass a security linter."""

    def test_workflows_exist(self) -> None:
        assert [path.name for path in WORKFLOWS] == ["ci.yml", "release.yml"]

    def test_valid_against_the_github_workflow_schema(self) -> None:
        schema = [sys.executable, "-m", "check_jsonschema", "--builtin-schema"]
        check_tool([*schema, "vendor.github-workflows"])

    def test_zizmor_finds_nothing_of_medium_severity_or_above(self) -> None:
        zizmor = shutil.which("zizmor", path=str(Path(sys.executable).parent))
        assert zizmor is not None, "zizmor is a test dependency"
        report = check_tool([zizmor, "--offline", "--min-severity", "medium", "--format", "plain"])
        assert "No findings to report" in report

    def test_actions_are_pinned_to_commits(self) -> None:
        for path in WORKFLOWS:
            for line in path.read_text().splitlines():
                if "uses:" in line:
                    ref = line.split("@")[1].split()[0]
                    assert len(ref) == 40, f"{path.name}: {line.strip()}"
                    assert "# v" in line

    def test_release_tag_must_match_a_deck(self) -> None:
        release = (ROOT / ".github" / "workflows" / "release.yml").read_text()
        assert 'ls decks/*-"$version".apkg' in release
        assert "python3 -m ankigen check --format github" in release
        assert "python3 -m ankigen build --check" in release
        assert "python3 -m ankigen diff --format markdown" in release


class TestForDeckRepositories:
    """Other deck repositories use ankigen as Markdown tools are used: a pre-commit hook, and
    a GitHub action that checks, verifies and releases with one `uses:` line."""

    def test_the_action_is_valid_and_passes_the_security_linter(self) -> None:
        action = ROOT / "action.yml"
        schema = [sys.executable, "-m", "check_jsonschema", "--builtin-schema"]
        checked = subprocess.run(
            [*schema, "vendor.github-actions", str(action)], capture_output=True, text=True
        )
        assert checked.returncode == 0, checked.stdout + checked.stderr
        zizmor = shutil.which("zizmor", path=str(Path(sys.executable).parent))
        assert zizmor is not None
        linted = subprocess.run(
            [zizmor, "--offline", "--min-severity", "medium", "--format", "plain", str(action)],
            capture_output=True,
            text=True,
        )
        assert "No findings to report" in linted.stdout, linted.stdout + linted.stderr
        steps = action.read_text(encoding="utf-8")
        assert "ankigen check --format github" in steps
        assert "ankigen build --check" in steps

    def test_the_pre_commit_hooks_are_a_valid_manifest(self) -> None:
        pre_commit = shutil.which("pre-commit", path=str(Path(sys.executable).parent))
        assert pre_commit is not None, "pre-commit is a test dependency"
        manifest = ROOT / ".pre-commit-hooks.yaml"
        checked = subprocess.run(
            [pre_commit, "validate-manifest", str(manifest)], capture_output=True, text=True
        )
        assert checked.returncode == 0, checked.stdout + checked.stderr
        hooks = manifest.read_text(encoding="utf-8")
        assert "entry: ankigen check" in hooks
        assert "entry: ankigen fmt" in hooks


def test_ci_runs_the_readmes_two_commands() -> None:
    """The README's quickstart is exactly two commands, and CI runs both as they are written,
    on a clean clone."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    quickstart = readme.split("## Quickstart", 1)[1].split("```sh\n", 1)[1].split("```", 1)[0]
    commands = quickstart.strip().splitlines()
    assert len(commands) == 2
    assert commands[0].endswith("pip install -e . && .venv/bin/ankigen build")
    assert "[test]" in commands[1]
    assert commands[1].endswith("pytest")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert all(command in ci for command in commands)


def test_the_library_api(project: Path) -> None:
    """Scripts do what each command does without the command line, and get records."""
    import ankigen

    content, decks = project / "content" / CONTENT.name, project / "decks"
    planned = ankigen.plan(content, decks)
    assert planned.release.version == "1.0.0"
    assert not decks.exists()  # a plan writes nothing
    checked = ankigen.check(content, decks)
    assert (checked.questions, checked.sections) == (100, 10)
    built = ankigen.build(content, decks)
    assert built.plan is not None
    assert built.deck_path == decks / "ml-interview-questions-1.0.0.apkg"
    assert ankigen.stale(content, decks).stale == ()
    assert not ankigen.build(content, decks).written  # the build before still stands
    notes = ankigen.notes(content).notes
    assert len(notes) == 100
    assert [note.guid for note in notes] == [note.guid for note in built.plan.release.notes]
    assert "100 questions" in ankigen.release_notes(content)
    assert not ankigen.tidy(content, write=False).changed
    with pytest.raises(ankigen.AnkigenError):
        ankigen.notes(project / "missing.md")


class TestChangelog:
    """The decks' changelog has one entry a version of each deck, whatever its title."""

    def test_a_title_with_a_parenthesis(self, runner: CliRunner, tmp_path: Path) -> None:
        content = tmp_path / "content" / "spanish.md"
        content.parent.mkdir()
        content.write_text(
            '+++\ntitle = "Spanish (A1)"\ndeck_id = 1500000001\n+++\n\n1. Hola?\nHello.\n',
            encoding="utf-8",
        )
        decks = tmp_path / "decks"
        built = runner.invoke(cli, ["build", str(content), "-o", str(decks)])
        assert built.exit_code == 0, built.output
        checked = runner.invoke(cli, ["build", "--check", str(content), "-o", str(decks)])
        assert checked.exit_code == 0, checked.output + checked.stderr
        plan_build(content, decks, now=1_900_000_000).write()  # an uncached rebuild
        changelog = (decks / "CHANGELOG.md").read_text(encoding="utf-8")
        assert changelog.count("## Spanish (A1) 1.0.0 (") == 1


def test_decks_that_share_a_folder_keep_apart(runner: CliRunner, tmp_path: Path) -> None:
    """A deck whose title begins with another's and a version is not that deck; two files
    whose names differ only in case cannot share one deck file; two decks cannot share a
    title (Anki knows decks by name, whatever their case)."""
    content = tmp_path / "content"
    content.mkdir()
    (content / "spanish.md").write_text(
        '+++\ntitle = "Spanish"\ndeck_id = 1500000002\n+++\n\n1. Hola?\nHello.\n',
        encoding="utf-8",
    )
    (content / "spanish-new.md").write_text(
        '+++\ntitle = "Spanish 5.0.0 (new)"\ndeck_id = 1500000003\n+++\n\n1. Adiós?\nBye.\n',
        encoding="utf-8",
    )
    decks = tmp_path / "decks"
    assert (
        runner.invoke(cli, ["build", str(content / "spanish-new.md"), "-o", str(decks)]).exit_code
        == 0
    )
    built = runner.invoke(cli, ["build", str(content / "spanish.md"), "-o", str(decks)])
    assert built.exit_code == 0, built.stderr  # not "versions never go back" from 5.0.0
    (content / "Spanish.md").write_text("1. Uno?\nOne.\n", encoding="utf-8")
    clash = runner.invoke(cli, ["build", str(content / "Spanish.md"), "-o", str(decks)])
    assert clash.exit_code == 1
    assert "spanish.md has the same file name but for case" in clash.stderr
    assert (decks / "spanish-1.0.0.apkg").exists()
    (content / "Spanish.md").unlink()
    (content / "castellano.md").write_text(
        '+++\ntitle = "SPANISH"\ndeck_id = 1500000004\n+++\n\n1. Uno?\nOne.\n', encoding="utf-8"
    )
    same = runner.invoke(cli, ["build", str(content / "castellano.md"), "-o", str(decks)])
    assert same.exit_code == 1
    assert same.stderr.startswith(
        f"{content / 'castellano.md'}:2:1: error: {content / 'spanish.md'} has the title "
        "'Spanish' too: Anki knows a deck by its name"
    )


def test_a_folder_named_like_a_deck_is_left_alone(runner: CliRunner, project: Path) -> None:
    """Only deck files are earlier versions to remove: a folder of that name is not one."""
    assert runner.invoke(cli, ["build"]).exit_code == 0
    edit(project, "trial and error", "trial-and-error")
    folder = project / "decks" / "ml-interview-questions-0.9.0.apkg"
    folder.mkdir()
    result = runner.invoke(cli, ["build"])
    assert result.exit_code == 0, result.stderr
    assert folder.is_dir()


def test_the_readme_names_every_module() -> None:
    """The README's Development table gives each module of the package its one job."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme.split("### Development", 1)[1].split("### Performance", 1)[0]
    modules = {
        path.stem
        for path in (ROOT / "ankigen").rglob("*.py")
        if path.stem not in {"__init__", "__main__"}
    }
    assert {module for module in modules if f"`{module}`" not in table} == set()
