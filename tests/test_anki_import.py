"""The built deck, imported into a fresh collection by Anki's own importer, as a learner gets it."""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import pytest

from ankigen.building import plan_build
from ankigen.records import ChangeKind
from tests.anki_helpers import Learner
from tests.conftest import CONTENT, FIXTURES

SECTION_TAGS = {
    "ml-interview-questions::" + name
    for name in [
        "Basics",
        "Algorithms_and_Models",
        "Model_Evaluation",
        "Feature_Engineering",
        "Advanced_Topics",
        "Tools_and_Libraries",
        "Model_Deployment",
        "Machine_Learning_in_Practice",
        "Theoretical_Concepts",
        "Emerging_Trends_and_Future_Directions",
    ]
}


@pytest.fixture
def imported(project: Path, learner: Learner) -> Learner:
    build = plan_build(project / "content" / CONTENT.name, project / "decks", now=1_700_000_000)
    build.write()
    log = learner.import_deck(build.deck_path)
    assert (len(log.new), len(log.updated), len(log.conflicting)) == (100, 0, 0)
    return learner


def visible_text(html: str) -> str:
    without_style = re.sub(r"<style>.*?</style>", "", html, flags=re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", without_style).split())


class TestFirstImport:
    """A learner who imports the deck for the first time."""

    def test_100_notes_100_cards_in_one_deck(self, imported: Learner) -> None:
        col = imported.col
        assert (col.note_count(), col.card_count()) == (100, 100)
        deck = col.decks.by_name("Machine Learning Interview Questions")
        assert deck is not None
        assert len(col.find_cards(f"did:{deck['id']}")) == 100

    def test_sections_are_tags(self, imported: Learner) -> None:
        assert set(imported.col.tags.all()) == SECTION_TAGS
        for tag in SECTION_TAGS:
            assert len(imported.col.find_notes(f"tag:{tag}")) == 10

    def test_front_shows_section_and_question_back_adds_answer(self, imported: Learner) -> None:
        (note,) = imported.notes('"Question:What is overfitting*"')
        card = imported.card_of(note.guid)
        front, back = visible_text(card.question()), visible_text(card.answer())
        assert front == "Basics What is overfitting, and how can it be prevented?"
        assert back.startswith(front + " Overfitting occurs when a model")

    def test_new_cards_come_in_file_order(self, imported: Learner) -> None:
        first_three = [
            imported.col.get_note(imported.col.get_card(card_id).nid)["Question"]
            for card_id in sorted(
                imported.col.find_cards(""), key=lambda c: imported.col.get_card(c).due
            )[:3]
        ]
        assert first_three == [
            "What is machine learning, and how does it differ from traditional programming?",
            "What are the main types of machine learning?",
            "What is supervised learning, and what are some examples?",
        ]

    def test_deck_description_shows_version_and_count(self, imported: Learner) -> None:
        deck = imported.col.decks.by_name("Machine Learning Interview Questions")
        assert deck is not None
        assert "Version 1.0.0 · 100 questions" in deck["desc"]

    def test_cards_are_styled_for_night_mode_and_phones(self, imported: Learner) -> None:
        (notetype,) = [m for m in imported.col.models.all() if m["name"].endswith("(ankigen)")]
        assert ".card.nightMode" in notetype["css"]
        assert ".night_mode .card" in notetype["css"]
        assert "@media (max-width: 600px)" in notetype["css"]


def test_a_large_deck_imports_whole(tmp_path: Path, learner: Learner) -> None:
    """A deck of several megabytes is compressed to less than a third, and Anki reads every
    note of it."""
    content = tmp_path / "large.md"
    content.write_text(
        "\n".join(
            f"{i}. What does rule {i} say about case {i * 7919 % 10007}?\n"
            f"Rule {i} says that case {i * 7919 % 10007} follows from {i * 104729 % 99991}.\n"
            for i in range(1, 6001)
        ),
        encoding="utf-8",
    )
    build = plan_build(content, tmp_path / "decks", now=1_700_000_000)
    build.write()
    with zipfile.ZipFile(build.deck_path) as archive:
        collection = archive.getinfo("collection.anki2")
    assert collection.file_size > 2**20
    assert build.deck_path.stat().st_size * 3 < collection.file_size
    log = learner.import_deck(build.deck_path)
    assert (len(log.new), learner.col.card_count()) == (6000, 6000)
    (note,) = learner.notes('"Question:What does rule 5999 say*"')
    case, rule = 5999 * 7919 % 10007, 5999 * 104729 % 99991
    assert note["Answer"] == f"<p>Rule 5999 says that case {case} follows from {rule}.</p>"


def test_a_rebuild_changes_nothing_for_learners_of_the_first_release(
    project: Path, learner: Learner
) -> None:
    """The deck as first released (v1.0.0, whose file is kept in the fixtures), then a
    build of the content by this version of ankigen over the lock of 1.0.0: the note type
    (the one 1.0.0 shipped, pinned by the content) has a new look and its deck's name, and
    no note is new, updated or conflicting."""
    shutil.copy(FIXTURES / "ml-interview-questions-1.0.0.lock", project / "content")
    (project / "content" / "ml-interview-questions-1.0.0.lock").rename(
        project / "content" / "ml-interview-questions.lock"
    )
    first = learner.import_deck(FIXTURES / "ml-interview-questions-1.0.0.apkg")
    assert len(first.new) == 100
    build = plan_build(project / "content" / CONTENT.name, project / "decks", now=1_900_000_000)
    assert build.release.version == "1.0.1"
    assert [change.kind for change in build.release.changes] == [ChangeKind.STYLED]
    build.write()
    again = learner.import_deck(build.deck_path)
    assert (len(again.new), len(again.updated), len(again.conflicting)) == (0, 0, 0)
    assert again.duplicate == first.new  # Anki's word for "left as it was"
    assert learner.db.list("select name from notetypes where id = 1418221184") == [
        "Machine Learning Interview Questions (ankigen)"
    ]
