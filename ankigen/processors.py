"""Work shared over the machine's processors: a list cut in parts, each part done by a
process of its own (forked, so that it starts with everything this one has loaded), the
results put back in order. Where processes cannot be forked, or one processor is all there
is, the work is done here, in one piece: the results are the same."""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import traceback
from collections.abc import Callable, Sequence
from typing import TypeVar

from ankigen.errors import error

Item = TypeVar("Item")
Result = TypeVar("Result")

SMALLEST_PART = 1000
"""Fewer items than this in a part are done here: a process of its own costs more than
they take."""


def usable() -> int:
    """The processors this process may run on, where work can be shared over them (Linux:
    elsewhere, forking a process that has loaded libraries is not safe); else 1."""
    if sys.platform != "linux":
        return 1
    return len(os.sched_getaffinity(0))


def each(
    work: Callable[[Sequence[Item]], list[Result]], items: Sequence[Item], jobs: int | None = None
) -> list[Result]:
    """`work(items)`, with the items cut in up to `jobs` parts (every usable processor
    where None) done at once, the first here and each other in a forked process. An
    exception raised by a part is raised here, the first part's first (as doing the work in
    one piece would)."""
    available = usable()
    parts = max(1, min(jobs or available, available, len(items) // SMALLEST_PART))
    if parts == 1:
        return work(items)
    size = -(-len(items) // parts)
    children = [
        _forked(work, items[start : start + size]) for start in range(size, len(items), size)
    ]
    try:
        results = work(items[:size])
        for pid, reading in children:
            results += _received(pid, reading)
        return results
    finally:
        for pid, reading in children:
            _ended(pid, reading)


def _forked(
    work: Callable[[Sequence[Item]], list[Result]], part: Sequence[Item]
) -> tuple[int, int]:
    """A process doing `work(part)`, and the end of a pipe it writes its outcome to."""
    import pickle  # loaded only where work is shared

    reading, writing = os.pipe()
    pid = os.fork()
    if pid:
        os.close(writing)
        return pid, reading
    try:  # the child: never back into the caller's code, whatever happens
        signal.signal(signal.SIGINT, signal.SIG_DFL)  # stopped with the build, quietly
        os.close(reading)
        try:
            outcome: tuple[bool, object] = (True, work(part))
        except BaseException as exc:  # raised where the work was asked for
            outcome = (False, exc)
        try:
            data = pickle.dumps(outcome)
        except Exception:
            data = pickle.dumps((False, RuntimeError(traceback.format_exc())))
        with os.fdopen(writing, "wb") as pipe:
            pipe.write(data)
    finally:
        os._exit(0)


def _received(pid: int, reading: int) -> list[Result]:
    """What the process wrote: its results, or the exception it raised, raised here."""
    import pickle

    with os.fdopen(os.dup(reading), "rb") as pipe:
        try:  # read as it comes, never the whole of it at once
            done, outcome = pickle.load(pipe)
        except EOFError:
            message = (
                f"a process sharing the work (pid {pid}) ended without a result (was it "
                "stopped, or out of memory?); `--jobs 1` does the work in one process"
            )
            raise error("--jobs", 0, message) from None
    if not done:
        raise outcome
    results: list[Result] = outcome
    return results


def _ended(pid: int, reading: int) -> None:
    """A process stopped if it still runs, and waited for; its pipe closed."""
    os.close(reading)
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
