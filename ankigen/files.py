"""Writing to disk: all or nothing, so an interrupted build leaves the previous files intact."""

from __future__ import annotations

import hashlib
import os
import tempfile
import threading
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from ankigen.errors import error

PIECE = 2**18
"""Bytes (or characters) written at a time."""


def write_files(files: dict[Path, bytes | Callable[[], Path] | Iterable[str]]) -> dict[Path, str]:
    """Write each file (bytes; a copy of the file a function returns once it is ready; or
    text in pieces written as they come) through a temporary file; once all are written,
    rename them into place last to first (the file given last lands first). The SHA-256 of
    each file written."""
    staged: list[tuple[str, Path]] = []
    digests = {}
    syncs = _Syncs()
    try:
        for path, data in files.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
            staged.append((temporary, path))
            digest = hashlib.sha256()
            stream = os.fdopen(handle, "wb")
            try:
                for chunk in _chunks(data):
                    stream.write(chunk)
                    digest.update(chunk)
                stream.flush()
            finally:
                syncs.add(stream, path)  # on disk while the next file is written
            os.chmod(temporary, 0o644)
            digests[path] = digest.hexdigest()
        syncs.wait()
        for temporary, path in reversed(staged):
            os.replace(temporary, path)
    except OSError as exc:
        target = Path(exc.filename) if exc.filename else next(iter(files))
        raise error(str(target), 0, f"cannot be written: {exc.strerror or exc}") from None
    finally:
        syncs.wait(raising=False)
        for temporary, _ in staged:
            if os.path.exists(temporary):
                os.unlink(temporary)
    return digests


class _Syncs:
    """Files flushed to disk and closed in the background, each in a thread of its own."""

    def __init__(self) -> None:
        self.threads: list[threading.Thread] = []
        self.failed: dict[int, OSError] = {}
        """What failed, by the file's place in the order they were given."""

    def add(self, stream: BinaryIO, path: Path) -> None:
        place = len(self.threads)

        def sync() -> None:
            try:
                os.fsync(stream.fileno())
            except OSError as exc:
                exc.filename = str(path)
                self.failed[place] = exc
            finally:
                stream.close()

        thread = threading.Thread(target=sync)
        thread.start()
        self.threads.append(thread)

    def wait(self, raising: bool = True) -> None:
        """Once every file is on disk; the failure of the first file that failed raised."""
        for thread in self.threads:
            thread.join()
        if self.failed and raising:
            raise self.failed[min(self.failed)]


def _chunks(data: bytes | Callable[[], Path] | Iterable[str]) -> Iterator[bytes]:
    if isinstance(data, bytes):
        yield data
    elif callable(data):
        with data().open("rb") as source:
            yield from iter(lambda: source.read(PIECE), b"")
    else:
        yield from _encoded(data)


def _encoded(pieces: Iterable[str], size: int = PIECE) -> Iterator[bytes]:
    """UTF-8 of the pieces, about `size` characters at a time."""
    batch: list[str] = []
    length = 0
    for piece in pieces:
        batch.append(piece)
        length += len(piece)
        if length >= size:
            yield "".join(batch).encode("utf-8")
            batch, length = [], 0
    yield "".join(batch).encode("utf-8")
