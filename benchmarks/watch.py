"""How long a save takes to show in the review page that `ankigen preview --watch` keeps.

Usage: python benchmarks/watch.py [N]   (default 10000)

Writes the page of a generated deck of N notes once (every note rendered and laid out),
then edits one answer and rewrites it, three times, and prints the fastest rewrite next to
the first page: what a save costs once the notes that did not change are not rendered or
laid out again (the file watcher's own delay, 0.2 s of quiet after a save, aside).
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench import EDIT, generate

from ankigen.api import PreviewWatch


def main(n: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        source, _ = generate(n, Path(folder))
        watch = PreviewWatch(source, Path(folder) / "preview.html", Path(folder) / "decks")
        start = time.perf_counter()
        watch.refresh()
        first = time.perf_counter() - start
        saves = []
        for _ in range(3):
            text = source.read_text(encoding="utf-8")
            edited = text.removesuffix(EDIT) if text.endswith(EDIT) else text + EDIT
            source.write_text(edited, encoding="utf-8")
            start = time.perf_counter()
            watch.refresh()
            saves.append(time.perf_counter() - start)
        print(
            f"{n:,} notes: first page {first:.2f} s; a save with one answer edited "
            f"{min(saves):.2f} s ({min(saves) / first:.2f}x)"
        )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)
