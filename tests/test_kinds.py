"""Every kind of card learners study: basic, reversed, typed and cloze notes, imported into
a real collection; cloze numbers that stay with their text; a note that changes kind."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from anki.cards import Card

from ankigen.building import plan_build
from ankigen.cards import notetype
from ankigen.errors import AnkigenError
from ankigen.reading.parsing import parse
from ankigen.reading.text import Text
from ankigen.records import CardKind
from tests.anki_helpers import Learner
from tests.conftest import DECK

FRONT = '+++\ntitle = "Kinds"\ndeck_id = 1300000001\n+++\n\n## Words\n\n'
EVERY_KIND = (
    FRONT
    + """\
1. What is a vector?
A quantity with a size and a direction.

2. What is an eigenvector?
<!-- reversed -->
A vector whose direction a linear map keeps.

3. What is 2 + 2?
<!-- typed -->
4

4. Where does the Seine flow?
It flows through ==Paris== into the ==English Channel==.

5. Which colours are primary?
{{c1::Red}}, {{c2::green}} and {{c3::blue::the sky's}}.
"""
)


def build(content: Path, now: int) -> Path:
    planned = plan_build(content, content.parent.parent / "decks", now=now)
    planned.write()
    return planned.deck_path


def write(tmp_path: Path, text: str) -> Path:
    content = tmp_path / "content" / "kinds.md"
    content.parent.mkdir(exist_ok=True)
    content.write_text(text, encoding="utf-8")
    return content


def cards_of(learner: Learner, question: str) -> list[Card]:
    (note,) = [n for n in learner.notes() if question in n.fields[0]]
    return sorted((learner.col.get_card(card) for card in note.card_ids()), key=lambda c: c.ord)


def hidden(card: Card) -> list[str]:
    """What a cloze card hides on its front, as Anki renders it."""
    question = card.question()
    return [html.unescape(text) for text in re.findall(r'data-cloze="([^"]*)"', question)]


def test_every_kind_imports_with_its_cards(tmp_path: Path, learner: Learner) -> None:
    """Each note makes the cards of its kind, in a note type of the deck's own."""
    log = learner.import_deck(build(write(tmp_path, EVERY_KIND), 1_800_000_000))
    assert len(log.new) == 5
    counts = {
        note.fields[0].split("<")[0][:24]: (note.note_type()["name"], len(note.card_ids()))
        for note in learner.notes()
    }
    assert counts == {
        "What is a vector?": ("Kinds (ankigen)", 1),
        "What is an eigenvector?": ("Kinds (reversed, ankigen)", 2),
        "What is 2 + 2?": ("Kinds (typed, ankigen)", 1),
        "Where does the Seine flo": ("Kinds (cloze, ankigen)", 2),
        "Which colours are primar": ("Kinds (cloze, ankigen)", 3),
    }
    reverse = cards_of(learner, "What is an eigenvector?")[1]
    assert "A vector whose direction" in reverse.question()
    assert "What is an eigenvector?" not in reverse.question()
    (typed,) = cards_of(learner, "What is 2 + 2?")
    # Anki's reviewer puts the box where its backend leaves this mark
    assert "[[type:Answer]]" in typed.question()
    assert [hidden(card) for card in cards_of(learner, "Where does the Seine")] == [
        ["Paris"],
        ["English Channel"],
    ]
    hinted = cards_of(learner, "Which colours")[2]
    assert "[the sky's]" in html.unescape(hinted.question())


def test_a_cloze_with_nothing_under_it_is_a_whole_card(tmp_path: Path, learner: Learner) -> None:
    """Its deletions are its answer: one card a deletion, the back showing the text."""
    content = write(tmp_path, FRONT + "1. The ==heart== pumps ==blood==.\n")
    log = learner.import_deck(build(content, 1_800_000_000))
    assert len(log.new) == 1
    cards = cards_of(learner, "pumps")
    assert [hidden(card) for card in cards] == [["heart"], ["blood"]]
    assert "heart" in cards[0].answer()
    assert "[...]" not in cards[0].answer()


def test_a_deletion_keeps_its_card_when_others_come_and_go(
    tmp_path: Path, learner: Learner
) -> None:
    """Review both deletions, insert one before them: the reviews stay on the cards that
    hide the same text, and the new deletion is a new card. A deletion removed leaves its
    number unused: the next new one does not take its card."""
    question = "1. Where does the Seine flow?\n"
    content = write(tmp_path, FRONT + question + "Through ==Paris== into the ==Channel==.\n")
    learner.import_deck(build(content, 1_800_000_000))
    assert sorted(learner.review("Kinds", 2)) == [learner.notes()[0].guid] * 2
    content.write_text(
        FRONT + question + "From ==Burgundy==, through ==Paris== into the ==Channel==.\n",
        encoding="utf-8",
    )
    log = learner.import_deck(build(content, 1_800_000_100))
    assert len(log.updated) == 1
    cards = cards_of(learner, "Where does the Seine")
    shown = [(card.ord + 1, card.reps) for card in cards]
    assert shown == [(1, 1), (2, 1), (3, 0)]
    assert [hidden(card) for card in cards] == [["Paris"], ["Channel"], ["Burgundy"]]
    content.write_text(
        FRONT + question + "From ==Burgundy== into the ==English Channel==, past ==Rouen==.\n",
        encoding="utf-8",
    )
    planned = plan_build(content, tmp_path / "decks", now=1_800_000_200)
    (fields, *_) = planned.release.notes[0].fields
    # Paris removed; the Channel re-worded keeps 2; Rouen is new: 4, not Paris's 1
    assert "{{c3::Burgundy}}" in fields
    assert "{{c2::English Channel}}" in fields
    assert "{{c4::Rouen}}" in fields
    assert "{{c1::" not in fields


def test_a_question_that_changes_kind_is_a_new_note(tmp_path: Path) -> None:
    """Anki cannot change a note's type on import: the question becomes a new note, the
    old one is removed (a major version), and the author is told at the question's line."""
    content = write(tmp_path, FRONT + "1. Where is Paris?\nOn the Seine.\n")
    first = plan_build(content, tmp_path / "decks", now=1_800_000_000)
    first.write()
    content.write_text(FRONT + "1. Where is Paris?\nOn the ==Seine==.\n", encoding="utf-8")
    second = plan_build(content, tmp_path / "decks", now=1_800_000_100)
    assert second.release.version == "2.0.0"
    kinds = {change.kind.value for change in second.release.changes}
    assert kinds == {"new kind", "removed"}
    (new, old) = second.release.notes
    assert new.guid != old.guid == first.release.notes[0].guid
    assert old.tags[-1] == "kinds::removed"
    (warning,) = second.warnings
    assert warning.line == 8
    assert "now a cloze note (it was basic)" in warning.message


@pytest.mark.parametrize(
    ("asked", "answer", "where", "message"),
    [
        ("What?", "The {{c1::answer never closes.", "9:5", "`{{c1::` is never closed"),
        ("What?", "An {{c1::}} empty one.", "9:4", "the deletion hides nothing"),
        ("What?", "A {{c501::big}} number.", "9:3", "numbered from c1 to c500, not c501"),
        ("What?", "A {{c0::zero}}.", "9:3", "numbered from c1 to c500, not c0"),
        ("What?", "==Both== {{c1::kinds}}.", "9:10", "all `==text==` or all `{{c1::text}}`"),
        ("What is ==it==?", "{{c2::One}} here.", "9:1", "all `==text==` or all"),
    ],
)
def test_a_deletion_written_wrong_is_an_error_at_its_place(
    asked: str, answer: str, where: str, message: str
) -> None:
    text = FRONT + f"1. {asked}\n{answer}\n"
    with pytest.raises(AnkigenError) as raised:
        parse(Text("kinds.md", text))
    (problem,) = raised.value.problems
    assert f"{problem.line}:{problem.col}" == where
    assert message in problem.message


def test_code_and_math_hold_no_deletions() -> None:
    """`==` and `{{c1::` in code or math are what they say: the note stays basic."""
    text = FRONT + (
        "1. How do you compare in Python?\nWith `a == b`; $x == y$ in math.\n\n"
        "2. How is a cloze written?\n```\n{{c1::text}} or ==text==\n```\n"
    )
    notes = parse(Text("kinds.md", text)).notes
    assert [note.kind for note in notes] == [CardKind.BASIC, CardKind.BASIC]


def test_terms_and_their_definitions_reverse() -> None:
    """Flashcards: `Term:::Definition` (the reversed card of Obsidian's spaced-repetition
    plugin) and `term :: definition` (a term, not a question) make reversed notes; a
    question over its answer stays one card; `std::vector` is no card."""
    text = FRONT + (
        "Entropy:::the expected information of an outcome\n\n"
        "Gradient :: the vector of partial derivatives\n\n"
        "What does a kernel compute?::a similarity of two points\n\n"
        "Use std::vector for arrays.\n"
    )
    notes = parse(Text("kinds.md", text)).notes
    assert [note.kind for note in notes] == [CardKind.REVERSED, CardKind.REVERSED, CardKind.BASIC]


def test_the_file_says_what_its_questions_make() -> None:
    """`cards = "typed"` in front matter makes every question typed, unless one says."""
    text = FRONT.replace("+++\n\n", 'cards = "typed"\n+++\n\n') + (
        "1. What is 2 + 2?\n4\n\n2. What is a vector?\n<!-- basic -->\nA size and a direction.\n"
    )
    notes = parse(Text("kinds.md", text)).notes
    assert [note.kind for note in notes] == [CardKind.TYPED, CardKind.BASIC]
    assert notes[1].answer == "A size and a direction."


def test_each_kind_has_a_frozen_schema() -> None:
    """The ids of each kind's note type, fields and templates: never edit these."""
    shapes = {
        kind: notetype.kind_note_type(DECK, kind)
        for kind in (CardKind.REVERSED, CardKind.TYPED, CardKind.CLOZE)
    }
    assert {kind.value: shape.id for kind, shape in shapes.items()} == {
        "reversed": 2026345729,
        "typed": 1343328804,
        "cloze": 1075971547,
    }
    basic_fields = [("Question", 1672312284), ("Answer", 1148554476), ("Section", 2039120987)]
    for kind in (CardKind.REVERSED, CardKind.TYPED):
        assert [(f["name"], f["id"]) for f in shapes[kind].fields] == basic_fields
    assert [(f["name"], f["id"]) for f in shapes[CardKind.CLOZE].fields] == [
        ("Text", 1544170512),
        ("Back Extra", 1933287720),
        ("Section", 2039120987),
    ]
    templates = {
        kind.value: [(t["name"], t["id"]) for t in shape.templates]
        for kind, shape in shapes.items()
    }
    assert templates == {
        "reversed": [("Question > Answer", 1708869162), ("Answer > Question", 1290857411)],
        "typed": [("Question > Answer", 1708869162)],
        "cloze": [("Cloze", 1365312866)],
    }


def test_the_preview_shows_every_card_of_every_kind(tmp_path: Path) -> None:
    """Each deletion's card (hidden on its front, shown on its back), the reverse card and
    the typed answer's box are on the review page."""
    from ankigen.writing.preview import preview_page

    page = preview_page(plan_build(write(tmp_path, EVERY_KIND), tmp_path / "decks").release)
    sides = re.findall(r'<div class="side-name">([^<]*)</div>', page)
    assert sides.count("front") == 2  # the basic and the typed note: one card each
    assert "Question &gt; Answer: front" in sides
    assert "Answer &gt; Question: back" in sides
    assert [side for side in sides if side.startswith("Cloze")] == [
        f"Cloze {number}: {side}" for number in (1, 2) for side in ("front", "back")
    ] + [f"Cloze {number}: {side}" for number in (1, 2, 3) for side in ("front", "back")]
    assert '<span class="cloze">[...]</span>' in page
    assert '<span class="cloze">Paris</span>' in page
    assert '<span class="cloze">[the sky\'s]</span>' in page
    assert '<input type="text" placeholder="type the answer">' in page


def test_a_new_version_of_every_kind_updates_in_place(tmp_path: Path, learner: Learner) -> None:
    """The next version, an answer edited in each kind, imports over the one before as
    updates: no note type copied, no note conflicting, no card lost."""
    content = write(tmp_path, EVERY_KIND)
    learner.import_deck(build(content, 1_800_000_000))
    types, cards = learner.col.models.all_names_and_ids(), learner.col.card_count()
    edited = (
        EVERY_KIND.replace("A quantity", "A value")
        .replace("A vector whose", "A non-zero vector whose")
        .replace("\n4\n", "\nfour\n")
        .replace("into the ==English Channel==", "into the ==English Channel== at Le Havre")
        .replace("{{c3::blue::the sky's}}", "{{c3::blue::the sky's colour}}")
    )
    content.write_text(edited, encoding="utf-8")
    log = learner.import_deck(build(content, 1_800_000_100))
    assert (len(log.new), len(log.updated), len(log.conflicting)) == (0, 5, 0)
    assert learner.col.models.all_names_and_ids() == types
    assert learner.col.card_count() == cards
