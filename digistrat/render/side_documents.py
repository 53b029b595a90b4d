"""The other documents of an HTML run, rendered beside a long agenda by one more process (issue 14).

Why: a long HTML agenda keeps both cores busy (render/agenda_split.py), but the documents
before and after it ran one after another in this process: at 10,000 Steckbriefe Anlage 1,
Anlage 4, the granted-only rollup and the finance blocks took about 2.5 s, with the second
core idle. Rendered by a forked process while this one renders the agenda, they share both
cores with it.

How: when the run starts and its agenda will be split, a process is forked. It renders every
other document in plan order and keeps each text compressed; this process renders the agenda
and writes it piece by piece as always, then receives the texts and writes them. A document's
text does not depend on the process that renders it (each reads only the prepared renderer),
so every file is byte for byte the one of a run in one process (tests/test_render_side.py).

If the worker fails on a document, or dies, this process renders that document and the ones
after it itself, so a template error is reported exactly as without the worker, with its line.
"""

from __future__ import annotations

import signal
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from digistrat.render import agenda_split
from digistrat.render.forked import sigint_blocked


def agenda_job(renderer, jobs: Sequence) -> int | None:
    """The index of the agenda in ``jobs`` when the other documents are worth a worker, else None:
    an HTML agenda long enough to be split over the cores (agenda_split), and something beside it."""
    if len(jobs) < 2:
        return None
    for i, (dok, _) in enumerate(jobs):
        if agenda_split.wanted(renderer, dok):
            details = len(renderer.project.steckbriefe)
            return i if agenda_split.split_allowed(renderer.processes, details) else None
    return None


def render_beside_agenda(renderer, jobs: Sequence, agenda: int) -> Iterator[tuple[int, str | Iterable[str]]]:
    """(index, content) for every job: the agenda first, as pieces still to be made (write them
    before asking for the next), then the others in plan order."""
    others = [i for i in range(len(jobs)) if i != agenda]
    worker = _fork(renderer, jobs, others)
    try:
        yield agenda, renderer.pieces(*jobs[agenda])
        texts = _receive(worker) if worker is not None else {}
        _stop(worker)
        worker = None
        for i in others:
            text = texts.pop(i, None)
            # not sent (the worker failed on it, or died): rendered here, an error reported as always
            yield i, agenda_split.unpack(text) if text is not None else renderer.pieces(*jobs[i])
    finally:
        _stop(worker)


def _fork(renderer, jobs: Sequence, others: list[int]):
    import multiprocessing
    import sys

    mp = multiprocessing.get_context("fork")
    receive, send = mp.Pipe(duplex=False)
    sys.stdout.flush()  # the worker must not write again what this process has buffered
    sys.stderr.flush()
    process = mp.Process(target=_child, args=(receive, renderer, jobs, others, send), daemon=True)
    try:
        with sigint_blocked():  # Ctrl-C is this process's to handle; it stops the worker
            process.start()
    except OSError:  # fork failed (the process limit, memory): every document here
        receive.close()
        return None
    finally:
        send.close()
    return process, receive


def _child(inherited, renderer, jobs: Sequence, others: list[int], conn) -> None:
    """In the worker: its copy of the parent's end closed first (else its send would block forever
    once the parent is killed); Ctrl-C ignored, it was blocked from before the fork until now."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    inherited.close()
    texts: list[tuple[int, bytes]] = []
    try:
        for i in others:
            texts.append((i, agenda_split.pack("".join(renderer.pieces(*jobs[i])))))
    except BaseException:  # the parent renders this document again and reports the error
        pass
    try:
        conn.send(texts)
    except OSError:  # the parent is gone: no traceback of this process on its terminal
        pass
    finally:
        conn.close()


def _receive(worker) -> dict[int, bytes]:
    """What the worker sent (an empty dict when it died before sending)."""
    _, conn = worker
    try:
        return dict(conn.recv())
    except (EOFError, OSError):
        return {}


def _stop(worker: Any) -> None:
    if worker is not None:
        process, conn = worker
        process.kill()
        process.join()
        conn.close()
