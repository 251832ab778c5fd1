"""Releases -> the words people read: a build's plan, and a version's release notes."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from ankigen.records import Change, ChangeKind, DeckInfo, Lock
from ankigen.versions.release import REMOVED_TAG, Release

if TYPE_CHECKING:
    from ankigen.versions.adoption import Adoption

ADOPTION_NOTE = (
    "This version moves the deck to ankigen. Import it over the one you have, with the "
    "default options (*Merge note types* off): your cards are updated in place and keep "
    "their reviews; nothing needs deleting first."
)
"""What learners of a deck made by another tool read in the version that takes it over."""
ORDER = (
    ChangeKind.ADDED,
    ChangeKind.CHANGED,
    ChangeKind.REWORDED,
    ChangeKind.MOVED,
    ChangeKind.REMOVED,
)
HEADINGS = {
    ChangeKind.ADDED: "Added",
    ChangeKind.CHANGED: "Changed",
    ChangeKind.REWORDED: "Re-worded",
    ChangeKind.MOVED: "Moved",
    ChangeKind.REMOVED: "Removed",
}
SHOWN = 10
"""Changes a plan lists one by one before it only counts the rest."""
MARKS = {
    ChangeKind.ADDED: "+",
    ChangeKind.CHANGED: "~",
    ChangeKind.REWORDED: "~",
    ChangeKind.MOVED: ">",
    ChangeKind.REMOVED: "-",
    ChangeKind.STYLED: "*",
    ChangeKind.DETAILS: "*",
}


def describe_plan(release: Release, verbose: bool = False) -> str:
    """A build's plan: the version it makes, counts of each kind of change, then each change."""
    was = release.previous_version
    version = f"{was} -> {release.version}" if was and was != release.version else release.version
    if release.lock.adopted_in == release.version and release.changes:
        version = f"{release.version}, taking over a deck made by another tool"
    size = _size(release.question_count, [s for s in release.sections if s], "question")
    kept = release.card_count - release.question_count  # as Anki counts the notes it imports
    if kept:
        size += f", and {plural(kept, 'removed question')} kept for the update"
    lines = [f"version {version}: {size}"]
    if not release.changes:
        lines.append("  nothing changed")
        return "\n".join(lines)
    lines.append("  " + ", ".join([*_counts(release.changes), f"unchanged {release.unchanged}"]))
    shown = release.changes if verbose else release.changes[:SHOWN]
    lines += ["  " + _line(change) for change in shown]
    if len(shown) < len(release.changes):
        lines.append(f"  ... and {len(release.changes) - len(shown)} more (--verbose shows all)")
    return "\n".join(lines)


def release_notes(deck: DeckInfo, lock: Lock, markdown: bool, date: str = "") -> str:
    """What the deck's current version changed since the one before, as text or Markdown."""
    title = f"{deck.title} {lock.version}" + (f" ({date})" if date else "")
    present = [note for note in lock.notes if not note.removed_in]
    size = _size(len(present), [n.section for n in present if n.section], "question")
    adopted = [ADOPTION_NOTE] if lock.adopted_in and lock.adopted_in == lock.version else []
    if not markdown:
        lines = [f"{title}: {size}", *("  " + note for note in adopted)]
        lines.append("  " + ", ".join(_counts(lock.changes)))
        return "\n".join(lines + ["  " + _line(change) for change in lock.changes]) + "\n"
    if _is_first(lock):
        return f"## {title}\n\nFirst version: {size}.\n"
    lines = [f"## {title}", "", *(f"{note}\n" for note in adopted)]
    lines.append(f"{size}: " + ", ".join(_counts(lock.changes)) + ".")
    for kind in ORDER:
        items = [change for change in lock.changes if change.kind is kind]
        if items:
            lines += ["", f"### {HEADINGS[kind]}", ""]
            lines += [f"- {_markdown_item(change, deck)}" for change in items]
    looks = [change for change in lock.changes if not change.guid]
    if looks:
        lines += ["", "### Deck", ""] + [f"- {_line(change)[2:]}" for change in looks]
    return "\n".join(lines) + "\n"


def _is_first(lock: Lock) -> bool:
    return (
        bool(lock.changes)
        and all(c.kind is ChangeKind.ADDED for c in lock.changes)
        and (len(lock.changes) == len(lock.notes))
    )


def plural(count: int, thing: str) -> str:
    """`1 question`, `2 questions`."""
    return f"{count:,} {thing}{'s' * (count != 1)}"


def _size(count: int, sections: list[str], thing: str) -> str:
    """`100 notes in 10 sections`, or `3 notes (no sections)`."""
    named = len(set(sections))
    if not named:
        return f"{plural(count, thing)} (no sections)"
    return f"{plural(count, thing)} in {plural(named, 'section')}"


def _counts(changes: Sequence[Change]) -> list[str]:
    kinds = [change.kind for change in changes if change.guid]  # counted by identity, in C
    return [f"{kind.value} {kinds.count(kind)}" for kind in ORDER]


def _line(change: Change) -> str:
    mark = MARKS[change.kind]
    if change.kind is ChangeKind.STYLED:
        return f"{mark} restyled: the card templates or CSS changed"
    if change.kind is ChangeKind.DETAILS:
        return f"{mark} details: the deck's title, description or tag changed"
    if change.kind is ChangeKind.REWORDED:
        return f"{mark} re-worded: {change.was!r} -> {change.question!r}"
    if change.kind is ChangeKind.MOVED:
        where = f"{change.was or '(no section)'} -> {change.section or '(no section)'}"
        return f"{mark} moved ({where}): {change.question!r}"
    return f"{mark} {change.kind.value}: {change.question!r}"


def _markdown_item(change: Change, deck: DeckInfo) -> str:
    if change.kind is ChangeKind.REWORDED:
        return f"~~{change.was}~~ → {change.question}"
    if change.kind is ChangeKind.MOVED:
        return f"{change.question} ({change.was or 'no section'} → {change.section})"
    if change.kind is ChangeKind.REMOVED:
        return f"{change.question} (in Anki: `tag:{deck.tag}::{REMOVED_TAG}`)"
    return change.question


def describe_adoption(adoption: Adoption) -> str:
    """How an old deck's notes meet the content's questions, and what the next build does."""
    same, similar = len(adoption.same), len(adoption.similar)
    lines = [
        f"  matched {plural(same + similar, 'note')}: {same} by their question, "
        f"{similar} by their answer or a similar question"
    ]
    lines += [f"  ~ {old.question!r} -> {note.question!r}" for note, old in adoption.similar]
    if adoption.gone:
        lines.append(
            f"  {plural(len(adoption.gone), 'old note')} with no question (the next "
            "version ships them once more, marked as removed):"
        )
        lines += [f"  - {old.question!r}" for old in adoption.gone]
    if adoption.left:
        lines.append(
            f"  {plural(adoption.left, 'old note')} of another note type, left as they are"
        )
    if adoption.new:
        lines.append(f"  {plural(len(adoption.new), 'new question')}:")
        lines += [f"  + {note.question!r}" for note in adoption.new]
    kept = adoption.lock.kept_deck
    if kept is not None:
        lines.append(f"  the cards stay in the deck learners have: {kept.name!r}")
    lines.append(
        "Next: `ankigen build` makes version 1.0.0, which learners import over the "
        "deck they have, with the default options."
    )
    return "\n".join(lines)
