"""How the time to match re-worded questions grows with the deck: every question of a deck
of similar notes re-worded at once (two common words replaced), at two sizes.

Usage: python benchmarks/rewording.py [SMALL LARGE]   (default: 200 800)

It prints the time of `identify` at each size and their ratio: matching that grows with
the number of notes stays near 4x for four times the notes; a square would be 16x.
"""

from __future__ import annotations

import random
import sys
import time

from ankigen.reading.parsing import parse
from ankigen.reading.text import Text
from ankigen.records import Lock, LockedNote, answer_hash
from ankigen.versions.identity import identify

VOCABULARY = "model data training feature gradient loss network layer value error bias"
WORDS = VOCABULARY.split()


def deck(n: int) -> str:
    rng = random.Random(n)
    lines = []
    for i in range(1, n + 1):
        question = " ".join(rng.choices(WORDS, k=8)) + f" of the model {i}?"
        answer = " ".join(rng.choices(WORDS, k=12)) + " of the model."
        lines.append(f"{i}. What is the {question}\n{answer}\n")
    return "\n".join(lines)


def seconds(n: int) -> float:
    before = parse(Text("deck.md", deck(n)))
    lock = Lock(
        version="1.0.0",
        notes=tuple(
            LockedNote(f"g{i}", note.asked, answer_hash(note.answer), note.section, "", 1)
            for i, note in enumerate(before.notes)
        ),
    )
    reworded = deck(n).replace("the model", "a model").replace("What is", "What's")
    after = parse(Text("deck.md", reworded))
    start = time.perf_counter()
    identity = identify(after, lock)
    taken = time.perf_counter() - start
    assert sum(old is not None for old in identity.previous) == n, "every note keeps its GUID"
    return taken


def main(small: int, large: int) -> None:
    first, second = seconds(small), seconds(large)
    print(f"re-wording {small:,} notes: {first:.2f} s; {large:,} notes: {second:.2f} s; "
          f"ratio {second / first:.1f}x for {large / small:.0f}x the notes")  # fmt: skip


if __name__ == "__main__":
    sizes = [int(arg) for arg in sys.argv[1:3]] or [200, 800]
    main(*sizes)
