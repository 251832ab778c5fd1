"""The paths of a deck project, named here only: the content files, the lock beside each,
the decks folder, each version's `.apkg` in it, and the decks' changelog."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from ankigen.errors import AnkigenError, Problem

CONTENT = Path("content")
"""Where a project's content files are, one deck each: `content/<name>.md`."""
DECKS = Path("decks")
"""Where its decks are built: `decks/<slug>-<version>.apkg`."""
CHANGELOG = "CHANGELOG.md"
"""The decks' changelog, in the decks folder."""
VERSION = re.compile(r"\d+\.\d+\.\d+")
"""A deck's version: MAJOR.MINOR.PATCH."""


def content_files(files: Sequence[Path], folder: Path = CONTENT) -> list[Path]:
    """The content files given, or else every `*.md` in `folder`; `AnkigenError` if none."""
    if files:
        return list(files)
    found = sorted(folder.glob("*.md"))
    if not found:
        where = f"no content files in {folder}/" if folder.is_dir() else "no such folder"
        hint = "give a file, or start one with `ankigen new NAME`"
        raise AnkigenError([Problem(str(folder), 0, f"{where}: {hint}")])
    return found


def lock_path(content: Path) -> Path:
    """Where the lock of a content file lives: beside it, `<name>.lock`."""
    return content.with_suffix(".lock")


def restore(path: Path) -> str:
    """How to bring back the committed copy of a project's file: with git where the file is
    in a git work tree, else from the copy kept elsewhere."""
    if any((folder / ".git").exists() for folder in path.resolve().parents):
        return f"restore it with `git checkout -- {path}`"
    return (
        f"restore {path} from the copy released with the deck (this folder is not in a git "
        "repository: keep the lock under version control, with the deck)"
    )


def content_of(lock: Path) -> Path:
    """The content file a lock belongs to."""
    return lock.with_suffix(".md")


def changelog_path(decks: Path) -> Path:
    """The changelog of the decks in a folder."""
    return decks / CHANGELOG


def deck_path(decks: Path, slug: str, version: str) -> Path:
    """The file of one version of a deck."""
    return decks / f"{slug}-{version}.apkg"


def deck_versions(decks: Path, slug: str) -> dict[Path, str]:
    """The versions of a deck the folder holds, by file (files and folders whose names only
    look like one are left out)."""
    found = {}
    for path in decks.glob(f"{slug}-*.apkg"):
        version = path.name.removeprefix(f"{slug}-").removesuffix(".apkg")
        if VERSION.fullmatch(version) and path.is_file():
            found[path] = version
    return found
