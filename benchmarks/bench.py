"""ankigen build against a minimal raw genanki script, on generated decks of N notes.

Usage: python benchmarks/bench.py [N ...]   (default: 1000 10000 100000, and the seed deck)

For each size it prints wall time, peak memory and output size of: ankigen's first build
(no lock yet), ankigen's rebuild with nothing changed, its rebuild with one answer edited (a
maintainer's next release), and the raw genanki script; then the ratios ankigen / raw
genanki. Each run is its own process, start-up included.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
SEED = HERE.parent / "content" / "ml-interview-questions.md"
VOCABULARY = (
    "model data training feature gradient loss network layer value error bias variance "
    "sample label vector matrix function weight learning rate batch epoch accuracy metric "
    "tree forest kernel margin cluster distance probability estimate parameter prior the a "
    "of to and in is that for with as on by it this which are can be from or an its"
)
WORDS = VOCABULARY.split()
EDIT = " An edit."
"""Added to the last answer, and taken away again, by the rebuild with one edit."""


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_mib: float
    size_kib: float


def generate(n: int, folder: Path) -> tuple[Path, Path]:
    """A content file of `n` notes, and the same notes as JSON lines for the raw script.

    Most answers are prose; one in ten has code or inline math, one in ten a list right
    under a sentence, display math inside a paragraph, or lines indented under its item,
    and one in ten is a cloze note (two `==deletions==` in its answer).
    """
    rng = random.Random(n)
    content, raw = [f'+++\ntitle = "Benchmark {n}"\ndeck_id = {1_100_000_000 + n}\n+++\n'], []
    for i in range(1, n + 1):
        if i % 100 == 1:
            section = f"Section {i // 100 + 1}"
            content.append(f"### {section}\n")
        question = " ".join(rng.choices(WORDS, k=rng.randint(6, 14))).capitalize() + f" {i}?"
        sentences = [
            " ".join(rng.choices(WORDS, k=rng.randint(8, 20))).capitalize() + "."
            for _ in range(rng.randint(2, 6))
        ]
        answer = " ".join(sentences)
        if i % 20 == 0:
            answer += "\n\n```python\nloss = sum((y - f(x)) ** 2 for x, y in data)\n```"
        elif i % 20 == 10:
            answer += " The loss is $L = \\frac{1}{n} \\sum_i (y_i - \\hat{y}_i)^2$."
        elif i % 20 == 5:  # a list right under a sentence
            answer += " The steps are:\n- collect the data\n- clean it\n- fit the **model**"
        elif i % 20 == 15:  # display math inside a paragraph
            answer += " Their mean is their sum over their number:\n$$\\bar{x} = \\frac{1}{n}$$"
        elif i % 20 == 3:  # an answer indented under its list item
            answer = "\n".join("   " + sentence for sentence in sentences)
        elif i % 10 == 7:  # a cloze note: two deletions in its answer
            words = answer.split(" ")
            words[1], words[-2] = f"=={words[1]}==", f"=={words[-2]}=="
            answer = " ".join(words)
        content.append(f"{i}. {question}\n{answer}\n")
        raw.append(
            json.dumps(
                {
                    "question": question,
                    "answer": answer,
                    "section": section,
                    "tag": f"bench::{section.replace(' ', '_')}",
                    "guid": f"bench-{i}",
                }
            )
        )
    source = folder / "content" / f"bench-{n}.md"
    source.parent.mkdir(parents=True, exist_ok=True)
    source.write_text("\n".join(content), encoding="utf-8")
    notes = folder / f"bench-{n}.jsonl"
    notes.write_text("\n".join(raw) + "\n", encoding="utf-8")
    return source, notes


def timed(command: list[str], output: Callable[[], Path], cwd: Path) -> Run:
    """Run a command as its own process; its wall time, peak memory and the size of the
    file `output` names once it has run.

    A child's peak memory starts at its parent's size when it is forked, so the command is
    started by a small launcher process (this file with --launch), not by this large one.
    """
    launcher = [sys.executable, __file__, "--launch", *command]
    result = subprocess.run(launcher, cwd=cwd, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{result.stderr}")
    seconds, peak_kib = result.stdout.split()
    return Run(float(seconds), int(peak_kib) / 1024, output().stat().st_size / 1024)


def launch(command: list[str]) -> None:
    """Run `command`; print its wall time (s) and peak resident memory (KiB)."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    if status != 0:
        raise SystemExit(status >> 8 or 1)
    print(f"{seconds:.4f} {usage.ru_maxrss}")


def measure(source: Path, notes: Path | None, folder: Path, runs: int) -> dict[str, Run]:
    """The fastest of `runs` tries of each program (the others measure the machine, not the
    program), taken in turns so that a slower spell of the machine falls on all of them."""
    decks = folder / "decks"
    ankigen = [sys.executable, "-m", "ankigen", "build", str(source), "-o", str(decks)]

    def first_build() -> Run:
        shutil.rmtree(decks, ignore_errors=True)
        source.with_suffix(".lock").unlink(missing_ok=True)
        return timed(ankigen, lambda: next_deck(decks, source, built=True), folder)

    def rebuild() -> Run:
        return timed(ankigen, lambda: next_deck(decks, source, built=True), folder)

    def edited_rebuild() -> Run:
        """A maintainer's next build: the last answer edited (and edited back the next time,
        so that each run changes one note)."""
        text = source.read_text(encoding="utf-8")
        edited = text.removesuffix(EDIT) if text.endswith(EDIT) else text + EDIT
        source.write_text(edited, encoding="utf-8")
        return timed(ankigen, lambda: next_deck(decks, source, built=True), folder)

    programs = {
        "ankigen build": first_build,
        "ankigen rebuild (no change)": rebuild,
        "ankigen rebuild (one edit)": edited_rebuild,
    }
    if notes is not None:
        out = folder / "raw.apkg"
        raw = [sys.executable, str(HERE / "raw_genanki.py"), str(notes), str(out)]
        programs["raw genanki"] = lambda: timed(raw, lambda: out, folder)
    tries: dict[str, list[Run]] = {label: [] for label in programs}
    for _ in range(runs):
        for label, run in programs.items():
            tries[label].append(run())
    return {label: min(made, key=lambda run: run.seconds) for label, made in tries.items()}


def next_deck(decks: Path, source: Path, built: bool) -> Path:
    """The deck a build of `source` wrote (the one version a build leaves in `decks`)."""
    found = sorted(decks.glob(f"{source.stem}-*.apkg")) if built else []
    return found[0] if found else decks / f"{source.stem}-1.0.0.apkg"


def report(name: str, results: dict[str, Run]) -> None:
    print(f"\n{name}")
    for label, run in results.items():
        print(
            f"  {label:<28} {run.seconds:8.2f} s  {run.peak_mib:8.1f} MiB  {run.size_kib:10.0f} KiB"
        )
    raw = results.get("raw genanki")
    if raw:
        build, rebuild = results["ankigen build"], results["ankigen rebuild (no change)"]
        print(
            f"  ratio ankigen / raw genanki: time {build.seconds / raw.seconds:.2f}x, "
            f"memory {build.peak_mib / raw.peak_mib:.2f}x, "
            f"size {build.size_kib / raw.size_kib:.2f}x"
        )
        edited = results["ankigen rebuild (one edit)"]
        print(
            f"  ratio rebuild / build: {rebuild.seconds / build.seconds:.2f}x unchanged, "
            f"{edited.seconds / build.seconds:.2f}x with one answer edited"
        )


def compile_ankigen() -> None:
    """Compile ankigen's bytecode, as pip does for genanki when it installs it.

    An editable install under PYTHONDONTWRITEBYTECODE would otherwise compile ankigen's
    source at every start, which a user's installed copy never does.
    """
    import compileall

    import ankigen

    compileall.compile_dir(Path(ankigen.__file__).parent, quiet=1)


def main(sizes: list[int]) -> None:
    compile_ankigen()
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        seed = folder / "content" / SEED.name
        seed.parent.mkdir(parents=True)
        shutil.copy(SEED, seed)
        seed_notes = folder / "seed.jsonl"
        from ankigen.reading.deck import load_source

        seed_notes.write_text(
            "".join(
                json.dumps(
                    {
                        "question": n.question,
                        "answer": n.answer,
                        "section": n.section,
                        "tag": n.tags[0],
                        "guid": f"seed-{n.number}",
                    }
                )
                + "\n"
                for n in load_source(seed).notes
            ),
            encoding="utf-8",
        )
        report("seed deck (100 notes)", measure(seed, seed_notes, folder, runs=5))
        per_note = {}
        for n in sizes:
            source, notes = generate(n, folder)
            results = measure(source, notes, folder, runs=3)
            report(f"{n:,} notes", results)
            per_note[n] = results["ankigen build"].seconds / n
        if len(per_note) > 1:
            smallest, largest = min(per_note), max(per_note)
            print(
                f"\nlinearity: time per note at {largest:,} / at {smallest:,} = "
                f"{per_note[largest] / per_note[smallest]:.2f}x (1.00x is linear)"
            )


if __name__ == "__main__":
    if sys.argv[1:2] == ["--launch"]:
        launch(sys.argv[2:])
    else:
        main([int(arg) for arg in sys.argv[1:]] or [1_000, 10_000, 100_000])
