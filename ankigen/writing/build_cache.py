"""What the last build on this machine read and wrote, so an unchanged rebuild can stop early.

Kept in the user's cache folder, never in the project: it depends on this machine's copy of
ankigen and its libraries, while the committed lock must not.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from collections.abc import Sequence
from functools import cache
from pathlib import Path

from ankigen.project import changelog_path, lock_path

LIBRARIES = ("genanki", "pyromark", "nh3", "pygments", "ftfy")


def cache_file(content: Path) -> Path:
    """Where the record of the last build of a content file is kept."""
    root = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "ankigen"
    key = hashlib.sha256(str(content.resolve()).encode()).hexdigest()[:24]
    return root / f"{key}.json"


def _inputs_digest(content: Path, text: bytes, images: list[str]) -> str | None:
    """A digest of everything a build reads: the content file (by its bytes' digest), its
    images, and the other content files beside it (whose decks it must not share); None if
    one of them can no longer be read."""
    base = content.parent.resolve()
    digest = hashlib.sha256(_code_fingerprint())
    digest.update(text)
    beside = sorted(p for p in base.glob("*.md") if p.name != content.name)
    try:
        for image in images:
            digest.update(b"\0" + image.encode() + b"\0" + (base / image).read_bytes())
        for other in beside:
            if not stat.S_ISREG(other.stat().st_mode):
                return None  # a pipe or a device is never read: build, and let it say so
            digest.update(b"\0" + other.name.encode() + b"\0" + other.read_bytes())
    except OSError:
        return None
    return digest.hexdigest()


def _file_digest(path: Path) -> str | None:
    """The SHA-256 of a file's bytes, or None if it cannot be read."""
    try:
        with path.open("rb") as stream:
            return hashlib.file_digest(stream, "sha256").hexdigest()
    except OSError:
        return None


def up_to_date(content: Path, decks: Path, skip_unanswered: bool = False) -> Path | None:
    """The deck, if the last build of `content` on this machine into `decks` still stands.

    Cheap: it hashes the files the last build wrote, then (if they are as it left them) the
    files it read, and parses nothing. Any doubt (no record, a changed file, another
    ankigen) answers None.
    """
    record = _load_record(content)
    if record.get("skip_unanswered", False) != skip_unanswered:
        return None  # built with other options: another build
    deck, images = record.get("deck"), record.get("images")
    if not isinstance(deck, str) or not isinstance(images, list):
        return None
    deck_path = Path(deck)
    if deck_path.parent.resolve() != decks.resolve():
        return None
    for key, path in _written(content, deck_path).items():
        written = _file_digest(path)
        if written is None or record.get(key) != written:
            return None
    read = _file_digest(content)
    if read is None:
        return None
    inputs = _inputs_digest(content, bytes.fromhex(read), images)
    if inputs is None or record.get("inputs") != inputs:
        return None
    return deck_path


def remember_build(
    content: Path,
    text: bytes,
    images: Sequence[str],
    deck: Path,
    digests: dict[Path, str],
    skip_unanswered: bool = False,
) -> None:
    """Record a build just written for `up_to_date`: what it read (the content file by its
    bytes' digest, `Text.digest`) and the SHA-256 of each file it wrote, by path.

    A cache that cannot be written only costs the next build time.
    """
    record = {
        "inputs": _inputs_digest(content, text, list(images)),
        "skip_unanswered": skip_unanswered,
        "images": list(images),
        "deck": str(deck),
        **{key: digests[path] for key, path in _written(content, deck).items()},
    }
    path = cache_file(content)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(record, sort_keys=True), encoding="utf-8")
    except OSError:
        pass


def _written(content: Path, deck: Path) -> dict[str, Path]:
    """The files a build writes, by the names their digests have in its record."""
    return {
        "deck_sha256": deck,
        "lock": lock_path(content),
        "changelog": changelog_path(deck.parent),
    }


def _load_record(content: Path) -> dict[str, object]:
    """The record of the last build of `content`, or an empty one."""
    try:
        record = json.loads(cache_file(content).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return record if isinstance(record, dict) else {}


@cache
def _code_fingerprint() -> bytes:
    """ankigen's own files and the installed libraries: what else shapes a deck's bytes.

    The libraries are known by the `*.dist-info` folders beside them: any install or
    upgrade there changes the fingerprint (cheaper than asking each for its version).
    """
    from importlib.util import find_spec

    digest = hashlib.sha256()
    package = Path(__file__).resolve().parent.parent  # ankigen/, above writing/
    for source in sorted([*package.rglob("*.py"), *package.rglob("*.css")]):
        digest.update(str(source.relative_to(package)).encode() + source.read_bytes())
    folders = set()
    for library in LIBRARIES:
        spec = find_spec(library)
        if spec is not None and spec.origin is not None:
            folders.add(Path(spec.origin).parent.parent)
    for folder in sorted(folders):
        installed = sorted(name for name in os.listdir(folder) if name.endswith(".dist-info"))
        digest.update(str(folder).encode() + "\n".join(installed).encode())
    return digest.digest()
