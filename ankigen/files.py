"""Writing to disk: all or nothing, so an interrupted build leaves the previous files intact."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from ankigen.errors import error


def write_files(files: dict[Path, bytes]) -> None:
    """Write each file through a temporary file renamed into place once all are written."""
    staged: list[tuple[str, Path]] = []
    try:
        for path, data in files.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
            staged.append((temporary, path))
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
                stream.flush()
                os.fsync(stream.fileno())
            os.chmod(temporary, 0o644)
        for temporary, path in staged:
            os.replace(temporary, path)
    except OSError as exc:
        target = Path(exc.filename) if exc.filename else next(iter(files))
        raise error(str(target), 0, f"cannot be written: {exc.strerror or exc}") from None
    finally:
        for temporary, _ in staged:
            if os.path.exists(temporary):
                os.unlink(temporary)
