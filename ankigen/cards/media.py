"""Local images a deck shows: read, checked, and named by their bytes.

A name derived from the bytes means an unchanged image keeps its name in every version
(Anki makes no copies) and a changed one gets a new name (no stale image is shown).
"""

from __future__ import annotations

import hashlib
import re
from functools import partial
from pathlib import Path
from typing import NamedTuple
from urllib.parse import unquote, urlsplit

from ankigen.errors import AnkigenError, error
from ankigen.reading.text import read_bytes

_error = partial(error, code="image")
"""What goes wrong here is of one kind, for tools that read problems."""

MAX_IMAGE_BYTES = 32 * 2**20
"""An image larger than this is surely not meant for a card."""
LIVE_SVG = re.compile(
    rb"<\s*(?:script|foreignObject|iframe|a)\b|\son[a-z]+\s*=|javascript:|(?:xlink:)?href\s*=\s*[\"']?\s*(?:https?:|//|data:)",
    re.IGNORECASE,
)
"""What makes an SVG more than a picture: scripts, event handlers, links, other content."""
IMAGE_TYPES = (".avif", ".bmp", ".gif", ".jpeg", ".jpg", ".png", ".svg", ".webp")


class Image(NamedTuple):
    """A local image a card shows."""

    name: str
    """The name it is packaged under, made of its bytes."""
    file: str
    """Its file, relative to the content file's folder."""
    data: bytes


class MediaFolder:
    """Where the images referenced from a deck's content files are: the folder they are in."""

    def __init__(self, folder: Path) -> None:
        self.base = folder.resolve()

    def image(self, src: str, line: int, file: str) -> Image | None:
        """The image `src` names (at a line of a file), read and checked; None for a remote
        URL (left as it is)."""
        if urlsplit(src).scheme or src.startswith("//"):
            return None
        if "\0" in unquote(src):
            raise _error(file, line, f"image {src!r} is not a file name (it holds a NUL)")
        target = (self.base / unquote(src)).resolve()
        if not target.is_relative_to(self.base):
            raise _error(file, line, f"image {src!r} is outside the content file's folder")
        suffix = target.suffix.lower()
        if suffix not in IMAGE_TYPES:
            kinds = ", ".join(IMAGE_TYPES)
            raise _error(file, line, f"image {src!r} is not a supported type ({kinds})")
        try:
            data = read_bytes(target, MAX_IMAGE_BYTES, "an image")
        except AnkigenError as exc:
            (problem,) = exc.problems
            missing = problem.code == "missing"
            reason = f"not found (looked for {target})" if missing else problem.message
            raise _error(file, line, f"image {src!r} {reason}") from None
        if len(data) > MAX_IMAGE_BYTES:
            raise _error(file, line, f"image {src!r} is larger than {MAX_IMAGE_BYTES // 2**20} MiB")
        if suffix == ".svg" and LIVE_SVG.search(data):
            raise _error(
                file,
                line,
                f"image {src!r} holds a script, an event handler or a "
                "link: an SVG on a card must be a picture only",
            )
        suffix = ".jpg" if suffix == ".jpeg" else suffix
        name = f"ankigen-{hashlib.sha256(data).hexdigest()[:16]}{suffix}"
        return Image(name, target.relative_to(self.base).as_posix(), data)
