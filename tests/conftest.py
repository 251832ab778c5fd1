"""Shared fixtures: the project's files, a CLI runner, and a real Anki collection to import into."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from ankigen.reading.deck import load_source
from tests.anki_helpers import Learner

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content" / "ml-interview-questions.md"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEED = FIXTURES / "seed.txt"
"""The raw question list ankigen was first built for, byte for byte (preamble, mojibake and all)."""
DECK = load_source(CONTENT).deck
"""What the content file says of its deck."""


@pytest.fixture(autouse=True)
def private_cache(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each test has its own build cache, never the user's."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A maintainer's working copy: the deck's content file and nothing built yet."""
    (tmp_path / "content").mkdir()
    shutil.copy(CONTENT, tmp_path / "content" / CONTENT.name)
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def learner(tmp_path: Path) -> Iterator[Learner]:
    """A learner's fresh Anki collection."""
    person = Learner(tmp_path / "learner" / "collection.anki2")
    yield person
    person.close()
