"""A deck of many files: a folder is one deck with one lock, each file a sub-deck if asked;
a question moved between files keeps its identity, its time and its learner's reviews."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from ankigen.cli import cli
from tests.anki_helpers import Learner

DETAILS = 'title = "Spanish"\ndeck_id = 1400000001\nsubdecks = "files"\n'
VERBS = "1. What does *hablar* mean?\nTo speak.\n\n2. What does *comer* mean?\nTo eat.\n"
NOUNS = (
    '+++\ntitle = "Nouns and articles"\n+++\n\n'
    "1. What does *la casa* mean?\nThe house.\n\n2. What does *el perro* mean?\nThe dog.\n"
)
PHRASES = "1. What does *buenos días* mean?\nGood morning.\n"


@pytest.fixture
def spanish(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project whose deck is a folder: its details, and a file a chapter."""
    folder = tmp_path / "content" / "spanish"
    folder.mkdir(parents=True)
    (folder / "deck.toml").write_text(DETAILS, encoding="utf-8")
    (folder / "01-verbs.md").write_text(VERBS, encoding="utf-8")
    (folder / "02-nouns.md").write_text(NOUNS, encoding="utf-8")
    (folder / "03_phrases.md").write_text(PHRASES, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return folder


def decks_of(learner: Learner) -> dict[str, str]:
    """Each note's question (its start) -> the deck its card is in."""
    rows = learner.db.all(
        "select n.flds, d.name from cards c join notes n on n.id = c.nid "
        "join decks d on d.id = c.did"
    )
    return {fields.split("\x1f")[0]: name.replace("\x1f", "::") for fields, name in rows}


def test_a_folder_is_one_deck_with_a_sub_deck_a_file(
    runner: CliRunner, spanish: Path, learner: Learner
) -> None:
    result = runner.invoke(cli, ["build"])
    assert result.exit_code == 0, result.stderr
    assert result.output.startswith("content/spanish -> decks/spanish-1.0.0.apkg")
    assert "version 1.0.0: 5 questions" in result.output
    assert Path("content/spanish.lock").is_file()
    assert len(learner.import_deck(Path("decks/spanish-1.0.0.apkg")).new) == 5
    assert decks_of(learner) == {
        "What does <em>hablar</em> mean?": "Spanish::Verbs",
        "What does <em>comer</em> mean?": "Spanish::Verbs",
        "What does <em>la casa</em> mean?": "Spanish::Nouns and articles",
        "What does <em>el perro</em> mean?": "Spanish::Nouns and articles",
        "What does <em>buenos días</em> mean?": "Spanish::Phrases",
    }
    assert runner.invoke(cli, ["build", "--check"]).exit_code == 0


def test_a_question_moved_to_another_file_keeps_its_note(
    runner: CliRunner, spanish: Path, learner: Learner
) -> None:
    """Moved to another file, a question keeps its GUID, its time and its reviews: Anki
    updates nothing, and leaves its card in the sub-deck the learner has it in (Anki never
    moves a card on import); a new learner finds it in its new sub-deck."""
    assert runner.invoke(cli, ["build"]).exit_code == 0
    learner.import_deck(Path("decks/spanish-1.0.0.apkg"))
    (guid,) = learner.review("Spanish::Nouns and articles", 1)
    moved = "1. What does *la casa* mean?\nThe house.\n\n"
    (spanish / "02-nouns.md").write_text(NOUNS.replace(moved, ""), encoding="utf-8")
    (spanish / "01-verbs.md").write_text(VERBS + "\n3." + moved[2:], encoding="utf-8")
    result = runner.invoke(cli, ["build"])
    assert result.exit_code == 0, result.stderr
    assert "version 1.0.0 -> 1.0.1" in result.output
    assert "moved 1" in result.output
    log = learner.import_deck(Path("decks/spanish-1.0.1.apkg"))
    assert (len(log.new), len(log.updated)) == (0, 0)
    assert learner.card_of(guid).reps == 1
    assert decks_of(learner)["What does <em>la casa</em> mean?"] == "Spanish::Nouns and articles"
    newcomer = Learner(spanish.parent.parent / "newcomer" / "collection.anki2")
    try:
        newcomer.import_deck(Path("decks/spanish-1.0.1.apkg"))
        assert newcomer.note(guid)["Question"] == "What does <em>la casa</em> mean?"
        assert decks_of(newcomer)["What does <em>la casa</em> mean?"] == "Spanish::Verbs"
    finally:
        newcomer.close()


def test_a_file_renamed_keeps_every_guid(runner: CliRunner, spanish: Path) -> None:
    assert runner.invoke(cli, ["build"]).exit_code == 0
    before = runner.invoke(cli, ["parse", "content/spanish"]).output
    (spanish / "01-verbs.md").rename(spanish / "01-verbos.md")
    after = runner.invoke(cli, ["parse", "content/spanish"]).output
    assert [line.split()[1] for line in after.splitlines()] == [
        line.split()[1] for line in before.splitlines()
    ]


def test_a_question_asked_in_two_files(runner: CliRunner, spanish: Path) -> None:
    (spanish / "02-nouns.md").write_text(
        NOUNS + "\n3. What does *comer* mean?\nTo have lunch.\n", encoding="utf-8"
    )
    result = runner.invoke(cli, ["check"])
    assert result.exit_code == 0
    assert result.stderr == (
        "content/spanish/02-nouns.md:11:1: warning: the same question is asked on "
        "content/spanish/01-verbs.md line 4, with another answer: both are cards\n"
    )


def test_a_single_file_beside_a_folder_deck(runner: CliRunner, spanish: Path) -> None:
    """A content file beside a deck folder is a deck of its own, as before."""
    Path("content/french.md").write_text("1. What does *manger* mean?\nTo eat.\n")
    result = runner.invoke(cli, ["build"])
    assert result.exit_code == 0, result.stderr
    assert sorted(path.name for path in Path("decks").glob("*.apkg")) == [
        "french-1.0.0.apkg",
        "spanish-1.0.0.apkg",
    ]


def test_each_section_a_sub_deck(runner: CliRunner, tmp_path: Path, learner: Learner) -> None:
    """`subdecks = "headings"`: each section of a file is a sub-deck."""
    content = tmp_path / "content" / "german.md"
    content.parent.mkdir()
    content.write_text(
        '+++\ntitle = "German"\nsubdecks = "headings"\n+++\n\n## Verbs\n\n'
        "1. What does *gehen* mean?\nTo go.\n\n## Nouns\n\n1. What does *das Haus* mean?\n"
        "The house.\n",
        encoding="utf-8",
    )
    result = runner.invoke(cli, ["build", str(content), "-o", str(tmp_path / "decks")])
    assert result.exit_code == 0, result.stderr
    learner.import_deck(tmp_path / "decks" / "german-1.0.0.apkg")
    assert decks_of(learner) == {
        "What does <em>gehen</em> mean?": "German::Verbs",
        "What does <em>das Haus</em> mean?": "German::Nouns",
    }


def test_a_file_and_a_folder_cannot_share_a_deck(runner: CliRunner, spanish: Path) -> None:
    """A content file beside a deck folder is checked against it as against any deck: the
    same `deck_id` or title is refused, naming the folder."""
    Path("content/copy.md").write_text(
        '+++\ntitle = "Spanish again"\ndeck_id = 1400000001\n+++\n\n1. Q?\nA.\n',
        encoding="utf-8",
    )
    result = runner.invoke(cli, ["check", "content/copy.md"])
    assert result.exit_code == 1
    assert "`deck_id` 1400000001 is also the deck_id of content/spanish" in result.stderr
