"""ankigen: numbered question-and-answer text in, an Anki deck that updates cleanly out.

The library API, for scripts: `plan_build(content, decks)` works out a build (its
`release`, `deck_bytes` and `stale()`), `.write()` writes it; `load_source(content)` parses
a content file; every problem is raised as `AnkigenError`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = ["AnkigenError", "Build", "__version__", "load_source", "plan_build"]

if TYPE_CHECKING:
    from ankigen.build import Build, load_source, plan_build
    from ankigen.errors import AnkigenError


def __getattr__(name: str) -> Any:
    """Load the library only when it is used: the command line starts faster without it."""
    if name == "AnkigenError":
        from ankigen import errors

        return errors.AnkigenError
    if name in {"Build", "load_source", "plan_build"}:
        from ankigen import build

        return getattr(build, name)
    raise AttributeError(f"module 'ankigen' has no attribute {name!r}")
