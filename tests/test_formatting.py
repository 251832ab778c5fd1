"""`ankigen fmt` numbers questions in order and tidies blank lines, and changes no note."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from ankigen.authoring.tidying import formatted
from ankigen.cli import cli
from ankigen.reading.parsing import parse
from ankigen.reading.text import Text, read_text
from tests.conftest import FIXTURES
from tests.test_properties import SHAPES, Chapter, documents

PUBLISHED = FIXTURES / "published"


def notes_of(text: str) -> list[tuple[str, str, str]]:
    return [(n.section, n.question, n.answer) for n in parse(Text("deck.md", text)).notes]


def tidy(text: str, folder: Path) -> str:
    path = folder / "deck.md"
    path.write_text(text, encoding="utf-8", newline="")
    return formatted(path)[1]


@settings(max_examples=80, deadline=None)
@given(
    documents(paragraphs=2),
    st.sampled_from(sorted(SHAPES)),
    st.lists(st.integers(0, 4), min_size=20, max_size=20),
    st.lists(st.sampled_from(["", "\n", "\n\n"]), min_size=20, max_size=20),
)
def test_fmt_changes_no_note_and_is_done_once(
    tmp_path_factory: pytest.TempPathFactory,
    document: list[Chapter],
    shape: str,
    jumps: list[int],
    gaps: list[str],
) -> None:
    """Whatever the numbering (jumps, repeats) and blank lines, the notes after `fmt` are
    the notes before it, numbered 1, 2, 3 ... and `fmt` of its output changes nothing."""
    text = SHAPES[shape](document)
    count = iter(range(len(jumps) * 40))
    text = re.sub(  # numbers that jump and repeat
        r"(?m)^((?:#+ |\*\*)?Q?)(\d+)(?=[.):])",
        lambda found: found[1] + str(int(found[2]) + jumps[int(found[2]) % len(jumps)]),
        text,
    )
    text = re.sub(r"\n\n", lambda _: "\n\n" + gaps[next(count) % len(gaps)], text)
    folder = tmp_path_factory.mktemp("fmt")
    once = tidy(text, folder)
    assert notes_of(once) == notes_of(text)
    numbers = [note.number for note in parse(Text("deck.md", once)).notes]
    assert numbers == list(range(1, len(numbers) + 1))
    assert tidy(once, folder) == once


def test_per_section_numbering_stays_per_section(tmp_path: Path) -> None:
    text = "### A\n1. One?\nA.\n3. Two?\nB.\n### B\n1. Three?\nC.\n5. Four?\nD.\n"
    assert tidy(text, tmp_path) == (
        "### A\n\n1. One?\nA.\n\n2. Two?\nB.\n\n### B\n\n1. Three?\nC.\n\n2. Four?\nD.\n"
    )


def test_fmt_and_its_check(runner: CliRunner, tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(PUBLISHED, content)
    (content / "unanswered.md").unlink()
    (content / "no-answers.md").unlink()
    path = content / "numbering-as-written.md"
    before = read_text(path)
    check = runner.invoke(cli, ["fmt", "--check", str(path)])
    assert (check.exit_code, check.stderr) == (
        1,
        f"{path}: error: not tidy: `ankigen fmt` would change it\n",
    )
    assert read_text(path) == before
    result = runner.invoke(cli, ["fmt", str(path)])
    assert result.output == f"{path}: numbered and tidied\n"
    after = parse(read_text(path)).notes
    assert [note.number for note in after] == [1, 2, 1, 2, 3, 4, 5, 6, 7]
    assert [n.question for n in after] == [n.question for n in parse(before).notes]
    assert runner.invoke(cli, ["fmt", "--check", str(path)]).exit_code == 0


def test_only_the_question_number_changes(tmp_path: Path) -> None:
    """A question that starts with a number of its own keeps it."""
    text = "1. First?\nA.\n\n4. 5. Why five?\nB.\n\n### 6. Six?\nC.\n"
    tidied = tidy(text, tmp_path)
    assert tidied.splitlines()[3] == "2. 5. Why five?"
    assert notes_of(tidied) == notes_of(text)
