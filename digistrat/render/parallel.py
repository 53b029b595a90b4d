"""Render independent documents side by side in forked worker processes (issue 14).

Every document of a run depends only on the prepared :class:`~digistrat.render.writer.Renderer`
(project, rollup, templates), so the documents can be rendered in any order and in any process
and come out byte-for-byte the same. Workers are forked from the process that prepared the
renderer: they inherit it and are sent only job numbers, nothing is pickled on the way in.
Each document gets a fresh worker process, so the memory WeasyPrint needed
for a long annex goes back to the system as soon as that annex is written.

The longest documents are started first (Anlage 2 grows with the Steckbriefe, the finance
blocks do not), so that the short ones fill the other core meanwhile.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from typing import Any

# PDF pays off from two documents on. Markdown and HTML use workers only when asked for
# (``--jobs``): each forked worker soon holds its own copy of the model (reference counts
# touch its pages), which at 10,000 Steckbriefe took the tree from 818 MB (largest process)
# to 1,359 MB PSS, while the text documents are quick to render one after another.
# Rough cost per document, largest first; documents not named here are cheap.
COST_ORDER = ("agenda", "strategie", "ressourcen", "organisation")

# The renderer and jobs of the current run, inherited by the forked workers.
_RENDERER: Any = None
_JOBS: Sequence = ()


def available_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


def worker_count(fmt: str, jobs: int, processes: int | None = None) -> int:
    """How many worker processes to use for ``jobs`` documents; 0 means: render in this process.

    ``processes``: what ``--jobs`` asked for; None: all cores for PDF, one process otherwise.
    """
    if processes is None:
        processes = available_cores() if fmt == "pdf" else 1
    if processes < 2 or jobs < 2 or not _can_fork():
        return 0
    return min(processes, jobs)


def _can_fork() -> bool:
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods()


def _cost_rank(job) -> int:
    dok = job[0]
    return COST_ORDER.index(dok.schluessel) if dok.schluessel in COST_ORDER else len(COST_ORDER)


def _work(index: int, conn) -> None:
    """In the forked worker: render one job and send (ok, content or exception) to the parent."""
    try:
        result: tuple[bool, Any] = (True, _RENDERER.render(*_JOBS[index]))
    except BaseException as exc:  # handed to the parent, which raises it
        result = (False, exc)
    try:
        conn.send(result)
    except Exception:  # an exception that cannot be pickled: its text is enough
        conn.send((False, RuntimeError(str(result[1]))))
    finally:
        conn.close()


def render_parallel(renderer, jobs: Sequence, workers: int) -> Iterator[tuple[int, str | bytes]]:
    """(index into ``jobs``, content) for every job, in the order the workers finish them.

    One forked process per document, started from this thread only. (multiprocessing.Pool
    forks replacement workers from a helper thread; a worker terminated while holding the task
    queue's lock left its replacement waiting forever, and the pool's shutdown with it.)
    """
    import multiprocessing
    from multiprocessing.connection import wait

    from digistrat.errors import DigistratError

    global _RENDERER, _JOBS
    context = multiprocessing.get_context("fork")
    pending = sorted(range(len(jobs)), key=lambda i: (_cost_rank(jobs[i]), i), reverse=True)
    running: dict[Any, tuple[Any, int]] = {}
    _RENDERER, _JOBS = renderer, jobs
    try:
        while pending or running:
            while pending and len(running) < workers:
                index = pending.pop()
                receive, send = context.Pipe(duplex=False)
                process = context.Process(target=_work, args=(index, send), daemon=True)
                process.start()
                send.close()
                running[receive] = (process, index)
            for ready in wait(list(running)):
                conn: Any = ready
                process, index = running.pop(conn)
                payload: Any
                try:
                    ok, payload = conn.recv()
                except EOFError:
                    ok, payload = False, None
                conn.close()
                process.join()
                if not ok:
                    if isinstance(payload, BaseException):
                        raise payload
                    raise DigistratError(f"Ein Render-Prozess wurde unerwartet beendet (Exit-Code {process.exitcode}).")
                yield index, payload
    finally:
        for pipe, (process, _) in running.items():
            process.kill()
            process.join()
            pipe.close()
        _RENDERER, _JOBS = None, ()


def render_all(renderer, jobs: Sequence, workers: int) -> Iterator[tuple[int, str | bytes]]:
    """(index, content) for every job: in worker processes when ``workers`` > 1, else here, in order."""
    if workers > 1:
        yield from render_parallel(renderer, jobs, workers)
        return
    for i, (dok, partner) in enumerate(jobs):
        yield i, renderer.render(dok, partner)
