"""Writing to disk: all or nothing, so an interrupted build leaves the previous files intact."""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from ankigen.errors import error

PIECE = 2**18
"""Characters of text encoded and written at a time."""


def write_files(files: dict[Path, bytes | Iterable[str]]) -> dict[Path, str]:
    """Write each file (bytes, or text in pieces written as they come) through a temporary
    file beside it, flushed to disk; once all are written, rename them into place last to
    first (the file given last lands first). The SHA-256 of each file written."""
    staged: list[tuple[str, Path]] = []
    digests = {}
    try:
        for path, data in files.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
            staged.append((temporary, path))
            digest = hashlib.sha256()
            with os.fdopen(handle, "wb") as stream:
                for chunk in _chunks(data):
                    stream.write(chunk)
                    digest.update(chunk)
                stream.flush()
                os.fsync(stream.fileno())
            os.chmod(temporary, 0o644)
            digests[path] = digest.hexdigest()
        for temporary, path in reversed(staged):
            os.replace(temporary, path)
    except OSError as exc:
        target = (
            Path(exc.filename) if exc.filename else staged[-1][1] if staged else next(iter(files))
        )
        raise error(str(target), 0, f"cannot be written: {exc.strerror or exc}") from None
    finally:
        for temporary, _ in staged:
            if os.path.exists(temporary):
                os.unlink(temporary)
    return digests


def _chunks(data: bytes | Iterable[str]) -> Iterator[bytes]:
    if isinstance(data, bytes):
        yield data
        return
    batch: list[str] = []
    length = 0
    for piece in data:
        batch.append(piece)
        length += len(piece)
        if length >= PIECE:
            yield "".join(batch).encode("utf-8")
            batch, length = [], 0
    yield "".join(batch).encode("utf-8")
