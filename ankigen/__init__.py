"""ankigen: numbered question-and-answer text in, an Anki deck that updates cleanly out.

The library API, for scripts, is one function for each command, in `ankigen.api` and
here: `build`, `plan` (a dry run), `stale` (`build --check`), `check`, `adopt`,
`new_deck`, `tidy` (`fmt`), `preview`, `notes` (`parse`), `release_notes` (`diff`),
`explain` (`parse --explain`) and `push`. Each returns a record of what it did; every
problem is raised as `AnkigenError`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = [
    "AnkigenError",
    "__version__",
    "adopt",
    "build",
    "check",
    "explain",
    "new_deck",
    "notes",
    "plan",
    "preview",
    "push",
    "release_notes",
    "stale",
    "tidy",
]

if TYPE_CHECKING:
    from ankigen.api import (
        adopt,
        build,
        check,
        explain,
        new_deck,
        notes,
        plan,
        preview,
        push,
        release_notes,
        stale,
        tidy,
    )
    from ankigen.errors import AnkigenError


def __getattr__(name: str) -> Any:
    """Load the library only when it is used: the command line starts faster without it."""
    if name == "AnkigenError":
        from ankigen import errors

        return errors.AnkigenError
    if name in __all__:
        from ankigen import api

        return getattr(api, name)
    raise AttributeError(f"module 'ankigen' has no attribute {name!r}")
