"""A learner imports v1, studies, edits a note; the maintainer changes the source; v2 arrives.

This is the promise of the deck: the update brings exactly the changes, no duplicates, no
lost reviews, and the learner's own edits to notes the update did not touch survive.
"""

from __future__ import annotations

import dataclasses
import time
from pathlib import Path

import pytest

from ankigen.building import Build, NoteTypeOf, plan_build
from ankigen.cards import notetype
from ankigen.records import ChangeKind
from ankigen.versions.release_notes import describe_plan
from tests.anki_helpers import Imported, Learner
from tests.conftest import CONTENT, DECK

V1_TIME = int(time.time()) - 86400
V2_TIME = int(time.time()) + 3600
"""v2 is built after the learner imported v1 and studied: an hour from now."""
EDITED_ANSWER = "What is reinforcement learning, and how does it work?"
REWORDED = (
    "What is overfitting, and how can it be prevented?",
    "What is overfitting, and how can you prevent it?",
)
MOVED = "How do you choose the appropriate evaluation metric for a given problem?"
REMOVED = "What are kernel methods, and how do they extend linear models?"
INSERTED = "What is early stopping, and why does it help?"
LEARNERS_OWN = "What is the vanishing gradient problem, and how can it be addressed?"


def edit_source(text: str) -> str:
    """The maintainer's edits for v2, made to the Markdown the way a person would."""
    lines = text.splitlines()
    out: list[str] = []
    skip = False
    number = 0
    moved_block: list[str] = []
    for index, line in enumerate(lines):
        head = line.split(". ", 1)
        is_question = head[0].isdigit() and len(head) == 2
        if is_question:
            skip = head[1] in (REMOVED, MOVED)
            if head[1] == MOVED:
                moved_block = [head[1], lines[index + 1]]
            if skip:
                continue
            number += 1
            question = REWORDED[1] if head[1] == REWORDED[0] else head[1]
            out.append(f"{number}. {question}")
            if head[1].startswith("What is deep learning"):
                answer = lines[index + 1]
                out += [
                    answer,
                    "",
                    f"{number + 1}. {INSERTED}",
                    "Training stops when validation loss stops improving.",
                ]
                number += 1
                skip = True
            continue
        if skip:
            if not line.strip():
                skip = False
                out.append(line)
            continue
        if out and out[-1] == f"{number}. {EDITED_ANSWER}":
            line += " It is how AlphaGo learned to play Go."
        out.append(line)
        if line == "### Theoretical Concepts":
            number += 1
            out += ["", f"{number}. {moved_block[0]}", moved_block[1]]
    return "\n".join(out) + "\n"


def build(project: Path, now: int, note_type: NoteTypeOf = notetype.note_type) -> Build:
    content = project / "content" / CONTENT.name
    planned = plan_build(content, project / "decks", now=now, note_type=note_type)
    planned.write()
    return planned


@dataclasses.dataclass
class Scenario:
    learner: Learner
    v1: Build
    v2: Build
    reviewed: list[str]
    first_import: Imported
    second_import: Imported

    def guid(self, question: str) -> str:
        (note,) = [n for n in self.learner.notes() if n["Question"] == question]
        return str(note.guid)


@pytest.fixture
def scenario(project: Path, learner: Learner) -> Scenario:
    v1 = build(project, V1_TIME)
    first = learner.import_deck(v1.deck_path)
    reviewed = learner.review("Machine Learning Interview Questions", 3)
    own = next(n for n in learner.notes() if n["Question"] == LEARNERS_OWN)
    learner.edit_answer(own.guid, own["Answer"] + "<p>My own mnemonic.</p>")

    content = project / "content" / CONTENT.name
    content.write_text(edit_source(content.read_text(encoding="utf-8")), encoding="utf-8")
    restyled = dataclasses.replace(
        notetype.note_type(DECK),
        css=notetype.note_type(DECK).css + "\n.ankigen { --v2: 1; }",
        hash="restyled-for-v2",
    )
    v2 = build(project, V2_TIME, lambda deck, kept: restyled)
    second = learner.import_deck(v2.deck_path)
    return Scenario(learner, v1, v2, reviewed, first, second)


class TestUpdate:
    """Importing v2 over v1 in a real collection."""

    def test_only_the_inserted_question_is_new(self, scenario: Scenario) -> None:
        assert scenario.second_import.new == {scenario.guid(INSERTED)}
        assert scenario.second_import.conflicting == frozenset()
        assert len(scenario.second_import.duplicate) == 96  # Anki's word for "left as it was"
        assert scenario.learner.col.note_count() == 101

    def test_changed_notes_are_updated_and_nothing_else(self, scenario: Scenario) -> None:
        learner = scenario.learner
        assert scenario.second_import.updated == {
            scenario.guid(EDITED_ANSWER),
            scenario.guid(REWORDED[1]),
            scenario.guid(MOVED),
            scenario.guid(REMOVED),
        }
        assert "AlphaGo" in learner.note(scenario.guid(EDITED_ANSWER))["Answer"]
        assert learner.note(scenario.guid(MOVED))["Section"] == "Theoretical Concepts"
        assert learner.note(scenario.guid(MOVED)).tags == [
            "ml-interview-questions::Theoretical_Concepts"
        ]

    def test_learners_own_edit_is_kept(self, scenario: Scenario) -> None:
        note = scenario.learner.note(scenario.guid(LEARNERS_OWN))
        assert note["Answer"].endswith("<p>My own mnemonic.</p>")

    def test_reviewed_cards_keep_their_reviews(self, scenario: Scenario) -> None:
        for guid in scenario.reviewed:
            card = scenario.learner.card_of(guid)
            assert card.reps == 1
            assert card.type != 0  # no longer a new card

    def test_removed_question_is_findable_by_tag(self, scenario: Scenario) -> None:
        found = scenario.learner.notes("tag:ml-interview-questions::removed")
        assert [note["Question"] for note in found] == [REMOVED]

    def test_removed_question_says_so_on_its_card(self, scenario: Scenario) -> None:
        """The version that removes a question updates its card with a line saying so."""
        back = scenario.learner.card_of(scenario.guid(REMOVED)).answer()
        assert scenario.v2.release.version == "2.0.0"
        assert "Removed from this deck in 2.0.0; you can delete or suspend it." in back

    def test_css_change_arrived(self, scenario: Scenario) -> None:
        card = scenario.learner.card_of(scenario.guid(LEARNERS_OWN))
        assert ".ankigen { --v2: 1; }</style>" in card.question(reload=True)
        names = scenario.learner.db.list("select name from notetypes where name like '%(ankigen)'")
        assert names == ["Machine Learning Interview Questions (ankigen)"]

    def test_importing_v2_again_changes_nothing(self, scenario: Scenario) -> None:
        again = scenario.learner.import_deck(scenario.v2.deck_path)
        assert (again.new, again.updated, again.conflicting) == (frozenset(),) * 3


class TestPlan:
    """What `ankigen build --dry-run` shows the maintainer for the same edits."""

    def test_counts_and_lines(self, scenario: Scenario) -> None:
        release = scenario.v2.release
        assert release.version == "2.0.0"
        assert release.counts == {
            ChangeKind.ADDED: 1,
            ChangeKind.CHANGED: 1,
            ChangeKind.REWORDED: 1,
            ChangeKind.MOVED: 1,
            ChangeKind.REMOVED: 1,
        }
        plan = describe_plan(release, verbose=True)
        assert plan.splitlines()[:2] == [
            "version 1.0.0 -> 2.0.0: 100 questions in 10 sections, and 1 removed question kept "
            "for the update",
            "  added 1, changed 1, re-worded 1, moved 1, removed 1, unchanged 96",
        ]
        assert f"  ~ re-worded: {REWORDED[0]!r} -> {REWORDED[1]!r}" in plan
        assert f"  - removed: {REMOVED!r}" in plan
        assert "  * restyled: the card templates or CSS changed" in plan

    def test_unchanged_notes_keep_their_mod(self, scenario: Scenario) -> None:
        old = {note.guid: note.mod for note in scenario.v1.release.notes}
        new = {note.guid: note.mod for note in scenario.v2.release.notes}
        changed = {guid for guid in new if old.get(guid) != new[guid]}
        assert len(changed) == 5
        assert all(new[guid] == V2_TIME for guid in changed)
