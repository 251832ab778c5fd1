"""A deck's files watched: each save that changes what the deck is made of, as it happens."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

from ankigen.cards.media import IMAGE_TYPES
from ankigen.project import DECK_DETAILS

WATCHED = frozenset({".md", *IMAGE_TYPES})
"""What a deck is made of: its content files and images (its lock, which a build writes,
is not watched)."""


def saves(content: Path, stop: threading.Event | None = None) -> Iterator[set[Path]]:
    """Each set of a content file's (or a deck folder's) files saved together, until `stop`
    is set or Ctrl-C is pressed."""
    import watchfiles  # only a watch pays for loading it

    folder = content if content.is_dir() else content.parent

    def made_of(change: watchfiles.Change, path: str) -> bool:
        found = Path(path)
        return found.suffix.lower() in WATCHED or found.name == DECK_DETAILS

    for changed in watchfiles.watch(
        folder, watch_filter=made_of, stop_event=stop, debounce=200, raise_interrupt=False
    ):
        yield {Path(path) for _, path in changed}
