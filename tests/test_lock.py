"""The lock is the memory of every learner's GUIDs: damage is reported, never papered over."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

import ankigen.versions.lock
from ankigen.cli import cli
from ankigen.errors import AnkigenError
from ankigen.records import CardKind, Change, ChangeKind, Deletion, Lock, LockedNote
from ankigen.versions.lock import load_lock, lock_lines
from tests.anki_helpers import Learner
from tests.conftest import FIXTURES

LOCK = Path("content/ml-interview-questions.lock")


@pytest.fixture
def built(runner: CliRunner, project: Path) -> list[str]:
    runner.invoke(cli, ["build"], catch_exceptions=False)
    return LOCK.read_text(encoding="utf-8").splitlines()


def broken_build(runner: CliRunner, lines: list[str]) -> str:
    LOCK.write_text("\n".join(lines) + "\n", encoding="utf-8")
    before = LOCK.read_bytes()
    result = runner.invoke(cli, ["build"])
    assert result.exit_code == 1
    assert LOCK.read_bytes() == before, "a damaged lock must never be rewritten"
    return result.stderr


class TestDamagedLock:
    """Each kind of damage names the lock's file and line."""

    def test_line_that_is_not_json(self, runner: CliRunner, built: list[str]) -> None:
        lines = built.copy()
        lines[5] = lines[5][:40]
        message = broken_build(runner, lines)
        assert message.startswith(f"{LOCK}:6:")
        assert "error: not a lock record" in message
        advice = f"restore {LOCK} from the copy released with the deck (this folder is not in a"
        assert f"{advice} git repository" in message

    def test_missing_field(self, runner: CliRunner, built: list[str]) -> None:
        record = json.loads(built[-2])  # the last note (the digest is on the last line)
        del record["mod"]
        message = broken_build(runner, [*built[:-2], json.dumps(record), built[-1]])
        line = len(built) - 1
        assert message.startswith(f"{LOCK}:{line}:1: error: `mod` is missing or not a int")

    def test_duplicate_guid(self, runner: CliRunner, built: list[str]) -> None:
        message = broken_build(runner, [*built[:-1], built[-2], built[-1]])
        guid = json.loads(built[-2])["guid"]
        assert message.startswith(f"{LOCK}:{len(built)}:1: error: the GUID {guid!r} appears")

    def test_not_a_lock(self, runner: CliRunner, built: list[str]) -> None:
        message = broken_build(runner, ['{"hello": 1}', *built[1:]])
        assert message.startswith(f"{LOCK}:1:1: error: the first line must name the lock format")

    def test_bad_version(self, runner: CliRunner, built: list[str]) -> None:
        header = json.loads(built[0]) | {"version": "one"}
        message = broken_build(runner, [json.dumps(header), *built[1:]])
        assert "`version` 'one' is not of the form MAJOR.MINOR.PATCH" in message


class TestLockFile:
    """What a maintainer sees in git."""

    def test_one_note_a_line_sorted_by_guid(self, built: list[str]) -> None:
        assert set(json.loads(built[-1])) == {"digest"}
        records = [json.loads(line) for line in built[1:-1]]
        notes = [record for record in records if "change" not in record]
        assert len(notes) == 100
        assert [n["guid"] for n in notes] == sorted(n["guid"] for n in notes)
        assert set(notes[0]) == {
            "guid",
            "mod",
            "hash",
            "section",
            "question",
            "answer_hash",
            "sig",
        }

    def test_an_answer_edit_changes_one_note_line(
        self, runner: CliRunner, built: list[str]
    ) -> None:
        content = Path("content/ml-interview-questions.md")
        text = content.read_text(encoding="utf-8")
        content.write_text(text.replace("trial and error", "trial-and-error"), encoding="utf-8")
        runner.invoke(cli, ["build"], catch_exceptions=False)
        after = LOCK.read_text(encoding="utf-8").splitlines()
        note_lines = [line for line in after if '"answer_hash"' in line]
        changed = set(note_lines) - set(built)
        assert len(changed) == 1
        assert "What is reinforcement learning" in changed.pop()


def test_what_the_lock_holds_is_what_it_reads_back(tmp_path: Path) -> None:
    """Every character a question may hold survives the lock's JSON lines, and each line
    reads as JSON."""
    questions = ['Q "é" \u2028 \n\t', "A\x00<>&", 'g"\\', "\x85 and \x0c and \x1c"]
    cloze = LockedNote(
        "cloze",
        'Q =="x"==',
        "a",
        "",
        "h",
        6,
        kind=CardKind.CLOZE,
        clozes=(Deletion(3, '"x" \u2028'), Deletion(1, "\\y")),
        cloze_top=4,
    )
    notes = (
        *(
            LockedNote(f"guid{i}{text}", text, text[::-1], "S\u00e9", "h", 5, "2.0.0" * (i % 2))
            for i, text in enumerate(questions)
        ),
        cloze,
    )
    changes = tuple(
        Change(kind, notes[0].guid, "", 'Old "é" \u2028 \x00', "") for kind in ChangeKind
    )
    lock = Lock("1.0.0", "n", 7, "d", notes, changes)
    path = tmp_path / "deck.lock"
    path.write_text("".join(lock_lines(lock)), encoding="utf-8")
    for line in path.read_text(encoding="utf-8").split("\n")[:-1]:
        assert isinstance(json.loads(line), dict)
    again = load_lock(path)
    assert again.notes == tuple(sorted(notes, key=lambda note: note.guid))
    assert [(c.kind, c.was) for c in again.changes] == [(c.kind, c.was) for c in changes]


class TestHandEdits:
    """A lock edited by hand is refused at the line edited, and nothing is written; a
    deliberate edit can be kept, and a lock older than what was released is refused."""

    def refused(self, runner: CliRunner, lines: list[str]) -> list[str]:
        decks = {p: p.read_bytes() for p in Path("decks").iterdir()}
        message = broken_build(runner, lines)
        assert {p: p.read_bytes() for p in Path("decks").iterdir()} == decks
        return message.splitlines()

    def note_at(self, built: list[str], index: int) -> tuple[int, dict[str, object]]:
        notes = [n for n, line in enumerate(built) if '"answer_hash"' in line]
        return notes[index], json.loads(built[notes[index]])

    @pytest.mark.parametrize(
        ("field", "value"),
        [("guid", "someone-else"), ("hash", "0000000000000000"), ("question", "What?")],
    )
    def test_a_note_edited(
        self, runner: CliRunner, built: list[str], field: str, value: str
    ) -> None:
        subprocess.run(["git", "init", "-q"], check=True)  # a deck repository
        number, record = self.note_at(built, 3)
        lines = built.copy()
        lines[number] = lines[number].replace(json.dumps(record[field]), json.dumps(value), 1)
        (message,) = self.refused(runner, lines)
        assert message.startswith(f"{LOCK}:{number + 1}:1: error: the lock was edited by hand")
        assert f"git checkout -- {LOCK}" in message
        assert "`ankigen build --accept-lock-edits`" in message

    def test_two_guids_swapped(self, runner: CliRunner, built: list[str]) -> None:
        (first, one), (second, other) = self.note_at(built, 1), self.note_at(built, 2)
        lines = built.copy()
        lines[first] = lines[first].replace(str(one["guid"]), "SWAP")
        lines[first] = lines[first].replace("SWAP", str(other["guid"]))
        lines[second] = lines[second].replace(str(other["guid"]), str(one["guid"]))
        messages = self.refused(runner, lines)
        assert [m.split(": error")[0] for m in messages] == [
            f"{LOCK}:{first + 1}:1",
            f"{LOCK}:{second + 1}:1",
        ]

    def test_removed_in_added_to_a_live_note(self, runner: CliRunner, built: list[str]) -> None:
        number, _ = self.note_at(built, 0)
        lines = built.copy()
        lines[number] = lines[number].replace(', "sig"', ', "removed_in": "1.0.0", "sig"')
        (message,) = self.refused(runner, lines)
        assert message.startswith(f"{LOCK}:{number + 1}:1: error: the lock was edited by hand")

    def test_the_version_set_back(self, runner: CliRunner, built: list[str]) -> None:
        header = json.loads(built[0]) | {"version": "0.0.1"}
        (message,) = self.refused(runner, [json.dumps(header), *built[1:]])
        assert message.startswith(f"{LOCK}:1:1: error: the lock was edited by hand (its first")

    def test_a_line_deleted(self, runner: CliRunner, built: list[str]) -> None:
        (message,) = self.refused(runner, [*built[:-2], built[-1]])
        assert message.startswith(f"{LOCK}:1:1: error: the lock was edited by hand (its first")

    def test_a_deliberate_edit_is_kept_when_asked(
        self, runner: CliRunner, built: list[str]
    ) -> None:
        number, record = self.note_at(built, 0)
        lines = built.copy()
        lines[number] = lines[number].replace(json.dumps(record["section"]), '"Renamed"', 1)
        LOCK.write_text("\n".join(lines) + "\n", encoding="utf-8")
        result = runner.invoke(cli, ["build", "--accept-lock-edits"])
        assert result.exit_code == 0, result.stderr
        assert "version 1.0.0 -> 1.0.1" in result.output  # the note is moved back to its section
        assert runner.invoke(cli, ["build", "--check"]).exit_code == 0

    def test_a_missing_lock_after_a_release(self, runner: CliRunner, built: list[str]) -> None:
        LOCK.unlink()
        result = runner.invoke(cli, ["build"])
        assert result.exit_code == 1
        deck = Path("decks/ml-interview-questions-1.0.0.apkg")
        assert result.stderr == (
            f"{LOCK}: error: is missing, but {deck} holds version 1.0.0 of the deck: a new lock "
            "would give every learner a second copy of every card; restore "
            f"{LOCK} from the copy released with the deck (this folder is not in a git "
            "repository: keep the lock under version control, with the deck)\n"
        )
        assert not LOCK.exists()

    def test_a_lock_older_than_the_deck(self, runner: CliRunner, built: list[str]) -> None:
        old = LOCK.read_bytes()
        content = Path("content/ml-interview-questions.md")
        text = content.read_text(encoding="utf-8")
        content.write_text(text.replace("trial and error", "trial-and-error"), encoding="utf-8")
        runner.invoke(cli, ["build"], catch_exceptions=False)
        LOCK.write_bytes(old)  # the lock of 1.0.0 beside the deck of 1.0.1
        result = runner.invoke(cli, ["build"])
        assert result.exit_code == 1
        assert result.stderr.startswith(
            f"{LOCK}:1:1: error: is at version 1.0.0, but decks/ml-interview-questions-1.0.1.apkg "
            "holds version 1.0.1: versions never go back"
        )

    def test_check_and_preview_read_the_decks_where_they_are_built(
        self, runner: CliRunner, project: Path
    ) -> None:
        runner.invoke(cli, ["build", "-o", "out"], catch_exceptions=False)
        old = LOCK.read_bytes()
        content = Path("content/ml-interview-questions.md")
        text = content.read_text(encoding="utf-8")
        content.write_text(text.replace("trial and error", "trial-and-error"), encoding="utf-8")
        runner.invoke(cli, ["build", "-o", "out"], catch_exceptions=False)
        LOCK.write_bytes(old)  # the lock of 1.0.0 beside the deck of 1.0.1 in out/
        refused = "but out/ml-interview-questions-1.0.1.apkg holds version 1.0.1"
        checked = runner.invoke(cli, ["check", "-o", "out"])
        assert (checked.exit_code, refused in checked.stderr) == (1, True)
        shown = runner.invoke(cli, ["preview", str(content), "--decks", "out"])
        assert (shown.exit_code, refused in shown.stderr) == (1, True)
        assert runner.invoke(cli, ["check"]).exit_code == 0  # decks/ holds no deck of it


def test_a_refused_edit_keeps_learners_from_duplicates(
    runner: CliRunner, project: Path, learner: Learner
) -> None:
    """An edited GUID is refused; restored from git, the next version updates the note the
    learner has instead of adding a second one."""
    runner.invoke(cli, ["build"], catch_exceptions=False)
    learner.import_deck(Path("decks/ml-interview-questions-1.0.0.apkg"))
    good = LOCK.read_bytes()
    lines = LOCK.read_text(encoding="utf-8").splitlines()
    guid = json.loads(lines[-2])["guid"]
    edited = lines[-2].replace(guid, "x" + guid[1:])
    LOCK.write_text("\n".join([*lines[:-2], edited, lines[-1]]) + "\n")
    content = Path("content/ml-interview-questions.md")
    text = content.read_text(encoding="utf-8")
    content.write_text(text.replace("trial and error", "trial-and-error"), encoding="utf-8")
    assert runner.invoke(cli, ["build"]).exit_code == 1
    LOCK.write_bytes(good)  # `git checkout -- content/ml-interview-questions.lock`
    runner.invoke(cli, ["build"], catch_exceptions=False)
    log = learner.import_deck(Path("decks/ml-interview-questions-1.0.1.apkg"))
    assert (len(log.new), len(log.updated), len(log.conflicting)) == (0, 1, 0)


class TestLockSize:
    """A lock may grow with its content file: a large deck's lock is read, a lock far larger
    than its content is refused saying what was measured."""

    def test_a_lock_grows_with_its_content(self, tmp_path: Path) -> None:
        content = tmp_path / "big.md"
        content.write_bytes(b"x" * (20 * 2**20))  # a content file of 20 MiB
        lock = tmp_path / "big.lock"
        lock.write_bytes(b"{" + b" " * (70 * 2**20))  # past 64 MiB, within 4 times 20 MiB
        with pytest.raises(AnkigenError) as read:
            load_lock(lock)
        assert "larger than" not in str(read.value)  # read, and found to be no JSON
        lock.write_bytes(b"{" + b" " * (81 * 2**20))
        with pytest.raises(AnkigenError) as refused:
            load_lock(lock)
        assert str(refused.value) == (
            f"{lock}: error: is larger than 80 MiB (4 times the size of its content, or 64 MiB "
            "at least): not a lock a build wrote for it"
        )


def test_a_lock_checked_out_with_crlf_line_endings(runner: CliRunner, project: Path) -> None:
    """Git for Windows may check a lock out with `\\r\\n` line endings: it is the same lock."""
    runner.invoke(cli, ["build"], catch_exceptions=False)
    LOCK.write_bytes(LOCK.read_bytes().replace(b"\n", b"\r\n"))
    assert runner.invoke(cli, ["build", "--check"]).exit_code == 0
    content = Path("content/ml-interview-questions.md")
    content.write_text(content.read_text().replace("trial and error", "trial-and-error"))
    result = runner.invoke(cli, ["build"])
    assert result.exit_code == 0, result.stderr
    assert "version 1.0.0 -> 1.0.1" in result.output


def test_its_checks_cannot_be_switched_off(runner: CliRunner, project: Path) -> None:
    """Setting a signed lock's format back to 1 (which is not signed) does not skip its
    checks: the edit is refused at the header."""
    runner.invoke(cli, ["build"], catch_exceptions=False)
    text = LOCK.read_text(encoding="utf-8")
    LOCK.write_text(text.replace('"ankigen_lock": 3', '"ankigen_lock": 1', 1), encoding="utf-8")
    result = runner.invoke(cli, ["build"])
    assert result.exit_code == 1
    assert result.stderr.startswith(
        f"{LOCK}:1:1: error: names format 1, but its lines are signed as a later format's"
    )


def test_a_lock_larger_than_the_fixed_limit_is_read_back_and_smaller_than_its_content(
    runner: CliRunner, project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With the least size a limit allows lowered far below this deck's lock (as a deck of
    100,000 notes outgrows any fixed one), a build, an edited answer and a rebuild all
    succeed, and the lock holds no answers: it is smaller than its content file."""
    monkeypatch.setattr(ankigen.versions.lock, "MAX_BYTES", 1000)
    content = Path("content/ml-interview-questions.md")
    runner.invoke(cli, ["build"], catch_exceptions=False)
    assert LOCK.stat().st_size > 1000
    text = content.read_text(encoding="utf-8")
    content.write_text(text.replace("trial and error", "trial-and-error"), encoding="utf-8")
    result = runner.invoke(cli, ["build"])
    assert result.exit_code == 0, result.stderr
    assert "version 1.0.0 -> 1.0.1" in result.output
    assert LOCK.stat().st_size < content.stat().st_size
    assert "trial" not in LOCK.read_text(encoding="utf-8")


def test_a_lock_of_the_format_before_is_rewritten_keeping_every_note(
    runner: CliRunner, project: Path
) -> None:
    """A lock written by the version before (format 2, each answer's text on its line) is
    read, and the next build rewrites it without the answers, keeping every GUID, `mod`,
    digest and the version: nothing changes for learners."""
    shutil.copy(FIXTURES / "ml-interview-questions-1.0.1.lock", LOCK)
    before = load_lock(LOCK)
    result = runner.invoke(cli, ["build"])
    assert result.exit_code == 0, result.stderr
    assert json.loads(LOCK.read_text(encoding="utf-8").split("\n", 1)[0])["ankigen_lock"] == 3
    after = load_lock(LOCK)
    assert after.version == before.version == "1.0.1"
    assert after.notes == tuple(sorted(before.notes, key=lambda note: note.guid))
    assert LOCK.stat().st_size < (FIXTURES / "ml-interview-questions-1.0.1.lock").stat().st_size
