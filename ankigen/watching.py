"""A deck's files watched: each save that changes what the deck is made of, as it happens."""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

from ankigen.cards.media import IMAGE_TYPES
from ankigen.errors import AnkigenError
from ankigen.project import DECK_DETAILS

Done = TypeVar("Done")
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


def on_each_save(
    content: Path,
    run: Callable[[], Done],
    report: Callable[[Done | AnkigenError], None],
    stop: threading.Event | None = None,
) -> None:
    """`run` once (a broken first run is an `AnkigenError`), then again on each save of
    the deck's files, each result (or the problems of a broken save) given to `report`,
    until `stop` is set or Ctrl-C is pressed. What a run left behind is collected after it
    (the command line runs without Python's cycle collector)."""
    report(run())
    for _ in saves(content, stop):
        gc.collect()
        try:
            report(run())
        except AnkigenError as exc:
            report(exc)
