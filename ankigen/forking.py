"""Work in a forked process: sent pickled items through one pipe, it answers once through
another. (Forked rather than started through `multiprocessing`, whose loading would cost a
small build a tenth of its time.)"""

from __future__ import annotations

import os
import pickle
import signal
from collections.abc import Callable
from contextlib import suppress
from typing import BinaryIO, Generic, TypeVar

_T = TypeVar("_T")


class Forked(Generic[_T]):
    """A forked process running `work` on the stream of what it is sent; its one answer is
    what `work` returns, or what failed (as the text `stopped` if it died without saying).
    Raises `OSError` if no process can be forked."""

    def __init__(
        self, work: Callable[[BinaryIO], _T | str], stopped: str, pipe_bytes: int = 0
    ) -> None:
        theirs, ours = os.pipe()
        self.replies, answer = os.pipe()
        if pipe_bytes:
            import fcntl  # there is one where there is fork

            if hasattr(fcntl, "F_SETPIPE_SZ"):  # Linux: room for a batch, so this rarely waits
                with suppress(OSError):
                    fcntl.fcntl(ours, fcntl.F_SETPIPE_SZ, pipe_bytes)
        try:
            self.pid = os.fork()
        except OSError:
            for end in (theirs, ours, self.replies, answer):
                os.close(end)
            raise
        if self.pid == 0:  # the forked process
            try:
                os.close(ours)
                os.close(self.replies)
                _answer(work, theirs, answer)
            finally:
                os._exit(0)
        os.close(theirs)
        os.close(answer)
        self.stopped = stopped
        self.stream = open(ours, "wb")  # noqa: SIM115  # closed by `reply` or `stop`

    def send(self, item: object) -> None:
        with suppress(OSError):  # the process has stopped; `reply` says why
            pickle.dump(item, self.stream, pickle.HIGHEST_PROTOCOL)

    def reply(self) -> _T | str:
        """Its answer, once it is done (nothing more can be sent)."""
        with suppress(OSError):
            self.stream.close()
        with open(self.replies, "rb") as stream:
            answer = stream.read()
        os.waitpid(self.pid, 0)
        self.pid = 0
        reply: _T | str = pickle.loads(answer) if answer else self.stopped
        return reply

    def stop(self) -> None:
        """Stop it if it still runs, and let go of its pipes."""
        if self.pid:
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
            self.pid = 0
            os.close(self.replies)
        with suppress(OSError):  # what is still buffered has no reader now
            self.stream.close()


def _answer(work: Callable[[BinaryIO], object], theirs: int, answer: int) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the build that started it handles Ctrl-C
    try:
        with open(theirs, "rb") as stream:
            reply = work(stream)
    except Exception as exc:  # said to the build: a traceback here would reach nobody
        reply = f"{type(exc).__name__}: {exc}"
    with open(answer, "wb") as stream:
        pickle.dump(reply, stream, pickle.HIGHEST_PROTOCOL)
