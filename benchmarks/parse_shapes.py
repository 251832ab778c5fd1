"""How long `parse` takes on a file of about 300 KB in the shapes published lists come in.

Usage: python benchmarks/parse_shapes.py [KB]   (default: 300)

The file repeats the fixtures of tests/fixtures/published (each copy under a heading of its
own), so most questions are asked more than once: the parse reports that, and its time is
what counts here. It prints the best of five parses, and what they found.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from ankigen.reading.parsing import read
from ankigen.reading.text import Text, prepare

PUBLISHED = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "published"


def main(kilobytes: int) -> None:
    shapes = [path.read_text(encoding="utf-8") for path in sorted(PUBLISHED.glob("*.md"))]
    parts: list[str] = []
    size = 0
    while size < kilobytes * 1024:
        for shape in shapes:
            parts.append(f"# Copy {len(parts)}\n\n{shape}\n")
            size += len(parts[-1].encode())
    text = "".join(parts)
    best = float("inf")
    for _ in range(5):
        start = time.perf_counter()
        source = read(prepare(Text("shapes.md", text))).source
        best = min(best, time.perf_counter() - start)
    found = f"{len(source.notes):,} notes, {len(source.warnings):,} problems"
    read_in = f"{len(text.encode()) / 1024:.0f} KB, {len(text.splitlines()):,} lines"
    print(f"{read_in}: parsed in {best:.3f} s ({found})")


if __name__ == "__main__":
    main(int(sys.argv[1]) if sys.argv[1:] else 300)
