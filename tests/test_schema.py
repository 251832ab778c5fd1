"""The note type's shape is frozen: changing it would stop every learner's notes from updating."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

from ankigen.building import NoteTypeOf, plan_build
from ankigen.cards import notetype
from ankigen.records import DeckInfo, KeptNoteType
from tests.anki_helpers import Learner
from tests.conftest import CONTENT, DECK, ROOT


def test_the_schema_is_what_the_first_release_shipped() -> None:
    """Fields, templates, their ids and the sort field: never edit these expectations."""
    kind = notetype.note_type(DECK)
    assert kind.id == 1418221184  # pinned in the content's front matter
    assert [(f["name"], f["id"]) for f in kind.fields] == [
        ("Question", 1672312284),
        ("Answer", 1148554476),
        ("Section", 2039120987),
    ]
    assert [(t["name"], t["id"]) for t in kind.templates] == [
        ("Question > Answer", 1708869162),
    ]
    assert notetype.SORT_FIELD == 0


def test_the_new_build_imports_over_the_committed_deck_without_conflicts(
    project: Path,
    learner: Learner,
) -> None:
    """The committed deck is what learners have: the next build must merge into it."""
    (committed,) = sorted((ROOT / "decks").glob("ml-interview-questions-*.apkg"))
    learner.import_deck(committed)
    content = project / "content" / CONTENT.name
    content.write_text(content.read_text().replace("trial and error", "trial-and-error"))
    shutil.copy(CONTENT.with_suffix(".lock"), content.with_suffix(".lock"))
    restyled = dataclasses.replace(notetype.note_type(DECK), css="/* new look */", hash="new")
    build = plan_build(
        content, project / "decks", now=2**31 - 1, note_type=lambda deck, kept: restyled
    )
    build.write()
    log = learner.import_deck(build.deck_path)
    assert (len(log.conflicting), len(log.new), len(log.updated)) == (0, 0, 1)


def test_a_schema_change_would_conflict(project: Path, learner: Learner) -> None:
    """Why the test above matters: a renamed field makes Anki refuse every update."""
    content = project / "content" / CONTENT.name
    learner.import_deck(_build(content, project, 1_000_000))
    renamed = dataclasses.replace(
        notetype.note_type(DECK),
        fields=({"name": "Front", "id": 1}, *notetype.note_type(DECK).fields[1:]),
        hash="renamed",
    )
    content.write_text(content.read_text().replace("trial and error", "trial-and-error"))
    log = learner.import_deck(_build(content, project, 2_000_000, lambda deck, kept: renamed))
    assert (len(log.conflicting), len(log.updated)) == (100, 0)


def _build(
    content: Path, project: Path, now: int, note_type: NoteTypeOf = notetype.note_type
) -> Path:
    build = plan_build(content, project / "decks", now=now, note_type=note_type)
    build.write()
    return build.deck_path


def test_each_deck_has_a_note_type_of_its_own(project: Path, learner: Learner) -> None:
    """Two ankigen decks in one collection: two note types, named after their decks, and a
    new look for one leaves the other as it was."""
    other = project / "content" / "other.md"
    other.write_text(
        '+++\ntitle = "Other Deck"\ndeck_id = 1500000000\n+++\n\n1. What is this?\nAnother deck.\n',
        encoding="utf-8",
    )
    learner.import_deck(_build(project / "content" / CONTENT.name, project, 1_000_000))
    learner.import_deck(_build(other, project, 1_000_000))

    names = learner.db.list("select name from notetypes where name like '%(ankigen)' order by name")
    assert names == ["Machine Learning Interview Questions (ankigen)", "Other Deck (ankigen)"]

    def looks() -> dict[str, str]:
        """Each deck's style, as its cards show it."""
        return {
            deck: learner.card_of(learner.notes(f'"deck:{deck}"')[0].guid).question(reload=True)
            for deck in ("Machine Learning Interview Questions", "Other Deck")
        }

    before = looks()
    real = notetype.note_type

    def restyled(deck: DeckInfo, kept: KeptNoteType | None) -> notetype.NoteType:
        kind = real(deck, kept)
        if deck.title != "Other Deck":
            return kind
        return dataclasses.replace(kind, css=kind.css + "/* other look */", hash="other look")

    learner.import_deck(_build(other, project, 2_000_000, restyled))
    after = looks()
    assert "/* other look */" in after["Other Deck"]
    seed = "Machine Learning Interview Questions"
    assert after[seed] == before[seed]
