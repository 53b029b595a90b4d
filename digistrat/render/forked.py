"""Run one call in a forked child process and take its result back (render/typst_pdf.py).

Typst keeps everything it laid out in caches for the life of the process; a child gives that
memory back to the system as soon as it has sent its result. Where the system has no fork
(Windows), the call runs in this process.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
from collections.abc import Callable, Iterator
from typing import Any


@contextlib.contextmanager
def sigint_blocked() -> Iterator[None]:
    """SIGINT held back while a process is forked: the child decides what Ctrl-C does to it
    before it can arrive, and this process gets it afterwards (render/parallel.py too)."""
    old = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


def call_forked(fn: Callable[..., Any], *args: Any) -> Any:
    """``fn(*args)`` in a forked child; its exceptions are raised here, Ctrl-C stops the child."""
    if not hasattr(os, "fork"):  # pragma: no cover - not on Linux
        return fn(*args)
    read_end, write_end = os.pipe()
    with sigint_blocked():  # until the child has set what Ctrl-C does to it
        pid = os.fork()
        if pid == 0:  # the child: never returns into the caller's code
            _child(read_end, write_end, fn, args)
        os.close(write_end)
    try:
        with os.fdopen(read_end, "rb") as pipe:
            data = pipe.read()
    except BaseException:  # Ctrl-C while waiting: the child goes too
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        raise
    _, status = os.waitpid(pid, 0)
    if not data:
        from digistrat.errors import DigistratError

        raise DigistratError(f"Ein Satzprozess wurde unerwartet beendet (Status {os.waitstatus_to_exitcode(status)}).")
    ok, value = pickle.loads(data)
    if not ok:
        raise value
    return value


def _child(read_end: int, write_end: int, fn: Callable[..., Any], args: tuple) -> None:
    code = 0
    try:
        os.close(read_end)
        # Ctrl-C ends this child at once, even inside Typst (the parent prints "Abgebrochen."),
        # and so does the end of its parent (a killed render worker)
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        _end_with_parent()
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
        try:
            answer = pickle.dumps((True, fn(*args)))
        except Exception as exc:  # raised again in the parent
            try:
                answer = pickle.dumps((False, exc))
            except Exception:
                answer = pickle.dumps((False, RuntimeError(f"{type(exc).__name__}: {exc}")))
        with os.fdopen(write_end, "wb") as pipe:
            pipe.write(answer)
    except BaseException:
        code = 1
    finally:
        os._exit(code)


def _end_with_parent() -> None:
    """Linux: this process gets SIGKILL when its parent ends (prctl PR_SET_PDEATHSIG)."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL, 0, 0, 0)  # 1 = PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # pragma: no cover - not Linux: Ctrl-C still ends it
        return
