"""The paths of a deck project, named here only: the content files, the lock beside each,
the decks folder, each version's `.apkg` in it, and the decks' changelog."""

from __future__ import annotations

import os
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
DECK_DETAILS = "deck.toml"
"""What a deck folder's deck is (its title, `deck_id`...), beside its content files."""
VERSION = re.compile(r"\d+\.\d+\.\d+")
"""A deck's version: MAJOR.MINOR.PATCH."""


def project_folder() -> Path:
    """The deck project the current folder is in: the nearest folder, this one or one above
    it, that holds `content/` (so that commands work from inside `content/` too); else this
    one."""
    here = Path.cwd()
    return next((folder for folder in (here, *here.parents) if (folder / CONTENT).is_dir()), here)


def content_folder() -> Path:
    """The project's content folder, as a path from the current folder."""
    return _from_here(project_folder() / CONTENT)


def decks_folder() -> Path:
    """The project's decks folder, as a path from the current folder."""
    return _from_here(project_folder() / DECKS)


def _from_here(path: Path) -> Path:
    return Path(os.path.relpath(path))


def content_files(files: Sequence[Path], folder: Path | None = None) -> list[Path]:
    """The content files (and deck folders) given, or else those in the project's content
    folder (as for the content folder given); `AnkigenError` if none."""
    here = content_folder()
    if files:
        return [
            found
            for path in files
            for found in (content_files((), here) if _same(path, here) else [path])
        ]
    folder = here if folder is None else folder
    found = sorted(path for path in folder.glob("*") if path.suffix == ".md" or holds_content(path))
    if not found:
        where = f"no content files in {folder}/" if folder.is_dir() else "no such folder"
        hint = "give a file, or start one with `ankigen new NAME`"
        raise AnkigenError([Problem(str(folder), 0, f"{where}: {hint}")])
    return found


def one_content_file(file: Path | None) -> Path:
    """The content file given, or else the project's one content file; `AnkigenError` if it
    has none, or several."""
    if file is not None:
        return file
    found = content_files(())
    if len(found) != 1:
        names = ", ".join(str(path) for path in found)
        raise AnkigenError([Problem(str(content_folder()), 0, f"holds {names}: name one")])
    return found[0]


def _same(path: Path, other: Path) -> bool:
    return path.is_dir() and path.resolve() == other.resolve()


def holds_content(path: Path) -> bool:
    """Whether a path is a folder of content files: a deck of many files."""
    return path.is_dir() and any(file.is_file() for file in path.glob("*.md"))


def lock_path(content: Path) -> Path:
    """Where the lock of a content file (or a deck folder) lives: beside it, `<name>.lock`."""
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


def content_size(lock: Path) -> int:
    """How large the content a lock belongs to is: its file's bytes, or those of its
    folder's files (0 where there is none)."""
    folder = lock.with_suffix("")
    files = sorted(folder.glob("*.md")) if folder.is_dir() else [lock.with_suffix(".md")]
    size = 0
    for file in files:
        try:
            size += file.stat().st_size
        except OSError:
            continue
    return size


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
