"""What the last build on this machine read and wrote, so an unchanged rebuild can stop early.

Kept in the user's cache folder, never in the project: it depends on this machine's copy of
ankigen and its libraries, while the committed lock must not.
"""

from __future__ import annotations

import hashlib
import json
import os
from functools import cache
from importlib import metadata
from pathlib import Path

import ankigen

LIBRARIES = ("genanki", "markdown", "nh3", "pygments", "pymdown-extensions", "ftfy")


def cache_file(content: Path) -> Path:
    """Where the record of the last build of a content file is kept."""
    root = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "ankigen"
    key = hashlib.sha256(str(content.resolve()).encode()).hexdigest()[:24]
    return root / f"{key}.json"


def inputs_digest(text: str, base: Path, images: list[str]) -> str | None:
    """A digest of everything a build reads; None if an image can no longer be read."""
    digest = hashlib.sha256(_code_fingerprint())
    digest.update(text.encode("utf-8", "surrogatepass"))
    for image in images:
        try:
            digest.update(b"\0" + image.encode() + b"\0" + (base / image).read_bytes())
        except OSError:
            return None
    return digest.hexdigest()


def file_digest(path: Path) -> str | None:
    """The SHA-256 of a file's bytes, or None if it cannot be read."""
    try:
        with path.open("rb") as stream:
            return hashlib.file_digest(stream, "sha256").hexdigest()
    except OSError:
        return None


def load_record(content: Path) -> dict[str, object]:
    """The record of the last build of `content`, or an empty one."""
    try:
        record = json.loads(cache_file(content).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return record if isinstance(record, dict) else {}


def save_record(content: Path, record: dict[str, object]) -> None:
    """Remember a build; a cache that cannot be written only costs the next build time."""
    path = cache_file(content)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(record, sort_keys=True), encoding="utf-8")
    except OSError:
        pass


@cache
def _code_fingerprint() -> bytes:
    """ankigen's own code and its libraries' versions: what else shapes a deck's bytes."""
    digest = hashlib.sha256()
    for source in sorted(Path(ankigen.__file__).parent.glob("*.py")):
        digest.update(source.name.encode() + source.read_bytes())
    for library in LIBRARIES:
        try:
            digest.update(f"{library}={metadata.version(library)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{library}=none".encode())
    return digest.digest()
