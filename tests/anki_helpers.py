"""A learner's Anki, through Anki's own backend (the `anki` package): imports, reviews, edits."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest


@dataclass(frozen=True)
class Imported:
    """What Anki's import log says of one package: GUIDs by outcome."""

    new: frozenset[str]
    updated: frozenset[str]
    duplicate: frozenset[str]
    conflicting: frozenset[str]


class Learner:
    """One learner's collection, importing decks the way Anki desktop does."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.col = Collection(str(path))
        assert self.col.db is not None
        self.db = self.col.db

    def close(self) -> None:
        self.col.close()

    def import_deck(self, apkg: Path, merge_notetypes: bool = False) -> Imported:
        """Import a package with Anki's default options (*Merge note types* as given)."""
        options = ImportAnkiPackageOptions(with_scheduling=True, merge_notetypes=merge_notetypes)
        request = ImportAnkiPackageRequest(package_path=str(apkg), options=options)
        log = self.col.import_anki_package(request).log

        def guids(notes: Any) -> frozenset[str]:
            return frozenset(self.col.get_note(n.id.nid).guid for n in notes)

        return Imported(
            guids(log.new),
            guids(log.updated),
            guids(log.duplicate),
            frozenset(str(n.id.nid) for n in log.conflicting),
        )

    def note(self, guid: str) -> Any:
        (nid,) = self.db.list("select id from notes where guid = ?", guid)
        return self.col.get_note(nid)

    def notes(self, search: str = "") -> list[Any]:
        return [self.col.get_note(nid) for nid in self.col.find_notes(search)]

    def card_of(self, guid: str) -> Any:
        (card_id,) = self.note(guid).card_ids()
        return self.col.get_card(card_id)

    def review(self, deck: str, count: int) -> list[str]:
        """Study `count` cards of a deck, answering each "Good"; their notes' GUIDs."""
        deck_id = self.col.decks.id_for_name(deck)
        assert deck_id is not None, f"no deck {deck!r}"
        self.col.decks.select(deck_id)
        reviewed = []
        for _ in range(count):
            card = self.col.sched.getCard()
            assert card is not None, "no card is due"
            card.start_timer()
            self.col.sched.answerCard(card, 3)
            reviewed.append(self.col.get_note(card.nid).guid)
        return reviewed

    def edit_answer(self, guid: str, text: str) -> None:
        note = self.note(guid)
        note["Answer"] = text
        self.col.update_note(note)
