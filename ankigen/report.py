"""Releases -> the words a maintainer reads: build plans and release notes."""

from __future__ import annotations

from ankigen.records import Change, ChangeKind
from ankigen.release import Release

ORDER = (
    ChangeKind.ADDED,
    ChangeKind.CHANGED,
    ChangeKind.REWORDED,
    ChangeKind.MOVED,
    ChangeKind.REMOVED,
)
SHOWN = 10
"""Changes listed one by one before the rest are counted only."""
MARKS = {
    ChangeKind.ADDED: "+",
    ChangeKind.CHANGED: "~",
    ChangeKind.REWORDED: "~",
    ChangeKind.MOVED: ">",
    ChangeKind.REMOVED: "-",
    ChangeKind.STYLED: "*",
}


def describe_plan(release: Release, verbose: bool = False) -> str:
    """A build's plan: the version it makes, counts of each kind of change, then each change."""
    was = release.previous_version
    version = f"{was} -> {release.version}" if was and was != release.version else release.version
    sections = f"{release.section_count} section{'s' * (release.section_count != 1)}"
    lines = [f"version {version}: {release.question_count} notes in {sections}"]
    if not release.changes:
        lines.append("  nothing changed")
        return "\n".join(lines)
    counts = release.counts
    summary = [f"{kind.value} {counts[kind]}" for kind in ORDER]
    lines.append("  " + ", ".join([*summary, f"unchanged {release.unchanged}"]))
    shown = release.changes if verbose else release.changes[:SHOWN]
    lines += ["  " + _line(change) for change in shown]
    if len(shown) < len(release.changes):
        lines.append(f"  ... and {len(release.changes) - len(shown)} more (--verbose shows all)")
    return "\n".join(lines)


def _line(change: Change) -> str:
    mark = MARKS[change.kind]
    if change.kind is ChangeKind.STYLED:
        return f"{mark} restyled: the card templates or CSS changed"
    if change.kind is ChangeKind.REWORDED:
        return f"{mark} re-worded: {change.was!r} -> {change.question!r}"
    if change.kind is ChangeKind.MOVED:
        return f"{mark} moved from {change.was or '(no section)'}: {change.question!r}"
    return f"{mark} {change.kind.value}: {change.question!r}"
