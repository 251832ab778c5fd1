"""A question keeps its GUID through every edit a maintainer makes, and never silently guesses."""

from __future__ import annotations

import pytest

from ankigen.building import next_release
from ankigen.errors import AnkigenError
from ankigen.reading.parsing import parse
from ankigen.reading.text import Text
from ankigen.records import Lock
from ankigen.versions.identity import identify

V1 = """\
### Basics

1. What is overfitting, and how can it be prevented?
Overfitting is when a model learns noise.

2. What is underfitting?
Underfitting is when a model is too simple.

### Advanced

3. What is dropout?
Dropout randomly disables units during training.

4. What is batch normalisation?
It normalises activations per mini-batch.
"""


def locked(text: str, lock: Lock = Lock()) -> Lock:  # noqa: B008  # Lock() is immutable
    """The lock a build of `text` over `lock` leaves behind."""
    return next_release(parse(Text("deck.md", text)), lock, 1_000).lock


def guids(text: str, lock: Lock) -> dict[str, str]:
    """Question -> GUID for `text` built over `lock`."""
    identity = identify(parse(Text("deck.md", text)), lock)
    return dict(zip((note.question for note in identity.notes), identity.guids, strict=True))


@pytest.fixture
def v1() -> dict[str, str]:
    return guids(V1, Lock())


class TestSurvives:
    """Each of these edits keeps every GUID."""

    @pytest.mark.parametrize(
        ("edit", "old", "new"),
        [
            ("answer edited", "Dropout randomly disables units", "Dropout zeroes random units"),
            ("renumbered", "1. What is overfitting", "7. What is overfitting"),
            ("section renamed", "### Advanced", "### Deep Learning"),
            ("typo fixed", "What is batch normalisation?", "What is batch normalization?"),
            (
                "re-phrased",
                "What is overfitting, and how can it be prevented?",
                "What is overfitting and how do you prevent it?",
            ),
            (
                "re-worded beyond recognition, same answer",
                "What is underfitting?",
                "Why can a model be too simple for its data?",
            ),
        ],
    )
    def test_edit(self, v1: dict[str, str], edit: str, old: str, new: str) -> None:
        text = V1.replace(old, new)
        assert text != V1, edit
        assert sorted(guids(text, locked(V1)).values()) == sorted(v1.values())

    def test_reordered_and_moved(self, v1: dict[str, str]) -> None:
        heading1, q1, q2, heading2, q3, q4 = V1.strip().split("\n\n")
        text = "\n\n".join([heading1, q4, q2, heading2, q1, q3])
        after = guids(text, locked(V1))
        assert after == v1

    def test_a_removed_question_that_returns_gets_its_guid_back(self, v1: dict[str, str]) -> None:
        after_removal = locked(V1.split("4. What is batch")[0], locked(V1))
        assert [note.removed_in for note in after_removal.notes].count("2.0.0") == 1
        assert guids(V1, after_removal) == v1


class TestNewQuestions:
    """Questions the lock does not know."""

    def test_guid_follows_from_deck_and_text_without_a_lock(self, v1: dict[str, str]) -> None:
        assert guids(V1, Lock()) == v1
        other_deck = "+++\ndeck_id = 1234567890\n+++\n" + V1
        assert set(guids(other_deck, Lock()).values()).isdisjoint(v1.values())

    def test_an_unrelated_question_is_new(self, v1: dict[str, str]) -> None:
        text = V1 + "\n5. What is a transformer?\nAn attention-based architecture.\n"
        after = guids(text, locked(V1))
        assert after["What is a transformer?"] not in v1.values()
        assert {q: g for q, g in after.items() if q in v1} == v1

    def test_the_text_of_a_reworded_question_does_not_reuse_its_guid(self) -> None:
        reworded = V1.replace("What is dropout?", "What is dropout, in short?")
        lock = locked(reworded, locked(V1))
        after = guids(reworded + "\n5. What is dropout?\nSomething new.\n", lock)
        assert len(set(after.values())) == 5
        assert after["What is dropout, in short?"] == guids(V1, Lock())["What is dropout?"]


class TestAskedTwice:
    """A question asked twice with two answers is two notes, each keeping its own GUID."""

    TWICE = (
        "1. What is a kernel?\nThe core of an OS.\n\n2. What is a kernel?\nA function in an SVM.\n"
    )

    def answers_to_guids(self, text: str, lock: Lock) -> dict[str, str]:
        identity = identify(parse(Text("deck.md", text)), lock)
        return dict(zip((note.answer for note in identity.notes), identity.guids, strict=True))

    def test_two_notes_with_their_own_guids(self) -> None:
        assert len(set(self.answers_to_guids(self.TWICE, Lock()).values())) == 2

    def test_each_keeps_its_guid_when_the_first_answer_is_edited(self) -> None:
        before = self.answers_to_guids(self.TWICE, Lock())
        edited = self.TWICE.replace("The core of an OS.", "The core of an operating system.")
        after = self.answers_to_guids(edited, locked(self.TWICE))
        assert after["A function in an SVM."] == before["A function in an SVM."]
        assert after["The core of an operating system."] == before["The core of an OS."]

    def test_each_keeps_its_guid_when_another_is_written_above(self) -> None:
        before = self.answers_to_guids(self.TWICE, Lock())
        third = "0. What is a kernel?\nThe seed of a nut.\n\n" + self.TWICE
        after = self.answers_to_guids(third, locked(self.TWICE))
        assert after["The core of an OS."] == before["The core of an OS."]
        assert after["A function in an SVM."] == before["A function in an SVM."]
        assert after["The seed of a nut."] not in before.values()


class TestAmbiguity:
    """A re-wording that could be either of two old questions is reported, never guessed."""

    def test_two_old_questions_equally_like_the_new_one(self) -> None:
        v1 = "1. What is L1 regularisation?\nA.\n\n2. What is L2 regularisation?\nB.\n"
        v2 = "1. What is Lp regularisation?\nC.\n"
        with pytest.raises(AnkigenError) as caught:
            guids(v2, locked(v1))
        (problem,) = caught.value.problems
        assert (problem.path, problem.line) == ("deck.md", 1)
        assert "could be a re-wording of 'What is L1 regularisation?' or " in problem.message
        assert "change one at a time" in problem.message

    def test_the_answer_breaks_the_tie(self) -> None:
        v1 = "1. What is L1 regularisation?\nA.\n\n2. What is L2 regularisation?\nB.\n"
        v2 = "1. What is Lp regularisation?\nB.\n"
        after = guids(v2, locked(v1))
        assert (
            after["What is Lp regularisation?"] == guids(v1, Lock())["What is L2 regularisation?"]
        )
