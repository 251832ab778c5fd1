"""The lock is the memory of every learner's GUIDs: damage is reported, never papered over."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from ankigen.cli import cli

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
        assert f"git checkout -- {LOCK}" in message

    def test_missing_field(self, runner: CliRunner, built: list[str]) -> None:
        record = json.loads(built[-1])
        del record["mod"]
        message = broken_build(runner, [*built[:-1], json.dumps(record)])
        assert message.startswith(f"{LOCK}:{len(built)}:1: error: `mod` is missing or not a int")

    def test_duplicate_guid(self, runner: CliRunner, built: list[str]) -> None:
        message = broken_build(runner, [*built, built[-1]])
        assert message.startswith(f"{LOCK}:1:1: error: a GUID appears twice")

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
        records = [json.loads(line) for line in built[1:]]
        notes = [record for record in records if "change" not in record]
        assert len(notes) == 100
        assert [n["guid"] for n in notes] == sorted(n["guid"] for n in notes)
        assert set(notes[0]) == {"guid", "mod", "hash", "section", "question", "answer"}

    def test_an_answer_edit_changes_one_note_line(
        self, runner: CliRunner, built: list[str]
    ) -> None:
        content = Path("content/ml-interview-questions.md")
        text = content.read_text(encoding="utf-8")
        content.write_text(text.replace("trial and error", "trial-and-error"), encoding="utf-8")
        runner.invoke(cli, ["build"], catch_exceptions=False)
        after = LOCK.read_text(encoding="utf-8").splitlines()
        note_lines = [line for line in after if '"answer"' in line]
        changed = set(note_lines) - set(built)
        assert len(changed) == 1
        assert "trial-and-error" in changed.pop()


def test_note_lines_are_json_dumps_lines() -> None:
    """The lock writes note lines by hand for speed: they must read as JSON's own."""
    import json

    from ankigen.lock import _note_line
    from ankigen.records import LockedNote

    for removed_in in ("", "2.0.0"):
        note = LockedNote('g"\\\\', 'Q "é" \u2028 \n\t', "A\x00<>&", "S\u00e9", "h", 5, removed_in)
        record = {
            "guid": note.guid,
            "mod": 5,
            "hash": "h",
            "section": note.section,
            "question": note.question,
            "answer": note.answer,
        }
        if removed_in:
            record["removed_in"] = removed_in
        assert _note_line(note) == json.dumps(record, ensure_ascii=False) + "\n"


def test_change_lines_are_json_dumps_lines() -> None:
    """Change lines are written by hand for speed too."""
    from ankigen.lock import _change_line
    from ankigen.records import Change, ChangeKind

    for kind in ChangeKind:
        for was in ("", 'Old "é" \u2028 \n\t\x00'):
            change = Change(kind, 'g"\\', "Q", was, "S")
            record = {"change": kind.value, "guid": change.guid} | ({"was": was} if was else {})
            assert _change_line(change) == json.dumps(record, ensure_ascii=False) + "\n"
