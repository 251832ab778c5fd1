"""Score ankigen on real question lists: how many it reads as a careful reader does.

Usage: python benchmarks/corpus.py [FOLDER ...]   (default: ../shared/corpus beside the project)

Each folder holds Markdown files and an `expected.json` that says, for each file, what a
careful reader counts: `total` questions, how many are `answered`, the `first` question and,
for quizzes, `front_contains` (a piece of the first question's prompt, which belongs on the
card's front). A file scores when `ankigen parse FILE --json` either

- gives between 95% of `answered` and 105% of `total` notes, none malformed (a question that
  starts with a Markdown marker or a tag, is over 400 characters, or, but for a cloze, has
  an empty answer),
  the first note's question reads as `first`, and its front holds `front_contains`; or
- refuses the file (exit 1) with errors naming at least 70% of its unanswered questions,
  each at its line.

It prints each file's result and the score; a folder that is absent is said so, and the
script exits 0 either way (the score is a measure, not a gate).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

DEFAULT = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"
MARKUP = re.compile(r"</?[A-Za-z][^<>]*>|[*_`\\]")
LINK = re.compile(r"!?\[([^\[\]]*)\]\([^()\s]*\)")
"""A link (or an image) as it reads: its text."""
NUMBERING = re.compile(r"(?:q(?:uestion)?\s*(?=[#0-9.):\uff1a]))?#?[0-9]*\s*[.):\uff1a]?\s*", re.I)
MALFORMED_START = re.compile(r"(?:[#>|<]|[*+\-]\s|[0-9]+[.)]\s)")
"""A question that starts as a heading, a quote, a table, a tag, a list item: read wrong
(emphasis, `**\\_** is ...`, is how some questions start)."""
UNANSWERED = re.compile(r":(\d+):\d+: error: .*\bno answer\b")


@dataclass(frozen=True)
class Result:
    scored: bool
    why: str


def comparable(question: str) -> str:
    """A question as a reader compares it: no markup, links as their text, no leading
    number, no quotation marks around it all, case and spaces folded (the corpus writes
    `Q1. What ...` where ankigen may keep only `What ...`, and one counter keeps a quoted
    question's marks where another does not)."""
    text = " ".join(MARKUP.sub("", LINK.sub(r"\1", question)).split())
    return NUMBERING.sub("", text, count=1).strip('"“”«»「」').casefold()


def plain(text: str) -> str:
    """A text as it reads, for finding a piece of it: no markup, spaces and case folded."""
    return " ".join(MARKUP.sub("", text).split()).casefold()


def score(path: Path, expected: dict[str, object]) -> Result:
    try:
        run = subprocess.run(
            [sys.executable, "-m", "ankigen", "parse", str(path), "--json"],
            capture_output=True,
            text=True,
            timeout=120,
        )
    except subprocess.TimeoutExpired:
        return Result(False, "took more than 120 s")
    total, answered = int(expected["total"]), int(expected["answered"])  # type: ignore[call-overload]
    if run.returncode == 1:
        named = {int(found[1]) for found in UNANSWERED.finditer(run.stderr)}
        missing = total - answered
        wanted = 0.7 * missing
        first_error = next((line for line in run.stderr.splitlines() if "error" in line), "")
        if missing and len(named) >= wanted and len(named) <= 1.05 * total:
            return Result(True, f"refused, naming {len(named)} of {missing} unanswered")
        return Result(False, f"refused ({len(named)} unanswered named): {first_error[:150]}")
    if run.returncode != 0:
        return Result(False, f"exit {run.returncode}: {run.stderr.strip()[-200:]}")
    notes = json.loads(run.stdout)
    if not 0.95 * answered <= len(notes) <= 1.05 * total:
        return Result(False, f"{len(notes)} notes, expected {answered}-{total}")
    for note in notes:
        question, answer = note["question"], note["answer"]
        if MALFORMED_START.match(question) or question.lstrip().startswith("<"):
            return Result(
                False, f"line {note['line']}: question starts with markup: {question[:60]!r}"
            )
        if len(question) > 400:
            return Result(False, f"line {note['line']}: question of {len(question)} characters")
        if not answer.strip() and note["kind"] != "cloze":  # a cloze's deletions answer it
            return Result(False, f"line {note['line']}: empty answer")
    first = expected.get("first")
    if isinstance(first, str) and comparable(notes[0]["question"]) != comparable(first):
        return Result(
            False, f"first question {notes[0]['question'][:70]!r}, expected {first[:70]!r}"
        )
    front = expected.get("front_contains")
    shown = plain(notes[0]["question"] + "\n" + notes[0].get("prompt", ""))
    if isinstance(front, str) and plain(front) not in shown:  # as the card shows it
        return Result(False, f"first front lacks {front!r}")
    return Result(True, f"{len(notes)} notes")


def main(folders: list[Path]) -> None:
    for folder in folders:
        listing = folder / "expected.json"
        if not listing.is_file():
            print(f"{folder}: no such corpus here (no expected.json); nothing scored")
            continue
        expected = json.loads(listing.read_text(encoding="utf-8"))
        scored = 0
        for name in sorted(expected):
            result = score(folder / name, expected[name])
            scored += result.scored
            mark = "ok " if result.scored else "NO "
            print(f"{mark} {name:40} {result.why}")
        print(f"{folder.name}: {scored}/{len(expected)} files read as a careful reader does")


if __name__ == "__main__":
    main([Path(arg) for arg in sys.argv[1:]] or [DEFAULT])
