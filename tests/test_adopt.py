"""`ankigen adopt`: a deck made by another tool moves to ankigen without duplicates or lost
reviews, checked with Anki's own importer."""

from __future__ import annotations

import html
import json
import os
import sqlite3
import time
import zipfile
from contextlib import closing
from pathlib import Path

import genanki
import pytest
from click.testing import CliRunner

from ankigen.cli import cli
from tests.anki_helpers import Learner

OTHER_TOOL = genanki.Model(
    1607392320,
    "Basic (another tool)",
    fields=[{"name": "Front"}, {"name": "Back"}],
    templates=[{"name": "Card 1", "qfmt": "{{Front}}", "afmt": "{{FrontSide}}<hr>{{Back}}"}],
)
OLD = [
    ("What is overfitting?", "When a model learns the noise of its training data."),
    ("What is underfitting?", "When a model is too simple for its data."),
    ("What is a learning rate?", "The size of each step of gradient descent."),
    ("What is dropout?", "Switching off random units while training."),
    ("What is a batch?", "The examples one step of training sees."),
    ("What is an epoch?", "One pass over the training data."),
]
CONTENT = """\
+++
title = "Machine Learning Basics"
deck_id = 1610000000
+++

### Basics

1. What is overfitting?
When a model learns the noise of its training data.

2. What is underfitting?
When a model is too simple for the patterns in its data.

3. What is the learning rate?
The size of each step of gradient descent.

4. What is dropout?
Switching off random units while training.

5. What is a batch?
The examples one step of training sees.

6. What is early stopping?
Ending training when validation loss stops falling.
"""


def old_deck(path: Path, notes: list[tuple[str, str]]) -> dict[str, str]:
    """A deck as another tool writes it (plain genanki: its own GUIDs, its own note type
    with fields Front and Back); question -> GUID."""
    deck = genanki.Deck(2000000001, "ML (another tool)")
    guids = {}
    for question, answer in notes:
        note = genanki.Note(
            model=OTHER_TOOL,
            fields=[html.escape(question), f"<div>{html.escape(answer)}</div>"],
        )
        deck.add_note(note)
        guids[question] = note.guid
    genanki.Package(deck).write_to_file(str(path), timestamp=1_700_000_000)
    return guids


@pytest.fixture
def maintainer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "ml.md").write_text(CONTENT, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize("merge", [False, True], ids=["default options", "merge note types"])
def test_moving_a_deck_keeps_cards_and_reviews(
    runner: CliRunner, maintainer: Path, learner: Learner, merge: bool
) -> None:
    """Learners import the first version with the default options, or with *Merge note
    types* on: either way, no note is new but the new question, none conflicts, each keeps
    its one card and its reviews."""
    guids = old_deck(maintainer / "old.apkg", OLD)
    assert len(learner.import_deck(maintainer / "old.apkg").new) == 6
    reviewed = learner.review("ML (another tool)", 2)

    planned = runner.invoke(cli, ["adopt", "old.apkg", "content/ml.md", "--dry-run"])
    assert planned.exit_code == 0, planned.output
    assert not Path("content/ml.lock").exists()
    assert planned.output.splitlines() == [
        "old.apkg -> content/ml.lock (dry run: nothing written)",
        "  matched 5 notes: 4 by their question, 1 by their answer or a similar question",
        "  ~ 'What is a learning rate?' -> 'What is the learning rate?'",
        "  1 old note with no question (the next version ships them once more, marked as removed):",
        "  - 'What is an epoch?'",
        "  1 new question:",
        "  + 'What is early stopping?'",
        "  the cards stay in the deck learners have: 'ML (another tool)'",
        "Next: `ankigen build` makes version 1.0.0, which learners import over the deck they "
        "have, with the default options.",
    ]
    assert runner.invoke(cli, ["adopt", "old.apkg"], catch_exceptions=False).exit_code == 0
    built = runner.invoke(cli, ["build"], catch_exceptions=False)
    assert "version 1.0.0, taking over a deck made by another tool" in built.output
    notes = runner.invoke(cli, ["diff", "--format", "markdown"]).output
    assert "Import it over the one you have, with the default options" in notes

    moved = learner.import_deck(Path("decks/ml-1.0.0.apkg"), merge_notetypes=merge)
    new = set(moved.new)
    assert moved.conflicting == frozenset()
    assert len(new) == 1
    assert learner.note(new.pop())["Front"] == "What is early stopping?"
    assert moved.updated == frozenset(guids.values())  # the removed one too: it says so
    kinds = learner.db.list("select distinct n.name from notes join notetypes n on n.id = mid")
    assert kinds == ["Machine Learning Basics (ankigen)"]
    assert learner.col.card_count() == 7, "one card a note: the learner's own"
    for guid in reviewed:
        assert learner.card_of(guid).reps == 1, "reviews are kept"
    reworded = learner.note(guids["What is a learning rate?"])
    assert reworded["Front"] == "What is the learning rate?"
    edited = learner.note(guids["What is underfitting?"])
    assert edited["Back"] == "<p>When a model is too simple for the patterns in its data.</p>"
    assert "patterns in its data" in learner.card_of(edited.guid).answer()
    gone = learner.note(guids["What is an epoch?"])
    assert "ml::removed" in gone.tags
    decks = learner.db.list("select distinct d.name from cards c join decks d on d.id = c.did")
    assert decks == ["ML (another tool)"], "every card, the new one too, in the learner's deck"
    assert learner.col.decks.by_name("Machine Learning Basics") is None
    description = learner.col.decks.by_name("ML (another tool)")
    assert description is not None
    assert "moves the deck to ankigen" in description["desc"]

    again = learner.import_deck(Path("decks/ml-1.0.0.apkg"))
    assert (again.new, again.updated, again.conflicting) == (frozenset(),) * 3


@pytest.mark.parametrize("legacy", [False, True], ids=["anki21b", "anki21"])
def test_a_deck_exported_from_anki(
    runner: CliRunner, maintainer: Path, learner: Learner, legacy: bool
) -> None:
    """A deck exported from Anki itself, with scheduling, in its newest format or in the
    one older versions read, is read too."""
    guids = old_deck(maintainer / "old.apkg", OLD[:2])
    learner.import_deck(maintainer / "old.apkg")
    learner.review("ML (another tool)", 1)
    from anki.collection import ExportAnkiPackageOptions

    exported = maintainer / "exported.apkg"
    options = ExportAnkiPackageOptions(with_scheduling=True, with_media=False, legacy=legacy)
    learner.col.export_anki_package(out_path=str(exported), options=options, limit=None)
    result = runner.invoke(cli, ["adopt", str(exported), "content/ml.md"])
    assert result.exit_code == 0, result.output
    assert "matched 2 notes" in result.output
    lock = [json.loads(line) for line in Path("content/ml.lock").read_text().splitlines()]
    assert set(guids.values()) <= {record.get("guid") for record in lock[1:]}
    assert lock[0]["kept_deck"]["name"] == "ML (another tool)"


def test_the_content_s_own_deck_when_asked(runner: CliRunner, maintainer: Path) -> None:
    """`--own-deck`: the cards go to the content's own deck, and the plan says nothing of
    the deck learners have."""
    old_deck(maintainer / "old.apkg", OLD)
    result = runner.invoke(cli, ["adopt", "old.apkg", "--own-deck"])
    assert result.exit_code == 0, result.stderr
    assert "the cards stay in the deck" not in result.output
    header = json.loads(Path("content/ml.lock").read_text().splitlines()[0])
    assert "kept_deck" not in header


def test_an_existing_lock_is_replaced_only_when_asked(runner: CliRunner, maintainer: Path) -> None:
    old_deck(maintainer / "old.apkg", OLD)
    runner.invoke(cli, ["build"], catch_exceptions=False)
    before = Path("content/ml.lock").read_bytes()
    refused = runner.invoke(cli, ["adopt", "old.apkg"])
    assert refused.exit_code == 1
    assert refused.stderr.startswith("content/ml.lock: error: exists: `--force` replaces it")
    assert Path("content/ml.lock").read_bytes() == before
    forced = runner.invoke(cli, ["adopt", "old.apkg", "--force"])
    assert "replaces the lock of version 1.0.0 with 6 notes" in forced.output


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"not a zip at all", "is not an Anki package (.apkg): not a zip file"),
        (None, "is not an Anki package: it holds no collection"),
    ],
)
def test_a_file_that_is_not_a_deck(
    runner: CliRunner, maintainer: Path, data: bytes | None, message: str
) -> None:
    path = maintainer / "bad.apkg"
    if data is None:
        import zipfile

        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr("media", "{}")
    else:
        path.write_bytes(data)
    result = runner.invoke(cli, ["adopt", str(path)])
    assert (result.exit_code, result.stderr) == (1, f"{path}: error: {message}\n")
    assert not Path("content/ml.lock").exists()


def _named_deck(path: Path, front: str, back: str) -> None:
    """A deck of another tool whose note type's fields have the names given."""
    model = genanki.Model(
        1607392399,
        "Basic (named fields)",
        fields=[{"name": front}, {"name": back}],
        templates=[{"name": "Card 1", "qfmt": "{{" + front + "}}", "afmt": "{{" + back + "}}"}],
    )
    deck = genanki.Deck(2000000002, "Named fields")
    deck.add_note(genanki.Note(model=model, fields=["What is overfitting?", "Noise learned."]))
    genanki.Package(deck).write_to_file(str(path), timestamp=1_700_000_000)


def test_a_field_name_that_would_be_markup_is_refused(runner: CliRunner, maintainer: Path) -> None:
    """A field's name goes into the templates as it is: one that would close the tag and
    open HTML is refused, and nothing is written."""
    _named_deck(maintainer / "old.apkg", "A}}<img src=x onerror=alert(1)>{{A", "Back")
    result = runner.invoke(cli, ["adopt", "old.apkg", "content/ml.md"])
    assert result.exit_code == 1
    assert "which no template can name safely" in result.stderr
    assert not Path("content/ml.lock").exists()


def test_field_names_with_spaces_show_in_the_preview(runner: CliRunner, maintainer: Path) -> None:
    _named_deck(maintainer / "old.apkg", "Front Side", "Back Side")
    assert runner.invoke(cli, ["adopt", "old.apkg", "content/ml.md"]).exit_code == 0
    shown = runner.invoke(cli, ["preview", "content/ml.md", "-o", "page.html"])
    assert shown.exit_code == 0, shown.stderr
    page = Path("page.html").read_text(encoding="utf-8")
    assert "{{Front Side}}" not in page
    assert "What is overfitting?" in page


@pytest.mark.parametrize(("guid", "mod"), [("", 1_700_000_000), ("abc", 10**16)])
def test_notes_anki_could_not_hold_are_refused(
    runner: CliRunner, maintainer: Path, guid: str, mod: int
) -> None:
    """A note without a GUID, or with a time no Anki holds, would give a lock the next build
    refuses: the package is refused at once, and nothing is written."""
    deck = genanki.Deck(2000000003, "Odd")
    deck.add_note(genanki.Note(model=OTHER_TOOL, fields=["What is overfitting?", "Noise."]))
    genanki.Package(deck).write_to_file(str(maintainer / "old.apkg"), timestamp=1_700_000_000)
    with zipfile.ZipFile(maintainer / "old.apkg") as archive:
        (maintainer / "collection.anki2").write_bytes(archive.read("collection.anki2"))
    with closing(sqlite3.connect(maintainer / "collection.anki2")) as connection:
        connection.execute("UPDATE notes SET guid = ?, mod = ?", (guid, mod))
        connection.commit()
    with zipfile.ZipFile(maintainer / "odd.apkg", "w") as archive:
        archive.write(maintainer / "collection.anki2", "collection.anki2")
        archive.writestr("media", "{}")
    result = runner.invoke(cli, ["adopt", "odd.apkg", "content/ml.md"])
    assert result.exit_code == 1
    assert "holds a note without a GUID or a time Anki can hold" in result.stderr
    assert not Path("content/ml.lock").exists()


def test_a_lock_with_a_time_anki_cannot_hold(runner: CliRunner, maintainer: Path) -> None:
    assert runner.invoke(cli, ["build"]).exit_code == 0
    lock = Path("content/ml.lock")
    lines = lock.read_text(encoding="utf-8").splitlines()
    record = json.loads(lines[-2])
    lines[-2] = lines[-2].replace(f'"mod": {record["mod"]}', f'"mod": {10**16}', 1)
    lock.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = runner.invoke(cli, ["build", "--accept-lock-edits"])
    assert result.exit_code == 1
    assert "is not a time Anki can hold" in result.stderr


class TestWhatAdoptRefuses:
    """A package that is not what it says is refused with a message, in time and space
    bounded by its size; nothing is written."""

    def adopt(self, runner: CliRunner, package: Path) -> str:
        result = runner.invoke(cli, ["adopt", str(package), "content/ml.md"])
        assert result.exit_code == 1
        assert not Path("content/ml.lock").exists()
        return result.stderr

    def test_a_collection_that_is_not_zstd(self, runner: CliRunner, maintainer: Path) -> None:
        with zipfile.ZipFile(maintainer / "odd.apkg", "w") as archive:
            archive.writestr("collection.anki21b", b"not compressed at all" * 100)
        assert "is not an Anki package that can be read" in self.adopt(
            runner, maintainer / "odd.apkg"
        )

    def test_a_collection_that_expands_past_reason(
        self, runner: CliRunner, maintainer: Path
    ) -> None:
        with zipfile.ZipFile(maintainer / "bomb.apkg", "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("collection.anki2", b"\0" * (300 * 2**20))
        assert (maintainer / "bomb.apkg").stat().st_size < 2**20
        assert "expands to more than 256 MiB" in self.adopt(runner, maintainer / "bomb.apkg")

    def test_a_pipe(self, runner: CliRunner, maintainer: Path) -> None:
        os.mkfifo(maintainer / "pipe.apkg")
        assert "is not a file" in self.adopt(runner, maintainer / "pipe.apkg")


def test_a_collection_that_reads_forever_is_refused_in_time(
    runner: CliRunner, maintainer: Path
) -> None:
    """A `notes` table that is a view recursing without end is stopped, in time bounded by
    the package's size, and refused with a message."""
    collection = maintainer / "collection.anki2"
    with closing(sqlite3.connect(collection)) as connection:
        connection.executescript(
            """
            CREATE TABLE col (models TEXT);
            CREATE VIEW notes AS
              WITH RECURSIVE n(id) AS (SELECT 1 UNION ALL SELECT id + 1 FROM n)
              SELECT id, 'guid' || id AS guid, 1 AS mod, 'q' AS flds, 1 AS mid FROM n;
            """
        )
    with zipfile.ZipFile(maintainer / "endless.apkg", "w") as archive:
        archive.write(collection, "collection.anki2")
    started = time.monotonic()
    result = runner.invoke(cli, ["adopt", "endless.apkg", "content/ml.md"])
    assert time.monotonic() - started < 10
    assert result.exit_code == 1
    assert "s to read" in result.stderr
    assert "not an Anki deck ankigen takes over" in result.stderr
    assert not Path("content/ml.lock").exists()
