"""Writing to disk: all or nothing, so that an interrupted or failed build leaves the previous
files as they were; and what a killed build left behind is removed by the next one."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import signal
import tempfile
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from ankigen.errors import error

PIECE = 2**18
"""Characters of text encoded and written at a time."""
SHORT_NAME = 120
"""File names longer than this (in bytes) are cut in the names of their temporary files."""
TEMPORARY = re.compile(r"\.(?P<name>.+)\.ankigen-(?P<pid>[0-9]+)-[^.]+\.(?:new|old)")
"""A file written (`.new`) or kept (`.old`) while a build replaces the files beside it."""
TEMPORARY_FOLDER = re.compile(r"ankigen-(?P<pid>[0-9]+)-.+")
"""A folder a build works in (packaging a deck, reading one) in the temporary folder."""


def write_files(files: dict[Path, bytes | Iterable[str]]) -> dict[Path, str]:
    """Write each file (bytes, or text in pieces written as they come) through a temporary
    file beside it, flushed to disk; once all are written, put them in place last to first
    (the file given last lands first). If one cannot be put in place, those already put
    back are as they were. The SHA-256 of each file written; an `AnkigenError` names the
    file that could not be written."""
    staged: dict[Path, Path] = {}
    """Each file's temporary file, written."""
    digests: dict[Path, str] = {}
    kept: dict[Path, Path | None] = {}
    placed: list[Path] = []
    with stops_held():  # a stop asked for meanwhile comes once every file is in place
        try:
            for path, data in files.items():
                staged[path], digests[path] = _staged(path, data)
            for path, temporary in reversed(staged.items()):
                kept[path] = _kept(path)
                _place(temporary, path)
                placed.append(path)
        except BaseException:
            _put_back(placed, kept)
            raise
        finally:
            for temporary in staged.values():
                temporary.unlink(missing_ok=True)
            for old in kept.values():
                if old is not None:
                    old.unlink(missing_ok=True)
    return digests


@contextmanager
def stops_held() -> Iterator[None]:
    """Ctrl-C and SIGTERM held back (and acted on after) while files are made and put in
    place, or a folder is made and noted for removal: a stop never falls between making a
    file and noting it, where it would be left behind."""
    if not hasattr(signal, "pthread_sigmask") or (
        threading.current_thread() is not threading.main_thread()
    ):
        yield
        return
    before = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, before)


def remove_leftovers(folders: Iterable[Path]) -> None:
    """Remove what builds killed before they could clean up left in these folders and in
    the temporary folder: files and folders named after a process that has ended."""
    with stops_held():  # the first look for the temporary folder writes a file to probe it
        places = [*folders, Path(tempfile.gettempdir())]
    for folder in places:
        try:
            names = os.listdir(folder)
        except OSError:
            continue
        for name in names:
            found = TEMPORARY.fullmatch(name) or TEMPORARY_FOLDER.fullmatch(name)
            if found is None or _running(int(found["pid"])):
                continue
            path = folder / name
            if path.is_dir():
                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink(missing_ok=True)


def temporary_folder() -> tempfile.TemporaryDirectory[str]:
    """A folder to work in, removed when done (or, if this process is killed first, by the
    next build)."""
    with stops_held():  # made and noted for removal at once
        return tempfile.TemporaryDirectory(prefix=f"ankigen-{os.getpid()}-")


def _temporary_name(path: Path, kind: str) -> str:
    """The prefix of a temporary file beside `path`, naming this process (a long name is
    cut, with a digest of it, so that the temporary one fits where the file itself does)."""
    name = path.name
    if len(name.encode()) > SHORT_NAME:
        name = name[: SHORT_NAME // 4] + "-" + hashlib.sha256(name.encode()).hexdigest()[:16]
    return f".{name}.ankigen-{os.getpid()}-{kind}"


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # there, but another user's
    return True


def _staged(path: Path, data: bytes | Iterable[str]) -> tuple[Path, str]:
    """`data` written to a temporary file beside `path`: that file, and the SHA-256 of what
    it holds (one that cannot be written whole is removed)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(
            prefix=_temporary_name(path, ""), suffix=".new", dir=path.parent
        )
    except OSError as exc:
        raise error(str(path), 0, f"cannot be written: {exc.strerror or exc}") from None
    temporary = Path(name)
    digest = hashlib.sha256()
    try:
        with os.fdopen(handle, "wb") as stream:
            for chunk in _chunks(data):
                stream.write(chunk)
                digest.update(chunk)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o644)
    except BaseException as exc:
        temporary.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise error(str(path), 0, f"cannot be written: {exc.strerror or exc}") from None
        raise
    return temporary, digest.hexdigest()


def _kept(path: Path) -> Path | None:
    """A second name for the file at `path` (None if there is none), so that it can be
    put back if a later file cannot be written."""
    if not path.exists():
        return None
    old = path.with_name(f"{_temporary_name(path, 'kept')}.old")
    try:
        old.unlink(missing_ok=True)
        os.link(path, old)
    except OSError:
        try:
            shutil.copy2(path, old)
        except OSError as exc:
            raise error(str(path), 0, f"cannot be replaced: {exc.strerror or exc}") from None
    return old


def _place(temporary: Path, path: Path) -> None:
    try:
        os.replace(temporary, path)
    except OSError as exc:
        raise error(str(path), 0, f"cannot be written: {exc.strerror or exc}") from None


def _put_back(placed: list[Path], kept: dict[Path, Path | None]) -> None:
    """The files already replaced, as they were (from their second name); those that were
    new, gone."""
    for path in placed:
        old = kept[path]
        try:
            if old is None:
                path.unlink(missing_ok=True)
            else:
                os.replace(old, path)
        except OSError:
            continue  # the error already raised says what failed


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
